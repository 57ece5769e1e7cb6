from django.db import models


class FilingState(models.TextChoices):
    """A filing's life (DOMAIN.md §5)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回修改"
    ACCEPTED = "accepted", "已审核通过"
    ISSUED = "issued", "已印发"

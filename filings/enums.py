from django.db import models


class FilingState(models.TextChoices):
    """A filing's life (DOMAIN.md §5)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回修改"
    ACCEPTED = "accepted", "已审核通过"
    ISSUED = "issued", "已印发"


class ReminderReason(models.TextChoices):
    """Why a unit is reminded of a filing; each is sent once per due date."""

    DUE_SOON = "due_soon", "即将到期"
    LATE = "late", "已逾期"

from django.db import models


class Finding(models.TextChoices):
    """The office's finding on an objection (异议) to a public notice."""

    PENDING = "pending", "待处理"
    UPHELD = "upheld", "异议成立"
    DISMISSED = "dismissed", "异议不成立"

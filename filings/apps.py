from django.apps import AppConfig


class FilingsConfig(AppConfig):
    """Plans, standards, demo-site lists and annual summaries units file (DOMAIN.md §5)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "filings"
    verbose_name = "报送备案"

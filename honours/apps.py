from django.apps import AppConfig


class HonoursConfig(AppConfig):
    """December: public notice (公示) with objections, commendation (命名表彰), honour roll."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "honours"
    verbose_name = "公示与表彰"

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        from portal import pagecache

        # Every committed write to the portal's or Wagtail's content bumps the page
        # cache's content generation (portal/pagecache.py).
        pagecache.connect()

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ACCOUNTS = True
# Without REDIS_URL the single runserver process counts rate limits in its own memory.
if "django_redis" not in CACHES["default"]["BACKEND"]:  # noqa: F405
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ACCOUNTS = True

"""The bench's baseline: a Django project with one view, a fixed 2 KB page, no database.

Served by gunicorn exactly as the portal is (2 sync workers) so the portal's pages can be
quoted as a fraction of what Django itself serves on this machine.
"""

SECRET_KEY = "bench-trivial-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "trivial.urls"
WSGI_APPLICATION = "trivial.wsgi.application"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
TEMPLATES: list = []
USE_TZ = True
USE_I18N = False
LOGGING = {"version": 1, "disable_existing_loggers": False}

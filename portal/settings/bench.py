"""`make bench`: production settings served over plain HTTP on 127.0.0.1.

Everything else is production's (DEBUG off, WhiteNoise, the manifest static storage,
Redis from REDIS_URL); only what HTTP on localhost needs changes, plus a Server-Timing
header (`bench.servertiming`) so the bench can read the server's own time per request.

`BENCH_NO_PAGE_CACHE=1` serves the portal with its anonymous page cache turned off
(the bench's "uncached" figures): `PAGE_CACHE_ENABLED = False` and any middleware
whose path names a page cache removed.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")

from .production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,  # noqa: F405
    "security.W004",
    "security.W008",
    "security.W012",
    "security.W016",
]

MIDDLEWARE = ["bench.servertiming.ServerTimingMiddleware", *MIDDLEWARE]  # noqa: F405

if os.environ.get("BENCH_NO_PAGE_CACHE") == "1":
    PAGE_CACHE_ENABLED = False
    MIDDLEWARE = [m for m in MIDDLEWARE if "pagecache" not in m.lower().replace("_", "")]

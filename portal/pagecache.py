"""The page cache: whole responses of the public pages, kept for anonymous visitors.

A cache hit costs one cache round trip (`get_many` of the content generation and the
page: one MGET in Redis; only a GET of the generation when this process holds a copy of
the page); no database query, no session, no template. It is never stale:

- Every entry holds the *content generation* it was rendered under, and is served only
  while that is still the current one (`pagecache:generation` in the cache, read in the
  same MGET). Every committed write to a table of the portal's own apps or of Wagtail's
  pages, images, documents, sites and search index bumps it. Writes are seen at the database layer
  (an execute wrapper on every connection), so `QuerySet.update()`, `bulk_create`, fast
  deletes and raw SQL count as much as `save()`; the bump runs on commit, and the
  generation is read before the page is rendered, so an entry of the new generation
  never holds rows older than the write.
- The key holds the Asia/Shanghai date (notices open and close, things fall due), the
  scheme, the host and the full path with its query string.

Only what is the same for every anonymous visitor is stored: GET requests carrying no
session or messages cookie, served by the index route of a live Wagtail page whose class
says `cache_anonymous = True`, answered 200 with no cookie and no `private`, `no-cache`
or `no-store` (view restrictions, forms with a CSRF token, sub-routes such as the
notice's objection form and file downloads never qualify). Previews are served by the
admin, never by Wagtail's `serve` view, and are never looked up or stored. The response
says `X-Page-Cache: hit` or `miss` (stored).

Settings: `PAGE_CACHE_ENABLED` (on by default only with Redis: a per-process cache would
miss the bumps of the other processes) and `PAGE_CACHE_SECONDS` (0 turns it off).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import secrets

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"

# Writes to these apps' tables may change a public page.
WATCHED_APPS = frozenset(
    {
        "portal",
        "campaigns",
        "nominations",
        "honours",
        "filings",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtailsearch",  # the honour roll's search index, updated by the worker after the honours
        "taggit",
    }
)
# Written while rendering a page (image renditions): no page changes with them.
IGNORED_TABLES = frozenset({"wagtailimages_rendition"})
# URL prefixes that are never Wagtail pages: not even looked up.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/workbench/", "/accounts/", "/captcha/")

# Longer query strings (odd searches) are served but not stored.
MAX_QUERY_STRING = 512
# Pages at least this long are also kept gzip-compressed (once, when stored) for clients
# that accept it, as browsers do: a notice of a thousand entries is some 400 KB of HTML.
GZIP_MIN_BYTES = 2048
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Recomputed for the body a hit sends.
_BODY_HEADERS = frozenset({"content-length", "content-encoding"})

_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[`"]?([\w.]+)', re.IGNORECASE
)
_watched_tables: frozenset[str] | None = None


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", False)) and page_seconds() > 0


def page_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


# --- the generation ----------------------------------------------------------------


def _fresh_generation() -> int:
    # A lost generation key (eviction, restart) starts again far from any earlier value,
    # so no entry stored under an old generation can be read again.
    return secrets.randbits(62)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump() -> None:
    """A new content generation: every stored page is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
    except Exception:  # the cache is down: its entries are unreachable too
        logger.exception("page cache: the content generation could not be bumped")


def bump_on_commit(using: str = "default") -> None:
    """Bump once the current transaction commits (at once outside one); once per
    transaction however many writes it makes."""
    if not enabled():
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        bump()
        return
    if any(func is bump for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(bump, using=using)


def _tables() -> frozenset[str]:
    global _watched_tables
    if _watched_tables is None:
        _watched_tables = (
            frozenset(
                model._meta.db_table.lower()
                for model in apps.get_models(include_auto_created=True)
                if model._meta.app_label in WATCHED_APPS
            )
            - IGNORED_TABLES
        )
    return _watched_tables


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and sql.lstrip()[:1] in ("I", "i", "U", "u", "D", "d", "R", "r") and enabled():
        match = _WRITE.match(sql)
        if match and match.group(1).rsplit(".", 1)[-1].lower() in _tables():
            bump_on_commit(context["connection"].alias)
    return result


def _install(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def connect() -> None:
    """Watch the writes of every database connection (PortalConfig.ready)."""
    from django.db import connections

    connection_created.connect(_install, dispatch_uid="portal.pagecache")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


# --- requests ----------------------------------------------------------------------


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request) -> str:
    # The raw host headers (all that `get_host()` reads): a host Django refuses is
    # answered 400 on a miss, so it is never stored.
    meta = request.META
    where = "|".join(
        (
            request.scheme,
            meta.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else "",
            meta.get("HTTP_HOST", ""),
            meta.get("SERVER_NAME", ""),
            str(meta.get("SERVER_PORT", "")),
            request.get_full_path(),
        )
    )
    digest = hashlib.blake2b(where.encode(), digest_size=16).hexdigest()
    return f"pagecache:{timezone.localdate():%Y%m%d}:{digest}"


def _storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


# The process's own copies of recent entries: a hit on one reads only the generation from
# the cache (a few bytes) instead of the whole page. Always checked against the current
# generation, so never staler than the shared cache; bounded in count (oldest out first).
NEAR_ENTRIES = 200
_near: dict[str, tuple] = {}


def _keep_near(key: str, entry: tuple) -> None:
    _near.pop(key, None)
    while len(_near) >= NEAR_ENTRIES:
        _near.pop(next(iter(_near)), None)
    _near[key] = entry


def _entry(generation_: int, response) -> tuple:
    content = response.content
    gzipped = gzip.compress(content, compresslevel=6, mtime=0) if len(content) >= GZIP_MIN_BYTES else None
    headers = [(k, v) for k, v in response.items() if k != HEADER and k.lower() not in _BODY_HEADERS]
    return (generation_, response.status_code, headers, content, gzipped)


def _current(entry, generation_) -> bool:
    return entry is not None and len(entry) == 5 and entry[0] == generation_


def _hit(entry: tuple, request) -> HttpResponse:
    _generation, status, headers, content, gzipped = entry
    if gzipped is not None and _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(gzipped, status=status, headers=headers)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(content, status=status, headers=headers)
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Placed right after SecurityMiddleware: a hit skips sessions, authentication,
    CSRF and the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not enabled()
            or request.path_info.startswith(SKIPPED_PREFIXES)
            or not _anonymous(request)
        ):
            return self.get_response(request)
        key = _key(request)
        try:
            near = _near.get(key)
            if near is not None and _current(near, cache.get(GENERATION_KEY)):
                return _hit(near, request)
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY)
            if current is None:
                current = generation()
        except Exception:
            logger.exception("page cache: lookup failed")
            return self.get_response(request)
        stored = found.get(key)
        if _current(stored, current):
            _keep_near(key, stored)
            return _hit(stored, request)
        request.page_cache_key = key
        response = self.get_response(request)
        if (
            getattr(request, "page_cache_store", False)
            and request.method == "GET"
            and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
            and _storable(response)
        ):
            try:
                entry = _entry(current, response)
                cache.set(key, entry, page_seconds())
                _keep_near(key, entry)
            except Exception:
                logger.exception("page cache: store failed")
            else:
                patch_vary_headers(response, ("Accept-Encoding",))
                response[HEADER] = "miss"
        return response


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """Wagtail's `before_serve_page` hook: the page may be stored if its class opts in and
    the request reached its own content, not a sub-route (forms, downloads)."""
    if getattr(request, "page_cache_key", None) is None or not getattr(page, "cache_anonymous", False):
        return None
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and (match.route or "") != "":
        return None
    request.page_cache_store = True
    return None

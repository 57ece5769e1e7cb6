"""The request's Wagtail site in one lean query, its root page already the home page and
its site settings beside it.

Wagtail finds the site of every page request with a query that ranks the candidates in SQL
(a CASE per row) and selects the root page as a plain `Page`; routing then asks for the
root's specific row (`site.root_page.localized.specific`), a second query, and the
footer's `SiteSettings` a third. On the campaign page the three cost some 3 ms of the 30
the issue allows. Here one query fetches the candidate sites with their root page joined
to its `HomePage` row and their settings, and Python ranks them exactly as
`wagtail.models.sites.get_site_for_hostname` does. `SiteMiddleware` puts the answers where
Wagtail looks first (`request._wagtail_site`, and the settings' own request attribute), so
routing, the footer and the header's links all use them. Nothing is cached across requests.
"""

from __future__ import annotations

from contextlib import suppress

from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Site

from portal.models import HomePage, SiteSettings
from portal.pagecache import SKIPPED_PREFIXES

# Wagtail's ranks (wagtail.models.sites): hostname and port, hostname and default, default, hostname.
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = range(4)


def _rank(site: Site, hostname: str, port: int) -> int:
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME


def site_for_hostname(*, hostname: str, port: int) -> Site | None:
    """The site Wagtail would choose for this hostname and port (None where it finds none),
    its `root_page` the specific `HomePage` when the root is one."""
    sites = list(
        Site.objects.filter(Q(hostname=hostname) | Q(is_default_site=True))
        .select_related("root_page__homepage", "sitesettings")
        .order_by()
    )
    if not sites:
        return None
    sites.sort(key=lambda site: _rank(site, hostname, port))
    best = _rank(sites[0], hostname, port)
    if len(sites) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        site = sites[0]
    elif best == MATCH_DEFAULT:
        # the default, unless exactly one other site has this hostname
        site = sites[len(sites) == 2]
    else:
        return None
    # another type of root: Wagtail asks for its specific row
    with suppress(HomePage.DoesNotExist):
        site.root_page = site.root_page.homepage
    return site


def site_for_request(request) -> Site | None:
    # Wagtail's own reading of the host: the raw host (ALLOWED_HOSTS is checked elsewhere)
    hostname = split_domain_port(request._get_raw_host())[0]
    return site_for_hostname(hostname=hostname, port=request.get_port())


class SiteMiddleware:
    """Finds the site of a request that may be a Wagtail page (not the admin, static files,
    the workbench…) before Wagtail does. After the page cache: a hit needs no site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(SKIPPED_PREFIXES):
            request._wagtail_site = site = site_for_request(request)
            if site is not None:
                _keep_settings(request, site)
        return self.get_response(request)


def _keep_settings(request, site: Site) -> None:
    """The site's settings as `SiteSettings.for_request` keeps them on the request; a site
    without settings yet is left to it (it creates them)."""
    try:
        settings = site.sitesettings
    except SiteSettings.DoesNotExist:
        return
    settings._request = request
    setattr(request, SiteSettings.get_cache_attr_name(), settings)

"""The request's site in one query (portal/sites.py): the same site Wagtail's own lookup
chooses for every combination of hostnames, ports and default, its root page already the
home page, so routing a page needs no query for the root's specific row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from portal.models import HomePage, StandardPage
from portal.sites import site_for_hostname

pytestmark = pytest.mark.django_db


def _wagtail_choice(hostname: str, port: int) -> Site | None:
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def _second_root() -> Page:
    """A second tree under Wagtail's root, with a root page that is not a HomePage."""
    return Page.get_first_root_node().add_child(instance=StandardPage(title="另一站点", slug="other"))


# (hostname, port, is_default_site) of the sites beside the tests' default site (localhost,
# port 80, tests/conftest.py), after the cases of Wagtail's own site tests.
LAYOUTS = {
    "default only": [],
    "another host": [("pingan.example.cn", 80, False)],
    "same host, another port": [("localhost", 8000, False)],
    "two hosts": [("pingan.example.cn", 80, False), ("shangluo.example.cn", 80, False)],
    "one host on two ports": [("pingan.example.cn", 80, False), ("pingan.example.cn", 8080, False)],
}
REQUESTS = [
    ("testserver", 80),
    ("localhost", 80),
    ("localhost", 8000),
    ("pingan.example.cn", 80),
    ("pingan.example.cn", 8080),
    ("pingan.example.cn", 443),
    ("shangluo.example.cn", 80),
    ("unknown.example.cn", 80),
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_it_chooses_the_site_wagtail_chooses(layout):
    other_root = _second_root()
    for hostname, port, default in LAYOUTS[layout]:
        Site.objects.create(hostname=hostname, port=port, is_default_site=default, root_page=other_root)
    for hostname, port in REQUESTS:
        ours = site_for_hostname(hostname=hostname, port=port)
        theirs = _wagtail_choice(hostname, port)
        assert (ours and ours.pk) == (theirs and theirs.pk), (hostname, port)


def test_no_default_and_no_matching_host_is_no_site():
    Site.objects.update(is_default_site=False)
    assert site_for_hostname(hostname="unknown.example.cn", port=80) is None
    assert _wagtail_choice("unknown.example.cn", 80) is None


def test_the_root_comes_as_the_home_page_in_the_same_query():
    home = HomePage.objects.get()
    with CaptureQueriesContext(connection) as queries:
        site = site_for_hostname(hostname="testserver", port=80)
        root = site.root_page.localized.specific  # what Wagtail's routing asks for
        assert isinstance(root, HomePage)
        fields = ("pk", "title", "url_path", "intro")
        assert [getattr(root, f) for f in fields] == [getattr(home, f) for f in fields]
    assert len(queries) == 1


def test_a_root_of_another_type_is_left_to_wagtail():
    other_root = _second_root()
    Site.objects.create(hostname="pingan.example.cn", port=80, root_page=other_root)
    site = site_for_hostname(hostname="pingan.example.cn", port=80)
    assert site.root_page.pk == other_root.pk
    assert isinstance(site.root_page.specific, StandardPage)


def test_a_page_request_finds_the_site_once(client, demo):
    client.get(demo.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(demo.url)
    assert response.status_code == 200
    sites = [q for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]
    assert len(sites) == 1
    # the root's HomePage row came with the site: no query of its own
    assert not [q for q in queries.captured_queries if 'FROM "portal_homepage"' in q["sql"]]


def test_the_admin_and_workbench_are_left_alone(admin_client):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get("/admin/")
    sql = [q["sql"] for q in queries.captured_queries]
    assert [s for s in sql if '"portal_homepage"' in s and "wagtailcore_site" in s] == []


def test_the_footer_settings_come_with_the_site(client, demo):
    from portal.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"organiser": "商洛市综治办"})
    client.get(demo.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(demo.url)
    assert "商洛市综治办" in response.content.decode()
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "portal_sitesettings"')]

    SiteSettings.objects.filter(site=site).update(organiser="商洛市委平安办")  # read afresh each request
    assert "商洛市委平安办" in client.get(demo.url).content.decode()


def test_a_site_without_settings_gets_them_created_as_wagtail_does(client, demo):
    from portal.models import SiteSettings

    SiteSettings.objects.all().delete()
    assert client.get(demo.url).status_code == 200
    assert SiteSettings.objects.filter(site__is_default_site=True).exists()

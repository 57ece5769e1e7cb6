"""The home page routes a URL to its page in one query (HomePage.route), with Wagtail's
answers kept: the deepest page serves, a draft or an unknown path is a 404, a routable
page's own sub-routes still work, a moved or renamed page is found at its new URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignPage, SectorPage
from portal.models import StandardPage
from tests.honours import conftest as honour_fixtures

office, shortlisted, notice = honour_fixtures.office, honour_fixtures.shortlisted, honour_fixtures.notice

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> tuple[int, object]:
    client.get(url)  # what every request shares (the site) is warm for both counts
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


def test_a_page_deeper_in_the_tree_costs_no_more_routing_queries(client, demo):
    sector_page = SectorPage.objects.child_of(demo).live().first()
    home = demo.get_parent().get_parent().specific
    shallow, deep = StandardPage(title="关于", slug="about"), StandardPage(title="联系", slug="contact")
    home.add_child(instance=shallow)
    shallow.add_child(instance=deep)
    for page in (shallow, deep):
        page.save_revision().publish()

    one_level, response = _queries(client, "/about/")
    assert response.status_code == 200 and "关于" in response.content.decode()
    two_levels, response = _queries(client, "/about/contact/")
    assert response.status_code == 200 and "联系" in response.content.decode()
    assert two_levels == one_level

    response = client.get(sector_page.url)
    assert response.status_code == 200
    assert response.context["page"].specific == sector_page  # three levels down, its own type


def test_unknown_paths_and_drafts_are_not_found(client, demo):
    assert client.get("/campaigns/no-such-campaign/").status_code == 404
    assert client.get(f"{demo.url}no-such-page/").status_code == 404
    assert client.get(f"{demo.url}no-such-page/deeper/").status_code == 404

    demo.unpublish()
    assert client.get(demo.url_path.removeprefix("/home")).status_code == 404


def test_a_routable_page_still_answers_its_sub_routes(client, notice):
    response = client.get(f"{notice.url}objection/")
    assert response.status_code == 200 and response.context["page"].pk == notice.pk
    assert client.get(f"{notice.url}no-such-route/").status_code == 404


def test_a_renamed_page_is_found_at_its_new_url(client, demo):
    old = demo.url
    demo.slug = "shangluo-2018-renamed"
    demo.save_revision().publish()
    demo = CampaignPage.objects.get(pk=demo.pk)

    assert client.get(old).status_code == 404
    response = client.get(demo.url)
    assert response.status_code == 200 and response.context["page"].pk == demo.pk


def test_the_header_links_the_live_sections_in_one_query(client, demo, django_assert_max_num_queries):
    from django.test import RequestFactory

    from campaigns.models import NewsIndexPage
    from campaigns.templatetags.portal_tags import site_nav

    request = RequestFactory().get(demo.url)
    titles = lambda: [(i["title"], i["url"], i["active"]) for i in site_nav({"request": request})]  # noqa: E731
    titles()  # the site, once per request
    with django_assert_max_num_queries(1):
        items = titles()
    assert [t for t, _, _ in items] == ["首页", "创建活动", "新闻动态", "荣誉榜"]
    assert ("创建活动", "/campaigns/", True) in items  # the campaign page is under it

    NewsIndexPage.objects.get().unpublish()
    assert [t for t, _, _ in titles()] == ["首页", "创建活动", "荣誉榜"]


def test_the_breadcrumbs_reuse_the_pages_the_route_found(client, demo, django_assert_max_num_queries):
    """The route's one query found the pages between home and the page: the breadcrumbs
    show them without asking the tree again; a page not reached by the route (a preview)
    asks the tree and shows the same trail."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    sector_page = SectorPage.objects.child_of(demo).live().first()
    response = client.get(sector_page.url)
    page = response.context["page"]
    assert [a.title for a in page.routed_ancestors] == ["平安创建", demo.get_parent().title, demo.title]

    request = RequestFactory().get(sector_page.url)
    unrouted = render_to_string("includes/breadcrumbs.html", {"page": sector_page, "request": request})
    with django_assert_max_num_queries(0):  # the request's site is known by now
        routed = render_to_string("includes/breadcrumbs.html", {"page": page, "request": request})
    assert routed == unrouted
    html = response.content.decode()
    trail = html[html.index('aria-label="当前位置"') :]
    for text in ["首页", demo.get_parent().title, demo.title, sector_page.title]:
        assert text in trail
    assert trail.index("首页") < trail.index(demo.title) < trail.index(sector_page.title)


def test_restrictions_of_the_page_its_ancestors_and_an_aliased_source_still_apply(client, demo):
    """The view restrictions are read by path from the pages the route found; a page or
    ancestor that is an alias takes its source's, as Wagtail has it."""
    from wagtail.models import PageViewRestriction

    sector_page = SectorPage.objects.child_of(demo).live().first()
    alias = demo.create_alias(update_slug="shangluo-2018-alias")
    assert client.get(sector_page.url).status_code == 200
    assert client.get(alias.url).status_code == 200

    PageViewRestriction.objects.create(page=demo, restriction_type="login")
    for url in (demo.url, sector_page.url, alias.url):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_view_restrictions_cost_one_query(client, demo):
    sector_page = SectorPage.objects.child_of(demo).live().first()
    client.get(sector_page.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(sector_page.url)
    restrictions = [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]
    ancestors = [q for q in queries.captured_queries if '"alias_of_id" FROM "wagtailcore_page"' in q["sql"]]
    assert len(restrictions) == 1 and ancestors == []

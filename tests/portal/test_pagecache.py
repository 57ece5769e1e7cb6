"""The page cache (portal/pagecache.py): anonymous hits cost no query, and no page is ever
stale after the office publishes or changes anything it shows."""

import contextlib
import datetime
import gzip

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns import services as campaign_services
from campaigns.models import BrandPage, Milestone
from honours import services as honour_services
from portal import pagecache
from tests.honours import conftest as december_fixtures

pytestmark = pytest.mark.django_db

# The December fixtures (a shortlist, a published notice open today, the office).
office = december_fixtures.office
shortlisted = december_fixtures.shortlisted
notice = december_fixtures.notice


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    pagecache._near.clear()
    yield
    cache.clear()
    pagecache._near.clear()


def _pending() -> list:
    return [entry for entry in connection.run_on_commit if entry[1] is pagecache.bump]


def _drop_pending() -> None:
    connection.run_on_commit = [entry for entry in connection.run_on_commit if entry[1] is not pagecache.bump]


def _prime(client, url: str) -> str:
    """The fixtures' writes as committed (their bump runs and is dropped: every test
    runs in one transaction), then the page stored and served from the cache."""
    if _pending():
        _drop_pending()
        pagecache.bump()
    html = _html(client.get(url))
    assert _state(client.get(url)) == "hit"
    return html


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's writes as if committed: the page cache bumps on commit."""

    @contextlib.contextmanager
    def block():
        assert not _pending(), "prime first"
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield
        assert pagecache.bump in callbacks
        _drop_pending()  # run: as committed

    return block


def _state(response) -> str | None:
    return response.get(pagecache.HEADER)


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_anonymous_get_is_a_hit_without_queries(client, demo, notice, django_assert_num_queries):
    for url in (demo.url, notice.url, "/", "/honours/?q=%E6%9D%91"):
        first = client.get(url)
        assert first.status_code == 200
        assert _state(first) == "miss", url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert _state(second) == "hit"
        assert second.content == first.content
        assert "csrftoken" not in second.cookies and "sessionid" not in second.cookies
        head = client.head(url)
        assert _state(head) == "hit"


def test_a_hit_is_gzipped_for_clients_that_accept_it(client, notice):
    first = client.get(notice.url)
    assert "Accept-Encoding" in first["Vary"]
    plain = client.get(notice.url)
    squeezed = client.get(notice.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert _state(squeezed) == "hit" and squeezed["Content-Encoding"] == "gzip"
    assert gzip.decompress(squeezed.content) == plain.content == first.content
    assert int(squeezed["Content-Length"]) == len(squeezed.content) < len(plain.content)
    assert "Content-Encoding" not in plain and int(plain["Content-Length"]) == len(plain.content)


def test_the_query_string_and_the_host_are_part_of_the_key(client):
    assert _state(client.get("/honours/", {"q": "村"})) == "miss"
    assert _state(client.get("/honours/", {"q": "镇"})) == "miss"
    assert _state(client.get("/honours/", {"q": "村"})) == "hit"
    assert _state(client.get("/honours/", {"q": "村"}, HTTP_HOST="127.0.0.1")) == "miss"


def test_logged_in_users_never_get_nor_leave_cached_content(client, demo):
    county = User.objects.get(username="shangzhou")
    assert _state(client.get(demo.url)) == "miss"
    client.force_login(county)
    for _ in range(2):
        response = client.get(demo.url)
        assert _state(response) is None
        assert "工作台" in _html(response)
    client.logout()
    client.cookies.clear()
    anonymous = client.get(demo.url)
    assert _state(anonymous) == "hit"
    assert "工作台" not in _html(anonymous) and "登录" in _html(anonymous)


def test_a_session_cookie_bypasses_the_cache(client, demo):
    client.get(demo.url)
    client.cookies["sessionid"] = "stale"
    assert _state(client.get(demo.url)) is None


def test_a_new_revision_of_the_notice_is_seen_at_once(client, notice, office, committed):
    assert "公示对象更正后" not in _prime(client, notice.url)
    with committed():
        notice.title = "公示对象更正后的公示"
        notice.intro = "<p>更正说明：第二次发布。</p>"
        notice.save_revision(user=office).publish(user=office)
    response = client.get(notice.url)
    assert _state(response) == "miss"
    assert "公示对象更正后的公示" in _html(response)
    assert "更正说明：第二次发布。" in _html(response)


def test_publishing_a_notice_lists_it_on_the_campaign_page_at_once(
    client,
    demo,
    office,
    shortlisted,
    committed,
):
    _prime(client, demo.url)
    with committed():
        page = honour_services.notice_create(
            campaign=demo, actor=office, starts_on=timezone.localdate(), title="刚发布的公示"
        )
    assert "刚发布的公示" not in _html(client.get(demo.url))  # a draft shows nowhere
    with committed():
        honour_services.notice_publish(notice=page, actor=office)
    response = client.get(demo.url)
    assert _state(response) == "miss"
    assert "刚发布的公示" in _html(response)


def test_a_quota_change_through_the_service_is_seen_at_once(client, demo, committed):
    from campaigns.models import CountyQuota

    row = CountyQuota.objects.filter(campaign=demo).select_related("county", "brand").first()
    assert "987" not in _prime(client, demo.url)
    with committed():
        campaign_services.county_quota_set(
            campaign=demo, county=row.county, brand=row.brand, quota=987, actor=None
        )
    response = client.get(demo.url)
    assert _state(response) == "miss"
    assert "987" in _html(response)


def test_a_bulk_update_without_signals_is_seen_at_once(client, demo, committed):
    """`QuerySet.update()` sends no signal: the page cache sees the SQL itself."""
    milestone = Milestone.objects.filter(page=demo).order_by("due_on").first()
    assert "2018-11-29" not in _prime(client, demo.url)
    with committed():
        Milestone.objects.filter(pk=milestone.pk).update(due_on=datetime.date(2018, 11, 29))
    response = client.get(demo.url)
    assert _state(response) == "miss"
    assert "2018-11-29" in _html(response)


def test_the_generation_moves_on_commit_only(demo, django_capture_on_commit_callbacks):
    before = pagecache.generation()
    with django_capture_on_commit_callbacks() as callbacks:
        Milestone.objects.filter(page=demo).update(title="改")
        Milestone.objects.filter(page=demo).update(title="再改")
        assert pagecache.generation() == before  # not yet committed
    assert callbacks.count(pagecache.bump) == 1  # once per transaction
    for callback in callbacks:
        callback()
    assert pagecache.generation() != before


def test_writes_elsewhere_leave_the_generation(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        User.objects.filter(username="office").update(first_name="王")  # no public page shows users
    assert pagecache.bump not in callbacks


def test_the_next_day_is_another_key(client, notice, monkeypatch):
    assert "公示中" in _html(client.get(notice.url))
    assert _state(client.get(notice.url)) == "hit"
    after = notice.ends_on + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: after)
    response = client.get(notice.url)
    assert _state(response) == "miss"
    assert "公示期已结束" in _html(response)


def test_the_objection_form_is_never_cached(client, notice):
    url = notice.url + notice.reverse_subpage("objection")
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert _state(response) is None
    response = client.post(url, {})
    assert _state(response) is None


def test_a_post_is_never_served_nor_stored(client, demo):
    response = client.post(demo.url, {})
    assert _state(response) is None
    assert _state(client.get(demo.url)) == "miss"
    assert _state(client.post(demo.url, {})) is None


def test_drafts_and_previews_never_reach_the_public(client, demo, office, committed):
    brand_page = BrandPage.objects.child_of(demo).live().first().specific
    published_title = brand_page.title
    _prime(client, brand_page.url)
    with committed():
        brand_page.title = "草稿标题"
        revision = brand_page.save_revision(user=office)
    staff = type(client)()
    staff.force_login(office)
    preview = staff.get(f"/admin/pages/{brand_page.pk}/view_draft/")
    assert preview.status_code == 200 and "草稿标题" in preview.content.decode()
    assert _state(preview) is None
    response = client.get(brand_page.url)
    assert published_title in _html(response) and "草稿标题" not in _html(response)
    assert revision.pk


def test_restricted_pages_are_not_stored(client, demo):
    brand_page = BrandPage.objects.child_of(demo).live().first()
    PageViewRestriction.objects.create(page=brand_page, restriction_type="password", password="x")
    for _ in range(2):
        assert _state(client.get(brand_page.url)) is None


def test_disabled_means_no_lookup(client, demo, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(demo.url)
    assert _state(client.get(demo.url)) is None

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import services
from campaigns.models import BrandPage, SectorPage
from tests.factories import (
    BrandFactory,
    CityFactory,
    CountyFactory,
    DepartmentFactory,
    SectorFactory,
    campaign_page,
    milestone,
)

pytestmark = pytest.mark.django_db


def _campaign_with(size: int):
    """A campaign of `size` counties, brands and sectors, every brand and sector with its page."""
    city = CityFactory()
    counties = CountyFactory.create_batch(size, parent=city)
    brands = BrandFactory.create_batch(size, city=city)
    sectors = SectorFactory.create_batch(size, city=city)
    for sector in sectors:
        sector.cooperating_departments.set(DepartmentFactory.create_batch(2, city=city))
    page = campaign_page(city=city)
    for brand in brands:
        child = BrandPage(title=brand.name, slug=brand.slug, brand=brand)
        page.add_child(instance=child)
        child.save_revision().publish()
    for sector in sectors:
        child = SectorPage(title=sector.name, slug=sector.slug, sector=sector)
        page.add_child(instance=child)
        child.save_revision().publish()
    milestone(campaign=page, due_on=timezone.localdate() + datetime.timedelta(days=3))
    services.quotas_apply(
        campaign=page,
        county_quotas={(c.pk, b.pk): 2 for c in counties for b in brands},
        sector_quotas={s.pk: 5 for s in sectors},
        actor=None,
    )
    return page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_campaign_page_queries_do_not_grow_with_counties_or_brands(client):
    small = _campaign_with(1)
    large = _campaign_with(6)
    _queries(client, small.url)  # warm caches shared by every request (site root paths)
    assert _queries(client, large.url) == _queries(client, small.url)
    # the site, route and view restrictions 5, header and footer 2, the campaign 9, its coverage 4
    assert _queries(client, large.url) <= 20


def test_home_page_queries_bounded(client, django_assert_max_num_queries):
    _campaign_with(4)
    client.get("/")
    with django_assert_max_num_queries(15):
        response = client.get("/")
    assert response.status_code == 200


def test_campaign_page_shows_brands_sectors_calendar_and_totals(client, demo):
    response = client.get(demo.url)
    html = response.content.decode()
    for brand in ["平安县（区）", "平安小区（楼院）", "平安家庭", "优秀平安志愿者（红袖章）"]:
        assert brand in html
    for text in ["市教育局", "平安校园", "商洛职院", "市人行", "市金融办", "自定品牌"]:
        assert text in html
    assert "2018-03-20" in html and "2018-12-20" in html
    table = response.context["county_table"]
    assert table.totals[:6] == [8, 40, 140, 50, 15, 7]
    assert response.context["sector_table"].total == 100


def test_home_page_shows_current_campaign_next_due_and_news(client, demo):
    future = timezone.localdate() + datetime.timedelta(days=10)
    milestone(campaign=demo, due_on=future, role="lead", title="报送领域年度总结")
    html = client.get("/").content.decode()
    assert demo.title in html
    assert "报送领域年度总结" in html
    assert "市级主责部门" in html
    assert "“严打整治·共建平安”行动" in html


def test_brand_and_sector_pages_render(client, demo):
    village = BrandPage.objects.get(brand__slug="village")
    response = client.get(village.url)
    assert response.status_code == 200
    assert "商州区" in response.content.decode()
    campus = SectorPage.objects.get(sector__slug="campus")
    html = client.get(campus.url).content.decode()
    assert "市教育局" in html and "商洛消防支队" in html


def test_unpublished_campaign_is_not_public(client, shangluo):
    page = campaign_page(city=shangluo, year=2031)
    page.unpublish()
    assert client.get(page.url or f"/campaigns/{page.slug}/").status_code == 404


def test_preview_shows_unsaved_milestones(demo, django_user_model):
    """The office previews calendar edits before publishing them (modelcluster children)."""
    from django.test import RequestFactory

    from campaigns.models import Milestone

    draft = demo.get_latest_revision_as_object()
    draft.milestones.add(
        Milestone(role="office", title="未保存的新节点", due_on=datetime.date(2018, 12, 25), sort_order=99)
    )
    request = RequestFactory().get("/")
    request.user = django_user_model(username="previewer")
    html = draft.make_preview_request(request).rendered_content
    assert "未保存的新节点" in html
    assert not Milestone.objects.filter(title="未保存的新节点").exists()


def test_campaign_page_links_its_live_brand_and_sector_pages_at_their_urls(client, demo):
    village = BrandPage.objects.get(brand__slug="village")
    campus = SectorPage.objects.get(sector__slug="campus")
    html = client.get(demo.url).content.decode()
    for child in (village, campus):
        assert f'<a href="{child.url}">' in html
        assert client.get(child.url).status_code == 200

    village.unpublish()  # a draft is named, not linked
    html = client.get(demo.url).content.decode()
    assert f'href="{village.url}"' not in html and "平安村（社区）" in html


def test_campaign_page_lists_its_notices_and_decisions_newest_first(client, demo):
    from honours.models import NoticePage

    older = NoticePage(
        title="第一批公示",
        slug="notice-a",
        starts_on=datetime.date(2018, 12, 1),
        ends_on=datetime.date(2018, 12, 7),
    )
    newer = NoticePage(
        title="第二批公示",
        slug="notice-b",
        starts_on=datetime.date(2018, 12, 10),
        ends_on=datetime.date(2018, 12, 16),
    )
    for notice in (older, newer):
        demo.add_child(instance=notice)
        notice.save_revision().publish()
    html = client.get(demo.url).content.decode()
    assert f'href="{newer.url}"' in html and f'href="{older.url}"' in html
    assert html.index("第二批公示") < html.index("第一批公示")
    newer.refresh_from_db()  # its period ends on a working day
    assert f"公示期 2018年12月10日至12月{newer.ends_on.day}日" in html

"""The public honour roll (荣誉榜): rows with public fields only, filters, revoked honours
marked, invalid query values ignored, and a number of queries that does not grow with
the number of honours."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from honours import services
from honours.forms import HonourSearchForm
from honours.models import CommendationPage, Honour, HonourRollPage
from nominations.enums import State
from nominations.models import Nomination
from tests.factories import campaign_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def roll_url(db):
    return HonourRollPage.objects.get().url


def _text(response) -> str:
    """The page's text as a reader sees it: tags dropped, white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", strip_tags(html))


def _more_honours(decision, count: int, *, start: int = 0) -> list[Honour]:
    """`count` more honours on the decision, for other nominations of the demo: a person,
    collectives and sectors' units (made directly: what is measured is reading them);
    each named “…测试村” so that a search finds them all."""
    campaign = decision.get_parent().specific
    free = (
        Nomination.objects.filter(campaign=campaign, state=State.SUBMITTED)
        .exclude(pk__in=Honour.objects.values("nomination"))
        .select_related("nominee", "brand", "sector", "county", "department")
        .order_by("id")
    )
    half = count // 2
    nominations = [
        *free.filter(nominee__kind="individual")[:1],
        *free.filter(brand__isnull=False).exclude(nominee__kind="individual")[: count - half - 1],
        *free.filter(sector__isnull=False)[:half],
    ]
    assert len(nominations) == count
    honours = []
    for i, nomination in enumerate(nominations):
        honour = Honour(
            commendation=decision,
            nomination=nomination,
            city=campaign.city,
            year=campaign.year,
            number=f"测试〔{campaign.year}〕{900 + start + i:04d}号",
            conferred_on=decision.issued_on,
            sort_order=100 + start + i,
        )
        honour.copy_from(nomination)
        honour.name = f"第{start + i + 1}测试村"
        honour.save()
        honours.append(honour)
    return honours


def test_each_row_shows_the_public_fields_only(client, decision, roll_url):
    response = client.get(roll_url)
    assert response.status_code == 200
    text = _text(response)
    honours = list(decision.honours.select_related("brand", "sector", "county", "department"))
    assert len(response.context["honours"]) == len(honours) == 4
    for honour in honours:
        assert honour.name in text
        assert honour.honour_label in text
        assert honour.unit_label in text
        assert honour.number in text
        assert reverse("honours:certificate", args=[honour.pk]) in response.content.decode()
    person = next(h for h in honours if h.is_individual)
    nominee = person.nomination.nominee
    assert nominee.id_number and nominee.mobile
    assert f"{person.get_gender_display()} · {person.workplace}" in text
    assert nominee.id_number not in text and nominee.mobile not in text
    assert nominee.id_number not in response.content.decode()


def test_filters_by_year_brand_and_county(client, decision, roll_url):
    honours = list(decision.honours.select_related("brand", "county").order_by("sort_order"))
    village = honours[0]
    assert village.brand_id and village.county_id
    # an honour of 2017: conferred by a live decision of the city's 2017 campaign
    campaign = decision.get_parent().specific
    decision_2017 = CommendationPage(
        title="2017年度表彰决定",
        slug="decision-2017",
        notice=decision.notice,
        document_number="商发〔2017〕1号",
        issued_on=datetime.date(2017, 12, 28),
        issuing_bodies=decision.issuing_bodies,
        live=True,
    )
    campaign_page(city=campaign.city, year=2017).add_child(instance=decision_2017)
    older = honours[1]
    older.commendation, older.year = decision_2017, 2017
    older.save()

    def names(**params):
        response = client.get(roll_url, params)
        assert response.status_code == 200
        return {h.name for h in response.context["honours"]}

    assert names(year=2017) == {older.name}
    assert older.name not in names(year=2018)
    assert names(brand=village.brand_id) == {h.name for h in honours if h.brand_id == village.brand_id}
    assert names(county=village.county_id) == {h.name for h in honours if h.county_id == village.county_id}
    assert names(county=village.county_id, year=2017) == (
        {older.name} if older.county_id == village.county_id else set()
    )
    # the year choices are the years of published honours
    response = client.get(roll_url)
    assert [value for value, _ in response.context["form"].fields["year"].choices] == ["", 2018, 2017]
    decision_2017.live = False  # unpublished: its year is no longer offered
    decision_2017.save(update_fields=["live"])
    response = client.get(roll_url)
    assert [value for value, _ in response.context["form"].fields["year"].choices] == ["", 2018]


def test_invalid_values_are_ignored_one_by_one(client, decision, roll_url):
    village = decision.honours.order_by("sort_order").first()
    response = client.get(
        roll_url, {"year": "abc", "county": "999999", "brand": "x' OR 1=1", "q": village.name, "page": "zz"}
    )
    assert response.status_code == 200
    assert village in response.context["honours"]
    form = response.context["form"]
    assert sorted(form.ignored) == ["brand", "county", "year"]
    assert "部分查询条件无效，已忽略" in _text(response)
    # a county of no city of ours is not a choice
    other = client.get(roll_url, {"county": village.county_id + 100000})
    assert len(other.context["honours"]) == 4


def test_the_page_links_keep_the_filters():
    form = HonourSearchForm({"q": "王", "year": "abc", "page": "2"})
    assert form.is_valid()
    assert form.page_query == "q=%E7%8E%8B&"
    assert HonourSearchForm({}).page_query == ""


def test_a_revoked_honour_stays_on_the_roll_marked_revoked(client, decision, roll_url, office):
    honour = decision.honours.order_by("sort_order").first()
    services.honour_revoke(
        honour=honour,
        reason="发生较大安全生产责任事故。",
        revoked_on=datetime.date(2019, 6, 18),
        actor=office,
    )
    response = client.get(roll_url)
    text = _text(response)
    assert honour.name in text
    assert "已撤销（2019年6月18日）：发生较大安全生产责任事故。" in text
    # its certificate is no longer offered
    assert reverse("honours:certificate", args=[honour.pk]) not in response.content.decode()
    assert honour.number in text


def test_honours_of_an_unpublished_decision_are_not_on_the_roll(client, decision, roll_url, office):
    decision.unpublish(user=office)
    response = client.get(roll_url)
    assert response.context["honours"] == []
    assert "荣誉榜暂无内容" in _text(response)


@pytest.mark.parametrize("params", [{}, {"q": "测试村"}, {"year": "2018", "brand": "", "q": "村"}])
def test_queries_do_not_grow_with_the_number_of_honours(client, decision, roll_url, params):
    _more_honours(decision, 2)  # every list non-empty: an empty page skips its query
    client.get(roll_url, params)  # warm the caches (site, settings)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(roll_url, params)
        assert response.status_code == 200
        return len(queries), len(response.context["honours"])

    few, shown_few = count()
    _more_honours(decision, 12, start=2)
    many, shown_many = count()
    assert shown_many >= shown_few + 12
    assert many == few

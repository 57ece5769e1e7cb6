"""The public notice page (公示): the list by brand, masked individuals, the period, and its
states (open, not started, ended)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.enums import BrandKind
from honours import services
from honours.models import NoticeEntry, Objection
from nominations.models import Nomination

pytestmark = pytest.mark.django_db

GROUP_HEADING = '<h3 class="notice-group__title"'


def _groups(html: str) -> dict[str, str]:
    """The notice's groups as {heading text: the HTML of its table}."""
    groups = {}
    for chunk in html.split(GROUP_HEADING)[1:]:
        heading = re.search(r">([^<]+)<", chunk).group(1).strip()
        groups[heading] = chunk.split("</table>")[0]
    return groups


def _objection_url(notice) -> str:
    return notice.url + notice.reverse_subpage("objection")


def _individual(notice) -> NoticeEntry:
    return notice.entries.get(kind=BrandKind.INDIVIDUAL)


def test_entries_are_listed_by_brand(client, notice):
    response = client.get(notice.url)
    assert response.status_code == 200
    html = response.content.decode()
    groups = _groups(html)
    entries = list(notice.entries.select_related("brand", "sector", "county", "department"))
    assert len(entries) == 4
    assert set(groups) == {entry.honour_label for entry in entries}
    for entry in entries:
        own = groups[entry.honour_label]
        assert entry.name in own
        assert entry.unit_label in own
        assert all(other.name not in own for other in entries if other.honour_label != entry.honour_label)
    assert "共4个" in html


def test_an_individual_shows_name_gender_and_workplace_only(client, notice):
    entry = _individual(notice)
    nominee = entry.nomination.nominee
    assert nominee.id_number and nominee.mobile  # what must not leak is there to leak
    assert entry.gender and entry.workplace
    for url in (notice.url, _objection_url(notice)):
        html = client.get(url).content.decode()
        assert entry.name in html
        assert nominee.id_number not in html
        assert nominee.id_number[-6:] not in html
        assert nominee.mobile not in html
        assert nominee.mobile[-4:] + "<" not in html
    row = _groups(client.get(notice.url).content.decode())[entry.honour_label]
    assert entry.get_gender_display() in row
    assert entry.workplace in row
    assert "性别" in row and "工作单位" in row


def test_collectives_have_no_gender_or_workplace_columns(client, notice):
    html = client.get(notice.url).content.decode()
    for entry in notice.entries.select_related("brand", "sector").exclude(kind=BrandKind.INDIVIDUAL):
        assert "性别" not in _groups(html)[entry.honour_label]


def test_the_period_is_stated_in_working_days(client, notice):
    notice.starts_on = datetime.date(2018, 12, 27)
    notice.save()  # 12-27, 12-28, 12-29 (make-up Saturday), 01-02, 01-03
    html = client.get(notice.url).content.decode()
    assert "2018年12月27日" in html
    assert "2019年1月3日" in html
    assert "5个工作日" in html
    assert "按国家法定节假日和调休计算" in html
    assert "尚未公布" not in html


def test_without_the_official_schedule_the_page_says_so(client, notice):
    notice.starts_on = datetime.date(2031, 3, 3)
    notice.save()
    assert notice.calendar_is_official is False
    html = client.get(notice.url).content.decode()
    assert "2031年3月7日" in html
    assert "按国家法定节假日和调休计算" not in html
    assert "按周一至周五计算" in html
    assert "2031年国家法定节假日安排尚未公布" in html


def test_an_open_notice_invites_objections(client, notice):
    html = client.get(notice.url).content.decode()
    assert "公示中" in html
    assert notice.how_to_object.removeprefix("<p>")[:20] in html
    assert f'href="{_objection_url(notice)}"' in html
    for entry in notice.entries.all():
        assert f'href="{_objection_url(notice)}?entry={entry.pk}"' in html
    assert "公示期已结束" not in html


def test_an_ended_notice_closes_itself(client, ended_notice):
    html = client.get(ended_notice.url).content.decode()
    assert "公示期已结束" in html
    assert _objection_url(ended_notice) not in html
    assert "<form" not in html

    response = client.get(_objection_url(ended_notice))
    assert response.status_code == 200
    assert "公示期已结束" in response.content.decode()
    assert "<form" not in response.content.decode()

    entry = ended_notice.entries.first()
    response = client.post(
        _objection_url(ended_notice),
        {
            "name": "王小明",
            "contact": "13912345678",
            "entry": entry.pk,
            "reasons": "这是一条足够长的异议事由。",
        },
    )
    assert response.status_code == 403
    assert "公示期已结束" in response.content.decode()
    assert not Objection.objects.filter(notice=ended_notice).exists()


def test_a_notice_not_yet_begun_takes_no_objections(client, demo, office, shortlisted):
    starts_on = timezone.localdate() + datetime.timedelta(days=10)
    notice = services.notice_publish(
        notice=services.notice_create(campaign=demo, actor=office, starts_on=starts_on), actor=office
    )
    html = client.get(notice.url).content.decode()
    assert "公示尚未开始" in html
    assert _objection_url(notice) not in html

    response = client.get(_objection_url(notice))
    assert "公示尚未开始" in response.content.decode()
    assert "<form" not in response.content.decode()
    entry = notice.entries.first()
    response = client.post(
        _objection_url(notice),
        {
            "name": "王小明",
            "contact": "13912345678",
            "entry": entry.pk,
            "reasons": "这是一条足够长的异议事由。",
        },
    )
    assert response.status_code == 403
    assert not Objection.objects.filter(notice=notice).exists()


def _add_entries(notice, per_kind: int) -> int:
    """More entries of every kind (collectives, families, individuals; brands and sectors),
    from demo nominations the notice does not list; returns how many."""
    others = Nomination.objects.exclude(pk__in=notice.entries.values("nomination")).select_related("nominee")
    order = notice.entries.count()
    added = []
    picks = [others.filter(sector__isnull=False)] + [
        others.filter(brand__isnull=False, nominee__kind=kind) for kind in BrandKind.values
    ]
    for pick in picks:
        for nomination in pick.order_by("id")[:per_kind]:
            entry = NoticeEntry(notice=notice, nomination=nomination, sort_order=order)
            entry.copy_from(nomination)
            entry.save()
            added.append(entry)
            order += 1
    assert {entry.kind for entry in added} == set(BrandKind.values)
    assert any(entry.sector_id for entry in added)
    return len(added)


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_queries_do_not_grow_with_the_entries(client, notice, django_assert_max_num_queries):
    _queries(client, notice.url)  # warm what every request shares (site root paths)
    small, _ = _queries(client, notice.url)
    added = _add_entries(notice, 10)
    large, html = _queries(client, notice.url)
    assert html.count("?entry=") == 4 + added
    assert large == small
    with django_assert_max_num_queries(small):
        client.get(notice.url)

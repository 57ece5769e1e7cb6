"""The city office's review (推荐评审) in the Wagtail admin: /admin/review/…"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.selectors import campaign_current
from nominations import services
from nominations.enums import SanctionKind, State
from nominations.models import Nomination, Nominee, Sanction

from .conftest import make_title

pytestmark = pytest.mark.django_db

BOARD = reverse("nominations_review:board")


def _detail(nomination):
    return reverse("nominations_review:detail", args=[nomination.pk])


def _move(nomination):
    return reverse("nominations_review:move", args=[nomination.pk])


def _messages(response):
    # Wagtail appends (empty) button markup to each message
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


@pytest.fixture
def office(client, users):
    client.force_login(users["office"])
    return client


def _submitted(users, name, brand_slug="village"):
    user = users["shangzhou"]
    title = make_title(user=user, name=name, brand_slug=brand_slug)
    nomination = services.nomination_create(
        campaign=campaign_current(), title=title, deeds="<p>事迹</p>", actor=user
    )
    return services.nomination_submit(nomination=nomination, actor=user)


@pytest.fixture
def submitted(users, open_phase):
    return _submitted(users, "评审村")


def test_board_is_the_current_campaign(office, demo, submitted):
    assert campaign_current() == demo
    response = office.get(BOARD)
    assert response.status_code == 200
    assert "评审村" in response.content.decode()
    response = office.get(
        BOARD, {"state": "submitted", "county": submitted.county_id, "brand": submitted.brand_id}
    )
    assert list(response.context["page"]) == list(
        Nomination.objects.filter(
            campaign=demo, state="submitted", county=submitted.county, brand=submitted.brand
        ).order_by("-submitted_at", "-id")
    )
    assert office.get(BOARD, {"state": "commended"}).context["page"].paginator.count == 0


def test_office_accepts_one(office, submitted):
    response = office.get(_detail(submitted))
    assert response.status_code == 200
    assert [m.action for m in response.context["moves"]] == ["accept", "return"]
    response = office.post(_move(submitted), {"action": "accept"})
    assert response.status_code == 302 and response["Location"] == _detail(submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.ACCEPTED
    assert any("形式审查通过" in m for m in _messages(response))


def test_office_returns_one_with_reason(
    office, client, users, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    response = office.post(_move(submitted), {"action": "return", "reason": ""})
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    assert "请填写理由。" in _messages(response)

    with django_capture_on_commit_callbacks(execute=True):
        office.post(_move(submitted), {"action": "return", "reason": "事迹材料缺少照片"})
    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED
    assert mailoutbox[-1].to == ["shangzhou@pingan.example.cn"]
    assert "事迹材料缺少照片" in mailoutbox[-1].body

    client.force_login(users["shangzhou"])
    page = client.get(reverse("nominations:nomination_detail", args=[submitted.pk]))
    assert "事迹材料缺少照片" in page.content.decode()


def test_refused_checks_come_back_as_messages(office, users, submitted):
    Sanction.objects.create(
        county=submitted.county,
        kind=SanctionKind.DISQUALIFIED,
        reason="两率一度排名靠后",
        starts_on=datetime.date(2018, 1, 1),
        year=2018,
    )
    response = office.get(_detail(submitted))
    assert not response.context["live_ok"]
    response = office.post(_move(submitted), {"action": "accept"})
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    assert any("单位评先资格" in m and "两率一度排名靠后" in m for m in _messages(response))


def test_bulk_accept(office, users, open_phase):
    rows = [_submitted(users, f"批量村{i}") for i in range(3)]
    response = office.post(BOARD, {"action": "accept", "nominations": [n.pk for n in rows]})
    assert response.status_code == 302
    assert {n.state for n in Nomination.objects.filter(pk__in=[n.pk for n in rows])} == {State.ACCEPTED}
    assert any("成功办理3件" in m for m in _messages(response))


def test_bulk_return_needs_one_reason(office, users, open_phase):
    rows = [_submitted(users, f"退回村{i}") for i in range(2)]
    ids = [n.pk for n in rows]
    response = office.post(BOARD, {"action": "return", "nominations": ids})
    assert "批量退回须填写退回理由。" in _messages(response)
    assert set(Nomination.objects.filter(pk__in=ids).values_list("state", flat=True)) == {State.SUBMITTED}
    office.post(BOARD, {"action": "return", "nominations": ids, "reason": "请补充材料"})
    assert set(Nomination.objects.filter(pk__in=ids).values_list("state", flat=True)) == {State.RETURNED}
    assert Nomination.objects.get(pk=ids[0]).events.last().reason == "请补充材料"


def test_bulk_refuses_a_draft_without_stopping_the_others(office, users, draft, open_phase):
    rows = [_submitted(users, f"混合村{i}") for i in range(2)]
    response = office.post(BOARD, {"action": "accept", "nominations": [rows[0].pk, draft.pk, rows[1].pk]})
    assert {n.state for n in Nomination.objects.filter(pk__in=[n.pk for n in rows])} == {State.ACCEPTED}
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    messages = _messages(response)
    assert any("成功办理2件" in m for m in messages)
    assert any("1件未能办理" in m for m in messages)
    assert any(m.startswith(f"{draft.nominee}") and "草稿" in m for m in messages)


def test_bulk_move_service_reports_each(users, draft, open_phase):
    other = _submitted(users, "服务村")
    results = services.nominations_bulk_move(
        nominations=[other, draft], action="accept", actor=users["office"]
    )
    assert results[0] == (other, None)
    assert results[1][0] == draft and "草稿" in results[1][1]
    refused = services.nominations_bulk_move(nominations=[other], action="accept", actor=users["shangzhou"])
    assert refused[0][1]  # a county may not accept


@pytest.mark.parametrize("username", [None, "shangzhou"])
def test_only_the_office_reaches_the_review(client, users, submitted, username):
    if username:
        client.force_login(users[username])
    for url in (BOARD, _detail(submitted), _move(submitted)):
        response = client.get(url)
        assert response.status_code == 403 or (
            response.status_code == 302 and "/login/" in response["Location"]
        ), (url, response.status_code)
    for url, data in (
        (_move(submitted), {"action": "accept"}),
        (BOARD, {"action": "accept", "nominations": [submitted.pk]}),
    ):
        response = client.post(url, data)
        assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_no_id_number_or_phone_on_any_review_page(office, demo):
    secrets = [
        value
        for row in Nominee.objects.filter(kind="individual").values("id_number", "mobile")
        for value in row.values()
        if value
    ]
    assert secrets, "the demo has individuals with ID numbers and phones"
    nominations = list(Nomination.objects.filter(campaign=demo))
    assert any(n.nominee.kind == "individual" for n in nominations)
    pages = [office.get(BOARD)]
    pages += [office.get(BOARD, {"page": p}) for p in pages[0].context["page"].paginator.page_range]
    pages += [office.get(_detail(n)) for n in nominations]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        leaked = [s for s in secrets if s in html]
        assert leaked == [], response.wsgi_request.path


def test_board_runs_a_constant_number_of_queries(office, users, open_phase):
    """1 vs 10 rows on the page (the demo's 102 nominations fill a page, so filter to ours)."""

    def count(rows):
        with CaptureQueriesContext(connection) as queries:
            response = office.get(BOARD, {"q": "计数村"})
        assert response.status_code == 200
        assert len(response.context["page"]) == rows
        return len(queries)

    _submitted(users, "计数村0")
    one = count(1)
    for i in range(1, 10):
        _submitted(users, f"计数村{i}")
    assert count(10) == one

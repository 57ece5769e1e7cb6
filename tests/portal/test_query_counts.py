"""Query counts that stay the same as the data grows, for the pages not covered elsewhere:
the workbench dashboard of a county and of a lead department (nominations, the office's
moves on them, filings and reminders).

The other pages of issue 6 have theirs next to their other tests: the campaign page
(tests/campaigns/test_pages.py), the notice page (tests/honours/test_notice_page.py),
the honour roll with and without a Chinese query (tests/honours/test_honour_roll.py)
and the office's review board (tests/nominations/test_review.py)."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import rules as campaign_rules
from campaigns.models import Sector
from filings import services as filing_services
from filings.enums import FilingState, ReminderReason
from filings.models import Filing, FilingKind, FilingReminder
from nominations import services
from nominations.models import DemoSite, LocalTitle, Nomination, NominationEvent, NominationFile, Nominee
from portal import rules
from portal.models import Department
from tests.nominations import conftest as nomination_fixtures
from tests.nominations.conftest import make_title

pytestmark = pytest.mark.django_db

open_phase = nomination_fixtures.open_phase  # every unit may nominate today


@pytest.fixture
def blank(demo):
    """The demo without nominations, nominees, titles, demo sites and filing reminders,
    its filings back to drafts (a filed kind has no reminder on the dashboard)."""
    NominationEvent.objects.all().delete()
    NominationFile.objects.all().delete()
    Nomination.objects.all().delete()
    DemoSite.objects.all().delete()
    LocalTitle.objects.all().delete()
    Nominee.objects.all().delete()
    FilingReminder.objects.all().delete()
    Filing.objects.update(state=FilingState.DRAFT)
    return demo


def _count(client, url: str) -> tuple[int, object]:
    client.get(url)  # warm what every request shares (site root, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _grow(demo, user, office, *, count: int, start: int, kinds: int) -> None:
    """`count` more nominations of the user's unit, submitted, the office accepting or
    returning every other one; a filing and reminders of the first `kinds` kinds of the unit's role."""
    unit = rules.actor_for(user).unit
    sector = Sector.objects.filter(lead_department=unit).first() if "department" in _owner(unit) else None
    for i in range(start, start + count):
        if sector is None:
            title = make_title(user=user, name=f"计数村{i:02d}", brand_slug="village")
        else:
            title = make_title(user=user, name=f"计数单位{i:02d}", sector_slug=sector.slug)
        nomination = services.nomination_create(campaign=demo, title=title, deeds="<p>事迹</p>", actor=user)
        services.nomination_submit(nomination=nomination, actor=user)
        if i % 2:
            services.nomination_return(nomination=nomination, actor=office, reason="请补充材料")
        else:
            services.nomination_accept(nomination=nomination, actor=office)
    for n, kind in enumerate(
        FilingKind.objects.filter(campaign=demo, role=campaign_rules.role_of(unit)).order_by("id")[:kinds]
    ):
        if not Filing.objects.filter(kind=kind, **_owner(unit)).exists():
            filing_services.filing_save(filing=Filing(kind=kind, title=f"{kind.name}（计数）"), actor=user)
        for reason in ReminderReason.values:
            FilingReminder.objects.get_or_create(
                kind=kind,
                reason=reason,
                due_on=datetime.date(2018, 12, 1) + datetime.timedelta(days=n),
                **_owner(unit),
            )


def _owner(unit) -> dict:
    return {"department": unit} if isinstance(unit, Department) else {"county": unit}


@pytest.mark.parametrize("username", ["shangzhou", "jiaoyu"])
def test_the_workbench_dashboard_runs_a_constant_number_of_queries(client, blank, open_phase, username):
    demo = blank
    user = User.objects.get(username=username)
    office = User.objects.get(username="office")
    client.force_login(user)
    url = reverse("workbench")

    _grow(demo, user, office, count=1, start=0, kinds=1)
    few, response = _count(client, url)
    assert response.context["nomination_total"] == 1
    assert len(response.context["office_updates"]) == 1
    assert len(response.context["reminders"]) == 1

    _grow(demo, user, office, count=9, start=1, kinds=10)
    many, response = _count(client, url)
    assert response.context["nomination_total"] == 10
    assert len(response.context["office_updates"]) > 1
    assert len(response.context["reminders"]) > 1
    assert many == few

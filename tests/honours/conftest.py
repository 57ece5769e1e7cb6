"""Fixtures of the December process, built through the services (portal.demo.december)."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from honours import services
from nominations.enums import State
from nominations.models import Nomination
from portal.demo import december

PAST_START = datetime.date(2018, 12, 10)  # a Monday; 5 working days end on 2018-12-14


@pytest.fixture
def office(demo):
    return User.objects.get(username="office")


@pytest.fixture
def shortlisted(demo, office):
    """Four submitted demo nominations taken to shortlisted: a 商州 village (collective), a
    family, a grid worker (individual, with ID number and phone) and a sector's unit."""
    submitted = Nomination.objects.filter(campaign=demo, state=State.SUBMITTED).select_related(
        "brand", "county"
    )
    picks = [
        submitted.filter(county__slug="shangzhou", brand__slug="village").order_by("id").first(),
        submitted.filter(brand__slug="family").order_by("id").first(),
        submitted.filter(brand__slug="gridworker").order_by("id").first(),
        submitted.filter(sector__isnull=False).order_by("id").first(),
    ]
    assert all(picks)
    december.accept(picks, actor=office)
    december.verify(picks, actor=office)
    return december.shortlist(picks, actor=office)


@pytest.fixture
def notice(demo, office, shortlisted):
    """A published notice of the shortlisted four, open today."""
    page = services.notice_create(campaign=demo, actor=office, starts_on=timezone.localdate())
    return services.notice_publish(notice=page, actor=office)


@pytest.fixture
def ended_notice(demo, office, shortlisted):
    """A published notice of the shortlisted four whose period (2018-12-10 to 12-14) is over."""
    page = services.notice_create(campaign=demo, actor=office, starts_on=PAST_START)
    return services.notice_publish(notice=page, actor=office, today=PAST_START)


@pytest.fixture
def decision(ended_notice, office):
    """The published commendation decision of `ended_notice`: its four honours conferred."""
    page = services.commendation_create(
        notice=ended_notice,
        actor=office,
        document_number="商发〔2018〕1号",
        issued_on=datetime.date(2018, 12, 28),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )
    return services.commendation_publish(page=page, actor=office)

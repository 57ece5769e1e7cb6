"""`seed_demo --stage`: the demo at each stage of the year, through the same services as
the screens, never going back."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from honours.enums import Finding
from honours.models import CommendationPage, Honour, NoticePage, Objection
from nominations.enums import State
from nominations.models import Nomination
from portal.demo import december

pytestmark = pytest.mark.django_db


def _states(campaign) -> set[str]:
    return set(Nomination.objects.filter(campaign=campaign).values_list("state", flat=True))


def test_the_default_demo_is_at_submitted(demo):
    assert december.stage_of(demo) == "submitted"
    assert _states(demo) == {State.DRAFT, State.SUBMITTED, State.RETURNED}


def test_review_stage_leaves_work_for_the_office(demo):
    assert december.advance(demo, to="review") == ["review"]
    assert december.stage_of(demo) == "review"
    nominations = Nomination.objects.filter(campaign=demo)
    # 商南县's submissions wait for the formal check; some accepted ones wait for the visit
    assert nominations.filter(county__slug="shangnan", state=State.SUBMITTED).exists()
    assert nominations.filter(state=State.ACCEPTED).exists()
    assert nominations.filter(state=State.VERIFIED).exists()
    rejected = nominations.get(state=State.REJECTED)
    assert rejected.verifications.get().passed is False
    assert not nominations.filter(state=State.SHORTLISTED).exists()


def test_notice_stage_opens_a_notice_today_with_two_objections(demo):
    assert december.advance(demo, to="notice") == ["review", "notice"]
    notice = NoticePage.objects.child_of(demo).live().get()
    assert notice.is_open(timezone.localdate())
    assert notice.entries.count() == Nomination.objects.filter(state=State.SHORTLISTED).count() > 0
    assert Objection.objects.filter(notice=notice, finding=Finding.PENDING).count() == 2


def test_commended_stage_settles_objections_and_publishes_the_decision(demo, capsys):
    call_command("seed_demo", "--stage", "commended")
    assert december.stage_of(demo) == "commended"
    decision = CommendationPage.objects.child_of(demo).live().get()
    notice = decision.notice
    assert notice.ends_on < timezone.localdate()
    assert sorted(Objection.objects.filter(notice=notice).values_list("finding", flat=True)) == [
        Finding.DISMISSED,
        Finding.UPHELD,
    ]
    honours = Honour.objects.filter(commendation=decision)
    assert honours.count() == Nomination.objects.filter(state=State.COMMENDED).count() > 0
    assert honours.filter(revoked_on__isnull=False).count() == 1
    upheld = Objection.objects.get(notice=notice, finding=Finding.UPHELD)
    assert upheld.entry.nomination.state == State.REJECTED
    # again, or asked for an earlier stage: nothing changes, and it says so
    assert december.advance(demo, to="commended") == []
    call_command("seed_demo", "--stage", "review")
    assert "晚于" in capsys.readouterr().out
    assert Honour.objects.count() == honours.count()

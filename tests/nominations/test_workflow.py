"""One table, one function: every allowed and forbidden move of a nomination."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nominations import services
from nominations.enums import State
from nominations.models import Nomination, NominationEvent
from nominations.workflow import MOVES, By

pytestmark = pytest.mark.django_db

ACTIONS = sorted({m.action for m in MOVES})


def _put(nomination: Nomination, state: str) -> Nomination:
    Nomination.objects.filter(pk=nomination.pk).update(state=state)
    nomination.refresh_from_db()
    return nomination


@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_move_is_allowed_only_as_the_table_says(draft, users, state, action):
    nomination = _put(draft, state)
    move = next((m for m in MOVES if m.source == state and m.action == action), None)
    actor = users["office"] if move is None or move.by == By.OFFICE else users["shangzhou"]
    if move is None:
        with pytest.raises(ValidationError):
            services.nomination_transition(nomination=nomination, action=action, actor=actor, reason="理由")
        assert Nomination.objects.get(pk=draft.pk).state == state
        return
    services.nomination_transition(nomination=nomination, action=action, actor=actor, reason="理由")
    assert Nomination.objects.get(pk=draft.pk).state == move.target
    event = NominationEvent.objects.filter(nomination=draft).latest("at", "id")
    assert (event.from_state, event.to_state) == (state, move.target)
    assert (event.actor, event.reason) == (actor, "理由")


@pytest.mark.parametrize("move", MOVES, ids=lambda m: f"{m.source}-{m.action}")
def test_the_wrong_party_may_not_move(draft, users, move):
    nomination = _put(draft, move.source)
    wrong = users["shangzhou"] if move.by == By.OFFICE else users["office"]
    with pytest.raises(PermissionDenied):
        services.nomination_transition(nomination=nomination, action=move.action, actor=wrong, reason="理由")
    assert Nomination.objects.get(pk=draft.pk).state == move.source


def test_another_county_may_not_submit(draft, users):
    with pytest.raises(PermissionDenied):
        services.nomination_submit(nomination=draft, actor=users["luonan"])
    assert Nomination.objects.get(pk=draft.pk).state == State.DRAFT


@pytest.mark.parametrize("move", [m for m in MOVES if m.needs_reason], ids=lambda m: f"{m.source}-{m.action}")
def test_moves_that_need_a_reason_refuse_without_one(draft, users, move):
    nomination = _put(draft, move.source)
    actor = users["office"] if move.by == By.OFFICE else users["shangzhou"]
    with pytest.raises(ValidationError, match="理由"):
        services.nomination_transition(nomination=nomination, action=move.action, actor=actor, reason="  ")


def test_submit_records_eligibility_and_time(draft, users):
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert draft.submitted_at is not None
    assert [c["code"] for c in draft.eligibility] == ["title", "quota", "phase", "duplicate", "standing"]
    assert all(c["ok"] for c in draft.eligibility)


def test_return_then_correct_and_resubmit(draft, users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    assert mailoutbox == []  # the submitter's own move: no e-mail to itself
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_return(nomination=draft, actor=users["office"], reason="事迹材料不全")
    assert draft.state == State.RETURNED
    assert mailoutbox[-1].to == ["shangzhou@pingan.example.cn"]
    assert "事迹材料不全" in mailoutbox[-1].body
    services.nomination_update(nomination=draft, deeds="<p>补充后的事迹</p>", actor=users["shangzhou"])
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    assert [e.to_state for e in draft.events.all()] == ["draft", "submitted", "returned", "submitted"]


def test_nothing_submitted_is_deleted(draft, users):
    from django.db.models import ProtectedError

    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    with pytest.raises(ProtectedError):
        draft.nominee.delete()
    services.nomination_withdraw(nomination=draft, actor=users["shangzhou"], reason="重复申报")
    assert Nomination.objects.filter(pk=draft.pk, state=State.WITHDRAWN).exists()

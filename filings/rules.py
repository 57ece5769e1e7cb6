"""Who may change a filing, and where a unit stands with each kind it must file."""

from __future__ import annotations

import datetime

from django.db import models

from filings.enums import FilingState
from filings.workflow import EDITABLE_STATES, Move
from nominations.workflow import By
from portal import rules as portal_rules


class Standing(models.TextChoices):
    """A unit × kind cell of the office's tracker."""

    MISSING = "missing", "未报送"
    LATE = "late", "逾期未报"
    EXTENDED = "extended", "已延期"
    DRAFT = "draft", "草稿未报"
    SUBMITTED = "submitted", "已报送待审"
    RETURNED = "returned", "退回修改中"
    ACCEPTED = "accepted", "已审核通过"
    ISSUED = "issued", "已印发"


OUTSTANDING = frozenset(
    {Standing.MISSING, Standing.LATE, Standing.EXTENDED, Standing.DRAFT, Standing.RETURNED}
)


def files_kind(unit, kind) -> bool:
    """Whether `kind` is one the county or department must file (by its role)."""
    from campaigns.rules import role_of

    return unit is not None and kind.role == role_of(unit)


def can_edit(user, filing) -> bool:
    return filing.state in EDITABLE_STATES and portal_rules.owns(user, filing)


def can_move(user, filing, move: Move) -> bool:
    if move.by == By.OFFICE:
        return portal_rules.is_city_office(user)
    return portal_rules.owns(user, filing)


def standing(
    *, filing, due_on: datetime.date | None, extended_until: datetime.date | None, today: datetime.date
) -> str:
    """Where a unit stands with one kind: its filing's state, or for a draft, a returned
    filing or no filing at all, whether it is late (after the due date and any extension)."""
    if filing is not None and filing.state not in EDITABLE_STATES:
        return {
            FilingState.SUBMITTED: Standing.SUBMITTED,
            FilingState.ACCEPTED: Standing.ACCEPTED,
            FilingState.ISSUED: Standing.ISSUED,
        }[filing.state]
    if due_on is not None and today > due_on:
        if extended_until is not None and today <= extended_until:
            return Standing.EXTENDED
        if filing is None or filing.state == FilingState.DRAFT:
            return Standing.LATE
    if filing is None:
        return Standing.MISSING
    return Standing.RETURNED if filing.state == FilingState.RETURNED else Standing.DRAFT

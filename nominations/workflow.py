"""The nomination's lifecycle as one table (DOMAIN.md §4), applied by
`nominations.services.nomination_transition`.

    draft ─submit→ submitted ─accept→ accepted ─verify→ verified ─shortlist→ shortlisted ─commend→ commended
      │              │ return (reasons)   │ reject          │ reject          │ reject (objection upheld)
      │              ↓                    ↓                 ↓                 ↓
      │           returned ─resubmit→ submitted          rejected
      └─ withdraw (draft, submitted or returned: by the submitter, before acceptance) → withdrawn

The online selection round (网络评选, a later issue) feeds the verified → shortlisted
decision; it adds no state of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nominations.enums import State


class By(StrEnum):
    SUBMITTER = "submitter"  # an operator of the nominating county or department
    OFFICE = "office"  # the city office


@dataclass(frozen=True)
class Move:
    source: State
    target: State
    action: str
    label: str
    by: By
    needs_reason: bool = False
    # which eligibility rules to (re)check: "submission" (all six) or "review" (1, 4, 5, 6)
    checks: str | None = None


MOVES: tuple[Move, ...] = (
    Move(State.DRAFT, State.SUBMITTED, "submit", "提交", By.SUBMITTER, checks="submission"),
    Move(State.RETURNED, State.SUBMITTED, "submit", "重新提交", By.SUBMITTER, checks="submission"),
    Move(State.DRAFT, State.WITHDRAWN, "withdraw", "撤回", By.SUBMITTER),
    Move(State.SUBMITTED, State.WITHDRAWN, "withdraw", "撤回", By.SUBMITTER, needs_reason=True),
    Move(State.RETURNED, State.WITHDRAWN, "withdraw", "撤回", By.SUBMITTER, needs_reason=True),
    Move(State.SUBMITTED, State.ACCEPTED, "accept", "形式审查通过", By.OFFICE, checks="review"),
    Move(State.SUBMITTED, State.RETURNED, "return", "退回修改", By.OFFICE, needs_reason=True),
    Move(State.ACCEPTED, State.VERIFIED, "verify", "实地核查通过", By.OFFICE, checks="review"),
    Move(State.ACCEPTED, State.REJECTED, "reject", "不予通过", By.OFFICE, needs_reason=True),
    Move(State.VERIFIED, State.SHORTLISTED, "shortlist", "拟命名", By.OFFICE, checks="review"),
    Move(State.VERIFIED, State.REJECTED, "reject", "不予通过", By.OFFICE, needs_reason=True),
    Move(State.SHORTLISTED, State.REJECTED, "reject", "不予通过", By.OFFICE, needs_reason=True),
    Move(State.SHORTLISTED, State.COMMENDED, "commend", "命名表彰", By.OFFICE, checks="review"),
)

EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


def find_move(source: str, action: str) -> Move | None:
    return next((m for m in MOVES if m.source == source and m.action == action), None)


def moves_from(source: str) -> list[Move]:
    return [m for m in MOVES if m.source == source]

"""A filing's lifecycle as one table (DOMAIN.md §5), applied by
`filings.services.filing_transition`.

    draft ─submit→ submitted ─accept→ accepted ─issue (sector plans: 印发)→ issued
                     │ return (comments)
                     ↓
                  returned ─submit (corrected)→ submitted
"""

from __future__ import annotations

from dataclasses import dataclass

from filings.enums import FilingState as S
from nominations.workflow import By


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    action: str
    label: str
    by: By
    needs_reason: bool = False
    on_time: bool = False  # only before the due date, or within an office extension
    approval_only: bool = False  # only for kinds the office approves and issues


MOVES: tuple[Move, ...] = (
    Move(S.DRAFT, S.SUBMITTED, "submit", "报送", By.SUBMITTER, on_time=True),
    Move(S.RETURNED, S.SUBMITTED, "submit", "修改后重新报送", By.SUBMITTER, on_time=True),
    Move(S.SUBMITTED, S.RETURNED, "return", "退回修改", By.OFFICE, needs_reason=True),
    Move(S.SUBMITTED, S.ACCEPTED, "accept", "审核通过", By.OFFICE),
    Move(S.ACCEPTED, S.ISSUED, "issue", "印发", By.OFFICE, approval_only=True),
)

EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})


def find_move(source: str, action: str) -> Move | None:
    return next((m for m in MOVES if m.source == source and m.action == action), None)

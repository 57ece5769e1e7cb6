"""Reminders of filings (DOMAIN.md §5): a unit that has not filed a kind is reminded a few
days before its due date (DUE_SOON) and once it is late (LATE), in the workbench and by
e-mail — never twice for the same unit, kind, reason and due date.

The due date is the campaign's milestone, or the end of the unit's office extension if it
is later (the same dates the tracker and `campaigns.rules.phase_status` use), so an
extension makes a new due date and may bring a new reminder of either reason.

"Not filed" follows the tracker (`filings.rules.standing`): before the due date, no filing,
a draft or a filing returned for correction (it must be resubmitted) is reminded; after it,
LATE is sent where the tracker shows 逾期未报 (no filing or a draft). A filing returned
after its due date stands as 退回修改中, the office's own move: it gets no LATE reminder.

`filing_reminders_send` runs daily (`manage.py filing_reminders`, from cron); it may run
any number of times a day, on any number of workers at once: the unique constraint on
`FilingReminder` decides which run records a reminder, and only that run e-mails it,
after its transaction commits (at most once: a failed e-mail is logged, not retried).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CampaignPage
from filings import selectors
from filings.enums import ReminderReason
from filings.models import FilingKind, FilingReminder
from filings.rules import Standing
from portal.dates import day_label
from portal.models import Department, Jurisdiction
from portal.models.units import unit_emails, unit_fields


@dataclass(frozen=True)
class DueReminder:
    """A reminder that should exist today: `unit` about `kind`, for `reason`, due `due_on`."""

    unit: Jurisdiction | Department
    kind: FilingKind
    reason: str
    due_on: datetime.date

    @property
    def key(self) -> tuple:
        return (self.kind.pk, *_unit_key(self.unit), self.reason, self.due_on)


def _unit_key(unit) -> tuple[int | None, int | None]:
    """(county_id, department_id) of a `UnitOwned` row of `unit`."""
    return (unit.pk, None) if isinstance(unit, Jurisdiction) else (None, unit.pk)


def effective_due(cell: selectors.Cell) -> datetime.date | None:
    """The unit's due date of a kind: the milestone's, or its extension's end if later."""
    if cell.due_on is None:
        return None
    if cell.extended_until is not None and cell.extended_until > cell.due_on:
        return cell.extended_until
    return cell.due_on


def reminders_due(*, campaign: CampaignPage, today: datetime.date) -> list[DueReminder]:
    """Which unit should be reminded of which kind today, why and for which due date
    (whether or not it already was: `filing_reminders_send` skips those)."""
    due = []
    for row in selectors.tracker(campaign=campaign, today=today):
        for cell in row.cells:
            due_on = effective_due(cell)
            if due_on is None:
                continue
            days_left = (due_on - today).days
            if 0 < days_left <= cell.kind.remind_days_before and cell.outstanding:
                due.append(DueReminder(row.unit, cell.kind, ReminderReason.DUE_SOON, due_on))
            elif days_left < 0 and cell.standing == Standing.LATE:
                due.append(DueReminder(row.unit, cell.kind, ReminderReason.LATE, due_on))
    return due


def filing_reminders_send(*, today: datetime.date | None = None, campaign: CampaignPage | None = None) -> int:
    """Record today's reminders of each city's current campaign (the one its workbench
    shows), or of `campaign`, and e-mail each unit once about those this run recorded.
    Returns how many it recorded."""
    from campaigns.selectors import campaigns_current

    today = today or timezone.localdate()
    campaigns = [campaign] if campaign is not None else campaigns_current()
    return sum(_campaign_reminders_send(campaign=c, today=today) for c in campaigns)


def _campaign_reminders_send(*, campaign: CampaignPage, today: datetime.date) -> int:
    sent = set(
        FilingReminder.objects.filter(kind__campaign=campaign).values_list(
            "kind_id", "county_id", "department_id", "reason", "due_on"
        )
    )
    by_unit: dict[tuple, list[DueReminder]] = defaultdict(list)
    for item in reminders_due(campaign=campaign, today=today):
        if item.key not in sent:
            by_unit[_unit_key(item.unit)].append(item)
    recorded = 0
    for items in by_unit.values():
        with transaction.atomic():
            created = []
            for item in items:
                # get_or_create: a concurrent run that inserted the same row first wins
                # (the unique constraint); this run then finds it and does not e-mail it.
                reminder, new = FilingReminder.objects.get_or_create(
                    kind=item.kind, reason=item.reason, due_on=item.due_on, **unit_fields(item.unit)
                )
                if new:
                    created.append(reminder.pk)
            if created:
                transaction.on_commit(partial(_email_unit, reminder_ids=created, today=today), robust=True)
        recorded += len(created)
    return recorded


def _line(reminder: FilingReminder, today: datetime.date) -> str:
    due = day_label(reminder.due_on)
    if reminder.reason == ReminderReason.DUE_SOON:
        return f"· {reminder.kind.name}：{due}截止（还有{(reminder.due_on - today).days}天），尚未报送。"
    return f"· {reminder.kind.name}：已于{due}截止，尚未报送；如需补报，请向市综治办申请延期。"


def _email_unit(*, reminder_ids: list[int], today: datetime.date) -> int:
    """One e-mail to the unit's operators listing the reminders just recorded."""
    reminders = list(
        FilingReminder.objects.filter(pk__in=reminder_ids)
        .select_related("kind", "county", "department")
        .order_by("kind__sort_order", "kind_id", "reason")
    )
    if not reminders:
        return 0
    unit = reminders[0].unit
    recipients = unit_emails(unit)
    if not recipients:
        return 0
    reasons = {r.reason for r in reminders}
    what = "即将到期或已逾期" if len(reasons) > 1 else ReminderReason(reasons.pop()).label
    subject = f"报送提醒：{unit.name}有{len(reminders)}项材料{what}"
    url = settings.WAGTAILADMIN_BASE_URL + reverse("filings:filing_list")
    body = "\n".join(
        [
            f"{unit.name}：",
            "以下材料尚未报送，请及时在工作台填写并报送：",
            *(_line(r, today) for r in reminders),
            f"请登录工作台查看：{url}",
        ]
    )
    send_mail(subject, body, None, recipients)
    FilingReminder.objects.filter(pk__in=reminder_ids).update(emailed=len(recipients))
    return len(recipients)

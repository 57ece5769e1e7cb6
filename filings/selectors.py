"""Reads of filings: a unit's list of what it must file, and the office's tracker of
units × kinds — each in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from campaigns.enums import Role
from campaigns.models import CampaignPage, Extension, Sector
from campaigns.rules import role_of
from filings import rules
from filings.enums import FilingState
from filings.models import Filing, FilingKind, FilingReminder
from portal.models import Department, Jurisdiction


@dataclass
class Cell:
    kind: FilingKind
    filing: Filing | None
    due_on: datetime.date | None
    extended_until: datetime.date | None
    standing: str

    @property
    def standing_label(self) -> str:
        return rules.Standing(self.standing).label

    @property
    def outstanding(self) -> bool:
        return self.standing in rules.OUTSTANDING


@dataclass
class TrackerRow:
    unit: Jurisdiction | Department
    role: str
    cells: list[Cell]


def _units_by_role(campaign: CampaignPage) -> list[tuple[Jurisdiction | Department, str]]:
    counties = Jurisdiction.objects.filter(parent_id=campaign.city_id, level=Jurisdiction.Level.COUNTY)
    leads = set(Sector.objects.filter(city_id=campaign.city_id).values_list("lead_department_id", flat=True))
    units: list[tuple[Jurisdiction | Department, str]] = [
        (c, Role.COUNTY) for c in counties.order_by("sort_order", "id")
    ]
    for department in Department.objects.filter(city_id=campaign.city_id).exclude(
        kind=Department.Kind.OFFICE
    ):
        units.append((department, Role.LEAD_DEPARTMENT if department.pk in leads else Role.OTHER_DEPARTMENT))
    return units


def _key(unit) -> tuple[str, int]:
    return ("county" if isinstance(unit, Jurisdiction) else "department", unit.pk)


def tracker(*, campaign: CampaignPage, today: datetime.date, units=None) -> list[TrackerRow]:
    """Every unit that must file something in the campaign, with a cell per kind of its role."""
    kinds = list(FilingKind.objects.filter(campaign=campaign).order_by("sort_order", "id"))
    due = {(m.role, m.key): m.due_on for m in campaign.milestones.all()}
    filings = {
        (("county", f.county_id) if f.county_id else ("department", f.department_id), f.kind_id): f
        for f in Filing.objects.filter(campaign=campaign)
    }
    extended: dict[tuple[tuple[str, int], str], datetime.date] = {}
    for e in Extension.objects.filter(campaign=campaign).order_by("until"):
        unit_key = ("county", e.county_id) if e.county_id else ("department", e.department_id)
        extended[(unit_key, e.milestone_key)] = e.until
    rows = []
    for unit, role in units if units is not None else _units_by_role(campaign):
        cells = []
        for kind in (k for k in kinds if k.role == role):
            filing = filings.get((_key(unit), kind.pk))
            due_on = due.get((role, kind.key))
            until = extended.get((_key(unit), kind.key))
            cells.append(
                Cell(
                    kind,
                    filing,
                    due_on,
                    until,
                    rules.standing(filing=filing, due_on=due_on, extended_until=until, today=today),
                )
            )
        if cells:
            rows.append(TrackerRow(unit=unit, role=role, cells=cells))
    return rows


def unit_filings(*, campaign: CampaignPage, unit, today: datetime.date) -> list[Cell]:
    """What one county or department must file in the campaign, and where it stands."""
    (row,) = tracker(campaign=campaign, today=today, units=[(unit, role_of(unit))]) or [None]
    return row.cells if row else []


def outstanding_counts(rows: list[TrackerRow]) -> Counter:
    """How many cells stand where (for the tracker's summary)."""
    return Counter(cell.standing for row in rows for cell in row.cells)


def filings_visible_to(user):
    """Filings the user may see: its city's for the city office, its own unit's for an operator."""
    from portal import rules as portal_rules

    return portal_rules.visible_rows(
        Filing.objects.select_related("kind", "campaign", "county", "department"), user
    )


def unit_reminders(*, campaign: CampaignPage, unit, limit: int = 5) -> list[FilingReminder]:
    """The unit's latest reminder (filings.reminders) of each kind it has still not filed
    (one query): a reminder leaves the workbench once the kind is submitted, or once a
    newer one of the same kind (LATE after DUE_SOON, a new date) replaces it."""
    from portal.models.units import unit_q

    filed = Filing.objects.filter(
        unit_q(unit),
        kind=OuterRef("kind"),
        state__in=[FilingState.SUBMITTED, FilingState.ACCEPTED, FilingState.ISSUED],
    )
    newer = FilingReminder.objects.filter(unit_q(unit), kind=OuterRef("kind"), pk__gt=OuterRef("pk"))
    return list(
        FilingReminder.objects.filter(unit_q(unit), kind__campaign=campaign)
        .exclude(Exists(filed))
        .exclude(Exists(newer))
        .select_related("kind")
        .order_by("-sent_at", "-id")[:limit]
    )

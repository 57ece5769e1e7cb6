"""Campaign predicates: is a phase open for a unit (DOMAIN.md §3)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from campaigns.enums import Role
from campaigns.models import CampaignPage, Extension, Milestone, Sector
from portal.models import Department, Jurisdiction
from portal.models.units import unit_q


@dataclass(frozen=True)
class PhaseStatus:
    open: bool
    detail: str
    milestone: Milestone | None = None
    extension: Extension | None = None


def role_of(unit: Jurisdiction | Department) -> str:
    """Which column of the phase calendar applies to the unit."""
    if isinstance(unit, Jurisdiction):
        return Role.COUNTY
    if unit.kind == Department.Kind.OFFICE:
        return Role.CITY_OFFICE
    if Sector.objects.filter(lead_department=unit).exists():
        return Role.LEAD_DEPARTMENT
    return Role.OTHER_DEPARTMENT


def phase_status(
    *, campaign: CampaignPage, unit: Jurisdiction | Department, key: str, today: datetime.date | None = None
) -> PhaseStatus:
    """Whether `unit` may act on the milestone `key` (e.g. "nomination") today: between
    its start (if any) and its due date, or until the extension the office granted."""
    today = today or timezone.localdate()
    milestone = (
        Milestone.objects.filter(page=campaign, key=key, role=role_of(unit)).order_by("-due_on").first()
    )
    if milestone is None:
        return PhaseStatus(False, "本年度阶段安排中没有此项节点")
    extension = (
        Extension.objects.filter(unit_q(unit), campaign=campaign, milestone_key=key)
        .order_by("-until")
        .first()
    )
    if milestone.starts_on and today < milestone.starts_on:
        return PhaseStatus(False, f"{milestone.starts_on:%Y-%m-%d}起开放", milestone)
    if today <= milestone.due_on:
        return PhaseStatus(True, f"截止日期 {milestone.due_on:%Y-%m-%d}", milestone)
    if extension is not None and today <= extension.until:
        return PhaseStatus(True, f"已获延期至 {extension.until:%Y-%m-%d}", milestone, extension)
    return PhaseStatus(False, f"已于 {milestone.due_on:%Y-%m-%d} 截止", milestone, extension)

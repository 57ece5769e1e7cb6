"""Reads of the office's 报送备案 screens in the Wagtail admin: the tracker rows (from
`filings.selectors.tracker`), filtered, and one filing with its files and events."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from campaigns.enums import Role
from filings.models import Filing, FilingFile
from filings.selectors import TrackerRow
from portal import rules as portal_rules

ROLE_GROUPS = {
    Role.COUNTY: "县（区）",
    Role.LEAD_DEPARTMENT: "市级主责部门",
    Role.OTHER_DEPARTMENT: "市级其他部门",
}


def _check_city(user, filing: Filing) -> None:
    """The office handles its own city's filings (a superuser: every city's)."""
    department = portal_rules.actor_for(user).department
    if user.is_superuser or department is None:
        return
    if filing.campaign.city_id != department.city_id:
        raise Http404("没有找到该报送材料。")


def filing_for_office(*, user, pk: int) -> Filing:
    filing = get_object_or_404(
        Filing.objects.select_related("kind", "campaign", "county", "department"), pk=pk
    )
    _check_city(user, filing)
    return filing


def filing_file_for_office(*, user, pk: int) -> FilingFile:
    row = get_object_or_404(FilingFile.objects.select_related("filing__campaign"), pk=pk)
    _check_city(user, row.filing)
    return row


def filtered(rows: list[TrackerRow], *, role: str = "", standing: str = "") -> list[TrackerRow]:
    """Rows of one role, and/or rows with at least one cell of one standing."""
    if role:
        rows = [r for r in rows if r.role == role]
    if standing:
        rows = [r for r in rows if any(c.standing == standing for c in r.cells)]
    return rows


def grouped(rows: list[TrackerRow]) -> list[dict]:
    """The rows by role (县（区）, 市级主责部门, 市级其他部门), each group with its kinds as
    the columns."""
    groups = []
    for role, label in ROLE_GROUPS.items():
        members = [r for r in rows if r.role == role]
        if members:
            kinds = [c.kind for c in members[0].cells]
            groups.append({"role": role, "label": label, "kinds": kinds, "rows": members})
    return groups

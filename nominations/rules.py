"""Eligibility (DOMAIN.md §4 rules 1–6) and who may do what with a nomination.

Used by the services (which enforce), the views (which refuse) and the templates
(which show the operator, before submitting, exactly what will be checked).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from campaigns import rules as campaign_rules
from campaigns.models import CountyQuota, SectorQuota
from nominations.enums import SanctionKind
from nominations.models import Nomination, Sanction
from nominations.models.nominations import INACTIVE_STATES, QUOTA_STATES
from nominations.workflow import EDITABLE_STATES, By, Move, moves_from
from portal import rules as portal_rules

SUPERVISION_BAR = datetime.timedelta(days=183)  # seed 003 §十五(三): six months


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    ok: bool
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)


# --- permissions -----------------------------------------------------------


def can_view(user: User | AnonymousUser, nomination: Nomination) -> bool:
    return portal_rules.can_view_record(user, nomination)


def can_edit(user: User | AnonymousUser, nomination: Nomination) -> bool:
    """Its own unit edits a draft, or a nomination the office returned for correction."""
    return portal_rules.owns(user, nomination) and nomination.state in EDITABLE_STATES


def can_move(user: User | AnonymousUser, nomination: Nomination, move: Move) -> bool:
    if move.by == By.SUBMITTER:
        return portal_rules.owns(user, nomination)
    return portal_rules.is_city_office(user)


def moves_for(user: User | AnonymousUser, nomination: Nomination) -> list[Move]:
    return [m for m in moves_from(nomination.state) if can_move(user, nomination, m)]


# --- eligibility -------------------------------------------------------------


def quota_row(nomination: Nomination, *, lock: bool = False) -> CountyQuota | SectorQuota | None:
    if nomination.brand_id:
        rows = CountyQuota.objects.filter(
            campaign_id=nomination.campaign_id, county_id=nomination.county_id, brand_id=nomination.brand_id
        )
    else:
        rows = SectorQuota.objects.filter(campaign_id=nomination.campaign_id, sector_id=nomination.sector_id)
    if lock:
        rows = rows.select_for_update()
    return rows.first()


def quota_used(nomination: Nomination) -> int:
    """Places taken in the nomination's quota by the unit's other live nominations."""
    same = Nomination.objects.filter(
        campaign_id=nomination.campaign_id,
        county_id=nomination.county_id,
        department_id=nomination.department_id,
        brand_id=nomination.brand_id,
        sector_id=nomination.sector_id,
        state__in=QUOTA_STATES,
    )
    return same.exclude(pk=nomination.pk).count()


def check_title(nomination: Nomination) -> Check:
    """Rule 1: the nominee holds the county-level (or sector-level) title of this honour."""
    title = nomination.title
    ok = (
        title.nominee_id == nomination.nominee_id
        and title.brand_id == nomination.brand_id
        and title.sector_id == nomination.sector_id
        and title.county_id == nomination.county_id
        and title.department_id == nomination.department_id
    )
    level = "县级" if nomination.county_id else "领域"
    detail = (
        f"{title.year}年 {title.document_number}（{title.issuing_body}）"
        if ok
        else "命名记录与推荐对象或品牌不符"
    )
    return Check("title", f"已获{level}命名", ok, detail)


def check_quota(nomination: Nomination, *, lock: bool = False) -> Check:
    """Rule 2: the unit has a place left in its quota for this brand or sector."""
    row = quota_row(nomination, lock=lock)
    total = row.quota if row else 0
    used = quota_used(nomination)
    left = total - used
    return Check("quota", "名额尚有剩余", left > 0, f"名额 {total}，已用 {used}，剩余 {max(left, 0)}")


def check_phase(nomination: Nomination, *, today: datetime.date | None = None) -> Check:
    """Rule 3: the submission phase is open for the unit, or it holds an extension."""
    status = campaign_rules.phase_status(
        campaign=nomination.campaign, unit=nomination.unit, key="nomination", today=today
    )
    return Check("phase", "推荐申报期内", status.open, status.detail)


def check_duplicate(nomination: Nomination) -> Check:
    """Rule 4: not already nominated for the same brand in this campaign (later years may)."""
    others = Nomination.objects.filter(
        campaign_id=nomination.campaign_id,
        nominee_id=nomination.nominee_id,
        brand_id=nomination.brand_id,
        sector_id=nomination.sector_id,
    ).exclude(state__in=INACTIVE_STATES)
    duplicate = others.exclude(pk=nomination.pk).exists()
    return Check(
        "duplicate", "本年度未重复推荐", not duplicate, "本年度已推荐过该对象" if duplicate else "无重复"
    )


def check_standing(nomination: Nomination, *, today: datetime.date | None = None) -> Check:
    """Rules 5 and 6: the nominating unit has not lost its eligibility for honours
    (取消评先资格, or notified/interviewed twice within a year) and is not under
    挂牌督办 or within six months of it."""
    today = today or timezone.localdate()
    year = nomination.campaign.year
    sanctions = list(
        Sanction.objects.filter(county_id=nomination.county_id, department_id=nomination.department_id)
    )
    for s in sanctions:
        if s.kind == SanctionKind.DISQUALIFIED and s.year == year:
            return Check("standing", "单位评先资格", False, f"{year}年度已取消评先资格：{s.reason}")
        if s.kind == SanctionKind.SUPERVISED and s.starts_on <= today < s.starts_on + SUPERVISION_BAR:
            return Check(
                "standing", "单位评先资格", False, f"{s.starts_on:%Y-%m-%d}起挂牌督办，六个月内不得评先"
            )
    warnings = sorted(
        s.starts_on
        for s in sanctions
        if s.kind in (SanctionKind.NOTIFIED, SanctionKind.INTERVIEWED) and s.starts_on <= today
    )
    for first, second in zip(warnings, warnings[1:], strict=False):
        if second - first <= datetime.timedelta(days=365) and second.year == year:
            return Check("standing", "单位评先资格", False, "一年内两次被通报、约谈，取消年度评先资格")
    return Check("standing", "单位评先资格", True, "未被取消评先资格")


def eligibility(
    nomination: Nomination,
    *,
    stage: str = "submission",
    today: datetime.date | None = None,
    lock: bool = False,
) -> list[Check]:
    """Every rule that applies at `stage`: "submission" checks all six; "review" (the
    office's later steps) re-checks title, duplicate and the unit's standing."""
    checks = [check_title(nomination)]
    if stage == "submission":
        checks += [check_quota(nomination, lock=lock), check_phase(nomination, today=today)]
    checks += [check_duplicate(nomination), check_standing(nomination, today=today)]
    return checks

"""Reads for the workbench: a unit's quotas in use, its records, a nomination's timeline.

Every list runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from campaigns.models import Brand, CampaignPage, CountyQuota, Sector, SectorQuota
from nominations.enums import State
from nominations.models import DemoSite, LocalTitle, Nomination, NominationEvent, Nominee
from nominations.models.nominations import QUOTA_STATES
from portal import rules as portal_rules
from portal.models import Department, Jurisdiction
from portal.models.units import unit_q


def _scoped(queryset: QuerySet, user) -> QuerySet:
    """Rows the user may see: its city's for the city office, its own unit's for an operator."""
    return portal_rules.visible_rows(queryset, user)


def nominees_visible_to(user) -> QuerySet[Nominee]:
    return _scoped(Nominee.objects.select_related("place"), user)


def titles_visible_to(user) -> QuerySet[LocalTitle]:
    return _scoped(LocalTitle.objects.select_related("nominee", "brand", "sector"), user)


def demo_sites_visible_to(user, *, campaign: CampaignPage) -> QuerySet[DemoSite]:
    return _scoped(
        DemoSite.objects.filter(campaign=campaign).select_related("nominee", "brand", "sector"), user
    )


def nominations_visible_to(user, *, campaign: CampaignPage | None = None) -> QuerySet[Nomination]:
    nominations = Nomination.objects.select_related(
        "nominee", "brand", "sector", "title", "county", "department", "campaign"
    )
    if campaign is not None:
        nominations = nominations.filter(campaign=campaign)
    return _scoped(nominations, user)


def nomination_timeline(*, nomination: Nomination) -> list[NominationEvent]:
    return list(
        NominationEvent.objects.filter(nomination=nomination).select_related("actor").order_by("at", "id")
    )


@dataclass
class QuotaUse:
    honour: Brand | Sector
    total: int
    used: int  # submitted and beyond
    drafts: int
    demo_sites: int

    @property
    def left(self) -> int:
        return max(self.total - self.used, 0)


def quota_use(
    *, campaign: CampaignPage, unit: Jurisdiction | Department, counts: UnitCounts | None = None
) -> list[QuotaUse]:
    """The unit's quota per brand (county) or sector (lead department): total, used, left.
    `counts`: the unit's `unit_nomination_counts`, when the caller has them already."""
    if isinstance(unit, Jurisdiction):
        rows = list(
            CountyQuota.objects.filter(campaign=campaign, county=unit, quota__gt=0)
            .select_related("brand")
            .order_by("brand__sort_order")
        )
        honours = [(r.brand, r.quota) for r in rows]
        key = "brand_id"
    else:
        rows = list(
            SectorQuota.objects.filter(campaign=campaign, sector__lead_department=unit)
            .select_related("sector")
            .order_by("sector__sort_order")
        )
        honours = [(r.sector, r.quota) for r in rows]
        key = "sector_id"
    if counts is None:
        counts = unit_nomination_counts(campaign=campaign, unit=unit)
    sites = dict(
        DemoSite.objects.filter(unit_q(unit), campaign=campaign).values_list(key).annotate(n=Count("id"))
    )
    return [
        QuotaUse(
            honour=honour,
            total=total,
            used=counts.of(honour.pk, QUOTA_STATES),
            drafts=counts.of(honour.pk, (State.DRAFT, State.RETURNED)),
            demo_sites=sites.get(honour.pk, 0),
        )
        for honour, total in honours
    ]


@dataclass
class UnitCounts:
    """A unit's nominations in a campaign, counted per honour (the brand of a county's, the
    sector of a department's) and state."""

    counts: dict[tuple[int | None, str], int]

    def of(self, honour_id: int, states) -> int:
        return sum(self.counts.get((honour_id, state), 0) for state in states)

    def by_state(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for (_honour, state), n in self.counts.items():
            totals[state] = totals.get(state, 0) + n
        return totals


def unit_nomination_counts(*, campaign: CampaignPage, unit: Jurisdiction | Department) -> UnitCounts:
    """One query for both the dashboard's counts per state and the quota use."""
    key = "brand_id" if isinstance(unit, Jurisdiction) else "sector_id"
    rows = (
        Nomination.objects.filter(unit_q(unit), campaign=campaign)
        .values_list(key, "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    return UnitCounts({(honour, state): n for honour, state, n in rows})


def titled_nominees_for(*, unit: Jurisdiction | Department, honour: Brand | Sector | None = None) -> QuerySet:
    """The unit's county- (or sector-) level titles a nomination can point at, newest first."""
    titles = LocalTitle.objects.filter(unit_q(unit)).select_related("nominee", "brand", "sector")
    if isinstance(honour, Brand):
        titles = titles.filter(brand=honour)
    elif isinstance(honour, Sector):
        titles = titles.filter(sector=honour)
    return titles.order_by("-year", "nominee__name")


def office_updates(*, campaign: CampaignPage, unit, limit: int = 8) -> list[NominationEvent]:
    """The latest moves the city office made on a unit's nominations: the workbench's
    notifications (the same events are e-mailed by `nominations.tasks.nomination_notify`)."""
    from nominations.workflow import MOVES, By

    office_targets = {m.target for m in MOVES if m.by == By.OFFICE}
    # Two steps: the latest events' ids (events joined to nominations only), then those few
    # events with their nominee and honour. In one query PostgreSQL joined the nominee,
    # brand and sector of every office event of the unit (1,500 in a county's year) before
    # keeping 8: 14 ms instead of 6.
    latest = (
        NominationEvent.objects.filter(nomination__campaign=campaign, to_state__in=office_targets)
        .filter(_unit_events(unit))
        .order_by("-at", "-id")
        .values_list("id", flat=True)[:limit]
    )
    return list(
        NominationEvent.objects.filter(id__in=list(latest))
        .select_related("nomination__nominee", "nomination__brand", "nomination__sector")
        .order_by("-at", "-id")
    )


def _unit_events(unit) -> Q:
    if isinstance(unit, Jurisdiction):
        return Q(nomination__county=unit)
    return Q(nomination__department=unit)

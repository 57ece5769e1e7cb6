"""Reads for campaign pages, the home page and the quota screens.

Every function runs a fixed number of queries, whatever the number of counties,
brands or sectors (asserted in tests/campaigns/test_pages.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from campaigns.enums import NewsKind
from campaigns.models import (
    Brand,
    BrandPage,
    CampaignPage,
    CountyQuota,
    Milestone,
    NewsPage,
    Sector,
    SectorCooperation,
    SectorPage,
    SectorQuota,
)
from campaigns.rules import role_of
from portal.models import Jurisdiction


@dataclass
class QuotaRow:
    unit: Jurisdiction | Sector
    label: str
    cells: list[int]
    total: int = 0


@dataclass
class CountyQuotaTable:
    """The seed's 示范点分配表: counties × brands, with a 共计 row."""

    brands: list[Brand]
    rows: list[QuotaRow]
    totals: list[int] = field(default_factory=list)
    grand_total: int = 0


@dataclass
class SectorQuotaTable:
    """The departments' table: lead department, brand, quota, with a 共计 row."""

    rows: list[QuotaRow]
    total: int = 0


def campaign_current(*, city: Jurisdiction | int | None = None) -> CampaignPage | None:
    """The newest live campaign: of `city` when given (a city or its pk), else of any city
    (what the site's home page leads with)."""
    campaigns = CampaignPage.objects.live().select_related("city")
    if city is not None:
        campaigns = campaigns.filter(city=city)
    return campaigns.order_by("-year", "-first_published_at").first()


def campaign_current_for(user) -> CampaignPage | None:
    """The current campaign of the city the user works for (its county, its department or
    the city office): with several cities on one site, each sees its own. A user of no
    unit (e.g. a superuser) gets the newest of any city."""
    from portal import rules as portal_rules

    unit = portal_rules.actor_for(user).unit
    if unit is None:
        return campaign_current()
    return campaign_current(city=unit.parent_id if isinstance(unit, Jurisdiction) else unit.city_id)


def campaigns_current() -> list[CampaignPage]:
    """The current (newest live) campaign of every city."""
    latest = {}
    newest_first = CampaignPage.objects.live().select_related("city").order_by("-year", "-first_published_at")
    for campaign in newest_first:
        latest.setdefault(campaign.city_id, campaign)
    return list(latest.values())


def counties_of(*, city: Jurisdiction | int):
    return Jurisdiction.objects.filter(parent=city, level=Jurisdiction.Level.COUNTY).order_by(
        "sort_order", "id"
    )


def city_with_counties(*, city: int) -> tuple[Jurisdiction, list[Jurisdiction]]:
    """The city (by pk) and its counties in order, in one query."""
    rows = list(
        Jurisdiction.objects.filter(Q(pk=city) | Q(parent=city, level=Jurisdiction.Level.COUNTY)).order_by(
            "sort_order", "id"
        )
    )
    return next(j for j in rows if j.pk == city), [j for j in rows if j.pk != city]


def brands_of(*, city: Jurisdiction | int):
    return Brand.objects.filter(city=city).order_by("sort_order", "id")


def sectors_of(*, city: Jurisdiction | int) -> list[Sector]:
    """The city's sectors with lead department and `cooperating`: the names of the
    cooperating departments in the plan's order (two queries)."""
    sectors = list(
        Sector.objects.filter(city=city).select_related("lead_department").order_by("sort_order", "id")
    )
    cooperating: dict[int, list[str]] = defaultdict(list)
    for sector_id, name in (
        SectorCooperation.objects.filter(sector__city=city)
        .order_by("sort_order", "id")
        .values_list("sector_id", "department__name")
    ):
        cooperating[sector_id].append(name)
    for sector in sectors:
        sector.cooperating = cooperating[sector.pk]
    return sectors


def quota_county_table(
    *,
    campaign: CampaignPage,
    brands: list[Brand] | None = None,
    counties: list[Jurisdiction] | None = None,
) -> CountyQuotaTable:
    """Counties × brands. Columns: the brands of the seed's table, then any other brand
    (平安家庭, individuals) the campaign gives a quota to. A missing quota reads as 0.
    `brands`, `counties`: the city's, in order, when the caller has them already."""
    quotas = (
        CountyQuota.objects.filter(campaign=campaign).order_by().values_list("county_id", "brand_id", "quota")
    )
    by_cell: dict[tuple[int, int], int] = {(c, b): q for c, b, q in quotas}
    brands_with_quota = {b for (_, b), q in by_cell.items() if q}
    if brands is None:
        brands = list(brands_of(city=campaign.city_id))
    if counties is None:
        counties = list(counties_of(city=campaign.city_id))
    brands = [b for b in brands if b.in_allocation_table or b.pk in brands_with_quota]
    rows = []
    for county in counties:
        cells = [by_cell.get((county.pk, b.pk), 0) for b in brands]
        rows.append(QuotaRow(unit=county, label=county.name, cells=cells, total=sum(cells)))
    totals = [sum(r.cells[i] for r in rows) for i in range(len(brands))]
    return CountyQuotaTable(brands=brands, rows=rows, totals=totals, grand_total=sum(totals))


def quota_sector_table(*, campaign: CampaignPage, sectors: list[Sector] | None = None) -> SectorQuotaTable:
    """`sectors`: the city's sectors with their lead departments when the caller has them."""
    quotas = dict(SectorQuota.objects.filter(campaign=campaign).order_by().values_list("sector_id", "quota"))
    rows = []
    if sectors is None:
        sectors = Sector.objects.filter(city=campaign.city).select_related("lead_department")
    for sector in sectors:
        quota = quotas.get(sector.pk, 0)
        rows.append(QuotaRow(unit=sector, label=sector.lead_department.name, cells=[quota], total=quota))
    return SectorQuotaTable(rows=rows, total=sum(r.total for r in rows))


def quota_brand_rows(*, campaign: CampaignPage, brand: Brand) -> list[CountyQuota]:
    return list(
        CountyQuota.objects.filter(campaign=campaign, brand=brand, quota__gt=0)
        .select_related("county")
        .order_by("county__sort_order", "county_id")
    )


@dataclass
class ScheduledMilestone:
    milestone: Milestone
    is_past: bool
    is_next: bool


def milestone_schedule(
    *, campaign: CampaignPage, today: datetime.date | None = None, roles: set[str] | None = None
) -> list[ScheduledMilestone]:
    """The phase calendar in date order (only `roles`' milestones when given); the
    earliest date not yet passed is marked next."""
    today = today or timezone.localdate()
    # Through the ParentalKey relation, so a preview shows the editor's unsaved milestones.
    milestones = sorted(
        (m for m in campaign.milestones.all() if roles is None or m.role in roles),
        key=lambda m: (m.due_on, m.sort_order or 0),
    )
    upcoming = [m.due_on for m in milestones if m.due_on >= today]
    next_date = min(upcoming) if upcoming else None
    return [
        ScheduledMilestone(milestone=m, is_past=m.due_on < today, is_next=m.due_on == next_date)
        for m in milestones
    ]


def news_latest(*, limit: int = 6, campaign: CampaignPage | None = None):
    news = NewsPage.objects.live().order_by("-date", "-pk")
    if campaign is not None:
        news = news.filter(campaign=campaign)
    return news[:limit]


def campaign_overview(*, campaign: CampaignPage, url: str | None = None) -> dict:
    """Everything the campaign page shows, in a constant number of queries. `url`: the
    campaign page's own URL, from which its children's follow."""
    from campaigns.coverage import coverage_report

    campaign.city, counties = city_with_counties(city=campaign.city_id)  # the page's header reads the city
    children = campaign_children(campaign=campaign, url=url)
    brands = list(brands_of(city=campaign.city_id))
    for brand in brands:
        brand.page = children.brand_pages.get(brand.pk)
    sectors = sectors_of(city=campaign.city_id)
    for sector in sectors:
        sector.page = children.sector_pages.get(sector.pk)
    return {
        "brands": brands,
        "sectors": sectors,
        "schedule": milestone_schedule(campaign=campaign),
        "county_table": quota_county_table(campaign=campaign, brands=brands, counties=counties),
        "sector_table": quota_sector_table(campaign=campaign, sectors=sectors),
        "actions": list(
            NewsPage.objects.live().filter(campaign=campaign, kind=NewsKind.ACTION).order_by("date", "pk")
        ),
        "december": children.december,
        "coverage": coverage_report(campaign=campaign, brands=brands, sectors=sectors, counties=counties),
    }


@dataclass(frozen=True)
class ChildPage:
    """A live child of the campaign page as the campaign page links it: a brand or sector
    page, a notice (公示, with its period) or a commendation decision (with its number)."""

    title: str
    url: str | None
    first_published_at: datetime.datetime | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    issued_on: datetime.date | None = None
    document_number: str | None = None


@dataclass
class CampaignChildren:
    brand_pages: dict[int, ChildPage]  # by brand id
    sector_pages: dict[int, ChildPage]  # by sector id
    december: list[ChildPage]  # published notices (公示) and commendation decisions, newest first


def campaign_children(*, campaign: CampaignPage, url: str | None = None) -> CampaignChildren:
    """The campaign's live brand, sector, notice and decision pages in one query, as
    values: a child's URL is the campaign's (`url`) and its slug, as Wagtail builds every
    URL path from its parent's (page objects and a `pageurl` each cost the campaign page
    about 1 ms; four queries, one per type, before that)."""
    from honours.models import CommendationPage, NoticePage

    types = ContentType.objects.get_for_models(BrandPage, SectorPage, NoticePage, CommendationPage)
    kinds = {types[BrandPage].pk: "brand", types[SectorPage].pk: "sector"}
    children = CampaignChildren(brand_pages={}, sector_pages={}, december=[])
    rows = (
        Page.objects.child_of(campaign)
        .live()
        .filter(content_type__in=types.values())
        .order_by("path")
        .values_list(
            "content_type_id",
            "slug",
            "title",
            "first_published_at",
            "brandpage__brand_id",
            "sectorpage__sector_id",
            "noticepage__starts_on",
            "noticepage__ends_on",
            "commendationpage__issued_on",
            "commendationpage__document_number",
        )
    )
    for kind, slug, title, published, brand_id, sector_id, starts_on, ends_on, issued_on, number in rows:
        page = ChildPage(
            title=title,
            url=f"{url}{slug}/" if url else None,
            first_published_at=published,
            starts_on=starts_on,
            ends_on=ends_on,
            issued_on=issued_on,
            document_number=number,
        )
        if kinds.get(kind) == "brand":
            children.brand_pages.setdefault(brand_id, page)
        elif kinds.get(kind) == "sector":
            children.sector_pages.setdefault(sector_id, page)
        else:
            children.december.append(page)
    children.december.sort(key=lambda p: p.first_published_at, reverse=True)
    return children


def sector_detail(*, campaign: CampaignPage, sector: Sector) -> dict:
    sector = next(s for s in sectors_of(city=campaign.city) if s.pk == sector.pk)
    quota = (
        SectorQuota.objects.filter(campaign=campaign, sector=sector).values_list("quota", flat=True).first()
    )
    # The issued plans (印发) of this sector in this campaign: live pages under its sector page.
    from filings.pages import SectorPlanPage

    plans = SectorPlanPage.objects.none()
    for sector_page in SectorPage.objects.child_of(campaign).filter(sector=sector).only("path", "depth"):
        plans |= SectorPlanPage.objects.child_of(sector_page)
    return {
        "sector_full": sector,
        "quota": quota or 0,
        "issued_plans": list(plans.live().order_by("-issued_on", "-id")),
    }


def schedule_by_role(schedule: list[ScheduledMilestone]) -> dict[str, list[ScheduledMilestone]]:
    grouped: dict[str, list[ScheduledMilestone]] = defaultdict(list)
    for item in schedule:
        grouped[item.milestone.role].append(item)
    return dict(grouped)


def unit_schedule(*, campaign: CampaignPage, unit) -> list[ScheduledMilestone]:
    """The phase calendar of a county's or department's role (its workbench dashboard)."""
    return milestone_schedule(campaign=campaign, roles={role_of(unit)})

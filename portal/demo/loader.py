"""Loads the 商洛 2018 demo. Every step is idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from wagtail.models import Page, Site

from campaigns import services as campaign_services
from campaigns.enums import NewsKind
from campaigns.models import (
    Brand,
    BrandPage,
    CampaignIndexPage,
    CampaignPage,
    Milestone,
    NewsIndexPage,
    NewsPage,
    Sector,
    SectorCooperation,
    SectorPage,
)
from honours.models import HonourRollPage
from portal import services as portal_services
from portal.demo import data
from portal.models import Department, HomePage, Jurisdiction, SiteSettings

DEMO_PASSWORD = "pingan2018"
QUOTA_FILE = Path(__file__).parent / "files" / "shangluo_2018_quotas.xlsx"
CAMPAIGN_SLUG = "shangluo-2018"
L = Jurisdiction.Level


def _villages(town_name: str, count: int, *, urban: bool) -> list[tuple[str, str]]:
    rng = random.Random(town_name)
    names: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(names) < count:
        base = rng.choice(data.VILLAGE_HEADS) + rng.choice(data.VILLAGE_TAILS)
        is_community = urban and len(names) % 2 == 0
        name = base + ("社区" if is_community else "村")
        if name not in seen:
            seen.add(name)
            names.append((name, "社区" if is_community else "村"))
    return names


def _node(name, slug, level, category, parent, sort_order) -> Jurisdiction:
    node, _ = Jurisdiction.objects.get_or_create(
        parent=parent,
        name=name,
        defaults={"slug": slug, "level": level, "category": category, "sort_order": sort_order},
    )
    return node


@transaction.atomic
def load_registry() -> Jurisdiction:
    """Places, departments, brands and sectors of 商洛; returns the city."""
    province = _node(*data.PROVINCE, L.PROVINCE, "省", None, 0)
    city = _node(*data.CITY, L.CITY, "市", province, 0)
    for i, (name, slug, category, towns, village_count) in enumerate(data.COUNTIES):
        county = _node(name, slug, L.COUNTY, category, city, i)
        per_town = -(-village_count // len(towns))
        for j, (town_name, town_category) in enumerate(towns):
            town = _node(town_name, "", L.TOWN, town_category, county, j)
            urban = town_category != "镇"
            for k, (v_name, v_category) in enumerate(_villages(f"{name}{town_name}", per_town, urban=urban)):
                _node(v_name, "", L.VILLAGE, v_category, town, k)
        portal_services.unit_group_ensure(unit=county)

    departments = [(data.OFFICE, Department.Kind.OFFICE)]
    departments += [(d, Department.Kind.DEPARTMENT) for d in data.LEAD_DEPARTMENTS + data.OTHER_DEPARTMENTS]
    for i, ((name, slug), kind) in enumerate(departments):
        dept, _ = Department.objects.get_or_create(
            city=city, name=name, defaults={"slug": slug, "kind": kind, "sort_order": i}
        )
        portal_services.unit_group_ensure(unit=dept)
    office = Department.objects.get(city=city, kind=Department.Kind.OFFICE)
    portal_services.office_permissions_grant(group=office.group)

    for i, (name, slug, kind, decided_by, in_table, demo_sites) in enumerate(data.BRANDS):
        Brand.objects.get_or_create(
            city=city,
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "decided_by": decided_by,
                "in_allocation_table": in_table,
                "has_demo_sites": demo_sites,
                "census_base": data.BRAND_CENSUS_BASES.get(slug, ""),
                "sort_order": i,
            },
        )
    _brand_census_bases(city=city)
    by_name = {d.name: d for d in Department.objects.filter(city=city)}
    by_slug = {d.slug: d for d in by_name.values()}
    for i, (name, slug, lead, brand_name, cooperating) in enumerate(data.SECTORS):
        sector, created = Sector.objects.get_or_create(
            city=city,
            slug=slug,
            defaults={
                "name": name,
                "lead_department": by_slug[lead],
                "brand_name": brand_name,
                "brand_is_custom": not brand_name,
                "sort_order": i,
            },
        )
        if created:
            for order, department_name in enumerate(cooperating):
                SectorCooperation.objects.create(
                    sector=sector, department=by_name[department_name], sort_order=order
                )
    return city


def _brand_census_bases(*, city: Jurisdiction) -> None:
    """A demo made before brands had a census base gets the demo's bases, once: when no
    brand of the city has one yet. After that the bases are the office's."""
    brands = Brand.objects.filter(city=city)
    if brands.exclude(census_base="").exists():
        return
    for brand in brands.filter(slug__in=data.BRAND_CENSUS_BASES):
        brand.census_base = data.BRAND_CENSUS_BASES[brand.slug]
        brand.save(update_fields=["census_base"])


def load_census(*, campaign: CampaignPage) -> None:
    """The demo year's census through the service the office's import uses; once the
    year has counts (county or sector) they are the office's and are left alone."""
    from campaigns.census_services import census_apply
    from campaigns.models import SectorCensus, UnitCensus

    counties = {c.name: c.pk for c in Jurisdiction.objects.filter(parent=campaign.city, level=L.COUNTY)}
    county_counts = {}
    if not UnitCensus.objects.filter(county_id__in=counties.values(), year=campaign.year).exists():
        fields = ("towns", "villages", "communities", "units", "compounds", "streets")
        county_counts = {
            counties[name]: dict(zip(fields, counts, strict=True))
            for name, counts in data.COUNTY_CENSUS.items()
            if name in counties
        }
    sector_units = {}
    sectors = {s.slug: s.pk for s in Sector.objects.filter(city=campaign.city)}
    if not SectorCensus.objects.filter(sector_id__in=sectors.values(), year=campaign.year).exists():
        sector_units = {sectors[slug]: n for slug, n in data.SECTOR_CENSUS.items() if slug in sectors}
    if county_counts or sector_units:
        census_apply(
            campaign=campaign,
            county_counts=county_counts,
            sector_units=sector_units,
            actor=None,
            source="demo",
        )


def load_accounts(*, city: Jurisdiction) -> None:
    """Demo accounts, one per unit, named by the unit's slug (development only)."""
    if not settings.DEMO_ACCOUNTS:
        return
    units = [*Jurisdiction.objects.filter(parent=city, level=L.COUNTY)]
    units += [
        d
        for d in Department.objects.filter(city=city)
        if d.kind == Department.Kind.OFFICE or d.led_sectors.exists() or d.slug == "sifa"
    ]
    for unit in units:
        user, created = User.objects.get_or_create(
            username=unit.slug, defaults={"first_name": unit.name, "email": f"{unit.slug}@pingan.example.cn"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(unit.group)


def _child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def load_site(*, city: Jurisdiction) -> CampaignPage:
    home = HomePage.objects.get()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not site_settings.organiser:
        site_settings.title = "平安商洛创建工作平台"
        site_settings.organiser = "中共商洛市委政法委员会（商洛市综治办）"
        site_settings.contact = "市综治办（演示数据）"
        site_settings.save()
    if not home.intro:
        home.intro = "共建共治共享，平安商洛人人参与。"
        home.save_revision().publish()
    index = _child(home, CampaignIndexPage, "campaigns", title="平安创建活动")
    news_index = _child(home, NewsIndexPage, "news", title="新闻动态")
    _child(
        home,
        HonourRollPage,
        "honours",
        title="荣誉榜",
        intro="<p>历年命名表彰的平安建设先进集体、家庭和个人。</p>",
    )
    campaign = CampaignPage.objects.child_of(index).filter(slug=CAMPAIGN_SLUG).first()
    if campaign is None:
        campaign = CampaignPage(
            slug=CAMPAIGN_SLUG,
            title="2018年度深化“平安商洛”创建活动",
            city=city,
            year=2018,
            programme="2018—2020年",
            document_title="关于印发《深化“平安商洛”创建活动实施方案》的通知",
            issuing_bodies="中共商洛市委办公室、商洛市人民政府办公室",
            issued_on=datetime.date(2018, 2, 27),
            intro="<p>以开展平安商洛“985”创建活动为载体：唱响“九大品牌”，深化“八大领域”，实施“五大行动”。</p>",
            body=(
                "<p>到2020年，全市九大平安品牌创建覆盖率达到100%，年度创建达标率达到90%以上；"
                "八大平安领域平安创建覆盖率达到100%，年度创建达标率达到90%以上。</p>"
            ),
        )
        for i, (role, key, title, starts_on, due_on) in enumerate(data.MILESTONES):
            campaign.milestones.add(
                Milestone(
                    role=role,
                    key=key,
                    title=title,
                    starts_on=_date(starts_on),
                    due_on=_date(due_on),
                    sort_order=i,
                )
            )
        index.add_child(instance=campaign)
        campaign.save_revision().publish()

    for brand in Brand.objects.filter(city=city):
        _child(campaign, BrandPage, f"brand-{brand.slug}", title=brand.name, brand=brand)
    for sector in Sector.objects.filter(city=city):
        _child(campaign, SectorPage, f"sector-{sector.slug}", title=f"{sector.name}领域", sector=sector)
    for i, (slug, title, lead_units, summary) in enumerate(data.ACTIONS):
        _child(
            news_index,
            NewsPage,
            slug,
            title=title,
            kind=NewsKind.ACTION,
            campaign=campaign,
            date=datetime.date(2018, 3, 1 + i),
            lead_units=lead_units,
            summary=summary,
            body=f"<p>{summary}</p><p>责任单位：{lead_units}。</p>",
        )
    return campaign


def load_quotas(*, campaign: CampaignPage) -> None:
    """The seed's 示范点分配表 through the same importer the office uses, then the
    quotas the table has no column for. Once the campaign has quotas they are the
    office's: a later `seed_demo` (every `make run`) leaves them alone."""
    if campaign.county_quotas.exists() or campaign.sector_quotas.exists():
        return
    campaign_services.quotas_import(
        campaign=campaign, data=QUOTA_FILE.read_bytes(), actor=None, source=QUOTA_FILE.name
    )
    county_quotas = {}
    for brand in Brand.objects.filter(city=campaign.city, slug__in=data.EXTRA_QUOTAS):
        for county in Jurisdiction.objects.filter(parent=campaign.city, level=L.COUNTY):
            county_quotas[(county.pk, brand.pk)] = data.EXTRA_QUOTAS[brand.slug]
    campaign_services.quotas_apply(
        campaign=campaign, county_quotas=county_quotas, sector_quotas={}, actor=None, source="demo"
    )


def load_filing_kinds(*, campaign: CampaignPage) -> None:
    """What each role files in the campaign; once there, the office's to change."""
    from filings.models import FilingKind

    if FilingKind.objects.filter(campaign=campaign).exists():
        return
    for i, (role, key, name, needs_approval, asks_brand_name) in enumerate(data.FILING_KINDS):
        FilingKind.objects.create(
            campaign=campaign,
            role=role,
            key=key,
            name=name,
            needs_approval=needs_approval,
            asks_brand_name=asks_brand_name,
            sort_order=i,
        )


def load_all(*, stage: str = "submitted") -> CampaignPage:
    """The demo at `stage` of the year (portal.demo.december.STAGES), or where it already is
    when that is later: nothing is ever undone."""
    from portal.demo import december
    from portal.demo.filings import load_filings
    from portal.demo.nominations import load_nominations

    city = load_registry()
    load_accounts(city=city)
    campaign = load_site(city=city)
    load_quotas(campaign=campaign)
    load_census(campaign=campaign)
    load_filing_kinds(campaign=campaign)
    if settings.DEMO_ACCOUNTS:
        load_nominations(campaign=campaign, submit=stage != "draft")
        load_filings(campaign=campaign)
        december.advance(campaign, to=stage)
    return campaign

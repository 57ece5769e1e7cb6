"""The scale set's pages, through Wagtail (`add_child`, a revision, publish): slow, so few.

Per city: a campaign page a year (with its calendar), brand and sector pages for the
current year only, and a notice (公示) a year; every past year also has its
commendation decision (表彰决定). Publication dates are set to the campaign's own, so
that the first city's current campaign is the site's current one (`campaign_current`).
"""

from __future__ import annotations

import datetime
import random

from wagtail.models import Page

from campaigns.models import BrandPage, CampaignIndexPage, CampaignPage, Milestone, SectorPage
from filings.models import FilingKind
from honours.models import CommendationPage, HonourRollPage, NoticePage
from portal.demo import data
from portal.models import HomePage
from portal.scale import bulk
from portal.scale.registry import City


def notice_starts_on(year: int) -> datetime.date:
    """The first Monday on or after 8 December."""
    day = datetime.date(year, 12, 8)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def commended_on(year: int) -> datetime.date:
    return datetime.date(year, 12, 28)


def _publish(parent: Page, page: Page, when: datetime.datetime) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page


def _child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return _publish(parent, model(slug=slug, **fields), bulk.at(datetime.date(2016, 1, 4)))


def site_index() -> CampaignIndexPage:
    """The campaign index (and the honour roll) under the home page, made when missing."""
    home = HomePage.objects.order_by("pk").first()
    if not HonourRollPage.objects.exists():
        _child(
            home,
            HonourRollPage,
            "honours",
            title="荣誉榜",
            intro="<p>历年命名表彰的平安建设先进集体、家庭和个人。</p>",
        )
    return _child(home, CampaignIndexPage, "campaigns", title="平安创建活动")


def _campaign(rng: random.Random, index: Page, city: City, year: int, order: int) -> CampaignPage:
    name, short = city.city.name, city.short
    start = 2016 + 3 * ((year - 2016) // 3)
    page = CampaignPage(
        slug=f"{city.slug}-{year}",
        title=f"{year}年度深化“平安{short}”创建活动",
        city=city.city,
        year=year,
        programme=f"{start}—{start + 2}年",
        document_title=f"关于印发《深化“平安{short}”创建活动实施方案》的通知",
        document_number=f"{short}办发〔{year}〕{rng.randrange(5, 40)}号",
        issuing_bodies=f"中共{name}委办公室、{name}人民政府办公室",
        issued_on=datetime.date(year, 2, 27),
        intro=f"<p>以开展平安{short}创建活动为载体：唱响“九大品牌”，深化“八大领域”，实施“五大行动”。</p>",
        body="<p>全市九大平安品牌创建覆盖率达到100%，年度创建达标率达到90%以上；"
        "八大平安领域平安创建覆盖率达到100%，年度创建达标率达到90%以上。</p>",
    )
    for i, (role, key, title, starts_on, due_on) in enumerate(data.MILESTONES):
        page.milestones.add(
            Milestone(
                role=role,
                key=key,
                title=title,
                starts_on=datetime.date.fromisoformat(starts_on.replace("2018", str(year)))
                if starts_on
                else None,
                due_on=datetime.date.fromisoformat(due_on.replace("2018", str(year))),
                sort_order=i,
            )
        )
    # The first city's current campaign is published last: the site's current campaign.
    return _publish(index, page, bulk.at(datetime.date(year, 2, 28), minute=-order))


def build_campaigns(
    rng: random.Random, cities: list[City], years, *, brand_pages_everywhere: bool = True
) -> int:
    """Every city's campaign pages; brand and sector pages for the current year (of the
    first city only unless `brand_pages_everywhere`: small sets are for tests)."""
    index = site_index()
    made = 0
    for order, city in enumerate(cities):
        for year in years:
            city.campaigns[year] = _campaign(rng, index, city, year, order)
            made += 1
        current = city.campaigns[years[-1]]
        if order and not brand_pages_everywhere:
            continue
        for brand in city.brands:
            _publish(
                current,
                BrandPage(slug=f"brand-{brand.slug}", title=brand.name, brand=brand),
                current.first_published_at,
            )
        for sector in city.sectors:
            _publish(
                current,
                SectorPage(slug=f"sector-{sector.slug}", title=f"{sector.name}领域", sector=sector),
                current.first_published_at,
            )
        made += len(city.brands) + len(city.sectors)
    kinds = [
        FilingKind(
            campaign=c,
            role=role,
            key=key,
            name=name,
            needs_approval=approval,
            asks_brand_name=asks,
            sort_order=i,
        )
        for city in cities
        for c in city.campaigns.values()
        for i, (role, key, name, approval, asks) in enumerate(data.FILING_KINDS)
    ]
    bulk.create(FilingKind, kinds)
    return made


def build_december(rng: random.Random, cities: list[City], years) -> int:
    """A published notice per campaign; a conferred, published decision per past campaign.
    Their entries and honours are written in bulk afterwards (portal.scale.honours)."""
    made = 0
    for city in cities:
        for year in years:
            campaign = city.campaigns[year]
            starts_on = notice_starts_on(year)
            notice = NoticePage(
                slug=f"notice-{year}",
                title=f"{year}年度平安建设先进集体和先进个人拟命名对象公示",
                intro=f"<p>根据《深化“平安{city.short}”创建活动实施方案》，经县（区）和市级主责部门推荐、"
                "市综治办形式审查和实地核查，拟对以下集体、家庭和个人予以命名表彰，现予公示。</p>",
                starts_on=starts_on,
                working_days=5,
                how_to_object="<p>公示期间，对公示对象有异议的，可通过本页网上异议表反映，也可向市综治办书面反映。"
                "反映问题须署真实姓名并留有效联系方式，以便核实。</p>",
            )
            city.notices[year] = _publish(campaign, notice, bulk.at(starts_on))
            made += 1
            if year == years[-1]:
                continue
            issued_on = commended_on(year)
            decision = CommendationPage(
                slug=f"commendation-{year}",
                title=f"关于命名{year}年度平安建设先进集体和先进个人的决定",
                notice=notice,
                document_number=f"{city.short}发〔{year}〕{rng.randrange(60, 120)}号",
                issued_on=issued_on,
                issuing_bodies=f"中共{city.city.name}委、{city.city.name}人民政府",
                body=f"<p>{year}年，全市各级各部门深入开展平安创建活动，涌现出一批先进集体和先进个人。"
                "经推荐、审查、实地核查和公示，决定对以下集体、家庭和个人予以命名表彰。</p>",
                certificate_prefix=f"{city.short}平安创建",
                conferred_at=bulk.at(issued_on, 60),
            )
            city.commendations[year] = _publish(campaign, decision, bulk.at(issued_on, 60))
            made += 1
    return made

"""The scale data set (issue 6): a province of about 10 cities and 100 counties with their
towns and villages, ten campaign years, 200,000 nominations in every state, 20,000
honours, notices of 1,000 entries — the reference data of `make bench`.

    build(seed=2018, factor=1.0) -> Report

Rows are written in bulk (`bulk_create` in batches) but by the model's rules (see the
modules' docstrings and `checks.problems`, run at the end); pages go through Wagtail.
The same seed and factor on an empty database give the same rows. When the set's
province already exists nothing is written.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from urllib.parse import quote

from django.db import connection, transaction

from nominations.tallies import title_tallies_rebuild
from portal.scale import bulk, checks, pages, registry
from portal.scale.honours import December
from portal.scale.names import Names
from portal.scale.nominations import Campaigns
from portal.scale.nominees import Nominees
from portal.scale.report import Report, count

__all__ = ["Report", "ScaleError", "build"]

PAST_COMMENDED = 0.4  # share of a past campaign's nominations commended
SPARE_BRANDS = ("unit", "estate", "family", "gridworker", "volunteer")


class ScaleError(Exception):
    """The set broke one of the model's rules (see checks.problems)."""


def _rng(seed: int, step: str) -> random.Random:
    return random.Random(f"{seed}:{step}")


def _dated_fields():
    from honours.models import Objection
    from nominations.models import LocalTitle, Nomination, NominationEvent, Nominee, Verification

    return [
        Nominee._meta.get_field("created_at"),
        LocalTitle._meta.get_field("created_at"),
        Nomination._meta.get_field("created_at"),
        Nomination._meta.get_field("updated_at"),
        NominationEvent._meta.get_field("at"),
        Verification._meta.get_field("recorded_at"),
        Objection._meta.get_field("submitted_at"),
    ]


def build(*, seed: int = 2018, factor: float = 1.0, stdout=None) -> Report:
    sizes = bulk.Sizes.for_factor(factor)
    report = Report(seed=seed, factor=factor)
    started = time.monotonic()

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(f"[{time.monotonic() - started:7.1f}s] {message}\n")

    @contextmanager
    def step(name: str):
        t = time.monotonic()
        yield
        report.steps[name] = time.monotonic() - t
        say(f"{name}：{report.steps[name]:.1f}s")

    province = registry.exists()
    if province is not None:
        report.built = False
        report.counts, report.states = count(province)
        report.bench = _bench(province, sizes)
        return report

    with transaction.atomic(), bulk.dated(*_dated_fields()):
        with step("行政区划、部门、品牌与领域"):
            cities = registry.build_places(_rng(seed, "places"), sizes)
            registry.build_departments(cities)
        with step("账号"):
            registry.build_accounts(cities)
        with step("年度活动页面"):
            pages.build_campaigns(
                _rng(seed, "campaigns"), cities, sizes.years, brand_pages_everywhere=factor >= 0.5
            )
            registry.build_census(_rng(seed, "census"), cities, sizes.years)
        with step("公示与表彰决定页面"):
            pages.build_december(_rng(seed, "december"), cities, sizes.years)
        names = Names(_rng(seed, "names"))
        nominees = Nominees(_rng(seed, "nominees"), names)
        campaigns = Campaigns(_rng(seed, "nominations"), nominees)
        december = December(_rng(seed, "honours"), names)
        with step("推荐对象、县级命名与推荐申报"):
            for city, year, total, honours, shortlisted in _plan(_rng(seed, "plan"), cities, sizes):
                current = year == sizes.years[-1]
                campaigns.build(
                    city, year, total=total, honours=honours, shortlisted=shortlisted, current=current
                )
                say(f"{city.city.name}{year}年度：{total}项推荐")
            _spare_titles(cities[0], sizes, nominees)
        with step("命名计数"):
            title_tallies_rebuild()  # the titles above were bulk-inserted, not recorded one by one
        with step("公示对象、异议与荣誉"):
            for city in cities:
                for year in sizes.years:
                    december.build(city, year, campaigns.built.listed[(city.slug, year)])
        with step("荣誉榜检索索引"):
            december.index()
        with step("规则核查"):
            province = cities[0].city.parent
            found = checks.problems(province)
            if found:
                raise ScaleError("；".join(found))
    with step("更新数据库统计信息"):
        analyze()
    report.seconds = time.monotonic() - started
    report.counts, report.states = count(province)
    report.bench = _bench(province, sizes)
    return report


def _plan(rng: random.Random, cities, sizes: bulk.Sizes):
    """(city, year, nominations, honours, shortlisted) per campaign: honours spread over the
    past years; a past campaign commends PAST_COMMENDED of its nominations; the current
    year holds the rest, with `notice_entries` shortlisted in the first city."""
    past = [(c, y) for c in cities for y in sizes.years[:-1]]
    honours = bulk.split(sizes.honours, {i: rng.uniform(0.8, 1.2) for i in range(len(past))})
    minimum = 8  # every outcome of a past campaign at least once
    totals = [max(round(honours[i] / PAST_COMMENDED), honours[i] + minimum) for i in range(len(past))]
    left = max(sizes.nominations - sum(totals), len(cities) * (sizes.notice_entries + 20))
    current = bulk.split(left, {i: rng.uniform(0.9, 1.1) for i in range(len(cities))})
    plan = []
    for i, (city, year) in enumerate(past):
        plan.append((city, year, totals[i], honours[i], 0))
    for i, city in enumerate(cities):
        shortlisted = sizes.notice_entries if i == 0 else round(sizes.notice_entries * rng.uniform(0.8, 1.0))
        plan.append((city, sizes.years[-1], current[i], 0, shortlisted))
    return plan


def _spare_titles(city, sizes: bulk.Sizes, nominees: Nominees) -> None:
    """Titles of the current year nobody has nominated yet, in the first county: what the
    bench's import of the 推荐汇总表 nominates (names unique within the county and brand)."""
    from nominations.models import LocalTitle, Nominee
    from portal.scale.nominees import make_title, title_named_on

    county = city.counties[0]
    year = sizes.years[-1]
    brands = [b for b in city.brands if b.slug in SPARE_BRANDS]
    user = city.users[county.slug]
    fresh = [
        (brand, nominees.new(city, county, brand))
        for i in range(sizes.spare_titles)
        for brand in [brands[i % len(brands)]]
    ]
    for _, nominee in fresh:
        nominee.created_at = bulk.at(title_named_on(year))
        nominee.created_by = user
    bulk.create(Nominee, [n for _, n in fresh])
    bulk.create(LocalTitle, [make_title(city, n, b, year, unit=county, actor=user) for b, n in fresh])


def _bench(province, sizes: bulk.Sizes) -> dict:
    """What `make bench` needs: its pages and accounts, all in the first city."""
    from campaigns.models import CampaignPage
    from honours.models import Honour, HonourRollPage, NoticePage
    from portal.models import Department, Jurisdiction

    city = Jurisdiction.objects.filter(parent=province).order_by("sort_order", "id").first()
    county = Jurisdiction.objects.filter(parent=city).order_by("sort_order", "id").first()
    office = Department.objects.get(city=city, kind=Department.Kind.OFFICE)
    campaign = CampaignPage.objects.get(city=city, year=sizes.years[-1])
    notice = NoticePage.objects.child_of(campaign).get()
    roll = HonourRollPage.objects.first()
    honour = (
        Honour.objects.filter(city=city, kind="individual", commendation__live=True)
        .order_by("-year", "sort_order")
        .first()
    )
    query = honour.name if honour else county.name[:2]
    roll_url = roll.get_url() if roll else ""
    return {
        "city": city.name,
        "current_year": campaign.year,
        "campaign_url": campaign.get_url(),
        "notice_url": notice.get_url(),
        "notice_entries": notice.entries.count(),
        "honour_roll_url": roll_url,
        "honour_search_query": query,
        "honour_search_url": f"{roll_url}?q={quote(query)}",
        "county_username": county.slug,
        "county_password": registry.PASSWORD,
        "office_username": office.slug,
        "office_password": registry.PASSWORD,
        "spare_titles": sizes.spare_titles,
    }


def analyze() -> None:
    """What autovacuum does on a server that has run for a while, done at once for the
    freshly bulk-loaded tables (PostgreSQL): planner statistics (without them the planner
    picks sequential scans) and the visibility map (without it a count reads every heap
    page instead of the index alone: the review board's count of a city's 16,000
    nominations takes 11 ms instead of 2). VACUUM cannot run inside a transaction (a
    test's): there, statistics only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")

"""Creation coverage (创建覆盖率) and annual compliance (年度创建达标率): seed 004 §二,
DOMAIN.md §3 "Targets". Reads only; a constant number of queries, whatever the number
of counties, brands, sectors or records (asserted in tests/campaigns/test_coverage.py).

Definitions, for campaign C (year Y, city) and brand B whose `census_base` is set:

- per county K:
  - base (基数): K's registry count of B's census base (`UnitCensus` of K for Y, or of the
    latest earlier year when Y has no row); base "villages_communities" is villages +
    communities. For base "counties" every county is itself a creation subject: base 1.
  - taking part (参与创建): distinct nominees with a city-level demonstration site
    `DemoSite(campaign=C, brand=B, county=K)` or a county-level title
    `LocalTitle(brand=B, county=K, year=Y)`; for base "counties": 1.
  - meeting the standard (达标): distinct nominees named, i.e. with
    `LocalTitle(brand=B, county=K, year=Y)` (for base "counties": at most 1). A brand
    decided by the city's assessment (`DecidedBy.EVALUATION`, 平安县（区）) is not
    decided by naming: its compliance is pending (待考评).
  - coverage = taking part / base; compliance = meeting the standard / taking part.
- per brand (all counties): the numerators and the denominators are summed, never the
  ratios averaged; the total coverage needs every county's census.
- per sector S (its lead department's): base = `SectorCensus(S, Y or latest earlier)`;
  taking part = distinct nominees with `DemoSite(campaign=C, sector=S)` or
  `LocalTitle(sector=S, year=Y)`; meeting the standard = with `LocalTitle(sector=S, year=Y)`.
- targets: `CampaignPage.coverage_target` and `compliance_target` (seed: 100% and 90%);
  a ratio meets its target when numerator × 100 ≥ target × denominator.

A brand without a census base (平安家庭, the individual awards) is not measured (不测算);
a missing census reads 未登记基数 (never 0%); a zero denominator reads "—".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q

from campaigns.enums import CensusBase, DecidedBy
from campaigns.models import Brand, CampaignPage, Sector, SectorCensus, UnitCensus
from portal.models import Jurisdiction

NO_CENSUS = "未登记基数"
PENDING = "待考评"
NOT_MEASURED = "不测算"
NOTHING = "—"

# Which UnitCensus fields a census base adds up.
BASE_FIELDS: dict[str, tuple[str, ...]] = {
    CensusBase.TOWNS: ("towns",),
    CensusBase.VILLAGES_COMMUNITIES: ("villages", "communities"),
    CensusBase.UNITS: ("units",),
    CensusBase.COMPOUNDS: ("compounds",),
    CensusBase.STREETS: ("streets",),
}
CENSUS_FIELDS = ("towns", "villages", "communities", "units", "compounds", "streets")


@dataclass(frozen=True)
class Ratio:
    """numerator / denominator as a percentage against a target. `note` replaces the
    figure when there is none to give (未登记基数, 待考评, 不测算)."""

    numerator: int
    denominator: int | None
    target: Decimal
    note: str = ""

    @cached_property  # read by label, bar, state and the templates: computed once
    def percent(self) -> Decimal | None:
        if self.note or not self.denominator:
            return None
        return (Decimal(self.numerator) * 100 / Decimal(self.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def meets(self) -> bool | None:
        """Whether the target is met; None when there is no figure."""
        if self.note or not self.denominator:
            return None
        return Decimal(self.numerator) * 100 >= self.target * self.denominator

    @property
    def label(self) -> str:
        if self.note:
            return self.note
        percent = self.percent
        return NOTHING if percent is None else f"{percent.normalize():f}%"

    @property
    def fraction(self) -> str:
        """ "8/336", or "" when there is no figure."""
        return "" if self.percent is None else f"{self.numerator}/{self.denominator}"

    @property
    def state(self) -> str:
        """For CSS: met, below or none."""
        meets = self.meets
        return "none" if meets is None else ("met" if meets else "below")

    @property
    def bar(self) -> str:
        """The bar's width in percent (at most 100), as SVG attribute text."""
        percent = self.percent
        return "0" if percent is None else f"{min(percent, Decimal(100)):f}"

    @property
    def target_mark(self) -> str:
        return f"{min(self.target, Decimal(100)):f}"


@dataclass
class CoverageRow:
    """One county of a brand, a brand's total, or one sector."""

    label: str
    base: int | None
    taking_part: int
    named: int
    coverage: Ratio
    compliance: Ratio
    census_year: int | None = None
    unit_id: int | None = None

    @property
    def pending(self) -> bool:
        """Compliance decided by the city's assessment (待考评): no named count to show."""
        return self.compliance.note == PENDING


@dataclass
class BrandCoverage:
    brand: Brand
    measured: bool
    total: CoverageRow
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def base_label(self) -> str:
        return self.brand.get_census_base_display()


@dataclass
class CoverageReport:
    campaign: CampaignPage
    coverage_target: Decimal
    compliance_target: Decimal
    brands: list[BrandCoverage]
    sectors: list[CoverageRow]
    counties_without_census: list[str]
    sectors_without_census: list[str]
    census_years: list[int]

    @property
    def measured_brands(self) -> list[BrandCoverage]:
        return [b for b in self.brands if b.measured]

    def _totals(self) -> list[CoverageRow]:
        return [b.total for b in self.measured_brands] + self.sectors

    @property
    def figures(self) -> int:
        """How many brand and sector totals have a percentage (coverage or compliance)."""
        return sum(1 for row in self._totals() for r in (row.coverage, row.compliance) if r.meets is not None)

    @property
    def figures_met(self) -> int:
        return sum(1 for row in self._totals() for r in (row.coverage, row.compliance) if r.meets)

    @property
    def meets_targets(self) -> bool:
        """Every brand and sector total at or above both targets: none without its census
        and none below (待考评 and a zero denominator aside)."""
        missing = any(r.note == NO_CENSUS for row in self._totals() for r in (row.coverage, row.compliance))
        return self.figures > 0 and not missing and self.figures_met == self.figures

    @property
    def has_figures(self) -> bool:
        return bool(self.measured_brands or self.sectors)

    @property
    def census_fallback(self) -> bool:
        """Some base is an earlier year's census."""
        return any(y != self.campaign.year for y in self.census_years)


def coverage_report(
    *,
    campaign: CampaignPage,
    brands: list[Brand] | None = None,
    sectors: list[Sector] | None = None,
    counties: list[Jurisdiction] | None = None,
) -> CoverageReport:
    """The campaign's coverage and compliance per brand × county, per brand and per sector
    (definitions in the module docstring). `brands` / `sectors` / `counties`: the city's,
    in order, when the caller has them already (the campaign page does)."""
    from nominations.models import DemoSite, LocalTitle, TitleTally

    city, year = campaign.city_id, campaign.year
    coverage_target = Decimal(campaign.coverage_target)
    compliance_target = Decimal(campaign.compliance_target)
    if brands is None:
        brands = list(Brand.objects.filter(city_id=city).order_by("sort_order", "id"))
    if sectors is None:
        sectors = list(Sector.objects.filter(city_id=city).order_by("sort_order", "id"))

    if counties is None:
        from campaigns.selectors import counties_of

        counties = list(counties_of(city=city))
    county_names: dict[int, str] = {c.pk: c.name for c in counties}

    # 1 query each: every census row up to the year of the counties and of the sectors
    # (latest last, so the latest is kept).
    latest: dict[int, tuple] = {}
    for county_id, *census in (
        UnitCensus.objects.filter(county_id__in=list(county_names), year__lte=year)
        .order_by("year")
        .values_list("county_id", "year", *CENSUS_FIELDS)
    ):
        latest[county_id] = census
    county_census = {k: dict(zip(("year", *CENSUS_FIELDS), v, strict=True)) for k, v in latest.items()}
    sector_census: dict[int, tuple[int, int]] = {}
    for sector_id, census_year, units in (
        SectorCensus.objects.filter(sector_id__in=[s.pk for s in sectors], year__lte=year)
        .order_by("year")
        .values_list("sector_id", "year", "units")
    ):
        sector_census[sector_id] = (census_year, units)

    brand_ids = [b.pk for b in brands]
    sector_ids = [s.pk for s in sectors]

    # 1 query: named (distinct nominees with a title of the year) per brand × county and per
    # sector, from the tallies the title service keeps (nominations.models.TitleTally). A
    # nominee holds at most one title per brand (or sector) and year
    # (title_unique_brand_year, title_unique_sector_year): counting titles counts nominees.
    named: dict[tuple, int] = defaultdict(int)
    for brand_id, county_id, sector_id, n in (
        TitleTally.objects.filter(year=year)
        .filter(Q(brand_id__in=brand_ids, county_id__in=list(county_names)) | Q(sector_id__in=sector_ids))
        .values_list("brand_id", "county_id", "sector_id", "count")
    ):
        if sector_id is not None:
            named[("sector", sector_id)] += n
        else:
            named[("brand", brand_id, county_id)] += n

    # 1 query: the campaign's demo sites of nominees without such a title (taking part but
    # not named). A title of the nominee is its county's (the nominee's owner records it).
    titled = LocalTitle.objects.filter(nominee_id=OuterRef("nominee_id"), year=year).filter(
        Q(brand_id=OuterRef("brand_id")) | Q(sector_id=OuterRef("sector_id"))
    )
    unnamed: dict[tuple, int] = defaultdict(int)
    for row in (
        DemoSite.objects.filter(campaign=campaign)
        .filter(~Exists(titled))
        .values("brand_id", "sector_id", "county_id")
        .annotate(n=Count("nominee_id", distinct=True))
        .order_by()
    ):
        unnamed[_key(row)] += row["n"]

    report_brands = [
        _brand_coverage(
            brand,
            counties=county_names,
            county_census=county_census,
            named=named,
            unnamed=unnamed,
            targets=(coverage_target, compliance_target),
        )
        for brand in brands
    ]
    report_sectors = []
    for sector in sectors:
        census_year, base = sector_census.get(sector.pk, (None, None))
        n_named = named[("sector", sector.pk)]
        taking_part = n_named + unnamed[("sector", sector.pk)]
        report_sectors.append(
            CoverageRow(
                label=sector.name,
                base=base,
                taking_part=taking_part,
                named=n_named,
                coverage=_coverage(taking_part, base, coverage_target),
                compliance=Ratio(n_named, taking_part, compliance_target),
                census_year=census_year,
                unit_id=sector.pk,
            )
        )

    measured = any(b.measured and b.brand.census_base != CensusBase.COUNTIES for b in report_brands)
    years = {census["year"] for census in county_census.values()} if measured else set()
    years |= {y for y, _ in sector_census.values()}
    return CoverageReport(
        campaign=campaign,
        coverage_target=coverage_target,
        compliance_target=compliance_target,
        brands=report_brands,
        sectors=report_sectors,
        counties_without_census=[name for pk, name in county_names.items() if pk not in county_census]
        if measured
        else [],
        sectors_without_census=[s.name for s in sectors if s.pk not in sector_census],
        census_years=sorted(years),
    )


def _key(row: dict) -> tuple:
    if row["sector_id"] is not None:
        return ("sector", row["sector_id"])
    return ("brand", row["brand_id"], row["county_id"])


def _coverage(taking_part: int, base: int | None, target: Decimal) -> Ratio:
    return Ratio(taking_part, base, target, note=NO_CENSUS if base is None else "")


def _brand_coverage(brand, *, counties, county_census, named, unnamed, targets) -> BrandCoverage:
    coverage_target, compliance_target = targets
    pending = PENDING if brand.decided_by == DecidedBy.EVALUATION else ""
    if not brand.census_base:
        total_named = sum(named[("brand", brand.pk, k)] for k in counties)
        total_taking = total_named + sum(unnamed[("brand", brand.pk, k)] for k in counties)
        return BrandCoverage(
            brand=brand,
            measured=False,
            total=CoverageRow(
                label=brand.name,
                base=None,
                taking_part=total_taking,
                named=total_named,
                coverage=Ratio(total_taking, None, coverage_target, note=NOT_MEASURED),
                compliance=Ratio(total_named, total_taking, compliance_target, note=NOT_MEASURED),
                unit_id=brand.pk,
            ),
        )
    rows = []
    for county_id, name in counties.items():
        n_named = named[("brand", brand.pk, county_id)]
        taking_part = n_named + unnamed[("brand", brand.pk, county_id)]
        census_year = None
        if brand.census_base == CensusBase.COUNTIES:
            base, taking_part, n_named = 1, 1, min(n_named, 1)
        elif county_id in county_census:
            census = county_census[county_id]
            census_year = census["year"]
            base = sum(census[f] for f in BASE_FIELDS[brand.census_base])
        else:
            base = None
        rows.append(
            CoverageRow(
                label=name,
                base=base,
                taking_part=taking_part,
                named=n_named,
                coverage=_coverage(taking_part, base, coverage_target),
                compliance=Ratio(n_named, taking_part, compliance_target, note=pending),
                census_year=census_year,
                unit_id=county_id,
            )
        )
    bases = [r.base for r in rows]
    total_base = None if None in bases else sum(bases)
    total_taking = sum(r.taking_part for r in rows)
    total_named = sum(r.named for r in rows)
    total = CoverageRow(
        label=brand.name,
        base=total_base,
        taking_part=total_taking,
        named=total_named,
        coverage=_coverage(total_taking, total_base, coverage_target),
        compliance=Ratio(total_named, total_taking, compliance_target, note=pending),
        unit_id=brand.pk,
    )
    return BrandCoverage(brand=brand, measured=True, total=total, rows=rows)

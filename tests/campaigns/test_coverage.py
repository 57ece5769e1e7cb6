"""Creation coverage and annual compliance (campaigns/coverage.py): the demo's figures
against numbers worked out by hand from the demo data, the edge cases, the query count,
the office's screen and dashboard panel, and the public campaign page's summary."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from campaigns.coverage import NO_CENSUS, NOT_MEASURED, NOTHING, PENDING, coverage_report
from campaigns.models import SectorCensus, UnitCensus
from campaigns.selectors import counties_of
from nominations.models import DemoSite, LocalTitle, Nominee
from nominations.tallies import title_tally_add
from tests.factories import BrandFactory, CityFactory, CountyFactory, SectorFactory, campaign_page

pytestmark = pytest.mark.django_db

COVERAGE_URL = "/admin/coverage/"


def _brand(report, slug):
    return next(b for b in report.brands if b.brand.slug == slug)


def _county(item, name):
    return next(r for r in item.rows if r.label == name)


def _sector(report, name):
    return next(r for r in report.sectors if r.label == name)


# ---------------------------------------------------------------- the demo, by hand


def test_demo_figures_match_the_hand_count(demo):
    """Worked out from portal/demo/data.py (census, SECTOR_UNITS) and nominations.py, whose
    `_county` names min(quota, 8) villages, min(quota, 3) towns and units and `quota`
    estates, and files demo sites for the first quota // 2 of those named nominees (so in
    the demo every demo site is also named: compliance 100%); `_department` names
    min(len(SECTOR_UNITS), quota) units per sector and files no demo site."""
    report = coverage_report(campaign=demo)
    assert report.coverage_target == Decimal(100) and report.compliance_target == Decimal(90)
    assert report.census_years == [2018]
    assert report.counties_without_census == [] and report.sectors_without_census == []

    village = _brand(report, "village")
    shangzhou = _county(village, "商州区")
    # quota 30 → 8 named; demo sites: min(30 // 2, 8) = 8, all named → taking part 8.
    # base: 301 villages + 36 communities = 337; coverage 8 / 337 = 2.37% → 2.4%.
    assert (shangzhou.base, shangzhou.taking_part, shangzhou.named) == (337, 8, 8)
    assert shangzhou.coverage.label == "2.4%" and shangzhou.coverage.meets is False
    assert shangzhou.compliance.label == "100%" and shangzhou.compliance.meets is True
    assert shangzhou.census_year == 2018
    # 高新区: quota 3 → 3 named, demo sites 3 // 2 = 1 → taking part 3; base 12 + 4 = 16.
    gaoxin = _county(village, "商洛高新区（商丹园区）")
    assert (gaoxin.base, gaoxin.taking_part, gaoxin.named) == (16, 3, 3)
    assert gaoxin.coverage.label == "18.8%"  # 3 / 16 = 18.75%
    # Total: 7 counties × 8 + 3 = 59 taking part (and named); base
    # 337 + (238+21) + (146+14) + (112+12) + (239+20) + (150+11) + (80+8) + 16 = 1404;
    # 59 / 1404 = 4.20% — summed, not the average of the counties' ratios.
    assert (village.total.base, village.total.taking_part, village.total.named) == (1404, 59, 59)
    assert village.total.coverage.label == "4.2%"
    assert village.total.compliance.label == "100%"

    town = _brand(report, "town")
    # min(quota, 3) towns per county: 3 × 7 (every county's quota ≥ 3), 高新区 none → 21;
    # base 18 + 16 + 12 + 10 + 18 + 15 + 9 + 2 = 100 → 21%. 商州区 3 / 18 = 16.7%.
    assert (town.total.base, town.total.taking_part) == (100, 21)
    assert town.total.coverage.label == "21%"
    assert _county(town, "商州区").coverage.label == "16.7%"

    estate = _brand(report, "estate")
    # 商州区: quota 2 → 2 estates named, 2 // 2 = 1 demo site (named) → 2 / 64 = 3.125% → 3.1%.
    assert _county(estate, "商州区").coverage.fraction == "2/64"
    assert _county(estate, "商州区").coverage.label == "3.1%"

    street = _brand(report, "street")
    # No 平安街道 named or filed: 0 / (6+3+2+2+2+2+1+1 = 19) = 0%; compliance 0 / 0 → "—".
    assert (street.total.base, street.total.taking_part) == (19, 0)
    assert street.total.coverage.label == "0%" and street.total.compliance.label == NOTHING

    county = _brand(report, "county")
    # Every county is a creation subject: 8 / 8; decided by assessment → 待考评.
    assert county.total.coverage.label == "100%" and county.total.coverage.meets is True
    assert county.total.compliance.label == PENDING and county.total.compliance.meets is None

    family = _brand(report, "family")
    assert not family.measured and family.rows == []
    assert family.total.coverage.label == NOT_MEASURED == family.total.compliance.label

    campus = _sector(report, "校园")
    # 市教育局: quota 15, 5 names in SECTOR_UNITS → 5 named, no demo site; 5 / 860 = 0.58%.
    assert (campus.base, campus.taking_part, campus.named) == (860, 5, 5)
    assert campus.coverage.label == "0.6%" and campus.compliance.label == "100%"
    scenic = _sector(report, "旅游景区")
    assert scenic.coverage.fraction == "4/42" and scenic.coverage.label == "9.5%"  # 9.52%

    # Figures with a percentage: 6 brands × 2, less 平安县's 待考评 and 平安街道's "—", + 8 × 2.
    assert report.figures == 26
    # Met: 平安县 coverage, 4 brands' compliance, 8 sectors' compliance.
    assert report.figures_met == 13
    assert report.meets_targets is False


# ---------------------------------------------------------------- definitions


@pytest.fixture
def city():
    return CityFactory()


def _nominee(county, name):
    return Nominee.objects.create(kind="collective", name=name, county=county)


def _title(nominee, *, brand=None, sector=None, year=2018, county=None, department=None):
    """A title written directly (no operator account needed), counted as `title_record` counts it."""
    title = LocalTitle.objects.create(
        nominee=nominee,
        brand=brand,
        sector=sector,
        year=year,
        county=county if department is None else None,
        department=department,
        document_number="测发〔2018〕1号",
        issuing_body="测试县人民政府",
        named_on=datetime.date(year, 6, 1),
    )
    title_tally_add(title=title)
    return title


def test_taking_part_is_distinct_and_compliance_counts_the_named(city):
    a, b = CountyFactory.create_batch(2, parent=city)
    brand = BrandFactory(city=city, census_base="villages_communities")
    campaign = campaign_page(city=city, year=2018)
    UnitCensus.objects.create(county=a, year=2018, villages=10, communities=2)
    x, y, z, old = (_nominee(a, n) for n in ("甲村", "乙村", "丙社区", "丁村"))
    DemoSite.objects.create(campaign=campaign, brand=brand, county=a, nominee=x)
    _title(x, brand=brand, county=a)  # demo site and named: counted once
    DemoSite.objects.create(campaign=campaign, brand=brand, county=a, nominee=y)  # taking part only
    _title(z, brand=brand, county=a)  # named without a demo site
    _title(old, brand=brand, county=a, year=2017)  # another year's title: not counted
    _title(y, brand=brand, county=a, year=2017)

    item = coverage_report(campaign=campaign).brands[0]
    row_a, row_b = item.rows
    # Taking part {甲, 乙, 丙} = 3 of 10 + 2 = 12 → 25%; named {甲, 丙} = 2 of 3 → 66.7%.
    assert (row_a.base, row_a.taking_part, row_a.named) == (12, 3, 2)
    assert row_a.coverage.label == "25%" and row_a.compliance.label == "66.7%"
    assert row_a.compliance.meets is False
    # No census for b: never 0%.
    assert row_b.base is None and row_b.coverage.label == NO_CENSUS and row_b.coverage.meets is None
    assert row_b.compliance.label == NOTHING
    # The total needs every county's census; the compliance does not.
    assert item.total.coverage.label == NO_CENSUS
    assert item.total.compliance.label == "66.7%"
    report = coverage_report(campaign=campaign)
    assert report.counties_without_census == [b.name]
    assert report.meets_targets is False


def test_targets_are_the_campaigns(city):
    county = CountyFactory(parent=city)
    brand = BrandFactory(city=city, census_base="units")
    campaign = campaign_page(city=city, year=2018, coverage_target=Decimal("2.5"), compliance_target=60)
    UnitCensus.objects.create(county=county, year=2018, units=40)
    n1, n2, n3 = (_nominee(county, f"单位{i}") for i in range(3))
    _title(n1, brand=brand, county=county)
    _title(n2, brand=brand, county=county)
    DemoSite.objects.create(campaign=campaign, brand=brand, county=county, nominee=n3)
    total = coverage_report(campaign=campaign).brands[0].total
    # 3 / 40 = 7.5% ≥ 2.5%; 2 / 3 = 66.7% ≥ 60%.
    assert total.coverage.meets and total.compliance.meets
    assert coverage_report(campaign=campaign).meets_targets is True


def test_exactly_on_target_meets_it(city):
    county = CountyFactory(parent=city)
    brand = BrandFactory(city=city, census_base="towns")
    campaign = campaign_page(city=city, year=2018)
    UnitCensus.objects.create(county=county, year=2018, towns=10)
    nominees = [_nominee(county, f"镇{i}") for i in range(10)]
    for nominee in nominees[:9]:
        _title(nominee, brand=brand, county=county)
    DemoSite.objects.create(campaign=campaign, brand=brand, county=county, nominee=nominees[9])
    total = coverage_report(campaign=campaign).brands[0].total
    assert total.coverage.label == "100%" and total.coverage.meets is True  # 10 / 10
    assert total.compliance.label == "90%" and total.compliance.meets is True  # 9 / 10


def test_census_falls_back_to_the_latest_earlier_year(city):
    county = CountyFactory(parent=city)
    BrandFactory(city=city, census_base="towns")
    sector = SectorFactory(city=city)
    campaign = campaign_page(city=city, year=2018)
    UnitCensus.objects.create(county=county, year=2016, towns=5)
    UnitCensus.objects.create(county=county, year=2017, towns=8)
    UnitCensus.objects.create(county=county, year=2019, towns=99)  # later: never used for 2018
    SectorCensus.objects.create(sector=sector, year=2015, units=30)
    report = coverage_report(campaign=campaign)
    row = report.brands[0].rows[0]
    assert (row.base, row.census_year) == (8, 2017)
    assert (report.sectors[0].base, report.sectors[0].census_year) == (30, 2015)
    assert report.census_years == [2015, 2017] and report.census_fallback
    UnitCensus.objects.create(county=county, year=2018, towns=9)
    assert coverage_report(campaign=campaign).brands[0].rows[0].base == 9


def test_zero_base_and_missing_sector_census(city):
    county = CountyFactory(parent=city)
    BrandFactory(city=city, census_base="streets")
    SectorFactory(city=city, name="金融")
    campaign = campaign_page(city=city, year=2018)
    UnitCensus.objects.create(county=county, year=2018, streets=0)
    report = coverage_report(campaign=campaign)
    coverage = report.brands[0].total.coverage
    assert coverage.label == NOTHING and coverage.meets is None and coverage.bar == "0"
    sector = report.sectors[0]
    assert sector.coverage.label == NO_CENSUS
    assert report.sectors_without_census == ["金融"]
    assert report.figures == 0 and report.meets_targets is False


def test_sector_counts_demo_sites_and_titles_of_its_year(city):
    sector = SectorFactory(city=city)
    department = sector.lead_department
    campaign = campaign_page(city=city, year=2018)
    SectorCensus.objects.create(sector=sector, year=2018, units=4)
    school, hospital, other = (
        Nominee.objects.create(kind="collective", name=n, department=department)
        for n in ("甲校", "乙校", "丙校")
    )
    _title(school, sector=sector, department=department)
    DemoSite.objects.create(campaign=campaign, sector=sector, department=department, nominee=school)
    DemoSite.objects.create(campaign=campaign, sector=sector, department=department, nominee=hospital)
    _title(other, sector=sector, department=department, year=2017)
    row = coverage_report(campaign=campaign).sectors[0]
    # {甲, 乙} of 4 → 50%; named {甲} of 2 → 50%.
    assert (row.taking_part, row.named) == (2, 1)
    assert row.coverage.label == "50%" and row.compliance.label == "50%"


def _city_with(size: int):
    city = CityFactory()
    counties = CountyFactory.create_batch(size, parent=city)
    brands = [BrandFactory(city=city, census_base=base) for base in ["towns", "units", "counties"][:size]]
    brands += BrandFactory.create_batch(size, city=city, census_base="villages_communities")
    sectors = SectorFactory.create_batch(size, city=city)
    campaign = campaign_page(city=city, year=2018)
    for i, county in enumerate(counties):
        UnitCensus.objects.create(county=county, year=2017, towns=5 + i, units=20, villages=9, communities=1)
        for brand in brands:
            nominee = _nominee(county, f"{brand.name}{county.name}")
            _title(nominee, brand=brand, county=county)
            DemoSite.objects.create(
                campaign=campaign, brand=brand, county=county, nominee=_nominee(county, f"示范{nominee.name}")
            )
    for sector in sectors:
        SectorCensus.objects.create(sector=sector, year=2018, units=10)
        nominee = Nominee.objects.create(
            kind="collective", name=sector.name, department=sector.lead_department
        )
        _title(nominee, sector=sector, department=sector.lead_department)
    return campaign


def test_queries_do_not_grow_with_counties_brands_or_sectors(django_assert_max_num_queries):
    small, large = _city_with(1), _city_with(5)
    for campaign in (small, large):
        with django_assert_max_num_queries(7):
            report = coverage_report(campaign=campaign)
        assert all(r.taking_part == 2 for b in report.measured_brands for r in b.rows if r.base != 1)
    brands, sectors = [b.brand for b in report.brands], list(large.city.sectors.all())
    with django_assert_max_num_queries(5):  # brands and sectors given
        coverage_report(campaign=large, brands=brands, sectors=sectors)
    counties = list(counties_of(city=large.city))
    with django_assert_max_num_queries(4):  # and the counties, as the campaign page does
        given = coverage_report(campaign=large, brands=brands, sectors=sectors, counties=counties)
    assert [b.total.named for b in given.brands] == [b.total.named for b in report.brands]


# ---------------------------------------------------------------- the office's screens


def _with_admin_access(username: str) -> User:
    user = User.objects.get(username=username)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return User.objects.get(pk=user.pk)


def test_office_sees_the_report_per_county(client, demo):
    client.force_login(User.objects.get(username="office"))
    response = client.get(COVERAGE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert demo.title in html
    for text in ["各县（区）明细", "平安村（社区）", "商州区", "2.4%", "4.2%", "待考评", "校园领域", "0.6%"]:
        assert text in html
    assert "/admin/coverage/census/import/" in html and "/admin/coverage/census.xlsx" in html
    assert 'style="' not in html.split("<main", 1)[-1].split("</main>")[0]  # no inline CSS (CSP)
    assert client.get(f"{COVERAGE_URL}?campaign={demo.pk}").status_code == 200
    assert client.get(f"{COVERAGE_URL}?campaign=999999").status_code == 404


@pytest.mark.parametrize("username", ["shangzhou", "jiaoyu", "sifa"])
def test_coverage_screens_are_the_offices_only(client, demo, username):
    client.force_login(_with_admin_access(username))
    for url in (COVERAGE_URL, "/admin/coverage/census/import/", "/admin/coverage/census.xlsx"):
        assert client.get(url).status_code == 403
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"url": "{COVERAGE_URL}"' not in home and 'id="coverage' not in home


def test_anonymous_goes_to_login(client, demo):
    response = client.get(COVERAGE_URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_dashboard_panel_and_menu_for_the_office(client, demo):
    client.force_login(User.objects.get(username="office"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="coverage' in html
    assert "项指标中13项达到目标" in html
    assert f'href="{COVERAGE_URL}?campaign={demo.pk}"' in html
    assert f'"url": "{COVERAGE_URL}"' in html  # the menu item (the sidebar's JSON)
    assert "css/coverage.css" in html
    assert "平安家庭" not in html.split('id="coverage', 1)[1].split("</section>", 1)[0]


# ---------------------------------------------------------------- the public page


def test_campaign_page_shows_the_summary(client, demo):
    html = client.get(demo.url).content.decode()
    assert 'id="coverage"' in html and 'href="#coverage"' in html
    assert "2018年度九大品牌创建覆盖率与达标率" in html
    assert "2018年度八大领域创建覆盖率与达标率" in html
    for text in ["59／1404", "4.2%", "待考评", "不测算", "5／860", "0.6%", "目标≥100%", "目标≥90%"]:
        assert text in html
    assert "商州区" not in html.split('id="coverage"', 1)[1].split("</section>", 1)[0]  # totals only

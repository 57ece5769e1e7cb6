"""The title tallies (nominations.models.TitleTally) stay equal to a count of the titles
on every path that writes titles, so the coverage they feed (campaigns/coverage.py) is
the same figure a count would give: the demo's load, one title at a time, a naming list
imported all or nothing, a bulk load rebuilt; and many operators of one county at once
(PostgreSQL, real threads)."""

import datetime
import threading

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, connections

from campaigns.models import Brand, Sector
from nominations import imports, services
from nominations.excel import WorkbookError
from nominations.models import LocalTitle, Nominee, TitleTally
from nominations.tallies import title_tallies_mismatched, title_tallies_rebuild
from tests.nominations import test_imports
from tests.nominations.conftest import make_title
from tests.nominations.test_excel import collective, naming_list

pytestmark = pytest.mark.django_db

villages = test_imports.villages  # villages of 商州区 no demo nominee stands for


def _tally(*, year=2018, **key) -> int:
    return TitleTally.objects.filter(year=year, **key).values_list("count", flat=True).first() or 0


def test_the_demo_titles_are_tallied(demo):
    assert TitleTally.objects.exists()
    assert title_tallies_mismatched() == []


def test_recording_a_title_counts_it_once_for_its_unit_honour_and_year(users, shangzhou):
    village = Brand.objects.get(slug="village", city=shangzhou.parent)
    before = _tally(county=shangzhou, brand=village)
    make_title(user=users["shangzhou"], name="计数一村", brand_slug="village")
    make_title(user=users["shangzhou"], name="计数二村", brand_slug="village")
    make_title(user=users["shangzhou"], name="计数三村", brand_slug="village", year=2019)

    assert _tally(county=shangzhou, brand=village) == before + 2
    assert _tally(county=shangzhou, brand=village, year=2019) == 1
    campus = Sector.objects.get(slug="campus")
    sector_before = _tally(sector=campus)
    make_title(user=users["jiaoyu"], name="计数中学", sector_slug="campus")
    assert _tally(sector=campus, department=campus.lead_department) == sector_before + 1
    assert title_tallies_mismatched() == []


def test_a_refused_title_is_not_counted(users, shangzhou):
    village = Brand.objects.get(slug="village", city=shangzhou.parent)
    title = make_title(user=users["shangzhou"], name="计数四村", brand_slug="village")
    before = _tally(county=shangzhou, brand=village)
    again = LocalTitle(
        nominee=title.nominee,
        brand=village,
        year=2018,
        document_number="商政发〔2018〕1号",
        issuing_body="测试",
        named_on=datetime.date(2018, 11, 1),
    )
    with pytest.raises(ValidationError):  # the same nominee, brand and year twice
        services.title_record(title=again, actor=users["shangzhou"])
    assert _tally(county=shangzhou, brand=village) == before
    assert title_tallies_mismatched() == []


def test_an_imported_naming_list_is_counted_and_a_refused_one_is_not(users, shangzhou, villages):
    village = Brand.objects.get(slug="village", city=shangzhou.parent)
    before = _tally(county=shangzhou, brand=village)
    bad = [
        collective(serial=1, name=villages[0].name, place=villages[0].name),
        collective(serial=2, name=villages[1].name, place="景村镇"),  # 洛南县's: the file is refused
    ]
    with pytest.raises(WorkbookError):
        imports.titles_import(data=naming_list(bad), actor=users["shangzhou"])
    assert _tally(county=shangzhou, brand=village) == before

    rows = [collective(serial=i, name=v.name, place=v.name) for i, v in enumerate(villages[:3], start=1)]
    imports.titles_import(data=naming_list(rows), actor=users["shangzhou"])
    assert _tally(county=shangzhou, brand=village) == before + 3
    assert title_tallies_mismatched() == []


def test_a_rebuild_recounts_what_a_bulk_load_wrote(users, shangzhou):
    title = make_title(user=users["shangzhou"], name="计数五村", brand_slug="village")
    LocalTitle.objects.bulk_create(  # as seed_scale writes its titles: no service, no tally
        [
            LocalTitle(
                nominee=services.nominee_save(
                    nominee=Nominee(kind="collective", name=f"批量{i}村"), actor=users["shangzhou"]
                ),
                brand=title.brand,
                county=shangzhou,
                year=2018,
                document_number=f"商政发〔2018〕{900 + i}号",
                issuing_body="测试",
                named_on=datetime.date(2018, 11, 1),
            )
            for i in range(3)
        ]
    )
    assert len(title_tallies_mismatched()) == 1  # the county's villages of 2018: three short

    title_tallies_rebuild()
    assert title_tallies_mismatched() == []
    assert (
        _tally(county=shangzhou, brand=title.brand)
        == LocalTitle.objects.filter(county=shangzhou, brand=title.brand, year=2018).count()
    )


RACERS = 6


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions are what is tested: runs on PostgreSQL"
)
def test_titles_recorded_at_once_are_all_counted(wagtail_base):
    """Operators of one county record titles of one brand and year at the same moment,
    the first of that key among them: each is counted, none twice."""
    from portal.demo import loader

    loader.load_all()
    user = User.objects.get(username="shangzhou")
    brand = Brand.objects.get(slug="family")
    nominees = [
        services.nominee_save(nominee=Nominee(kind="family", name=f"同时{i}户"), actor=user)
        for i in range(RACERS)
    ]
    barrier = threading.Barrier(RACERS)
    errors: list[Exception] = []

    def record(nominee):
        try:
            barrier.wait()
            services.title_record(
                title=LocalTitle(
                    nominee=nominee,
                    brand=brand,
                    year=2031,
                    document_number=f"商政发〔2031〕{nominee.pk}号",
                    issuing_body="测试",
                    named_on=datetime.date(2031, 11, 1),
                ),
                actor=User.objects.get(pk=user.pk),
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=(n,)) for n in nominees]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert _tally(county=nominees[0].county, brand=brand, year=2031) == RACERS
    assert title_tallies_mismatched() == []

"""Chinese full-text search of the honour roll over the bigram index (honours.search), through
Wagtail's search backend: SQLite's FTS5 here, PostgreSQL's full-text search with
DATABASE_URL=postgres://… (run this file there too)."""

import pytest

from honours import selectors
from honours.models import Honour, HonourRollPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(decision):
    """The decision's four honours renamed (saving re-indexes them), by their new names."""
    names = ["商州区人民医院", "王塬村", "李店村", "洛南县中医医院"]
    honours = list(decision.honours.order_by("sort_order"))
    assert len(honours) == len(names)
    for honour, name in zip(honours, names, strict=True):
        honour.name = name
        honour.save()
    return {h.name: h for h in honours}


def _names(query, **filters) -> set[str]:
    return {h.name for h in selectors.honour_search(query=query, **filters)}


def test_a_word_is_found_inside_a_longer_name(named):
    assert _names("人民医院") == {"商州区人民医院"}
    assert _names("医院") == {"商州区人民医院", "洛南县中医医院"}
    assert _names("中医") == {"洛南县中医医院"}


def test_one_character_finds_a_surname_or_a_place(named):
    assert _names("王") == {"王塬村"}
    assert "李店村" in _names("店")


def test_every_word_of_the_query_must_match(named):
    assert _names("商州 医院") == {"商州区人民医院"}
    assert _names("商州 中医") == set()
    assert _names("人民医院王塬") == set()  # pairs across the two names match neither


def test_the_search_reads_the_unit_and_title_too(named):
    village = named["王塬村"]
    # the roll shows the county and the brand; they are searchable like the name
    assert "王塬村" in _names(f"{village.unit_label} {village.honour_label}")


def test_a_name_changed_is_found_by_its_new_name_only(named):
    honour = named["李店村"]
    honour.name = "丰营村"
    honour.save()
    assert _names("李店") == set()
    assert _names("丰营") == {"丰营村"}


def test_search_combines_with_the_filters(named):
    assert _names("医院", year=2018) == {"商州区人民医院", "洛南县中医医院"}
    assert _names("医院", year=2017) == set()
    hospital = named["商州区人民医院"]  # the 商州 village's honour: a brand and a county
    assert hospital.brand_id and hospital.county_id
    assert _names("医院", brand=hospital.brand) == {"商州区人民医院"}
    assert _names("医院", county=hospital.county) == {"商州区人民医院"}
    assert _names("医院", brand=named["王塬村"].brand) == set()


def test_honours_of_an_unpublished_decision_are_not_found(named, decision, office):
    decision.unpublish(user=office)
    assert _names("人民医院") == set()
    assert _names("") == set()


def test_the_roll_page_searches(client, named):
    roll = HonourRollPage.objects.get()
    response = client.get(roll.url, {"q": "人民医院"})
    assert response.status_code == 200
    assert [h.name for h in response.context["honours"]] == ["商州区人民医院"]
    response = client.get(roll.url, {"q": "王"})
    assert [h.name for h in response.context["honours"]] == ["王塬村"]


def test_punctuation_and_latin_in_a_query_are_harmless(named):
    assert _names("“人民医院”") == {"商州区人民医院"}
    assert _names("'; DROP TABLE honours_honour; --") == set()
    assert _names("(王 OR 李)") == set()
    assert Honour.objects.count() >= 4

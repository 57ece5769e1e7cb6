"""Reads of the December process; public reads touch only the public snapshot rows."""

from __future__ import annotations

import datetime
import operator
from functools import reduce
from itertools import groupby
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BigIntegerField, OuterRef, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend

from honours import rules
from honours.models import Honour, NoticeEntry, NoticePage
from nominations.enums import State

LISTING_RELATED = ("brand", "sector", "county", "department")


def group_by_honour(rows) -> list[tuple[str, list]]:
    """[(honour label, rows)] in the rows' order (brands, then sectors, by sort order)."""
    return [(label, list(items)) for label, items in groupby(rows, key=lambda r: r.honour_label)]


def notice_entries(*, notice: NoticePage) -> QuerySet[NoticeEntry]:
    return notice.entries.select_related(*LISTING_RELATED).order_by("sort_order", "id")


class EntryRow(NamedTuple):
    """A notice entry as the public page shows it (public fields only), its display
    strings computed once per honour and unit: a notice lists a thousand entries, written
    by the `notice_rows` template tag."""

    pk: int
    name: str
    is_individual: bool
    gender_label: str
    workplace: str
    honour_label: str
    unit_label: str


def notice_rows(*, notice: NoticePage) -> list[EntryRow]:
    """The notice's entries in order (one query, no model instances per row); the labels
    come from the model's own properties, computed once per brand/sector and per unit."""
    from campaigns.enums import BrandKind
    from campaigns.models import Brand, Sector
    from nominations.enums import Gender
    from portal.models import Department, Jurisdiction

    genders = dict(Gender.choices)
    honour_labels: dict[tuple, str] = {}
    unit_labels: dict[tuple, str] = {}
    rows = []
    for (
        pk, name, kind, gender, workplace, brand_id, brand_name, sector_id, sector_name, sector_brand_name,
        county_id, county_name, department_id, department_name,
    ) in notice_entries(notice=notice).values_list(
        "pk", "name", "kind", "gender", "workplace", "brand_id", "brand__name", "sector_id",
        "sector__name", "sector__brand_name", "county_id", "county__name", "department_id",
        "department__name",
    ):  # fmt: skip
        honour_key = (brand_id, sector_id)
        if honour_key not in honour_labels:
            brand = Brand(pk=brand_id, name=brand_name)
            sector = Sector(pk=sector_id, name=sector_name)
            sector.brand_name = sector_brand_name
            honour_labels[honour_key] = NoticeEntry(
                brand_id=brand_id,
                brand=brand if brand_id else None,
                sector=sector if sector_id else None,
            ).honour_label
        unit_key = (county_id, department_id)
        if unit_key not in unit_labels:
            county = Jurisdiction(pk=county_id, name=county_name)
            department = Department(pk=department_id, name=department_name)
            unit_labels[unit_key] = NoticeEntry(
                county_id=county_id,
                county=county if county_id else None,
                department=department if department_id else None,
            ).unit_label
        rows.append(
            EntryRow(
                pk,
                name,
                kind == BrandKind.INDIVIDUAL,
                genders.get(gender, gender),
                workplace,
                honour_labels[honour_key],
                unit_labels[unit_key],
            )
        )
    return rows


def notice_detail(*, notice: NoticePage, today: datetime.date) -> dict:
    entries = notice_rows(notice=notice)
    return {
        "groups": group_by_honour(entries),
        "entry_count": len(entries),
        "is_open": rules.notice_is_open(notice, today=today),
        "has_ended": rules.notice_has_ended(notice, today=today),
        "not_started": today < notice.starts_on,
    }


def commendation_candidates(*, notice: NoticePage) -> QuerySet[NoticeEntry]:
    """The notice's entries still shortlisted: an upheld objection has rejected the others."""
    return notice_entries(notice=notice).filter(nomination__state=State.SHORTLISTED)


def commendation_rows(*, page) -> list:
    """The honours of a conferred decision, or (in preview, before publishing) the candidates."""
    if page.conferred_at is not None:
        return list(page.honours.select_related(*LISTING_RELATED).order_by("sort_order", "id"))
    return list(commendation_candidates(notice=page.notice))


def commendation_detail(*, page) -> dict:
    rows = commendation_rows(page=page)
    return {
        "groups": group_by_honour(rows),
        "row_count": len(rows),
        "conferred": page.conferred_at is not None,
    }


def honours_public() -> QuerySet[Honour]:
    """Honours of published decisions, for the public roll."""
    return Honour.objects.filter(commendation__live=True).select_related(*LISTING_RELATED)


def honour_search(*, query: str = "", year=None, brand=None, county=None) -> QuerySet[Honour] | list:
    """The public honours matching the filters and every term of the query, without their
    brand, sector, county and department (`honour_roll` fetches those for the page shown:
    joining them made PostgreSQL plan a seven-table join, 20 ms, for every search)."""
    from honours.search import query_terms

    honours = honours_public().select_related(None).order_by("-year", "sort_order", "id")
    if year:
        honours = honours.filter(year=year)
    if brand:
        honours = honours.filter(brand=brand)
    if county:
        honours = honours.filter(county=county)
    terms = query_terms(query)
    if not terms:
        return honours
    backend = get_search_backend()
    if connection.vendor == "postgresql" and hasattr(backend, "config"):
        return honours.filter(pk__in=_postgres_matches(terms, config=backend.config))
    return backend.search(" ".join(terms), honours, operator="and", order_by_relevance=False)


def _postgres_matches(terms: list[str], *, config) -> QuerySet:
    """The pks of the honours whose index entry holds every term: the backend's own query
    (its lexemes, its text search config) on the entries' body alone, so that PostgreSQL
    uses the body's GIN index. Wagtail's backend matches `title || body`, which no index
    covers: a scan of every entry, twice a page (the rows and the paginator's count). An
    honour indexes no title (its only search field is `search_text`), so the result is
    the same."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchQuery
    from wagtail.search.backends.database.postgres.query import Lexeme
    from wagtail.search.models import IndexEntry

    lexemes = reduce(operator.and_, (Lexeme(term) for term in terms))
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Honour),
        body=SearchQuery(lexemes, search_type="raw", config=config),
    ).values(honour_id=Cast("object_id", BigIntegerField()))


def honour_roll(*, params, per_page: int = 50) -> dict:
    from honours.forms import HonourSearchForm

    form = HonourSearchForm(params or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = honour_search(
        query=filters.get("q") or "",
        year=filters.get("year"),
        brand=filters.get("brand"),
        county=filters.get("county"),
    )
    page = Paginator(results, per_page).get_page(params.get("page"))
    honours = list(page.object_list)
    prefetch_related_objects(honours, *LISTING_RELATED)  # one small query each, by id
    return {"form": form, "page_obj": page, "honours": honours}


def honour_roll_years() -> list[int]:
    """The years of the honours on the public roll, newest first: the year of each live
    decision's honours (a decision confers one campaign's year), read from its first
    honour by the commendation index: 1 ms on the reference set, where a DISTINCT over
    every honour scanned them all in 9."""
    from honours.models import CommendationPage

    first_year = Honour.objects.filter(commendation=OuterRef("pk")).order_by().values("year")[:1]
    years = CommendationPage.objects.live().annotate(year=Subquery(first_year)).values_list("year", flat=True)
    return sorted({year for year in years if year is not None}, reverse=True)


def default_issuing_bodies(campaign) -> str:
    """The bodies that decide the commendation: those of the city's last conferred decision; else
    the campaign plan's issuers without their general offices (a plan is issued by
    中共商洛市委办公室、商洛市人民政府办公室 on behalf of the bodies that name the honours)."""
    last = (
        Honour.objects.filter(city_id=campaign.city_id)
        .exclude(commendation__issuing_bodies="")
        .order_by("-conferred_on", "-pk")
        .values_list("commendation__issuing_bodies", flat=True)
        .first()
        if campaign is not None
        else None
    )
    if last:
        return last
    plan = getattr(campaign, "issuing_bodies", "") or ""
    bodies = [b.strip().removesuffix("办公室") for b in plan.replace("，", "、").split("、") if b.strip()]
    if bodies:
        return "、".join(bodies)
    if campaign is None:
        return ""
    city = campaign.city.name
    return f"中共{city}委、{city}人民政府"

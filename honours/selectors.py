"""Reads of the December process; public reads touch only the public snapshot rows."""

from __future__ import annotations

import datetime
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import QuerySet
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


def notice_detail(*, notice: NoticePage, today: datetime.date) -> dict:
    entries = list(notice_entries(notice=notice))
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
    from honours.search import query_terms

    honours = honours_public().order_by("-year", "sort_order", "id")
    if year:
        honours = honours.filter(year=year)
    if brand:
        honours = honours.filter(brand=brand)
    if county:
        honours = honours.filter(county=county)
    terms = query_terms(query)
    if not terms:
        return honours
    return get_search_backend().search(" ".join(terms), honours, operator="and", order_by_relevance=False)


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
    return {"form": form, "page_obj": page, "honours": list(page.object_list)}


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

"""Workbench screens for what comes before a nomination: nominees, their county-level
(or sector-level) titles and the year's demonstration sites."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect

from campaigns import rules as campaign_rules
from campaigns.enums import BrandKind
from nominations import selectors, services
from nominations.enums import State
from nominations.filters import NomineeFilter, TitleFilter
from nominations.forms import (
    COLLECTIVE_TYPES,
    NAME_LABELS,
    DemoSiteForm,
    NomineeForm,
    TitleForm,
    add_service_errors,
)
from nominations.models import LocalTitle, Nominee
from portal import rules as portal_rules

from .common import mask_personal, paginate, render, workbench_for

KINDS = list(NAME_LABELS)


# --- nominees ------------------------------------------------------------------------


@login_required
def nominee_list(request):
    wb = workbench_for(request)
    nominees = (
        selectors.nominees_visible_to(request.user)
        .select_related("county", "department")
        .annotate(
            title_count=Count("titles", distinct=True), nomination_count=Count("nominations", distinct=True)
        )
    )
    filterset = NomineeFilter(request.GET, nominees)
    page, query = paginate(request, filterset.qs.order_by("kind", "name", "id"))
    mask_personal(page)
    return render(
        request, "nominations/nominee_list.html", wb, {"filter": filterset, "page_obj": page, "query": query}
    )


def _kind_of(request, default: str) -> str:
    kind = request.GET.get("kind", default)
    return kind if kind in KINDS else default


@login_required
def nominee_create(request):
    wb = workbench_for(request, write=True)
    kind = _kind_of(request, KINDS[0])
    nominee = Nominee(kind=kind)
    form = NomineeForm(request.POST or None, instance=nominee, kind=kind, unit=wb.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominee_save(nominee=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记推荐对象“{nominee.name}”。")
            return redirect("nominations:nominee_detail", pk=nominee.pk)
    return render(
        request,
        "nominations/nominee_form.html",
        wb,
        {
            "form": form,
            "kind": kind,
            "kinds": BrandKind.choices,
            "nominee": None,
            "collective_types": COLLECTIVE_TYPES,
        },
    )


@login_required
def nominee_edit(request, pk):
    wb = workbench_for(request)
    nominee = get_object_or_404(selectors.nominees_visible_to(request.user), pk=pk)
    wb.require_write()
    if not portal_rules.owns(request.user, nominee):
        raise PermissionDenied("无权修改其他单位的推荐对象。")
    form = NomineeForm(request.POST or None, instance=nominee, kind=nominee.kind, unit=wb.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominee_save(nominee=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已保存推荐对象“{nominee.name}”。")
            return redirect("nominations:nominee_detail", pk=nominee.pk)
    submitted = nominee.nominations.exclude(state__in=[State.DRAFT, State.RETURNED, State.WITHDRAWN]).exists()
    return render(
        request,
        "nominations/nominee_form.html",
        wb,
        {
            "form": form,
            "kind": nominee.kind,
            "nominee": nominee,
            "has_submitted": submitted,
            "collective_types": COLLECTIVE_TYPES,
        },
    )


@login_required
def nominee_detail(request, pk):
    wb = workbench_for(request)
    nominee = get_object_or_404(
        selectors.nominees_visible_to(request.user).select_related("county", "department", "place__parent"),
        pk=pk,
    )
    mask_personal([nominee])
    titles = nominee.titles.select_related("brand", "sector").order_by("-year", "id")
    nominations = nominee.nominations.select_related("campaign", "brand", "sector").order_by(
        "-campaign__year", "-id"
    )
    return render(
        request,
        "nominations/nominee_detail.html",
        wb,
        {
            "nominee": nominee,
            "titles": titles,
            "nominations": nominations,
            "can_edit": portal_rules.owns(request.user, nominee),
            "level": "县级" if nominee.county_id else "领域",
            # titles with a live nomination this year: no "推荐申报" link for them
            "nominated": {
                n.title_id
                for n in nominations
                if n.campaign_id == getattr(wb.campaign, "pk", None) and n.state != State.WITHDRAWN
            },
        },
    )


# --- titles (县级命名名单 / 领域命名名单) --------------------------------------------------


@login_required
def title_list(request):
    wb = workbench_for(request)
    titles = selectors.titles_visible_to(request.user).select_related("county", "department")
    filterset = TitleFilter(request.GET, titles, unit=wb.unit, city=wb.city)
    page, query = paginate(request, filterset.qs.order_by("-year", "nominee__name", "id"))
    return render(
        request, "nominations/title_list.html", wb, {"filter": filterset, "page_obj": page, "query": query}
    )


@login_required
def title_create(request):
    wb = workbench_for(request, write=True)
    initial = {}
    if request.GET.get("nominee", "").isdigit():
        initial["nominee"] = request.GET["nominee"]
    form = TitleForm(
        request.POST or None, instance=LocalTitle(), unit=wb.unit, campaign=wb.campaign, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            title = services.title_record(title=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记“{title.nominee}”的{wb.title_level}命名（{title.honour}）。")
            if request.POST.get("next") == "another":
                return redirect("nominations:title_create")
            return redirect("nominations:title_list")
    return render(request, "nominations/title_form.html", wb, {"form": form})


# --- demonstration sites ----------------------------------------------------------------


@login_required
def demo_site_list(request):
    wb = workbench_for(request)
    context: dict = {"groups": [], "sites": [], "phase": None}
    if wb.campaign is not None:
        sites = list(
            selectors.demo_sites_visible_to(request.user, campaign=wb.campaign).select_related(
                "county", "department", "nominee__place"
            )
        )
        context["sites"] = sites
        if wb.unit is not None:
            by_honour: dict[tuple, list] = {}
            for site in sites:
                by_honour.setdefault((site.brand_id, site.sector_id), []).append(site)
            uses = selectors.quota_use(campaign=wb.campaign, unit=wb.unit)
            context["groups"] = [
                {
                    "use": use,
                    "sites": by_honour.get(
                        (use.honour.pk, None) if wb.is_county else (None, use.honour.pk), []
                    ),
                }
                for use in uses
                if not wb.is_county or use.honour.has_demo_sites
            ]
            context["phase"] = campaign_rules.phase_status(
                campaign=wb.campaign, unit=wb.unit, key="demo_sites"
            )
    return render(request, "nominations/demo_site_list.html", wb, context)


@login_required
def demo_site_create(request):
    wb = workbench_for(request, write=True)
    if wb.campaign is None:
        messages.error(request, "目前没有正在进行的创建活动。")
        return redirect("nominations:demo_site_list")
    initial = {}
    for key in ("brand", "sector"):
        if request.GET.get(key, "").isdigit():
            initial[key] = request.GET[key]
    form = DemoSiteForm(request.POST or None, unit=wb.unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            site = services.demo_site_file(
                campaign=wb.campaign,
                nominee=form.cleaned_data["nominee"],
                brand=form.cleaned_data.get("brand"),
                sector=form.cleaned_data.get("sector"),
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已备案示范点“{site.nominee}”（{site.brand or site.sector}）。")
            return redirect("nominations:demo_site_list")
    phase = campaign_rules.phase_status(campaign=wb.campaign, unit=wb.unit, key="demo_sites")
    return render(request, "nominations/demo_site_form.html", wb, {"form": form, "phase": phase})

"""Workbench screens of filings (报送材料): what the unit must file this campaign, a filing's
form, detail (content, files, log) and its submission. Every county and department files,
including departments that lead no sector; the city office only reads here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from campaigns import rules as campaign_rules
from campaigns import selectors as campaign_selectors
from campaigns.enums import Role
from filings import rules, selectors, services
from filings.forms import FilingForm
from filings.models import FilingEvent, FilingFile, FilingKind
from filings.workflow import find_move
from nominations.forms import add_service_errors
from nominations.views.common import Workbench
from portal import rules as portal_rules
from portal.downloads import stored_file_response

READ_ONLY = "市综治办在管理后台审核报送材料，工作台仅供查看。"


def _workbench(request, *, write: bool = False) -> Workbench:
    """The user's unit (any county or department), or the city office (reads only)."""
    campaign = campaign_selectors.campaign_current_for(request.user)
    if portal_rules.is_city_office(request.user):
        if write:
            raise PermissionDenied(READ_ONLY)
        return Workbench(unit=None, is_office=True, campaign=campaign)
    unit = portal_rules.actor_for(request.user).unit
    if unit is None:
        raise PermissionDenied("账号尚未关联县（区）或市级部门。")
    return Workbench(unit=unit, is_office=False, campaign=campaign)


def _render(request, template: str, wb: Workbench, context: dict) -> TemplateResponse:
    # Departments that lead no sector nominate nothing: their navigation shows filings only.
    files_only = wb.unit is not None and campaign_rules.role_of(wb.unit) == Role.OTHER_DEPARTMENT
    context = {"wb": wb, "wb_active": "filings", "files_only": files_only, **context}
    return TemplateResponse(request, template, context)


@login_required
def filing_list(request):
    wb = _workbench(request)
    context: dict = {"cells": [], "filings": [], "reminders": []}
    if wb.campaign is not None:
        if wb.is_office:
            context["filings"] = selectors.filings_visible_to(request.user).filter(campaign=wb.campaign)
        else:
            context["cells"] = selectors.unit_filings(
                campaign=wb.campaign, unit=wb.unit, today=timezone.localdate()
            )
            context["reminders"] = selectors.unit_reminders(campaign=wb.campaign, unit=wb.unit)
    return _render(request, "filings/filing_list.html", wb, context)


@login_required
def filing_create(request, kind_id):
    wb = _workbench(request, write=True)
    kind = get_object_or_404(FilingKind.objects.select_related("campaign"), pk=kind_id)
    if not rules.files_kind(wb.unit, kind):
        raise Http404("本单位不报送该材料。")
    existing = selectors.filings_visible_to(request.user).filter(kind=kind).first()
    if existing is not None:
        return redirect("filings:filing_detail", pk=existing.pk)
    form = FilingForm(request.POST or None, request.FILES or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                filing = services.filing_save(filing=form.save(), actor=request.user)
                services.filing_files_add(
                    filing=filing, files=form.cleaned_data["documents"], actor=request.user
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已保存“{filing}”（草稿）。请核对后报送。")
            return redirect("filings:filing_detail", pk=filing.pk)
    return _render(request, "filings/filing_form.html", wb, {"form": form, "kind": kind, "filing": None})


@login_required
def filing_edit(request, pk):
    wb = _workbench(request)
    filing = get_object_or_404(selectors.filings_visible_to(request.user), pk=pk)
    if wb.is_office:
        raise PermissionDenied(READ_ONLY)
    if not rules.can_edit(request.user, filing):
        raise PermissionDenied("该材料当前不可修改：只有草稿或退回修改的材料可以修改。")
    form = FilingForm(request.POST or None, request.FILES or None, instance=filing, kind=filing.kind)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.filing_save(filing=form.save(), actor=request.user)
                services.filing_files_add(
                    filing=filing, files=form.cleaned_data["documents"], actor=request.user
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "已保存修改。")
            return redirect("filings:filing_detail", pk=filing.pk)
    return _render(
        request,
        "filings/filing_form.html",
        wb,
        {"form": form, "kind": filing.kind, "filing": filing, "files": list(filing.files.all())},
    )


@login_required
def filing_detail(request, pk):
    wb = _workbench(request)
    filing = get_object_or_404(selectors.filings_visible_to(request.user), pk=pk)
    owner = not wb.is_office and portal_rules.owns(request.user, filing)
    return _render(
        request,
        "filings/filing_detail.html",
        wb,
        {
            "filing": filing,
            "files": list(filing.files.all()),
            "timeline": list(
                FilingEvent.objects.filter(filing=filing).select_related("actor").order_by("at", "id")
            ),
            "submit": find_move(filing.state, "submit") if owner else None,
            "can_edit": not wb.is_office and rules.can_edit(request.user, filing),
            "phase": campaign_rules.phase_status(
                campaign=filing.campaign, unit=filing.unit, key=filing.kind.key
            ),
        },
    )


@login_required
def filing_submit(request, pk):
    """POST only: 报送 through the one transition function; a refusal (e.g. late without
    an extension) comes back as a message on the detail page."""
    wb = _workbench(request)
    filing = get_object_or_404(selectors.filings_visible_to(request.user), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if wb.is_office:
        raise PermissionDenied(READ_ONLY)
    try:
        services.filing_submit(filing=filing, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"未能报送：{message}")
    else:
        messages.success(request, f"已报送“{filing}”，请等待市综治办审核。")
    return redirect("filings:filing_detail", pk=filing.pk)


@login_required
def filing_file(request, pk, file_id):
    """An attachment, downloaded only by whom may see the filing."""
    _workbench(request)
    filing = get_object_or_404(selectors.filings_visible_to(request.user), pk=pk)
    row = get_object_or_404(FilingFile, pk=file_id, filing=filing)
    return stored_file_response(row.file, filename=row.original_name)

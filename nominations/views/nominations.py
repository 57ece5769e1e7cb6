"""Workbench screens of nominations (推荐申报): list, create, edit, detail with the live
eligibility checklist and the submitter's moves, history, and the private files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from campaigns import rules as campaign_rules
from nominations import rules, selectors, services
from nominations.filters import nomination_filter
from nominations.forms import (
    MoveForm,
    NominationEditForm,
    NominationForm,
    add_service_errors,
    deeds_to_text,
)
from nominations.models import NominationFile
from nominations.workflow import EDITABLE_STATES, By, find_move
from portal.downloads import stored_file_response

from .common import paginate, render, workbench_for


def _phase(wb):
    if wb.campaign is None or wb.unit is None:
        return None
    return campaign_rules.phase_status(campaign=wb.campaign, unit=wb.unit, key="nomination")


@login_required
def nomination_list(request):
    wb = workbench_for(request)
    nominations = selectors.nominations_visible_to(request.user)
    filterset = nomination_filter(request.GET, nominations, unit=wb.unit, campaign=wb.campaign, city=wb.city)
    page, _ = paginate(request, filterset.qs)
    query = filterset.data.urlencode()
    return render(
        request,
        "nominations/nomination_list.html",
        wb,
        {
            "filter": filterset,
            "page_obj": page,
            "query": f"{query}&" if query else "",
            "export_query": query,
            "phase": _phase(wb),
        },
    )


@login_required
def nomination_create(request):
    wb = workbench_for(request, write=True)
    if wb.campaign is None:
        messages.error(request, "目前没有正在进行的创建活动，不能新建推荐。")
        return redirect("nominations:nomination_list")
    initial = {"title": request.GET["title"]} if request.GET.get("title", "").isdigit() else {}
    form = NominationForm(
        request.POST or None, request.FILES or None, unit=wb.unit, campaign=wb.campaign, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                nomination = services.nomination_create(
                    campaign=wb.campaign,
                    title=form.cleaned_data["title"],
                    deeds=form.deeds_html(),
                    actor=request.user,
                )
                services.nomination_files_add(
                    nomination=nomination,
                    photos=form.cleaned_data["photos"],
                    documents=form.cleaned_data["documents"],
                    actor=request.user,
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已保存推荐草稿“{nomination}”。请核对资格审查结果后提交。")
            return redirect("nominations:nomination_detail", pk=nomination.pk)
    return render(request, "nominations/nomination_form.html", wb, {"form": form, "phase": _phase(wb)})


@login_required
def nomination_edit(request, pk):
    wb = workbench_for(request)
    nomination = get_object_or_404(selectors.nominations_visible_to(request.user), pk=pk)
    wb.require_write()
    if not rules.can_edit(request.user, nomination):
        raise PermissionDenied("该推荐当前不可修改：只有本单位的草稿或退回修改的推荐可以修改。")
    form = NominationEditForm(
        request.POST or None, request.FILES or None, initial={"deeds": deeds_to_text(nomination.deeds)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.nomination_update(nomination=nomination, deeds=form.deeds_html(), actor=request.user)
                services.nomination_files_add(
                    nomination=nomination,
                    photos=form.cleaned_data["photos"],
                    documents=form.cleaned_data["documents"],
                    actor=request.user,
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "已保存修改。")
            return redirect("nominations:nomination_detail", pk=nomination.pk)
    return render(
        request,
        "nominations/nomination_form.html",
        wb,
        {"form": form, "nomination": nomination, "files": list(nomination.files.all())},
    )


def _submitter_moves(user, nomination):
    """The moves the workbench offers: the submitter's (the office moves in the admin)."""
    return [m for m in rules.moves_for(user, nomination) if m.by == By.SUBMITTER]


@login_required
def nomination_detail(request, pk):
    wb = workbench_for(request)
    nomination = get_object_or_404(selectors.nominations_visible_to(request.user), pk=pk)
    if nomination.state in EDITABLE_STATES:
        checks, live = rules.eligibility(nomination), True
    else:
        checks, live = [rules.Check(**c) for c in nomination.eligibility], False
    files = list(nomination.files.all())
    return render(
        request,
        "nominations/nomination_detail.html",
        wb,
        {
            "nomination": nomination,
            "checks": checks,
            "checks_live": live,
            "eligible": all(c.ok for c in checks),
            "moves": _submitter_moves(request.user, nomination),
            "can_edit": not wb.is_office and rules.can_edit(request.user, nomination),
            "photos": [f for f in files if f.kind == NominationFile.Kind.PHOTO],
            "documents": [f for f in files if f.kind == NominationFile.Kind.DOCUMENT],
            "timeline": selectors.nomination_timeline(nomination=nomination),
            "move_form": MoveForm(),
        },
    )


@login_required
def nomination_history(request, pk):
    wb = workbench_for(request)
    nomination = get_object_or_404(selectors.nominations_visible_to(request.user), pk=pk)
    return render(
        request,
        "nominations/nomination_history.html",
        wb,
        {"nomination": nomination, "timeline": selectors.nomination_timeline(nomination=nomination)},
    )


@login_required
def nomination_move(request, pk, action):
    """POST only: one of the submitter's moves (submit, withdraw), through the one
    transition function; refused checks come back as messages on the detail page."""
    wb = workbench_for(request)
    nomination = get_object_or_404(selectors.nominations_visible_to(request.user), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wb.require_write()
    move = find_move(nomination.state, action)
    if move is not None and move.by != By.SUBMITTER:
        raise PermissionDenied("审核操作请在管理后台办理。")
    form = MoveForm(request.POST)
    form.is_valid()
    try:
        services.nomination_transition(
            nomination=nomination,
            action=action,
            actor=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except services.NotEligible as exc:
        messages.error(request, f"未能{move.label if move else '提交'}：资格审查未通过。")
        for check in exc.checks:
            if not check.ok:
                messages.error(request, f"{check.label}：{check.detail}")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已{move.label}“{nomination}”，现状态：{nomination.get_state_display()}。")
    return redirect("nominations:nomination_detail", pk=nomination.pk)


@login_required
def nomination_file(request, pk, file_id):
    """A photo (shown inline) or an attachment (downloaded), only to whom may see the nomination."""
    workbench_for(request)
    nomination = get_object_or_404(selectors.nominations_visible_to(request.user), pk=pk)
    row = get_object_or_404(NominationFile, pk=file_id, nomination=nomination)
    return stored_file_response(
        row.file, filename=row.original_name, as_attachment=row.kind == NominationFile.Kind.DOCUMENT
    )

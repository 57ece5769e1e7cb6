"""The city office's 公示与表彰 in the Wagtail admin: the current campaign's notices and
decisions, generating a notice, settling objections, drafting the commendation decision
(the honours conferred are in `roll.py`).

Thin views: request → form → `honours.services` → redirect with a message. Only the city
office (`portal.rules.is_city_office`) may use them; anyone else with admin access gets
403. Publishing a notice or a decision happens on Wagtail's page edit view, guarded by
the page-publish hooks in `honours/wagtail_hooks.py`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.widgets.button import HeaderButton

from campaigns.selectors import campaign_current_for
from honours import services
from honours.enums import Finding
from honours.forms import CommendationCreateForm, NoticeCreateForm, ObjectionSettleForm
from honours.office import selectors
from portal import rules as portal_rules
from portal.admin_views import office_only as admin_office_only
from portal.downloads import stored_file_response

office_only = admin_office_only(portal_rules.is_city_office, what="公示与表彰")

AREA = "公示与表彰"


def admin_breadcrumbs(*items: tuple[str, str], sublabel: str = "") -> list[dict]:
    """首页 › 公示与表彰 › items…; the last item is the current page (url "")."""
    crumbs = [{"url": reverse("wagtailadmin_home"), "label": "首页"}]
    area = ("", AREA) if not items else (reverse("honours_office:index"), AREA)
    crumbs.append({"url": area[0], "label": area[1]})
    crumbs += [{"url": url, "label": label} for label, url in items]
    crumbs[-1]["sublabel"] = sublabel
    return crumbs


def admin_render(request, template: str, *, title: str, crumbs=(), sublabel: str = "", buttons=(), **context):
    """An admin page with Wagtail's slim header: breadcrumbs ending in `title`, and buttons."""
    items = [*crumbs, (title, "")] if title != AREA else []
    return TemplateResponse(
        request,
        f"honours/admin/{template}",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "clipboard-list",
            "breadcrumbs_items": admin_breadcrumbs(*items, sublabel=sublabel),
            "header_buttons": list(buttons),
            **context,
        },
    )


def error_messages(request, exc: ValidationError | PermissionDenied) -> None:
    errors = exc.messages if isinstance(exc, ValidationError) else [str(exc) or "无权执行此操作。"]
    for error in errors:
        messages.error(request, error)


# --- index ---------------------------------------------------------------------------


@require_GET
@office_only
def index(request):
    campaign = campaign_current_for(request.user)
    context = {"campaign": campaign}
    buttons = []
    if campaign is not None:
        context.update(
            notices=selectors.notices_of(campaign=campaign),
            commendations=selectors.commendations_of(campaign=campaign),
            awaiting=selectors.awaiting_notice_count(campaign=campaign),
            today=timezone.localdate(),
        )
        buttons = [
            HeaderButton("生成公示", url=reverse("honours_office:notice_create"), icon_name="plus"),
            HeaderButton(
                "起草表彰决定", url=reverse("honours_office:commendation_create"), icon_name="doc-full"
            ),
        ]
    buttons.append(HeaderButton("荣誉榜", url=reverse("honours_office:honours"), icon_name="tag"))
    return admin_render(
        request,
        "index.html",
        title=AREA,
        sublabel=campaign.title if campaign else "",
        buttons=buttons,
        **context,
    )


def _no_campaign(request):
    messages.error(request, "目前没有正在进行的创建活动。")
    return redirect("honours_office:index")


# --- the public notice ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@office_only
def notice_create(request):
    """生成公示: a draft notice of the shortlisted nominations, then Wagtail's edit view to
    preview and publish it."""
    campaign = campaign_current_for(request.user)
    if campaign is None:
        return _no_campaign(request)
    awaiting = selectors.awaiting_notice_count(campaign=campaign)
    form = NoticeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_create(campaign=campaign, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            error_messages(request, exc)
        else:
            messages.success(
                request,
                f"已生成公示草稿“{notice.title}”，列入{notice.entries.count()}个拟命名对象，"
                f"公示期{notice.starts_on:%Y-%m-%d}至{notice.ends_on:%Y-%m-%d}。请预览后发布。",
            )
            return redirect("wagtailadmin_pages:edit", notice.pk)
    elif request.method == "GET" and not awaiting:
        messages.warning(request, "没有待公示的拟命名对象：请先在推荐评审中确定拟命名对象。")
    return admin_render(
        request, "notice_create.html", title="生成公示", form=form, campaign=campaign, awaiting=awaiting
    )


# --- objections -------------------------------------------------------------------------


def _objections_page(request, notice, campaign, *, bound=None):
    """The notice's objections; pending ones with a settle form (`bound`: the one just
    posted with errors)."""
    rows = []
    for objection in selectors.objections_of(notice=notice):
        form = None
        if not objection.is_settled:
            if bound is not None and bound[0] == objection.pk:
                form = bound[1]
            else:
                form = ObjectionSettleForm(prefix=f"o{objection.pk}")
        rows.append((objection, form))
    return admin_render(
        request,
        "objections.html",
        title="异议处理",
        crumbs=[(notice.title, reverse("wagtailadmin_pages:edit", args=[notice.pk]))],
        notice=notice,
        campaign=campaign,
        rows=rows,
        pending=sum(1 for o, _ in rows if not o.is_settled),
    )


@require_GET
@office_only
def objections(request, pk: int):
    notice, campaign = selectors.notice_for_office(user=request.user, pk=pk)
    return _objections_page(request, notice, campaign)


@require_POST
@office_only
def objection_settle(request, pk: int):
    objection = selectors.objection_for_office(user=request.user, pk=pk)
    notice, campaign = selectors.notice_for_office(user=request.user, pk=objection.notice_id)
    form = ObjectionSettleForm(request.POST, prefix=f"o{objection.pk}")
    if form.is_valid():
        try:
            objection = services.objection_settle(
                objection=objection, actor=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            error_messages(request, exc)
        else:
            text = (
                f"已处理{objection.name}对“{objection.entry.name}”的异议：{objection.get_finding_display()}。"
            )
            if objection.finding == Finding.UPHELD:
                nomination = objection.entry.nomination
                nomination.refresh_from_db()
                text += f"该对象不予命名（推荐状态：{nomination.get_state_display()}）。"
            messages.success(request, text)
        url = reverse("honours_office:objections", args=[notice.pk])
        return redirect(f"{url}#objection-{objection.pk}-section")
    messages.error(request, "异议未能处理，请检查表单。")
    return _objections_page(request, notice, campaign, bound=(objection.pk, form))


@require_GET
@office_only
def objection_attachment(request, pk: int):
    """The objector's evidence, from private storage, for the office only."""
    objection = selectors.objection_for_office(user=request.user, pk=pk)
    if not objection.attachment:
        raise Http404("该异议没有证明材料。")
    return stored_file_response(
        objection.attachment, filename=objection.attachment_name or objection.attachment.name
    )


# --- commendation -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@office_only
def commendation_create(request):
    """起草表彰决定: refused (with `rules.commendation_blockers`) while the notice runs or
    objections are pending; then Wagtail's edit view to preview and publish it."""
    campaign = campaign_current_for(request.user)
    if campaign is None:
        return _no_campaign(request)
    initial = {"notice": request.GET.get("notice")} if request.GET.get("notice") else None
    form = CommendationCreateForm(request.POST or None, campaign=campaign, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                page = services.commendation_create(actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                error_messages(request, exc)
            else:
                messages.success(
                    request, f"已起草表彰决定“{page.title}”。请预览命名名单后发布；发布即完成命名表彰。"
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
        for error in form.non_field_errors():
            messages.error(request, error)
    elif not form.fields["notice"].queryset.exists():
        messages.warning(request, "本年度还没有已发布的公示。")
    return admin_render(
        request, "commendation_create.html", title="起草表彰决定", form=form, campaign=campaign
    )

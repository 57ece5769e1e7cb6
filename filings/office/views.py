"""The city office's 报送备案 in the Wagtail admin: the tracker of units × kinds for the
current campaign (filterable, exportable to xlsx), and one filing with its attachments,
its timeline and the office's moves (审核通过, 退回修改, 印发).

Thin views: request → `filings.services.filing_transition` → redirect with a message.
Only the city office (`portal.rules.is_city_office`) may use them; anyone else with admin
access gets 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook
from wagtail.admin import messages
from wagtail.admin.widgets.button import HeaderButton

from campaigns.selectors import campaign_current_for
from filings import rules, selectors, services
from filings.office import selectors as office_selectors
from filings.pages import SectorPlanPage
from filings.workflow import MOVES
from nominations.workflow import By
from portal import rules as portal_rules
from portal.admin_views import office_only as admin_office_only
from portal.downloads import stored_file_response
from portal.xlsx import XLSX_CONTENT_TYPE, neutralise, titled_sheet, workbook_bytes

office_only = admin_office_only(portal_rules.is_city_office, what="报送备案")

AREA = "报送备案"
OFFICE_MOVES = {m.action: m for m in MOVES if m.by == By.OFFICE}
EXPORT_HEADERS = ["单位", "对象", "报送事项", "截止日期", "延期至", "状态", "报送时间"]
EXPORT_WIDTHS = [24, 14, 30, 12, 12, 12, 18]


def _render(request, template: str, *, title: str, crumbs=(), sublabel: str = "", buttons=(), **context):
    """An admin page with Wagtail's slim header: 首页 › 报送备案 › crumbs… › title."""
    items = [{"url": reverse("wagtailadmin_home"), "label": "首页"}]
    if title == AREA:
        items.append({"url": "", "label": AREA})
    else:
        items.append({"url": reverse("filings_office:index"), "label": AREA})
        items += [{"url": url, "label": label} for label, url in crumbs]
        items.append({"url": "", "label": title})
    items[-1]["sublabel"] = sublabel
    return TemplateResponse(
        request,
        f"filings/admin/{template}",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "doc-full",
            "breadcrumbs_items": items,
            "header_buttons": list(buttons),
            **context,
        },
    )


@require_GET
@office_only
def index(request):
    """The tracker: every unit's cells for the kinds of its role; ?role= and ?standing=
    filter the rows; ?export=xlsx downloads the (filtered) cells as a plain table."""
    campaign = campaign_current_for(request.user)
    if campaign is None:
        return _render(request, "index.html", title=AREA, campaign=None)
    today = timezone.localdate()
    everything = selectors.tracker(campaign=campaign, today=today)
    role = request.GET.get("role", "")
    role = role if role in office_selectors.ROLE_GROUPS else ""
    standing = request.GET.get("standing", "")
    standing = standing if standing in rules.Standing.values else ""
    rows = office_selectors.filtered(everything, role=role, standing=standing)
    if request.GET.get("export") == "xlsx":
        return _export(campaign, rows, standing=standing, today=today)
    counts = selectors.outstanding_counts(everything)
    export_query = request.GET.copy()
    export_query["export"] = "xlsx"
    return _render(
        request,
        "index.html",
        title=AREA,
        sublabel=campaign.title,
        buttons=[
            HeaderButton("导出Excel", url=f"?{export_query.urlencode()}", icon_name="download"),
            HeaderButton(
                "报送事项", url=reverse("wagtailsnippets_filings_filingkind:list"), icon_name="list-ul"
            ),
        ],
        campaign=campaign,
        today=today,
        groups=office_selectors.grouped(rows),
        outstanding=sum(n for s, n in counts.items() if s in rules.OUTSTANDING),
        late=counts.get(rules.Standing.LATE, 0),
        awaiting=counts.get(rules.Standing.SUBMITTED, 0),
        role=role,
        standing=standing,
        roles=list(office_selectors.ROLE_GROUPS.items()),
        standings=rules.Standing.choices,
    )


def _export(campaign, rows, *, standing: str, today) -> HttpResponse:
    wb = Workbook(write_only=True)
    ws = titled_sheet(
        wb,
        name="报送情况",
        title=f"{campaign.title}报送情况（{today:%Y-%m-%d}）",
        headers=EXPORT_HEADERS,
        widths=EXPORT_WIDTHS,
    )
    for row in rows:
        for cell in row.cells:
            if standing and cell.standing != standing:
                continue
            submitted = cell.filing.submitted_at if cell.filing else None
            ws.append(
                [
                    neutralise(row.unit.name),
                    office_selectors.ROLE_GROUPS[row.role],
                    neutralise(cell.kind.name),
                    cell.due_on.strftime("%Y-%m-%d") if cell.due_on else "",
                    cell.extended_until.strftime("%Y-%m-%d") if cell.extended_until else "",
                    cell.standing_label,
                    timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M") if submitted else "",
                ]
            )
    response = HttpResponse(workbook_bytes(wb), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="filings-{today:%Y%m%d}.xlsx"'
    return response


@require_GET
@office_only
def detail(request, pk: int):
    filing = office_selectors.filing_for_office(user=request.user, pk=pk)
    actions = [
        move
        for move in OFFICE_MOVES.values()
        if move.source == filing.state and (not move.approval_only or filing.kind.needs_approval)
    ]
    return _render(
        request,
        "detail.html",
        title=filing.title,
        sublabel=f"{filing.unit.name} · {filing.kind.name}",
        filing=filing,
        files=list(filing.files.all()),
        events=list(filing.events.select_related("actor")),
        actions=actions,
        plan_page=SectorPlanPage.objects.filter(filing=filing).first(),
    )


@require_POST
@office_only
def transition(request, pk: int):
    filing = office_selectors.filing_for_office(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    move = OFFICE_MOVES.get(action)
    if move is None:
        messages.error(request, "未知的操作。")
        return redirect("filings_office:detail", filing.pk)
    try:
        services.filing_transition(
            filing=filing, action=action, actor=request.user, reason=request.POST.get("reason", "")
        )
    except (ValidationError, PermissionDenied) as exc:
        errors = exc.messages if isinstance(exc, ValidationError) else [str(exc) or "无权执行此操作。"]
        for error in errors:
            messages.error(request, error)
    else:
        messages.success(request, f"“{filing.title}”：{move.label}。")
    return redirect("filings_office:detail", filing.pk)


@require_GET
@office_only
def attachment(request, pk: int):
    """A filing's attachment, from private storage, for the office only."""
    row = office_selectors.filing_file_for_office(user=request.user, pk=pk)
    return stored_file_response(row.file, filename=row.original_name or row.file.name)

"""The workbench's spreadsheets: the county naming list (template, import), the
推荐汇总表 (export), and batch nominations (template, import).

Thin views: form → `nominations.imports` → redirect to the list with a message;
a bad file re-renders the page with every problem (sheet, row, column), nothing
written. Access is the workbench's (`views.common.workbench_for`): a county or a
lead department for its own unit; the city office only exports (403 on
templates and imports, which are per unit); no unit, or a department that leads
no sector, 403.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from campaigns.models import CampaignPage
from nominations import imports, selectors
from nominations.excel import (
    MAX_DEEDS,
    XLSX_CONTENT_TYPE,
    WorkbookError,
    export_filename,
    honours_for,
    summary_queryset,
    template_filename,
    template_title,
    write_nomination_template,
    write_summary_workbook,
    write_title_template,
)
from nominations.excel.common import honour_label
from nominations.filters import nomination_filter
from nominations.views.common import render, workbench_for
from portal.xlsx import format_size


class SpreadsheetUploadForm(forms.Form):
    """One xlsx file; its size is checked here, its content by the importer."""

    file = forms.FileField(
        label="Excel文件",
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
        error_messages={"required": "请选择要上传的Excel文件。", "empty": "文件是空的。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = settings.XLSX_MAX_UPLOAD_BYTES
        self.fields[
            "file"
        ].help_text = f"Excel工作簿（.xlsx），不超过{format_size(self.max_bytes)}；请使用本页下载的模板填写。"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                f"文件大小为{format_size(upload.size)}，超过上限{format_size(self.max_bytes)}。"
            )
        return upload


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        data,
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _unit_campaign(wb) -> CampaignPage | None:
    """The current campaign, if it is the unit's city's."""
    if wb.campaign is not None and wb.city is not None and wb.campaign.city_id != wb.city.pk:
        return None
    return wb.campaign


def _page(request, template: str, wb, **context):
    return render(
        request,
        template,
        wb,
        {"max_size": format_size(settings.XLSX_MAX_UPLOAD_BYTES), "max_deeds": MAX_DEEDS, **context},
    )


# --- the county (sector) naming list ------------------------------------------------------


@login_required
@require_GET
def title_template(request):
    wb = workbench_for(request, write=True)
    campaign = _unit_campaign(wb)
    year = campaign.year if campaign else timezone.localdate().year
    data = write_title_template(unit=wb.unit, year=year)
    return _xlsx(data, f"{template_title(wb.unit, year)}（导入模板）.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def title_import(request):
    wb = workbench_for(request, write=True)
    errors: list[str] = []
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.titles_import(data=form.cleaned_data["file"].read(), actor=request.user)
        except WorkbookError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                f"导入成功：登记{wb.title_level}命名{result.titles}项，新登记推荐对象{result.nominees_created}个，"
                f"沿用已登记的推荐对象{result.nominees_reused}个。",
            )
            return redirect("nominations:title_list")
    return _page(
        request,
        "nominations/title_import.html",
        wb,
        form=form,
        errors=errors,
        honours=[honour_label(h) for h in honours_for(wb.unit)],
    )


# --- the 推荐汇总表 ------------------------------------------------------------------------------


@login_required
@require_GET
def nomination_export(request):
    """The nominations on the list's screen (same scope, same GET filters), as the
    推荐汇总表. The office exports every unit's; a unit its own."""
    wb = workbench_for(request)
    filterset = nomination_filter(
        request.GET,
        selectors.nominations_visible_to(request.user),
        unit=wb.unit,
        campaign=wb.campaign,
        city=wb.city,
    )
    campaign = _export_campaign(filterset, wb)
    if campaign is None:
        raise Http404("目前没有正在进行的创建活动。")
    rows = summary_queryset(filterset.qs).iterator(chunk_size=2000)
    return _xlsx(write_summary_workbook(rows, campaign=campaign), export_filename(wb.unit, campaign))


def _export_campaign(filterset, wb) -> CampaignPage | None:
    """The campaign the title names: the one of the year filtered on, else the current one."""
    year = filterset.form.cleaned_data.get("year") if filterset.form.is_valid() else None
    if year and wb.city is not None and (wb.campaign is None or str(wb.campaign.year) != str(year)):
        chosen = CampaignPage.objects.filter(city=wb.city, year=year).select_related("city").first()
        if chosen is not None:
            return chosen
    return wb.campaign


@login_required
@require_GET
def nomination_template(request):
    wb = workbench_for(request, write=True)
    campaign = _unit_campaign(wb)
    if campaign is None:
        raise Http404("目前没有正在进行的创建活动。")
    return _xlsx(
        write_nomination_template(unit=wb.unit, campaign=campaign), template_filename(wb.unit, campaign)
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_import(request):
    wb = workbench_for(request, write=True)
    campaign = _unit_campaign(wb)
    errors: list[str] = []
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and campaign is not None and form.is_valid():
        try:
            result = imports.nominations_import(
                data=form.cleaned_data["file"].read(), actor=request.user, campaign=campaign
            )
        except WorkbookError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                f"导入成功：已创建{result.created}个推荐草稿。请逐个核对、补充事迹材料和附件后提交，"
                "提交时审查命名、名额和申报期限等资格。",
            )
            return redirect("nominations:nomination_list")
    return _page(
        request, "nominations/nomination_import.html", wb, form=form, errors=errors, campaign=campaign
    )

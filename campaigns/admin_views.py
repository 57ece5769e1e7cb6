"""The city office's 示范点分配表 screens in the Wagtail admin: import and export; and
「覆盖率与达标率」 with the counties' census (单位基数) as xlsx (at the end of this module).

Thin views: form → `campaigns.services.quotas_import` → redirect with a message.
Only the city office (`portal.rules.can_manage_quotas`) may use them; anyone
else with admin access gets 403 (Wagtail itself sends users without admin
access to the login page first).
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin import messages

from campaigns import services
from campaigns.excel import WorkbookError, write_quota_workbook
from campaigns.forms import XLSX_CONTENT_TYPE, QuotaImportForm
from campaigns.models import CampaignPage
from portal import rules
from portal.admin_views import office_only as admin_office_only
from portal.xlsx import format_size

app_name = "campaigns_quotas"


office_only = admin_office_only(rules.can_manage_quotas, what="示范点分配表")


def _campaigns(user):
    """The campaigns of the office's own city (a superuser sees every city's)."""
    campaigns = CampaignPage.objects.select_related("city").order_by("-year", "title")
    department = rules.actor_for(user).department
    if department is not None and not user.is_superuser:
        campaigns = campaigns.filter(city_id=department.city_id)
    return campaigns


@require_GET
@office_only
def quota_index(request):
    return TemplateResponse(
        request,
        "campaigns/admin/quota_index.html",
        {"campaigns": _campaigns(request.user), "max_size": format_size(settings.XLSX_MAX_UPLOAD_BYTES)},
    )


@require_http_methods(["GET", "POST"])
@office_only
def quota_import(request, campaign_id: int):
    campaign = get_object_or_404(_campaigns(request.user), pk=campaign_id)
    errors: list[str] = []
    form = QuotaImportForm(request.POST, request.FILES) if request.method == "POST" else QuotaImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.quotas_import(
                campaign=campaign, data=upload.read(), actor=request.user, source=f"上传：{upload.name}"
            )
        except WorkbookError as exc:
            errors = exc.messages
            messages.error(request, f"导入失败：文件有{len(errors)}处问题，名额未作任何修改。")
        else:
            messages.success(request, f"导入成功：{result.changed}项名额有变化，{result.unchanged}项未变。")
            return redirect("campaigns_quotas:import", campaign_id=campaign.pk)
    return TemplateResponse(
        request,
        "campaigns/admin/quota_import.html",
        {
            "campaign": campaign,
            "form": form,
            "errors": errors,
        },
    )


@require_GET
@office_only
def quota_export(request, campaign_id: int):
    campaign = get_object_or_404(_campaigns(request.user), pk=campaign_id)
    filename = f"{campaign.year}年度{campaign.city.name}示范点分配表.xlsx"
    return HttpResponse(
        write_quota_workbook(campaign=campaign),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


urlpatterns = [
    path("", quota_index, name="index"),
    path("<int:campaign_id>/import/", quota_import, name="import"),
    path("<int:campaign_id>/export/", quota_export, name="export"),
]


# 「覆盖率与达标率」 (campaigns/coverage.py): the report per brand × county and per sector,
# and the counties' census (单位基数) as xlsx. One campaign at a time, chosen with
# ?campaign=<id> among the office's city's campaigns (default: the newest).
coverage_only = admin_office_only(rules.is_city_office, what="覆盖率与达标率")


def coverage_campaigns(user):
    """The campaigns whose coverage `user` may see: the office's own city's."""
    return _campaigns(user)


def _coverage_campaign(request) -> tuple[CampaignPage, list[CampaignPage]]:
    campaigns = list(coverage_campaigns(request.user))
    if not campaigns:
        raise Http404("还没有创建活动。")
    wanted = request.POST.get("campaign") or request.GET.get("campaign")
    if wanted:
        chosen = next((c for c in campaigns if str(c.pk) == wanted), None)
        if chosen is None:
            raise Http404("没有这个创建活动。")
        return chosen, campaigns
    return campaigns[0], campaigns


class CensusImportForm(QuotaImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = format_size(self.max_bytes)
        self.fields["file"].label = "单位基数文件"
        self.fields["file"].help_text = f"Excel工作簿（.xlsx），不超过{limit}；工作表“单位基数”。"


@require_GET
@coverage_only
def coverage_index(request):
    from campaigns.coverage import coverage_report

    campaign, campaigns = _coverage_campaign(request)
    return TemplateResponse(
        request,
        "campaigns/admin/coverage.html",
        {"campaign": campaign, "campaigns": campaigns, "report": coverage_report(campaign=campaign)},
    )


@require_http_methods(["GET", "POST"])
@coverage_only
def census_import(request):
    from campaigns.census_services import census_import as import_census

    campaign, _ = _coverage_campaign(request)
    errors: list[str] = []
    form = CensusImportForm(request.POST, request.FILES) if request.method == "POST" else CensusImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_census(
                campaign=campaign, file=upload, actor=request.user, source=f"上传：{upload.name}"
            )
        except WorkbookError as exc:
            errors = exc.messages
            messages.error(request, f"导入失败：文件有{len(errors)}处问题，单位基数未作任何修改。")
        else:
            messages.success(
                request, f"导入成功：{result.changed}个县（区）的单位基数有变化，{result.unchanged}个未变。"
            )
            return redirect(f"{reverse('campaigns_coverage:index')}?campaign={campaign.pk}")
    return TemplateResponse(
        request,
        "campaigns/admin/coverage_census_import.html",
        {"campaign": campaign, "form": form, "errors": errors},
    )


@require_GET
@coverage_only
def census_export(request):
    from campaigns.excel.census import census_sheet_title, write_census_workbook

    campaign, _ = _coverage_campaign(request)
    filename = f"{census_sheet_title(campaign)}.xlsx"
    return HttpResponse(
        write_census_workbook(campaign=campaign),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


coverage_urlpatterns = [
    path("", coverage_index, name="index"),
    path("census/import/", census_import, name="census_import"),
    path("census.xlsx", census_export, name="census_export"),
]

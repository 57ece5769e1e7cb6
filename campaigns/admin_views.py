"""The city office's 示范点分配表 screens in the Wagtail admin: import and export.

Thin views: form → `campaigns.services.quotas_import` → redirect with a message.
Only the city office (`portal.rules.can_manage_quotas`) may use them; anyone
else with admin access gets 403 (Wagtail itself sends users without admin
access to the login page first).
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
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

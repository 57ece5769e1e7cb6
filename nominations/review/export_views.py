"""The office's background exports in the review board (推荐评审): start one, watch its
progress, download the file. Thin views over `nominations.exports`; a job is visible
only to the city office of its campaign's city (404 for another city's office, 403
for anyone who is not the office)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin import messages

from campaigns.selectors import campaign_current_for
from nominations import exports
from nominations.models import ExportJob
from portal import rules as portal_rules
from portal.admin_views import office_only as admin_office_only
from portal.downloads import stored_file_response
from portal.xlsx import XLSX_CONTENT_TYPE

office_only = admin_office_only(portal_rules.is_city_office, what="推荐评审")


@require_POST
@office_only
def export_create(request):
    campaign = campaign_current_for(request.user)
    if campaign is None:
        raise Http404("目前没有正在进行的创建活动。")
    filters = {k: request.POST.get(k) for k in exports.FILTER_FIELDS if request.POST.get(k)}
    try:
        job = exports.export_request(actor=request.user, campaign=campaign, filters=filters)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(reverse("nominations_review:board"))
    return redirect(reverse("nominations_review:export_detail", args=[job.pk]))


@require_GET
@office_only
def export_detail(request, pk: int):
    job = get_object_or_404(exports.export_jobs_visible_to(request.user), pk=pk)
    return TemplateResponse(request, "nominations/admin/export_detail.html", {"job": job})


@require_GET
@office_only
def export_file(request, pk: int):
    job = get_object_or_404(exports.export_jobs_visible_to(request.user), pk=pk)
    if job.state != ExportJob.State.DONE or not job.file:
        raise Http404("文件尚未生成。")
    return stored_file_response(
        job.file,
        filename=exports.export_download_name(job),
        cache_control="private, no-store",
        content_type=XLSX_CONTENT_TYPE,
    )

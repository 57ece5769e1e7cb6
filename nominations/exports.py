"""Exports too long for a request: the city office's 推荐汇总表 of a whole campaign,
written by a background task (`nominations.tasks.export_run`) into private storage
while the office watches its progress (`ExportJob.done_rows` of `total`).

`summary_export_write` is the plain function underneath (the benchmark calls it):
it streams the rows out of the database (`values_list(...).iterator()`) into an
openpyxl write-only workbook on disk, so memory stays flat however long the list.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from campaigns.models import CampaignPage
from nominations.excel.summary import CHUNK, export_filename, summary_rows, summary_write
from nominations.models import ExportJob, Nomination
from portal import rules as portal_rules

logger = logging.getLogger(__name__)

FILTER_FIELDS = ("brand", "sector", "county", "department", "state", "q")


def summary_export_write(
    *,
    campaign: CampaignPage,
    path: str | os.PathLike,
    nominations: QuerySet | None = None,
    progress: Callable[[int], object] | None = None,
    every: int = CHUNK,
) -> int:
    """Write the 推荐汇总表 of `nominations` (default: every nomination of `campaign`)
    to the file `path`. `progress(rows_written)` is called every `every` rows and at
    the end. Returns the number of rows."""
    if nominations is None:
        nominations = Nomination.objects.filter(campaign=campaign)
    return summary_write(
        summary_rows(nominations), campaign=campaign, target=path, progress=progress, every=every
    )


# --- who may see a job ---------------------------------------------------------------------


def export_allowed(actor: AbstractBaseUser, campaign: CampaignPage) -> bool:
    """The city office of the campaign's own city (a superuser: any city)."""
    if not portal_rules.is_city_office(actor):
        return False
    if actor.is_superuser:
        return True
    department = portal_rules.actor_for(actor).department
    return department is not None and department.city_id == campaign.city_id


def export_jobs_visible_to(actor: AbstractBaseUser) -> QuerySet[ExportJob]:
    """The jobs of the office's own city; none for anyone else."""
    jobs = ExportJob.objects.select_related("campaign", "campaign__city", "requested_by")
    if not portal_rules.is_city_office(actor):
        return jobs.none()
    if actor.is_superuser:
        return jobs
    department = portal_rules.actor_for(actor).department
    return jobs.filter(campaign__city_id=department.city_id)


# --- the job -------------------------------------------------------------------------------


def _clean_filters(filters: dict | None, campaign: CampaignPage) -> dict:
    from nominations.review.filters import ReviewFilter

    data = {k: str(v) for k, v in (filters or {}).items() if k in FILTER_FIELDS and v not in (None, "")}
    if data:
        filterset = ReviewFilter(data, Nomination.objects.none(), city=campaign.city)
        if not filterset.form.is_valid():
            raise ValidationError("筛选条件无效，请重新选择。")
    return data


def export_nominations(job: ExportJob) -> QuerySet[Nomination]:
    """What a job exports: the campaign's nominations, narrowed by its filters (the review
    board's)."""
    from nominations.review.filters import ReviewFilter

    nominations = Nomination.objects.filter(campaign=job.campaign)
    if job.filters:
        nominations = ReviewFilter(job.filters, nominations, city=job.campaign.city).qs
    return nominations


def export_request(
    *, actor: AbstractBaseUser, campaign: CampaignPage, filters: dict | None = None
) -> ExportJob:
    """Queue the 推荐汇总表 of `campaign` (optionally filtered like the review board) as a
    background job; only the city office of the campaign's city. The task starts once
    the transaction commits."""
    from nominations.tasks import export_run

    if not export_allowed(actor, campaign):
        raise PermissionDenied("只有市综治办可以导出全部推荐。")
    job = ExportJob.objects.create(
        requested_by=actor,
        campaign=campaign,
        kind=ExportJob.Kind.SUMMARY,
        filters=_clean_filters(filters, campaign),
    )
    transaction.on_commit(partial(export_run.enqueue, job_id=job.pk))
    return job


def export_job_run(job_id: int) -> ExportJob:
    """Write a queued job's file (what the task does). Progress is saved every CHUNK rows
    with a one-column UPDATE; a failure is recorded on the job (state failed, error),
    not raised."""
    job = ExportJob.objects.select_related("campaign", "campaign__city").get(pk=job_id)
    if job.state != ExportJob.State.QUEUED:
        return job  # run once (a retried task finds it running or finished)
    jobs = ExportJob.objects.filter(pk=job.pk)
    path = None
    try:
        nominations = export_nominations(job)
        job.total = nominations.count()
        job.state = ExportJob.State.RUNNING
        jobs.update(state=job.state, total=job.total)
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        rows = summary_export_write(
            campaign=job.campaign,
            path=path,
            nominations=nominations,
            progress=lambda n: jobs.update(done_rows=n),
        )
        with open(path, "rb") as stream:
            job.file.save(f"summary-{job.campaign.year}-{job.pk}.xlsx", File(stream), save=False)
        job.done_rows = rows
        job.total = max(job.total, rows)
        job.state = ExportJob.State.DONE
    except Exception as exc:  # recorded for the office; the worker keeps going
        logger.exception("export job %s failed", job.pk)
        job.state = ExportJob.State.FAILED
        job.error = f"导出失败：{exc}"[:2000]
    finally:
        if path is not None and os.path.exists(path):
            os.unlink(path)
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "total", "done_rows", "file", "error", "finished_at"])
    return job


def export_download_name(job: ExportJob) -> str:
    return export_filename(None, job.campaign)

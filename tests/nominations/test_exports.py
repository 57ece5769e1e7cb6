"""The office's background export of the 推荐汇总表 (nominations.exports): the job runs
(ImmediateBackend), reports progress up to its total, and its file is the same sheet the
workbench's synchronous export writes; only the office of the campaign's city sees it."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from nominations import exports
from nominations.excel import summary_queryset, write_summary_workbook
from nominations.models import ExportJob, Nomination
from portal.models import Department
from tests.factories import CityFactory, DepartmentFactory

pytestmark = pytest.mark.django_db

BOARD = reverse("nominations_review:board")
CREATE = reverse("nominations_review:export_create")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def office(users):
    return users["office"]


def _detail(job):
    return reverse("nominations_review:export_detail", args=[job.pk])


def _file(job):
    return reverse("nominations_review:export_file", args=[job.pk])


def _cells(data: bytes) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["推荐汇总表"]
    return [[c.value for c in row] for row in ws.iter_rows()]


def _run(client, on_commit) -> ExportJob:
    with on_commit(execute=True):
        response = client.post(CREATE)
    job = ExportJob.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == _detail(job)
    job.refresh_from_db()
    return job


def test_office_exports_everything_in_the_background(client, demo, office, on_commit):
    client.force_login(office)
    assert "导出全部（后台）" in client.get(BOARD).content.decode()
    job = _run(client, on_commit)
    total = Nomination.objects.filter(campaign=demo).count()
    assert (job.state, job.total, job.done_rows, job.requested_by, job.campaign) == (
        "done",
        total,
        total,
        office,
        demo,
    )
    assert job.finished_at is not None and job.error == ""
    page = client.get(_detail(job)).content.decode()
    assert "已完成" in page and _file(job) in page and 'http-equiv="refresh"' not in page
    response = client.get(_file(job))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = b"".join(response.streaming_content)
    rows = _cells(data)
    assert len(rows) == total + 2
    # The same sheet as the workbench's synchronous export of the same nominations.
    same = write_summary_workbook(
        summary_queryset(Nomination.objects.filter(campaign=demo)).iterator(), campaign=demo
    )
    assert rows == _cells(same)


def test_layout_identical_to_the_synchronous_export(demo, tmp_path):
    nominations = Nomination.objects.filter(campaign=demo, county__name="商州区")
    path = tmp_path / "summary.xlsx"
    seen = []
    rows = exports.summary_export_write(
        campaign=demo, path=path, nominations=nominations, progress=seen.append, every=2
    )
    assert rows == nominations.count() > 2
    assert seen[:2] == [2, 4] and seen[-1] == rows
    data = path.read_bytes()
    expected = write_summary_workbook(summary_queryset(nominations).iterator(), campaign=demo)
    assert _cells(data) == _cells(expected)
    for made in (data, expected):
        ws = openpyxl.load_workbook(io.BytesIO(made))["推荐汇总表"]
        assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}
        assert (ws["A2"].font.b, ws["H3"].number_format) == (True, "yyyy-mm-dd")
        submitted = next(r for r in ws.iter_rows(min_row=3) if r[9].value is not None)
        assert submitted[9].number_format == "yyyy-mm-dd hh:mm"
    # A queryset passed to the bytes API takes the same (values) path.
    assert _cells(write_summary_workbook(nominations, campaign=demo)) == _cells(expected)


def test_progress_is_saved_while_running(demo, office, monkeypatch):
    seen = []
    real = exports.summary_export_write

    def spy(**kwargs):
        progress = kwargs.pop("progress")

        def watch(n):
            progress(n)
            seen.append(ExportJob.objects.values_list("state", "done_rows").get())

        return real(progress=watch, every=5, **kwargs)

    monkeypatch.setattr(exports, "summary_export_write", spy)
    job = ExportJob.objects.create(requested_by=office, campaign=demo)
    job = exports.export_job_run(job.pk)
    total = Nomination.objects.filter(campaign=demo).count()
    assert seen[0] == ("running", 5)
    assert seen[-1] == ("running", total)
    assert (job.state, job.done_rows, job.total) == ("done", total, total)


def test_filters_narrow_the_export(demo, office, on_commit):
    shangzhou = demo.city.children.get(name="商州区")
    with on_commit(execute=True):
        job = exports.export_request(actor=office, campaign=demo, filters={"county": shangzhou.pk, "page": 3})
    job.refresh_from_db()
    assert job.filters == {"county": str(shangzhou.pk)}
    assert job.total == Nomination.objects.filter(campaign=demo, county=shangzhou).count() > 0
    with job.file.open("rb") as stream:
        assert {r[1] for r in _cells(stream.read())[2:]} == {"商州区"}


def test_a_failed_job_records_its_error(client, demo, office, monkeypatch, on_commit):
    def broken(**kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr(exports, "summary_export_write", broken)
    client.force_login(office)
    job = _run(client, on_commit)
    assert job.state == "failed" and "磁盘已满" in job.error and job.finished_at is not None
    assert not job.file
    page = client.get(_detail(job)).content.decode()
    assert "失败" in page and "磁盘已满" in page
    assert client.get(_file(job)).status_code == 404


def test_a_running_job_page_refreshes_itself(client, demo, office):
    job = ExportJob.objects.create(requested_by=office, campaign=demo, state="running", total=10, done_rows=4)
    client.force_login(office)
    page = client.get(_detail(job)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'value="40"' in page and "4 / 10" in page
    assert client.get(_file(job)).status_code == 404  # not written yet
    assert 'style="' not in page.split('class="nice-padding"', 1)[1]  # CSP: no inline CSS


@pytest.mark.parametrize("username", ["shangzhou", "jiaoyu"])
def test_units_get_403(client, demo, users, username, on_commit):
    job = ExportJob.objects.create(requested_by=users["office"], campaign=demo, state="done")
    # With admin access (Wagtail sends anyone without it to the login page first).
    users[username].user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(users[username])
    for url in (_detail(job), _file(job)):
        assert client.get(url).status_code == 403
    assert client.post(CREATE).status_code == 403
    with pytest.raises(PermissionDenied):
        exports.export_request(actor=users[username], campaign=demo, filters={})
    assert ExportJob.objects.count() == 1


def test_another_citys_office_gets_404(client, demo, users, on_commit):
    with on_commit(execute=True):
        job = exports.export_request(actor=users["office"], campaign=demo, filters={})
    other = DepartmentFactory(city=CityFactory(), kind=Department.Kind.OFFICE)
    stranger = User.objects.create_user("other-office")
    stranger.groups.add(other.group)
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    for url in (_detail(job), _file(job)):
        assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        exports.export_request(actor=stranger, campaign=demo, filters={})


def test_anonymous_goes_to_login(client, demo, users):
    job = ExportJob.objects.create(requested_by=users["office"], campaign=demo)
    for url in (_detail(job), _file(job)):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]

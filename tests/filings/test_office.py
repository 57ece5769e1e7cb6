"""The office's 报送备案 in the Wagtail admin (filings/office/): the tracker (standings,
filters, outstanding count, xlsx export, fixed queries), a filing's page with its moves and
attachments, office-only access, and the kinds as snippets."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from filings import services
from filings.enums import FilingState
from filings.models import Filing, FilingKind
from nominations import services as nomination_services
from portal.models import Jurisdiction

pytestmark = pytest.mark.django_db

INDEX = reverse("filings_office:index")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def office(demo):
    return User.objects.get(username="office")


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def admin_only():
    """Someone with access to the Wagtail admin who is not the city office."""
    user = User.objects.create_user("admin_only", password="x")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def _messages(response) -> list[str]:
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def _cell(response, unit_slug: str, key: str = "plan"):
    for group in response.context["groups"]:
        for row in group["rows"]:
            if row.unit.slug == unit_slug:
                return next(c for c in row.cells if c.kind.key == key)
    return None


def _submitted(demo, role: str) -> Filing:
    return Filing.objects.filter(campaign=demo, kind__role=role, state=FilingState.SUBMITTED).first()


def test_the_tracker_shows_late_filed_and_extended_today(office_client, demo, office):
    zhenan = Jurisdiction.objects.get(slug="zhenan", level="county")
    nomination_services.extension_grant(
        campaign=demo,
        unit=zhenan,
        milestone_key="plan",
        until=timezone.localdate() + datetime.timedelta(days=10),
        reason="延期",
        actor=office,
    )
    response = office_client.get(INDEX)
    assert response.status_code == 200
    assert _cell(response, "zhashui").standing == "late"  # 2018 due date, never filed
    assert _cell(response, "zhenan").standing == "extended"
    accepted = _cell(response, "shangzhou")
    assert accepted.standing == "accepted"
    assert _cell(response, "jiaoyu").standing == "issued"
    assert _cell(response, "weiji").standing == "returned"
    html = response.content.decode()
    assert [g["label"] for g in response.context["groups"]] == ["县（区）", "市级主责部门", "市级其他部门"]
    detail_url = reverse("filings_office:detail", args=[accepted.filing.pk])
    assert f'href="{detail_url}"' in html
    assert re.search(r'class="w-status w-status--label w-bg-critical-50[^"]*"[^>]*>\s*逾期未报', html)
    outstanding = response.context["outstanding"]
    assert outstanding > 0 and f'data-outstanding="{outstanding}"' in html


def test_the_tracker_filters_by_role_and_standing(office_client, demo):
    response = office_client.get(INDEX, {"role": "county", "standing": "extended"})
    rows = [row for group in response.context["groups"] for row in group["rows"]]
    assert [row.unit.slug for row in rows] == ["shanyang"]
    response = office_client.get(INDEX, {"role": "lead"})
    assert {g["role"] for g in response.context["groups"]} == {"lead"}
    response = office_client.get(INDEX, {"standing": "no-such"})  # ignored
    assert len(response.context["groups"]) == 3


def test_the_tracker_exports_xlsx(office_client, demo):
    response = office_client.get(INDEX, {"role": "county", "export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[1]) == ["单位", "对象", "报送事项", "截止日期", "延期至", "状态", "报送时间"]
    zhashui = Jurisdiction.objects.get(slug="zhashui", level="county").name
    plan = FilingKind.objects.get(campaign=demo, role="county", key="plan").name
    row = next(r for r in rows[2:] if r[0] == zhashui and r[2] == plan)
    assert row[1:] == ("县（区）", plan, "2018-03-20", None, "逾期未报", None)
    assert {r[1] for r in rows[2:]} == {"县（区）"}


def test_the_tracker_runs_the_same_queries_with_more_filings(office_client, demo, office):
    with CaptureQueriesContext(connection) as before:
        office_client.get(INDEX)
    for slug in ("zhenan", "zhashui"):
        county = Jurisdiction.objects.get(slug=slug, level="county")
        services.filing_save(
            filing=Filing(
                kind=FilingKind.objects.get(campaign=demo, role="county", key="summary"), title="总结"
            ),
            actor=User.objects.get(username=slug),
        )
        nomination_services.extension_grant(
            campaign=demo,
            unit=county,
            milestone_key="summary",
            until=timezone.localdate(),
            reason="延期",
            actor=office,
        )
    with CaptureQueriesContext(connection) as after:
        response = office_client.get(INDEX)
    assert _cell(response, "zhenan", "summary").standing == "extended"
    assert len(after.captured_queries) == len(before.captured_queries)


def test_accept_through_the_detail_page_logs_the_event(office_client, demo):
    filing = _submitted(demo, "other")
    url = reverse("filings_office:detail", args=[filing.pk])
    page = office_client.get(url).content.decode()
    assert "审核通过" in page and "退回修改" in page and "印发" not in page
    response = office_client.post(
        reverse("filings_office:transition", args=[filing.pk]), {"action": "accept"}
    )
    assert response.status_code == 302 and response["Location"] == url
    filing.refresh_from_db()
    assert filing.state == FilingState.ACCEPTED
    event = filing.events.last()
    assert (event.from_state, event.to_state, event.actor.username) == ("submitted", "accepted", "office")
    assert "审核通过" in office_client.get(url).content.decode()  # the timeline


def test_return_needs_comments(office_client, demo):
    filing = _submitted(demo, "lead")
    transition = reverse("filings_office:transition", args=[filing.pk])
    response = office_client.post(transition, {"action": "return", "reason": "  "})
    assert "请填写退回意见。" in _messages(response)
    filing.refresh_from_db()
    assert filing.state == FilingState.SUBMITTED
    office_client.post(transition, {"action": "return", "reason": "请补充考核指标。"})
    filing.refresh_from_db()
    assert filing.state == FilingState.RETURNED
    assert filing.events.last().reason == "请补充考核指标。"


def test_issue_a_sector_plan_but_not_a_county_plan(office_client, demo):
    plan = _submitted(demo, "lead")
    transition = reverse("filings_office:transition", args=[plan.pk])
    office_client.post(transition, {"action": "accept"})
    assert "印发" in office_client.get(reverse("filings_office:detail", args=[plan.pk])).content.decode()
    office_client.post(transition, {"action": "issue"})
    plan.refresh_from_db()
    assert plan.state == FilingState.ISSUED
    assert [e.to_state for e in plan.events.all()][-2:] == ["accepted", "issued"]
    county_plan = Filing.objects.get(campaign=demo, county__slug="shangzhou", kind__key="plan")
    response = office_client.post(
        reverse("filings_office:transition", args=[county_plan.pk]), {"action": "issue"}
    )
    assert any("不能执行此操作" in m for m in _messages(response))
    county_plan.refresh_from_db()
    assert county_plan.state == FilingState.ACCEPTED


def test_attachments_download_for_the_office(office_client, client, demo, admin_only):
    user = User.objects.get(username="zhenan")
    filing = services.filing_save(
        filing=Filing(kind=FilingKind.objects.get(campaign=demo, role="county", key="plan"), title="方案"),
        actor=user,
    )
    (row,) = services.filing_files_add(
        filing=filing, files=[SimpleUploadedFile("方案.pdf", b"%PDF-1.4 plan")], actor=user
    )
    url = reverse("filings_office:attachment", args=[row.pk])
    assert url in office_client.get(reverse("filings_office:detail", args=[filing.pk])).content.decode()
    response = office_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"
    client.force_login(admin_only)
    assert client.get(url).status_code == 403


def test_only_the_office_may_open_it(client, demo, admin_only, office):
    filing = _submitted(demo, "other")
    client.force_login(admin_only)
    for url in (
        INDEX,
        INDEX + "?export=xlsx",
        reverse("filings_office:detail", args=[filing.pk]),
    ):
        assert client.get(url).status_code == 403, url
    transition = reverse("filings_office:transition", args=[filing.pk])
    assert client.post(transition, {"action": "accept"}).status_code == 403
    filing.refresh_from_db()
    assert filing.state == FilingState.SUBMITTED
    assert INDEX not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(office)
    assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_office_adds_kinds_as_snippets_but_does_not_delete_them(office_client, office):
    assert office.has_perm("filings.add_filingkind") and office.has_perm("filings.change_filingkind")
    assert not office.has_perm("filings.delete_filingkind")
    assert office_client.get(reverse("wagtailsnippets_filings_filingkind:add")).status_code == 200
    kind = FilingKind.objects.first()
    assert office_client.get(
        reverse("wagtailsnippets_filings_filingkind:delete", args=[kind.pk])
    ).status_code in (
        302,
        403,
    )

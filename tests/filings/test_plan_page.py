"""Issuing (印发) a sector plan (DOMAIN.md §5): the `issue` move publishes the plan as a
public page under its sector page (filings/publishing.py), with its attachments downloadable
from it, names a 自定品牌 sector after the department's brand, and is refused, saving
nothing, where there is no sector page. The page stays public: the Wagtail admin refuses to
delete, unpublish, copy or move it, and nobody creates one by hand."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from campaigns.models import Sector, SectorPage
from filings import services
from filings.enums import FilingState
from filings.models import Filing, FilingKind
from filings.pages import SectorPlanPage

pytestmark = pytest.mark.django_db

FILED_ON = datetime.date(2018, 3, 15)  # before the lead departments' plan is due (03-31)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def users(demo):
    names = ["office", "jiaotong", "gongxin", "sifa", "zhenan"]
    return {u.username: u for u in User.objects.filter(username__in=names)}


@pytest.fixture
def office_client(client, users):
    client.force_login(users["office"])
    return client


def _plan(demo, username: str) -> Filing:
    return Filing.objects.get(campaign=demo, department__slug=username, kind__key="plan")


def _corrected(filing: Filing, users, *, brand_name: str | None = None, files=()) -> Filing:
    """The demo's submitted plan, returned, corrected (brand name, attachments) and
    submitted again, then accepted: ready to be issued."""
    owner = User.objects.get(username=filing.department.slug)
    services.filing_return(filing=filing, actor=users["office"], reason="请补充附件。")
    if brand_name is not None:
        filing.brand_name = brand_name
        services.filing_save(filing=filing, actor=owner)
    services.filing_files_add(filing=filing, files=list(files), actor=owner)
    services.filing_submit(filing=filing, actor=owner, today=FILED_ON)
    return services.filing_accept(filing=filing, actor=users["office"])


def _issue(filing: Filing, users) -> SectorPlanPage:
    services.filing_transition(filing=filing, action="issue", actor=users["office"])
    return SectorPlanPage.objects.get(filing=filing)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _messages(response) -> list[str]:
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_the_demos_campus_plan_is_issued_with_its_page(client, demo):
    campus = SectorPage.objects.child_of(demo).get(sector__slug="campus")
    filing = _plan(demo, "jiaoyu")
    assert filing.state == FilingState.ISSUED
    page = SectorPlanPage.objects.get(filing=filing)
    assert page.live and page.get_parent().pk == campus.pk
    assert (page.title, page.brand_name, page.body) == (filing.title, "平安校园", filing.body)
    html = client.get(campus.url).content.decode()
    assert "创建方案和创建标准（已印发）" in html and f'href="{page.url}"' in html
    assert "尚未印发" not in html


def test_issuing_publishes_the_plan_under_its_sector_page_with_its_files(client, demo, users):
    filing = _corrected(
        _plan(demo, "jiaotong"),
        users,
        brand_name="平安交通",
        files=[SimpleUploadedFile("交通方案.pdf", b"%PDF-1.4 transport")],
    )
    transport = SectorPage.objects.child_of(demo).get(sector__slug="transport")
    assert "尚未印发" in client.get(transport.url).content.decode()

    page = _issue(filing, users)
    filing.refresh_from_db()
    assert filing.state == FilingState.ISSUED
    assert page.live and page.get_parent().pk == transport.pk
    assert page.slug == "plan-2018" and page.url == f"{transport.url}plan-2018/"
    assert page.issued_on == timezone.localdate()
    assert page.brand_name == "平安交通" and page.body == filing.body
    assert page.owner == users["office"]
    assert page.latest_revision.user == users["office"]

    sector_html = client.get(transport.url).content.decode()
    assert page.url in sector_html and "尚未印发" not in sector_html

    response = client.get(page.url)  # anonymous
    html = response.content.decode()
    assert response.status_code == 200
    for text in [filing.title, "市交通局", "交通运输", "平安交通", "印发日期", "交通方案.pdf"]:
        assert text in html, text
    assert "牵头制定交通运输领域平安创建方案" in html  # the body

    (row,) = filing.files.all()
    file_url = f"{page.url}files/{row.pk}/"
    assert file_url in html
    response = client.get(file_url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert _body(response) == b"%PDF-1.4 transport"


def test_the_file_route_serves_only_the_plans_own_files(client, demo, users):
    page = SectorPlanPage.objects.get(filing=_plan(demo, "jiaoyu"))
    county_plan = services.filing_save(
        filing=Filing(kind=FilingKind.objects.get(campaign=demo, role="county", key="plan"), title="方案"),
        actor=users["zhenan"],
    )
    (private,) = services.filing_files_add(
        filing=county_plan, files=[SimpleUploadedFile("内部.pdf", b"secret")], actor=users["zhenan"]
    )
    assert client.get(f"{page.url}files/{private.pk}/").status_code == 404
    assert client.get(f"{page.url}files/999999/").status_code == 404


def test_a_custom_brand_sector_is_named_after_the_issued_plan(client, demo, users):
    sector = Sector.objects.get(city=demo.city, slug="transport")
    assert sector.brand_is_custom and sector.brand_label == "自定品牌"
    _issue(_corrected(_plan(demo, "jiaotong"), users, brand_name="平安交通"), users)
    sector.refresh_from_db()
    assert sector.brand_name == "平安交通" and sector.brand_label == "平安交通"
    response = client.get(demo.url)
    row = next(r for r in response.context["sector_table"].rows if r.unit.pk == sector.pk)
    assert row.unit.brand_label == "平安交通"
    assert "平安交通</td>" in response.content.decode()


def test_a_named_brand_stays_and_a_second_issued_kind_is_a_second_page(client, demo, users):
    # as in test_services: another kind the office approves (data, not code)
    FilingKind.objects.filter(campaign=demo, role="lead", key="summary").update(
        needs_approval=True, asks_brand_name=True
    )
    jiaoyu = User.objects.get(username="jiaoyu")
    summary = services.filing_save(
        filing=Filing(
            kind=FilingKind.objects.get(campaign=demo, role="lead", key="summary"),
            title="平安校园年度总结",
            body="<p>年度总结</p>",
            brand_name="平安学校",
        ),
        actor=jiaoyu,
    )
    services.filing_submit(filing=summary, actor=jiaoyu, today=datetime.date(2018, 11, 15))
    services.filing_accept(filing=summary, actor=users["office"])
    page = _issue(summary, users)
    campus = SectorPage.objects.child_of(demo).get(sector__slug="campus")
    assert page.slug == "summary-2018" and page.get_parent().pk == campus.pk
    assert Sector.objects.get(pk=campus.sector_id).brand_name == "平安校园"  # not a 自定品牌
    html = client.get(campus.url).content.decode()
    assert page.url in html and SectorPlanPage.objects.get(filing=_plan(demo, "jiaoyu")).url in html


def test_no_sector_page_no_issue_and_nothing_saved(demo, users):
    filing = _plan(demo, "gongxin")
    services.filing_accept(filing=filing, actor=users["office"])
    enterprise = SectorPage.objects.child_of(demo).get(sector__slug="enterprise")
    enterprise.unpublish()
    with pytest.raises(ValidationError) as info:
        services.filing_transition(filing=filing, action="issue", actor=users["office"])
    assert "市工信局" in str(info.value) and "领域页面" in str(info.value)
    filing.refresh_from_db()
    assert filing.state == FilingState.ACCEPTED
    assert filing.events.last().to_state == FilingState.ACCEPTED
    assert not SectorPlanPage.objects.filter(filing=filing).exists()
    assert Sector.objects.get(city=demo.city, slug="enterprise").brand_name == ""


def test_a_department_that_leads_no_sector_cannot_issue(demo, users):
    FilingKind.objects.filter(campaign=demo, role="other", key="plan").update(needs_approval=True)
    filing = _plan(demo, "sifa")
    services.filing_accept(filing=filing, actor=users["office"])
    with pytest.raises(ValidationError) as info:
        services.filing_transition(filing=filing, action="issue", actor=users["office"])
    assert "不是任何重点领域的主责部门" in str(info.value)
    filing.refresh_from_db()
    assert filing.state == FilingState.ACCEPTED


def test_the_office_detail_links_the_public_page_and_its_editor(office_client, demo):
    filing = _plan(demo, "jiaoyu")
    page = SectorPlanPage.objects.get(filing=filing)
    html = office_client.get(reverse("filings_office:detail", args=[filing.pk])).content.decode()
    assert page.url in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html


def test_the_office_edits_the_brand_in_the_editor_and_the_sector_follows(office_client, demo, users):
    page = _issue(_corrected(_plan(demo, "jiaotong"), users, brand_name="平安交通"), users)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = office_client.get(edit)
    assert response.status_code == 200
    assert reverse("filings_office:detail", args=[page.filing_id]) in response.content.decode()
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["brand_name"] = "平安交通运输"
    data["action-publish"] = "action-publish"
    response = office_client.post(edit, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.brand_name == "平安交通运输"
    assert Sector.objects.get(city=demo.city, slug="transport").brand_name == "平安交通运输"


def test_an_issued_plan_is_not_deleted_unpublished_copied_or_moved(office_client, demo):
    page = SectorPlanPage.objects.get(filing=_plan(demo, "jiaoyu"))
    sector_page = page.get_parent()
    for target in (page, sector_page, demo):
        response = office_client.post(reverse("wagtailadmin_pages:delete", args=[target.pk]))
        assert response.status_code == 302
        assert Page.objects.filter(pk=target.pk).exists()
        assert any("不能删除" in m for m in _messages(response))
    for target in (page, sector_page):
        response = office_client.post(reverse("wagtailadmin_pages:unpublish", args=[target.pk]))
        assert response.status_code == 302
        assert any("不能撤回发布" in m for m in _messages(response))
    page.refresh_from_db()
    assert page.live
    response = office_client.get(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    assert response.status_code == 302 and any("不能复制" in m for m in _messages(response))
    other = SectorPage.objects.child_of(demo).get(sector__slug="hospital")
    response = office_client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other.pk]))
    assert response.status_code == 302 and any("不能移动" in m for m in _messages(response))
    page.refresh_from_db()
    assert page.get_parent().pk == sector_page.pk

    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = office_client.post(f"{url}?id={page.pk}&next=/admin/")
    assert any("不能删除" in m for m in _messages(response))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    response = office_client.post(f"{url}?id={page.pk}&next=/admin/", {"include_descendants": ""})
    assert any("不能撤回发布" in m for m in _messages(response))
    page.refresh_from_db()
    assert page.live


def test_nobody_creates_a_plan_page_by_hand(office_client, demo):
    sector_page = SectorPage.objects.child_of(demo).get(sector__slug="hospital")
    choose = office_client.get(reverse("wagtailadmin_pages:add_subpage", args=[sector_page.pk]))
    assert "sectorplanpage" not in choose.content.decode().lower()
    add = reverse("wagtailadmin_pages:add", args=["filings", "sectorplanpage", sector_page.pk])
    assert office_client.get(add).status_code in (302, 403)

"""The workbench screens of nominees, titles, demo sites and nominations, through the
views: the happy path of a county, what another county and the office may do, the
eligibility shown before and refused at submission, and fixed query counts."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaigns.models import Brand, CountyQuota, Extension
from nominations import rules, services
from nominations.enums import State
from nominations.models import DemoSite, LocalTitle, Nomination, NominationEvent, NominationFile, Nominee
from portal.models import Jurisdiction
from portal.validators import make_id_number

from .conftest import make_title

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def login(client, user):
    client.force_login(user)
    return client


def texts(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def demo_sites_open(demo, shangzhou):
    services.extension_grant(
        campaign=demo,
        unit=shangzhou,
        milestone_key="demo_sites",
        until=timezone.localdate() + datetime.timedelta(days=30),
        reason="测试",
        actor=None,
    )


def village_of(county) -> Jurisdiction:
    """A village the demo has not named (it names the first few)."""
    return Jurisdiction.objects.filter(parent__parent=county, level="village").order_by("-pk").first()


def village_quota(page: str) -> tuple[int, int]:
    used, total = re.search(r"平安村（社区） 已用 (\d+) / 名额 (\d+)", page).groups()
    return int(used), int(total)


@pytest.fixture
def blank(demo):
    """The demo without its nominees, titles, demo sites and nominations."""
    NominationEvent.objects.all().delete()
    NominationFile.objects.all().delete()
    Nomination.objects.all().delete()
    DemoSite.objects.all().delete()
    LocalTitle.objects.all().delete()
    Nominee.objects.all().delete()
    return demo


# --- the happy path ----------------------------------------------------------------------


def test_a_county_names_nominates_and_submits_and_sees_its_quota_used(
    client, demo, users, shangzhou, open_phase
):
    login(client, users["shangzhou"])
    village = village_of(shangzhou)
    brand = Brand.objects.get(slug="village")

    dashboard = client.get(reverse("workbench"))
    used, total = village_quota(texts(dashboard))
    assert total == 30
    submitted_before = {v: n for v, _, n in dashboard.context["state_counts"]}["submitted"]

    response = client.post(
        reverse("nominations:nominee_create") + "?kind=collective",
        {"name": village.name, "collective_type": "村", "place": village.pk, "address": "村委会"},
    )
    nominee = Nominee.objects.get(name=village.name, county=shangzhou)
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:nominee_detail", args=[nominee.pk])
    assert (nominee.kind, nominee.place, nominee.created_by) == ("collective", village, users["shangzhou"])

    response = client.post(
        reverse("nominations:title_create"),
        {
            "nominee": nominee.pk,
            "brand": brand.pk,
            "year": 2018,
            "document_number": "商区发〔2018〕21号",
            "issuing_body": "中共商州区委、商州区人民政府",
            "named_on": "2018-11-10",
        },
    )
    assert response.status_code == 302
    title = LocalTitle.objects.get(nominee=nominee)
    assert (title.county, title.brand, title.year) == (shangzhou, brand, 2018)

    form = client.get(reverse("nominations:nomination_create"))
    assert f'value="{title.pk}"' in form.content.decode()
    assert "每张不超过" in texts(form)  # the upload limits are shown

    response = client.post(
        reverse("nominations:nomination_create"),
        {
            "title": title.pk,
            "deeds": "第一段<事迹>。\n\n第二段。",
            "photos": [upload("现场.png", png_bytes())],
            "documents": [upload("命名文件.pdf", PDF)],
        },
    )
    nomination = Nomination.objects.get(nominee=nominee)
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:nomination_detail", args=[nomination.pk])
    assert nomination.state == State.DRAFT
    assert nomination.deeds == "<p>第一段&lt;事迹&gt;。</p>\n\n<p>第二段。</p>"
    files = {f.kind: f for f in nomination.files.all()}
    assert files["photo"].original_name == "现场.png"
    assert files["document"].original_name == "命名文件.pdf"
    assert "现场" not in files["photo"].file.name  # stored under a random name

    detail = client.get(response["Location"])
    page = texts(detail)
    assert detail.context["eligible"] is True
    assert "名额尚有剩余" in page and f"名额 30，已用 {used}，剩余 {30 - used}" in page
    assert "第一段&lt;事迹&gt;。" in detail.content.decode()
    assert [m.action for m in detail.context["moves"]] == ["submit", "withdraw"]

    response = client.post(
        reverse("nominations:nomination_move", args=[nomination.pk, "submit"]), follow=True
    )
    nomination.refresh_from_db()
    assert nomination.state == State.SUBMITTED
    assert any("已提交" in m for m in messages_of(response))
    assert [m.action for m in response.context["moves"]] == ["withdraw"]

    dashboard = client.get(reverse("workbench"))
    assert village_quota(texts(dashboard)) == (used + 1, 30)
    states = {value: count for value, _, count in dashboard.context["state_counts"]}
    assert states["submitted"] == submitted_before + 1

    photo = client.get(reverse("nominations:nomination_file", args=[nomination.pk, files["photo"].pk]))
    assert photo.status_code == 200
    assert b"".join(photo.streaming_content) == png_bytes()
    assert photo["Content-Disposition"].startswith("inline")
    document = client.get(reverse("nominations:nomination_file", args=[nomination.pk, files["document"].pk]))
    assert document["Content-Disposition"].startswith("attachment")
    # read through, so the test client closes it without closing the database connection
    b"".join(document.streaming_content)


def test_the_dashboard_lists_nominations_by_state_with_links(client, users, blank, open_phase, draft):
    response = login(client, users["shangzhou"]).get(reverse("workbench"))
    assert response.status_code == 200
    link = reverse("nominations:nomination_list") + "?year=2018&amp;state=draft"
    assert link in response.content.decode()
    assert "县级命名名单" in texts(response)
    village = next(q for q in response.context["quota_uses"] if q.honour.slug == "village")
    assert (village.used, village.drafts, village.total) == (0, 1, 30)
    # 平安县（区） is decided by evaluation, not nominated
    assert "county" not in [q.honour.slug for q in response.context["quota_uses"]]


def test_a_lead_department_sees_its_sector_and_the_other_department_no_quota(client, users, demo):
    response = login(client, users["jiaoyu"]).get(reverse("workbench"))
    assert "领域命名名单" in texts(response)
    assert re.search(r"校园领域 · 平安校园 已用 \d+ / 名额 15", texts(response))
    response = login(client, users["sifa"]).get(reverse("workbench"))
    assert response.status_code == 200
    assert "没有市级推荐名额" in texts(response)
    assert reverse("nominations:nomination_list") not in response.content.decode()


def test_the_dashboard_notifies_the_offices_moves_on_own_nominations_only(client, users, demo):
    """The workbench's notifications: the office's latest moves with their reasons (the
    demo's office returned one of each county's nominations)."""
    from nominations.models import NominationEvent

    returned = NominationEvent.objects.filter(
        nomination__county__slug="shangzhou", to_state=State.RETURNED
    ).select_related("nomination__nominee")
    assert returned.exists()
    response = login(client, users["shangzhou"]).get(reverse("workbench"))
    page = texts(response)
    assert "市综治办最新处理" in page
    for event in returned:
        assert event.nomination.nominee.name in page
        assert event.reason in page
    events = response.context["office_updates"]
    assert events and all(e.nomination.county.slug == "shangzhou" for e in events)
    assert all(e.to_state not in (State.SUBMITTED, State.WITHDRAWN, State.DRAFT) for e in events)
    other = login(client, users["luonan"]).get(reverse("workbench"))
    assert all(e.nomination.nominee.name not in texts(other) for e in returned)


# --- another county, the office, other departments -----------------------------------------------


@pytest.fixture
def dossier(draft, users):
    """shangzhou's draft with a photo, and an individual nominee with an ID number."""
    services.nomination_update(nomination=draft, deeds="<p>事迹</p>", actor=users["shangzhou"])
    from nominations.services import nomination_files_add

    (photo,) = nomination_files_add(
        nomination=draft, photos=[upload("a.png", png_bytes())], documents=[], actor=users["shangzhou"]
    )
    return draft, photo


def object_urls(nomination, photo):
    nominee = nomination.nominee_id
    return [
        reverse("nominations:nominee_detail", args=[nominee]),
        reverse("nominations:nominee_edit", args=[nominee]),
        reverse("nominations:nomination_detail", args=[nomination.pk]),
        reverse("nominations:nomination_edit", args=[nomination.pk]),
        reverse("nominations:nomination_history", args=[nomination.pk]),
        reverse("nominations:nomination_move", args=[nomination.pk, "submit"]),
        reverse("nominations:nomination_file", args=[nomination.pk, photo.pk]),
    ]


def test_another_county_gets_404_everywhere_and_cannot_submit(client, users, dossier):
    nomination, photo = dossier
    login(client, users["luonan"])
    for url in object_urls(nomination, photo):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "name": "改名"}).status_code == 404, url
    nomination.refresh_from_db()
    assert nomination.state == State.DRAFT
    assert nomination.nominee.name == "测试村"
    assert list(NominationEvent.objects.filter(nomination=nomination).values_list("to_state", flat=True)) == [
        State.DRAFT
    ]
    # and its lists show nothing of shangzhou's
    for name in ("nominee_list", "title_list", "nomination_list", "demo_site_list"):
        response = client.get(reverse(f"nominations:{name}"))
        assert response.status_code == 200
        assert "测试村" not in texts(response), name


def test_the_office_reads_but_does_not_change(client, users, dossier):
    nomination, photo = dossier
    login(client, users["office"])
    for name in ("nominee_detail",):
        assert client.get(reverse(f"nominations:{name}", args=[nomination.nominee_id])).status_code == 200
    detail = client.get(reverse("nominations:nomination_detail", args=[nomination.pk]))
    assert detail.status_code == 200
    assert detail.context["moves"] == []
    assert "管理后台" in texts(detail)
    assert client.get(reverse("nominations:nomination_history", args=[nomination.pk])).status_code == 200
    served = client.get(reverse("nominations:nomination_file", args=[nomination.pk, photo.pk]))
    assert served.status_code == 200
    b"".join(served.streaming_content)  # consumed, the test client closes it safely
    assert "测试村" in texts(client.get(reverse("nominations:nomination_list")))
    assert client.get(reverse("nominations:nomination_edit", args=[nomination.pk])).status_code == 403
    assert client.get(reverse("nominations:nominee_edit", args=[nomination.nominee_id])).status_code == 403
    assert client.get(reverse("nominations:nomination_create")).status_code == 403
    move = reverse("nominations:nomination_move", args=[nomination.pk, "submit"])
    assert client.get(move).status_code == 405
    assert client.post(move).status_code == 403
    nomination.refresh_from_db()
    assert nomination.state == State.DRAFT


def test_office_moves_are_refused_on_the_workbench(client, users, dossier):
    nomination, _ = dossier
    services.nomination_submit(nomination=nomination, actor=users["shangzhou"])
    login(client, users["shangzhou"])
    response = client.post(reverse("nominations:nomination_move", args=[nomination.pk, "accept"]))
    assert response.status_code == 403
    assert Nomination.objects.get(pk=nomination.pk).state == State.SUBMITTED


@pytest.mark.parametrize(
    "name", ["nominee_list", "title_list", "demo_site_list", "nomination_list", "nominee_create"]
)
def test_a_department_without_a_sector_and_a_user_without_a_unit_get_403(client, users, demo, name):
    assert login(client, users["sifa"]).get(reverse(f"nominations:{name}")).status_code == 403
    nobody = User.objects.create_user("nobody", password="pingan2018")
    assert login(client, nobody).get(reverse(f"nominations:{name}")).status_code == 403
    client.logout()
    assert client.get(reverse(f"nominations:{name}")).status_code == 302


# --- eligibility and moves ----------------------------------------------------------------------


def test_no_quota_left_is_shown_before_and_refused_at_submission(client, demo, users, shangzhou, draft):
    used = rules.quota_used(draft)  # the demo's own submissions take places too
    CountyQuota.objects.filter(campaign=demo, county=shangzhou, brand=draft.brand).update(quota=used)
    login(client, users["shangzhou"])
    detail = client.get(reverse("nominations:nomination_detail", args=[draft.pk]))
    failed = [c for c in detail.context["checks"] if not c.ok]
    assert [c.code for c in failed] == ["quota"]
    assert f"名额 {used}，已用 {used}，剩余 0" in texts(detail)
    assert "暂不能提交" in texts(detail)

    response = client.post(reverse("nominations:nomination_move", args=[draft.pk, "submit"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("nominations:nomination_detail", args=[draft.pk])
    shown = messages_of(response)
    assert "未能提交：资格审查未通过。" in shown
    assert f"名额尚有剩余：名额 {used}，已用 {used}，剩余 0" in shown
    assert Nomination.objects.get(pk=draft.pk).state == State.DRAFT


def test_a_closed_phase_is_shown(client, demo, users):
    user = users["luonan"]
    Extension.objects.filter(county__name="洛南县").delete()  # the demo opens the phase for everyone
    title = make_title(user=user, name="洛南测试村", brand_slug="village")
    nomination = services.nomination_create(campaign=demo, title=title, deeds="<p>x</p>", actor=user)
    detail = login(client, user).get(reverse("nominations:nomination_detail", args=[nomination.pk]))
    assert "已于 2018-11-30 截止" in texts(detail)
    response = client.post(
        reverse("nominations:nomination_move", args=[nomination.pk, "submit"]), follow=True
    )
    assert "推荐申报期内：已于 2018-11-30 截止" in messages_of(response)


def test_withdrawing_a_submitted_nomination_needs_a_reason_shown_on_the_timeline(client, users, draft):
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    login(client, users["shangzhou"])
    url = reverse("nominations:nomination_move", args=[draft.pk, "withdraw"])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "请填写理由。" in messages_of(response)
    assert Nomination.objects.get(pk=draft.pk).state == State.SUBMITTED

    response = client.post(url, {"reason": "对象调整"}, follow=True)
    assert Nomination.objects.get(pk=draft.pk).state == State.WITHDRAWN
    history = client.get(reverse("nominations:nomination_history", args=[draft.pk]))
    page = texts(history)
    assert "已提交 → 已撤回" in page and "对象调整" in page


def test_the_offices_return_reason_is_on_the_timeline_and_the_draft_editable_again(client, users, draft):
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    services.nomination_return(nomination=draft, actor=users["office"], reason="请补充照片")
    login(client, users["shangzhou"])
    detail = client.get(reverse("nominations:nomination_detail", args=[draft.pk]))
    page = texts(detail)
    assert "已提交 → 已退回修改" in page and "请补充照片" in page and "市综治办" in page
    assert [m.label for m in detail.context["moves"]] == ["重新提交", "撤回"]

    edit = reverse("nominations:nomination_edit", args=[draft.pk])
    assert "事迹" in client.get(edit).context["form"].initial["deeds"]
    response = client.post(edit, {"deeds": "补充后的事迹", "photos": [upload("补充.png", png_bytes())]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.deeds == "<p>补充后的事迹</p>"
    assert draft.files.filter(kind=NominationFile.Kind.PHOTO).count() == 1


def test_a_submitted_nomination_cannot_be_edited(client, users, draft):
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    edit = reverse("nominations:nomination_edit", args=[draft.pk])
    assert login(client, users["shangzhou"]).get(edit).status_code == 403
    assert client.post(edit, {"deeds": "改"}).status_code == 403
    assert Nomination.objects.get(pk=draft.pk).deeds == "<p>事迹</p>"


def test_bad_uploads_are_refused_with_the_files_name(client, users, title):
    response = login(client, users["shangzhou"]).post(
        reverse("nominations:nomination_create"),
        {"title": title.pk, "deeds": "事迹", "photos": [upload("假照片.jpg", b"not an image")]},
    )
    assert response.status_code == 200
    assert "“假照片.jpg”：" in " ".join(response.context["form"].errors["photos"])
    assert not Nomination.objects.filter(title=title).exists()


def test_a_nominated_title_is_not_offered_again_and_a_duplicate_is_refused(client, users, draft):
    login(client, users["shangzhou"])
    form = client.get(reverse("nominations:nomination_create")).context["form"]
    assert draft.title not in form.fields["title"].queryset


# --- nominees, titles, demo sites ----------------------------------------------------------------


def test_personal_numbers_are_masked_except_on_the_owners_edit_form(client, users, demo):
    user = users["shangzhou"]
    number = make_id_number("611002", datetime.date(1980, 5, 6), 123)
    login(client, user)
    response = client.post(
        reverse("nominations:nominee_create") + "?kind=individual",
        {
            "name": "王网格",
            "gender": "male",
            "role": "网格员",
            "workplace": "城关街道",
            "mobile": "138 1234 5678",
            "id_number": number.lower(),
        },
    )
    assert response.status_code == 302
    nominee = Nominee.objects.get(name="王网格")
    assert (nominee.mobile, nominee.id_number) == ("13812345678", number)
    masked_number, masked_mobile = number[:4] + "*" * 10 + number[-4:], "138****5678"
    for url in (
        reverse("nominations:nominee_list"),
        reverse("nominations:nominee_detail", args=[nominee.pk]),
    ):
        page = client.get(url).content.decode()
        assert masked_number in page and masked_mobile in page
        assert number not in page and "13812345678" not in page
    edit = client.get(reverse("nominations:nominee_edit", args=[nominee.pk])).content.decode()
    assert number in edit and "13812345678" in edit
    office_page = login(client, users["office"]).get(reverse("nominations:nominee_list"), {"q": "王网格"})
    office_page = office_page.content.decode()
    assert number not in office_page and masked_number in office_page


def test_gender_must_match_the_id_number(client, users, demo):
    number = make_id_number("611002", datetime.date(1980, 5, 6), 124)  # even: female
    response = login(client, users["shangzhou"]).post(
        reverse("nominations:nominee_create") + "?kind=individual",
        {
            "name": "李某",
            "gender": "male",
            "role": "网格员",
            "workplace": "x",
            "mobile": "13812345678",
            "id_number": number,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["gender"] == ["性别与身份证号码不一致，请核对。"]


def test_a_county_picks_places_of_its_own_county_only(client, users, demo, shangzhou):
    other = Jurisdiction.objects.get(name="洛南县")
    login(client, users["shangzhou"])
    response = client.post(
        reverse("nominations:nominee_create") + "?kind=collective",
        {"name": "越界村", "collective_type": "村", "place": village_of(other).pk},
    )
    assert response.status_code == 200
    assert "place" in response.context["form"].errors
    assert not Nominee.objects.filter(name="越界村").exists()


def test_the_title_list_filters_by_year_and_brand(client, users, blank, open_phase):
    user = users["shangzhou"]
    make_title(user=user, name="甲村", brand_slug="village", year=2017)
    make_title(user=user, name="乙镇", brand_slug="town", year=2018)
    login(client, user)
    names = lambda r: [t.nominee.name for t in r.context["page_obj"]]  # noqa: E731
    assert sorted(names(client.get(reverse("nominations:title_list")))) == ["乙镇", "甲村"]
    assert names(client.get(reverse("nominations:title_list"), {"year": "2017"})) == ["甲村"]
    town = Brand.objects.get(slug="town")
    assert names(client.get(reverse("nominations:title_list"), {"brand": town.pk})) == ["乙镇"]
    page = client.get(reverse("nominations:title_list")).content.decode()
    assert reverse("nominations:title_template") in page and reverse("nominations:title_import") in page


def test_a_title_brand_must_fit_the_nominee_kind(client, users, demo):
    user = users["shangzhou"]
    nominee = services.nominee_save(nominee=Nominee(kind="family", name="张家"), actor=user)
    response = login(client, user).post(
        reverse("nominations:title_create"),
        {
            "nominee": nominee.pk,
            "brand": Brand.objects.get(slug="village").pk,
            "year": 2018,
            "document_number": "x",
            "issuing_body": "y",
            "named_on": "2018-11-01",
        },
    )
    assert response.status_code == 200
    assert "nominee" in response.context["form"].errors


def test_a_lead_department_records_a_sector_title(client, users, demo):
    user = users["jiaoyu"]
    nominee = services.nominee_save(nominee=Nominee(kind="collective", name="商洛中学"), actor=user)
    login(client, user)
    form = client.get(reverse("nominations:title_create")).context["form"]
    assert "brand" not in form.fields and [s.slug for s in form.fields["sector"].queryset] == ["campus"]
    response = client.post(
        reverse("nominations:title_create"),
        {
            "nominee": nominee.pk,
            "sector": form.fields["sector"].queryset[0].pk,
            "year": 2018,
            "document_number": "商教发〔2018〕3号",
            "issuing_body": "商洛市教育局",
            "named_on": "2018-11-01",
        },
    )
    assert response.status_code == 302
    assert LocalTitle.objects.get(nominee=nominee).department.name == "市教育局"


def test_demo_sites_are_filed_within_the_quota(client, demo, users, shangzhou, demo_sites_open):
    assert not DemoSite.objects.filter(county=shangzhou, brand__slug="street").exists()
    user = users["shangzhou"]
    brand = Brand.objects.get(slug="street")  # 商州区: 1 place
    first = services.nominee_save(nominee=Nominee(kind="collective", name="城关街道"), actor=user)
    second = services.nominee_save(nominee=Nominee(kind="collective", name="大赵峪街道"), actor=user)
    login(client, user)
    response = client.post(reverse("nominations:demo_site_create"), {"brand": brand.pk, "nominee": first.pk})
    assert response.status_code == 302
    assert DemoSite.objects.filter(county=shangzhou, brand=brand).count() == 1
    listing = client.get(reverse("nominations:demo_site_list"))
    assert "平安街道 已备案 1 / 名额 1" in texts(listing)

    response = client.post(reverse("nominations:demo_site_create"), {"brand": brand.pk, "nominee": second.pk})
    assert response.status_code == 200
    assert "“平安街道”示范点名额为1个，已备案1个，不能再增加。" in texts(response)


def test_demo_sites_after_the_deadline_are_refused(client, users, demo):
    user = users["shangzhou"]
    nominee = services.nominee_save(nominee=Nominee(kind="collective", name="某村"), actor=user)
    response = login(client, user).post(
        reverse("nominations:demo_site_create"),
        {"brand": Brand.objects.get(slug="village").pk, "nominee": nominee.pk},
    )
    assert response.status_code == 200
    assert "示范点备案已于 2018-03-20 截止。" in texts(response)


# --- lists: filters, export link, fixed query counts ----------------------------------------------


def test_the_nomination_list_filters_and_keeps_the_filter_on_the_export_link(client, users, blank, draft):
    user = users["shangzhou"]
    other = make_title(user=user, name="另一村", brand_slug="village")
    submitted = services.nomination_create(campaign=draft.campaign, title=other, deeds="", actor=user)
    services.nomination_submit(nomination=submitted, actor=user)
    login(client, user)
    response = client.get(reverse("nominations:nomination_list"), {"state": "submitted"})
    assert [n.pk for n in response.context["page_obj"]] == [submitted.pk]
    export = reverse("nominations:nomination_export") + "?state=submitted&amp;year=2018"
    assert export in response.content.decode()
    response = client.get(reverse("nominations:nomination_list"), {"q": "测试"})
    assert [n.pk for n in response.context["page_obj"]] == [draft.pk]
    response = client.get(reverse("nominations:nomination_list"), {"year": ""})  # 全部年度
    assert {n.pk for n in response.context["page_obj"]} == {draft.pk, submitted.pk}


def _make_rows(demo, user, count: int):
    """`count` more nominees, each with a title, a draft nomination and a demo site."""
    start = Nomination.objects.count()
    for i in range(start, start + count):
        title = make_title(user=user, name=f"批量村{i:02d}", brand_slug="village")
        services.nomination_create(campaign=demo, title=title, deeds="<p>x</p>", actor=user)
        DemoSite.objects.create(campaign=demo, brand=title.brand, nominee=title.nominee, county=title.county)


@pytest.mark.parametrize("name", ["nomination_list", "nominee_list", "title_list", "demo_site_list"])
@pytest.mark.parametrize("username", ["shangzhou", "office"])
def test_list_pages_run_a_fixed_number_of_queries(client, blank, users, open_phase, name, username):
    demo = blank
    login(client, users[username])
    url = reverse(f"nominations:{name}")
    counts = []
    for total in (1, 10):
        _make_rows(demo, users["shangzhou"], total - Nomination.objects.count())
        client.get(url)  # warm caches (site root, settings) outside the count
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Nomination.objects.count() == 10

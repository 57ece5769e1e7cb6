"""The office's 公示与表彰 in the Wagtail admin (honours/office/): who may open it, generating
a notice, settling objections, drafting the decision, the honours listing and 撤销."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from honours import services
from honours.calendar import next_working_day
from honours.enums import Finding
from honours.models import CommendationPage, Honour, NoticePage
from nominations.enums import State
from nominations.models import Nomination, NominationEvent

from .conftest import PAST_START
from .test_publish_hooks import messages_of, pending_objection, publish_via_admin

pytestmark = pytest.mark.django_db

INDEX = reverse("honours_office:index")
NOTICE_CREATE = reverse("honours_office:notice_create")
COMMENDATION_CREATE = reverse("honours_office:commendation_create")
HONOURS = reverse("honours_office:honours")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


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


def _objection_with_file(notice):
    entry = notice.entries.order_by("sort_order").first()
    return services.objection_file(
        entry=entry,
        name="王某",
        contact="13800000000",
        reasons="该对象所在村2018年发生过治安案件。",
        attachment=SimpleUploadedFile("情况说明.pdf", b"%PDF-1.4 evidence"),
        today=notice.ends_on,
    )


@pytest.fixture
def conferred(office, ended_notice):
    """The ended notice's decision, published (honours conferred), after an objection with
    a file was dismissed."""
    objection = _objection_with_file(ended_notice)
    services.objection_settle(
        objection=objection, finding=Finding.DISMISSED, reason="经核实不属实。", actor=office
    )
    page = services.commendation_create(
        notice=ended_notice,
        actor=office,
        document_number="商发〔2018〕20号",
        issued_on=datetime.date(2018, 12, 28),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )
    return services.commendation_publish(page=page, actor=office), objection


def _urls(conferred):
    page, objection = conferred
    honour = page.honours.first()
    return [
        ("get", INDEX),
        ("get", NOTICE_CREATE),
        ("post", NOTICE_CREATE),
        ("get", reverse("honours_office:objections", args=[page.notice_id])),
        ("post", reverse("honours_office:objection_settle", args=[objection.pk])),
        ("get", reverse("honours_office:objection_attachment", args=[objection.pk])),
        ("get", COMMENDATION_CREATE),
        ("post", COMMENDATION_CREATE),
        ("get", HONOURS),
        ("get", HONOURS + "?export=xlsx"),
        ("get", reverse("honours_office:honours_results")),
        ("get", reverse("honours_office:honour_revoke", args=[honour.pk])),
        ("post", reverse("honours_office:honour_revoke", args=[honour.pk])),
    ]


# --- access ----------------------------------------------------------------------------------


def test_every_url_is_the_office_s_only(client, office, admin_only, conferred):
    urls = _urls(conferred)
    # every URL of the area is in the list
    from honours.office.urls import urlpatterns

    assert len({u.split("?")[0] for _, u in urls}) == len(urlpatterns)
    for method, url in urls:
        client.force_login(admin_only)
        response = getattr(client, method)(url)
        assert response.status_code == 403, (method, url)
        assert "由市综治办办理" in response.content.decode()
        client.force_login(User.objects.get(username="shangzhou"))  # no admin access at all
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], (method, url)
        client.logout()
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], (method, url)
    # nothing changed
    page, objection = conferred
    assert not Honour.objects.filter(commendation=page, revoked_on__isnull=False).exists()
    client.force_login(office)
    for method, url in urls:
        if method == "get":
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            assert response.status_code == 200, url


def test_the_menu_item_is_the_office_s_only(client, office, admin_only):
    client.force_login(office)
    assert INDEX in client.get("/admin/").content.decode()
    client.force_login(admin_only)
    assert INDEX not in client.get("/admin/").content.decode()


# --- index and generating the notice -------------------------------------------------------------


def test_index_lists_the_campaign_s_notices_and_decisions(office_client, office, ended_notice):
    _objection_with_file(ended_notice)
    response = office_client.get(INDEX)
    assert response.status_code == 200
    [row] = response.context["notices"]
    assert (row, row.entry_count, row.pending, row.settled) == (ended_notice, 4, 1, 0)
    assert response.context["commendations"] == []
    assert "公示期满" in response.content.decode()


def test_notice_form_defaults(office_client, shortlisted):
    response = office_client.get(NOTICE_CREATE)
    form = response.context["form"]
    assert form["working_days"].value() == 5
    assert form["starts_on"].value() == next_working_day(timezone.localdate())
    assert response.context["awaiting"] == 4


@pytest.mark.parametrize(
    "data, field",
    [
        ({"working_days": "0"}, "working_days"),
        ({"working_days": "31"}, "working_days"),
        ({"starts_on": "2018-12-10"}, "starts_on"),
    ],
)
def test_notice_form_refuses(office_client, shortlisted, data, field):
    post = {"starts_on": next_working_day(timezone.localdate()).isoformat(), "working_days": "5", **data}
    response = office_client.post(NOTICE_CREATE, post)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not NoticePage.objects.exists()


def test_generating_the_notice_makes_a_draft_of_the_shortlisted(office_client, demo, shortlisted):
    starts_on = next_working_day(timezone.localdate() + datetime.timedelta(days=1))
    response = office_client.post(NOTICE_CREATE, {"starts_on": starts_on.isoformat(), "working_days": "6"})
    notice = NoticePage.objects.child_of(demo).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[notice.pk])
    assert not notice.live
    assert (notice.starts_on, notice.working_days) == (starts_on, 6)
    assert set(notice.entries.values_list("nomination_id", flat=True)) == {n.pk for n in shortlisted}
    assert any("已生成公示草稿" in m for m in messages_of(response))


def test_generating_without_shortlisted_says_so(office_client, demo):
    assert not Nomination.objects.filter(campaign=demo, state=State.SHORTLISTED).exists()
    response = office_client.get(NOTICE_CREATE)
    assert "没有待公示的拟命名对象" in " ".join(messages_of(response))
    start = next_working_day(timezone.localdate()).isoformat()
    response = office_client.post(NOTICE_CREATE, {"starts_on": start, "working_days": "5"})
    assert response.status_code == 200
    assert any("没有待公示的拟命名对象" in m for m in messages_of(response))
    assert not NoticePage.objects.exists()


# --- objections --------------------------------------------------------------------------------


def _settle(client, objection, finding, reason):
    url = reverse("honours_office:objection_settle", args=[objection.pk])
    return client.post(url, {f"o{objection.pk}-finding": finding, f"o{objection.pk}-reason": reason})


def test_objections_are_listed_with_their_file(office_client, notice):
    objection = _objection_with_file(notice)
    response = office_client.get(reverse("honours_office:objections", args=[notice.pk]))
    html = response.content.decode()
    assert "王某" in html and "13800000000" in html and "治安案件" in html
    download = reverse("honours_office:objection_attachment", args=[objection.pk])
    assert download in html
    assert "/media/" not in html  # never a public address for the file
    response = office_client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    assert "attachment" in response["Content-Disposition"]


def test_an_objection_without_a_file_has_no_download(office_client, notice):
    objection = pending_objection(notice)
    response = office_client.get(reverse("honours_office:objection_attachment", args=[objection.pk]))
    assert response.status_code == 404


def test_upheld_objection_rejects_the_nomination(office_client, office, notice):
    objection = pending_objection(notice)
    nomination = objection.entry.nomination
    response = _settle(office_client, objection, "upheld", "经核实，反映情况属实。")
    assert response.status_code == 302
    objection.refresh_from_db()
    nomination.refresh_from_db()
    assert (objection.finding, objection.finding_reason, objection.settled_by) == (
        Finding.UPHELD,
        "经核实，反映情况属实。",
        office,
    )
    assert objection.settled_at is not None
    assert nomination.state == State.REJECTED
    event = NominationEvent.objects.filter(nomination=nomination).latest("at", "id")
    assert (event.from_state, event.to_state, event.actor) == (State.SHORTLISTED, State.REJECTED, office)
    assert "经核实，反映情况属实。" in event.reason
    assert any("不予命名" in m for m in messages_of(response))
    html = office_client.get(reverse("honours_office:objections", args=[notice.pk])).content.decode()
    assert "异议成立" in html and "未通过" in html


def test_dismissed_objection_leaves_the_nomination_shortlisted(office_client, notice):
    objection = pending_objection(notice)
    _settle(office_client, objection, "dismissed", "经核实，反映情况不属实。")
    objection.refresh_from_db()
    assert objection.finding == Finding.DISMISSED
    assert objection.entry.nomination.state == State.SHORTLISTED


def test_settling_needs_a_finding_and_a_reason_and_happens_once(office_client, office, notice):
    objection = pending_objection(notice)
    for finding, reason in (("upheld", "  "), ("", "理由"), ("pending", "理由")):
        response = _settle(office_client, objection, finding, reason)
        assert response.status_code == 200
        objection.refresh_from_db()
        assert objection.finding == Finding.PENDING
    _settle(office_client, objection, "dismissed", "不属实。")
    response = _settle(office_client, objection, "upheld", "再次处理。")
    objection.refresh_from_db()
    assert (objection.finding, objection.finding_reason) == (Finding.DISMISSED, "不属实。")
    assert "该异议已处理。" in messages_of(response)
    assert objection.entry.nomination.state == State.SHORTLISTED


# --- drafting the decision ---------------------------------------------------------------------


def _draft(client, notice, **data):
    post = {
        "notice": notice.pk,
        "document_number": "商发〔2018〕20号",
        "issued_on": "2018-12-28",
        "issuing_bodies": "中共商洛市委、商洛市人民政府",
        **data,
    }
    return client.post(COMMENDATION_CREATE, post)


def test_decision_form_defaults(office_client, demo, ended_notice):
    draft = demo.add_child(
        instance=NoticePage(title="草稿公示", slug="draft", starts_on=PAST_START, live=False)
    )
    response = office_client.get(COMMENDATION_CREATE)
    form = response.context["form"]
    assert list(form.fields["notice"].queryset) == [ended_notice]
    assert draft not in form.fields["notice"].queryset
    # the bodies that decide: the plan's issuers (中共商洛市委办公室、商洛市人民政府办公室) without 办公室
    assert form["issuing_bodies"].value() == "中共商洛市委、商洛市人民政府"
    assert form["issued_on"].value() == timezone.localdate()


def test_drafting_is_refused_while_the_notice_runs(office_client, notice):
    response = _draft(office_client, notice)
    assert response.status_code == 200
    assert any("公示期满后方可命名表彰" in m for m in messages_of(response))
    assert not CommendationPage.objects.exists()


def test_drafting_is_refused_while_objections_are_pending(office_client, office, ended_notice):
    objection = pending_objection(ended_notice)
    response = _draft(office_client, ended_notice)
    assert any("1件异议未处理" in m for m in messages_of(response))
    assert not CommendationPage.objects.exists()
    _settle(office_client, objection, "dismissed", "不属实。")
    response = _draft(office_client, ended_notice)
    page = CommendationPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert (page.notice, page.document_number, page.issued_on, page.live) == (
        ended_notice,
        "商发〔2018〕20号",
        datetime.date(2018, 12, 28),
        False,
    )


def test_a_draft_notice_is_no_choice(office_client, office, demo, shortlisted):
    draft = services.notice_create(campaign=demo, actor=office, starts_on=timezone.localdate())
    response = _draft(office_client, draft)
    assert "notice" in response.context["form"].errors
    assert not CommendationPage.objects.exists()


def test_drafting_then_publishing_through_the_admin_confers(office_client, ended_notice, shortlisted):
    response = _draft(office_client, ended_notice)
    page = CommendationPage.objects.get()
    response = publish_via_admin(office_client, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.conferred_at is not None
    assert set(
        Nomination.objects.filter(pk__in=[n.pk for n in shortlisted]).values_list("state", flat=True)
    ) == {State.COMMENDED}
    assert sorted(page.honours.values_list("number", flat=True)) == [
        f"平安创建〔2018〕{i:04d}号" for i in range(1, 5)
    ]
    index = office_client.get(INDEX)
    [row] = index.context["commendations"]
    assert (row, row.honour_count) == (page, 4)


# --- honours ------------------------------------------------------------------------------------


def test_honours_listing_filters_and_exports(office_client, conferred):
    page, _ = conferred
    response = office_client.get(HONOURS)
    assert response.status_code == 200
    assert {h.pk for h in response.context["object_list"]} == set(page.honours.values_list("pk", flat=True))
    brand = page.honours.exclude(brand=None).first().brand
    response = office_client.get(HONOURS, {"brand": brand.pk})
    assert {h.brand_id for h in response.context["object_list"]} == {brand.pk}
    assert office_client.get(HONOURS, {"year": "2018"}).context["object_list"].count() == 4
    assert office_client.get(HONOURS, {"status": "revoked"}).context["object_list"].count() == 0
    response = office_client.get(HONOURS, {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    b"".join(response.streaming_content)


def test_honours_have_no_edit_or_delete(office_client, conferred):
    """Nothing is deleted and the office does not edit honours: the admin has no such views."""
    from django.urls import get_resolver

    def routes(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from routes(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    honour_routes = [r for r in routes(get_resolver().url_patterns) if "honour" in r.lower()]
    assert honour_routes and not [r for r in honour_routes if "edit" in r or "delete" in r]
    html = office_client.get(HONOURS).content.decode()
    assert "/edit/" not in html and "/delete/" not in html


def test_revoking_an_honour(office_client, office, conferred):
    page, _ = conferred
    honour = page.honours.order_by("sort_order").first()
    url = reverse("honours_office:honour_revoke", args=[honour.pk])
    response = office_client.get(url)
    assert response.status_code == 200 and honour.number in response.content.decode()

    response = office_client.post(url, {"revoked_on": "2018-12-01", "reason": "发生重大案件。"})
    honour.refresh_from_db()
    assert honour.revoked_on is None
    assert "撤销日期不能早于命名日期。" in messages_of(response)

    response = office_client.post(url, {"revoked_on": "2019-06-18", "reason": "发生较大安全生产责任事故。"})
    assert response.status_code == 302 and response["Location"] == HONOURS
    honour.refresh_from_db()
    assert (honour.revoked_on, honour.revoke_reason, honour.revoked_by) == (
        datetime.date(2019, 6, 18),
        "发生较大安全生产责任事故。",
        office,
    )
    assert Honour.objects.filter(pk=honour.pk).exists()  # kept on the roll, marked revoked
    assert office_client.get(HONOURS, {"status": "revoked"}).context["object_list"].get() == honour

    response = office_client.post(url, {"revoked_on": "2019-07-01", "reason": "再次撤销。"})
    honour.refresh_from_db()
    assert (honour.revoked_on, honour.revoke_reason) == (
        datetime.date(2019, 6, 18),
        "发生较大安全生产责任事故。",
    )
    assert "该命名已撤销。" in messages_of(response)


def test_revoking_needs_a_reason(office_client, conferred):
    page, _ = conferred
    honour = page.honours.first()
    response = office_client.post(
        reverse("honours_office:honour_revoke", args=[honour.pk]), {"revoked_on": "2019-06-18", "reason": " "}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    honour.refresh_from_db()
    assert not honour.is_revoked


# --- queries ------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_objections_page_runs_a_fixed_number_of_queries(office_client, office, notice):
    """One settled and one pending objection, then three of each: the same query count."""
    url = reverse("honours_office:objections", args=[notice.pk])
    entries = list(notice.entries.order_by("sort_order"))

    def file_two(entry):
        for finding in (Finding.DISMISSED, None):
            objection = services.objection_file(
                entry=entry, name="王某", contact="13800000000", reasons="请核实。"
            )
            if finding:
                services.objection_settle(
                    objection=objection, finding=finding, reason="不属实。", actor=office
                )

    file_two(entries[0])
    _queries(office_client, url)  # warm the caches (site, locale, content types)
    few = _queries(office_client, url)
    for entry in entries[1:3]:
        file_two(entry)
    assert _queries(office_client, url) == few


def test_the_honours_listing_runs_a_fixed_number_of_queries(office_client, office, conferred):
    """Four rows, then one (the revoked one, filtered): the same query count."""
    page, _ = conferred
    honour = page.honours.first()
    services.honour_revoke(
        honour=honour, reason="撤销。", revoked_on=datetime.date(2019, 6, 18), actor=office
    )
    _queries(office_client, HONOURS)
    four = _queries(office_client, HONOURS)
    assert _queries(office_client, f"{HONOURS}?status=revoked") == four

"""Wagtail's own page screens on notices and decisions (honours/wagtail_hooks.py): the
office edits and publishes them with the publish button of the page edit view; the
`before_publish_page` hook refuses what `honours.rules` refuses (the revision is kept as a
draft), and `after_publish_page` confers a decision's honours. Copying, creating from an
empty page, deleting and bulk publishing are refused."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from honours import services
from honours.enums import Finding
from honours.models import CommendationPage, Honour, NoticePage, Objection
from nominations.enums import State
from nominations.models import Nomination

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    # Wagtail appends (empty) button markup to each message
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish_via_admin(client, page, **changes):
    """POST the page's edit form as the edit view renders it (with `changes`), pressing
    publish; `changes` of None remove a field."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def draft_notice(demo, office, starts_on):
    return services.notice_create(campaign=demo, actor=office, starts_on=starts_on)


def settle_all(notice, office, finding=Finding.DISMISSED):
    for objection in notice.objections.filter(finding=Finding.PENDING):
        services.objection_settle(
            objection=objection, finding=finding, reason="经核实，异议不成立。", actor=office
        )


def pending_objection(notice) -> Objection:
    """An objection filed (on the last day of the period) against the notice's first entry."""
    entry = notice.entries.order_by("sort_order").first()
    return services.objection_file(
        entry=entry, name="王某", contact="13800000000", reasons="请核实其事迹。", today=notice.ends_on
    )


@pytest.fixture
def decision(office, ended_notice):
    """A draft decision of the ended notice (drafted through the service, which leaves the
    checks to publishing)."""
    return services.commendation_create(
        notice=ended_notice,
        actor=office,
        document_number="商发〔2018〕20号",
        issued_on=datetime.date(2018, 12, 28),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )


# --- notices ----------------------------------------------------------------------------------


def test_office_publishes_a_notice_from_the_edit_view(office_client, demo, office, shortlisted):
    today = timezone.localdate()
    notice = draft_notice(demo, office, today)
    response = publish_via_admin(office_client, notice, starts_on=today.isoformat(), working_days="7")
    assert response.status_code == 302, messages_of(response)
    notice.refresh_from_db()
    assert notice.live
    assert notice.working_days == 7
    assert notice.entries.count() == len(shortlisted)


def test_publishing_a_notice_whose_start_has_passed_is_refused(office_client, demo, office, shortlisted):
    today = timezone.localdate()
    notice = draft_notice(demo, office, today)
    yesterday = today - datetime.timedelta(days=1)
    response = publish_via_admin(office_client, notice, starts_on=yesterday.isoformat())
    assert response.status_code == 302 and response["Location"] == edit_url(notice)
    notice.refresh_from_db()
    assert not notice.live and notice.first_published_at is None
    # the office's edit is kept as the latest (draft) revision
    assert notice.get_latest_revision_as_object().starts_on == yesterday
    assert any("公示开始日期" in m and "已过" in m for m in messages_of(response))

    response = publish_via_admin(office_client, notice, starts_on=today.isoformat())
    notice.refresh_from_db()
    assert notice.live, messages_of(response)


def test_a_notice_made_from_an_empty_page_is_not_published(office_client, demo):
    """Wagtail's 'add child page' for a notice leads to the office's form instead; an empty
    notice made some other way is still refused on publishing."""
    add_url = reverse("wagtailadmin_pages:add", args=["honours", "noticepage", demo.pk])
    response = office_client.get(add_url)
    assert response.status_code == 302 and response["Location"] == reverse("honours_office:notice_create")
    empty = demo.add_child(
        instance=NoticePage(title="空公示", slug="empty", starts_on=timezone.localdate(), live=False)
    )
    response = publish_via_admin(office_client, empty)
    empty.refresh_from_db()
    assert not empty.live
    assert any("公示没有公示对象" in m for m in messages_of(response))


# --- decisions --------------------------------------------------------------------------------


def test_publishing_a_decision_confers_its_honours(
    office_client, office, decision, ended_notice, shortlisted
):
    response = publish_via_admin(office_client, decision)
    assert response.status_code == 302, messages_of(response)
    decision.refresh_from_db()
    assert decision.live and decision.conferred_at is not None
    assert any("命名表彰4个" in m for m in messages_of(response))
    nominations = Nomination.objects.filter(pk__in=[n.pk for n in shortlisted])
    assert set(nominations.values_list("state", flat=True)) == {State.COMMENDED}
    honours = list(Honour.objects.filter(commendation=decision).order_by("sort_order"))
    assert [h.nomination_id for h in honours] == list(
        ended_notice.entries.order_by("sort_order").values_list("nomination_id", flat=True)
    )
    assert Honour.objects.filter(year=2018).count() == len(honours) == 4  # the first of the year
    assert [h.number for h in honours] == [f"平安创建〔2018〕{i:04d}号" for i in range(1, 5)]
    assert all(h.conferred_on == datetime.date(2018, 12, 28) for h in honours)

    # publishing an edit later confers nothing twice
    response = publish_via_admin(
        office_client, decision, title="关于命名2018年度平安建设先进集体和先进个人的决定（修订）"
    )
    assert response.status_code == 302
    assert Honour.objects.filter(commendation=decision).count() == len(honours)
    assert not any("命名表彰" in m and "个集体" in m for m in messages_of(response))


def test_publishing_a_decision_is_refused_while_objections_are_pending(
    office_client, office, decision, ended_notice
):
    objection = pending_objection(ended_notice)
    response = publish_via_admin(office_client, decision)
    assert response.status_code == 302 and response["Location"] == edit_url(decision)
    decision.refresh_from_db()
    assert not decision.live and decision.conferred_at is None
    assert not Honour.objects.filter(commendation=decision).exists()
    assert not Nomination.objects.filter(state=State.COMMENDED, notice_entries__notice=ended_notice).exists()
    assert any("1件异议未处理" in m for m in messages_of(response))

    services.objection_settle(objection=objection, finding=Finding.UPHELD, reason="反映属实。", actor=office)
    response = publish_via_admin(office_client, decision)
    decision.refresh_from_db()
    assert decision.live, messages_of(response)
    # the upheld objection's nominee is not commended
    assert Honour.objects.filter(commendation=decision).count() == ended_notice.entries.count() - 1
    assert not Honour.objects.filter(nomination=objection.entry.nomination).exists()


def test_publishing_a_decision_is_refused_before_the_notice_period_ends(office_client, office, notice):
    decision = services.commendation_create(
        notice=notice,
        actor=office,
        document_number="商发〔2018〕20号",
        issued_on=timezone.localdate(),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )
    response = publish_via_admin(office_client, decision)
    decision.refresh_from_db()
    assert not decision.live and decision.conferred_at is None
    assert any("公示期满后方可命名表彰" in m for m in messages_of(response))


def test_a_decision_cannot_be_scheduled(office_client, decision):
    later = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = publish_via_admin(office_client, decision, go_live_at=later)
    decision.refresh_from_db()
    assert not decision.live and decision.conferred_at is None
    assert decision.get_latest_revision().approved_go_live_at is None
    assert any("不能定时发布" in m for m in messages_of(response))


def test_only_the_office_publishes_a_decision(client, decision, django_user_model):
    """Someone given publish rights on pages who is not the city office may not confer."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    editor = django_user_model.objects.create_user("editor", password="x")
    group = Group.objects.create(name="网站编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    editor.groups.add(group)
    client.force_login(editor)
    response = publish_via_admin(client, decision)
    decision.refresh_from_db()
    assert not decision.live and decision.conferred_at is None
    assert "表彰决定由市综治办发布。" in messages_of(response)


# --- what else Wagtail offers ------------------------------------------------------------------


def test_notices_and_published_decisions_are_not_deleted(office_client, office, decision, ended_notice):
    for page in (ended_notice, decision.get_parent()):
        response = office_client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302
        assert Page.objects.filter(pk=page.pk).exists()
    services.commendation_publish(page=decision, actor=office)
    response = office_client.post(reverse("wagtailadmin_pages:delete", args=[decision.pk]))
    assert response.status_code == 302
    assert CommendationPage.objects.filter(pk=decision.pk).exists()
    assert any("不能删除" in m for m in messages_of(response))


def test_a_draft_decision_that_conferred_nothing_may_be_deleted(office_client, decision):
    response = office_client.post(reverse("wagtailadmin_pages:delete", args=[decision.pk]))
    assert response.status_code == 302
    assert not CommendationPage.objects.filter(pk=decision.pk).exists()


def test_notices_are_not_copied(office_client, ended_notice):
    response = office_client.get(reverse("wagtailadmin_pages:copy", args=[ended_notice.pk]))
    assert response.status_code == 302 and response["Location"] == edit_url(ended_notice)
    assert any("不能复制" in m for m in messages_of(response))


def test_bulk_publishing_a_decision_is_refused(office_client, decision):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = office_client.post(f"{url}?id={decision.pk}&next=/admin/", {"include_descendants": ""})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert not decision.live and decision.conferred_at is None
    assert any("须在其编辑页逐一预览并发布" in m for m in messages_of(response))


def test_a_published_notice_or_conferred_decision_is_not_unpublished(
    office_client, office, decision, ended_notice
):
    services.commendation_publish(page=decision, actor=office)
    for page in (ended_notice, decision, decision.get_parent()):
        response = office_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.live
        assert any("不能撤回发布" in m for m in messages_of(response))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    response = office_client.post(f"{url}?id={decision.pk}&next=/admin/", {"include_descendants": ""})
    decision.refresh_from_db()
    assert decision.live
    assert any("不能撤回发布" in m for m in messages_of(response))

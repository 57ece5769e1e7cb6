"""The December services: notice from the shortlisted, objections and findings, commendation
blocked until the notice is over and settled, honours numbered, revocation kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from honours import rules, services
from honours.enums import Finding
from honours.models import Honour, NoticeEntry
from nominations.enums import State
from nominations.models import Nomination
from portal.demo import december

from .conftest import PAST_START

pytestmark = pytest.mark.django_db


def _decision(notice, office):
    return services.commendation_create(
        notice=notice,
        actor=office,
        document_number="商发〔2018〕1号",
        issued_on=datetime.date(2018, 12, 28),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )


def _object(entry, *, today):
    return services.objection_file(
        entry=entry,
        name="李明",
        contact="0914-2313456",
        reasons="反映的情况需要核实，请组织调查。",
        today=today,
    )


def test_notice_lists_only_the_shortlisted_brands_first(demo, office, shortlisted):
    accepted = Nomination.objects.filter(campaign=demo, state=State.SUBMITTED).first()
    december.accept([accepted], actor=office)
    notice = services.notice_create(campaign=demo, actor=office, starts_on=datetime.date(2030, 1, 7))
    entries = list(notice.entries.order_by("sort_order"))
    assert {e.nomination_id for e in entries} == {n.pk for n in shortlisted}
    assert not notice.live
    # brands in their order, the sector's nomination last
    assert [bool(e.brand_id) for e in entries] == [True, True, True, False]
    assert entries[0].brand.sort_order <= entries[1].brand.sort_order <= entries[2].brand.sort_order
    # a second notice has nothing left to list
    with pytest.raises(ValidationError):
        services.notice_create(campaign=demo, actor=office)


def test_notice_entry_keeps_only_public_fields_of_an_individual(notice):
    entry = notice.entries.get(kind="individual")
    nominee = entry.nomination.nominee
    assert nominee.id_number and nominee.mobile
    assert (entry.name, entry.gender, entry.workplace) == (nominee.name, nominee.gender, nominee.workplace)
    collective = notice.entries.filter(kind="collective").first()
    assert collective.gender == "" and collective.workplace == ""


def test_only_the_office_makes_notices(demo, shortlisted):
    from django.contrib.auth.models import User

    with pytest.raises(PermissionDenied):
        services.notice_create(campaign=demo, actor=User.objects.get(username="shangzhou"))


def test_notice_period_in_working_days(demo, office, shortlisted):
    # 2018-12-27 (Thu): 27, 28, 29 (a make-up Saturday), then 30 Dec – 1 Jan off, 2, 3 Jan.
    notice = services.notice_create(campaign=demo, actor=office, starts_on=datetime.date(2018, 12, 27))
    assert notice.ends_on == datetime.date(2019, 1, 3)
    notice.working_days = 2
    notice.save()
    assert notice.ends_on == datetime.date(2018, 12, 28)


def test_publishing_a_notice_whose_start_has_passed_is_refused(demo, office, shortlisted):
    notice = services.notice_create(campaign=demo, actor=office, starts_on=PAST_START)
    with pytest.raises(ValidationError):
        services.notice_publish(notice=notice, actor=office)
    assert rules.notice_publish_blockers(notice, today=PAST_START) == []


def test_objections_only_during_the_period(ended_notice):
    entry = ended_notice.entries.first()
    assert _object(entry, today=PAST_START).finding == Finding.PENDING
    with pytest.raises(ValidationError):
        _object(entry, today=ended_notice.ends_on + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        _object(entry, today=PAST_START - datetime.timedelta(days=1))


def test_upheld_objection_rejects_the_nomination(ended_notice, office):
    entry = ended_notice.entries.get(kind="family")
    objection = _object(entry, today=PAST_START)
    services.objection_settle(
        objection=objection, finding=Finding.UPHELD, reason="经核实属实。", actor=office
    )
    objection.refresh_from_db()
    assert (objection.finding, objection.settled_by, objection.finding_reason) == (
        Finding.UPHELD,
        office,
        "经核实属实。",
    )
    nomination = entry.nomination
    nomination.refresh_from_db()
    assert nomination.state == State.REJECTED
    event = nomination.events.order_by("-at", "-id").first()
    assert (event.actor, event.to_state) == (office, State.REJECTED)
    assert "公示异议成立" in event.reason
    with pytest.raises(ValidationError):  # settled once
        services.objection_settle(objection=objection, finding=Finding.DISMISSED, reason="改判", actor=office)


def test_dismissed_objection_leaves_the_nomination_shortlisted(ended_notice, office):
    entry = ended_notice.entries.first()
    objection = _object(entry, today=PAST_START)
    services.objection_settle(objection=objection, finding=Finding.DISMISSED, reason="不属实。", actor=office)
    entry.nomination.refresh_from_db()
    assert entry.nomination.state == State.SHORTLISTED


def test_settling_needs_the_office_and_a_reason(ended_notice, office):
    from django.contrib.auth.models import User

    objection = _object(ended_notice.entries.first(), today=PAST_START)
    with pytest.raises(PermissionDenied):
        services.objection_settle(
            objection=objection,
            finding=Finding.UPHELD,
            reason="x",
            actor=User.objects.get(username="shangzhou"),
        )
    with pytest.raises(ValidationError):
        services.objection_settle(objection=objection, finding=Finding.UPHELD, reason=" ", actor=office)


def test_commendation_waits_for_the_period_and_every_objection(notice, office):
    decision = _decision(notice, office)
    assert any("公示期" in b for b in rules.commendation_blockers(decision))
    with pytest.raises(ValidationError):
        services.commendation_publish(page=decision, actor=office)
    today = timezone.localdate()
    _object(notice.entries.first(), today=today)
    after = notice.ends_on + datetime.timedelta(days=1)
    assert any("1件异议未处理" in b for b in rules.commendation_blockers(decision, today=after))


def test_publishing_the_decision_confers_numbered_honours(ended_notice, office):
    upheld = ended_notice.entries.get(kind="family")
    objection = _object(upheld, today=PAST_START)
    services.objection_settle(objection=objection, finding=Finding.UPHELD, reason="属实。", actor=office)
    decision = _decision(ended_notice, office)
    services.commendation_publish(page=decision, actor=office)
    decision.refresh_from_db()
    assert decision.live and decision.conferred_at is not None
    honours = list(Honour.objects.filter(commendation=decision).order_by("sort_order"))
    assert len(honours) == 3
    assert [h.number for h in honours] == [f"平安创建〔2018〕{i:04d}号" for i in (1, 2, 3)]
    states = set(
        Nomination.objects.filter(pk__in=[h.nomination_id for h in honours]).values_list("state", flat=True)
    )
    assert states == {State.COMMENDED}
    upheld.nomination.refresh_from_db()
    assert upheld.nomination.state == State.REJECTED
    # publishing again (an edit) confers nothing twice, and an old revision keeps the fact
    decision.save_revision(user=office).publish(user=office)
    services.commendation_confer(page=decision, actor=office)
    assert Honour.objects.filter(commendation=decision).count() == 3
    first = decision.revisions.order_by("id").first()
    first.publish(user=office)
    decision.refresh_from_db()
    assert decision.conferred_at is not None


def test_revoking_keeps_the_honour_with_date_reason_and_who(ended_notice, office):
    decision = _decision(ended_notice, office)
    services.commendation_publish(page=decision, actor=office)
    honour = Honour.objects.filter(commendation=decision).first()
    with pytest.raises(ValidationError):
        services.honour_revoke(honour=honour, reason="", revoked_on=datetime.date(2019, 3, 1), actor=office)
    with pytest.raises(ValidationError):
        services.honour_revoke(
            honour=honour, reason="事故", revoked_on=datetime.date(2018, 1, 1), actor=office
        )
    services.honour_revoke(
        honour=honour, reason="发生重大事故。", revoked_on=datetime.date(2019, 3, 1), actor=office
    )
    honour.refresh_from_db()
    assert (honour.revoked_on, honour.revoke_reason, honour.revoked_by) == (
        datetime.date(2019, 3, 1),
        "发生重大事故。",
        office,
    )
    with pytest.raises(ValidationError):
        services.honour_revoke(
            honour=honour, reason="再次", revoked_on=datetime.date(2019, 3, 2), actor=office
        )


def test_a_disqualification_after_shortlisting_stops_the_commendation(ended_notice, office):
    """Eligibility is re-checked at every step: a 取消评先资格 recorded after the notice
    stops the commend move, with the reason."""
    from nominations import services as nomination_services
    from nominations.models import Sanction

    entry = ended_notice.entries.filter(county__isnull=False).first()
    nomination_services.sanction_record(
        sanction=Sanction(
            county=entry.county,
            kind="disqualified",
            reason="两率一度排名末位",
            year=2018,
            starts_on=datetime.date(2018, 12, 20),
        ),
        actor=office,
    )
    decision = _decision(ended_notice, office)
    blockers = rules.commendation_blockers(decision)
    assert any(entry.name in b and "两率一度排名末位" in b for b in blockers)
    with pytest.raises(ValidationError):
        services.commendation_publish(page=decision, actor=office)
    assert not Honour.objects.exists()
    decision.refresh_from_db()
    assert not decision.live
    assert NoticeEntry.objects.filter(nomination__state=State.SHORTLISTED).count() == 4


def test_the_campaign_page_and_the_header_lead_to_the_notice_and_the_roll(client, demo, notice):
    from honours.models import HonourRollPage

    html = client.get(demo.url).content.decode()
    assert f'href="{notice.url}"' in html
    assert "公示期" in html
    assert f'href="{HonourRollPage.objects.get().url}"' in html  # 荣誉榜 in the header


def test_the_draft_notice_previews_its_list_before_publication(demo, office, shortlisted):
    notice = services.notice_create(campaign=demo, actor=office, starts_on=datetime.date(2030, 1, 7))
    response = notice.make_preview_request()
    assert response.status_code == 200
    html = response.rendered_content if hasattr(response, "rendered_content") else response.content.decode()
    for nomination in shortlisted:
        assert nomination.nominee.name in html
    individual = next(n.nominee for n in shortlisted if n.nominee.mobile)
    assert individual.mobile not in html and individual.id_number not in html


def test_an_objection_is_e_mailed_to_the_office(
    ended_notice, office, mailoutbox, django_capture_on_commit_callbacks
):
    office.email = "office@pingan.example.cn"
    office.save()
    entry = ended_notice.entries.first()
    with django_capture_on_commit_callbacks(execute=True):
        _object(entry, today=PAST_START)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["office@pingan.example.cn"]
    assert (
        entry.name in message.subject
        and f"/admin/honours/notices/{ended_notice.pk}/objections/" in message.body
    )
    assert "0914-2313456" not in message.body  # the objector's contact stays in the admin


def test_the_decision_text_and_its_default_bodies_follow_the_campaigns_city(demo, office, ended_notice):
    from honours import selectors

    decision = _decision(ended_notice, office)
    assert "平安商洛" in decision.body
    assert selectors.default_issuing_bodies(demo) == "中共商洛市委、商洛市人民政府"  # from the plan's issuers
    demo.issuing_bodies = ""
    assert selectors.default_issuing_bodies(demo) == "中共商洛市委、商洛市人民政府"  # from the city's name
    demo.city.name = "汉中市"
    assert selectors.default_issuing_bodies(demo) == "中共汉中市委、汉中市人民政府"


def test_a_certificate_prefix_another_city_used_this_year_blocks_the_commendation(ended_notice, office):
    """Certificate numbers are unique across the site: a second city numbering its 2018
    honours 平安创建〔2018〕… would collide, so the decision names the clash instead."""
    from portal.models import Jurisdiction

    decision = _decision(ended_notice, office)
    assert not [b for b in rules.commendation_blockers(decision) if "前缀" in b]
    services.commendation_publish(page=decision, actor=office)
    city = decision.get_parent().specific.city
    other = Jurisdiction.objects.create(name="安康市", level="city", parent=city.parent)
    Honour.objects.update(city=other)  # as if another city had conferred them
    decision.conferred_at = None
    (blocker,) = [b for b in rules.commendation_blockers(decision) if "前缀" in b]
    assert "“平安创建”2018年已被其他市使用" in blocker and "平安商洛" in blocker

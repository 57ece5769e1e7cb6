"""Changes of the December process (DOMAIN.md §4): the public notice, objections and the
office's findings, the commendation decision, honours and their revocation.

Every change of a nomination's state goes through `nominations.services.nomination_transition`.
"""

from __future__ import annotations

import datetime
import os

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from campaigns.excel.common import short_city_name
from campaigns.models import CampaignPage
from honours import rules, selectors
from honours.calendar import next_working_day
from honours.enums import Finding
from honours.models import CommendationPage, Honour, NoticeEntry, NoticePage, Objection
from nominations import services as nomination_services
from nominations.enums import State
from nominations.models import Nomination
from nominations.storage import stored_name
from portal import rules as portal_rules


def _require_office(actor: AbstractBaseUser | None, what: str) -> None:
    if actor is None or not portal_rules.is_city_office(actor):
        raise PermissionDenied(f"只有市综治办可以{what}。")


def _listing_order(nominations: list[Nomination]) -> list[Nomination]:
    """Brands before sectors, each by its sort order; then county or department; then name."""

    def key(n: Nomination):
        honour = (0, n.brand.sort_order, n.brand_id) if n.brand_id else (1, n.sector.sort_order, n.sector_id)
        unit = n.county.sort_order if n.county_id else n.department.sort_order
        return (*honour, unit, n.nominee.name, n.pk)

    return sorted(nominations, key=key)


# --- the public notice ------------------------------------------------------------


@transaction.atomic
def notice_create(
    *,
    campaign: CampaignPage,
    actor: AbstractBaseUser | None,
    starts_on: datetime.date | None = None,
    working_days: int = 5,
    title: str = "",
    how_to_object: str = "",
) -> NoticePage:
    """A draft notice page under the campaign listing its shortlisted nominations that
    no earlier notice lists. The office previews, edits the text and publishes it."""
    _require_office(actor, "生成公示")
    nominations = list(
        Nomination.objects.filter(campaign=campaign, state=State.SHORTLISTED)
        .exclude(notice_entries__isnull=False)
        .select_related("nominee", "brand", "sector", "county", "department")
    )
    if not nominations:
        raise ValidationError("没有待公示的拟命名对象：请先在推荐评审中确定拟命名对象。")
    starts_on = starts_on or next_working_day(timezone.localdate())
    notice = NoticePage(
        title=title or f"{campaign.year}年度平安建设先进集体和先进个人拟命名对象公示",
        slug=f"notice-{timezone.now():%Y%m%d%H%M%S}",
        intro=(
            f"<p>根据{campaign.document_title or '年度创建活动实施方案'}，经县（区）和市级主责部门推荐、"
            "市综治办形式审查和实地核查，拟对以下集体、家庭和个人予以命名表彰，现予公示。</p>"
        ),
        starts_on=starts_on,
        working_days=working_days,
        how_to_object=how_to_object
        or "<p>公示期间，对公示对象有异议的，可通过本页网上异议表反映，也可向市综治办书面反映。"
        "反映问题须署真实姓名并留有效联系方式，以便核实。</p>",
        live=False,
    )
    campaign.add_child(instance=notice)
    for order, nomination in enumerate(_listing_order(nominations)):
        entry = NoticeEntry(notice=notice, nomination=nomination, sort_order=order)
        entry.copy_from(nomination)
        entry.save()
    notice.save_revision(user=actor, log_action=True)
    return notice


def notice_publish(*, notice: NoticePage, actor: AbstractBaseUser | None, today=None) -> NoticePage:
    """Publish the notice's latest revision (the admin's publish button does the same,
    after the `before_publish_page` hook has checked `rules.notice_publish_blockers`)."""
    _require_office(actor, "发布公示")
    blockers = rules.notice_publish_blockers(notice, today=today)
    if blockers:
        raise ValidationError(blockers)
    revision = notice.latest_revision or notice.save_revision(user=actor)
    revision.publish(user=actor)
    notice.refresh_from_db()
    return notice


# --- objections -------------------------------------------------------------------------


def objection_file(
    *,
    entry: NoticeEntry,
    name: str,
    contact: str,
    reasons: str,
    attachment=None,
    ip_address: str | None = None,
    today: datetime.date | None = None,
) -> Objection:
    """A member of the public objects to one entry, during the notice period only; the
    city office is told by e-mail once it is stored."""
    notice = entry.notice
    if not rules.notice_is_open(notice, today=today):
        raise ValidationError("公示期已结束（或尚未开始），不再受理网上异议。")
    objection = Objection(
        notice=notice,
        entry=entry,
        name=name.strip(),
        contact=contact.strip(),
        reasons=reasons.strip(),
        ip_address=ip_address,
    )
    objection.full_clean(exclude=["attachment"])
    if attachment is not None:
        objection.attachment_name = os.path.basename(attachment.name)[:200]
        objection.attachment.save(stored_name(attachment.name), attachment, save=False)
    with transaction.atomic():
        objection.save()
        transaction.on_commit(lambda: _notify_objection(objection.pk))
    return objection


def _notify_objection(objection_id: int) -> None:
    from honours.tasks import objection_notify

    objection_notify.enqueue(objection_id=objection_id)


def objection_settle(
    *, objection: Objection, finding: str, reason: str, actor: AbstractBaseUser
) -> Objection:
    """The office's finding. An upheld objection rejects the nomination (through the
    nomination's transition function, with the finding as its reason)."""
    if not rules.can_settle_objections(actor):
        raise PermissionDenied("只有市综治办可以处理公示异议。")
    if finding not in (Finding.UPHELD, Finding.DISMISSED):
        raise ValidationError("请选择处理结论。")
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写处理意见。")
    with transaction.atomic():
        locked = Objection.objects.select_for_update().select_related("entry").get(pk=objection.pk)
        if locked.is_settled:
            raise ValidationError("该异议已处理。")
        locked.finding = finding
        locked.finding_reason = reason
        locked.settled_by = actor
        locked.settled_at = timezone.now()
        locked.save(update_fields=["finding", "finding_reason", "settled_by", "settled_at"])
        if finding == Finding.UPHELD:
            nomination = locked.entry.nomination
            if nomination.state == State.SHORTLISTED:
                nomination_services.nomination_transition(
                    nomination=nomination, action="reject", actor=actor, reason=f"公示异议成立：{reason}"
                )
    objection.refresh_from_db()
    return objection


# --- commendation -------------------------------------------------------------------


@transaction.atomic
def commendation_create(
    *,
    notice: NoticePage,
    actor: AbstractBaseUser | None,
    document_number: str,
    issued_on: datetime.date,
    issuing_bodies: str,
    title: str = "",
) -> CommendationPage:
    """A draft decision page under the campaign, following `notice`."""
    _require_office(actor, "起草表彰决定")
    campaign = notice.get_parent().specific
    if not selectors.commendation_candidates(notice=notice).exists():
        raise ValidationError("公示中没有可以命名的对象。")
    page = CommendationPage(
        title=title or f"关于命名{campaign.year}年度平安建设先进集体和先进个人的决定",
        slug=f"commendation-{timezone.now():%Y%m%d%H%M%S}",
        notice=notice,
        document_number=document_number,
        issued_on=issued_on,
        issuing_bodies=issuing_bodies,
        body=(
            f"<p>{campaign.year}年，全市各级各部门深入开展平安创建活动，涌现出一批先进集体和先进个人。"
            "经推荐、审查、实地核查和公示，决定对以下集体、家庭和个人予以命名表彰。"
            "希望受到命名表彰的集体和个人珍惜荣誉、再接再厉，"
            f"为建设更高水平的平安{short_city_name(campaign.city.name)}作出新的贡献。</p>"
        ),
        live=False,
    )
    campaign.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    return page


def commendation_confer(*, page: CommendationPage, actor: AbstractBaseUser | None) -> list[Honour]:
    """Mark the decision's candidates commended and enter them on the honour roll, each
    with a numbered certificate. Runs once, when the page is first published; refuses
    while `rules.commendation_blockers` has something to say."""
    _require_office(actor, "命名表彰")
    with transaction.atomic():
        page = CommendationPage.objects.select_for_update().get(pk=page.pk)
        if page.conferred_at is not None:
            return list(page.honours.all())
        blockers = rules.commendation_blockers(page)
        if blockers:
            raise ValidationError(blockers)
        campaign = page.get_parent().specific
        start = Honour.objects.filter(city=campaign.city, year=campaign.year).aggregate(n=Max("sort_order"))[
            "n"
        ]
        start = -1 if start is None else start
        honours = []
        for i, entry in enumerate(selectors.commendation_candidates(notice=page.notice), start=1):
            nomination = nomination_services.nomination_transition(
                nomination=entry.nomination,
                action="commend",
                actor=actor,
                reason=f"依据{page.issuing_bodies}《{page.title}》（{page.document_number}）命名表彰",
            )
            sequence = start + i
            honour = Honour(
                commendation=page,
                nomination=nomination,
                city=campaign.city,
                year=campaign.year,
                number=f"{page.certificate_prefix}〔{campaign.year}〕{sequence + 1:04d}号",
                conferred_on=page.issued_on,
                sort_order=sequence,
            )
            honour.copy_from(nomination)
            honour.save()
            honours.append(honour)
        page.conferred_at = timezone.now()
        page.save(update_fields=["conferred_at"])
    return honours


def commendation_publish(*, page: CommendationPage, actor: AbstractBaseUser | None) -> CommendationPage:
    """Publish the decision and confer its honours in one step (scripts and the demo; the
    admin's publish button does the same through the page-publish hooks)."""
    _require_office(actor, "发布表彰决定")
    blockers = rules.commendation_blockers(page)
    if blockers:
        raise ValidationError(blockers)
    with transaction.atomic():
        revision = page.latest_revision or page.save_revision(user=actor)
        revision.publish(user=actor)
        commendation_confer(page=page, actor=actor)
    page.refresh_from_db()
    return page


def honour_revoke(
    *, honour: Honour, reason: str, revoked_on: datetime.date, actor: AbstractBaseUser
) -> Honour:
    """撤销: the honour stays on the roll, marked revoked with the date and reason."""
    if not rules.can_revoke_honours(actor):
        raise PermissionDenied("只有市综治办可以撤销命名。")
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写撤销理由。")
    with transaction.atomic():
        locked = Honour.objects.select_for_update().get(pk=honour.pk)
        if locked.is_revoked:
            raise ValidationError("该命名已撤销。")
        if revoked_on < locked.conferred_on:
            raise ValidationError("撤销日期不能早于命名日期。")
        locked.revoked_on = revoked_on
        locked.revoke_reason = reason
        locked.revoked_by = actor
        locked.save()
    honour.refresh_from_db()
    return honour

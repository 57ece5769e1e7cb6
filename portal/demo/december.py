"""The December of the demo (seed 004: 实地核查、网络评选、媒体公示, then 命名表彰), step by
step through the same services as the office's screens, so that `seed_demo --stage`
can leave the demo at any stage of the year:

    draft → submitted → review → notice → commended

Each step acts only on what the previous one left; a stage already passed is left alone
(nothing submitted is ever deleted, so the demo never goes back).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from campaigns.models import CampaignPage
from honours import selectors as honour_selectors
from honours import services as honour_services
from honours.enums import Finding
from honours.models import CommendationPage, Honour, NoticePage, Objection
from nominations import services
from nominations.enums import State
from nominations.models import Nomination

STAGES = ("draft", "submitted", "review", "notice", "commended")
VERIFIED_ON = datetime.date(2018, 12, 3)
NOTICE_STARTS_ON = datetime.date(2018, 12, 10)  # a Monday: 5 working days end on 12-14
COMMENDED_ON = datetime.date(2018, 12, 28)
REVOKED_ON = datetime.date(2019, 6, 18)


def office_user() -> User:
    return User.objects.get(username="office")


def stage_of(campaign: CampaignPage) -> str:
    """The stage the demo's data has reached."""
    if CommendationPage.objects.child_of(campaign).filter(conferred_at__isnull=False).exists():
        return "commended"
    if NoticePage.objects.child_of(campaign).live().exists():
        return "notice"
    nominations = Nomination.objects.filter(campaign=campaign)
    if nominations.filter(state__in=[State.ACCEPTED, State.VERIFIED, State.REJECTED]).exists():
        return "review"
    if nominations.exclude(state=State.DRAFT).exists():
        return "submitted"
    return "draft"


# --- review: formal check and on-site verification --------------------------------------


def accept(nominations: Iterable[Nomination], *, actor: User) -> list[Nomination]:
    return [services.nomination_accept(nomination=n, actor=actor) for n in nominations]


def verify(
    nominations: Iterable[Nomination], *, actor: User, passed: bool = True, findings: str = ""
) -> None:
    for nomination in nominations:
        services.verification_record(
            nomination=nomination,
            visited_on=VERIFIED_ON,
            inspectors=[actor],
            findings=findings or f"实地查看{nomination.nominee}创建台账和现场，群众知晓率高，创建措施落实。",
            passed=passed,
            actor=actor,
        )


def shortlist(nominations: Iterable[Nomination], *, actor: User) -> list[Nomination]:
    return [
        services.nomination_transition(
            nomination=n, action="shortlist", actor=actor, reason="经实地核查和网络评选，确定为拟命名对象。"
        )
        for n in nominations
    ]


def review(campaign: CampaignPage, *, actor: User) -> None:
    """Accept what was submitted, but leave 商南县's for the office to try; verify most of
    what was accepted (one fails), and leave one accepted per county to verify by hand."""
    submitted = Nomination.objects.filter(campaign=campaign, state=State.SUBMITTED).order_by("id")
    accepted = accept([n for n in submitted if getattr(n.county, "slug", "") != "shangnan"], actor=actor)
    by_unit: dict[object, list[Nomination]] = {}
    for nomination in accepted:
        by_unit.setdefault(nomination.unit, []).append(nomination)
    failed = False
    for nominations in by_unit.values():
        to_verify = nominations[:-1] if len(nominations) > 2 else nominations
        if not failed and len(to_verify) > 2:
            verify(
                to_verify[-1:],
                actor=actor,
                passed=False,
                findings="现场核查发现创建台账为临时补记，2018年第三季度发生一起较大治安案件，不符合命名条件。",
            )
            to_verify = to_verify[:-1]
            failed = True
        verify(to_verify, actor=actor)


# --- notice: shortlist and publish the notice ------------------------------------------


def notice(campaign: CampaignPage, *, actor: User, starts_on: datetime.date | None = None) -> NoticePage:
    """Every accepted nomination verified and every verified one shortlisted; the notice
    published, open today unless `starts_on` says otherwise; two objections filed."""
    verify(Nomination.objects.filter(campaign=campaign, state=State.ACCEPTED).order_by("id"), actor=actor)
    shortlist(Nomination.objects.filter(campaign=campaign, state=State.VERIFIED).order_by("id"), actor=actor)
    starts_on = starts_on or timezone.localdate()
    page = honour_services.notice_create(campaign=campaign, actor=actor, starts_on=starts_on)
    honour_services.notice_publish(notice=page, actor=actor, today=starts_on)
    entries = list(honour_selectors.notice_entries(notice=page))
    family = next(e for e in entries if e.kind == "family")
    village = next(e for e in entries if e.brand_id and e.brand.slug == "village")
    for entry, name, reasons in (
        (family, "李明", f"据我了解，{family.name}家中2018年曾因宅基地纠纷与邻居多次发生争执，请核实。"),
        (village, "赵强", f"{village.name}今年发生过一起盗窃案件，是否影响命名，请组织核实。"),
    ):
        honour_services.objection_file(
            entry=entry, name=name, contact="0914-2000000", reasons=reasons, today=starts_on
        )
    return page


# --- commended: settle the objections, publish the decision -----------------------------


def commended(campaign: CampaignPage, *, actor: User) -> CommendationPage:
    page = NoticePage.objects.child_of(campaign).live().order_by("-first_published_at").first()
    if page is None:
        page = notice(campaign, actor=actor, starts_on=NOTICE_STARTS_ON)
    elif page.ends_on >= timezone.localdate():
        # A notice the demo opened today: the demo's decision is of 2018, so its notice is too.
        page.starts_on = NOTICE_STARTS_ON
        page.save_revision(user=actor).publish(user=actor)
        page.refresh_from_db()
    pending = list(Objection.objects.filter(notice=page, finding=Finding.PENDING).order_by("id"))
    for i, objection in enumerate(pending):
        upheld = i == 0
        honour_services.objection_settle(
            objection=objection,
            finding=Finding.UPHELD if upheld else Finding.DISMISSED,
            reason="经县综治办和市综治办联合核实，反映情况属实，不予命名。"
            if upheld
            else "经核实，所反映案件已于当年侦破，该村创建措施落实，群众满意度高，异议不成立。",
            actor=actor,
        )
    decision = honour_services.commendation_create(
        notice=page,
        actor=actor,
        document_number="商办发〔2018〕88号（演示）",
        issued_on=COMMENDED_ON,
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )
    honour_services.commendation_publish(page=decision, actor=actor)
    honour = Honour.objects.filter(commendation=decision, kind="collective").order_by("-sort_order").first()
    if honour is not None:
        honour_services.honour_revoke(
            honour=honour,
            reason="演示：该单位2019年发生较大安全生产责任事故，依照规定撤销命名。",
            revoked_on=REVOKED_ON,
            actor=actor,
        )
    return decision


def submitted(campaign: CampaignPage, *, actor: User) -> None:
    from portal.demo.nominations import submit_all

    submit_all(campaign, actor=actor)


STEPS = {"submitted": submitted, "review": review, "notice": notice, "commended": commended}


def advance(campaign: CampaignPage, *, to: str) -> list[str]:
    """Run the steps after the demo's current stage up to `to`; returns the steps run."""
    if to not in STAGES:
        raise ValueError(f"unknown stage {to!r}")
    actor = office_user()
    done = []
    for stage in STAGES[STAGES.index(stage_of(campaign)) + 1 : STAGES.index(to) + 1]:
        step = STEPS.get(stage)
        if step is not None:
            with transaction.atomic():
                step(campaign, actor=actor)
            done.append(stage)
    return done

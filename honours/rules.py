"""Predicates of the December process: is a notice open, may a commendation be published."""

from __future__ import annotations

import datetime

from django.utils import timezone

from honours.enums import Finding
from nominations import rules as nomination_rules
from portal import rules as portal_rules


def notice_is_open(notice, *, today: datetime.date | None = None) -> bool:
    """Published and within its period: the public may object."""
    today = today or timezone.localdate()
    return bool(notice.live) and notice.starts_on <= today <= notice.ends_on


def notice_has_ended(notice, *, today: datetime.date | None = None) -> bool:
    return (today or timezone.localdate()) > notice.ends_on


def notice_publish_blockers(notice, *, today: datetime.date | None = None) -> list[str]:
    """Why the office may not publish the notice now (empty when it may)."""
    today = today or timezone.localdate()
    blockers = []
    if not notice.live and notice.starts_on < today:
        blockers.append(f"公示开始日期（{notice.starts_on:%Y-%m-%d}）已过，请改为今天或以后的日期。")
    return blockers


def commendation_blockers(page, *, today: datetime.date | None = None) -> list[str]:
    """Why the commendation may not be published (conferred) now (empty when it may):
    its notice must have been published and have ended, with every objection settled."""
    from honours import selectors

    notice = page.notice
    blockers = []
    if notice.first_published_at is None:
        blockers.append(f"所依据的公示“{notice.title}”尚未发布。")
    elif not notice_has_ended(notice, today=today):
        blockers.append(f"公示期至{notice.ends_on:%Y-%m-%d}结束，公示期满后方可命名表彰。")
    pending = notice.objections.filter(finding=Finding.PENDING).count()
    if pending:
        blockers.append(f"公示还有{pending}件异议未处理，请先在“公示异议”中作出处理结论。")
    if page.conferred_at is None:
        candidates = list(
            selectors.commendation_candidates(notice=notice).select_related("nomination__title")
        )
        if not candidates:
            blockers.append("公示中没有可以命名的对象。")
        # Eligibility is re-checked at every step (DOMAIN.md §4): e.g. a disqualification
        # recorded after the notice stops the commendation, with its reason.
        for entry in candidates:
            failed = [c for c in nomination_rules.eligibility(entry.nomination, stage="review") if not c.ok]
            if failed:
                why = "；".join(f"{c.label}：{c.detail}" for c in failed)
                blockers.append(f"“{entry.name}”（{entry.unit_label}）不再符合命名条件：{why}")
        blockers.extend(_prefix_blockers(page))
    return blockers


def _prefix_blockers(page) -> list[str]:
    """Certificate numbers are unique across the site: a prefix another city already
    numbered this year's honours with would collide."""
    from honours.models import Honour

    campaign = page.notice.get_parent().specific  # the decision may not be saved yet
    taken = (
        Honour.objects.filter(year=campaign.year, number__startswith=f"{page.certificate_prefix}〔")
        .exclude(city=campaign.city_id)
        .exists()
    )
    if taken:
        return [
            f"证书编号前缀“{page.certificate_prefix}”{campaign.year}年已被其他市使用，"
            f"请改用本市的前缀（如“平安{campaign.city.name.removesuffix('市')}”）。"
        ]
    return []


def can_settle_objections(user) -> bool:
    return portal_rules.is_city_office(user)


def can_revoke_honours(user) -> bool:
    return portal_rules.is_city_office(user)

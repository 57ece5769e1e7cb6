"""Reads of the office's admin screens (公示与表彰): a fixed number of queries per screen.

Everything here is scoped to the office's own city (a superuser's: every city's), as the
review board is (nominations/review/views.py).
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from campaigns.models import CampaignPage
from honours.enums import Finding
from honours.models import CommendationPage, Honour, NoticePage, Objection
from nominations.enums import State
from nominations.models import Nomination
from portal import rules as portal_rules

LISTING_RELATED = ("brand", "sector", "county", "department")


def office_city_id(user) -> int | None:
    """The city whose records the user may handle; None for a superuser (every city)."""
    department = portal_rules.actor_for(user).department
    if user.is_superuser or department is None:
        return None
    return department.city_id


def _campaign_of(page) -> CampaignPage:
    return CampaignPage.objects.select_related("city").get(pk=page.get_parent().pk)


def _check_city(user, campaign: CampaignPage) -> None:
    city_id = office_city_id(user)
    if city_id is not None and campaign.city_id != city_id:
        raise Http404("没有找到该公示。")


def notice_for_office(*, user, pk: int) -> tuple[NoticePage, CampaignPage]:
    notice = get_object_or_404(NoticePage, pk=pk)
    campaign = _campaign_of(notice)
    _check_city(user, campaign)
    return notice, campaign


def objection_for_office(*, user, pk: int) -> Objection:
    objection = get_object_or_404(Objection.objects.select_related("notice", "entry"), pk=pk)
    _check_city(user, _campaign_of(objection.notice))
    return objection


def honours_for_office(*, user) -> QuerySet[Honour]:
    honours = Honour.objects.select_related(*LISTING_RELATED, "commendation", "revoked_by")
    city_id = office_city_id(user)
    return honours if city_id is None else honours.filter(city_id=city_id)


def notices_of(*, campaign: CampaignPage) -> list[NoticePage]:
    """The campaign's notices, newest first, with entry_count, pending and settled
    (objections) and commendation_count (decisions drafted from it)."""
    return list(
        NoticePage.objects.child_of(campaign)
        .annotate(
            entry_count=Count("entries", distinct=True),
            pending=Count("objections", filter=Q(objections__finding=Finding.PENDING), distinct=True),
            settled=Count("objections", filter=~Q(objections__finding=Finding.PENDING), distinct=True),
            commendation_count=Count("commendations", distinct=True),
        )
        .order_by("-starts_on", "-pk")
    )


def commendations_of(*, campaign: CampaignPage) -> list[CommendationPage]:
    """The campaign's commendation decisions, newest first, with honour_count."""
    return list(
        CommendationPage.objects.child_of(campaign)
        .select_related("notice")
        .annotate(honour_count=Count("honours"))
        .order_by("-issued_on", "-pk")
    )


def awaiting_notice_count(*, campaign: CampaignPage) -> int:
    """Shortlisted nominations that no notice lists yet (what 生成公示 would list)."""
    return (
        Nomination.objects.filter(campaign=campaign, state=State.SHORTLISTED)
        .exclude(notice_entries__isnull=False)
        .count()
    )


def objections_of(*, notice: NoticePage) -> list[Objection]:
    """The notice's objections, pending first, each with its entry and nomination."""
    return sorted(
        notice.objections.select_related(
            "entry", "entry__nomination", "settled_by", *(f"entry__{r}" for r in LISTING_RELATED)
        ).order_by("submitted_at", "id"),
        key=lambda o: o.is_settled,
    )

"""Changes to nominees, titles, demonstration sites and nominations (DOMAIN.md §4)."""

from __future__ import annotations

import os

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import rules as campaign_rules
from campaigns.enums import DecidedBy
from campaigns.models import Brand, CampaignPage, CountyQuota, Extension, Sector, SectorQuota
from nominations import rules
from nominations.enums import State
from nominations.models import (
    DemoSite,
    LocalTitle,
    Nomination,
    NominationEvent,
    NominationFile,
    Nominee,
    Sanction,
    Verification,
    VerificationPhoto,
)
from nominations.storage import stored_name
from nominations.tallies import title_tally_add
from nominations.workflow import find_move
from portal import rules as portal_rules
from portal.models import Department, Jurisdiction
from portal.models.units import unit_city, unit_fields


class NotEligible(Exception):
    """A move refused by the eligibility rules; `checks` says which and why."""

    def __init__(self, checks: list[rules.Check]):
        self.checks = checks
        failed = [c for c in checks if not c.ok]
        super().__init__("；".join(f"{c.label}：{c.detail}" for c in failed))


def _require_owner(actor: AbstractBaseUser, record) -> None:
    if not portal_rules.owns(actor, record):
        raise PermissionDenied("无权操作其他单位的记录。")


# --- nominees, titles, demo sites --------------------------------------------


def nominee_save(*, nominee: Nominee, actor: AbstractBaseUser) -> Nominee:
    """Create or update a nominee of the actor's own unit."""
    if nominee.pk is None:
        for field, value in unit_fields(portal_rules.actor_for(actor).unit).items():
            setattr(nominee, field, value)
        nominee.created_by = actor
    _require_owner(actor, nominee)
    nominee.full_clean()
    nominee.save()
    return nominee


def title_record(*, title: LocalTitle, actor: AbstractBaseUser) -> LocalTitle:
    """Record a county-level (or sector-level) naming of one of the unit's nominees.

    Only a brand the counties name and recommend (not 平安县（区）, decided by the city's
    evaluation: DOMAIN.md §3), of the unit's own city, for a nominee of the brand's kind."""
    unit = portal_rules.actor_for(actor).unit
    for field, value in unit_fields(unit).items():
        setattr(title, field, value)
    title.created_by = actor
    _require_owner(actor, title.nominee)
    if title.brand_id and not isinstance(unit, Jurisdiction):
        raise ValidationError("主责部门登记的是领域命名，请选择领域。")
    if title.sector_id and not isinstance(unit, Department):
        raise ValidationError("县（区）登记的是品牌命名，请选择品牌。")
    if title.sector_id and title.sector.lead_department_id != unit.pk:
        raise ValidationError("只能登记本部门主责领域的命名。")
    if title.brand_id:
        brand = title.brand
        if brand.city_id != unit_city(unit).pk:
            raise ValidationError({"brand": "只能登记本市的创建品牌。"})
        if brand.decided_by != DecidedBy.NOMINATION:
            raise ValidationError({"brand": f"“{brand}”由市级考评认定，不由县区命名推荐。"})
        if brand.kind != title.nominee.kind:
            raise ValidationError(
                {
                    "nominee": f"“{brand}”的命名对象应为{brand.get_kind_display()}，"
                    f"“{title.nominee}”是{title.nominee.get_kind_display()}。"
                }
            )
    title.full_clean()
    with transaction.atomic():
        title.save()
        title_tally_add(title=title)
    return title


@transaction.atomic
def demo_site_file(
    *,
    campaign: CampaignPage,
    nominee: Nominee,
    actor: AbstractBaseUser,
    brand: Brand | None = None,
    sector: Sector | None = None,
    today=None,
) -> DemoSite:
    """File a demonstration site, before the deadline and within the quota (seed 004 attachment)."""
    unit = portal_rules.actor_for(actor).unit
    _require_owner(actor, nominee)
    status = campaign_rules.phase_status(campaign=campaign, unit=unit, key="demo_sites", today=today)
    if not status.open:
        raise ValidationError(f"示范点备案{status.detail}。")
    if brand is not None:
        if not brand.has_demo_sites:
            raise ValidationError(f"“{brand}”不备案创建示范点。")
        quota = (
            CountyQuota.objects.select_for_update()
            .filter(campaign=campaign, county=unit, brand=brand)
            .first()
        )
        filed = DemoSite.objects.filter(campaign=campaign, county=unit, brand=brand).count()
    else:
        quota = SectorQuota.objects.select_for_update().filter(campaign=campaign, sector=sector).first()
        filed = DemoSite.objects.filter(campaign=campaign, department=unit, sector=sector).count()
    total = quota.quota if quota else 0
    if filed >= total:
        raise ValidationError(f"“{brand or sector}”示范点名额为{total}个，已备案{filed}个，不能再增加。")
    site = DemoSite(
        campaign=campaign, brand=brand, sector=sector, nominee=nominee, filed_by=actor, **unit_fields(unit)
    )
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError as exc:
        raise ValidationError("该示范点已备案。") from exc
    return site


# --- nominations ------------------------------------------------------------


def nomination_create(
    *, campaign: CampaignPage, title: LocalTitle, deeds: str, actor: AbstractBaseUser
) -> Nomination:
    """A draft nomination of a titled nominee; the honour is the title's brand or sector."""
    _require_owner(actor, title)
    nomination = Nomination(
        campaign=campaign,
        brand=title.brand,
        sector=title.sector,
        nominee=title.nominee,
        title=title,
        deeds=deeds,
        created_by=actor,
        county_id=title.county_id,
        department_id=title.department_id,
    )
    duplicate = rules.check_duplicate(nomination)
    if not duplicate.ok:
        raise ValidationError(duplicate.detail)
    with transaction.atomic():
        try:
            with transaction.atomic():
                nomination.save()
        except IntegrityError as exc:
            raise ValidationError("本年度已推荐过该对象。") from exc
        NominationEvent.objects.create(
            nomination=nomination, to_state=State.DRAFT, actor=actor, reason="创建草稿"
        )
    return nomination


def nomination_files_add(
    *, nomination: Nomination, photos, documents, actor: AbstractBaseUser
) -> list[NominationFile]:
    """Store checked uploads (portal.uploads) as the nomination's photos and attachments,
    in private storage under random names; only while its own unit may edit it."""
    if not rules.can_edit(actor, nomination):
        raise PermissionDenied("该推荐当前不可修改。")
    rows = []
    for kind, files in ((NominationFile.Kind.PHOTO, photos), (NominationFile.Kind.DOCUMENT, documents)):
        for upload in files:
            original = os.path.basename(upload.name)[:200]
            row = NominationFile(nomination=nomination, kind=kind, original_name=original, uploaded_by=actor)
            row.file.save(stored_name(original), upload, save=False)
            row.save()
            rows.append(row)
    return rows


def nomination_update(*, nomination: Nomination, deeds: str, actor: AbstractBaseUser) -> Nomination:
    if not rules.can_edit(actor, nomination):
        raise PermissionDenied("该推荐当前不可修改。")
    nomination.deeds = deeds
    nomination.save(update_fields=["deeds", "updated_at"])
    return nomination


def nomination_transition(
    *, nomination: Nomination, action: str, actor: AbstractBaseUser, reason: str = "", today=None
) -> Nomination:
    """The one function that moves a nomination (workflow.MOVES): validates the move,
    checks permission, locks the row, (re)checks eligibility, saves, logs who/when/why
    and queues the notification once the transaction commits."""
    with transaction.atomic():
        # of=("self",): lock this nomination only, not the campaign page it joins to
        # (which would serialise every submission in the city).
        locked = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("campaign", "title")
            .get(pk=nomination.pk)
        )
        move = find_move(locked.state, action)
        if move is None:
            raise ValidationError(f"“{locked.get_state_display()}”状态下不能执行此操作。")
        if not rules.can_move(actor, locked, move):
            raise PermissionDenied("无权执行此操作。")
        reason = reason.strip()
        if move.needs_reason and not reason:
            raise ValidationError("请填写理由。")
        if move.checks:
            checks = rules.eligibility(locked, stage=move.checks, today=today, lock=True)
            if not all(c.ok for c in checks):
                raise NotEligible(checks)
            locked.eligibility = [c.as_dict() for c in checks]
        source = locked.state
        locked.state = move.target
        if move.target == State.SUBMITTED:
            locked.submitted_at = timezone.now()
        locked.save(update_fields=["state", "eligibility", "submitted_at", "updated_at"])
        event = NominationEvent.objects.create(
            nomination=locked, from_state=source, to_state=move.target, actor=actor, reason=reason
        )
        transaction.on_commit(lambda: _notify(event.pk))
    nomination.refresh_from_db()
    return nomination


def _notify(event_id: int) -> None:
    from nominations.tasks import nomination_notify

    nomination_notify.enqueue(event_id=event_id)


def nomination_submit(*, nomination: Nomination, actor: AbstractBaseUser, today=None) -> Nomination:
    return nomination_transition(nomination=nomination, action="submit", actor=actor, today=today)


def nomination_withdraw(*, nomination: Nomination, actor: AbstractBaseUser, reason: str = "") -> Nomination:
    return nomination_transition(nomination=nomination, action="withdraw", actor=actor, reason=reason)


def nomination_accept(*, nomination: Nomination, actor: AbstractBaseUser) -> Nomination:
    return nomination_transition(nomination=nomination, action="accept", actor=actor)


def nomination_return(*, nomination: Nomination, actor: AbstractBaseUser, reason: str) -> Nomination:
    return nomination_transition(nomination=nomination, action="return", actor=actor, reason=reason)


# --- the office's records ------------------------------------------------------


def sanction_record(*, sanction: Sanction, actor: AbstractBaseUser) -> Sanction:
    """Record a disqualification or sanction (only the city office)."""
    if not portal_rules.is_city_office(actor):
        raise PermissionDenied("只有市综治办可以记录取消评先资格和处分。")
    sanction.recorded_by = actor
    sanction.full_clean()
    sanction.save()
    return sanction


def extension_grant(
    *,
    campaign: CampaignPage,
    unit: Jurisdiction | Department,
    milestone_key: str,
    until,
    reason: str,
    actor: AbstractBaseUser | None,
) -> Extension:
    """Let one unit act after a deadline, until a date (only the city office)."""
    if actor is not None and not portal_rules.is_city_office(actor):
        raise PermissionDenied("只有市综治办可以批准延期。")
    if not reason.strip():
        raise ValidationError("请填写延期理由。")
    return Extension.objects.create(
        campaign=campaign,
        milestone_key=milestone_key,
        until=until,
        reason=reason,
        granted_by=actor,
        **unit_fields(unit),
    )


# --- the office's review ---------------------------------------------------------

BULK_ACTIONS = ("accept", "return")  # what the review board may do to several at once


def nominations_bulk_move(
    *, nominations, action: str, actor: AbstractBaseUser, reason: str = ""
) -> list[tuple[Nomination, str | None]]:
    """The same move on several nominations, each through `nomination_transition` in its
    own transaction: one refusal does not stop the others. Returns (nomination, None) for
    each success and (nomination, why) for each refusal."""
    if action not in BULK_ACTIONS:
        raise ValidationError("不支持的批量操作。")
    results: list[tuple[Nomination, str | None]] = []
    for nomination in nominations:
        try:
            nomination_transition(nomination=nomination, action=action, actor=actor, reason=reason)
        except NotEligible as exc:
            results.append((nomination, str(exc)))
        except ValidationError as exc:
            results.append((nomination, "；".join(exc.messages)))
        except PermissionDenied as exc:
            results.append((nomination, str(exc) or "无权执行此操作。"))
        else:
            results.append((nomination, None))
    return results


def verification_record(
    *,
    nomination: Nomination,
    visited_on,
    inspectors,
    findings: str,
    passed: bool,
    photos=(),
    actor: AbstractBaseUser,
) -> Verification:
    """Record an on-site verification (实地核查) of an accepted nomination and move it:
    verified when it passed, rejected (with the findings as the reason) when not.
    No inspector may verify a nominee of their own county (our rule)."""
    if not portal_rules.is_city_office(actor):
        raise PermissionDenied("只有市综治办可以记录实地核查。")
    if nomination.state != State.ACCEPTED:
        raise ValidationError("只有形式审查通过的推荐可以记录实地核查。")
    inspectors = list(inspectors)
    findings = findings.strip()
    if not inspectors:
        raise ValidationError("请选择核查人员。")
    if not findings:
        raise ValidationError("请填写核查情况。")
    for inspector in inspectors:
        county = portal_rules.actor_for(inspector).county
        if county is not None and county.pk == nomination.county_id:
            name = inspector.get_full_name() or inspector.get_username()
            raise ValidationError(f"核查人员{name}来自{county}，不能核查本县（区）的推荐对象。")
    with transaction.atomic():
        verification = Verification.objects.create(
            nomination=nomination, visited_on=visited_on, findings=findings, passed=passed, recorded_by=actor
        )
        verification.inspectors.set(inspectors)
        for upload in photos:
            original = os.path.basename(upload.name)[:200]
            photo = VerificationPhoto(verification=verification, original_name=original)
            photo.file.save(stored_name(original), upload, save=False)
            photo.save()
        nomination_transition(
            nomination=nomination,
            action="verify" if passed else "reject",
            actor=actor,
            reason=f"实地核查（{visited_on:%Y-%m-%d}）：{findings}",
        )
    return verification

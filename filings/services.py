"""Changes to filings (DOMAIN.md §5). `filing_transition` is the one function that moves
a filing through `filings.workflow.MOVES`."""

from __future__ import annotations

import os
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import rules as campaign_rules
from filings import publishing, rules
from filings.enums import FilingState
from filings.models import Filing, FilingEvent, FilingFile
from filings.tasks import filing_notify
from filings.workflow import find_move
from nominations.storage import stored_name
from portal import rules as portal_rules
from portal.models.units import unit_fields


def filing_save(*, filing: Filing, actor: AbstractBaseUser) -> Filing:
    """Create a draft of the actor's unit for a kind of its role, or update one it may
    still edit (a draft, or a filing returned for correction)."""
    if filing.pk is None:
        unit = portal_rules.actor_for(actor).unit
        if unit is None:
            raise PermissionDenied("只有县（区）和市级部门可以报送材料。")
        if not rules.files_kind(unit, filing.kind):
            raise ValidationError(f"“{filing.kind.name}”不是本单位需要报送的材料。")
        for field, value in unit_fields(unit).items():
            setattr(filing, field, value)
        filing.campaign_id = filing.kind.campaign_id
        filing.created_by = actor
        filing.state = FilingState.DRAFT
    elif not rules.can_edit(actor, filing):
        raise PermissionDenied("该材料当前不可修改。")
    if filing.brand_name and not filing.kind.asks_brand_name:
        filing.brand_name = ""
    filing.full_clean()
    with transaction.atomic():
        created = filing.pk is None
        try:
            with transaction.atomic():
                filing.save()
        except IntegrityError as exc:
            raise ValidationError(f"本单位已有“{filing.kind.name}”，请修改原材料。") from exc
        if created:
            FilingEvent.objects.create(
                filing=filing, to_state=FilingState.DRAFT, actor=actor, reason="创建草稿"
            )
    return filing


def filing_files_add(*, filing: Filing, files, actor: AbstractBaseUser) -> list[FilingFile]:
    """Store checked uploads (portal.uploads) in private storage, while the unit may edit."""
    if not rules.can_edit(actor, filing):
        raise PermissionDenied("该材料当前不可修改。")
    rows = []
    for upload in files:
        original = os.path.basename(upload.name)[:200]
        row = FilingFile(filing=filing, original_name=original, uploaded_by=actor)
        row.file.save(stored_name(original), upload, save=False)
        row.save()
        rows.append(row)
    return rows


def filing_transition(
    *, filing: Filing, action: str, actor: AbstractBaseUser, reason: str = "", today=None
) -> Filing:
    """Validate the move, check permission, lock the row, check the due date (or the
    unit's extension), save and log who/when/why."""
    with transaction.atomic():
        locked = (
            Filing.objects.select_for_update(of=("self",))
            .select_related("kind", "campaign")
            .get(pk=filing.pk)
        )
        move = find_move(locked.state, action)
        if move is None or (move.approval_only and not locked.kind.needs_approval):
            raise ValidationError(f"“{locked.get_state_display()}”状态下不能执行此操作。")
        if not rules.can_move(actor, locked, move):
            raise PermissionDenied("无权执行此操作。")
        reason = reason.strip()
        if move.needs_reason and not reason:
            raise ValidationError("请填写退回意见。")
        if move.on_time:
            status = campaign_rules.phase_status(
                campaign=locked.campaign, unit=locked.unit, key=locked.kind.key, today=today
            )
            if not status.open:
                raise ValidationError(f"“{locked.kind.name}”{status.detail}，请向市综治办申请延期后再报送。")
            if locked.kind.asks_brand_name and not locked.brand_name.strip():
                raise ValidationError("请填写本领域的创建品牌名称。")
        if move.target == FilingState.ISSUED:  # refused before anything is saved
            publishing.plan_sector_page(filing=locked)
        source = locked.state
        locked.state = move.target
        if move.target == FilingState.SUBMITTED:
            locked.submitted_at = timezone.now()
        locked.save(update_fields=["state", "submitted_at", "updated_at"])
        if move.target == FilingState.ISSUED:
            publishing.plan_page_publish(filing=locked, actor=actor, today=today)
        event = FilingEvent.objects.create(
            filing=locked, from_state=source, to_state=move.target, actor=actor, reason=reason
        )
        transaction.on_commit(partial(filing_notify.enqueue, event_id=event.pk))
    filing.refresh_from_db()
    return filing


def filing_submit(*, filing: Filing, actor: AbstractBaseUser, today=None) -> Filing:
    return filing_transition(filing=filing, action="submit", actor=actor, today=today)


def filing_return(*, filing: Filing, actor: AbstractBaseUser, reason: str) -> Filing:
    return filing_transition(filing=filing, action="return", actor=actor, reason=reason)


def filing_accept(*, filing: Filing, actor: AbstractBaseUser, reason: str = "") -> Filing:
    return filing_transition(filing=filing, action="accept", actor=actor, reason=reason)

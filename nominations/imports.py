"""Applying an uploaded spreadsheet: every row, or nothing.

The readers in `nominations.excel` check a whole file first (and report every
problem at once); what they return is applied here in one transaction, row by
row through the same services the forms use (`services.nominee_save`,
`services.title_record`, `services.nomination_create`), so a row gets exactly the
checks a form submission would. If any row still fails (a rule the reader does
not know, or another operator's change in between), the transaction is rolled
back and the failures are raised as one `WorkbookError` naming their rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from campaigns.models import CampaignPage
from nominations import services
from nominations.enums import State
from nominations.excel import WorkbookError, WorkbookIssue, read_nomination_workbook, read_title_workbook
from nominations.models import LocalTitle, Nomination, NominationEvent, Nominee
from nominations.models.nominations import INACTIVE_STATES
from portal import rules as portal_rules
from portal.models import Department, Jurisdiction
from portal.models.units import unit_q

CONFLICT = "与其他记录冲突（可能刚被他人修改），请刷新后重试"


@dataclass(frozen=True)
class TitleImportResult:
    titles: int
    nominees_created: int
    nominees_reused: int


@dataclass(frozen=True)
class NominationImportResult:
    created: int
    nominations: list[Nomination]


def importing_unit(actor: AbstractBaseUser) -> Jurisdiction | Department:
    """The county or department an import is for: the actor's own. The city office
    (and an account without a unit) imports nothing here."""
    if not (portal_rules.is_county_operator(actor) or portal_rules.is_department_operator(actor)):
        raise PermissionDenied("只有县（区）和市级部门的账号可以导入本单位的表格。")
    return portal_rules.actor_for(actor).unit


def titles_import(*, data: bytes, actor: AbstractBaseUser) -> TitleImportResult:
    """Import the actor's unit's county (sector) naming list: create or reuse each
    nominee, record each title. Raises WorkbookError and writes nothing if any row
    is bad."""
    unit = importing_unit(actor)
    parsed = read_title_workbook(data, unit=unit)
    errors: list[WorkbookIssue] = []
    created: dict[tuple, Nominee] = {}
    reused: set[int] = set()
    titles = 0
    with transaction.atomic():
        for row in parsed.rows:
            nominee = row.nominee or created.get(row.identity)
            fresh = nominee is None
            try:
                with transaction.atomic():
                    if fresh:
                        nominee = services.nominee_save(nominee=row.new_nominee(), actor=actor)
                    services.title_record(title=row.title(nominee), actor=actor)
            except ValidationError as exc:
                errors.append(WorkbookIssue(message=describe(exc), sheet=parsed.sheet, row=row.row))
                continue
            except IntegrityError:
                errors.append(WorkbookIssue(message=CONFLICT, sheet=parsed.sheet, row=row.row))
                continue
            titles += 1
            if fresh:
                created[row.identity] = nominee
            elif row.nominee is not None:
                reused.add(nominee.pk)
        if errors:
            raise WorkbookError(errors)  # leaving the block rolls every row back
    return TitleImportResult(titles=titles, nominees_created=len(created), nominees_reused=len(reused))


def nominations_import(
    *, data: bytes, actor: AbstractBaseUser, campaign: CampaignPage
) -> NominationImportResult:
    """Create a draft nomination for each row of the actor's unit's batch 推荐汇总表.
    Raises WorkbookError and creates nothing if any row is bad. Submitting (and the
    eligibility checks that go with it) stays a separate step per nomination.

    The rows get what `services.nomination_create` checks (the title is the unit's own:
    the reader matches only the unit's titles; not nominated twice: checked again here
    in one query, and by the database's unique constraints), then are written in bulk
    with their 创建草稿 events: a fixed number of queries plus one INSERT per batch."""
    unit = importing_unit(actor)
    parsed = read_nomination_workbook(data, unit=unit, campaign=campaign)
    nominations = [
        Nomination(
            campaign=campaign,
            brand_id=row.title.brand_id,
            sector_id=row.title.sector_id,
            nominee_id=row.title.nominee_id,
            title=row.title,
            deeds=row.deeds,
            created_by=actor,
            county_id=row.title.county_id,
            department_id=row.title.department_id,
        )
        for row in parsed.rows
    ]
    with transaction.atomic():
        conflicts = _taken(campaign, unit, parsed)
        if not conflicts:
            try:
                with transaction.atomic():
                    Nomination.objects.bulk_create(nominations, batch_size=BATCH)
            except IntegrityError:  # another operator nominated one of them in between
                conflicts = _taken(campaign, unit, parsed) or [
                    WorkbookIssue(message=CONFLICT, sheet=parsed.sheet)
                ]
        if conflicts:
            raise WorkbookError(conflicts)
        NominationEvent.objects.bulk_create(
            [
                NominationEvent(nomination=n, to_state=State.DRAFT, actor=actor, reason="创建草稿")
                for n in nominations
            ],
            batch_size=BATCH,
        )
    return NominationImportResult(created=len(nominations), nominations=nominations)


BATCH = 1000  # rows per INSERT (the backend may cap it lower: SQLite's 999 parameters)


def _taken(campaign: CampaignPage, unit, parsed) -> list[WorkbookIssue]:
    """Rows whose nominee already has a live nomination for the same brand (sector) in
    `campaign` (one query over the unit's nominations)."""
    live = {
        (nominee, brand, sector): State(state).label
        for nominee, brand, sector, state in Nomination.objects.filter(unit_q(unit), campaign=campaign)
        .exclude(state__in=INACTIVE_STATES)
        .values_list("nominee_id", "brand_id", "sector_id", "state")
    }
    issues = []
    for row in parsed.rows:
        state = live.get((row.title.nominee_id, row.title.brand_id, row.title.sector_id))
        if state is not None:
            issues.append(
                WorkbookIssue(
                    message=f"本年度已推荐过该对象（当前状态：{state}）",
                    sheet=parsed.sheet,
                    row=row.row,
                    column=row.column,
                )
            )
    return issues


def describe(exc: ValidationError) -> str:
    """A model's ValidationError as one line: “身份证号码：…；文号：…”."""
    if not hasattr(exc, "error_dict"):
        return "；".join(m.rstrip("。") for m in exc.messages)
    parts = []
    for name, errors in exc.message_dict.items():
        label = "" if name == NON_FIELD_ERRORS else _label(name)
        for message in errors:
            message = message.rstrip("。")
            parts.append(f"{label}：{message}" if label else message)
    return "；".join(parts)


def _label(name: str) -> str:
    for model in (Nominee, LocalTitle, Nomination):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name

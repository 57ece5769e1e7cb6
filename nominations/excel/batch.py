"""The batch template of the 推荐汇总表: many draft nominations from one file, all or nothing."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape
from openpyxl import Workbook

from campaigns.models import Brand, CampaignPage, Sector
from nominations.enums import State
from nominations.models import LocalTitle, Nomination
from nominations.models.nominations import INACTIVE_STATES
from portal.models import Department, Jurisdiction
from portal.models.units import unit_q
from portal.xlsx import (
    cell_at,
    neutralise,
    style_table,
    style_title,
    workbook_bytes,
)

from .common import (
    EXAMPLE_FONT,
    HEADER_FILL,
    LEFT,
    NOTE_FONT,
    REQUIRED_FONT,
    Column,
    Issues,
    WorkbookError,
    WorkbookIssue,
    add_list_validation,
    cell_text,
    check_length,
    find_columns,
    header_comment,
    honour_keys,
    honour_label,
    is_empty,
    is_example,
    normalise,
    open_sheet,
    parse_year,
    report_formulas,
    today,
)
from .summary import (
    MAX_DEEDS,
    SUMMARY_SHEET,
    TEMPLATE_ROWS,
    TITLES_SHEET,
    _level,
    summary_title,
)
from .titles import honours_for


def batch_columns(unit: Jurisdiction | Department) -> list[Column]:
    nominee_aliases = tuple(
        f"推荐对象（须已登记{level}命名）" for level in ("县级", "领域") if level != _level(unit)
    )
    return [
        Column("serial", "序号"),
        Column("honour", "品牌（领域）", ("品牌", "命名品牌（或领域）", "命名品牌", "领域")),
        Column(
            "nominee",
            f"推荐对象（须已登记{_level(unit)}命名）",
            ("推荐对象", "名称或姓名", *nominee_aliases),
        ),
        Column("year", "命名年度", ("年度",)),
        Column("deeds", "事迹材料（简要）", ("事迹材料", "简要事迹", "主要事迹")),
    ]


def batch_title(unit: Jurisdiction | Department, campaign: CampaignPage) -> str:
    return f"{unit.name}{summary_title(campaign)}"


def write_nomination_template(*, unit: Jurisdiction | Department, campaign: CampaignPage) -> bytes:
    """The unit's batch 推荐汇总表 to fill: title, a note, the header, an example row;
    a dropdown of the unit's brands (sectors) and of its titled nominees; a second
    sheet listing the titles the unit has recorded (no ID or phone numbers)."""
    honours = honours_for(unit)
    titles = list(_unit_titles(unit))
    nominated = _nominated(campaign=campaign, nominee_ids={t.nominee_id for t in titles})
    columns = batch_columns(unit)
    level = _level(unit)

    workbook = Workbook()
    workbook.properties.creator = settings.WAGTAIL_SITE_NAME
    workbook.properties.title = batch_title(unit, campaign)
    ws = workbook.active
    ws.title = SUMMARY_SHEET
    last = len(columns)
    style_title(ws, row=1, last_column=last, text=batch_title(unit, campaign))
    note = (
        f"填表说明：每行推荐一个已获{level}命名的对象；推荐对象须与“{TITLES_SHEET}”工作表中的名称一致，"
        f"命名年度为该{level}命名的年度（只有一个命名时可不填）。导入后生成推荐草稿，"
        "须在工作台逐个核对并提交（提交时审查命名、名额、申报期限等资格）。第4行为示例，导入时自动忽略。"
    )
    ws.cell(row=2, column=1, value=note).font = NOTE_FONT
    ws.cell(row=2, column=1).alignment = LEFT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.row_dimensions[2].height = 48
    comments = {
        "honour": "从下拉列表中选择。",
        "nominee": f"已登记{level}命名的集体、家庭或个人的名称（姓名）。",
        "year": f"{level}命名的年度，如{campaign.year}。",
        "deeds": f"简要事迹，不超过{MAX_DEEDS}字；详细事迹材料、照片和附件在工作台的推荐页面补充。",
    }
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=3, column=index, value=column.header)
        if column.key in comments:
            cell.comment = header_comment(comments[column.key])
    example = titles[0] if titles else None
    values = [
        "示例",
        honour_label(example.honour) if example else (honour_label(honours[0]) if honours else ""),
        neutralise(example.nominee.name) if example else "XX村",
        example.year if example else campaign.year,
        "（简要事迹，如：近三年无刑事案件、无重大安全事故，群众安全感满意度98%以上……）",
    ]
    for index, value in enumerate(values, start=1):
        ws.cell(row=4, column=index, value=value)
    style_table(ws, first_row=3, last_row=4, last_column=last, header_rows=(3,))
    for index, column in enumerate(columns, start=1):
        header = ws.cell(row=3, column=index)
        header.fill = HEADER_FILL
        if column.key in ("honour", "nominee"):
            header.font = REQUIRED_FONT
        ws.cell(row=4, column=index).font = EXAMPLE_FONT
    ws.cell(row=4, column=last).alignment = LEFT
    for key, width in zip(("A", "B", "C", "D", "E"), (6, 22, 30, 10, 70), strict=True):
        ws.column_dimensions[key].width = width
    ws.row_dimensions[3].height = 30
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "3:3"

    # The titles, for reference and as the nominee dropdown's source.
    listing = workbook.create_sheet(TITLES_SHEET)
    listing_headers = ["品牌（领域）", "名称或姓名", "命名年度", "文号", "命名单位", "本年度推荐"]
    for index, label in enumerate(listing_headers, start=1):
        listing.cell(row=1, column=index, value=label)
    for row, title in enumerate(titles, start=2):
        state = nominated.get((title.nominee_id, title.brand_id, title.sector_id))
        for index, value in enumerate(
            [
                honour_label(title.honour),
                neutralise(title.nominee.name),
                title.year,
                neutralise(title.document_number),
                neutralise(title.issuing_body),
                f"已推荐（{state}）" if state else "",
            ],
            start=1,
        ):
            listing.cell(row=row, column=index, value=value)
    style_table(listing, first_row=1, last_row=len(titles) + 1, last_column=6, header_rows=(1,))
    for key, width in zip(("A", "B", "C", "D", "E", "F"), (20, 28, 10, 22, 26, 18), strict=True):
        listing.column_dimensions[key].width = width
    listing.freeze_panes = "A2"

    first, end = 5, 4 + TEMPLATE_ROWS
    option_sheet = workbook.create_sheet("选项")
    option_sheet.sheet_state = "hidden"
    for row, honour in enumerate(honours, start=1):
        option_sheet.cell(row=row, column=1, value=honour_label(honour))
    if honours:
        add_list_validation(
            ws,
            source=f"选项!$A$1:$A${len(honours)}",
            cells=f"B{first}:B{end}",
            title="品牌（领域）",
            prompt="从下拉列表中选择",
        )
    if titles:
        add_list_validation(
            ws,
            source=f"'{TITLES_SHEET}'!$B$2:$B${len(titles) + 1}",
            cells=f"C{first}:C{end}",
            title="推荐对象",
            prompt=f"已登记{level}命名的对象",
            strict=False,
        )
    for row in range(first, end + 1):
        ws.cell(row=row, column=last).alignment = LEFT
    return workbook_bytes(workbook)


def _unit_titles(unit: Jurisdiction | Department):
    return (
        LocalTitle.objects.filter(unit_q(unit))
        .select_related("nominee", "brand", "sector")
        .defer("nominee__id_number", "nominee__mobile")
        .order_by("brand__sort_order", "sector__sort_order", "nominee__name", "-year", "pk")
    )


def _nominated(*, campaign: CampaignPage, nominee_ids: set[int]) -> dict[tuple, str]:
    """(nominee, brand, sector) → state label of a live nomination in `campaign`."""
    if not nominee_ids:
        return {}
    rows = (
        Nomination.objects.filter(campaign=campaign, nominee_id__in=nominee_ids)
        .exclude(state__in=INACTIVE_STATES)
        .values_list("nominee_id", "brand_id", "sector_id", "state")
    )
    return {(nominee, brand, sector): State(state).label for nominee, brand, sector, state in rows}


# --- reading the batch back --------------------------------------------------------------

# A batch may list a county's whole year (the naming lists' 3,000-row limit is too low);
# the upload's byte limits still apply.
BATCH_MAX_ROWS = 20_000


def deeds_html(text: str) -> str:
    """Plain text from a cell as the rich text the nomination form edits: one
    paragraph per line, escaped."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


# What matching needs of a title, in the model's field order (as `Model.from_db` expects).
TITLE_FIELDS = tuple(
    f.attname
    for f in LocalTitle._meta.concrete_fields
    if f.attname
    in {"id", "nominee_id", "brand_id", "sector_id", "year", "named_on", "county_id", "department_id"}
)
_Title = namedtuple("_Title", TITLE_FIELDS)


@dataclass
class NominationRow:
    row: int
    title: LocalTitle
    deeds: str  # HTML
    column: str | None = None  # the nominee's column, for a problem found when applying


@dataclass
class ParsedNominations:
    sheet: str
    rows: list[NominationRow] = field(default_factory=list)


def read_nomination_workbook(
    data: bytes, *, unit: Jurisdiction | Department, campaign: CampaignPage
) -> ParsedNominations:
    """Parse the batch 推荐汇总表 of `unit` for `campaign`. Each row is matched to one
    of the unit's titles by nominee name + brand (sector) + year. Raises
    WorkbookError listing every problem; returns the rows only when there is none.
    Runs a fixed number of queries."""
    sheet, rows = open_sheet(data, names=(SUMMARY_SHEET,), max_rows=BATCH_MAX_ROWS)
    errors: list[WorkbookIssue] = []
    issues = Issues(sheet, errors)
    parsed = ParsedNominations(sheet=sheet)
    columns = batch_columns(unit)
    report_formulas(rows, issues)
    found = find_columns(rows, columns, issues)
    if found is None or any(c.key not in found[1] for c in columns):
        raise WorkbookError(errors)
    header_row, positions = found
    level = _level(unit)

    honours: dict[str, Brand | Sector] = {}
    for honour in honours_for(unit):
        for key in honour_keys(honour):
            honours.setdefault(key, honour)
    # The unit's titles as plain tuples (a county may hold thousands): one query, no
    # model instances until a row is matched.
    by_name: dict[tuple, list[tuple]] = {}
    nominee_ids = set()
    for title in LocalTitle.objects.filter(unit_q(unit)).values_list(*TITLE_FIELDS, "nominee__name"):
        record = _Title(*title[:-1])
        key = ("Brand", record.brand_id) if record.brand_id is not None else ("Sector", record.sector_id)
        by_name.setdefault((*key, normalise(title[-1])), []).append(record)
        nominee_ids.add(record.nominee_id)
    nominated = _nominated(campaign=campaign, nominee_ids=nominee_ids)
    latest = today().year
    seen: dict[tuple, int] = {}

    for row_number in range(header_row + 1, len(rows) + 1):
        cells = {key: cell_at(rows, row_number, column) for key, column in positions.items()}
        if is_empty(cells) or is_example(cells):
            continue
        before = len(errors)
        honour_text = cell_text(cells["honour"])
        honour = honours.get(normalise(honour_text)) if honour_text else None
        if not honour_text:
            if not cells["honour"].is_formula:
                issues.add("缺少品牌（领域）", cell=cells["honour"])
        elif honour is None:
            known = "、".join(dict.fromkeys(honour_label(h) for h in honours.values())) or "无"
            issues.add(f"未知的品牌（领域）“{honour_text}”（本单位可推荐：{known}）", cell=cells["honour"])
        name = cell_text(cells["nominee"])
        if not name and not cells["nominee"].is_formula:
            issues.add("缺少推荐对象", cell=cells["nominee"])
        year, problem = parse_year(cells["year"], latest=latest)
        if problem:
            issues.add(problem, cell=cells["year"])
        deeds = cell_text(cells["deeds"])
        check_length(deeds, limit=MAX_DEEDS, label="事迹材料（简要）", cell=cells["deeds"], issues=issues)
        if len(errors) > before or honour is None or not name:
            continue

        label = honour_label(honour)
        candidates = by_name.get((type(honour).__name__, honour.pk, normalise(name)), [])
        matching = [t for t in candidates if year is None or t.year == year]
        if not matching:
            if candidates:
                years = "、".join(str(y) for y in sorted({t.year for t in candidates}, reverse=True))
                issues.add(
                    f"“{name}”没有{year}年度“{label}”的{level}命名（已登记的年度：{years}）",
                    cell=cells["year"],
                )
            else:
                issues.add(
                    f"“{name}”没有已登记的“{label}”{level}命名，请先登记（或导入）{level}命名名单",
                    cell=cells["nominee"],
                )
            continue
        nominees = {t.nominee_id for t in matching}
        if len(nominees) > 1:
            issues.add(
                f"有{len(nominees)}个名为“{name}”的对象获得“{label}”{level}命名，无法区分，请在工作台逐个推荐",
                cell=cells["nominee"],
            )
            continue
        # the newest when no year is given
        title = LocalTitle.from_db(
            None, TITLE_FIELDS, max(matching, key=lambda t: (t.year, t.named_on, t.id))
        )
        key = (title.nominee_id, title.brand_id, title.sector_id)
        if key in seen:
            issues.add(f"与第{seen[key]}行重复（同一对象、同一品牌（领域））", cell=cells["nominee"])
            continue
        seen[key] = row_number
        if key in nominated:
            issues.add(
                f"“{name}”本年度已推荐为“{label}”（当前状态：{nominated[key]}），不能重复推荐",
                cell=cells["nominee"],
            )
            continue
        parsed.rows.append(
            NominationRow(
                row=row_number, title=title, deeds=deeds_html(deeds), column=cells["nominee"].column_letter
            )
        )

    if not errors and not parsed.rows:
        issues.add("没有可导入的数据行（第4行示例不导入）")
    if errors:
        raise WorkbookError(errors)
    return parsed


def template_filename(unit, campaign: CampaignPage) -> str:
    return f"{unit.name}{campaign.year}年度推荐汇总表（批量推荐模板）.xlsx"

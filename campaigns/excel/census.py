"""The county census workbook (单位基数): how many towns, villages, communities, units,
compounds and streets each county has — the denominators of creation coverage.

Layout (the office's usual one): sheet 「单位基数」, a title row
「{city}{year}年各县（区）单位基数」, a header row 县（区） | 镇（办） | 村 | 社区 | 单位 |
小区（楼院） | 街道, one row per county of the city (a blank cell is 0) and an optional
合计 row that must equal the column sums. `read_census_workbook` collects every problem
(sheet, row, column) and raises them together; it writes nothing.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from openpyxl import Workbook

from campaigns.models import CampaignPage, UnitCensus
from campaigns.selectors import counties_of
from portal.xlsx import (
    SheetCell,
    XlsxRefused,
    cell_at,
    neutralise,
    open_workbook,
    read_sheet,
    style_table,
    style_title,
)
from portal.xlsx import workbook_bytes as _bytes

from .common import Issues, WorkbookError, WorkbookIssue, is_total_label, normalise, parse_quota

CENSUS_SHEET = "单位基数"
CENSUS_LABEL_HEADER = "县（区）"
# (UnitCensus field, column header), in the layout's order.
CENSUS_COLUMNS = [
    ("towns", "镇（办）"),
    ("villages", "村"),
    ("communities", "社区"),
    ("units", "单位"),
    ("compounds", "小区（楼院）"),
    ("streets", "街道"),
]
CENSUS_FIELDS = [f for f, _ in CENSUS_COLUMNS]
TOTAL_LABEL = "合计"
MAX_ROWS = 500
MAX_COLUMNS = 50
_YEAR = re.compile(r"(\d{4})年")


def census_sheet_title(campaign: CampaignPage) -> str:
    """“商洛市2018年各县（区）单位基数”."""
    return f"{campaign.city.name}{campaign.year}年各县（区）单位基数"


def census_for_year(*, campaign: CampaignPage) -> dict[int, UnitCensus]:
    """Each county's census for the campaign year: its own row, or the latest earlier one."""
    rows: dict[int, UnitCensus] = {}
    for census in UnitCensus.objects.filter(
        county__parent_id=campaign.city_id, year__lte=campaign.year
    ).order_by("year"):
        rows[census.county_id] = census
    return rows


def write_census_workbook(*, campaign: CampaignPage) -> bytes:
    """The counties' census as the import reads it; a county with no census for the year
    (nor an earlier one) has blank cells. A 0 is written as 0."""
    workbook = Workbook()
    workbook.properties.creator = settings.WAGTAIL_SITE_NAME
    workbook.properties.title = census_sheet_title(campaign)
    workbook.properties.created = workbook.properties.modified = datetime.datetime.now(datetime.UTC).replace(
        tzinfo=None, microsecond=0
    )
    ws = workbook.active
    ws.title = CENSUS_SHEET
    last_column = 1 + len(CENSUS_COLUMNS)
    style_title(ws, row=1, last_column=last_column, text=census_sheet_title(campaign))
    ws.append([CENSUS_LABEL_HEADER, *(label for _, label in CENSUS_COLUMNS)])
    census = census_for_year(campaign=campaign)
    totals = dict.fromkeys(CENSUS_FIELDS, 0)
    for county in counties_of(city=campaign.city):
        row = census.get(county.pk)
        values = [getattr(row, f) if row else None for f in CENSUS_FIELDS]
        for f, value in zip(CENSUS_FIELDS, values, strict=True):
            totals[f] += value or 0
        ws.append([neutralise(county.name), *values])
    ws.append([TOTAL_LABEL, *(totals[f] for f in CENSUS_FIELDS)])
    style_table(
        ws,
        first_row=2,
        last_row=ws.max_row,
        last_column=last_column,
        header_rows=(2,),
        bold_rows=(ws.max_row,),
    )
    ws.column_dimensions["A"].width = 26
    for letter in "BCDEFG":
        ws.column_dimensions[letter].width = 13
    ws.freeze_panes = "B3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    return _bytes(workbook)


def read_census_workbook(data: bytes, *, campaign: CampaignPage) -> dict[int, dict[str, int]]:
    """{county_id: {field: count}} for every county of `campaign.city`.

    Raises WorkbookError listing every problem (sheet, row, column, message); returns
    only when there is none.
    """
    try:
        workbook = open_workbook(data)
    except XlsxRefused as exc:
        raise WorkbookError([WorkbookIssue(message=exc.message)]) from exc
    errors: list[WorkbookIssue] = []
    parsed: dict[int, dict[str, int]] = {}
    try:
        names = {normalise(ws.title): ws for ws in workbook.worksheets}
        sheet = names.get(normalise(CENSUS_SHEET))
        if sheet is None and len(workbook.worksheets) == 1:
            sheet = workbook.worksheets[0]  # renamed by hand (Sheet1): the header decides
        if sheet is None:
            errors.append(WorkbookIssue(message=f"缺少工作表“{CENSUS_SHEET}”"))
        else:
            try:
                rows = read_sheet(sheet, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
            except XlsxRefused as exc:
                errors.append(WorkbookIssue(message=exc.message))
            else:
                _read_sheet(rows, campaign=campaign, issues=Issues(sheet.title, errors), parsed=parsed)
    finally:
        workbook.close()
    if errors:
        raise WorkbookError(errors)
    return parsed


def _shown(cell: SheetCell) -> str:
    return str(cell.value).strip()


def _header(rows, *, campaign: CampaignPage, issues: Issues) -> tuple[SheetCell | None, dict[int, str]]:
    """The 县（区） header cell and {column: field}; problems of the header and title."""
    for row in rows:
        for cell in row:
            if cell.is_formula:
                issues.add(f"单元格含有公式“{cell.value}”，请将公式转为数值后再导入", cell=cell)
    wanted = normalise(CENSUS_LABEL_HEADER)
    header = next((c for row in rows for c in row if not c.is_formula and normalise(c.value) == wanted), None)
    if header is None:
        issues.add(f"找不到表头“{CENSUS_LABEL_HEADER}”")
        return None, {}
    for row in rows[: header.row - 1]:
        for cell in row:
            for year in (int(y) for y in _YEAR.findall(normalise(cell.value))):
                if year != campaign.year:
                    issues.add(f"标题中的年度“{year}”与创建活动的年度“{campaign.year}”不符", cell=cell)
    labels = {normalise(label): (f, label) for f, label in CENSUS_COLUMNS}
    columns: dict[int, str] = {}
    seen: dict[str, SheetCell] = {}
    for cell in rows[header.row - 1]:
        if cell.column <= header.column or cell.is_blank or cell.is_formula:
            continue
        known = labels.get(normalise(cell.value))
        if known is None:
            issues.add(f"未知的列“{_shown(cell)}”", cell=cell)
        elif known[0] in seen:
            issues.add(f"列“{known[1]}”重复（已在{seen[known[0]].column_letter}列）", cell=cell)
        else:
            columns[cell.column] = known[0]
            seen[known[0]] = cell
    missing = [label for f, label in CENSUS_COLUMNS if f not in seen]
    if missing:
        issues.add(f"缺少列：{'、'.join(missing)}", row=header.row)
    return header, columns


def _read_sheet(rows, *, campaign: CampaignPage, issues: Issues, parsed: dict[int, dict[str, int]]) -> None:
    header, columns = _header(rows, campaign=campaign, issues=issues)
    if header is None:
        return
    label_column = header.column
    headed = {label_column, *columns}
    labels = dict(CENSUS_COLUMNS)
    counties = {normalise(c.name): c for c in counties_of(city=campaign.city)}
    seen: dict[int, int] = {}
    sums = dict.fromkeys(columns, 0)
    unreliable: set[int] = set()
    total_row: int | None = None
    for row in rows[header.row :]:
        if not row:
            continue
        label = cell_at(rows, row[0].row, label_column)
        if total_row is not None:
            misplaced = counties.get(normalise(label.value))
            if misplaced is not None:
                issues.add(f"县（区）“{misplaced.name}”位于“合计”行之后", cell=label)
                seen.setdefault(misplaced.pk, label.row)
            continue
        if label.is_blank or label.is_formula:
            if not label.is_formula and any(not c.is_blank for c in row if c.column > label_column):
                issues.add("缺少县（区）名称", cell=label)
            continue
        for stray in (
            c for c in row if c.column > label_column and c.column not in headed and not c.is_blank
        ):
            issues.add(f"“{_shown(stray)}”所在列没有表头", cell=stray)
        if is_total_label(label.value):
            total_row = label.row
            continue
        county = counties.get(normalise(label.value))
        if county is None:
            issues.add(f"未知的县（区）“{_shown(label)}”，不属于{campaign.city.name}", cell=label)
            unreliable.update(columns)
            continue
        if county.pk in seen:
            issues.add(f"县（区）“{county.name}”重复出现（已在第{seen[county.pk]}行）", cell=label)
            unreliable.update(columns)
            continue
        seen[county.pk] = label.row
        counts = dict.fromkeys(CENSUS_FIELDS, 0)
        for column, field in columns.items():
            cell = cell_at(rows, label.row, column)
            value, problem = parse_quota(cell, what=labels[field])
            if value is None:
                unreliable.add(column)
                if problem:
                    issues.add(problem, cell=cell)
                continue
            counts[field] = value
            sums[column] += value
        parsed[county.pk] = counts

    missing = [c.name for c in counties.values() if c.pk not in seen]
    if missing:
        issues.add(f"缺少县（区）：{'、'.join(missing)}")
    if total_row is None:
        return  # the 合计 row is optional
    for column, field in columns.items():
        cell = cell_at(rows, total_row, column)
        value, problem = parse_quota(cell, what=TOTAL_LABEL)
        if problem:
            issues.add(problem, cell=cell)
        elif value is not None and column not in unreliable and value != sums[column]:
            issues.add(f"“{labels[field]}”合计“{value}”与本列各县（区）之和“{sums[column]}”不符", cell=cell)

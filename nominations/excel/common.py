"""What the county naming list and the 推荐汇总表 share: reading cells as text,
numbers and dates, finding the header row, the example row, and the look of
the templates.

Errors use `campaigns.excel`'s types (`WorkbookIssue`, `WorkbookError`,
`Issues`), so every importer of the portal reports the same way:
「工作表“县级命名名单”第5行C列：…」, every problem at once, nothing written.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from campaigns.excel import WorkbookError, WorkbookIssue, normalise
from campaigns.excel.common import Issues
from campaigns.models import Sector
from portal.models.units import unit_city  # noqa: F401  (re-exported)
from portal.xlsx import FORMULA_PREFIXES, SheetCell, XlsxRefused, open_workbook, read_sheet
from portal.xlsx import XLSX_CONTENT_TYPE as XLSX_CONTENT_TYPE  # re-exported by the package

EXAMPLE_LABEL = "示例"  # a row whose 序号 reads 示例 is the template's example, never imported
SERIAL_HEADER = "序号"
OPTIONS_SHEET = "选项"
MAX_ROWS = 3000
MAX_COLUMNS = 60
MIN_YEAR = 1990
# Excel date serials a person may plausibly mean (1970-01-01 … 2064-04-12); a bare
# number outside this range (2018, 20181120) is not taken for a date.
_SERIAL_RANGE = (25569, 60000)
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR = re.compile(r"(\d{4})(?:年度|年)?")

__all__ = ["Issues", "WorkbookError", "WorkbookIssue", "normalise"]


# --- units -------------------------------------------------------------------------


def honour_label(honour) -> str:
    """A brand's name; a sector as its named brand, or “交通运输领域” until it has one."""
    if isinstance(honour, Sector):
        return honour.brand_name or f"{honour.name}领域"
    return honour.name


def honour_keys(honour) -> set[str]:
    """Every spelling an operator may type for a brand or sector (normalised)."""
    if isinstance(honour, Sector):
        keys = {honour.name, f"{honour.name}领域", honour_label(honour)}
        if honour.brand_name:
            keys |= {honour.brand_name, f"{honour.name}领域（{honour.brand_name}）"}
        return {normalise(k) for k in keys}
    return {normalise(honour.name)}


# --- reading cells -----------------------------------------------------------------


def shown(value: object) -> str:
    """A cell's value as the message quotes it."""
    if isinstance(value, float):
        return format(value, "g")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def cell_text(cell: SheetCell) -> str:
    """Text as typed, trimmed; whole numbers without ".0"; the apostrophe our own
    exports put before "=…" dropped. Blank and formula cells give ""."""
    if cell.is_blank or cell.is_formula:
        return ""
    value = cell.value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        text = text[1:]
    return text


def parse_year(cell: SheetCell, *, latest: int) -> tuple[int | None, str | None]:
    """A year cell → (year, None) or (None, problem); blank gives (None, None)."""
    if cell.is_blank or cell.is_formula:
        return None, None
    value = cell.value
    year: int | None = None
    if isinstance(value, bool):
        year = None
    elif isinstance(value, int):
        year = value
    elif isinstance(value, float) and value.is_integer():
        year = int(value)
    elif isinstance(value, str):
        match = _YEAR.fullmatch(normalise(value))
        year = int(match.group(1)) if match else None
    if year is None:
        return None, f"命名年度“{shown(value)}”不是年份（应填4位数字，如{latest}）"
    if not MIN_YEAR <= year <= latest:
        return None, f"命名年度“{year}”不在{MIN_YEAR}—{latest}年之间"
    return year, None


def parse_date(cell: SheetCell) -> tuple[datetime.date | None, str | None]:
    """A date cell → (date, None) or (None, problem); blank gives (None, None).

    Accepts a date cell, "2018-11-20", "2018/11/20", "2018.11.20", "2018年11月20日",
    "20181120", and an Excel date serial in a cell formatted as a number."""
    if cell.is_blank or cell.is_formula:
        return None, None
    value = cell.value
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    parts: tuple[str, str, str] | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value < _SERIAL_RANGE[1]:
            converted = from_excel(value)
            return (converted.date() if isinstance(converted, datetime.datetime) else converted), None
        text = shown(value)
        match = _COMPACT_DATE.fullmatch(text)
        parts = match.groups() if match else None
    else:
        text = normalise(value)
        match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
        parts = match.groups() if match else None
    if parts is not None:
        try:
            return datetime.date(int(parts[0]), int(parts[1]), int(parts[2])), None
        except ValueError:
            pass
    return None, f"命名日期“{shown(value)}”不是有效日期（请填写如2018-11-20）"


def today() -> datetime.date:
    return timezone.localdate()


# --- finding the table ---------------------------------------------------------------


def open_sheet(
    data: bytes, *, names: tuple[str, ...], max_rows: int = MAX_ROWS
) -> tuple[str, list[list[SheetCell]]]:
    """The rows of the sheet called one of `names`, else of the first sheet (at most
    `max_rows`).

    Raises WorkbookError (one issue) for a file `portal.xlsx` refuses."""
    try:
        workbook = open_workbook(data)
    except XlsxRefused as exc:
        raise WorkbookError([WorkbookIssue(message=exc.message)]) from exc
    try:
        sheets = workbook.worksheets
        wanted = {normalise(n) for n in names}
        sheet = next((s for s in sheets if normalise(s.title) in wanted), sheets[0] if sheets else None)
        if sheet is None:
            raise WorkbookError([WorkbookIssue(message="工作簿中没有工作表。")])
        try:
            rows = read_sheet(sheet, max_rows=max_rows, max_columns=MAX_COLUMNS)
        except XlsxRefused as exc:
            raise WorkbookError([WorkbookIssue(message=exc.message)]) from exc
        return sheet.title, rows
    finally:
        workbook.close()


@dataclass(frozen=True)
class Column:
    """A column the importer knows: its key, the header the template writes, and the
    other headers accepted for it (a hand-made table may say 姓名 for 名称或姓名)."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = True  # the header must be present

    def matches(self, text: object) -> bool:
        label = normalise(text)
        return label == normalise(self.header) or label in {normalise(a) for a in self.aliases}


def find_columns(
    rows: list[list[SheetCell]], columns: list[Column], issues: Issues
) -> tuple[int, dict[str, int]] | None:
    """The header row (the first row with 序号 and at least two known headers) and
    each known column's number. Reports a missing header; None if no header row."""
    for row in rows:
        labels = [c for c in row if not c.is_blank and not c.is_formula]
        if not any(normalise(c.value) == SERIAL_HEADER for c in labels):
            continue
        found: dict[str, int] = {}
        for cell in labels:
            for column in columns:
                if column.key not in found and column.matches(cell.value):
                    found[column.key] = cell.column
                    break
        if len(found) < 2:
            continue
        header_row = labels[0].row
        for column in columns:
            if column.required and column.key not in found:
                issues.add(f"找不到表头“{column.header}”", row=header_row)
        return header_row, found
    issues.add(f"找不到表头行（应有“{SERIAL_HEADER}”“{columns[1].header}”等列）")
    return None


def report_formulas(rows: list[list[SheetCell]], issues: Issues) -> None:
    for row in rows:
        for cell in row:
            if cell.is_formula:
                issues.add(f"单元格含有公式“{cell.value}”，请将公式转为数值后再导入", cell=cell)


def is_example(row_cells: dict[str, SheetCell]) -> bool:
    serial = row_cells.get("serial")
    return serial is not None and normalise(serial.value) == EXAMPLE_LABEL


def is_empty(row_cells: dict[str, SheetCell]) -> bool:
    """A row with nothing but (perhaps) a 序号 or a note in the 序号 column: skipped."""
    return all(c.is_blank for key, c in row_cells.items() if key != "serial")


def check_length(text: str, *, limit: int, label: str, cell: SheetCell, issues: Issues) -> bool:
    if len(text) > limit:
        issues.add(f"{label}过长（{len(text)}字，不能超过{limit}字）", cell=cell)
        return False
    return True


# --- writing templates -----------------------------------------------------------------

NOTE_FONT = Font(size=10, color="595959")
EXAMPLE_FONT = Font(italic=True, color="808080")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
REQUIRED_FONT = Font(bold=True, color="B3131B")
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def options_sheet(workbook: Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    """A hidden sheet holding each dropdown's options in a column (a list typed
    into the validation itself is capped at 255 characters); returns the range of
    each list, e.g. {"brand": "选项!$A$1:$A$8"}. An empty list gets no range."""
    sheet = workbook.create_sheet(OPTIONS_SHEET)
    sheet.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            sheet.cell(row=row, column=index, value=value)
        if values:
            ranges[key] = f"{OPTIONS_SHEET}!${letter}$1:${letter}${len(values)}"
    return ranges


def add_list_validation(
    ws: Worksheet, *, source: str, cells: str, title: str, prompt: str, strict: bool = True
) -> None:
    dv = DataValidation(
        type="list",
        formula1=f"={source}" if "!" in source else source,
        allow_blank=True,
        showDropDown=False,  # False shows the arrow (the attribute's sense is inverted)
        showErrorMessage=strict,
        errorStyle="stop" if strict else "warning",
        errorTitle=title,
        error=f"请从下拉列表中选择{title}。",
        promptTitle=title,
        prompt=prompt,
        showInputMessage=True,
    )
    dv.add(cells)
    ws.add_data_validation(dv)


def add_whole_validation(ws: Worksheet, *, cells: str, low: int, high: int, title: str) -> None:
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=f"{title}应为{low}—{high}之间的整数。",
        promptTitle=title,
        prompt=f"填写4位年份，如{high}",
        showInputMessage=True,
    )
    dv.add(cells)
    ws.add_data_validation(dv)


def header_comment(text: str) -> Comment:
    comment = Comment(text, "填表说明")
    comment.width = 240
    comment.height = 110
    return comment

"""What the reader and the writer of the 示范点分配表 share: the layout's labels,
name matching, the error type and the quota cell rule."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from portal.xlsx import FORMULA_PREFIXES, SheetCell

COUNTY_SHEET = "县区示范点分配表"
SECTOR_SHEET = "主责部门示范点分配表"
COUNTY_HEADER = "县（区）"
SECTOR_HEADER = "主责部门"
QUOTA_HEADER = "创建品牌及市级示范点数量"
COUNTY_TOTAL_LABEL = "共  计"  # as the seed's first table writes it
SECTOR_TOTAL_LABEL = "共 计"  # and its second
CUSTOM_BRAND = "自定品牌"
MAX_QUOTA = 100_000

_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")
_YEAR = re.compile(r"(\d{4})年度")


def normalise(text: object) -> str:
    """Names as typed by hand: full/half-width forms folded (（ → (), all whitespace,
    full-width spaces included, removed. "商洛高新区 (商丹园区)" == "商洛高新区（商丹园区）".
    The apostrophe `portal.xlsx.neutralise` puts before "=…" on export is dropped."""
    if text is None:
        return ""
    text = _WHITESPACE.sub("", unicodedata.normalize("NFKC", str(text)))
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


TOTAL_LABELS = {normalise(label) for label in ("共计", "合计", "总计")}


def is_total_label(text: object) -> bool:
    return normalise(text) in TOTAL_LABELS


def title_years(text: object) -> list[int]:
    """Campaign years a title names: "2018年度…" → [2018]; "2018—2020年" is a programme, not one."""
    return [int(y) for y in _YEAR.findall(normalise(text))]


def short_city_name(name: str) -> str:
    """商洛市 → 商洛, as in “平安商洛”."""
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


@dataclass(frozen=True)
class WorkbookIssue:
    """One problem in an uploaded workbook, located as precisely as known."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        place = ""
        if self.sheet:
            place = f"工作表“{self.sheet}”"
        if self.row:
            place += f"第{self.row}行"
        if self.column:
            place += f"{self.column}列"
        return f"{place}：{self.message}" if place else self.message


class WorkbookError(Exception):
    """A workbook that was not imported; `errors` lists every problem found."""

    def __init__(self, errors: list[WorkbookIssue]):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


class Issues:
    """Collects the problems of one sheet, named by the sheet's own title."""

    def __init__(self, sheet: str | None, into: list[WorkbookIssue]):
        self.sheet = sheet
        self.into = into

    def add(self, message: str, *, cell: SheetCell | None = None, row: int | None = None) -> None:
        self.into.append(
            WorkbookIssue(
                message=message,
                sheet=self.sheet,
                row=cell.row if cell is not None else row,
                column=cell.column_letter if cell is not None else None,
            )
        )


def _shown(value: object) -> str:
    if isinstance(value, float):
        return format(value, "g")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def parse_quota(cell: SheetCell, *, what: str = "名额") -> tuple[int | None, str | None]:
    """A quota cell → (number, None) or (None, problem). Blank is 0; whole numbers
    as int, float or digits are accepted; negatives, fractions and text are not.
    A formula gives (None, None): it is reported once, by the sheet's formula scan."""
    value = cell.value
    if cell.is_formula:
        return None, None
    if cell.is_blank:
        return 0, None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        text = normalise(value)
        number = int(text) if _DIGITS.fullmatch(text) else None
    if number is None or number < 0:
        return None, f"{what}“{_shown(value)}”不是非负整数"
    if number > MAX_QUOTA:
        return None, f"{what}“{number}”过大（不能超过{MAX_QUOTA}）"
    return number, None

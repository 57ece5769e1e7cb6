"""Workbooks for tests, built from plain Python lists in the seed attachment's layout.

Independent of the code under test (no import of campaigns.excel), so a test
that reads one of these checks the reader against the seed, not against our
own writer. Also writes the demo file:

    .venv/bin/python -m tests.xlsx_builders portal/demo/files/shangluo_2018_quotas.xlsx

Layout (both tables of seed 004's attachment):
  sheet 1 「县区示范点分配表」: row 1 title; row 2 县（区） (A2:A3) and
  创建品牌及市级示范点数量 (B2:G2); row 3 brands B..G; rows 4–11 counties; row 12 共  计.
  sheet 2 「主责部门示范点分配表」: row 1 title; row 2 headers; rows 3–10 the eight
  lead departments; row 11 共 计 | 8 | 100.
"""

from __future__ import annotations

import copy
import datetime
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

COUNTY_SHEET = "县区示范点分配表"
SECTOR_SHEET = "主责部门示范点分配表"
SEED_TITLE = "2018年度“平安商洛”创建市级示范点分配表"
SEED_SECTOR_TITLE = "2018年度“平安商洛”创建主责部门市级示范点分配表"
SEED_BRANDS = ["平安县（区）", "平安镇（办）", "平安村（社区）", "平安单位", "平安小区（楼院）", "平安街道"]
SEED_COUNTIES = [
    ["商州区", 1, 7, 30, 7, 2, 1],
    ["洛南县", 1, 7, 25, 7, 2, 1],
    ["丹凤县", 1, 5, 16, 7, 2, 1],
    ["商南县", 1, 4, 15, 7, 2, 1],
    ["山阳县", 1, 7, 25, 7, 2, 1],
    ["镇安县", 1, 6, 16, 7, 2, 1],
    ["柞水县", 1, 4, 10, 7, 2, 1],
    ["商洛高新区（商丹园区）", 1, None, 3, 1, 1, None],
]
SEED_COUNTY_TOTAL = ["共  计", 8, 40, 140, 50, 15, 7]
SEED_DEPARTMENTS = [
    ["市教育局", "平安校园", 15],
    ["市卫计局", "平安医院", 15],
    ["市公安局", "平安景区", 10],
    ["市交通局", "自定品牌", 15],
    ["市药监局", "自定品牌", 10],
    ["市工信局", "自定品牌", 10],
    ["市发改委", "自定品牌", 15],
    ["市人行", "自定品牌", 10],
]
SEED_DEPARTMENT_TOTAL = ["共 计", 8, 100]

# Where things are in a workbook built with the defaults.
FIRST_COUNTY_ROW = 4
COUNTY_TOTAL_ROW = 12
FIRST_DEPARTMENT_ROW = 3
DEPARTMENT_TOTAL_ROW = 11

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def seed_counties() -> list[list]:
    """A fresh copy of the seed's county rows, safe to change in a test."""
    return copy.deepcopy(SEED_COUNTIES)


def seed_departments() -> list[list]:
    return copy.deepcopy(SEED_DEPARTMENTS)


def _frame(ws, first_row: int, last_row: int, last_column: int, bold_rows: set[int]) -> None:
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=last_column):
        for cell in row:
            cell.border = _BORDER
            cell.alignment = _CENTRE
            if cell.row in bold_rows:
                cell.font = Font(bold=True)


def _title(ws, text: str | None, last_column: int) -> None:
    ws.cell(row=1, column=1, value=text)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = _CENTRE
    ws.row_dimensions[1].height = 36


def quota_workbook(
    *,
    title: str | None = SEED_TITLE,
    brands: list | None = None,
    counties: list[list] | None = None,
    county_total: list | None = SEED_COUNTY_TOTAL,
    sector_title: str | None = SEED_SECTOR_TITLE,
    departments: list[list] | None = None,
    department_total: list | None = SEED_DEPARTMENT_TOTAL,
    sheet_titles: tuple[str, str] = (COUNTY_SHEET, SECTOR_SHEET),
    sheets: int = 2,
    county_header: str = "县（区）",
    county_notes: list[list] = (),
) -> bytes:
    """The seed's two tables, with any part replaced. Values are written as given:
    None is a blank cell, a string starting with "=" becomes a formula.
    `county_total` / `department_total` None leaves out the 共计 row; `sheets=1`
    leaves out the second sheet; `county_notes` are rows written below sheet 1's table."""
    brands = SEED_BRANDS if brands is None else brands
    counties = SEED_COUNTIES if counties is None else counties
    departments = SEED_DEPARTMENTS if departments is None else departments

    wb = Workbook()
    wb.properties.creator = "商洛市综治办"
    wb.properties.created = wb.properties.modified = datetime.datetime(2018, 2, 27, 9, 0, 0)
    ws = wb.active
    ws.title = sheet_titles[0]
    last = 1 + len(brands)
    _title(ws, title, last)
    ws["A2"] = county_header
    ws.merge_cells("A2:A3")
    ws["B2"] = "创建品牌及市级示范点数量"
    ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=last)
    for i, brand in enumerate(brands):
        ws.cell(row=3, column=2 + i, value=brand)
    rows = [*counties, *([county_total] if county_total is not None else [])]
    for r, values in enumerate(rows, start=FIRST_COUNTY_ROW):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    last_row = FIRST_COUNTY_ROW + len(rows) - 1
    bold = {2, 3} | ({last_row} if county_total is not None else set())
    _frame(ws, 2, last_row, max(last, *(len(r) for r in rows)), bold)
    for r, values in enumerate(county_notes, start=last_row + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    ws.column_dimensions["A"].width = 26
    for letter in "BCDEFGHIJ":
        ws.column_dimensions[letter].width = 14
    ws.row_dimensions[3].height = 36

    if sheets >= 2:
        ws = wb.create_sheet(sheet_titles[1])
        _title(ws, sector_title, 3)
        ws["A2"] = "主责部门"
        ws["B2"] = "创建品牌及市级示范点数量"
        ws.merge_cells("B2:C2")
        rows = [*departments, *([department_total] if department_total is not None else [])]
        for r, values in enumerate(rows, start=FIRST_DEPARTMENT_ROW):
            for c, value in enumerate(values, start=1):
                ws.cell(row=r, column=c, value=value)
        last_row = FIRST_DEPARTMENT_ROW + len(rows) - 1
        bold = {2} | ({last_row} if department_total is not None else set())
        _frame(ws, 2, last_row, 3, bold)
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 22
        ws.column_dimensions["C"].width = 14

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rewrite_member(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same xlsx with one zip member's bytes changed (to plant a DOCTYPE, etc.)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, change(body) if info.filename == name else body)
    return out.getvalue()


def add_member(data: bytes, name: str, body: bytes, *, level: int = 9) -> bytes:
    """The same xlsx with one more member (a zip bomb's payload, for instance)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, body)
    return out.getvalue()


LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def with_entities(data: bytes, member: str = "xl/sharedStrings.xml") -> bytes:
    """A "billion laughs" DOCTYPE planted in one XML member, its entity used in the text.

    openpyxl writes inline strings, so for xl/sharedStrings.xml (where Excel keeps
    the text) the part is added, with its relationship and content type."""
    if member == "xl/sharedStrings.xml" and member not in zipfile.ZipFile(io.BytesIO(data)).namelist():
        data = rewrite_member(
            data,
            "xl/_rels/workbook.xml.rels",
            lambda body: body.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org'
                b'/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
            ),
        )
        data = rewrite_member(
            data,
            "[Content_Types].xml",
            lambda body: body.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            ),
        )
        sst = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + LAUGHS
            + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"'
            b' uniqueCount="1"><si><t>&lol3;</t></si></sst>'
        )
        return add_member(data, member, sst)

    def plant(body: bytes) -> bytes:
        head, sep, rest = body.partition(b"?>")
        body = head + sep + LAUGHS + rest if sep else LAUGHS + body
        return body.replace("商州区".encode(), b"&lol3;", 1)

    return rewrite_member(data, member, plant)


def seed_workbook() -> bytes:
    """Exactly the seed attachment's two tables."""
    return quota_workbook()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "portal/demo/files/shangluo_2018_quotas.xlsx")
    target.write_bytes(seed_workbook())
    print(f"wrote {target} ({target.stat().st_size} bytes)")

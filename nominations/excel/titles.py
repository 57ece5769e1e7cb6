"""The county naming list (县级命名名单; a lead department's 领域命名名单): template and reader.

Seed 004: a nominee must already hold the county-level title ("推荐对象须已获得县区级
命名"), so each county uploads its naming list before recommending. One row per
title: the brand (or, for a lead department, the sector), the nominee and the
naming (year, 文号, issuing body, date).

`write_title_template` gives the unit an xlsx with dropdowns and an example row;
`title_reader.read_title_workbook` reads it back and checks everything against the database,
returning rows only when there is no problem at all. Nothing is written here:
`nominations.imports.titles_import` applies the rows, all or nothing.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from campaigns.enums import BrandKind, DecidedBy
from campaigns.models import Brand, Sector
from nominations.enums import Gender
from portal.models import Department, Jurisdiction
from portal.xlsx import style_table, style_title, workbook_bytes

from .common import (
    EXAMPLE_FONT,
    HEADER_FILL,
    LEFT,
    MIN_YEAR,
    NOTE_FONT,
    REQUIRED_FONT,
    Column,
    add_list_validation,
    add_whole_validation,
    header_comment,
    honour_label,
    normalise,
    options_sheet,
    today,
    unit_city,
)

COUNTY_SHEET = "县级命名名单"
DEPARTMENT_SHEET = "领域命名名单"
TEMPLATE_ROWS = 1000  # rows below the example that carry the dropdowns and formats
KIND_LABELS = {normalise(label): value for value, label in BrandKind.choices}
GENDER_LABELS = {normalise(label): value for value, label in Gender.choices}
_PLACE_SEPARATORS = str.maketrans("", "", "/／\\、·•-－—_，,")

COLUMNS = [
    Column("serial", "序号"),
    Column("honour", "命名品牌（或领域）", ("命名品牌", "品牌", "品牌（领域）", "命名品牌（领域）", "领域")),
    Column("kind", "对象类型", ("对象类型（集体/家庭/个人）", "类型")),
    Column("name", "名称或姓名", ("名称", "姓名", "单位名称", "对象名称")),
    Column("place", "所在镇村", ("所在镇（办）村（社区）", "所在镇（办）、村（社区）", "所在地")),
    Column("address", "地址", ("详细地址",)),
    Column("gender", "性别"),
    Column("role", "身份", ("身份（如网格员）",)),
    Column("workplace", "工作单位"),
    Column("mobile", "手机号码", ("手机", "手机号", "联系电话")),
    Column("id_number", "身份证号码", ("身份证号", "公民身份号码")),
    Column("year", "命名年度", ("年度",)),
    Column("document_number", "文号", ("命名文号",)),
    Column("issuing_body", "命名单位", ("发文单位",)),
    Column("named_on", "命名日期", ("日期",)),
]
HEADERS = [c.header for c in COLUMNS]
LETTER = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
# Field lengths of the models, so a row never fails on save for a length.
LIMITS = {
    "name": ("名称或姓名", 100),
    "address": ("地址", 200),
    "role": ("身份", 40),
    "workplace": ("工作单位", 100),
    "document_number": ("文号", 60),
    "issuing_body": ("命名单位", 100),
}


def sheet_name(unit: Jurisdiction | Department) -> str:
    return DEPARTMENT_SHEET if isinstance(unit, Department) else COUNTY_SHEET


def template_title(unit: Jurisdiction | Department, year: int) -> str:
    """「商州区2018年度县级平安创建命名名单」; a department's: 「市教育局2018年度领域平安创建命名名单」."""
    level = "领域" if isinstance(unit, Department) else "县级"
    return f"{unit.name}{year}年度{level}平安创建命名名单"


def honours_for(unit: Jurisdiction | Department) -> list[Brand | Sector]:
    """What the unit names: a county the brands of its city that are nominated
    (not 平安县（区）, decided by evaluation); a department the sectors it leads."""
    if isinstance(unit, Department):
        return list(Sector.objects.filter(lead_department=unit).order_by("sort_order", "id"))
    return list(
        Brand.objects.filter(city=unit_city(unit), decided_by=DecidedBy.NOMINATION).order_by(
            "sort_order", "id"
        )
    )


# --- the template -------------------------------------------------------------------


def write_title_template(*, unit: Jurisdiction | Department, year: int) -> bytes:
    """An empty naming list for `unit`: title, a note, the header (each with a
    comment), an example row (序号 “示例”, skipped on import), dropdowns for the
    brand, the kind and the gender, text format for phone and ID numbers."""
    honours = honours_for(unit)
    is_department = isinstance(unit, Department)
    workbook = Workbook()
    workbook.properties.creator = settings.WAGTAIL_SITE_NAME
    workbook.properties.title = template_title(unit, year)
    ws = workbook.active
    ws.title = sheet_name(unit)
    last = len(COLUMNS)
    style_title(ws, row=1, last_column=last, text=template_title(unit, year))

    level = "领域" if is_department else "县级"
    note = (
        f"填表说明：每行登记一项{level}命名。红色表头为必填；个人另须填写性别、身份、手机号码、身份证号码"
        f"{'' if is_department else '；集体、家庭须填写所在镇村（如“城关街道东关社区”）'}。"
        "同一对象获得多个品牌或多个年度的命名，分行填写。第4行为示例，导入时自动忽略。"
        "手机号码、身份证号码仅用于本单位的推荐材料，不会公开。"
    )
    ws.cell(row=2, column=1, value=note).font = NOTE_FONT
    ws.cell(row=2, column=1).alignment = LEFT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.row_dimensions[2].height = 48

    required = {"honour", "kind", "name", "year", "document_number", "issuing_body", "named_on"}
    if not is_department:
        required.add("place")
    comments = {
        "honour": "从下拉列表中选择。"
        + ("本部门主责的领域。" if is_department else "平安县（区）由市级考评认定，不在此登记。"),
        "kind": "集体、家庭或个人，须与品牌一致。",
        "name": "集体填全称，家庭填户主姓名加“家庭”，个人填姓名。",
        "place": "所在镇（办）及村（社区），如“城关街道东关社区”；只填镇（办）亦可。",
        "gender": "个人填写：男或女，须与身份证号码一致。",
        "role": "个人填写，如：网格员、治安中心户长、平安志愿者。",
        "mobile": "个人必填，11位手机号码。",
        "id_number": "个人必填，18位身份证号码（本列为文本格式，请勿改为数字）。",
        "year": f"4位年份，如{year}。",
        "named_on": "如2018-11-20。",
    }
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=3, column=index, value=column.header)
        if column.key in comments:
            cell.comment = header_comment(comments[column.key])

    for index, value in enumerate(_example_row(unit, honours, year), start=1):
        ws.cell(row=4, column=index, value=value)

    style_table(ws, first_row=3, last_row=4, last_column=last, header_rows=(3,))
    for index, column in enumerate(COLUMNS, start=1):
        header = ws.cell(row=3, column=index)
        header.fill = HEADER_FILL
        if column.key in required:
            header.font = REQUIRED_FONT
        ws.cell(row=4, column=index).font = EXAMPLE_FONT

    first, end = 5, 4 + TEMPLATE_ROWS
    for row in range(first, end + 1):
        ws.cell(row=row, column=_col("mobile")).number_format = "@"
        ws.cell(row=row, column=_col("id_number")).number_format = "@"
        ws.cell(row=row, column=_col("named_on")).number_format = "yyyy-mm-dd"
    ranges = options_sheet(
        workbook,
        {
            "honour": [honour_label(h) for h in honours],
            "kind": [label for _, label in BrandKind.choices],
            "gender": [label for _, label in Gender.choices],
        },
    )
    if "honour" in ranges:
        add_list_validation(
            ws,
            source=ranges["honour"],
            cells=f"{LETTER['honour']}{first}:{LETTER['honour']}{end}",
            title="命名品牌（或领域）",
            prompt="从下拉列表中选择",
        )
    add_list_validation(
        ws,
        source=ranges["kind"],
        cells=f"{LETTER['kind']}{first}:{LETTER['kind']}{end}",
        title="对象类型",
        prompt="集体、家庭或个人",
    )
    add_list_validation(
        ws,
        source=ranges["gender"],
        cells=f"{LETTER['gender']}{first}:{LETTER['gender']}{end}",
        title="性别",
        prompt="个人填写：男或女",
    )
    add_whole_validation(
        ws,
        cells=f"{LETTER['year']}{first}:{LETTER['year']}{end}",
        low=MIN_YEAR,
        high=max(year, today().year),
        title="命名年度",
    )

    widths = {
        "serial": 6, "honour": 20, "kind": 10, "name": 22, "place": 22, "address": 24, "gender": 6,
        "role": 12, "workplace": 20, "mobile": 14, "id_number": 21, "year": 10, "document_number": 20,
        "issuing_body": 24, "named_on": 12,
    }  # fmt: skip
    for key, width in widths.items():
        ws.column_dimensions[LETTER[key]].width = width
    ws.row_dimensions[3].height = 30
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "3:3"
    return workbook_bytes(workbook)


def _col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)


def _example_row(unit, honours, year: int) -> list:
    """One plausible collective row; no personal numbers, not even made-up ones."""
    honour = honours[0] if honours else None
    if isinstance(unit, Department):
        examples = {"校园": "XX中学", "医院": "XX医院", "旅游景区": "XX景区"}
        name = examples.get(honour.name if honour else "", "XX单位")
        place, body = "", unit.name
    else:
        village_brand = next(
            (h for h in honours if h.slug == "village"),
            next((h for h in honours if h.kind == "collective"), honour),
        )
        honour = village_brand
        town = Jurisdiction.objects.filter(parent=unit).order_by("sort_order", "id").first()
        village = town.children.order_by("sort_order", "id").first() if town else None
        name = village.name if village else "XX村"
        place = f"{town.name}{village.name}" if town and village else (town.name if town else "XX镇XX村")
        body = f"中共{unit.name}委、{unit.name}人民政府"
    return [
        "示例",
        honour_label(honour) if honour else "",
        "集体",
        name,
        place,
        "",
        "",
        "",
        "",
        "",
        "",
        year,
        f"XX发〔{year}〕X号",
        body,
        datetime.date(year, 11, 20),
    ]

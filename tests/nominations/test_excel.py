"""The workbench's spreadsheets (nominations.excel): the county naming list's template
and reader, the 推荐汇总表 export, the batch template and its reader.

Files under test are built here from plain lists (the header labels typed out, not
imported from the code under test), so a reader is checked against the layout the
brief and the offices use, not against our own writer. Every refusal names sheet,
row and column, and a refused file leaves the database as it was.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import User

from campaigns.models import Brand, Sector
from nominations import services
from nominations.excel import (
    WorkbookError,
    read_nomination_workbook,
    read_title_workbook,
    summary_queryset,
    write_nomination_template,
    write_summary_workbook,
    write_title_template,
)
from nominations.models import LocalTitle, Nomination, Nominee
from portal.models import Department, Jurisdiction
from portal.validators import make_id_number

SHEET = "工作表“县级命名名单”"
DEPT_SHEET = "工作表“领域命名名单”"
BATCH_SHEET = "工作表“推荐汇总表”"
HEADERS = [
    "序号",
    "命名品牌（或领域）",
    "对象类型",
    "名称或姓名",
    "所在镇村",
    "地址",
    "性别",
    "身份",
    "工作单位",
    "手机号码",
    "身份证号码",
    "命名年度",
    "文号",
    "命名单位",
    "命名日期",
]
KEYS = [
    "serial",
    "honour",
    "kind",
    "name",
    "place",
    "address",
    "gender",
    "role",
    "workplace",
    "mobile",
    "id_number",
    "year",
    "document_number",
    "issuing_body",
    "named_on",
]
BATCH_HEADERS = ["序号", "品牌（领域）", "推荐对象（须已登记县级命名）", "命名年度", "事迹材料（简要）"]
FIRST = 3  # first data row of a hand-built list: title in row 1, header in row 2
NAMED = datetime.date(2018, 11, 20)


# --- builders ------------------------------------------------------------------------------


def xlsx(rows: list[list], *, sheet: str) -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def naming_list(
    rows: list[dict],
    *,
    sheet: str = "县级命名名单",
    title: str = "商州区2018年度县级平安创建命名名单",
    headers: list[str] = HEADERS,
) -> bytes:
    """A naming list as a county types it: title, header, one row per dict (keys of KEYS)."""
    keys = [KEYS[HEADERS.index(h)] if h in HEADERS else h for h in headers]
    return xlsx([[title], headers, *[[r.get(k) for k in keys] for r in rows]], sheet=sheet)


def collective(**fields) -> dict:
    row = {
        "serial": 1,
        "honour": "平安村（社区）",
        "kind": "集体",
        "year": 2018,
        "document_number": "商发〔2018〕60号",
        "issuing_body": "中共商州区委、商州区人民政府",
        "named_on": NAMED,
    }
    return {**row, **fields}


def person(**fields) -> dict:
    row = {
        "serial": 1,
        "honour": "优秀平安志愿者（红袖章）",
        "kind": "个人",
        "name": "测试志愿者",
        "gender": "男",
        "role": "平安志愿者",
        "workplace": "商州区红袖章志愿服务队",
        "mobile": "13700000001",
        "id_number": new_id(901),
        "year": 2018,
        "document_number": "商发〔2018〕61号",
        "issuing_body": "中共商州区委、商州区人民政府",
        "named_on": NAMED,
    }
    return {**row, **fields}


def new_id(sequence: int, *, birth=datetime.date(1985, 3, 4), region="611002") -> str:
    """An ID number no demo nominee has (odd sequence: a man)."""
    number = make_id_number(region, birth, sequence)
    assert not Nominee.objects.filter(id_number=number).exists()
    return number


def refused_titles(data: bytes, unit) -> list[str]:
    """Read `data` as `unit`'s naming list: it must be refused; returns the messages."""
    with pytest.raises(WorkbookError) as caught:
        read_title_workbook(data, unit=unit)
    return caught.value.messages


def refused_batch(data: bytes, unit, campaign) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_nomination_workbook(data, unit=unit, campaign=campaign)
    return caught.value.messages


def loaded(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def xml_text(data: bytes) -> str:
    """Every XML part of an xlsx, inflated: what "the file contains" means."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def shangzhou(demo):
    return Jurisdiction.objects.get(name="商州区", level="county")


@pytest.fixture
def jiaoyu(demo):
    return Department.objects.get(slug="jiaoyu")


@pytest.fixture
def user(demo):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def fresh_village(shangzhou):
    """A village of 商州区 that no nominee of the demo stands for, and its town."""
    taken = Nominee.objects.exclude(place=None).values_list("place_id", flat=True)
    village = (
        Jurisdiction.objects.filter(parent__parent=shangzhou, level="village")
        .exclude(pk__in=taken)
        .select_related("parent")
        .order_by("-id")
        .first()
    )
    return village


def place_of(village) -> str:
    return f"{village.parent.name}{village.name}"


# --- the naming list's template --------------------------------------------------------------


def test_county_template_layout(shangzhou):
    workbook = loaded(write_title_template(unit=shangzhou, year=2018))
    ws = workbook["县级命名名单"]
    assert ws["A1"].value == "商州区2018年度县级平安创建命名名单"
    assert [c.value for c in ws[3]] == HEADERS
    assert ws["A4"].value == "示例"
    assert ws["K5"].number_format == "@" and ws["J5"].number_format == "@"
    options = workbook["选项"]
    assert options.sheet_state == "hidden"
    brands = [c.value for c in options["A"] if c.value]
    nominated = list(
        Brand.objects.filter(city=shangzhou.parent, decided_by="nomination")
        .order_by("sort_order")
        .values_list("name", flat=True)
    )
    assert brands == nominated and "平安县（区）" not in brands and len(brands) == 8
    assert [c.value for c in options["B"] if c.value] == ["集体", "家庭", "个人"]
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert validations["B5:B1004"] == "=选项!$A$1:$A$8"
    assert validations["C5:C1004"] == "=选项!$B$1:$B$3"
    # The example row has no personal numbers at all.
    assert ws["J4"].value is None and ws["K4"].value is None


def test_department_template_lists_its_sectors(jiaoyu):
    workbook = loaded(write_title_template(unit=jiaoyu, year=2018))
    ws = workbook.worksheets[0]
    assert ws.title == "领域命名名单"
    assert ws["A1"].value == "市教育局2018年度领域平安创建命名名单"
    assert [c.value for c in workbook["选项"]["A"] if c.value] == ["平安校园"]


def test_template_example_row_alone_is_not_imported(shangzhou):
    messages = refused_titles(write_title_template(unit=shangzhou, year=2018), shangzhou)
    assert messages == [f"{SHEET}：没有可导入的数据行（第4行示例不导入）"]


def test_template_filled_reads_back(shangzhou, fresh_village):
    workbook = loaded(write_title_template(unit=shangzhou, year=2018))
    ws = workbook["县级命名名单"]
    row = collective(name=fresh_village.name, place=place_of(fresh_village))
    for column, key in enumerate(KEYS, start=1):
        ws.cell(row=5, column=column, value=row.get(key))
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = read_title_workbook(buffer.getvalue(), unit=shangzhou)
    assert [(r.row, r.name, r.place, r.year, r.named_on) for r in parsed.rows] == [
        (5, fresh_village.name, fresh_village, 2018, NAMED)
    ]
    assert parsed.rows[0].nominee is None  # a new nominee


# --- the naming list's reader: what it accepts -----------------------------------------------


def test_reader_accepts_typed_variants(shangzhou, fresh_village):
    """Place by village alone (unique) or town + village with a separator; dates as text;
    a year as "2018年"; the kind left blank (the brand says it); an ID number with a
    lower-case x and spaces; gender taken from the ID number when blank."""
    village_only = Jurisdiction.objects.filter(parent__parent=shangzhou, level="village")
    unique = next(
        v for v in village_only.order_by("-id")[:40] if village_only.filter(name=v.name).count() == 1
    )
    id_number = new_id(903)
    spaced = f"{id_number[:6]} {id_number[6:14]} {id_number[14:].lower()}"
    rows = [
        collective(
            name="甲", place=f"{fresh_village.parent.name}/{fresh_village.name}", named_on="2018年11月20日"
        ),
        collective(name="乙", place=unique.name, kind=None, year="2018年", named_on="2018/11/20"),
        collective(
            name="丙", place=f"商州区{fresh_village.parent.name}", named_on="20181120", honour="平安镇（办）"
        ),
        person(id_number=spaced, gender=None, mobile=13700000001),
    ]
    parsed = read_title_workbook(naming_list(rows), unit=shangzhou)
    assert [r.place for r in parsed.rows] == [fresh_village, unique, fresh_village.parent, None]
    assert {r.named_on for r in parsed.rows} == {NAMED}
    assert parsed.rows[1].kind == "collective" and parsed.rows[1].year == 2018
    assert parsed.rows[3].id_number == id_number and parsed.rows[3].gender == "male"
    assert parsed.rows[3].mobile == "13700000001"


def test_reader_skips_blank_and_numbered_empty_rows(shangzhou, fresh_village):
    rows = [
        {"serial": "示例", "honour": "平安县（区）"},  # an example row, whatever it says
        collective(name=fresh_village.name, place=place_of(fresh_village)),
        {},
        {"serial": 3},
        {"serial": "填表人：张三"},
    ]
    parsed = read_title_workbook(naming_list(rows), unit=shangzhou)
    assert [r.row for r in parsed.rows] == [FIRST + 1]


# --- the naming list's reader: every refusal -------------------------------------------------

REFUSALS = [
    # (case, row fields, column, message)
    ("unknown brand", {"honour": "平安学校"}, "B", "未知的命名品牌（或领域）“平安学校”（可登记的品牌："),
    (
        "evaluated brand",
        {"honour": "平安县（区）"},
        "B",
        "“平安县（区）”由市级考评认定，不由县（区）命名推荐",
    ),
    ("missing brand", {"honour": None}, "B", "缺少命名品牌（或领域）"),
    ("bad kind", {"kind": "单位"}, "C", "对象类型“单位”应为集体、家庭或个人"),
    (
        "kind vs brand",
        {"kind": "家庭"},
        "C",
        "对象类型“家庭”与品牌“平安村（社区）”不符（该品牌命名的是集体）",
    ),
    ("missing name", {"name": None}, "D", "缺少名称或姓名"),
    ("name too long", {"name": "村" * 101}, "D", "名称或姓名过长（101字，不能超过100字）"),
    ("missing place", {"place": None}, "E", "缺少所在镇村（集体、家庭须填写）"),
    ("place of another county", {"place": "景村镇"}, "E", "所在镇村“景村镇”不是商州区的镇（办）或村（社区）"),
    ("ID on a collective", {"id_number": "611002198503049011"}, "K", "身份证号码只适用于个人，集体不填写"),
    ("gender on a collective", {"gender": "男"}, "G", "性别只适用于个人，集体不填写"),
    ("bad mobile", {"mobile": "1234567"}, "J", "手机号码格式不正确，应为以13～19开头的11位数字（“1234567”）"),
    ("year not a number", {"year": "二〇一八"}, "L", "命名年度“二〇一八”不是年份（应填4位数字，如"),
    ("year too early", {"year": 1949}, "L", "命名年度“1949”不在1990—"),
    ("missing year", {"year": None}, "L", "缺少命名年度"),
    ("missing 文号", {"document_number": None}, "M", "缺少文号"),
    ("missing issuing body", {"issuing_body": " "}, "N", "缺少命名单位"),
    ("bad date", {"named_on": "2018-02-30"}, "O", "命名日期“2018-02-30”不是有效日期（请填写如2018-11-20）"),
    ("date as a word", {"named_on": "十一月"}, "O", "命名日期“十一月”不是有效日期"),
    ("missing date", {"named_on": None}, "O", "缺少命名日期"),
    (
        "date vs year",
        {"named_on": datetime.date(2016, 5, 1)},
        "O",
        "命名日期“2016-05-01”与命名年度“2018”不符",
    ),
    ("formula", {"name": "=A1&B1"}, "D", "单元格含有公式“=A1&B1”，请将公式转为数值后再导入"),
]


@pytest.mark.parametrize(
    ("fields", "column", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_collective_refusals(shangzhou, fresh_village, fields, column, message):
    row = collective(**{"name": fresh_village.name, "place": place_of(fresh_village), **fields})
    messages = refused_titles(naming_list([row]), shangzhou)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{SHEET}第{FIRST}行{column}列：{message}"), messages


PERSON_REFUSALS = [
    ("missing ID", {"id_number": None}, "K", "缺少身份证号码（个人必填）"),
    ("ID check digit", {"id_number": "611002198503049010"}, "K", "身份证号码校验位不正确"),
    ("ID length", {"id_number": "61100219850304"}, "K", "身份证号码应为18位，当前为14位"),
    ("ID as a number", {"id_number": 6.11002198503049e17}, "K", "身份证号码被存成了数字，末几位已丢失"),
    ("gender vs ID", {"gender": "女"}, "G", "性别“女”与身份证号码不符"),
    ("bad gender", {"gender": "M"}, "G", "性别“M”应为男或女"),
    ("missing role", {"role": None}, "H", "缺少身份（个人必填，如网格员、平安志愿者）"),
    ("missing mobile", {"mobile": None}, "J", "缺少手机号码（个人必填）"),
    ("kind vs brand", {"kind": "集体"}, "C", "对象类型“集体”与品牌“优秀平安志愿者（红袖章）”不符"),
]


@pytest.mark.parametrize(
    ("fields", "column", "message"), [r[1:] for r in PERSON_REFUSALS], ids=[r[0] for r in PERSON_REFUSALS]
)
def test_individual_refusals(shangzhou, fields, column, message):
    messages = refused_titles(naming_list([person(**fields)]), shangzhou)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{SHEET}第{FIRST}行{column}列：{message}"), messages


def test_every_problem_of_a_row_is_reported_in_column_order(shangzhou):
    row = person(
        honour="平安县（区）", mobile="123", id_number="1", year="abc", named_on="x", document_number=""
    )
    messages = refused_titles(naming_list([row]), shangzhou)
    columns = [m.split("行", 1)[1].split("列", 1)[0] for m in messages]
    assert columns == ["B", "J", "K", "L", "M", "O"]


def test_future_date(shangzhou, fresh_village):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    row = collective(
        name=fresh_village.name, place=place_of(fresh_village), year=tomorrow.year, named_on=tomorrow
    )
    messages = refused_titles(naming_list([row]), shangzhou)
    assert messages == [f"{SHEET}第{FIRST}行O列：命名日期“{tomorrow:%Y-%m-%d}”晚于今天"]


def test_ambiguous_village_name(shangzhou):
    villages = Jurisdiction.objects.filter(parent__parent=shangzhou, level="village")
    names = list(villages.values_list("name", flat=True))
    twice = next((n for n in names if names.count(n) > 1), None)
    if twice is None:  # the generated demo has no homonyms this time: make one
        a, b = (
            villages.order_by("id").filter(parent__in=shangzhou.children.order_by("id")[:1])[:1].get(),
            None,
        )
        b = villages.exclude(parent=a.parent).order_by("id").first()
        b.name = a.name
        b.save()
        twice = a.name
    messages = refused_titles(naming_list([collective(name="某村", place=twice)]), shangzhou)
    assert messages == [
        f"{SHEET}第{FIRST}行E列：所在镇村“{twice}”有重名，请写明所在的镇（办），如“镇（办）名+村（社区）名”"
    ]


def test_duplicates_inside_the_file(shangzhou, fresh_village):
    place = place_of(fresh_village)
    rows = [
        collective(name=fresh_village.name, place=place),
        collective(serial=2, name=f" {fresh_village.name} ", place=place),  # spaces do not make it another
        person(serial=3),
        person(serial=4),
        person(serial=5, name="另一个人"),
        collective(
            serial=6, name=fresh_village.name, place=place, year=2017, named_on=datetime.date(2017, 11, 1)
        ),
    ]
    messages = refused_titles(naming_list(rows), shangzhou)
    assert messages == [
        f"{SHEET}第{FIRST + 1}行D列：与第{FIRST}行重复（同一对象、同一品牌、同一年度）",
        f"{SHEET}第{FIRST + 3}行D列：与第{FIRST + 2}行重复（同一对象、同一品牌、同一年度）",
        f"{SHEET}第{FIRST + 4}行K列：身份证号码与第{FIRST + 2}行相同，但姓名不同（“测试志愿者”/“另一个人”）",
    ]


def test_title_already_recorded(shangzhou):
    """The demo's naming list already holds this village's 2018 平安村（社区） title."""
    title = (
        LocalTitle.objects.filter(county=shangzhou, brand__slug="village")
        .select_related("nominee__place")
        .first()
    )
    village = title.nominee.place
    row = collective(name=village.name, place=f"{village.parent.name}{village.name}")
    messages = refused_titles(naming_list([row]), shangzhou)
    assert messages == [
        f"{SHEET}第{FIRST}行D列：“{village.name}”2018年度“平安村（社区）”的命名已登记过，不能重复登记"
    ]
    # Another year of the same nominee is another title: accepted, and the nominee reused.
    row.update(year=2017, named_on=datetime.date(2017, 11, 30))
    parsed = read_title_workbook(naming_list([row]), unit=shangzhou)
    assert parsed.rows[0].nominee == title.nominee


def test_id_number_of_another_unit_or_another_name(shangzhou):
    luonan_person = Nominee.objects.filter(county__name="洛南县", kind="individual").first()
    own = Nominee.objects.filter(county=shangzhou, kind="individual").first()
    rows = [
        person(name=luonan_person.name, id_number=luonan_person.id_number, gender=None),
        person(
            serial=2,
            name="不是本人",
            id_number=own.id_number,
            gender=None,
            year=2017,
            named_on=datetime.date(2017, 12, 1),
        ),
    ]
    messages = refused_titles(naming_list(rows), shangzhou)
    assert messages == [
        f"{SHEET}第{FIRST}行K列：该身份证号码已由其他单位登记为推荐对象，不能重复登记（如属调动，请联系市综治办）",
        f"{SHEET}第{FIRST + 1}行K列：该身份证号码已登记为“{own.name}”，与本行姓名“不是本人”不符",
    ]


def test_missing_header_and_not_a_table(shangzhou):
    headers = [h for h in HEADERS if h != "身份证号码"]
    messages = refused_titles(naming_list([person()], headers=headers), shangzhou)
    assert messages == [f"{SHEET}第2行：找不到表头“身份证号码”"]
    messages = refused_titles(xlsx([["随便什么"], [1, 2, 3]], sheet="Sheet1"), shangzhou)
    assert messages == ["工作表“Sheet1”：找不到表头行（应有“序号”“命名品牌（或领域）”等列）"]


def test_not_a_workbook(shangzhou):
    messages = refused_titles(b"name,id\n", shangzhou)
    assert len(messages) == 1 and messages[0].startswith("文件不是Excel工作簿（.xlsx）")


def test_header_aliases_and_sheet_found_by_name(shangzhou, fresh_village):
    """A hand-made table: 姓名 for 名称或姓名, the list on the second sheet."""
    headers = [{"名称或姓名": "姓名", "身份证号码": "身份证号"}.get(h, h) for h in HEADERS]
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active["A1"] = "本文件第二个工作表为命名名单"
    ws = workbook.create_sheet("县级命名名单")
    ws.append(headers)
    row = collective(name=fresh_village.name, place=place_of(fresh_village))
    ws.append([row.get(k) for k in KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = read_title_workbook(buffer.getvalue(), unit=shangzhou)
    assert [(r.row, r.name) for r in parsed.rows] == [(2, fresh_village.name)]


def test_department_list(jiaoyu):
    rows = [
        collective(honour="平安校园", name="商洛市第九中学", place=None, issuing_body="商洛市教育局"),
        collective(
            serial=2,
            honour="校园领域",
            name="商州区某小学",
            place="商州区城关街道",
            issuing_body="商洛市教育局",
        ),
    ]
    parsed = read_title_workbook(naming_list(rows, sheet="领域命名名单"), unit=jiaoyu)
    campus = Sector.objects.get(slug="campus")
    assert [r.honour for r in parsed.rows] == [campus, campus]
    assert parsed.rows[1].place == Jurisdiction.objects.get(parent__name="商州区", name="城关街道")
    messages = refused_titles(
        naming_list([collective(name="某村", place=None)], sheet="领域命名名单"), jiaoyu
    )
    assert messages == [
        f"{DEPT_SHEET}第{FIRST}行B列：未知的命名品牌（或领域）“平安村（社区）”（本部门可登记的领域：平安校园）"
    ]


def test_department_leading_no_sector(demo):
    sifa = Department.objects.get(slug="sifa")
    messages = refused_titles(
        naming_list([collective(honour="平安校园", name="某校")], sheet="领域命名名单"), sifa
    )
    assert messages == [
        f"{DEPT_SHEET}第{FIRST}行B列：未知的命名品牌（或领域）“平安校园”（本部门不是重点领域的主责部门，没有领域命名）"
    ]


# --- the 推荐汇总表 export --------------------------------------------------------------------


def exported(campaign, nominations) -> bytes:
    return write_summary_workbook(summary_queryset(nominations).iterator(), campaign=campaign)


def test_summary_layout(demo):
    nominations = Nomination.objects.filter(campaign=demo, county__name="商州区")
    data = exported(demo, nominations)
    ws = loaded(data)["推荐汇总表"]
    assert ws["A1"].value == "2018年度“平安商洛”创建市级先进集体和个人推荐汇总表"
    assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == [
        "序号",
        "推荐单位",
        "品牌（领域）",
        "推荐对象",
        "对象类型",
        "所在地/工作单位",
        "县级命名文号",
        "命名日期",
        "状态",
        "提交时间",
    ]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert len(rows) == nominations.count() > 0
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert {r[1] for r in rows} == {"商州区"}
    village = (
        nominations.filter(brand__slug="village").select_related("nominee__place__parent", "title").first()
    )
    row = next(r for r in rows if r[3] == village.nominee.name)
    place = village.nominee.place
    assert row[2:8] == [
        "平安村（社区）",
        village.nominee.name,
        "集体",
        f"{place.parent.name}{place.name}",
        village.title.document_number,
        datetime.datetime.combine(village.title.named_on, datetime.time()),
    ]
    states = {r[8] for r in rows}
    assert "草稿" in states and "已提交" in states
    submitted = next(r for r in rows if r[8] == "已提交")
    assert isinstance(submitted[9], datetime.datetime)


def test_summary_has_no_id_or_phone_numbers(demo):
    """Every nominee of the demo, every unit: none of their ID or phone numbers is
    anywhere in the file (cells or any XML part)."""
    data = exported(demo, Nomination.objects.filter(campaign=demo))
    text = xml_text(data)
    numbers = [n for pair in Nominee.objects.values_list("id_number", "mobile") for n in pair if n]
    assert len(numbers) > 20
    assert not [n for n in numbers if n in text]
    cells = {str(c.value) for row in loaded(data)["推荐汇总表"].iter_rows() for c in row if c.value}
    assert not [n for n in numbers if any(n in c for c in cells)]


def test_summary_neutralises_formulas(demo, user):
    shangzhou = user("shangzhou")
    nominee = services.nominee_save(
        nominee=Nominee(kind="collective", name='=HYPERLINK("http://x.example","点我")', address="@SUM(A1)"),
        actor=shangzhou,
    )
    title = services.title_record(
        title=LocalTitle(
            nominee=nominee,
            brand=Brand.objects.get(slug="unit"),
            year=2018,
            document_number="-1+1",
            issuing_body="商州区",
            named_on=NAMED,
        ),
        actor=shangzhou,
    )
    nomination = services.nomination_create(campaign=demo, title=title, deeds="", actor=shangzhou)
    ws = loaded(exported(demo, Nomination.objects.filter(pk=nomination.pk)))["推荐汇总表"]
    assert ws["D3"].value == "'" + nominee.name and ws["D3"].data_type == "s"
    assert ws["F3"].value == "'@SUM(A1)"
    assert ws["G3"].value == "'-1+1"


# --- the batch template and its reader -------------------------------------------------------


def free_titles(unit, campaign, *, brand_slug=None):
    """The unit's titles whose nominee has no live nomination for that brand this year."""
    titles = LocalTitle.objects.filter(county=unit).select_related("nominee", "brand").order_by("pk")
    if brand_slug:
        titles = titles.filter(brand__slug=brand_slug)
    taken = set(
        Nomination.objects.filter(campaign=campaign)
        .exclude(state="withdrawn")
        .values_list("nominee_id", "brand_id")
    )
    return [t for t in titles if (t.nominee_id, t.brand_id) not in taken]


def batch(rows: list[list], *, headers=BATCH_HEADERS) -> bytes:
    return xlsx(
        [["商州区2018年度“平安商洛”创建市级先进集体和个人推荐汇总表"], headers, *rows], sheet="推荐汇总表"
    )


def test_batch_template(demo, shangzhou):
    data = write_nomination_template(unit=shangzhou, campaign=demo)
    workbook = loaded(data)
    ws = workbook["推荐汇总表"]
    assert ws["A1"].value == "商州区2018年度“平安商洛”创建市级先进集体和个人推荐汇总表"
    assert [c.value for c in ws[3]] == BATCH_HEADERS
    assert ws["A4"].value == "示例"
    listing = workbook["已登记的命名"]
    titles = LocalTitle.objects.filter(county=shangzhou)
    assert listing.max_row == titles.count() + 1
    assert {r[1] for r in listing.iter_rows(min_row=2, values_only=True)} == set(
        titles.values_list("nominee__name", flat=True)
    )
    assert any(str(r[5]).startswith("已推荐") for r in listing.iter_rows(min_row=2, values_only=True))
    numbers = [n for pair in Nominee.objects.values_list("id_number", "mobile") for n in pair if n]
    text = xml_text(data)
    assert not [n for n in numbers if n in text]
    # Only the example row: nothing to import.
    assert refused_batch(data, shangzhou, demo) == [f"{BATCH_SHEET}：没有可导入的数据行（第4行示例不导入）"]


def test_batch_reader_matches_titles(demo, shangzhou):
    village, gridworker = (
        free_titles(shangzhou, demo, brand_slug="village")[0],
        free_titles(shangzhou, demo, brand_slug="gridworker")[0],
    )
    rows = [
        [1, "平安村（社区）", village.nominee.name, 2018, "第一行\n<b>第二行</b>"],
        [
            2,
            "优秀治安中心户长（网格员）",
            f" {gridworker.nominee.name}",
            None,
            None,
        ],  # the only title: year may be left out
    ]
    parsed = read_nomination_workbook(batch(rows), unit=shangzhou, campaign=demo)
    assert [(r.row, r.title) for r in parsed.rows] == [(3, village), (4, gridworker)]
    assert parsed.rows[0].deeds == "<p>第一行</p><p>&lt;b&gt;第二行&lt;/b&gt;</p>"
    assert parsed.rows[1].deeds == ""


def test_batch_refusals(demo, shangzhou, user):
    free = free_titles(shangzhou, demo, brand_slug="village")
    nominated = Nomination.objects.filter(
        campaign=demo, county=shangzhou, brand__slug="village"
    ).select_related("nominee")[0]
    # Two nominees of the same name with the same title: the name cannot tell them apart.
    operator = user("shangzhou")
    for sequence in (905, 907):
        nominee = services.nominee_save(
            nominee=Nominee(
                kind="individual",
                name="王同名",
                gender="male",
                role="网格员",
                mobile="13700000005",
                id_number=new_id(sequence),
            ),
            actor=operator,
        )
        services.title_record(
            title=LocalTitle(
                nominee=nominee,
                brand=Brand.objects.get(slug="gridworker"),
                year=2018,
                document_number="商发〔2018〕70号",
                issuing_body="商州区",
                named_on=NAMED,
            ),
            actor=operator,
        )
    rows = [
        [1, "平安学校", free[0].nominee.name, 2018, ""],
        [2, "平安村（社区）", "没有这个村", 2018, ""],
        [3, "平安村（社区）", free[0].nominee.name, 2016, ""],
        [4, "平安村（社区）", free[1].nominee.name, 2018, "事" * 3001],
        [5, "平安村（社区）", free[2].nominee.name, "明年", ""],
        [6, "平安村（社区）", nominated.nominee.name, 2018, ""],
        [7, "优秀治安中心户长（网格员）", "王同名", 2018, ""],
        [8, "平安村（社区）", free[3].nominee.name, 2018, ""],
        [9, "平安村（社区）", free[3].nominee.name, None, ""],
        [10, None, None, 2018, "只有事迹"],
        [11, "平安县（区）", "商州区", 2018, ""],
    ]
    messages = refused_batch(batch(rows), shangzhou, demo)
    known = "、".join(
        ["平安镇（办）", "平安村（社区）", "平安单位", "平安小区（楼院）", "平安街道", "平安家庭"]
        + ["优秀治安中心户长（网格员）", "优秀平安志愿者（红袖章）"]
    )
    assert messages == [
        f"{BATCH_SHEET}第3行B列：未知的品牌（领域）“平安学校”（本单位可推荐：{known}）",
        f"{BATCH_SHEET}第4行C列：“没有这个村”没有已登记的“平安村（社区）”县级命名，请先登记（或导入）县级命名名单",
        f"{BATCH_SHEET}第5行D列：“{free[0].nominee.name}”没有2016年度“平安村（社区）”的县级命名（已登记的年度：2018）",
        f"{BATCH_SHEET}第6行E列：事迹材料（简要）过长（3001字，不能超过3000字）",
        f"{BATCH_SHEET}第7行D列：命名年度“明年”不是年份（应填4位数字，如{datetime.date.today().year}）",
        f"{BATCH_SHEET}第8行C列：“{nominated.nominee.name}”本年度已推荐为“平安村（社区）”"
        f"（当前状态：{nominated.get_state_display()}），不能重复推荐",
        f"{BATCH_SHEET}第9行C列：有2个名为“王同名”的对象获得“优秀治安中心户长（网格员）”县级命名，无法区分，请在工作台逐个推荐",
        f"{BATCH_SHEET}第11行C列：与第10行重复（同一对象、同一品牌（领域））",
        f"{BATCH_SHEET}第12行B列：缺少品牌（领域）",
        f"{BATCH_SHEET}第12行C列：缺少推荐对象",
        f"{BATCH_SHEET}第13行B列：未知的品牌（领域）“平安县（区）”（本单位可推荐：{known}）",
    ]


def test_batch_missing_header(demo, shangzhou):
    headers = ["序号", "品牌（领域）", "推荐对象", "命名年度"]
    assert refused_batch(batch([], headers=headers), shangzhou, demo) == [
        f"{BATCH_SHEET}第2行：找不到表头“事迹材料（简要）”"
    ]


def test_batch_department(demo, jiaoyu):
    title = (
        LocalTitle.objects.filter(department=jiaoyu)
        .exclude(nominee__nominations__campaign=demo)
        .select_related("nominee")
        .first()
    )
    headers = ["序号", "品牌（领域）", "推荐对象（须已登记领域命名）", "命名年度", "事迹材料（简要）"]
    parsed = read_nomination_workbook(
        batch([[1, "平安校园", title.nominee.name, 2018, "好"]], headers=headers), unit=jiaoyu, campaign=demo
    )
    assert [r.title for r in parsed.rows] == [title]
    workbook = loaded(write_nomination_template(unit=jiaoyu, campaign=demo))
    assert workbook["推荐汇总表"]["C3"].value == "推荐对象（须已登记领域命名）"

"""The 示范点分配表 importer/exporter (campaigns.excel) and the safe opener (portal.xlsx)."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest

from campaigns import services
from campaigns.excel import WorkbookError, read_quota_workbook, write_quota_workbook
from campaigns.models import Brand, CountyQuota, Sector
from campaigns.selectors import quota_county_table, quota_sector_table
from portal import xlsx
from portal.models import Department, Jurisdiction
from tests import xlsx_builders as xb
from tests.campaigns.helpers import quota_snapshot

S1 = "工作表“县区示范点分配表”"
S2 = "工作表“主责部门示范点分配表”"
SEED_TOTALS = [8, 40, 140, 50, 15, 7]


@pytest.fixture
def seeded(demo):
    """The campaign with the seed's table imported (the demo file), as the office has it."""
    return demo


@pytest.fixture
def campaign(empty):
    """The campaign before any quota was imported."""
    return empty


def refused(campaign, data: bytes) -> list[str]:
    """Import `data` through the service; it must fail and change nothing. Returns the messages."""
    before = quota_snapshot(campaign)
    with pytest.raises(WorkbookError) as caught:
        services.quotas_import(campaign=campaign, data=data, actor=None)
    assert quota_snapshot(campaign) == before
    assert str(caught.value) == "\n".join(caught.value.messages)
    return caught.value.messages


def county(name: str) -> Jurisdiction:
    return Jurisdiction.objects.get(name=name, level=Jurisdiction.Level.COUNTY)


def brand(name: str) -> Brand:
    return Brand.objects.get(name=name)


# --- the seed file ---------------------------------------------------------------------------


def test_demo_file_reads_as_the_seed_table(campaign):
    from portal.demo.loader import QUOTA_FILE

    parsed = read_quota_workbook(QUOTA_FILE.read_bytes(), campaign=campaign)
    brands = [brand(n) for n in xb.SEED_BRANDS]
    totals = [sum(q for (_, b), q in parsed.county_quotas.items() if b == br.pk) for br in brands]
    assert totals == SEED_TOTALS
    assert len(parsed.county_quotas) == 8 * 6
    assert parsed.county_quotas[(county("商州区").pk, brand("平安村（社区）").pk)] == 30
    assert parsed.county_quotas[(county("商洛高新区（商丹园区）").pk, brand("平安镇（办）").pk)] == 0
    assert parsed.county_quotas[(county("商洛高新区（商丹园区）").pk, brand("平安街道").pk)] == 0
    by_lead = {Sector.objects.get(pk=pk).lead_department.name: q for pk, q in parsed.sector_quotas.items()}
    assert by_lead == {
        "市教育局": 15,
        "市卫计局": 15,
        "市公安局": 10,
        "市交通局": 15,
        "市药监局": 10,
        "市工信局": 10,
        "市发改委": 15,
        "市人行": 10,
    }


def test_demo_figures_after_loading(demo):
    table = quota_county_table(campaign=demo)
    assert [b.name for b in table.brands[:6]] == xb.SEED_BRANDS
    assert table.totals[:6] == SEED_TOTALS
    gaoxin = next(r for r in table.rows if r.label == "商洛高新区（商丹园区）")
    assert gaoxin.cells[:6] == [1, 0, 3, 1, 1, 0]
    assert not CountyQuota.objects.filter(
        campaign=demo, county__name="商洛高新区（商丹园区）", brand__name="平安镇（办）"
    ).exists()
    sectors = quota_sector_table(campaign=demo)
    assert len(sectors.rows) == 8
    assert sectors.total == 100
    assert [r.total for r in sectors.rows] == [15, 15, 10, 15, 10, 10, 15, 10]


def test_importing_the_same_file_twice_changes_nothing(campaign):
    data = xb.seed_workbook()
    first = services.quotas_import(campaign=campaign, data=data, actor=None)
    assert first.changed == 8 * 6 - 2 + 8  # the two blanks of 高新区 are not rows
    second = services.quotas_import(campaign=campaign, data=data, actor=None)
    assert (second.changed, second.unchanged) == (0, 8 * 6 + 8)


# --- round trip ------------------------------------------------------------------------------


def _tables(campaign):
    county_table = quota_county_table(campaign=campaign)
    cells = {
        (row.unit.pk, b.pk): q
        for row in county_table.rows
        for b, q in zip(county_table.brands, row.cells, strict=True)
    }
    sectors = {row.unit.pk: row.total for row in quota_sector_table(campaign=campaign).rows}
    return cells, sectors


def test_round_trip_with_the_demo_including_family_and_individuals(demo):
    data = write_quota_workbook(campaign=demo)
    parsed = read_quota_workbook(data, campaign=demo)
    cells, sectors = _tables(demo)
    assert parsed.county_quotas == cells
    assert parsed.sector_quotas == sectors
    family = brand("平安家庭")
    assert parsed.county_quotas[(county("商州区").pk, family.pk)] == 10
    assert parsed.county_quotas[(county("丹凤县").pk, brand("优秀平安志愿者（红袖章）").pk)] == 3
    result = services.quotas_import(campaign=demo, data=data, actor=None)
    assert result.changed == 0


def test_round_trip_after_changes(demo):
    services.county_quota_set(
        campaign=demo, county=county("商州区"), brand=brand("平安家庭"), quota=0, actor=None
    )
    services.county_quota_set(
        campaign=demo, county=county("洛南县"), brand=brand("平安村（社区）"), quota=26, actor=None
    )
    services.sector_quota_set(campaign=demo, sector=Sector.objects.get(slug="finance"), quota=0, actor=None)
    parsed = read_quota_workbook(write_quota_workbook(campaign=demo), campaign=demo)
    cells, sectors = _tables(demo)
    assert parsed.county_quotas == cells
    assert parsed.sector_quotas == sectors
    assert parsed.county_quotas[(county("商州区").pk, brand("平安家庭").pk)] == 0
    assert parsed.county_quotas[(county("洛南县").pk, brand("平安村（社区）").pk)] == 26
    assert parsed.sector_quotas[Sector.objects.get(slug="finance").pk] == 0


def test_export_layout_mirrors_the_seed(demo):
    wb = openpyxl.load_workbook(io.BytesIO(write_quota_workbook(campaign=demo)))
    assert wb.sheetnames == ["县区示范点分配表", "主责部门示范点分配表"]
    ws = wb.worksheets[0]
    assert ws["A1"].value == "2018年度“平安商洛”创建市级示范点分配表"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:J1", "A2:A3", "B2:J2"}
    assert (ws["A2"].value, ws["B2"].value) == ("县（区）", "创建品牌及市级示范点数量")
    assert [c.value for c in ws[3]][1:] == [
        *xb.SEED_BRANDS,
        "平安家庭",
        "优秀治安中心户长（网格员）",
        "优秀平安志愿者（红袖章）",
    ]
    assert [c.value for c in ws[11]] == ["商洛高新区（商丹园区）", 1, None, 3, 1, 1, None, 10, 3, 3]
    assert [c.value for c in ws[12]] == ["共  计", 8, 40, 140, 50, 15, 7, 80, 24, 24]
    assert ws["A2"].font.b and ws["D3"].font.b and ws["B12"].font.b and not ws["B4"].font.b
    assert ws["C5"].border.left.style == "thin" and ws["J2"].border.top.style == "thin"
    assert ws["C5"].alignment.horizontal == "center"
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    ws = wb.worksheets[1]
    assert [c.value for c in ws[2]] == ["主责部门", "创建品牌及市级示范点数量", None]
    assert [c.value for c in ws[3]] == ["市教育局", "平安校园", 15]
    assert [c.value for c in ws[6]] == ["市交通局", "自定品牌", 15]
    assert [c.value for c in ws[11]] == ["共 计", 8, 100]


def test_export_neutralises_text_and_reads_it_back(demo):
    lead = Department.objects.get(name="市人行")
    lead.name = '=HYPERLINK("http://x")'
    lead.save()
    data = write_quota_workbook(campaign=demo)
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[1]
    assert ws["A10"].value == '\'=HYPERLINK("http://x")'
    assert ws["A10"].data_type == "s"
    assert read_quota_workbook(data, campaign=demo).sector_quotas[Sector.objects.get(slug="finance").pk] == 10


# --- accepted variants -----------------------------------------------------------------------


def test_accepts_numbers_as_text_whole_floats_and_loose_names(seeded):
    rows = xb.seed_counties()
    rows[0][3] = "３０"  # full-width digits
    rows[1][3] = " 25 "
    rows[2][3] = 16.0
    rows[7][0] = "商洛高新区 (商丹园区)"
    brands = list(xb.SEED_BRANDS)
    brands[0] = "平安县(区)"
    brands[4] = "平安小区 （楼院）"
    departments = xb.seed_departments()
    departments[3][1] = None  # blank brand for a 自定品牌 sector
    departments[0][1] = "自定品牌"
    data = xb.quota_workbook(
        title="商洛市示范点名额（2018年度）",
        brands=brands,
        counties=rows,
        county_total=["合 计", 8, 40, 140, 50, 15, 7],
        departments=departments,
        department_total=["共计", "8", 100],
    )
    before = quota_snapshot(seeded)
    result = services.quotas_import(campaign=seeded, data=data, actor=None)
    assert result.changed == 0
    assert quota_snapshot(seeded) == before


def test_notes_below_the_table_and_a_programme_in_the_title_are_fine(seeded):
    data = xb.quota_workbook(
        title="深化“平安商洛”创建活动（2018—2020年）2018年度市级示范点分配表",
        county_notes=[["注：空白表示不分配。"], [None, None, "制表：市综治办"]],
    )
    assert services.quotas_import(campaign=seeded, data=data, actor=None).changed == 0


def test_a_county_below_the_total_row(seeded):
    rows = xb.seed_counties()
    moved = rows.pop()
    total = ["共  计", 7, 40, 137, 49, 14, 7]
    assert refused(seeded, xb.quota_workbook(counties=rows, county_total=total, county_notes=[moved])) == [
        f"{S1}第12行A列：县（区）“商洛高新区（商丹园区）”位于“共计”行之后",
    ]


def test_a_brand_column_not_in_the_file_is_left_alone(demo):
    result = services.quotas_import(campaign=demo, data=xb.seed_workbook(), actor=None)
    assert result.changed == 0
    assert CountyQuota.objects.get(campaign=demo, county__name="商州区", brand__name="平安家庭").quota == 10


def test_an_extra_brand_column_is_imported(seeded):
    rows = [[*r, 5] for r in xb.seed_counties()]
    data = xb.quota_workbook(
        brands=[*xb.SEED_BRANDS, "平安家庭"], counties=rows, county_total=[*xb.SEED_COUNTY_TOTAL, 40]
    )
    result = services.quotas_import(campaign=seeded, data=data, actor=None)
    assert result.changed == 8
    assert CountyQuota.objects.get(campaign=seeded, county__name="柞水县", brand__name="平安家庭").quota == 5


# --- refusals in the tables ------------------------------------------------------------------


def test_negative(seeded):
    rows = xb.seed_counties()
    rows[1][2] = -1
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [f"{S1}第5行C列：名额“-1”不是非负整数"]


def test_negative_as_text(seeded):
    rows = xb.seed_counties()
    rows[1][2] = "-7"
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [f"{S1}第5行C列：名额“-7”不是非负整数"]


def test_fraction(seeded):
    rows = xb.seed_counties()
    rows[0][3] = 29.5
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [f"{S1}第4行D列：名额“29.5”不是非负整数"]


def test_other_text(seeded):
    rows = xb.seed_counties()
    rows[6][6] = "一个"
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [f"{S1}第10行G列：名额“一个”不是非负整数"]


def test_boolean_is_not_a_number(seeded):
    rows = xb.seed_counties()
    rows[6][1] = True
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [f"{S1}第10行B列：名额“True”不是非负整数"]


def test_formula_in_a_quota(seeded):
    rows = xb.seed_counties()
    rows[0][3] = "=15+15"
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [
        f"{S1}第4行D列：单元格含有公式“=15+15”，请将公式转为数值后再导入"
    ]


def test_formula_in_the_total_row(seeded):
    total = list(xb.SEED_COUNTY_TOTAL)
    total[1] = "=SUM(B4:B11)"
    assert refused(seeded, xb.quota_workbook(county_total=total)) == [
        f"{S1}第12行B列：单元格含有公式“=SUM(B4:B11)”，请将公式转为数值后再导入"
    ]


def test_formula_in_the_departments_sheet(seeded):
    departments = xb.seed_departments()
    departments[7][2] = "=5*2"
    assert refused(seeded, xb.quota_workbook(departments=departments)) == [
        f"{S2}第10行C列：单元格含有公式“=5*2”，请将公式转为数值后再导入"
    ]


def test_wrong_county_total(seeded):
    total = list(xb.SEED_COUNTY_TOTAL)
    total[3] = 139
    assert refused(seeded, xb.quota_workbook(county_total=total)) == [
        f"{S1}第12行D列：“平安村（社区）”共计“139”与本列各县（区）之和“140”不符"
    ]


def test_missing_county_total(seeded):
    assert refused(seeded, xb.quota_workbook(county_total=None)) == [
        f"{S1}：缺少“共计”行（应在各县（区）之后，各列为本列之和）"
    ]


def test_unknown_county(seeded):
    rows = xb.seed_counties()
    rows[0][0] = "商州县"
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [
        f"{S1}第4行A列：未知的县（区）“商州县”，不属于商洛市",
        f"{S1}：缺少县（区）：商州区",
    ]


def test_county_listed_twice(seeded):
    rows = [*xb.seed_counties(), ["商州区", 1, 7, 30, 7, 2, 1]]
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [
        f"{S1}第12行A列：县（区）“商州区”重复出现（已在第4行）"
    ]


def test_missing_county(seeded):
    rows = [r for r in xb.seed_counties() if r[0] != "柞水县"]
    total = ["共  计", 7, 36, 130, 43, 13, 6]
    assert refused(seeded, xb.quota_workbook(counties=rows, county_total=total)) == [
        f"{S1}：缺少县（区）：柞水县"
    ]


def test_unknown_brand_column(seeded):
    brands = list(xb.SEED_BRANDS)
    brands[5] = "平安街巷"
    assert refused(seeded, xb.quota_workbook(brands=brands)) == [f"{S1}第3行G列：未知的创建品牌“平安街巷”"]


def test_brand_column_twice(seeded):
    rows = [[*r, r[3]] for r in xb.seed_counties()]
    data = xb.quota_workbook(
        brands=[*xb.SEED_BRANDS, "平安村（社区）"], counties=rows, county_total=[*xb.SEED_COUNTY_TOTAL, 140]
    )
    assert refused(seeded, data) == [f"{S1}第3行H列：创建品牌“平安村（社区）”重复（已在D列）"]


def test_figures_in_a_column_without_a_brand(seeded):
    rows = xb.seed_counties()
    rows[2] = [*rows[2], 9]
    assert refused(seeded, xb.quota_workbook(counties=rows)) == [f"{S1}第6行H列：“9”所在列没有品牌名称"]


def test_missing_header(seeded):
    assert refused(seeded, xb.quota_workbook(county_header="县区名称")) == [f"{S1}：找不到表头“县（区）”"]


def test_title_of_another_year(seeded):
    assert refused(seeded, xb.quota_workbook(title="2019年度“平安商洛”创建市级示范点分配表")) == [
        f"{S1}第1行A列：标题中的年度“2019”与创建活动的年度“2018”不符"
    ]


def test_unknown_department(seeded):
    departments = xb.seed_departments()
    departments[0][0] = "市教育厅"
    assert refused(seeded, xb.quota_workbook(departments=departments)) == [
        f"{S2}第3行A列：未知的主责部门“市教育厅”，不是商洛市重点领域的主责部门",
        f"{S2}：缺少主责部门：市教育局（校园）",
    ]


def test_a_department_that_leads_no_sector(seeded):
    departments = xb.seed_departments()
    departments[7][0] = "市司法局"
    assert refused(seeded, xb.quota_workbook(departments=departments)) == [
        f"{S2}第10行A列：未知的主责部门“市司法局”，不是商洛市重点领域的主责部门",
        f"{S2}：缺少主责部门：市人行（金融）",
    ]


def test_department_listed_twice(seeded):
    departments = [*xb.seed_departments(), ["市人行", "自定品牌", 10]]
    data = xb.quota_workbook(departments=departments, department_total=["共 计", 9, 110])
    assert refused(seeded, data) == [f"{S2}第11行A列：主责部门“市人行”重复出现（已在第10行）"]


def test_missing_department(seeded):
    departments = xb.seed_departments()[:-1]
    data = xb.quota_workbook(departments=departments, department_total=["共 计", 7, 90])
    assert refused(seeded, data) == [f"{S2}：缺少主责部门：市人行（金融）"]


def test_department_brand_must_match(seeded):
    departments = xb.seed_departments()
    departments[0][1] = "平安医院"
    assert refused(seeded, xb.quota_workbook(departments=departments)) == [
        f"{S2}第3行B列：品牌“平安医院”与市教育局主责领域的品牌“平安校园”不符"
    ]


def test_a_department_leading_two_sectors(seeded):
    road = Sector.objects.create(
        city=seeded.city,
        name="道路交通",
        slug="road",
        lead_department=Department.objects.get(name="市公安局"),
        brand_is_custom=True,
        sort_order=9,
    )
    assert refused(seeded, xb.seed_workbook()) == [f"{S2}：缺少主责部门：市公安局（道路交通）"]
    departments = [*xb.seed_departments(), ["市公安局", "自定品牌", 5]]
    data = xb.quota_workbook(departments=departments, department_total=["共 计", 9, 105])
    parsed = read_quota_workbook(data, campaign=seeded)
    assert parsed.sector_quotas[road.pk] == 5
    assert parsed.sector_quotas[Sector.objects.get(slug="scenic").pk] == 10
    services.quotas_import(campaign=seeded, data=data, actor=None)
    again = read_quota_workbook(write_quota_workbook(campaign=seeded), campaign=seeded)
    assert again.sector_quotas == parsed.sector_quotas


def test_wrong_department_sum(seeded):
    assert refused(seeded, xb.quota_workbook(department_total=["共 计", 8, 99])) == [
        f"{S2}第11行C列：共计“99”与各主责部门名额之和“100”不符"
    ]


def test_wrong_department_count(seeded):
    assert refused(seeded, xb.quota_workbook(department_total=["共 计", 7, 100])) == [
        f"{S2}第11行B列：共计的部门数“7”与所列主责部门数“8”不符"
    ]


def test_missing_department_total(seeded):
    assert refused(seeded, xb.quota_workbook(department_total=None)) == [
        f"{S2}：缺少“共计”行（应在各主责部门之后：部门数、名额之和）"
    ]


def test_missing_second_sheet(seeded):
    assert refused(seeded, xb.quota_workbook(sheets=1)) == ["缺少第2个工作表（主责部门示范点分配表）"]


def test_errors_name_sheets_by_their_own_titles(seeded):
    rows = xb.seed_counties()
    rows[0][1] = -1
    departments = xb.seed_departments()
    departments[1][2] = 1.5
    data = xb.quota_workbook(counties=rows, departments=departments, sheet_titles=("Sheet1", "名额"))
    assert refused(seeded, data) == [
        "工作表“Sheet1”第4行B列：名额“-1”不是非负整数",
        "工作表“名额”第4行C列：名额“1.5”不是非负整数",
    ]


def test_every_error_is_collected(seeded):
    rows = xb.seed_counties()
    rows[0][1] = -1
    rows[3][0] = "西安市"
    total = list(xb.SEED_COUNTY_TOTAL)
    total[2] = 41
    departments = xb.seed_departments()
    departments[4][2] = "十"
    messages = refused(
        seeded,
        xb.quota_workbook(counties=rows, county_total=total, departments=departments, department_total=None),
    )
    assert messages == [
        f"{S1}第4行B列：名额“-1”不是非负整数",
        f"{S1}第7行A列：未知的县（区）“西安市”，不属于商洛市",
        f"{S1}：缺少县（区）：商南县",
        f"{S2}第7行C列：名额“十”不是非负整数",
        f"{S2}：缺少“共计”行（应在各主责部门之后：部门数、名额之和）",
    ]


# --- refusals of the file itself (portal.xlsx) -----------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


NOT_XLSX = "文件不是Excel工作簿（.xlsx）。请上传用Excel或WPS保存的.xlsx文件（不接受.xls、.csv等格式）。"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01random bytes\xff" * 20, NOT_XLSX),
        ("县（区）,平安县（区）\n商州区,1\n".encode(), NOT_XLSX),
        (b"", "文件是空的。"),
        (
            xlsx.OLE2_SIGNATURE + b"\x00" * 500,
            "这是旧版Excel（.xls）文件或加密的工作簿，无法读取。请用Excel或WPS另存为未加密的“Excel工作簿（.xlsx）”后再上传。",
        ),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
            "文件不是Excel工作簿（.xlsx）。请上传用Excel或WPS保存的.xlsx文件（不接受.docx、.ods等格式）。",
        ),
    ],
    ids=["random", "csv", "empty", "xls", "docx"],
)
def test_not_an_xlsx(seeded, data, message):
    assert refused(seeded, data) == [message]


def test_oversized(seeded, settings):
    data = xb.seed_workbook()
    settings.XLSX_MAX_UPLOAD_BYTES = 4096
    assert refused(seeded, data) == [f"文件大小为{xlsx.format_size(len(data))}，超过上限4 KB。"]


def test_zip_bomb_by_total_size(seeded, settings):
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = 200_000
    data = xb.add_member(xb.seed_workbook(), "xl/media/padding.bin", b"\x00" * 300_000)
    [message] = refused(seeded, data)
    assert message.startswith("工作簿解压后为")
    assert message.endswith("超过上限195.3 KB，疑似压缩炸弹，拒绝读取。")


def test_zip_bomb_by_compression_ratio(seeded):
    data = xb.add_member(xb.seed_workbook(), "xl/media/image1.png", b"\x00" * (8 * 1024 * 1024))
    assert len(data) < 100_000
    [message] = refused(seeded, data)
    assert message.startswith("工作簿中的“xl/media/image1.png”压缩比异常（")
    assert message.endswith("解压为8 MB），疑似压缩炸弹，拒绝读取。")


def test_member_lying_about_its_size_is_not_inflated(seeded):
    name = b"xl/media/image1.png"
    data = bytearray(xb.add_member(xb.seed_workbook(), name.decode(), b"\x00" * (2 * 1024 * 1024)))
    # the central directory record of the last member (ours) now declares 1,000 bytes
    record = data.rfind(b"PK\x01\x02")
    assert data[record + 46 : record + 46 + len(name)] == name
    struct.pack_into("<I", data, record + 24, 1000)
    assert refused(seeded, bytes(data)) == [xlsx.DAMAGED]


def test_damaged_compressed_data(seeded):
    data = bytearray(xb.seed_workbook())
    start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 20
    for i in range(start, start + 40):
        data[i] ^= 0x55
    assert refused(seeded, bytes(data)) == [xlsx.DAMAGED]


@pytest.mark.parametrize("member", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_declarations(seeded, member):
    data = xb.with_entities(xb.seed_workbook(), member)
    assert refused(seeded, data) == [
        f"工作簿中的“{member}”含有实体或文档类型声明（DOCTYPE/ENTITY），出于安全原因拒绝读取。"
    ]


def test_utf16_doctype_is_found():
    def to_utf16(body: bytes) -> bytes:
        text = body.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
        head, sep, rest = text.partition("?>")
        return (head + sep + '<!doctype x [<!ENTITY e "e">]>' + rest).encode("utf-16")

    data = xb.rewrite_member(xb.seed_workbook(), "xl/worksheets/sheet2.xml", to_utf16)
    with pytest.raises(xlsx.XlsxRefused) as caught:
        xlsx.open_workbook(data)
    assert "xl/worksheets/sheet2.xml" in caught.value.message


@pytest.mark.parametrize("member", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_defusedxml_refusal_is_translated_when_the_scan_misses(monkeypatch, member):
    """Behind our own scan, defusedxml still refuses, and the message stays specific."""
    monkeypatch.setattr(xlsx, "_declares_entities", lambda *a, **k: False)
    with pytest.raises(xlsx.XlsxRefused) as caught:
        xlsx.open_workbook(xb.with_entities(xb.seed_workbook(), member))
    assert caught.value.message == xlsx.ENTITIES_REFUSED


def test_a_sheet_that_fails_to_parse_later_is_refused(campaign):
    """Read-only sheets are parsed lazily: a broken body surfaces in read_sheet."""
    data = xb.rewrite_member(
        xb.seed_workbook(), "xl/worksheets/sheet2.xml", lambda body: body.replace(b"</sheetData>", b"<row>")
    )
    assert refused(campaign, data) == ["无法读取工作表“主责部门示范点分配表”，文件可能已损坏。"]


def test_open_workbook_reads_formulas_as_formulas():
    rows = xb.seed_counties()
    rows[0][1] = "=1"
    wb = xlsx.open_workbook(xb.quota_workbook(counties=rows))
    cells = xlsx.read_sheet(wb.worksheets[0])
    assert cells[3][1].is_formula and cells[3][1].value == "=1" and cells[3][1].column_letter == "B"
    assert cells[3][0].value == "商州区" and not cells[3][0].is_formula
    assert cells[10][2].is_blank


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+8613800000000", "'+8613800000000"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("商州区", "商州区"),
        ("a=b", "a=b"),
        (5, 5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert xlsx.neutralise(value) == expected


def test_format_size():
    assert xlsx.format_size(5 * 1024 * 1024) == "5 MB"
    assert xlsx.format_size(1536) == "1.5 KB"
    assert xlsx.format_size(1000) == "1000 字节"

"""The counties' census workbook (单位基数): export, import all or nothing, the office's
upload screen. Test files are built here with openpyxl from plain lists, independent of
campaigns.excel.census."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from wagtail.models import PageLogEntry

from campaigns.census_services import census_import
from campaigns.excel import WorkbookError
from campaigns.excel.census import read_census_workbook, write_census_workbook
from campaigns.models import UnitCensus
from portal.demo import data as demo_data
from tests.factories import campaign_page

pytestmark = pytest.mark.django_db

HEADER = ["县（区）", "镇（办）", "村", "社区", "单位", "小区（楼院）", "街道"]
COUNTIES = [[name, *counts] for name, counts in demo_data.COUNTY_CENSUS.items()]
TITLE = "商洛市2018年各县（区）单位基数"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(
    rows=None, *, title=TITLE, header=None, total: list | bool = True, sheet="单位基数", extra_sheet=False
) -> bytes:
    """Row 1 the title, row 2 the header, rows 3–10 the counties, row 11 合计 (column sums)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws.append(header or HEADER)
    rows = COUNTIES if rows is None else rows
    for row in rows:
        ws.append(row)
    if total is True:
        sums = [sum(r[i] or 0 for r in rows if isinstance(r[i], int)) for i in range(1, 7)]
        ws.append(["合计", *sums])
    elif total:
        ws.append(total)
    if extra_sheet:
        wb.create_sheet("说明")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def census_rows(campaign) -> list:
    return sorted(
        UnitCensus.objects.filter(county__parent=campaign.city).values_list(
            "county__name", "year", "towns", "villages", "communities", "units", "compounds", "streets"
        )
    )


def errors_of(data: bytes, campaign) -> list[str]:
    with pytest.raises(WorkbookError) as exc:
        read_census_workbook(data, campaign=campaign)
    return exc.value.messages


# ---------------------------------------------------------------- export and round trip


def test_export_has_the_layout_and_reads_back(demo):
    data = write_census_workbook(campaign=demo)
    ws = openpyxl.load_workbook(io.BytesIO(data))["单位基数"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == TITLE
    assert rows[1] == HEADER
    assert rows[2] == ["商州区", 18, 301, 36, 420, 64, 6]
    assert rows[10] == ["合计", 100, 1278, 126, 1789, 195, 19]  # the columns' sums
    parsed = read_census_workbook(data, campaign=demo)
    assert len(parsed) == 8
    before = census_rows(demo)
    result = census_import(campaign=demo, file=data, actor=None)
    assert (result.changed, result.unchanged) == (0, 8)
    assert census_rows(demo) == before


def test_import_changes_only_what_differs_and_logs_it(demo):
    rows = [list(r) for r in COUNTIES]
    rows[0] = ["商州区", 18, 300, 37, 420, 64, 6]
    office = User.objects.get(username="office")
    result = census_import(campaign=demo, file=workbook(rows), actor=office, source="上传：基数.xlsx")
    assert (result.changed, result.unchanged) == (1, 7)
    census = UnitCensus.objects.get(county__name="商州区", year=2018)
    assert (census.villages, census.communities, census.updated_by) == (300, 37, office)
    entry = PageLogEntry.objects.filter(page=demo, action="campaigns.census_change").latest("timestamp")
    assert entry.user == office and entry.data["source"] == "上传：基数.xlsx"


def test_a_new_year_starts_from_the_latest_census_and_gets_its_own_rows(shangluo):
    campaign = campaign_page(city=shangluo, year=2019, slug="shangluo-2019")
    data = write_census_workbook(campaign=campaign)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "商洛市2019年各县（区）单位基数"
    assert [c.value for c in ws[3]] == ["商州区", 18, 301, 36, 420, 64, 6]  # 2018's, as a start
    result = census_import(campaign=campaign, file=data, actor=None)
    assert result.changed == 8
    assert UnitCensus.objects.filter(county__parent=shangluo, year=2019).count() == 8


def test_blank_is_zero_total_row_optional_and_sheet1_accepted(demo):
    rows = [list(r) for r in COUNTIES]
    rows[7] = ["商洛高新区 (商丹园区)", 2, 12, 4, 58, None, " "]  # half-width brackets, blanks
    parsed = read_census_workbook(workbook(rows, total=False, sheet="Sheet1"), campaign=demo)
    gaoxin = next(v for k, v in parsed.items() if v["units"] == 58)
    assert (gaoxin["compounds"], gaoxin["streets"]) == (0, 0)


# ---------------------------------------------------------------- bad files


def test_bad_cells_are_named_by_sheet_row_and_column_and_nothing_is_imported(demo):
    rows = [list(r) for r in COUNTIES]
    rows[0][2] = "三百"  # 商州区 村: row 3, column C
    rows[1][4] = -5  # 洛南县 单位: row 4, column E
    rows[2][5] = 2.5  # 丹凤县 小区（楼院）: row 5, column F
    rows[3][0] = "商洛县"  # unknown: row 6, column A
    rows[4][6] = "=1+1"  # 山阳县 街道: row 7, column G
    before = census_rows(demo)
    data = workbook(rows, total=["合计", 1, 2, 3, 4, 5, 6])
    messages = errors_of(data, demo)
    assert "工作表“单位基数”第3行C列：村“三百”不是非负整数" in messages
    assert "工作表“单位基数”第4行E列：单位“-5”不是非负整数" in messages
    assert "工作表“单位基数”第5行F列：小区（楼院）“2.5”不是非负整数" in messages
    assert "工作表“单位基数”第6行A列：未知的县（区）“商洛县”，不属于商洛市" in messages
    assert "工作表“单位基数”第7行G列：单元格含有公式“=1+1”，请将公式转为数值后再导入" in messages
    assert "工作表“单位基数”：缺少县（区）：商南县" in messages
    # The totals of columns with a refused cell or an unknown county are not compared.
    assert not any("合计“1”" in m for m in messages)
    with pytest.raises(WorkbookError):
        census_import(campaign=demo, file=data, actor=None)
    assert census_rows(demo) == before


def test_total_must_equal_the_column_sums(demo):
    totals = ["合计", 100, 1278, 126, 1789, 195, 19]
    totals[2] = 1270
    messages = errors_of(workbook(total=totals), demo)
    assert messages == ["工作表“单位基数”第11行C列：“村”合计“1270”与本列各县（区）之和“1278”不符"]


def test_duplicate_misplaced_county_year_and_headers(demo):
    rows = [list(r) for r in COUNTIES]
    rows.append(list(COUNTIES[0]))
    messages = errors_of(workbook(rows, title="商洛市2017年各县（区）单位基数", total=False), demo)
    assert "工作表“单位基数”第11行A列：县（区）“商州区”重复出现（已在第3行）" in messages
    assert "工作表“单位基数”第1行A列：标题中的年度“2017”与创建活动的年度“2018”不符" in messages

    header = ["县（区）", "镇（办）", "村", "社区", "单位", "小区", "街道", "村"]
    messages = errors_of(workbook(header=header), demo)
    assert "工作表“单位基数”第2行F列：未知的列“小区”" in messages
    assert "工作表“单位基数”第2行H列：列“村”重复（已在C列）" in messages
    assert "工作表“单位基数”第2行：缺少列：小区（楼院）" in messages

    rows = [list(r) for r in COUNTIES[:7]]
    messages = errors_of(workbook(rows, total=["合计", 98, 1266, 122, 1731, 186, 18]), demo)
    assert messages == ["工作表“单位基数”：缺少县（区）：商洛高新区（商丹园区）"]


def test_wrong_workbooks(demo):
    assert errors_of(workbook(sheet="名额", extra_sheet=True), demo) == ["缺少工作表“单位基数”"]
    assert errors_of(workbook(header=["单位名称", "数量"]), demo) == [
        "工作表“单位基数”：找不到表头“县（区）”"
    ]
    assert len(errors_of(b"not a workbook", demo)) == 1


# ---------------------------------------------------------------- the office's screen


@pytest.fixture
def office_client(client, demo):
    client.force_login(User.objects.get(username="office"))
    return client


def upload(data: bytes):
    return {"file": SimpleUploadedFile("单位基数.xlsx", data, content_type=XLSX)}


def test_office_downloads_and_uploads_the_census(office_client, demo):
    response = office_client.get(f"/admin/coverage/census.xlsx?campaign={demo.pk}")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    form = office_client.get(f"/admin/coverage/census/import/?campaign={demo.pk}").content.decode()
    assert 'enctype="multipart/form-data"' in form and f'name="campaign" value="{demo.pk}"' in form

    ws_book = openpyxl.load_workbook(io.BytesIO(data))
    ws_book.active["B3"] = 19  # 商州区 towns 18 → 19
    ws_book.active["B11"] = 101
    buffer = io.BytesIO()
    ws_book.save(buffer)
    response = office_client.post(
        "/admin/coverage/census/import/", {"campaign": demo.pk, **upload(buffer.getvalue())}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/coverage/?campaign={demo.pk}"
    html = office_client.get(response["Location"]).content.decode()
    assert "导入成功：1个县（区）的单位基数有变化，7个未变。" in html
    assert UnitCensus.objects.get(county__name="商州区", year=2018).towns == 19


def test_office_upload_of_a_bad_file_lists_the_problems_and_changes_nothing(office_client, demo):
    before = census_rows(demo)
    rows = [list(r) for r in COUNTIES]
    rows[0][1] = "十八"
    response = office_client.post(
        "/admin/coverage/census/import/", {"campaign": demo.pk, **upload(workbook(rows))}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "文件有1处问题，未导入，单位基数未作任何修改" in html
    assert "工作表“单位基数”第3行B列：镇（办）“十八”不是非负整数" in html
    assert census_rows(demo) == before

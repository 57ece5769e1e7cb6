"""`manage.py import_quotas` / `export_quotas`."""

from __future__ import annotations

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from campaigns.excel import read_quota_workbook
from campaigns.models import CountyQuota
from campaigns.selectors import quota_county_table
from tests import xlsx_builders as xb
from tests.campaigns.helpers import quota_snapshot


def write(tmp_path, data: bytes, name: str = "分配表.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_prints_what_changed(empty, tmp_path, capsys):
    call_command("import_quotas", write(tmp_path, xb.seed_workbook()), campaign="shangluo-2018")
    out = capsys.readouterr().out
    assert "  商州区 · 平安村（社区）：0 → 30\n" in out
    assert "  市教育局（平安校园）：0 → 15\n" in out
    assert "商洛高新区（商丹园区） · 平安镇（办）" not in out  # blank stays 0
    assert out.rstrip().endswith("2018年度深化“平安商洛”创建活动：54项名额有变化，2项未变。")  # the 2 blanks
    assert quota_county_table(campaign=empty).totals[:6] == [8, 40, 140, 50, 15, 7]


def test_import_again_changes_nothing(demo, tmp_path, capsys):
    call_command("import_quotas", write(tmp_path, xb.seed_workbook()), campaign="shangluo-2018")
    assert capsys.readouterr().out.strip() == "2018年度深化“平安商洛”创建活动：0项名额有变化，56项未变。"


def test_import_one_change(demo, tmp_path, capsys):
    rows = xb.seed_counties()
    rows[1][3] = 26
    total = list(xb.SEED_COUNTY_TOTAL)
    total[3] = 141
    path = write(tmp_path, xb.quota_workbook(counties=rows, county_total=total))
    call_command("import_quotas", path, campaign="shangluo-2018")
    assert capsys.readouterr().out.splitlines() == [
        "  洛南县 · 平安村（社区）：25 → 26",
        "2018年度深化“平安商洛”创建活动：1项名额有变化，55项未变。",
    ]
    quota = CountyQuota.objects.get(campaign=demo, county__name="洛南县", brand__name="平安村（社区）")
    assert quota.quota == 26


def test_dry_run_writes_nothing(empty, tmp_path, capsys):
    before = quota_snapshot(empty)
    call_command("import_quotas", write(tmp_path, xb.seed_workbook()), campaign="shangluo-2018", dry_run=True)
    out = capsys.readouterr().out
    assert "  商州区 · 平安村（社区）：0 → 30\n" in out
    assert "试运行（未写入）：" in out
    assert quota_snapshot(empty) == before == ([], [])


def test_bad_file_exits_non_zero_with_chinese_errors_on_stderr(demo, tmp_path, capsys, monkeypatch):
    rows = xb.seed_counties()
    rows[1][2] = -1
    departments = xb.seed_departments()
    departments[0][0] = "市教育厅"
    path = write(tmp_path, xb.quota_workbook(counties=rows, departments=departments))
    before = quota_snapshot(demo)
    # run_from_argv closes every connection when it ends; the module's demo lives in
    # an open transaction on that connection (PostgreSQL would lose it).
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_quotas", path, "--campaign", "shangluo-2018"])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "工作表“县区示范点分配表”第5行C列：名额“-1”不是非负整数",
        "工作表“主责部门示范点分配表”第3行A列：未知的主责部门“市教育厅”，不是商洛市重点领域的主责部门",
        "工作表“主责部门示范点分配表”：缺少主责部门：市教育局（校园）",
        "CommandError: 文件有3处问题，未导入，名额未作任何修改。",
    ]
    assert quota_snapshot(demo) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"a,b\n1,2\n",
            "文件不是Excel工作簿（.xlsx）。请上传用Excel或WPS保存的.xlsx文件（不接受.xls、.csv等格式）。",
        ),
        (
            xb.quota_workbook(county_total=None),
            "工作表“县区示范点分配表”：缺少“共计”行（应在各县（区）之后，各列为本列之和）",
        ),
        (
            xb.with_entities(xb.seed_workbook(), "xl/worksheets/sheet1.xml"),
            "工作簿中的“xl/worksheets/sheet1.xml”含有实体或文档类型声明（DOCTYPE/ENTITY），出于安全原因拒绝读取。",
        ),
    ],
    ids=["csv", "no-total", "entities"],
)
def test_refusals_raise_command_error(demo, tmp_path, capsys, data, message):
    before = quota_snapshot(demo)
    with pytest.raises(CommandError, match="文件有1处问题，未导入，名额未作任何修改。"):
        call_command("import_quotas", write(tmp_path, data), campaign="shangluo-2018")
    assert capsys.readouterr().err.strip() == message
    assert quota_snapshot(demo) == before


def test_oversized_file(demo, tmp_path, settings):
    settings.XLSX_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(CommandError, match=r"^文件大小为.*，超过上限1000 字节，未导入。$"):
        call_command("import_quotas", write(tmp_path, xb.seed_workbook()), campaign="shangluo-2018")


def test_unknown_campaign_and_missing_file(demo, tmp_path):
    with pytest.raises(CommandError, match="找不到创建活动“xian-2018”"):
        call_command("import_quotas", write(tmp_path, xb.seed_workbook()), campaign="xian-2018")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_quotas", str(tmp_path / "nope.xlsx"), campaign="shangluo-2018")
    with pytest.raises(CommandError, match="找不到创建活动"):
        call_command("export_quotas", str(tmp_path / "out.xlsx"), campaign="xian-2018")


def test_export_writes_what_the_page_shows(demo, tmp_path, capsys):
    target = tmp_path / "导出.xlsx"
    call_command("export_quotas", str(target), campaign="shangluo-2018")
    assert "已导出2018年度深化“平安商洛”创建活动的示范点分配表" in capsys.readouterr().out
    parsed = read_quota_workbook(target.read_bytes(), campaign=demo)
    table = quota_county_table(campaign=demo)
    assert parsed.county_quotas == {
        (row.unit.pk, b.pk): q for row in table.rows for b, q in zip(table.brands, row.cells, strict=True)
    }
    assert sum(parsed.sector_quotas.values()) == 100


def test_campaign_by_id(demo, tmp_path):
    target = tmp_path / "out.xlsx"
    call_command("export_quotas", str(target), campaign=str(demo.pk))
    assert target.stat().st_size > 0

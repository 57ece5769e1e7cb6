"""The city office's 示范点分配表 screens in the Wagtail admin."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry

from campaigns.selectors import quota_county_table
from portal.xlsx import format_size
from tests import xlsx_builders as xb
from tests.campaigns.helpers import quota_snapshot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def urls(campaign) -> dict[str, str]:
    return {
        "index": reverse("campaigns_quotas:index"),
        "import": reverse("campaigns_quotas:import", kwargs={"campaign_id": campaign.pk}),
        "export": reverse("campaigns_quotas:export", kwargs={"campaign_id": campaign.pk}),
    }


def upload(data: bytes, name: str = "2018年度示范点分配表.xlsx"):
    return {"file": SimpleUploadedFile(name, data, content_type=XLSX)}


def with_admin_access(username: str) -> User:
    user = User.objects.get(username=username)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def office_client(client, demo):
    client.force_login(User.objects.get(username="office"))
    return client


def test_menu_item_for_the_office_only(client, demo):
    client.force_login(User.objects.get(username="office"))
    assert urls(demo)["index"] in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(with_admin_access("jiaoyu"))
    assert urls(demo)["index"] not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_index_lists_the_campaign(office_client, demo):
    response = office_client.get(urls(demo)["index"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "2018年度深化“平安商洛”创建活动" in html
    assert f'href="{urls(demo)["import"]}"' in html
    assert f'href="{urls(demo)["export"]}"' in html
    assert "上传文件不超过5 MB" in html


def test_import_form_shows_the_size_limit(office_client, demo, settings):
    settings.XLSX_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    html = office_client.get(urls(demo)["import"]).content.decode()
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html
    assert "不超过2 MB" in html


def test_office_imports_the_seed_file(office_client, empty):
    response = office_client.post(urls(empty)["import"], upload(xb.seed_workbook()))
    assert response.status_code == 302
    assert response["Location"] == urls(empty)["import"]
    html = office_client.get(response["Location"]).content.decode()
    assert "导入成功：54项名额有变化，2项未变。" in html
    assert quota_county_table(campaign=empty).totals[:6] == [8, 40, 140, 50, 15, 7]
    entry = PageLogEntry.objects.filter(page=empty, action="campaigns.quotas_change").latest("timestamp")
    assert entry.user.username == "office"
    assert entry.data["count"] == 54
    assert entry.data["source"] == "上传：2018年度示范点分配表.xlsx"


def test_office_sees_every_error_and_nothing_changes(office_client, demo):
    rows = xb.seed_counties()
    rows[1][2] = -1
    rows[7][0] = "商洛经开区"
    departments = xb.seed_departments()
    departments[2][2] = "=5+5"
    before = quota_snapshot(demo)
    response = office_client.post(
        urls(demo)["import"], upload(xb.quota_workbook(counties=rows, departments=departments))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "导入失败：文件有4处问题，名额未作任何修改。" in html
    for message in [
        "工作表“县区示范点分配表”第5行C列：名额“-1”不是非负整数",
        "工作表“县区示范点分配表”第11行A列：未知的县（区）“商洛经开区”，不属于商洛市",
        "工作表“县区示范点分配表”：缺少县（区）：商洛高新区（商丹园区）",
        "工作表“主责部门示范点分配表”第5行C列：单元格含有公式“=5+5”，请将公式转为数值后再导入",
    ]:
        assert f"<li>{message}</li>" in html
    assert quota_snapshot(demo) == before


def test_office_upload_that_is_not_xlsx(office_client, demo):
    before = quota_snapshot(demo)
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 99
    response = office_client.post(urls(demo)["import"], upload(ole2))
    assert response.status_code == 200
    assert "这是旧版Excel（.xls）文件或加密的工作簿，无法读取。" in response.content.decode()
    assert quota_snapshot(demo) == before


def test_office_upload_over_the_limit(office_client, demo, settings):
    settings.XLSX_MAX_UPLOAD_BYTES = 1000
    data = xb.seed_workbook()
    before = quota_snapshot(demo)
    response = office_client.post(urls(demo)["import"], upload(data))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"文件大小为{format_size(len(data))}，超过上限1000 字节。" in html
    assert quota_snapshot(demo) == before


def test_office_posts_without_a_file(office_client, demo):
    response = office_client.post(urls(demo)["import"], {})
    assert response.status_code == 200
    assert "必需字段" in response.content.decode()


def test_office_exports(office_client, demo):
    response = office_client.get(urls(demo)["export"])
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''2018")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["县区示范点分配表", "主责部门示范点分配表"]
    assert [c.value for c in wb.worksheets[0][12]][:7] == ["共  计", 8, 40, 140, 50, 15, 7]
    assert [c.value for c in wb.worksheets[1][11]] == ["共 计", 8, 100]


def test_unknown_campaign_is_404(office_client, demo):
    url = reverse("campaigns_quotas:import", kwargs={"campaign_id": 999999})
    assert office_client.get(url).status_code == 404


@pytest.mark.parametrize("username", ["shangzhou", "jiaoyu"], ids=["county", "department"])
def test_other_units_with_admin_access_get_403(client, demo, username):
    client.force_login(with_admin_access(username))
    before = quota_snapshot(demo)
    for url in urls(demo).values():
        response = client.get(url)
        assert response.status_code == 403, url
        assert "示范点分配表由市综治办办理" in response.content.decode()
    assert client.post(urls(demo)["import"], upload(xb.seed_workbook())).status_code == 403
    assert quota_snapshot(demo) == before


def test_county_user_without_admin_access_is_sent_to_login(client, demo):
    client.force_login(User.objects.get(username="shangzhou"))
    for url in urls(demo).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_anonymous_is_sent_to_login(client, demo):
    for url in urls(demo).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    before = quota_snapshot(demo)
    assert client.post(urls(demo)["import"], upload(xb.seed_workbook())).status_code == 302
    assert quota_snapshot(demo) == before

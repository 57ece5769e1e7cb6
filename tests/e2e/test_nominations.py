"""A county's nomination in a real browser: name a village at county level, nominate it,
submit, see the quota used go up; another county cannot open it."""

import datetime
import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_site(wagtail_base, settings, tmp_path):
    """The whole demo, committed for the live server's thread, with shangzhou's nomination
    phase open (the 2018 deadline is past); returns shangzhou's unnamed village."""
    from django.utils import timezone

    from nominations import services
    from portal.demo import loader
    from portal.models import Jurisdiction

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    campaign = loader.load_all()
    shangzhou = Jurisdiction.objects.get(name="商州区")
    services.extension_grant(
        campaign=campaign,
        unit=shangzhou,
        milestone_key="nomination",
        until=timezone.localdate() + datetime.timedelta(days=30),
        reason="浏览器测试",
        actor=None,
    )
    # the demo names the first villages; take the last one
    return Jurisdiction.objects.filter(parent__parent=shangzhou, level="village").order_by("-pk").first()


def _login(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill("pingan2018")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(live_server.url + "/workbench/")


def _village_used(page) -> int:
    item = page.locator(".quota-item").filter(has_text="平安村（社区）")
    text = item.locator(".quota-item__numbers").inner_text()
    used, total = re.search(r"已用\s*(\d+)\s*/\s*名额\s*(\d+)", text).groups()
    assert total == "30"
    return int(used)


def _png(tmp_path):
    from PIL import Image

    path = tmp_path / "村容村貌.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_county_names_nominates_and_submits_a_village(page, live_server, demo_site, tmp_path):
    village = demo_site
    _login(page, live_server, "shangzhou")
    expect(page.locator("h1")).to_have_text("商州区")
    used_before = _village_used(page)

    # the nominee
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="推荐对象").click()
    page.get_by_role("link", name="登记推荐对象").click()
    page.get_by_label("集体名称").fill(village.name)
    page.get_by_label("集体类型").fill("村")
    page.get_by_label("所在镇村").select_option(str(village.pk))
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".notice--success")).to_contain_text(f"已登记推荐对象“{village.name}”")

    # its county-level title
    page.get_by_role("link", name="登记县级命名").click()
    page.get_by_label("品牌").select_option(label="平安村（社区）")
    expect(page.get_by_label("命名年度")).to_have_value("2018")
    page.get_by_label("文号").fill("商区发〔2018〕88号")
    page.get_by_label("命名单位").fill("中共商州区委、商州区人民政府")
    page.get_by_label("命名日期").fill("2018-11-16")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".notice--success")).to_contain_text("县级命名")
    expect(page.locator("table").filter(has_text="商区发〔2018〕88号")).to_be_visible()

    # the nomination
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="推荐申报").click()
    page.get_by_role("link", name="新建推荐").click()
    page.get_by_label("县级命名").select_option(
        label=f"{village.name} · 平安村（社区）（2018年 商区发〔2018〕88号）"
    )
    page.get_by_label("事迹材料").fill("全村建成“雪亮工程”监控点12处。\n\n连续三年无刑事案件。")
    page.get_by_label("照片").set_input_files(_png(tmp_path))
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("h1")).to_have_text(village.name)
    nomination_url = page.url
    checks = page.locator(".checklist__item")
    expect(checks).to_have_count(5)
    expect(page.locator(".checklist__item.is-failed")).to_have_count(0)
    expect(page.locator(".photo-grid img")).to_have_count(1)

    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator(".notice--success")).to_contain_text("已提交")
    expect(page.locator(".page-tags .nstate")).to_have_text("已提交")
    expect(page.locator(".timeline")).to_contain_text("草稿")

    # counted on the dashboard
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="工作台首页").click()
    assert _village_used(page) == used_before + 1
    page.get_by_role("button", name="退出登录").click()

    # another county cannot see it
    _login(page, live_server, "luonan")
    response = page.goto(nomination_url)
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("页面不存在")


def test_the_workbench_fits_a_phone(page, live_server, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    _login(page, live_server, "shangzhou")
    for path in ("/workbench/", "/workbench/nominations/", "/workbench/nominees/new/", "/workbench/titles/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path

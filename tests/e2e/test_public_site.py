"""The public site and the workbench in a real browser (Playwright + Debian Chromium).

The demo (商洛 2018, seed 004) is loaded into the live server's database; the county table
must read exactly like the plan's attachment, the department table too.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SEED_BRANDS = ["平安县（区）", "平安镇（办）", "平安村（社区）", "平安单位", "平安小区（楼院）", "平安街道"]


@pytest.fixture
def demo_site(wagtail_base):
    """The whole demo, committed, so the live server's thread sees it (live_server needs
    transactional_db); returns the campaign page."""
    from portal.demo import loader

    return loader.load_all()


def _texts(locator) -> list[str]:
    return [t.strip() for t in locator.all_inner_texts()]


def test_public_reads_the_campaign_and_its_quota_tables(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text(demo_site.title)

    page.get_by_role("link", name="查看创建活动").click()
    expect(page).to_have_url(re.compile(r"/campaigns/shangluo-2018/$"))
    expect(page.locator("h1")).to_have_text(demo_site.title)

    county = page.locator("#county-quota-table")
    expect(county).to_be_visible()
    brand_headers = _texts(county.locator("thead tr").nth(1).locator("th"))
    assert brand_headers[:6] == SEED_BRANDS

    total = county.locator("tfoot tr")
    expect(total.locator("th")).to_have_text("共计")
    assert _texts(total.locator("td"))[:6] == ["8", "40", "140", "50", "15", "7"]

    def row(label):
        return county.locator("tbody tr").filter(has=page.locator("th", has_text=re.compile(f"^{label}$")))

    assert _texts(row("商州区").locator("td"))[:6] == ["1", "7", "30", "7", "2", "1"]
    # a 0 is a blank cell, as in the attachment
    assert _texts(row("商洛高新区（商丹园区）").locator("td"))[:6] == ["1", "", "3", "1", "1", ""]

    sector = page.locator("#sector-quota-table")
    assert _texts(sector.locator("tbody tr").first.locator("th, td")) == ["市教育局", "平安校园", "15"]
    assert sector.locator("tbody tr").count() == 8
    assert _texts(sector.locator("tfoot tr").locator("th, td")) == ["共计", "8", "100"]


def test_campaign_page_fits_a_phone(page, live_server, demo_site):
    """The wide tables scroll inside their own box; the page itself never scrolls sideways."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/campaigns/shangluo-2018/")
    expect(page.locator("#county-quota-table")).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    scroller = page.locator(".table-scroll").filter(has=page.locator("#county-quota-table"))
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")


def test_county_operator_sees_its_quotas_on_the_workbench(page, live_server, demo_site):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("shangzhou")
    page.get_by_label("密码", exact=True).fill("pingan2018")
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(live_server.url + "/workbench/")
    expect(page.locator("h1")).to_have_text("商州区")
    expect(page.locator(".quota-item").filter(has_text="平安村（社区）")).to_contain_text(
        re.compile(r"已用 \d+ / 名额 30")
    )
    expect(page.locator(".quota-item").filter(has_text="平安镇（办）")).to_contain_text(
        re.compile(r"已用 \d+ / 名额 7")
    )

    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("link", name="登录")).to_be_visible()

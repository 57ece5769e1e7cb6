"""Filings in a real browser (issue 5): 市教育局 files the 平安校园 sector plan, the office
returns it with a comment, 市教育局 corrects and resubmits, the office approves and issues
it and the plan appears on the public 校园 sector page; 市司法局 files its implementation
plan; the office's tracker shows who is late.

Both departments file after the 2018 deadline within an extension the office granted, as
any unit filing today must."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def before_filing(wagtail_base, settings, tmp_path):
    """The demo's registry, accounts, site and kinds of filing, but no filings yet. (The
    session's demo is still in the database when this is the first transactional test: its
    filings are cleared here, as a flush would.)"""
    from django.contrib.auth.models import User

    from filings.models import Filing, FilingEvent, FilingFile, FilingReminder, SectorPlanPage
    from nominations import services as nomination_services
    from portal.demo import loader
    from portal.models import Department

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    for page in SectorPlanPage.objects.all():
        page.delete()
    for model in (FilingReminder, FilingEvent, FilingFile, Filing):
        model.objects.all().delete()
    city = loader.load_registry()
    loader.load_accounts(city=city)
    campaign = loader.load_site(city=city)
    loader.load_quotas(campaign=campaign)
    loader.load_filing_kinds(campaign=campaign)
    office = User.objects.get(username="office")
    for slug in ("jiaoyu", "sifa"):
        nomination_services.extension_grant(
            campaign=campaign,
            unit=Department.objects.get(city=city, slug=slug),
            milestone_key="plan",
            until=timezone.localdate() + datetime.timedelta(days=10),
            reason="方案待党组会审议，准予延期报送",
            actor=office,
        )
    return campaign


@pytest.fixture
def new_page(browser):
    """A page in a fresh browser context (another person), closed after the test: an open
    context keeps connections to the live server alive past its shutdown."""
    contexts = []

    def make():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def _login(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill("pingan2018")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(live_server.url + "/workbench/")


def _admin_login(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("office")
    page.locator("#id_password").fill("pingan2018")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def _file(page, kind_name, *, brand_name=None, body, attachment=None):
    """From the workbench dashboard: 报送材料 → the kind's 填写 → save the draft → submit."""
    page.goto(page.url.split("/workbench/")[0] + "/workbench/filings/")
    page.locator("tr", has_text=kind_name).get_by_role("link", name="填写").click()
    if brand_name is not None:
        page.get_by_label("创建品牌名称").fill(brand_name)
    page.get_by_label("正文").fill(body)
    if attachment is not None:
        page.get_by_label("附件").set_input_files(attachment)
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="报送").click()
    expect(page.locator("body")).to_contain_text("已报送")


def _office_open(page, live_server, unit_name, kind_name):
    page.goto(live_server.url + "/admin/filings/")
    table = page.locator("table", has=page.locator("th", has_text=kind_name))
    table.locator("tr", has_text=unit_name).locator("a").first.click()
    expect(page.locator("body")).to_contain_text(unit_name)


def test_a_sector_plan_from_draft_to_the_public_sector_page(page, new_page, live_server, before_filing):
    # 市教育局 files the 平安校园 plan with its brand name and the signed document.
    _login(page, live_server, "jiaoyu")
    _file(
        page,
        "领域平安创建方案、创建标准和创建品牌",
        brand_name="平安校园",
        body="全市各级各类学校开展平安校园创建。\n\n创建标准：校园安保“三个百分百”。",
        attachment={"name": "平安校园创建方案.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )

    # The office returns it with a comment.
    office = new_page()
    _admin_login(office, live_server)
    _office_open(office, live_server, "市教育局", "领域平安创建方案、创建标准和创建品牌")
    office.locator("textarea[name=reason]").fill("创建标准缺少量化指标，请细化后重新报送。")
    office.get_by_role("button", name="退回修改").click()
    expect(office.locator("body")).to_contain_text("已退回修改")

    # 市教育局 reads the comment, corrects the plan and resubmits it.
    page.reload()
    expect(page.locator("body")).to_contain_text("创建标准缺少量化指标")
    page.get_by_role("link", name="修改").click()
    page.get_by_label("正文").fill(
        "全市各级各类学校开展平安校园创建。\n\n创建标准：校园安保“三个百分百”，"
        "专职保安配备率100%，一键报警与公安联网率100%，封闭化管理率100%。"
    )
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="修改后重新报送").click()
    expect(page.locator("body")).to_contain_text("已报送")

    # The office approves and issues it.
    office.reload()
    office.get_by_role("button", name="审核通过").click()
    expect(office.locator("body")).to_contain_text("已审核通过")
    office.get_by_role("button", name="印发").click()
    expect(office.locator("body")).to_contain_text("已印发")

    # The public 校园 sector page links the issued plan; anyone can read it and its document.
    visitor = new_page()
    visitor.goto(live_server.url + before_filing.get_url())
    visitor.get_by_role("link", name=re.compile("^校园")).first.click()
    expect(visitor.locator("h1")).to_contain_text("校园")
    visitor.get_by_role("link", name=re.compile("创建方案")).first.click()
    expect(visitor.locator("main")).to_contain_text("封闭化管理率100%")
    expect(visitor.locator("main")).to_contain_text("平安校园")
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("平安校园创建方案")).click()
    assert download.value.suggested_filename == "平安校园创建方案.pdf"

    # 市司法局 files its implementation plan.
    sifa = new_page()
    _login(sifa, live_server, "sifa")
    _file(sifa, "本部门平安创建实施方案", body="人民调解、法律援助、社区矫正融入平安创建。")

    # The tracker shows who is late: counties that never filed their plans (due 03-20); the
    # two departments filed within their extensions.
    office.goto(live_server.url + "/admin/filings/")
    office.locator("#filter-standing").select_option(label="逾期未报")
    office.get_by_role("button", name="筛选").click()
    zhenan = office.locator("tr", has_text="镇安县")
    expect(zhenan.locator("td").first).to_have_attribute("data-standing", "late")
    expect(zhenan.locator("td").first).to_contain_text("逾期未报")
    jiaoyu_row = office.locator("tr", has_text="市教育局")
    expect(jiaoyu_row.locator("td").first).to_have_attribute("data-standing", "issued")
    sifa_row = office.locator("tr", has_text="市司法局")
    expect(sifa_row.locator("td").first).to_have_attribute("data-standing", "submitted")

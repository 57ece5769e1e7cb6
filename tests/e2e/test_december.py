"""December in a real browser, from `seed_demo --stage review`: the office verifies and
shortlists, generates and publishes the notice; an anonymous visitor reads it and objects
twice; the office upholds one objection and dismisses the other; after the notice period
the office drafts and publishes the commendation; the honour roll and a certificate show
the result."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e


@pytest.fixture
def review_stage(wagtail_base, settings, tmp_path):
    from portal.demo import loader

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return loader.load_all(stage="review")


def _admin_login(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("office")
    page.locator("#id_password").fill("pingan2018")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def _captcha_answer(page) -> str:
    from captcha.models import CaptchaStore

    hashkey = page.locator("input[name=captcha_0]").input_value()
    return CaptchaStore.objects.get(hashkey=hashkey).response


def _publish(page):
    """Wagtail's page editor: open the action menu's dropdown and publish."""
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile("发布")).first.click()


def _publish_in_editor(page):
    page.get_by_role("button", name="更多动作").click()
    page.locator("button[name='action-publish']").click()


def _shortlist(page, live_server, nomination, *, verify: bool):
    page.goto(f"{live_server.url}/admin/review/{nomination.pk}/")
    if verify:
        page.get_by_label("核查日期").fill("2018-12-03")
        page.get_by_label("核查人员").select_option(label="市综治办（office）")
        page.get_by_label("核查情况").fill("实地查看创建台账和现场，群众知晓率高。")
        page.get_by_label("核查结论").select_option(label="通过")
        page.get_by_role("button", name="记录实地核查").click()
        expect(page.locator("body")).to_contain_text("实地核查通过")
    page.get_by_role("button", name="拟命名").click()
    expect(page.locator("body")).to_contain_text("拟命名（公示中）")


def _object(context, notice_url, *, entry_name, name, reasons):
    visitor = context.new_page()
    visitor.goto(notice_url)
    expect(visitor.locator("h1")).to_contain_text("拟命名对象公示")
    visitor.locator("tr", has_text=entry_name).get_by_role("link", name="提出异议").click()
    visitor.get_by_label("真实姓名").fill(name)
    visitor.get_by_label("联系电话或电子邮箱").fill("0914-2313456")
    visitor.get_by_label("异议事由").fill(reasons)
    visitor.locator("input[name=captcha_1]").fill(_captcha_answer(visitor))
    visitor.get_by_role("button", name="提交异议").click()
    expect(visitor.locator("body")).to_contain_text("市综治办")
    visitor.close()


def test_the_december_process_end_to_end(page, browser, live_server, review_stage, tmp_path):
    from honours.models import Honour, NoticePage, Objection
    from nominations.enums import State
    from nominations.models import Nomination

    campaign = review_stage
    accepted = Nomination.objects.filter(campaign=campaign, state=State.ACCEPTED, county__isnull=False)
    verified = Nomination.objects.filter(campaign=campaign, state=State.VERIFIED, brand__slug="family")
    first, second = accepted.order_by("id").first(), verified.order_by("id").first()

    # the office verifies one, shortlists both
    _admin_login(page, live_server)
    _shortlist(page, live_server, first, verify=True)
    _shortlist(page, live_server, second, verify=False)

    # … generates the notice, starting today, and publishes it
    page.goto(live_server.url + "/admin/honours/")
    page.get_by_role("link", name="生成公示").first.click()
    today = timezone.localdate().isoformat()
    page.get_by_label("公示开始日期").fill(today)
    page.get_by_role("button", name="生成公示草稿").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    _publish_in_editor(page)
    notice = NoticePage.objects.get()
    assert notice.live and notice.entries.count() == 2

    # an anonymous visitor reads it (no ID number, no phone) and objects to both
    context = browser.new_context()
    visitor = context.new_page()
    visitor.goto(live_server.url + notice.url)
    expect(visitor.locator("body")).to_contain_text(first.nominee.name)
    expect(visitor.locator("body")).to_contain_text("公示中")
    visitor.close()
    _object(
        context,
        live_server.url + notice.url,
        entry_name=first.nominee.name,
        name="李明",
        reasons="该村今年发生过一起较大的治安案件，请组织核实。",
    )
    _object(
        context,
        live_server.url + notice.url,
        entry_name=second.nominee.name,
        name="赵强",
        reasons="该家庭曾与邻居发生纠纷，是否符合条件请核实。",
    )

    # the office upholds the first objection and dismisses the second
    page.goto(f"{live_server.url}/admin/honours/notices/{notice.pk}/objections/")
    for nomination, finding, reason in (
        (first, "异议成立", "经核实，反映情况属实，不予命名。"),
        (second, "异议不成立", "经核实，纠纷已调解，不影响命名。"),
    ):
        objection = Objection.objects.get(entry__nomination=nomination)
        form = page.locator(f"form[action$='/objections/{objection.pk}/settle/']")
        form.get_by_label(finding, exact=True).check()
        form.get_by_label("处理意见").fill(reason)
        form.get_by_role("button", name="提交处理结论").click()
        expect(page.locator("body")).to_contain_text(reason)
    first.refresh_from_db()
    assert first.state == State.REJECTED

    # the notice period ends (the clock moves on)…
    ended = timezone.localdate() - datetime.timedelta(days=1)
    NoticePage.objects.filter(pk=notice.pk).update(
        starts_on=ended - datetime.timedelta(days=7), ends_on=ended
    )

    # … and the office drafts and publishes the commendation, which confers the honour
    page.goto(live_server.url + "/admin/honours/")
    page.get_by_role("link", name="起草表彰决定").first.click()
    page.get_by_label("文号").fill("商发〔2018〕20号")
    page.get_by_label("决定日期").fill("2018-12-28")
    page.get_by_role("button", name="起草表彰决定").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    _publish_in_editor(page)
    expect(page.locator("body")).to_contain_text("命名")
    honour = Honour.objects.get()
    assert honour.nomination_id == second.pk

    # the honour roll finds it by a word inside its name, and its certificate is numbered
    roll = context.new_page()
    roll.goto(live_server.url + "/")
    roll.get_by_role("link", name="荣誉榜").first.click()
    roll.get_by_label("名称或姓名").fill(second.nominee.name[1:3])
    roll.get_by_role("button", name="查询").click()
    expect(roll.locator("body")).to_contain_text(second.nominee.name)
    expect(roll.locator("body")).not_to_contain_text(first.nominee.name)
    href = roll.get_by_role("link", name=re.compile("证书")).first.get_attribute("href")
    pdf = roll.request.get(live_server.url + href)
    assert pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert second.nominee.name in text and honour.number in text
    context.close()

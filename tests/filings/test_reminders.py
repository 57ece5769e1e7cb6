"""Filing reminders (DOMAIN.md §5), proven by moving the clock: a unit that has not filed
is reminded a few days before the due date and once it is late, in the workbench and by
e-mail, never twice for the same reason; an extension's new date is a new reason."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from filings import reminders, selectors, services
from filings.enums import ReminderReason
from filings.models import Filing, FilingKind, FilingReminder
from nominations import services as nomination_services
from portal.models import Department, Jurisdiction

pytestmark = pytest.mark.django_db

# The annual summary: due 11-30 for counties and lead departments (reminded 3 days
# before), 12-20 for other departments. The demo's other kinds (plans, demonstration
# sites) were due in March: the first run of the year records their LATE reminders.
KEY = "summary"
DUE = datetime.date(2018, 11, 30)


def day(month, d):
    return datetime.date(2018, month, d)


@pytest.fixture
def users(demo):
    names = ["shangzhou", "luonan", "danfeng", "jiaoyu", "sifa", "office"]
    return {u.username: u for u in User.objects.filter(username__in=names)}


@pytest.fixture
def run(demo, mailoutbox, django_capture_on_commit_callbacks):
    """Run the reminders as the daily task would on `today`; return the summary
    reminders this run recorded as {(unit slug, reason, due_on)} and its e-mails."""

    def run(today):
        before = set(FilingReminder.objects.values_list("pk", flat=True))
        del mailoutbox[:]
        with django_capture_on_commit_callbacks(execute=True):
            reminders.filing_reminders_send(today=today, campaign=demo)
        new = FilingReminder.objects.exclude(pk__in=before).filter(kind__key=KEY)
        recorded = {(r.unit.slug, r.reason, r.due_on) for r in new.select_related("county", "department")}
        return recorded, list(mailoutbox)

    return run


def _filing(demo, user, role, *, submit_on=None):
    filing = services.filing_save(
        filing=Filing(kind=FilingKind.objects.get(campaign=demo, role=role, key=KEY), title="年度总结"),
        actor=user,
    )
    if submit_on:
        services.filing_submit(filing=filing, actor=user, today=submit_on)
    return filing


def _mail_to(outbox, address):
    return [m for m in outbox if m.to == [address]]


def test_five_days_before_nothing_three_days_before_once(demo, run):
    recorded, _ = run(day(11, 25))
    assert recorded == set()
    recorded, outbox = run(day(11, 27))
    assert ("shangzhou", ReminderReason.DUE_SOON, DUE) in recorded
    assert ("jiaoyu", ReminderReason.DUE_SOON, DUE) in recorded  # lead departments: also 11-30
    assert not any(slug == "sifa" for slug, _, _ in recorded)  # other departments: 12-20
    (mail,) = _mail_to(outbox, "shangzhou@pingan.example.cn")
    assert "平安创建活动年度总结" in mail.body and "2018年11月30日截止（还有3天）" in mail.body
    assert "/workbench/filings/" in mail.body and "即将到期" in mail.subject
    reminder = FilingReminder.objects.get(county__slug="shangzhou", kind__key=KEY)
    assert reminder.emailed == 1
    # the same day again, and the next days: nothing new, no e-mail
    for today in (day(11, 27), day(11, 28), day(11, 29)):
        assert run(today) == (set(), [])
    assert FilingReminder.objects.filter(county__slug="shangzhou", kind__key=KEY).count() == 1


def test_a_unit_that_submitted_is_not_reminded_a_draft_or_returned_one_is(demo, users, run):
    run(day(11, 1))  # the year's earlier (March) reminders
    _filing(demo, users["shangzhou"], "county", submit_on=day(11, 20))
    _filing(demo, users["luonan"], "county")  # a draft
    returned = _filing(demo, users["danfeng"], "county", submit_on=day(11, 20))
    services.filing_return(filing=returned, actor=users["office"], reason="请补充数据。")
    recorded, outbox = run(day(11, 28))
    slugs = {slug for slug, reason, _ in recorded if reason == ReminderReason.DUE_SOON}
    assert "shangzhou" not in slugs and {"luonan", "danfeng"} <= slugs
    assert _mail_to(outbox, "shangzhou@pingan.example.cn") == []
    recorded, _ = run(day(12, 1))
    late = {slug for slug, reason, _ in recorded if reason == ReminderReason.LATE}
    assert "shangzhou" not in late and "luonan" in late
    # returned after its due date: the tracker shows 退回修改中, not 逾期未报
    assert "danfeng" not in late


def test_the_day_after_the_due_date_late_once(demo, run):
    run(day(11, 27))
    recorded, outbox = run(day(12, 1))
    assert ("shangzhou", ReminderReason.LATE, DUE) in recorded
    (mail,) = _mail_to(outbox, "shangzhou@pingan.example.cn")
    assert "已于2018年11月30日截止" in mail.body and "申请延期" in mail.body and "已逾期" in mail.subject
    assert run(day(12, 1)) == (set(), [])
    assert run(day(12, 15)) == (set(), [])
    assert set(
        FilingReminder.objects.filter(county__slug="shangzhou", kind__key=KEY).values_list("reason", "due_on")
    ) == {(ReminderReason.DUE_SOON, DUE), (ReminderReason.LATE, DUE)}


def test_an_extension_holds_the_late_reminder_until_its_own_date(demo, users, run):
    luonan = Jurisdiction.objects.get(slug="luonan", level="county")
    run(day(11, 27))
    nomination_services.extension_grant(
        campaign=demo,
        unit=luonan,
        milestone_key=KEY,
        until=day(12, 10),
        reason="县委常委会12月上旬审议总结",
        actor=users["office"],
    )
    recorded, _ = run(day(12, 1))
    assert ("shangzhou", ReminderReason.LATE, DUE) in recorded
    assert not any(slug == "luonan" for slug, _, _ in recorded)  # within its extension
    recorded, outbox = run(day(12, 7))  # three days before the extension's end
    assert recorded == {("luonan", ReminderReason.DUE_SOON, day(12, 10))}
    assert "2018年12月10日截止" in _mail_to(outbox, "luonan@pingan.example.cn")[0].body
    assert run(day(12, 10)) == (set(), [])
    recorded, _ = run(day(12, 11))
    assert recorded == {("luonan", ReminderReason.LATE, day(12, 10))}
    assert run(day(12, 12)) == (set(), [])


def test_other_departments_are_reminded_of_their_own_kind_and_date(demo, run):
    run(day(12, 1))
    recorded, outbox = run(day(12, 17))
    assert ("sifa", ReminderReason.DUE_SOON, day(12, 20)) in recorded
    others = set(
        Department.objects.filter(city=demo.city, led_sectors__isnull=True).values_list("slug", flat=True)
    )
    assert {slug for slug, _, _ in recorded} <= others  # no county, no lead department
    assert {(reason, due_on) for _, reason, due_on in recorded} == {(ReminderReason.DUE_SOON, day(12, 20))}
    (mail,) = _mail_to(outbox, "sifa@pingan.example.cn")
    assert "平安创建活动年度总结" in mail.body
    recorded, _ = run(day(12, 21))
    assert ("sifa", ReminderReason.LATE, day(12, 20)) in recorded
    assert {slug for slug, _, _ in recorded} <= others


def test_reminders_due_lists_unit_kind_reason_and_date(demo):
    due = reminders.reminders_due(campaign=demo, today=day(11, 27))
    summary = {(d.unit.slug, d.reason, d.due_on) for d in due if d.kind.key == KEY}
    counties = Jurisdiction.objects.filter(parent=demo.city, level="county").count()
    leads = Department.objects.filter(led_sectors__city=demo.city).distinct().count()
    assert len(summary) == counties + leads
    assert all(reason == ReminderReason.DUE_SOON for _, reason, _ in summary)
    # the demo's late plans (镇安县, 柞水县) are due LATE reminders too
    assert {("zhenan", "plan"), ("zhashui", "plan")} <= {
        (d.unit.slug, d.kind.key) for d in due if d.reason == ReminderReason.LATE
    }


def test_a_reminder_another_worker_recorded_meanwhile_is_not_sent_again(demo, run, monkeypatch):
    original = reminders.reminders_due

    def racing(*, campaign, today):
        due = original(campaign=campaign, today=today)
        for item in due:  # the other worker commits its rows first
            FilingReminder.objects.get_or_create(
                kind=item.kind, reason=item.reason, due_on=item.due_on, **reminders.unit_fields(item.unit)
            )
        return due

    monkeypatch.setattr(reminders, "reminders_due", racing)
    assert run(day(11, 27))[1] == []
    assert FilingReminder.objects.filter(county__slug="shangzhou", kind__key=KEY).count() == 1


def test_the_workbench_shows_the_units_reminders(demo, users, run, client):
    run(day(11, 27))
    client.force_login(users["shangzhou"])
    page = client.get(reverse("workbench")).content.decode()
    assert "报送提醒" in page and "平安创建活动年度总结" in page and "即将到期" in page
    assert reverse("filings:filing_list") in page
    listing = client.get(reverse("filings:filing_list")).content.decode()
    assert "报送提醒" in listing and "截止日期 2018-11-30" in listing
    # once the kind is submitted, its reminder leaves the workbench
    _filing(demo, users["shangzhou"], "county", submit_on=day(11, 28))
    shangzhou = Jurisdiction.objects.get(slug="shangzhou", level="county")
    assert all(r.kind.key != KEY for r in selectors.unit_reminders(campaign=demo, unit=shangzhou))
    assert (
        "平安创建活动年度总结"
        not in client.get(reverse("workbench")).content.decode().split("报送提醒")[-1][:2000]
    )


def test_the_workbench_shows_the_latest_reminder_of_each_kind_in_one_query(
    demo, run, django_assert_num_queries
):
    run(day(11, 27))
    run(day(12, 1))
    shangzhou = Jurisdiction.objects.get(slug="shangzhou", level="county")
    with django_assert_num_queries(1):
        rows = selectors.unit_reminders(campaign=demo, unit=shangzhou)
        shown = [(r.kind.key, r.reason) for r in rows]
    assert (KEY, ReminderReason.LATE) in shown and (KEY, ReminderReason.DUE_SOON) not in shown
    assert len(shown) == len({key for key, _ in shown}) <= 5


def test_the_command_enqueues_the_daily_task(demo, mailoutbox, django_capture_on_commit_callbacks):
    morning = datetime.datetime(2018, 11, 27, 8, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    clock = mock.patch("django.utils.timezone.now", return_value=morning)
    with clock, django_capture_on_commit_callbacks(execute=True):
        call_command("filing_reminders")  # the test settings' backend runs it at once
    assert FilingReminder.objects.filter(
        county__slug="shangzhou", kind__key=KEY, reason=ReminderReason.DUE_SOON, due_on=DUE
    ).exists()
    assert _mail_to(mailoutbox, "shangzhou@pingan.example.cn")


def test_the_command_runs_now_for_a_date(demo, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("filing_reminders", "--now", "--date", "2018-12-01")
    assert FilingReminder.objects.filter(county__slug="shangzhou", kind__key=KEY, reason="late").exists()
    count = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("filing_reminders", "--now", "--date", "2018-12-01")
    assert len(mailoutbox) == count

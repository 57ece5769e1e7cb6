"""Filings (DOMAIN.md §5): kinds as data with the calendar's due dates, the one transition
function (on time or within an extension; returned with comments; accepted; sector plans
issued), and the office's tracker of units × kinds."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from filings import rules, selectors, services
from filings.enums import FilingState
from filings.models import Filing, FilingKind
from nominations import services as nomination_services
from portal.models import Department, Jurisdiction

pytestmark = pytest.mark.django_db

# The demo's units filed their plans (portal.demo.filings); these tests file the annual
# summary, due 11-30 for counties and lead departments, 12-20 for other departments.
KEY = "summary"
BEFORE = datetime.date(2018, 11, 15)
AFTER = datetime.date(2018, 12, 10)


@pytest.fixture
def users(demo):
    return {
        u.username: u
        for u in User.objects.filter(username__in=["shangzhou", "luonan", "jiaoyu", "sifa", "office"])
    }


def _kind(demo, role, key=KEY):
    return FilingKind.objects.get(campaign=demo, role=role, key=key)


def _draft(demo, user, role, **fields):
    filing = Filing(
        kind=_kind(demo, role), title=fields.pop("title", "创建方案"), body="<p>方案正文</p>", **fields
    )
    return services.filing_save(filing=filing, actor=user)


def test_the_demo_has_the_seeds_kinds_with_the_calendars_due_dates(demo):
    kinds = {(k.role, k.key): k for k in FilingKind.objects.filter(campaign=demo)}
    assert set(kinds) == {
        ("county", "plan"),
        ("county", "demo_sites"),
        ("lead", "plan"),
        ("lead", "demo_sites"),
        ("other", "plan"),
        ("county", "summary"),
        ("lead", "summary"),
        ("other", "summary"),
    }
    assert kinds[("lead", "plan")].needs_approval and kinds[("lead", "plan")].asks_brand_name
    assert kinds[("county", "plan")].milestone().due_on == datetime.date(2018, 3, 20)
    assert kinds[("other", "summary")].milestone().due_on == datetime.date(2018, 12, 20)


def test_a_kind_needs_a_milestone_of_its_role_and_key(demo):
    kind = FilingKind(campaign=demo, role="other", key="no-such-step", name="临时材料")
    with pytest.raises(ValidationError) as info:
        kind.full_clean()
    assert "阶段安排" in str(info.value)


def test_a_unit_files_only_the_kinds_of_its_role(demo, users):
    with pytest.raises(ValidationError):
        _draft(demo, users["shangzhou"], "lead")
    draft = _draft(demo, users["shangzhou"], "county")
    assert (draft.county.slug, draft.state, draft.campaign_id) == ("shangzhou", FilingState.DRAFT, demo.pk)
    with pytest.raises(ValidationError):  # one per unit and kind
        _draft(demo, users["shangzhou"], "county")


def test_submit_on_time_return_with_comments_resubmit_accept(demo, users):
    filing = _draft(demo, users["shangzhou"], "county")
    services.filing_submit(filing=filing, actor=users["shangzhou"], today=BEFORE)
    with pytest.raises(PermissionDenied):
        services.filing_accept(filing=filing, actor=users["shangzhou"])
    with pytest.raises(ValidationError):
        services.filing_return(filing=filing, actor=users["office"], reason=" ")
    services.filing_return(filing=filing, actor=users["office"], reason="请补充创建标准的考核细则。")
    assert filing.state == FilingState.RETURNED
    filing.body = "<p>补充了考核细则</p>"
    services.filing_save(filing=filing, actor=users["shangzhou"])
    services.filing_submit(filing=filing, actor=users["shangzhou"], today=BEFORE)
    services.filing_accept(filing=filing, actor=users["office"])
    assert filing.state == FilingState.ACCEPTED
    log = list(filing.events.values_list("from_state", "to_state", "actor__username", "reason"))
    assert log[2] == ("submitted", "returned", "office", "请补充创建标准的考核细则。")
    assert [e[1] for e in log] == ["draft", "submitted", "returned", "submitted", "accepted"]
    with pytest.raises(PermissionDenied):  # accepted: no longer the unit's to edit
        services.filing_save(filing=filing, actor=users["shangzhou"])
    with pytest.raises(ValidationError):  # a county plan is not issued by the office
        services.filing_transition(filing=filing, action="issue", actor=users["office"])


def test_after_the_due_date_only_an_extension_lets_a_unit_submit(demo, users):
    filing = _draft(demo, users["luonan"], "county")
    with pytest.raises(ValidationError) as info:
        services.filing_submit(filing=filing, actor=users["luonan"], today=AFTER)
    assert "申请延期" in str(info.value)
    nomination_services.extension_grant(
        campaign=demo,
        unit=filing.county,
        milestone_key=KEY,
        until=datetime.date(2018, 12, 15),
        reason="县委常委会12月中旬审议总结",
        actor=users["office"],
    )
    services.filing_submit(filing=filing, actor=users["luonan"], today=AFTER)
    assert filing.state == FilingState.SUBMITTED


def test_a_kind_the_office_approves_asks_for_the_brand_and_is_issued(demo, users):
    # as the sector plan is (the demo's plans are filed already): data, not code
    FilingKind.objects.filter(campaign=demo, role="lead", key=KEY).update(
        needs_approval=True, asks_brand_name=True
    )
    filing = _draft(demo, users["jiaoyu"], "lead", title="平安校园年度总结")
    with pytest.raises(ValidationError) as info:
        services.filing_submit(filing=filing, actor=users["jiaoyu"], today=BEFORE)
    assert "品牌名称" in str(info.value)
    filing.brand_name = "平安校园"
    services.filing_save(filing=filing, actor=users["jiaoyu"])
    services.filing_submit(filing=filing, actor=users["jiaoyu"], today=BEFORE)
    services.filing_accept(filing=filing, actor=users["office"])
    services.filing_transition(filing=filing, action="issue", actor=users["office"])
    assert filing.state == FilingState.ISSUED


def test_another_unit_cannot_change_or_submit_a_filing(demo, users):
    filing = _draft(demo, users["shangzhou"], "county")
    filing.title = "篡改"
    with pytest.raises(PermissionDenied):
        services.filing_save(filing=filing, actor=users["luonan"])
    with pytest.raises(PermissionDenied):
        services.filing_submit(filing=filing, actor=users["luonan"], today=BEFORE)


def test_the_tracker_shows_filed_late_extended_and_missing(demo, users):
    submitted = _draft(demo, users["shangzhou"], "county")
    services.filing_submit(filing=submitted, actor=users["shangzhou"], today=BEFORE)
    _draft(demo, users["luonan"], "county")  # a draft, never submitted
    danfeng = Jurisdiction.objects.get(slug="danfeng", level="county")
    nomination_services.extension_grant(
        campaign=demo,
        unit=danfeng,
        milestone_key=KEY,
        until=datetime.date(2018, 12, 31),
        reason="延期",
        actor=None,
    )
    rows = {row.unit.slug: row for row in selectors.tracker(campaign=demo, today=AFTER)}
    summary = lambda slug: next(c for c in rows[slug].cells if c.kind.key == KEY)  # noqa: E731
    assert summary("shangzhou").standing == rules.Standing.SUBMITTED
    assert summary("luonan").standing == rules.Standing.LATE  # a draft after the due date
    assert summary("danfeng").standing == rules.Standing.EXTENDED
    assert summary("shangnan").standing == rules.Standing.LATE
    assert summary("sifa").standing == rules.Standing.MISSING  # other departments: due 12-20
    # every lead department has the sector plan, sifa (another department) its own plan
    sifa = Department.objects.get(slug="sifa")
    assert [c.kind.name for c in rows["sifa"].cells] == ["本部门平安创建实施方案", "平安创建活动年度总结"]
    assert rows["jiaoyu"].role == "lead" and rows[sifa.slug].role == "other"
    counts = selectors.outstanding_counts(list(rows.values()))
    assert counts[rules.Standing.EXTENDED] == 2  # danfeng's summary, shanyang's plan (demo)


def test_the_tracker_runs_a_fixed_number_of_queries(demo, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        rows = selectors.tracker(campaign=demo, today=AFTER)
        cells = [c.standing for row in rows for c in row.cells]
    assert len(rows) >= 8 + 8 and cells


def test_the_demo_has_filings_in_every_state(demo):
    from django.utils import timezone

    rows = {row.unit.slug: row for row in selectors.tracker(campaign=demo, today=timezone.localdate())}
    plan = lambda slug: next(c for c in rows[slug].cells if c.kind.key == "plan")  # noqa: E731
    assert plan("jiaoyu").standing == rules.Standing.ISSUED  # 平安校园
    assert plan("jiaoyu").filing.brand_name == "平安校园"
    assert plan("weiji").standing == rules.Standing.RETURNED
    assert plan("weiji").filing.events.last().reason
    assert plan("shangzhou").standing == rules.Standing.ACCEPTED
    assert plan("zhenan").standing == plan("zhashui").standing == rules.Standing.LATE
    assert plan("shanyang").standing == rules.Standing.EXTENDED
    assert plan("sifa").standing == rules.Standing.SUBMITTED

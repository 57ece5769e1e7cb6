"""A unit's operators are e-mailed when the office moves one of its filings (returned with
the comments, accepted, issued), with a link to the filing in the workbench; the unit's
own moves (submitting) e-mail nobody."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from filings import services
from filings.models import Filing, FilingKind
from filings.tasks import filing_notify

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2018, 11, 15)


@pytest.fixture
def users(demo):
    return {u.username: u for u in User.objects.filter(username__in=["shangzhou", "jiaoyu", "office"])}


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _submitted(demo, user, role, **fields):
    filing = services.filing_save(
        filing=Filing(
            kind=FilingKind.objects.get(campaign=demo, role=role, key="summary"), title="年度总结", **fields
        ),
        actor=user,
    )
    return services.filing_submit(filing=filing, actor=user, today=BEFORE)


def test_return_and_accept_email_the_unit_submitting_does_not(demo, users, mailoutbox, on_commit):
    with on_commit():
        filing = _submitted(demo, users["shangzhou"], "county")
    assert mailoutbox == []  # the unit's own move
    with on_commit():
        services.filing_return(filing=filing, actor=users["office"], reason="请补充全年工作数据。")
    (mail,) = mailoutbox
    assert mail.to == ["shangzhou@pingan.example.cn"]
    assert "已退回修改" in mail.subject and "年度总结" in mail.subject
    assert "退回意见：请补充全年工作数据。" in mail.body
    assert reverse("filings:filing_detail", args=[filing.pk]) in mail.body
    with on_commit():
        services.filing_submit(filing=filing, actor=users["shangzhou"], today=BEFORE)
    assert len(mailoutbox) == 1
    with on_commit():
        services.filing_accept(filing=filing, actor=users["office"])
    assert len(mailoutbox) == 2
    assert "已审核通过" in mailoutbox[-1].subject and "退回意见" not in mailoutbox[-1].body


def test_issuing_a_sector_plan_emails_the_lead_department(demo, users, mailoutbox, on_commit):
    FilingKind.objects.filter(campaign=demo, role="lead", key="summary").update(needs_approval=True)
    filing = _submitted(demo, users["jiaoyu"], "lead")
    with on_commit():
        services.filing_accept(filing=filing, actor=users["office"])
        services.filing_transition(filing=filing, action="issue", actor=users["office"])
    assert [m.to for m in mailoutbox] == [["jiaoyu@pingan.example.cn"]] * 2
    assert "已印发" in mailoutbox[-1].subject


def test_an_event_by_the_unit_sends_nothing(demo, users, mailoutbox):
    filing = _submitted(demo, users["shangzhou"], "county")
    event = filing.events.get(to_state="submitted")
    assert filing_notify.call(event_id=event.pk) == 0
    assert mailoutbox == []

"""Background work for filings (django-tasks; the database worker in production): the
daily reminders (enqueued by `manage.py filing_reminders`, from cron) and the e-mail to a
unit when the office moves one of its filings."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from filings.enums import FilingState
from filings.models import FilingEvent
from filings.reminders import filing_reminders_send
from filings.workflow import MOVES
from nominations.workflow import By
from portal.models.units import unit_emails


@task()
def filing_reminders_run() -> int:
    """Today's reminders of the current campaign (idempotent: safe to run again)."""
    return filing_reminders_send()


@task()
def filing_notify(*, event_id: int) -> int:
    """E-mail the filing unit's operators when the office returns (with its comments),
    accepts or issues one of its filings (the filing's log shows the same event)."""
    event = FilingEvent.objects.select_related("filing__kind", "filing__county", "filing__department").get(
        pk=event_id
    )
    by_office = any(
        m.by == By.OFFICE for m in MOVES if m.source == event.from_state and m.target == event.to_state
    )
    filing = event.filing
    recipients = unit_emails(filing.unit) if by_office else []
    if not recipients:
        return 0
    state = event.get_to_state_display()
    body = f"{filing.unit.name}报送的“{filing.title}”（{filing.kind.name}）状态已变为“{state}”。"
    if event.reason:
        body += f"\n{'退回意见' if event.to_state == FilingState.RETURNED else '说明'}：{event.reason}"
    url = settings.WAGTAILADMIN_BASE_URL + reverse("filings:filing_detail", args=[filing.pk])
    body += f"\n请登录工作台查看：{url}"
    return send_mail(f"报送材料“{filing.title}”：{state}", body, None, recipients)

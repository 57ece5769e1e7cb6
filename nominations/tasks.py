"""Background work for nominations (django-tasks; the database worker in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from nominations.models import NominationEvent
from nominations.workflow import MOVES, By
from portal.models.units import unit_emails


@task()
def nomination_notify(*, event_id: int) -> int:
    """E-mail the nominating unit's operators when the office moves one of its nominations
    (the workbench shows the same event on the nomination's timeline)."""
    event = NominationEvent.objects.select_related("nomination__nominee").get(pk=event_id)
    by_office = any(
        m.by == By.OFFICE for m in MOVES if m.source == event.from_state and m.target == event.to_state
    )
    recipients = unit_emails(event.nomination.unit) if by_office else []
    if not recipients:
        return 0
    nomination = event.nomination
    state = event.get_to_state_display()
    body = f"{nomination.nominee}（{nomination.honour}）的推荐申报状态已变为“{state}”。"
    if event.reason:
        body += f"\n说明：{event.reason}"
    body += f"\n请登录工作台查看：{settings.WAGTAILADMIN_BASE_URL}/workbench/nominations/{nomination.pk}/"
    return send_mail(f"推荐申报“{nomination.nominee}”：{state}", body, None, recipients)


@task()
def export_run(*, job_id: int) -> str:
    """Write an office export (nominations.exports.ExportJob) and record its progress."""
    from nominations.exports import export_job_run

    return export_job_run(job_id).state

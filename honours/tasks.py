"""Background work of the December process (django-tasks; the database worker in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from honours.models import Objection
from portal.models import Department
from portal.models.units import group_emails


@task()
def objection_notify(*, objection_id: int) -> int:
    """E-mail the city office's staff that an objection (异议) arrived on a notice; the
    objection itself (name, contact, reasons) stays in the admin."""
    objection = Objection.objects.select_related("notice", "entry").get(pk=objection_id)
    city_id = objection.notice.get_parent().specific.city_id
    groups = Department.objects.filter(
        city_id=city_id, kind=Department.Kind.OFFICE, group__isnull=False
    ).values_list("group_id", flat=True)
    recipients = group_emails(groups)
    if not recipients:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL + reverse("honours_office:objections", args=[objection.notice_id])
    body = (
        f"《{objection.notice.title}》收到对“{objection.entry.name}”（{objection.entry.unit_label}）的异议。\n"
        f"请登录后台处理：{link}"
    )
    return send_mail(f"公示异议：{objection.entry.name}", body, None, recipients)

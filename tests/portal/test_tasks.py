"""Background work runs through django-tasks with its database backend and worker."""

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from campaigns.models import CampaignIndexPage
from portal.models import HomePage

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_publishing_queues_work_that_the_worker_runs(settings, wagtail_base):
    settings.TASKS = DB_TASKS  # django-tasks resets its backends on setting_changed
    home = HomePage.objects.get()
    page = CampaignIndexPage(title="活动", slug="activities")
    home.add_child(instance=page)
    page.save_revision().publish()
    queued = DBTaskResult.objects.filter(status="READY").count()
    assert queued > 0
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() >= queued

import datetime

from django.core.management.base import BaseCommand, CommandError

from filings.reminders import filing_reminders_send
from filings.tasks import filing_reminders_run


class Command(BaseCommand):
    help = (
        "发送报送提醒（截止前几天和逾期后各一次，同一事由不重复发送）。"
        "默认交给后台任务执行；建议由 cron 每天运行一次。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="不经后台任务，立即在本进程中发送")
        parser.add_argument("--date", help="按这一天（YYYY-MM-DD）计算，须与 --now 一起使用（演示和排查用）")

    def handle(self, *args, now: bool, date: str | None, **options):
        if date and not now:
            raise CommandError("--date 须与 --now 一起使用。")
        if now:
            try:
                today = datetime.date.fromisoformat(date) if date else None
            except ValueError as exc:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from exc
            count = filing_reminders_send(today=today)
            self.stdout.write(self.style.SUCCESS(f"已发送报送提醒 {count} 条。"))
            return
        result = filing_reminders_run.enqueue()
        self.stdout.write(self.style.SUCCESS(f"已排入后台任务：报送提醒（{result.id}）。"))

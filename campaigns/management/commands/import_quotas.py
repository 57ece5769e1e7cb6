from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaigns import services
from campaigns.excel import WorkbookError, quota_cells, quota_changes
from campaigns.management import campaign_from_option
from portal.xlsx import format_size


class Command(BaseCommand):
    help = "从Excel文件导入示范点分配表（县区、主责部门两个工作表）；文件有误时不作任何修改"

    def add_arguments(self, parser):
        parser.add_argument("file", help="示范点分配表（.xlsx）")
        parser.add_argument("--campaign", required=True, help="创建活动页面的slug，如 shangluo-2018")
        parser.add_argument("--dry-run", action="store_true", help="只检查文件并列出将有的变化，不写入")

    def handle(self, *args, file: str, campaign: str, dry_run: bool, **options):
        page = campaign_from_option(campaign)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        limit = settings.XLSX_MAX_UPLOAD_BYTES
        if path.stat().st_size > limit:
            raise CommandError(
                f"文件大小为{format_size(path.stat().st_size)}，超过上限{format_size(limit)}，未导入。"
            )
        before = quota_cells(campaign=page)
        try:
            with transaction.atomic():
                result = services.quotas_import(
                    campaign=page, data=path.read_bytes(), actor=None, source=f"命令行：{path.name}"
                )
                after = quota_cells(campaign=page)
                if dry_run:
                    transaction.set_rollback(True)
        except WorkbookError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"文件有{len(exc.errors)}处问题，未导入，名额未作任何修改。") from exc

        for line in quota_changes(before, after):
            self.stdout.write(f"  {line}")
        prefix = "试运行（未写入）：" if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{page.title}：{result.changed}项名额有变化，{result.unchanged}项未变。"
            )
        )

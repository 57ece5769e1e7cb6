from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.excel import write_quota_workbook
from campaigns.management import campaign_from_option


class Command(BaseCommand):
    help = "把创建活动的示范点分配表导出为Excel文件（与网站上公开的表格一致）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要写入的文件（.xlsx）")
        parser.add_argument("--campaign", required=True, help="创建活动页面的slug，如 shangluo-2018")

    def handle(self, *args, file: str, campaign: str, **options):
        page = campaign_from_option(campaign)
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"目录不存在：{path.parent}")
        data = write_quota_workbook(campaign=page)
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"已导出{page.title}的示范点分配表：{path}（{len(data)}字节）"))

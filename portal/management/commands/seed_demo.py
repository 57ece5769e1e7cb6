from django.core.management.base import BaseCommand

from portal.demo import loader


class Command(BaseCommand):
    help = "载入商洛2018演示数据（可重复执行，不会重复创建）"

    def handle(self, *args, **options):
        campaign = loader.load_all()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪：{campaign.title}（{campaign.url_path}）"))

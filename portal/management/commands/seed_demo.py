from django.core.management.base import BaseCommand

from portal.demo import december, loader


class Command(BaseCommand):
    help = "载入商洛2018演示数据（可重复执行，不会重复创建），并推进到指定阶段"

    def add_arguments(self, parser):
        parser.add_argument(
            "--stage",
            choices=december.STAGES,
            default=None,
            help="演示数据所处阶段：draft 草稿、submitted 已提交（默认）、review 评审中、"
            "notice 公示中、commended 已命名表彰。已处于更晚阶段时不作改动。",
        )

    def handle(self, *args, stage=None, **options):
        campaign = loader.load_all(stage=stage or "submitted")
        reached = december.stage_of(campaign)
        if stage and december.STAGES.index(reached) > december.STAGES.index(stage):
            self.stdout.write(
                self.style.WARNING(
                    f"演示数据已处于“{reached}”阶段，晚于“{stage}”；已提交的数据不会撤回或删除。"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已就绪：{campaign.title}（{campaign.url_path}），阶段：{reached}")
        )

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal import scale


class Command(BaseCommand):
    help = (
        "生成规模测试数据（make bench 的基准数据）：约10个市、100个县（区）及其镇村，10个年度，"
        "20万项推荐申报（各种状态）和2万项荣誉。同一 seed 在空数据库上生成相同的数据；"
        "已生成时不作改动。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2018, help="随机种子（默认2018）")
        parser.add_argument(
            "--factor", type=float, default=1.0, help="规模系数，如0.01：推荐、荣誉和县区数按比例缩小"
        )
        parser.add_argument(
            "--json",
            default=str(Path(settings.BASE_DIR) / "var" / "scale.json"),
            help="写出基准测试所需网址和账号的JSON文件（默认 var/scale.json）",
        )

    def handle(self, *args, seed, factor, json, **options):
        if factor <= 0:
            raise CommandError("--factor 须为正数。")
        try:
            report = scale.build(seed=seed, factor=factor, stdout=self.stdout)
        except scale.ScaleError as exc:
            raise CommandError(f"规模测试数据不符合规则，已全部回滚：{exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        report.write_json(Path(json))
        self.stdout.write(self.style.SUCCESS(f"已写出 {json}"))

"""What the office records about a unit that bears on its nominations."""

from django.conf import settings
from django.db import models

from nominations.enums import SanctionKind
from portal.models import UnitOwned


class Sanction(UnitOwned):
    """A disqualification or sanction with its reason and dates (DOMAIN.md §4 rules 5–6).
    Assessment and supervision will record theirs here too."""

    kind = models.CharField("类型", max_length=16, choices=SanctionKind.choices)
    reason = models.TextField("事由")
    starts_on = models.DateField("起始日期")
    year = models.PositiveSmallIntegerField("适用年度", null=True, blank=True, help_text="取消评先资格的年度")
    lifted_on = models.DateField("解除（摘牌）日期", null=True, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "取消评先与处分记录"
        verbose_name_plural = "取消评先与处分记录"
        ordering = ["-starts_on"]
        constraints = [UnitOwned.unit_constraint("sanction_one_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()}（{self.starts_on}）"

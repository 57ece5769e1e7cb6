"""How many towns, villages, communities and units exist (单位基数), per county and per
sector and year: the denominators of creation coverage (创建覆盖率, seed 004 §二).
Entered by the office or imported from xlsx; a year without its own row uses the
latest earlier one."""

from django.conf import settings
from django.db import models

from portal.models import Jurisdiction


class UnitCensus(models.Model):
    county = models.ForeignKey(
        Jurisdiction,
        verbose_name="县（区）",
        on_delete=models.PROTECT,
        related_name="censuses",
        limit_choices_to={"level": Jurisdiction.Level.COUNTY},
    )
    year = models.PositiveSmallIntegerField("年度")
    towns = models.PositiveIntegerField("镇（办）数", default=0)
    villages = models.PositiveIntegerField("村数", default=0)
    communities = models.PositiveIntegerField("社区数", default=0)
    units = models.PositiveIntegerField("单位数", default=0)
    compounds = models.PositiveIntegerField("小区（楼院）数", default=0)
    streets = models.PositiveIntegerField("街道数", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "县区单位基数"
        verbose_name_plural = "县区单位基数"
        ordering = ["year", "county__sort_order", "county_id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="unit_census_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.county}"


class SectorCensus(models.Model):
    sector = models.ForeignKey(
        "campaigns.Sector", verbose_name="领域", on_delete=models.PROTECT, related_name="censuses"
    )
    year = models.PositiveSmallIntegerField("年度")
    units = models.PositiveIntegerField("单位数", default=0, help_text="本领域全市应创建单位总数，如学校数")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "领域单位基数"
        verbose_name_plural = "领域单位基数"
        ordering = ["year", "sector__sort_order", "sector_id"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "year"], name="sector_census_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.sector}"

"""Quotas (示范点分配表, seed 004 attachment): per campaign, as rows."""

from django.core.exceptions import ValidationError
from django.db import models

from portal.models import Jurisdiction

from .pages import CampaignPage
from .registry import Brand, Sector


class CountyQuota(models.Model):
    """City-level demonstration sites for one county and brand; also bounds its nominations."""

    campaign = models.ForeignKey(
        CampaignPage, verbose_name="创建活动", on_delete=models.PROTECT, related_name="county_quotas"
    )
    county = models.ForeignKey(
        Jurisdiction,
        verbose_name="县（区）",
        on_delete=models.PROTECT,
        related_name="quotas",
        limit_choices_to={"level": Jurisdiction.Level.COUNTY},
    )
    brand = models.ForeignKey(Brand, verbose_name="品牌", on_delete=models.PROTECT, related_name="quotas")
    quota = models.PositiveIntegerField("名额")

    class Meta:
        verbose_name = "县区名额"
        verbose_name_plural = "县区名额"
        ordering = ["county__sort_order", "brand__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "county", "brand"], name="county_quota_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.county} · {self.brand}：{self.quota}"

    def clean(self):
        if not (self.campaign_id and self.county_id and self.brand_id):
            return
        city_id = self.campaign.city_id
        if self.county.level != Jurisdiction.Level.COUNTY or self.county.parent_id != city_id:
            raise ValidationError({"county": "请选择本创建活动所在市的县（区）。"})
        if self.brand.city_id != city_id:
            raise ValidationError({"brand": "请选择本市的创建品牌。"})


class SectorQuota(models.Model):
    """City-level demonstration sites and nominations for one sector's lead department."""

    campaign = models.ForeignKey(
        CampaignPage, verbose_name="创建活动", on_delete=models.PROTECT, related_name="sector_quotas"
    )
    sector = models.ForeignKey(Sector, verbose_name="领域", on_delete=models.PROTECT, related_name="quotas")
    quota = models.PositiveIntegerField("名额")

    class Meta:
        verbose_name = "领域名额"
        verbose_name_plural = "领域名额"
        ordering = ["sector__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "sector"], name="sector_quota_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.sector} · {self.quota}"

    def clean(self):
        if self.campaign_id and self.sector_id and self.sector.city_id != self.campaign.city_id:
            raise ValidationError({"sector": "请选择本创建活动所在市的领域。"})

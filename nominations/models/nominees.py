"""Nominees and what they hold before the city level: county/sector titles and demo sites."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from campaigns.enums import BrandKind
from nominations.enums import Gender
from portal.models import Jurisdiction, UnitOwned
from portal.validators import id_number_gender, normalise_id_number, validate_id_number, validate_mobile

from .honours import ForHonour


class Nominee(UnitOwned):
    """A collective, family or person a unit may name and nominate, year after year
    (seed 004: "同一集体或个人可连续推荐申报"). ID number and phone are never public."""

    kind = models.CharField("对象类型", max_length=12, choices=BrandKind.choices)
    name = models.CharField("名称或姓名", max_length=100)
    collective_type = models.CharField(
        "集体类型", max_length=40, blank=True, help_text="如：村、社区、单位、小区"
    )
    place = models.ForeignKey(
        Jurisdiction,
        verbose_name="所在镇村",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices, blank=True)
    role = models.CharField(
        "身份", max_length=40, blank=True, help_text="如：网格员、治安中心户长、平安志愿者"
    )
    workplace = models.CharField("工作单位", max_length=100, blank=True)
    mobile = models.CharField("手机号码", max_length=11, blank=True, validators=[validate_mobile])
    id_number = models.CharField("身份证号码", max_length=18, blank=True, validators=[validate_id_number])
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "推荐对象"
        verbose_name_plural = "推荐对象"
        ordering = ["kind", "name", "id"]
        constraints = [
            UnitOwned.unit_constraint("nominee_one_unit"),
            models.UniqueConstraint(
                fields=["id_number"], condition=~models.Q(id_number=""), name="nominee_unique_id_number"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        # The declared gender must agree with the ID number's 17th digit (GB 11643).
        if self.gender and self.id_number and len(self.id_number) == 18:
            try:
                declared = id_number_gender(normalise_id_number(self.id_number))
            except ValueError:
                return  # the ID number's own validator reports the malformed value
            if declared != self.gender:
                raise ValidationError({"gender": "性别与身份证号码不一致，请核对。"})


class LocalTitle(UnitOwned, ForHonour):
    """A county-level (县级命名) or sector-level title: the prerequisite of a city-level
    nomination (seed 004: "推荐对象须已获得县区级命名")."""

    nominee = models.ForeignKey(
        Nominee, verbose_name="命名对象", on_delete=models.PROTECT, related_name="titles"
    )
    year = models.PositiveSmallIntegerField("命名年度")
    document_number = models.CharField("文号", max_length=60)
    issuing_body = models.CharField("命名单位", max_length=100)
    named_on = models.DateField("命名日期")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "县级（领域）命名"
        verbose_name_plural = "县级（领域）命名名单"
        ordering = ["-year", "nominee__name"]
        constraints = [
            UnitOwned.unit_constraint("title_one_unit"),
            ForHonour.honour_constraint("title_brand_or_sector"),
            models.UniqueConstraint(fields=["nominee", "brand", "year"], name="title_unique_brand_year"),
            models.UniqueConstraint(fields=["nominee", "sector", "year"], name="title_unique_sector_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.nominee} · {self.brand or self.sector}（{self.document_number}）"


class DemoSite(UnitOwned, ForHonour):
    """A city-level demonstration site filed at the start of the year (示范点备案),
    at most the unit's quota per brand (seed 004 §三(一)3, §三(二)3)."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name="创建活动", on_delete=models.PROTECT, related_name="demo_sites"
    )
    nominee = models.ForeignKey(
        Nominee, verbose_name="示范点", on_delete=models.PROTECT, related_name="demo_sites"
    )
    filed_at = models.DateTimeField("备案时间", auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "创建示范点"
        verbose_name_plural = "创建示范点"
        ordering = ["campaign", "brand__sort_order", "nominee__name"]
        constraints = [
            UnitOwned.unit_constraint("demo_site_one_unit"),
            models.UniqueConstraint(fields=["campaign", "brand", "nominee"], name="demo_site_unique_brand"),
            models.UniqueConstraint(fields=["campaign", "sector", "nominee"], name="demo_site_unique_sector"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee}（{self.brand or self.sector}）"

"""Brands and sectors of a city's campaign (DOMAIN.md §3, seed 004 §三(一)(二))."""

from django.db import models

from campaigns.enums import BrandKind, CensusBase, DecidedBy
from portal.models import Department, Jurisdiction


class Brand(models.Model):
    """One of the nine brands (九大品牌), as data per city."""

    city = models.ForeignKey(
        Jurisdiction,
        verbose_name="所属市",
        on_delete=models.PROTECT,
        related_name="brands",
        limit_choices_to={"level": Jurisdiction.Level.CITY},
    )
    name = models.CharField("品牌名称", max_length=40)
    slug = models.SlugField("代码", max_length=40)
    kind = models.CharField("对象类型", max_length=12, choices=BrandKind.choices)
    decided_by = models.CharField(
        "评定方式", max_length=12, choices=DecidedBy.choices, default=DecidedBy.NOMINATION
    )
    in_allocation_table = models.BooleanField(
        "列入示范点分配表", default=False, help_text="在《市级示范点分配表》中占一列"
    )
    has_demo_sites = models.BooleanField(
        "备案创建示范点", default=False, help_text="县区须在年初备案本品牌的市级创建示范点"
    )
    census_base = models.CharField(
        "覆盖率基数",
        max_length=24,
        choices=CensusBase.choices,
        blank=True,
        default=CensusBase.NONE,
        help_text="创建覆盖率以登记的哪类单位总数为分母（见“单位基数”）",
    )
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "创建品牌"
        verbose_name_plural = "创建品牌"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="brand_unique_name"),
            models.UniqueConstraint(fields=["city", "slug"], name="brand_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """One of the eight sectors (八大领域) with its lead and cooperating departments."""

    city = models.ForeignKey(
        Jurisdiction,
        verbose_name="所属市",
        on_delete=models.PROTECT,
        related_name="sectors",
        limit_choices_to={"level": Jurisdiction.Level.CITY},
    )
    name = models.CharField("领域", max_length=40)
    slug = models.SlugField("代码", max_length=40)
    lead_department = models.ForeignKey(
        Department, verbose_name="主责部门", on_delete=models.PROTECT, related_name="led_sectors"
    )
    cooperating_departments = models.ManyToManyField(
        Department,
        verbose_name="配合部门",
        related_name="cooperating_sectors",
        blank=True,
        through="SectorCooperation",
    )
    brand_name = models.CharField(
        "品牌名称", max_length=40, blank=True, help_text="如“平安校园”；自定品牌在主责部门命名后填写"
    )
    brand_is_custom = models.BooleanField("自定品牌", default=False)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "重点领域"
        verbose_name_plural = "重点领域"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="sector_unique_name"),
            models.UniqueConstraint(fields=["city", "slug"], name="sector_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def brand_label(self) -> str:
        """The brand as the public reads it: the named brand, or 自定品牌 until it is named."""
        return self.brand_name or "自定品牌"


class SectorCooperation(models.Model):
    """A cooperating department of a sector, in the order the plan lists them."""

    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="cooperations")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="sector_cooperations")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "配合部门"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "department"], name="sector_cooperation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.sector} · {self.department}"

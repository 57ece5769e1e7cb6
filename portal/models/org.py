"""Places and organisations (DOMAIN.md §2): data, never literals in code.

A county operator's or department's account group is linked to its unit here,
so `portal.rules` can answer "which unit does this user act for".
"""

from django.contrib.auth.models import Group
from django.db import models


class Jurisdiction(models.Model):
    """One node of the tree 省 → 市 → 县（区） → 镇（办/街道） → 村（社区）."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "县（区）"
        TOWN = "town", "镇（办）"
        VILLAGE = "village", "村（社区）"

    name = models.CharField("名称", max_length=60)
    slug = models.SlugField("代码", max_length=60, blank=True, help_text="拼音代码，用于账号和网址")
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    category = models.CharField(
        "类别", max_length=20, blank=True, help_text="如：区、县、开发区、镇、街道办、村、社区"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    group = models.OneToOneField(
        Group,
        verbose_name="操作账号组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jurisdiction",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="jurisdiction_unique_name"),
        ]
        indexes = [models.Index(fields=["parent", "level"])]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A city-level department: the city office, a lead department or any other."""

    class Kind(models.TextChoices):
        OFFICE = "office", "市综治办"
        DEPARTMENT = "department", "市级部门"

    city = models.ForeignKey(
        Jurisdiction,
        verbose_name="所属市",
        on_delete=models.PROTECT,
        related_name="departments",
        limit_choices_to={"level": Jurisdiction.Level.CITY},
    )
    name = models.CharField("名称", max_length=60)
    slug = models.SlugField("代码", max_length=60, blank=True)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.DEPARTMENT)
    group = models.OneToOneField(
        Group,
        verbose_name="操作账号组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="department",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "市级部门"
        verbose_name_plural = "市级部门"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="department_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

from django.db import models


class Role(models.TextChoices):
    """Who a phase milestone is addressed to (seed 004 阶段安排)."""

    COUNTY = "county", "各县（区）"
    LEAD_DEPARTMENT = "lead", "市级主责部门"
    OTHER_DEPARTMENT = "other", "市级其他部门"
    CITY_OFFICE = "office", "市综治办"


class BrandKind(models.TextChoices):
    COLLECTIVE = "collective", "集体"
    FAMILY = "family", "家庭"
    INDIVIDUAL = "individual", "个人"


class DecidedBy(models.TextChoices):
    NOMINATION = "nomination", "县区推荐、市级评定"
    EVALUATION = "evaluation", "市级考评认定"


class NewsKind(models.TextChoices):
    NEWS = "news", "工作动态"
    ACTION = "action", "五大行动"
    NOTICE = "notice", "通知公告"

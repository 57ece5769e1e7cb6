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


class CensusBase(models.TextChoices):
    """Which registry count (campaigns.UnitCensus) a brand's coverage is measured
    against: 覆盖率 = units taking part / all units of that kind (seed 004 §二)."""

    NONE = "", "不测算"
    COUNTIES = "counties", "县（区）（每个县区均为创建主体）"
    TOWNS = "towns", "镇（办）"
    VILLAGES_COMMUNITIES = "villages_communities", "村和社区"
    UNITS = "units", "单位"
    COMPOUNDS = "compounds", "小区（楼院）"
    STREETS = "streets", "街道"

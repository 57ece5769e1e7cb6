from django.db import models


class State(models.TextChoices):
    """A nomination's life (DOMAIN.md §4)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回修改"
    WITHDRAWN = "withdrawn", "已撤回"
    ACCEPTED = "accepted", "形式审查通过"
    VERIFIED = "verified", "实地核查通过"
    SHORTLISTED = "shortlisted", "拟命名（公示中）"
    REJECTED = "rejected", "未通过"
    COMMENDED = "commended", "已命名表彰"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class SanctionKind(models.TextChoices):
    """What takes a unit's eligibility for honours (seed 004 §四(四), seed 003 §十五(三))."""

    DISQUALIFIED = "disqualified", "取消年度评先资格"
    NOTIFIED = "notified", "通报"
    INTERVIEWED = "interviewed", "约谈"
    SUPERVISED = "supervised", "挂牌督办"

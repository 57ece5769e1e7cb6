"""A nomination for a city-level title, and its log of state changes (DOMAIN.md §4)."""

from django.conf import settings
from django.db import models
from wagtail.fields import RichTextField

from nominations.enums import State
from nominations.storage import private_storage
from portal.models import UnitOwned

from .honours import ForHonour
from .nominees import LocalTitle, Nominee

# Not counted against quota nor as a duplicate: a withdrawn nomination (rule 4's
# "nominated twice" means a live nomination; a draft holds no quota place).
INACTIVE_STATES = [State.WITHDRAWN]
QUOTA_STATES = [State.SUBMITTED, State.ACCEPTED, State.VERIFIED, State.SHORTLISTED, State.COMMENDED]


class Nomination(UnitOwned, ForHonour):
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name="创建活动",
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominee = models.ForeignKey(
        Nominee, verbose_name="推荐对象", on_delete=models.PROTECT, related_name="nominations"
    )
    title = models.ForeignKey(
        LocalTitle, verbose_name="县级（领域）命名", on_delete=models.PROTECT, related_name="nominations"
    )
    deeds = RichTextField("事迹材料", blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    eligibility = models.JSONField("资格审查记录", default=list, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "推荐申报"
        verbose_name_plural = "推荐申报"
        ordering = ["-updated_at", "-id"]
        constraints = [
            UnitOwned.unit_constraint("nomination_one_unit"),
            ForHonour.honour_constraint("nomination_brand_or_sector"),
            # DOMAIN.md §4 rule 4: not twice for the same brand in the same campaign.
            models.UniqueConstraint(
                fields=["campaign", "brand", "nominee"],
                condition=~models.Q(state__in=INACTIVE_STATES),
                name="nomination_once_per_brand",
            ),
            models.UniqueConstraint(
                fields=["campaign", "sector", "nominee"],
                condition=~models.Q(state__in=INACTIVE_STATES),
                name="nomination_once_per_sector",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "county", "brand", "state"]),
            models.Index(fields=["campaign", "department", "sector", "state"]),
            # The review board: a campaign's nominations, latest submitted first, 50 a page.
            models.Index(fields=["campaign", "-submitted_at", "-id"], name="nomination_board_order"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee}（{self.honour}）"


class NominationFile(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", "照片"
        DOCUMENT = "document", "附件"

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    file = models.FileField("文件", upload_to="nominations/%Y/%m/", storage=private_storage)
    original_name = models.CharField("原文件名", max_length=200)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "推荐材料"
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class NominationEvent(models.Model):
    """Who moved a nomination, when, from which state to which, and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="events")
    from_state = models.CharField("原状态", max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=12, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    reason = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "推荐申报记录"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["nomination", "at"])]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.from_state} → {self.to_state}"

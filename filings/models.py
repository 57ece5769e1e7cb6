"""Kinds of filing per campaign (as data) and the filings units make (DOMAIN.md §5)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.fields import RichTextField

from campaigns.enums import Role
from filings.enums import FilingState, ReminderReason
from nominations.storage import private_storage
from portal.models import UnitOwned


class FilingKind(models.Model):
    """What one role files for a campaign, e.g. 县区创建方案和创建标准 (counties). Its due
    date is the campaign's milestone of the same role and key (the phase calendar the
    office edits), so a late filing follows the same rule and extensions as every phase."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name="创建活动",
        on_delete=models.PROTECT,
        related_name="filing_kinds",
    )
    role = models.CharField("报送对象", max_length=10, choices=Role.choices)
    key = models.SlugField(
        "节点代码", max_length=40, help_text="与阶段安排中该对象的节点代码一致，如 plan、summary"
    )
    name = models.CharField("材料名称", max_length=100)
    needs_approval = models.BooleanField(
        "须市综治办审定并印发", default=False, help_text="如各领域的创建方案和创建标准"
    )
    asks_brand_name = models.BooleanField("须填写创建品牌名称", default=False)
    remind_days_before = models.PositiveSmallIntegerField(
        "提前提醒天数", default=3, help_text="截止日期前几天提醒尚未报送的单位；逾期次日再提醒一次"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "报送事项"
        verbose_name_plural = "报送事项"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "role", "key"], name="filing_kind_once_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"

    def milestone(self):
        return self.campaign.milestones.filter(role=self.role, key=self.key).order_by("-due_on").first()

    def clean(self):
        if self.campaign_id and self.role and self.key and self.milestone() is None:
            raise ValidationError(
                {
                    "key": "阶段安排中没有该对象的这个节点，请先在创建活动的阶段安排中添加"
                    "（截止日期以阶段安排为准）。"
                }
            )


class Filing(UnitOwned):
    """One unit's filing of one kind: written in the workbench, submitted, returned with
    comments or accepted by the office (and, for sector plans, issued)."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name="创建活动", on_delete=models.PROTECT, related_name="filings"
    )
    kind = models.ForeignKey(
        FilingKind, verbose_name="报送事项", on_delete=models.PROTECT, related_name="filings"
    )
    title = models.CharField("标题", max_length=200)
    body = RichTextField("正文", blank=True)
    brand_name = models.CharField("创建品牌名称", max_length=40, blank=True)
    state = models.CharField(
        "状态", max_length=12, choices=FilingState.choices, default=FilingState.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "报送材料"
        verbose_name_plural = "报送材料"
        ordering = ["kind__sort_order", "id"]
        constraints = [
            UnitOwned.unit_constraint("filing_one_unit"),
            models.UniqueConstraint(
                fields=["kind", "county"],
                condition=models.Q(county__isnull=False),
                name="filing_once_per_county",
            ),
            models.UniqueConstraint(
                fields=["kind", "department"],
                condition=models.Q(department__isnull=False),
                name="filing_once_per_department",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FilingFile(models.Model):
    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="files")
    file = models.FileField("附件", upload_to="filings/%Y/%m/", storage=private_storage)
    original_name = models.CharField("原文件名", max_length=200)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "报送附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class FilingEvent(models.Model):
    """Who moved a filing, when, from which state to which, and why."""

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="events")
    from_state = models.CharField("原状态", max_length=12, choices=FilingState.choices, blank=True)
    to_state = models.CharField("新状态", max_length=12, choices=FilingState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    reason = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "报送记录"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["filing", "at"])]

    def __str__(self) -> str:
        return f"{self.filing_id}: {self.from_state} → {self.to_state}"


class FilingReminder(UnitOwned):
    """A reminder sent to a unit about a kind of filing (in the workbench and by e-mail):
    at most one per unit, kind, reason and due date, so a reminder is never sent twice
    for the same reason (an extension's new date is a new reason)."""

    kind = models.ForeignKey(
        FilingKind, verbose_name="报送事项", on_delete=models.PROTECT, related_name="reminders"
    )
    reason = models.CharField("提醒原因", max_length=12, choices=ReminderReason.choices)
    due_on = models.DateField("截止日期")
    sent_at = models.DateTimeField("提醒时间", auto_now_add=True)
    emailed = models.PositiveSmallIntegerField("邮件收件人数", default=0)

    class Meta:
        verbose_name = "报送提醒"
        verbose_name_plural = "报送提醒"
        ordering = ["-sent_at", "-id"]
        constraints = [
            UnitOwned.unit_constraint("filing_reminder_one_unit"),
            models.UniqueConstraint(
                fields=["kind", "county", "reason", "due_on"],
                condition=models.Q(county__isnull=False),
                name="filing_reminder_once_per_county",
            ),
            models.UniqueConstraint(
                fields=["kind", "department", "reason", "due_on"],
                condition=models.Q(department__isnull=False),
                name="filing_reminder_once_per_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.kind.name} · {self.get_reason_display()}"


from filings.pages import SectorPlanPage  # noqa: E402  (Wagtail page model of this app)

__all__ = ["Filing", "FilingEvent", "FilingFile", "FilingKind", "FilingReminder", "SectorPlanPage"]

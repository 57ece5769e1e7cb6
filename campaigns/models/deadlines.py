"""Deadline extensions the office grants one unit (DOMAIN.md §3)."""

from django.conf import settings
from django.db import models

from portal.models import UnitOwned


class Extension(UnitOwned):
    """The office lets one unit submit after a deadline (DOMAIN.md §3), until a date."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name="创建活动", on_delete=models.PROTECT, related_name="extensions"
    )
    milestone_key = models.SlugField("节点代码", max_length=40, help_text="如 nomination、demo_sites")
    until = models.DateField("延期至")
    reason = models.TextField("理由")
    granted_at = models.DateTimeField("批准时间", auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "延期"
        verbose_name_plural = "延期"
        ordering = ["-until"]
        constraints = [UnitOwned.unit_constraint("extension_one_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.milestone_key} 延期至 {self.until}"

"""Objections (异议) the public files against a notice entry, and the office's finding."""

from django.conf import settings
from django.db import models

from honours.enums import Finding
from nominations.storage import private_storage

from .notices import NoticeEntry, NoticePage


class Objection(models.Model):
    notice = models.ForeignKey(NoticePage, on_delete=models.PROTECT, related_name="objections")
    entry = models.ForeignKey(
        NoticeEntry, verbose_name="异议对象", on_delete=models.PROTECT, related_name="objections"
    )
    name = models.CharField("真实姓名", max_length=40)
    contact = models.CharField("联系电话或邮箱", max_length=80)
    reasons = models.TextField("异议事由")
    attachment = models.FileField(
        "证明材料", upload_to="objections/%Y/%m/", storage=private_storage, blank=True
    )
    attachment_name = models.CharField("原文件名", max_length=200, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    ip_address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    finding = models.CharField(
        "处理结论", max_length=10, choices=Finding.choices, default=Finding.PENDING, db_index=True
    )
    finding_reason = models.TextField("处理意见", blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    settled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}对“{self.entry}”的异议"

    @property
    def is_settled(self) -> bool:
        return self.finding != Finding.PENDING

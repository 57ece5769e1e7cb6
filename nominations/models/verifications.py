"""On-site verification (实地核查, seed 004 §三(一)3): who went, when, what they found."""

from django.conf import settings
from django.db import models

from nominations.storage import private_storage

from .nominations import Nomination


class Verification(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="verifications")
    visited_on = models.DateField("核查日期")
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="核查人员", related_name="+")
    findings = models.TextField("核查情况")
    passed = models.BooleanField("核查结论：通过")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "实地核查"
        verbose_name_plural = "实地核查"
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.nomination} · {self.visited_on} · {'通过' if self.passed else '未通过'}"


class VerificationPhoto(models.Model):
    verification = models.ForeignKey(Verification, on_delete=models.PROTECT, related_name="photos")
    file = models.FileField("照片", upload_to="verifications/%Y/%m/", storage=private_storage)
    original_name = models.CharField("原文件名", max_length=200)

    class Meta:
        verbose_name = "核查照片"

    def __str__(self) -> str:
        return self.original_name

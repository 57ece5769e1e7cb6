"""The city office's forms in the admin (公示与表彰): generate a notice, settle an
objection, draft a commendation decision, revoke an honour.

Forms validate input only; the business rules are asked of `honours.rules` and the
changes are made by `honours.services`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from honours import rules, selectors
from honours.calendar import next_working_day
from honours.enums import Finding
from honours.models import CommendationPage, NoticePage


class DateInput(forms.DateInput):
    """The browser's own date picker: Wagtail's AdminDateInput writes an inline script."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NoticeCreateForm(forms.Form):
    starts_on = forms.DateField(
        label="公示开始日期",
        widget=DateInput(),
        help_text="默认为下一个工作日；公示须在开始日期当天或之前发布。",
    )
    working_days = forms.IntegerField(
        label="公示期（工作日）",
        min_value=1,
        max_value=30,
        initial=5,
        help_text="1至30个工作日，按国家法定节假日和调休安排计算。",
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["starts_on"].initial = next_working_day(self.today)

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < self.today:
            raise forms.ValidationError("公示开始日期不能早于今天。")
        return starts_on


class ObjectionSettleForm(forms.Form):
    finding = forms.ChoiceField(
        label="处理结论",
        choices=[(Finding.UPHELD, Finding.UPHELD.label), (Finding.DISMISSED, Finding.DISMISSED.label)],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择处理结论。"},
    )
    reason = forms.CharField(
        label="处理意见",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写明核实情况和结论依据；异议成立的，该对象不予命名，理由记入其办理记录。",
        error_messages={"required": "请填写处理意见。"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("请填写处理意见。")
        return reason


class NoticeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: NoticePage) -> str:
        return f"{obj.title}（{obj.starts_on:%Y-%m-%d}至{obj.ends_on:%Y-%m-%d}）"


class CommendationCreateForm(forms.Form):
    """The decision's heading. A notice that may not be commended yet (period not over,
    objections pending, nobody left) is refused with `rules.commendation_blockers`."""

    notice = NoticeChoiceField(
        label="依据的公示",
        queryset=NoticePage.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择依据的公示。", "invalid_choice": "请选择本年度已发布的公示。"},
    )
    document_number = forms.CharField(label="文号", max_length=60, help_text="如：商发〔2018〕20号")
    issued_on = forms.DateField(label="决定日期", widget=DateInput())
    issuing_bodies = forms.CharField(label="决定机关", max_length=200, help_text="多个机关用顿号分隔。")

    def __init__(self, *args, campaign, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["notice"].queryset = (
            NoticePage.objects.child_of(campaign).live().order_by("-first_published_at", "-pk")
            if campaign is not None
            else NoticePage.objects.none()
        )
        self.fields["issued_on"].initial = today or timezone.localdate()
        self.fields["issuing_bodies"].initial = selectors.default_issuing_bodies(campaign)

    def clean_document_number(self):
        return self.cleaned_data["document_number"].strip()

    def clean_issuing_bodies(self):
        return self.cleaned_data["issuing_bodies"].strip()

    def clean(self):
        data = super().clean()
        notice = data.get("notice")
        if notice is not None:
            for blocker in rules.commendation_blockers(CommendationPage(notice=notice), today=self.today):
                self.add_error(None, blocker)
        return data


class HonourRevokeForm(forms.Form):
    revoked_on = forms.DateField(label="撤销日期", widget=DateInput())
    reason = forms.CharField(
        label="撤销理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="写明撤销的事实和依据；荣誉榜上保留该条记录并注明已撤销。",
        error_messages={"required": "请填写撤销理由。"},
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoked_on"].initial = today or timezone.localdate()

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("请填写撤销理由。")
        return reason

"""Forms of the filings workbench: only read and check input; the writes are
`filings.services`."""

from __future__ import annotations

from django import forms

from filings.models import Filing, FilingKind
from nominations.forms import MultipleFileField, MultipleFileInput, deeds_to_html, deeds_to_text
from portal import uploads


class FilingForm(forms.ModelForm):
    """A filing's title, body (plain paragraphs), brand name where the kind asks for one,
    and more attachments."""

    body_text = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="空一行另起一段。正式文件请作为附件上传。",
        max_length=50000,
        required=False,
    )
    documents = MultipleFileField(
        file_validator=uploads.validate_document,
        label="附件",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.pptx,.jpg,.jpeg,.png"}),
    )

    class Meta:
        model = Filing
        fields = ["title", "brand_name"]

    field_order = ["title", "brand_name", "body_text", "documents"]

    def __init__(self, *args, kind: FilingKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        if kind.asks_brand_name:
            self.fields["brand_name"].required = True
            self.fields["brand_name"].help_text = "本领域平安创建品牌的名称，报送前须填写。"
        else:
            del self.fields["brand_name"]
        if not self.is_bound and self.instance.pk:
            self.initial["body_text"] = deeds_to_text(self.instance.body)
        if not self.instance.pk:
            self.initial.setdefault("title", f"{kind.campaign.year}年度{kind.name}")
        limit = uploads.upload_limits_text().split("；")[-1]
        self.fields["documents"].help_text = f"可多选，如正式文件的PDF或Word版本。{limit}。"

    def save(self, commit=False):
        filing = super().save(commit=False)
        text = self.cleaned_data.get("body_text", "").strip()
        filing.body = deeds_to_html(text) if text else ""
        return filing

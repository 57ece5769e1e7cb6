"""Forms of the campaigns app's own admin screens."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from portal.xlsx import XLSX_CONTENT_TYPE, format_size


class QuotaImportForm(forms.Form):
    """Upload of the 示范点分配表; the size is checked here, the content by the importer."""

    file = forms.FileField(
        label="示范点分配表文件",
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = settings.XLSX_MAX_UPLOAD_BYTES
        self.fields["file"].help_text = (
            f"Excel工作簿（.xlsx），不超过{format_size(self.max_bytes)}；"
            "第1个工作表为县区示范点分配表，第2个为主责部门示范点分配表。"
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise ValidationError(
                f"文件大小为{format_size(upload.size)}，超过上限{format_size(self.max_bytes)}。"
            )
        return upload

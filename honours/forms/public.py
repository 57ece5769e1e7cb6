"""The public's forms: the online objection (异议) to a notice entry."""

from __future__ import annotations

import re

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.html import format_html

from honours import selectors
from honours.models import NoticeEntry, NoticePage
from portal import uploads
from portal.validators import validate_mobile

REASONS_MIN_LENGTH = 10
REASONS_MAX_LENGTH = 2000

CONTACT_INVALID = "请填写有效的手机号码、带区号的固定电话（如0914-2313456）或电子邮箱。"
NAME_INVALID = "请填写您的真实姓名（汉字或字母，不含数字和符号）。"

# What Chinese input methods type instead of ASCII digits and separators.
_CONTACT_TRANSLATION = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "－": "-",
        "—": "-",
        "–": "-",
        "＠": "@",
        "（": "(",
        "）": ")",
        "＋": "+",
    }
)
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_MOBILE = re.compile(r"(?:\+?86-?)?(1[3-9][0-9]{9})")
# Area code (3 digits for 010 and 02x, else 4), number of 7 or 8 digits, optional extension.
_LANDLINE = re.compile(
    r"\(?(0(?:[12][0-9]|[3-9][0-9]{2}))\)?-?([2-9][0-9]{6,7})(?:(?:-|转|ext\.?)([0-9]{1,6}))?"
)
_NAME_MARKS = "·"  # the separator of transcribed names (阿依古丽·买买提); "." and "•" are read as it


def normalise_contact(value: str) -> str:
    """A typed phone number or e-mail address in one canonical form, or ValidationError.

    "138 1234 5678" and "+86 13812345678" → "13812345678"; "0914 2313456",
    "(0914)2313456" and "09142313456" → "0914-2313456"; an e-mail address is kept as typed
    (trimmed). Landlines must carry their area code: the office may be calling from anywhere.
    """
    text = _SPACES.sub("", str(value).translate(_CONTACT_TRANSLATION))
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError as exc:
            raise ValidationError(CONTACT_INVALID, code="contact") from exc
        return text
    mobile = _MOBILE.fullmatch(text.replace("-", ""))
    if mobile:
        validate_mobile(mobile.group(1))
        return mobile.group(1)
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, number, extension = landline.groups()
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    raise ValidationError(CONTACT_INVALID, code="contact")


def normalise_name(value: str) -> str:
    """A real name: letters of any script, with "·" between the parts of a transcribed name."""
    name = _SPACES.sub(" ", str(value)).strip()
    name = re.sub(r"\s*[·•・.．]\s*", _NAME_MARKS, name)
    name = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", name)  # 张 三 → 张三; Li Ming stays
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or any(not (ch.isalpha() or ch in f"{_NAME_MARKS} ") for ch in name):
        raise ValidationError(NAME_INVALID, code="name")
    return name


def validate_attachment(file) -> str:
    """A photo (JPG/PNG/WebP, as `validate_image`) or a document (as `validate_document`).

    A document is tried first (it also accepts JPG/PNG scans whose extension matches);
    a file that is not one is accepted if it is a readable photo, whatever its name. The
    message shown is the one that tells the sender most: the photo's when the file is an
    image that is too large or an iPhone HEIC photo, else the document's.
    """
    try:
        return uploads.validate_document(file)
    except ValidationError as document_error:
        try:
            return uploads.validate_image(file).lower()
        except ValidationError as image_error:
            too_large_image = image_error.code in ("image_too_large", "image_too_many_pixels")
            heic = uploads.HEIC_HINT in str(image_error.message)
            if document_error.code == "document_unknown" and (too_large_image or heic):
                raise image_error from None
            raise document_error from None


class CaptchaInput(CaptchaTextInput):
    """The captcha image, its key and the answer box, rendered here: the package's
    template says "captcha" in English, and the form renderer does not read our templates."""

    def render(self, name, value, attrs=None, renderer=None):
        self.fetch_captcha_store(name, value, attrs, self.generator)
        final = self.build_attrs(self.attrs, attrs)
        id_ = final.pop("id", None)
        key = self.widgets[0].render(f"{name}_0", self._key, {"id": f"{id_}_0"} if id_ else {}, renderer)
        answer_attrs = {
            **final,
            "class": "captcha__answer",
            "maxlength": captcha_settings.CAPTCHA_LENGTH,
            "size": captcha_settings.CAPTCHA_LENGTH + 2,
        }
        if id_:
            answer_attrs["id"] = f"{id_}_1"
        answer = self.widgets[1].render(f"{name}_1", "", answer_attrs, renderer)
        # The double-size image, shown smaller: sharp on every screen, and large enough to read.
        image_url = reverse("captcha-image-2x", kwargs={"key": self._key})
        return format_html(
            '<span class="captcha"><img class="captcha__image" src="{}" alt="验证码图片">{}{}</span>',
            image_url,
            key,
            answer,
        )


class EntryChoiceField(forms.ModelChoiceField):
    """Entries, grouped under their brand (an <optgroup> per brand, set by the form)."""

    def label_from_instance(self, entry: NoticeEntry) -> str:
        # Units may hold brackets themselves (商洛高新区（商丹园区）): no brackets around them.
        return f"{entry.name} · {entry.unit_label}"


class ObjectionForm(forms.Form):
    """An objection to one entry of a notice, by a person who gives a real name and a contact.

    Only the notice's own entries may be chosen; the select groups them by brand (as the
    notice lists them) without querying them again when `groups` (from
    `selectors.notice_detail`) is given.
    """

    name = forms.CharField(
        label="真实姓名",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="异议须署真实姓名，以便核实；姓名和联系方式不会公开。",
    )
    contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
        help_text="手机号码、带区号的固定电话（如0914-2313456）或电子邮箱。",
    )
    entry = EntryChoiceField(
        label="异议对象",
        queryset=NoticeEntry.objects.none(),
        empty_label="请选择公示对象",
        error_messages={"invalid_choice": "所选对象不在本次公示名单中，请重新选择。"},
    )
    reasons = forms.CharField(
        label="异议事由",
        min_length=REASONS_MIN_LENGTH,
        max_length=REASONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"请写明具体事实和理由，{REASONS_MIN_LENGTH}～{REASONS_MAX_LENGTH}字；可提供线索或证据。",
        error_messages={
            "min_length": f"请写明异议的具体事实和理由（至少{REASONS_MIN_LENGTH}个字）。",
            "max_length": f"异议事由不能超过{REASONS_MAX_LENGTH}个字，较长的材料可作为附件上传。",
        },
    )
    attachment = forms.FileField(
        label="证明材料",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.pptx,.jpg,.jpeg,.png,.webp"}),
    )
    captcha = CaptchaField(
        label="验证码",
        widget=CaptchaInput(),
        help_text="请输入图中的字符，不区分大小写。",
        error_messages={"invalid": "验证码不正确，请输入新图片中的字符。", "required": "请输入验证码。"},
    )

    def __init__(self, *args, notice: NoticePage, groups: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        field = self.fields["entry"]
        field.queryset = selectors.notice_entries(notice=notice)
        if groups is None:
            groups = selectors.group_by_honour(field.queryset)
        field.widget.choices = [
            ("", field.empty_label),
            *((label, [(e.pk, field.label_from_instance(e)) for e in entries]) for label, entries in groups),
        ]
        limits = uploads.upload_limits_text().split("；")
        self.fields["attachment"].help_text = f"可选，一个文件。{limits[0]}；{limits[1]}。"

    def clean_name(self) -> str:
        return normalise_name(self.cleaned_data["name"])

    def clean_contact(self) -> str:
        return normalise_contact(self.cleaned_data["contact"])

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            validate_attachment(attachment)
        return attachment or None

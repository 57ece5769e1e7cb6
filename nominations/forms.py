"""Forms of the workbench: nominees, county/sector titles, demo sites, nominations.

Forms only read and check input; the writes are `nominations.services`. Choices are
limited to the operator's own unit (its nominees, its titles, the brands it names or
the sectors it leads), so a form can never point at another unit's record.
"""

from __future__ import annotations

import html
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.html import linebreaks, strip_tags

from campaigns.enums import BrandKind, DecidedBy
from campaigns.models import Brand, CampaignPage, Sector
from nominations import selectors
from nominations.models import LocalTitle, Nomination, Nominee
from nominations.models.nominations import INACTIVE_STATES
from portal import uploads
from portal.models import Department, Jurisdiction
from portal.models.units import unit_q
from portal.validators import normalise_id_number

MAX_FILES_PER_UPLOAD = 20

# Which fields a nominee of each kind has (DOMAIN.md §4: "collective: name, type,
# address, jurisdiction; family: household name; individual: name, gender, role,
# workplace, phone, ID number").
NOMINEE_FIELDS = {
    BrandKind.COLLECTIVE: ["name", "collective_type", "place", "address"],
    BrandKind.FAMILY: ["name", "address"],
    BrandKind.INDIVIDUAL: ["name", "gender", "role", "workplace", "mobile", "id_number"],
}
NOMINEE_REQUIRED = {
    BrandKind.COLLECTIVE: {"name", "collective_type"},
    BrandKind.FAMILY: {"name", "address"},
    BrandKind.INDIVIDUAL: {"name", "gender", "role", "workplace", "mobile", "id_number"},
}
NAME_LABELS = {BrandKind.COLLECTIVE: "集体名称", BrandKind.FAMILY: "户主姓名", BrandKind.INDIVIDUAL: "姓名"}
COLLECTIVE_TYPES = ["镇（办）", "街道", "村", "社区", "单位", "小区（楼院）", "学校", "医院", "景区", "企业"]


# --- files -------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, each checked by `file_validator` (portal.uploads)."""

    widget = MultipleFileInput

    def __init__(self, *, file_validator, max_files: int = MAX_FILES_PER_UPLOAD, **kwargs):
        self.file_validator = file_validator
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        files = [f for f in (single(item, initial) for item in items if item) if f]
        if len(files) > self.max_files:
            raise ValidationError(f"一次最多上传{self.max_files}个文件。")
        errors = []
        for file in files:
            try:
                self.file_validator(file)
            except ValidationError as exc:
                errors += [f"“{file.name}”：{message}" for message in exc.messages]
        if errors:
            raise ValidationError(errors)
        return files


# --- nominees ------------------------------------------------------------------------


def place_field(unit: Jurisdiction | Department, *, required: bool) -> forms.ModelChoiceField:
    """Towns and villages of the county (a department: of the whole city), grouped by town."""
    L = Jurisdiction.Level
    if isinstance(unit, Jurisdiction):
        scope = Q(level=L.TOWN, parent=unit) | Q(level=L.VILLAGE, parent__parent=unit)
    else:
        city = unit.city
        scope = Q(level=L.TOWN, parent__parent=city) | Q(level=L.VILLAGE, parent__parent__parent=city)
    places = list(Jurisdiction.objects.filter(scope).select_related("parent").order_by("sort_order", "id"))
    towns = [p for p in places if p.level == L.TOWN]
    villages: dict[int, list[Jurisdiction]] = {}
    for place in places:
        if place.level == L.VILLAGE:
            villages.setdefault(place.parent_id, []).append(place)
    grouped = [("", "请选择镇（办）或村（社区）")]
    for town in sorted(towns, key=lambda t: (t.parent.sort_order, t.parent_id, t.sort_order, t.pk)):
        group = town.name if isinstance(unit, Jurisdiction) else f"{town.parent.name} · {town.name}"
        options = [(town.pk, f"{town.name}（镇办本级）")]
        options += [(v.pk, v.name) for v in villages.get(town.pk, [])]
        grouped.append((group, options))
    field = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.filter(scope),
        label="所在镇村",
        required=required,
        help_text="集体所在的镇（办、街道）或村（社区）。",
    )
    field.choices = grouped
    return field


class NomineeForm(forms.ModelForm):
    """A nominee of one kind; only that kind's fields are shown (NOMINEE_FIELDS)."""

    class Meta:
        model = Nominee
        fields = sorted({f for fields in NOMINEE_FIELDS.values() for f in fields})
        widgets = {
            "collective_type": forms.TextInput(attrs={"list": "collective-types"}),
            "mobile": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "id_number": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, kind: str, unit: Jurisdiction | Department, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        wanted = NOMINEE_FIELDS[kind]
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        if "place" in self.fields:
            self.fields["place"] = place_field(unit, required=isinstance(unit, Jurisdiction))
        for name, field in self.fields.items():
            field.required = name in NOMINEE_REQUIRED[kind] or field.required
        self.fields["name"].label = NAME_LABELS[kind]
        # People type spaces in long numbers; they are removed before the model's checks.
        for name, length in (("mobile", 20), ("id_number", 30)):
            if name in self.fields:
                self.fields[name].max_length = length
                self.fields[name].validators = []
                self.fields[name].widget.attrs["maxlength"] = length
        if "gender" in self.fields:
            self.fields["gender"].choices = [("", "请选择")] + list(self.fields["gender"].choices)[1:]
        self.order_fields(wanted)

    def clean_id_number(self):
        return normalise_id_number(self.cleaned_data.get("id_number", ""))

    def clean_mobile(self):
        return re.sub(r"\s+", "", self.cleaned_data.get("mobile", ""))


# --- titles ----------------------------------------------------------------------------


class TitleForm(forms.ModelForm):
    """A county-level naming (brand) or, for a lead department, a sector-level naming."""

    class Meta:
        model = LocalTitle
        fields = ["nominee", "brand", "sector", "year", "document_number", "issuing_body", "named_on"]
        widgets = {
            "named_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "document_number": forms.TextInput(attrs={"placeholder": "命名文件的文号，如：×发〔2018〕12号"}),
        }
        labels = {"nominee": "命名对象"}

    def __init__(self, *args, unit: Jurisdiction | Department, campaign: CampaignPage | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = Nominee.objects.filter(unit_q(unit)).order_by("kind", "name")
        self.fields["nominee"].label_from_instance = lambda n: f"{n.name}（{n.get_kind_display()}）"
        if isinstance(unit, Jurisdiction):
            del self.fields["sector"]
            brands = Brand.objects.filter(city=unit.parent, decided_by=DecidedBy.NOMINATION)
            self.fields["brand"].queryset = brands.order_by("sort_order")
            self.fields["brand"].required = True
        else:
            del self.fields["brand"]
            sectors = Sector.objects.filter(lead_department=unit).order_by("sort_order")
            self.fields["sector"].queryset = sectors
            self.fields["sector"].required = True
            self.fields["sector"].label_from_instance = lambda s: f"{s.name}领域 · {s.brand_label}"
            if len(sectors) == 1 and not self.initial.get("sector"):
                self.initial["sector"] = sectors[0].pk
        # a ModelForm's initial comes from its (new, empty) instance: fill the blanks
        if campaign is not None and not self.initial.get("year"):
            self.initial["year"] = campaign.year
        self.fields["nominee"].empty_label = "请选择本单位的推荐对象"
        if isinstance(unit, Jurisdiction):
            self.fields["issuing_body"].help_text = f"如：中共{unit.name}委、{unit.name}人民政府"
        else:
            self.fields["issuing_body"].help_text = f"如：{unit.name}"


# --- demonstration sites ---------------------------------------------------------------


class DemoSiteForm(forms.Form):
    """A city-level demonstration site (示范点备案): a brand that has them, or the sector."""

    brand = forms.ModelChoiceField(queryset=Brand.objects.none(), label="创建品牌", empty_label="请选择")
    sector = forms.ModelChoiceField(queryset=Sector.objects.none(), label="领域", empty_label="请选择")
    nominee = forms.ModelChoiceField(queryset=Nominee.objects.none(), label="示范点", empty_label="请选择")

    def __init__(self, *args, unit: Jurisdiction | Department, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(unit, Jurisdiction):
            del self.fields["sector"]
            self.fields["brand"].queryset = Brand.objects.filter(
                city=unit.parent, has_demo_sites=True
            ).order_by("sort_order")
        else:
            del self.fields["brand"]
            self.fields["sector"].queryset = Sector.objects.filter(lead_department=unit).order_by(
                "sort_order"
            )
            self.fields["sector"].label_from_instance = lambda s: f"{s.name}领域 · {s.brand_label}"
        self.fields["nominee"].queryset = Nominee.objects.filter(
            unit_q(unit), kind=BrandKind.COLLECTIVE
        ).order_by("name")
        self.fields["nominee"].help_text = "示范点须先登记为本单位的推荐对象（集体）。"


# --- nominations -------------------------------------------------------------------------


def deeds_to_html(text: str) -> str:
    """Plain text typed by an operator → escaped paragraphs for the rich-text field."""
    return linebreaks(text.strip(), autoescape=True)


def deeds_to_text(value: str) -> str:
    """The stored paragraphs back to plain text for editing (also reads admin rich text)."""
    text = re.sub(r"<br\s*/?>", "\n", value or "")
    text = re.sub(r"</(p|h[1-6]|li)>\s*", "\n\n", text)
    return html.unescape(strip_tags(text)).strip()


class NominationFilesMixin(forms.Form):
    photos = MultipleFileField(
        file_validator=uploads.validate_image,
        label="照片",
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    documents = MultipleFileField(
        file_validator=uploads.validate_document,
        label="附件",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.pptx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = uploads.upload_limits_text()
        self.fields["photos"].help_text = f"可多选。{limits.split('；')[0]}。"
        self.fields[
            "documents"
        ].help_text = f"可多选，如县级命名文件、事迹证明材料。{limits.split('；')[-1]}。"


class NominationForm(NominationFilesMixin):
    """A new nomination: a county- (or sector-) level title of the unit, deeds, files."""

    title = forms.ModelChoiceField(
        queryset=LocalTitle.objects.none(),
        empty_label="请选择已获命名的推荐对象",
    )
    deeds = forms.CharField(
        label="事迹材料",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="空一行另起一段。",
        max_length=20000,
    )

    field_order = ["title", "deeds", "photos", "documents"]

    def __init__(self, *args, unit: Jurisdiction | Department, campaign: CampaignPage, **kwargs):
        super().__init__(*args, **kwargs)
        live = Nomination.objects.filter(campaign=campaign, nominee=OuterRef("nominee")).exclude(
            state__in=INACTIVE_STATES
        )
        titles = selectors.titled_nominees_for(unit=unit).exclude(
            Exists(live.filter(brand=OuterRef("brand"))) | Exists(live.filter(sector=OuterRef("sector")))
        )
        self.fields["title"].queryset = titles
        self.fields["title"].label_from_instance = lambda t: (
            f"{t.nominee.name} · {t.honour}（{t.year}年 {t.document_number}）"
        )
        level = "县级" if isinstance(unit, Jurisdiction) else "领域"
        self.fields["title"].label = f"{level}命名"
        self.fields["title"].help_text = f"推荐对象须已获得{level}命名；本年度已推荐的对象不再列出。"

    def deeds_html(self) -> str:
        return deeds_to_html(self.cleaned_data["deeds"])


class NominationEditForm(NominationFilesMixin):
    """A draft or returned nomination: its deeds, and more files."""

    deeds = forms.CharField(
        label="事迹材料",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="空一行另起一段。",
        max_length=20000,
    )

    field_order = ["deeds", "photos", "documents"]

    def deeds_html(self) -> str:
        return deeds_to_html(self.cleaned_data["deeds"])


class MoveForm(forms.Form):
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)

"""The honour roll's search form (GET): every field optional, a wrong value ignored.

A bad value in one field (a year nobody was commended in, a county of another city, a
tampered id) drops that filter only, so an old or hand-edited link still shows a list
instead of an error page.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict
from django.utils.http import urlencode

from campaigns.models import Brand, CampaignPage
from honours.selectors import honour_roll_years
from portal.models import Jurisdiction
from portal.widgets import FlatSelect

QUERY_MAX_LENGTH = 50


def _roll_cities():
    """The cities of the portal's campaigns (a subquery: no query of its own)."""
    return CampaignPage.objects.values("city")


class HonourSearchForm(forms.Form):
    q = forms.CharField(
        label="名称或姓名",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "如：人民医院、王塬村", "enterkeyhint": "search"}
        ),
    )
    # Plain (id, name) choices written in Python (portal.widgets.FlatSelect): the province's
    # hundred counties and ninety brands as model choices through Django's per-option
    # templates took some 12 ms a search. A filter's cleaned value is the id.
    year = forms.TypedChoiceField(
        label="年度", required=False, coerce=int, empty_value=None, widget=FlatSelect
    )
    brand = forms.TypedChoiceField(
        label="荣誉称号", required=False, coerce=int, empty_value=None, widget=FlatSelect
    )
    county = forms.TypedChoiceField(
        label="县（区）", required=False, coerce=int, empty_value=None, widget=FlatSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = honour_roll_years()
        self.fields["year"].choices = [("", "全部年度"), *((y, f"{y}年") for y in years)]
        brands = Brand.objects.filter(city__in=_roll_cities()).order_by("sort_order", "id")
        self.fields["brand"].choices = [("", "全部品牌"), *brands.values_list("id", "name")]
        counties = Jurisdiction.objects.filter(level=Jurisdiction.Level.COUNTY, parent__in=_roll_cities())
        self.fields["county"].choices = [
            ("", "全部县（区）"),
            *counties.order_by("sort_order", "id").values_list("id", "name"),
        ]
        self.ignored: list[str] = []

    def full_clean(self):
        """Keep the valid filters and forget the invalid ones (listed in `ignored`)."""
        super().full_clean()
        if self.is_bound and self._errors:
            self.ignored = list(self._errors)
            for name in self.ignored:
                self.cleaned_data.pop(name, None)
            self._errors = ErrorDict()

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.get(name) for name in self.fields)

    @property
    def page_query(self) -> str:
        """The applied filters as a query string ending in "&", for the page links."""
        if not self.is_valid():
            return ""
        params = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value:
                params[name] = value
        return urlencode(params) + "&" if params else ""

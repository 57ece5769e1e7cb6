"""List filters of the workbench (django-filter).

`NominationFilter` is also what the nomination export should apply, so the exported
rows are the rows on screen: build it with `nomination_filter(...)`, which fills in
the default year (the current campaign's) when the query string has none.
"""

from __future__ import annotations

import django_filters
from django.http import QueryDict

from campaigns.models import Brand, CampaignPage, Sector
from nominations.enums import State
from nominations.models import LocalTitle, Nomination, Nominee
from portal.models import Department, Jurisdiction


class UnitFilterSet(django_filters.FilterSet):
    """Shows a county the brand filter, a department the sector filter, the office both."""

    def __init__(self, data=None, queryset=None, *, unit: Jurisdiction | Department | None, city, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if "brand" in self.filters:
            if isinstance(unit, Department):
                del self.filters["brand"]
            else:
                self.filters["brand"].queryset = Brand.objects.filter(city=city).order_by("sort_order")
        if "sector" in self.filters:
            if isinstance(unit, Jurisdiction):
                del self.filters["sector"]
            else:
                sectors = Sector.objects.filter(city=city)
                if unit is not None:
                    sectors = sectors.filter(lead_department=unit)
                self.filters["sector"].queryset = sectors.order_by("sort_order")


class NomineeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="名称或姓名")
    kind = django_filters.ChoiceFilter(
        choices=Nominee._meta.get_field("kind").choices, label="对象类型", empty_label="全部类型"
    )

    class Meta:
        model = Nominee
        fields = []


class TitleFilter(UnitFilterSet):
    year = django_filters.ChoiceFilter(label="命名年度", empty_label="全部年度")
    brand = django_filters.ModelChoiceFilter(
        queryset=Brand.objects.none(), label="品牌", empty_label="全部品牌"
    )
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.none(), label="领域", empty_label="全部领域"
    )
    q = django_filters.CharFilter(field_name="nominee__name", lookup_expr="icontains", label="命名对象")

    class Meta:
        model = LocalTitle
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted(set(self.queryset.values_list("year", flat=True)), reverse=True)
        self.filters["year"].extra["choices"] = [(y, f"{y}年") for y in years]


class NominationFilter(UnitFilterSet):
    year = django_filters.ChoiceFilter(field_name="campaign__year", label="年度", empty_label="全部年度")
    state = django_filters.ChoiceFilter(choices=State.choices, label="状态", empty_label="全部状态")
    brand = django_filters.ModelChoiceFilter(
        queryset=Brand.objects.none(), label="品牌", empty_label="全部品牌"
    )
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.none(), label="领域", empty_label="全部领域"
    )
    q = django_filters.CharFilter(field_name="nominee__name", lookup_expr="icontains", label="推荐对象")

    class Meta:
        model = Nomination
        fields = []

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, city=city, **kwargs)
        years = CampaignPage.objects.filter(city=city).order_by("-year").values_list("year", flat=True)
        self.filters["year"].extra["choices"] = [(y, f"{y}年") for y in dict.fromkeys(years)]


def nomination_filter(
    query: QueryDict, queryset, *, unit, campaign: CampaignPage | None, city
) -> NominationFilter:
    """The list's filter; without a `year` in the query, the current campaign's year."""
    data = query.copy()
    data.pop("page", None)
    if "year" not in data and campaign is not None:
        data["year"] = str(campaign.year)
    return NominationFilter(data, queryset, unit=unit, city=city)

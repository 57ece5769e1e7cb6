"""The review board's filters (django-filter): brand, sector, county, department, state."""

from __future__ import annotations

import django_filters

from campaigns import selectors as campaign_selectors
from campaigns.models import Brand, Sector
from nominations.enums import State
from nominations.models import Nomination
from portal.models import Department, Jurisdiction
from portal.widgets import FlatSelect


class ReviewFilter(django_filters.FilterSet):
    brand = django_filters.ModelChoiceFilter(
        queryset=Brand.objects.none(), label="品牌", empty_label="全部品牌", widget=FlatSelect
    )
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.none(), label="领域", empty_label="全部领域", widget=FlatSelect
    )
    county = django_filters.ModelChoiceFilter(
        queryset=Jurisdiction.objects.none(), label="县区", empty_label="全部县区", widget=FlatSelect
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.none(), label="主责部门", empty_label="全部部门", widget=FlatSelect
    )
    state = django_filters.ChoiceFilter(
        choices=State.choices, label="状态", empty_label="全部状态", widget=FlatSelect
    )
    q = django_filters.CharFilter(field_name="nominee__name", lookup_expr="icontains", label="推荐对象")

    class Meta:
        model = Nomination
        fields = []

    def __init__(self, data=None, queryset=None, *, city, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["brand"].queryset = campaign_selectors.brands_of(city=city)
        self.filters["sector"].queryset = Sector.objects.filter(city=city).order_by("sort_order", "id")
        self.filters["county"].queryset = campaign_selectors.counties_of(city=city)
        self.filters["department"].queryset = (
            Department.objects.filter(city=city, led_sectors__isnull=False)
            .distinct()
            .order_by("sort_order", "id")
        )

"""The review board's filters (django-filter): brand, sector, county, department, state."""

from __future__ import annotations

import django_filters

from campaigns import selectors as campaign_selectors
from campaigns.models import Sector
from nominations.enums import State
from nominations.models import Nomination
from portal.models import Department
from portal.widgets import FlatSelect


def _choice(label: str, empty_label: str) -> django_filters.ChoiceFilter:
    # Choices of (id, name), read in __init__ with one plain query each: a ModelChoiceFilter
    # builds a model per option through a server-side cursor (four round trips a list).
    return django_filters.ChoiceFilter(choices=[], label=label, empty_label=empty_label, widget=FlatSelect)


class ReviewFilter(django_filters.FilterSet):
    """Only the city's own brands, sectors, counties and lead departments are choices (and
    valid values)."""

    brand = _choice("品牌", "全部品牌")
    sector = _choice("领域", "全部领域")
    county = _choice("县区", "全部县区")
    department = _choice("主责部门", "全部部门")
    state = django_filters.ChoiceFilter(
        choices=State.choices, label="状态", empty_label="全部状态", widget=FlatSelect
    )
    q = django_filters.CharFilter(field_name="nominee__name", lookup_expr="icontains", label="推荐对象")

    class Meta:
        model = Nomination
        fields = []

    def __init__(self, data=None, queryset=None, *, city, **kwargs):
        super().__init__(data, queryset, **kwargs)
        choices = {
            "brand": campaign_selectors.brands_of(city=city),
            "sector": Sector.objects.filter(city=city).order_by("sort_order", "id"),
            "county": campaign_selectors.counties_of(city=city),
            "department": Department.objects.filter(city=city, led_sectors__isnull=False)
            .distinct()
            .order_by("sort_order", "id"),
        }
        for name, rows in choices.items():
            self.filters[name].extra["choices"] = list(rows.values_list("pk", "name"))

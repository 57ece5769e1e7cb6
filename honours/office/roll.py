"""The honours conferred, in the office's 公示与表彰: a read-only listing of the office's
city (filter by year, brand, county, state; xlsx/csv export) and 撤销 per honour.

There is no edit or delete view for honours: nothing is deleted, and a revoked honour
stays on the roll marked as revoked (`honours.services.honour_revoke`).
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import Button

from campaigns.models import Brand
from honours import services
from honours.forms import HonourRevokeForm
from honours.models import Honour
from honours.office import selectors
from honours.office.views import admin_breadcrumbs, admin_render, error_messages, office_only
from portal.models import Jurisdiction


def _brands(request):
    city_id = selectors.office_city_id(request.user)
    brands = Brand.objects.order_by("sort_order", "id")
    return brands if city_id is None else brands.filter(city_id=city_id)


def _counties(request):
    city_id = selectors.office_city_id(request.user)
    counties = Jurisdiction.objects.filter(level=Jurisdiction.Level.COUNTY).order_by("sort_order", "id")
    return counties if city_id is None else counties.filter(parent_id=city_id)


def _year_choices():
    years = Honour.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, f"{year}年") for year in years]


class HonourFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(label="年度", choices=_year_choices, empty_label="全部")
    brand = django_filters.ModelChoiceFilter(label="品牌", queryset=_brands, empty_label="全部")
    county = django_filters.ModelChoiceFilter(label="县（区）", queryset=_counties, empty_label="全部")
    status = django_filters.ChoiceFilter(
        label="状态",
        choices=[("valid", "有效"), ("revoked", "已撤销")],
        method="filter_status",
        empty_label="全部",
    )

    class Meta:
        model = Honour
        fields = ["year", "brand", "county", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_on__isnull=value != "revoked")


class HonourIndexView(IndexView):
    """The honours of the office's city, read-only, with a 撤销 button per honour."""

    model = Honour
    # The office's rights come from `portal.rules`, checked by `office_only`; Honour has no
    # model permissions to ask.
    permission_policy = None
    any_permission_required = None
    is_searchable = False
    index_url_name = "honours_office:honours"
    index_results_url_name = "honours_office:honours_results"
    page_title = "荣誉榜"
    header_icon = "tag"
    paginate_by = 50
    filterset_class = HonourFilterSet
    default_ordering = None
    list_export = [
        "number",
        "year",
        "honour_label",
        "unit_label",
        "get_kind_display",
        "name",
        "get_gender_display",
        "workplace",
        "conferred_on",
        "commendation.document_number",
        "revoked_on",
        "revoke_reason",
    ]
    export_headings = {
        "number": "证书编号",
        "year": "年度",
        "honour_label": "荣誉",
        "unit_label": "推荐单位",
        "get_kind_display": "对象类型",
        "name": "名称或姓名",
        "get_gender_display": "性别",
        "workplace": "工作单位",
        "conferred_on": "命名日期",
        "commendation.document_number": "表彰文号",
        "revoked_on": "撤销日期",
        "revoke_reason": "撤销理由",
    }
    export_filename = "honour-roll"

    def get_base_queryset(self):
        return selectors.honours_for_office(user=self.request.user).order_by("-year", "sort_order", "id")

    def get_breadcrumbs_items(self):
        return admin_breadcrumbs(("荣誉榜", ""))

    @cached_property
    def columns(self):
        return [
            self._get_title_column("name"),
            Column("honour", label="荣誉", accessor="honour_label"),
            Column("unit", label="推荐单位", accessor="unit_label"),
            Column("year", label="年度", sort_key="year"),
            Column("number", label="证书编号", sort_key="number"),
            Column(
                "conferred_on",
                label="命名日期",
                sort_key="conferred_on",
                accessor=lambda h: f"{h.conferred_on:%Y-%m-%d}",
            ),
            Column(
                "status",
                label="状态",
                accessor=lambda h: f"已于{h.revoked_on:%Y-%m-%d}撤销" if h.is_revoked else "有效",
            ),
        ]

    def get_list_more_buttons(self, instance):
        url = reverse("honours_office:honour_revoke", args=[instance.pk])
        if instance.is_revoked:
            return [Button("撤销记录", url=url, icon_name="info-circle", priority=10)]
        return [Button("撤销", url=url, icon_name="cross", priority=10)]


honours = office_only(HonourIndexView.as_view())
honours_results = office_only(HonourIndexView.as_view(results_only=True))


@require_http_methods(["GET", "POST"])
@office_only
def honour_revoke(request, pk: int):
    """撤销: the honour stays on the roll, marked revoked with the date and reason."""
    honour = get_object_or_404(selectors.honours_for_office(user=request.user), pk=pk)
    form = HonourRevokeForm(request.POST or None)
    if request.method == "POST":
        if honour.is_revoked:
            messages.error(request, "该命名已撤销。")
            return redirect("honours_office:honour_revoke", honour.pk)
        if form.is_valid():
            try:
                services.honour_revoke(honour=honour, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                error_messages(request, exc)
            else:
                messages.success(
                    request, f"已撤销“{honour.name}”的{honour.honour_label}命名（{honour.number}）。"
                )
                return redirect("honours_office:honours")
    return admin_render(
        request,
        "honour_revoke.html",
        title=f"{'撤销记录' if honour.is_revoked else '撤销命名'}：{honour.name}",
        crumbs=[("荣誉榜", reverse("honours_office:honours"))],
        honour=honour,
        form=form,
    )

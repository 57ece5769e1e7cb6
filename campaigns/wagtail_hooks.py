from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from campaigns.models import Brand, CountyQuota, Extension, Sector, SectorCensus, SectorQuota, UnitCensus


class BrandViewSet(SnippetViewSet):
    model = Brand
    icon = "pick"
    menu_label = "创建品牌"
    list_display = ["name", "kind", "decided_by", "in_allocation_table", "has_demo_sites", "city"]
    list_filter = ["kind", "decided_by"]
    search_backend_name = None


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "list-ul"
    menu_label = "重点领域"
    list_display = ["name", "lead_department", "brand_label", "city"]
    search_backend_name = None


class CountyQuotaViewSet(SnippetViewSet):
    model = CountyQuota
    icon = "table"
    menu_label = "县区名额"
    list_display = ["county", "brand", "quota", "campaign"]
    list_filter = ["campaign", "brand", "county"]
    list_export = ["campaign", "county", "brand", "quota"]
    search_backend_name = None


class SectorQuotaViewSet(SnippetViewSet):
    model = SectorQuota
    icon = "table"
    menu_label = "领域名额"
    list_display = ["sector", "quota", "campaign"]
    list_filter = ["campaign", "sector"]
    list_export = ["campaign", "sector", "quota"]
    search_backend_name = None


class ExtensionCreateView(CreateView):
    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        return super().save_instance()


class ExtensionViewSet(SnippetViewSet):
    """Deadline extensions the office grants one county or department (DOMAIN.md §3)."""

    model = Extension
    icon = "time"
    menu_label = "延期"
    add_view_class = ExtensionCreateView
    list_display = ["unit", "milestone_key", "until", "reason", "campaign"]
    list_filter = ["campaign", "milestone_key"]
    list_export = ["campaign", "county", "department", "milestone_key", "until", "reason", "granted_by"]
    search_backend_name = None


class CensusCreateView(CreateView):
    def save_instance(self):
        self.form.instance.updated_by = self.request.user
        return super().save_instance()


class CensusEditView(EditView):
    def save_instance(self):
        self.form.instance.updated_by = self.request.user
        return super().save_instance()


class UnitCensusViewSet(SnippetViewSet):
    """Each county's registry counts per year (单位基数), the coverage denominators; also
    imported from xlsx on 「覆盖率与达标率」. No delete permission for the office."""

    model = UnitCensus
    icon = "table"
    menu_label = "县区单位基数"
    add_view_class = CensusCreateView
    edit_view_class = CensusEditView
    form_fields = ["county", "year", "towns", "villages", "communities", "units", "compounds", "streets"]
    list_display = ["county", "year", "towns", "villages", "communities", "units", "compounds", "streets"]
    list_filter = ["year", "county"]
    list_export = [*list_display, "updated_at", "updated_by"]
    search_backend_name = None


class SectorCensusViewSet(SnippetViewSet):
    model = SectorCensus
    icon = "table"
    menu_label = "领域单位基数"
    add_view_class = CensusCreateView
    edit_view_class = CensusEditView
    form_fields = ["sector", "year", "units"]
    list_display = ["sector", "year", "units", "updated_at"]
    list_filter = ["year", "sector"]
    list_export = ["sector", "year", "units", "updated_at", "updated_by"]
    search_backend_name = None


class CampaignRegistryGroup(SnippetViewSetGroup):
    items = (
        BrandViewSet,
        SectorViewSet,
        CountyQuotaViewSet,
        SectorQuotaViewSet,
        ExtensionViewSet,
        UnitCensusViewSet,
        SectorCensusViewSet,
    )
    menu_icon = "pick"
    menu_label = "品牌、领域与名额"
    menu_name = "campaign-registry"
    menu_order = 200


register_snippet(CampaignRegistryGroup)


@hooks.register("register_log_actions")
def register_campaign_log_actions(actions):
    actions.register_action("campaigns.quotas_change", "修改名额", "修改了示范点名额")
    actions.register_action("campaigns.census_change", "修改单位基数", "修改了单位基数")


# 示范点分配表 import/export screens for the city office (campaigns/admin_views.py).
from django.urls import include, path, reverse  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from campaigns import admin_views  # noqa: E402
from portal.rules import can_manage_quotas  # noqa: E402


class QuotaTableMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_quotas(request.user)


@hooks.register("register_admin_urls")
def register_quota_admin_urls():
    return [path("quotas/", include((admin_views.urlpatterns, admin_views.app_name)))]


@hooks.register("register_admin_menu_item")
def register_quota_menu_item():
    return QuotaTableMenuItem(
        "示范点分配表", reverse("campaigns_quotas:index"), name="quota-table", icon_name="table", order=210
    )


# 「覆盖率与达标率」: the office's coverage screen, its census import/export and the dashboard panel.
from wagtail.admin.ui.components import Component  # noqa: E402

from portal.rules import is_city_office  # noqa: E402


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_office(request.user)


@hooks.register("register_admin_urls")
def register_coverage_admin_urls():
    return [path("coverage/", include((admin_views.coverage_urlpatterns, "campaigns_coverage")))]


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        "覆盖率与达标率", reverse("campaigns_coverage:index"), name="coverage", icon_name="tasks", order=211
    )


class CoveragePanel(Component):
    """The office's dashboard: each brand's and sector's coverage and compliance against
    the campaign's targets, with bars; the per-county table is on /admin/coverage/."""

    name = "coverage"
    order = 90
    template_name = "campaigns/admin/coverage_panel.html"

    def __init__(self, report):
        self.report = report

    def get_context_data(self, parent_context=None):
        return {"report": self.report}

    class Media:
        css = {"all": ["css/coverage.css"]}


@hooks.register("construct_homepage_panels")
def add_coverage_panel(request, panels):
    if not is_city_office(request.user):
        return
    campaign = admin_views.coverage_campaigns(request.user).live().first()
    if campaign is not None:
        from campaigns.coverage import coverage_report

        panels.append(CoveragePanel(coverage_report(campaign=campaign)))

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from campaigns.models import Brand, CountyQuota, Extension, Sector, SectorQuota


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


class CampaignRegistryGroup(SnippetViewSetGroup):
    items = (BrandViewSet, SectorViewSet, CountyQuotaViewSet, SectorQuotaViewSet, ExtensionViewSet)
    menu_icon = "pick"
    menu_label = "品牌、领域与名额"
    menu_name = "campaign-registry"
    menu_order = 200


register_snippet(CampaignRegistryGroup)


@hooks.register("register_log_actions")
def register_campaign_log_actions(actions):
    actions.register_action("campaigns.quotas_change", "修改名额", "修改了示范点名额")


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

"""The office's 报送备案 in the Wagtail admin (filings/office/), the kinds of filing as
snippets (the office adds and changes them; it has no delete permission), and the admin's
page screens kept to the rules of issued sector plans (SectorPlanPage)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.models import CampaignPage
from filings import publishing
from filings.models import FilingKind
from filings.office import urls as office_urls
from filings.pages import SectorPlanPage
from portal.rules import is_city_office


class FilingsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_office(request.user)


@hooks.register("register_admin_urls")
def register_filings_admin_urls():
    return [path("filings/", include((office_urls.urlpatterns, office_urls.app_name)))]


@hooks.register("register_admin_menu_item")
def register_filings_menu_item():
    return FilingsMenuItem(
        "报送备案", reverse("filings_office:index"), name="filings", icon_name="doc-full", order=207
    )


class FilingKindViewSet(SnippetViewSet):
    """What each role files for a campaign; its due date is the campaign's milestone of the
    same role and key (FilingKind.clean checks there is one)."""

    model = FilingKind
    icon = "doc-full"
    menu_label = "报送事项"
    menu_order = 208
    add_to_admin_menu = False
    list_display = ["name", "role", "key", "needs_approval", "asks_brand_name", "campaign"]
    list_filter = ["campaign", "role"]
    search_backend_name = None


register_snippet(FilingKindViewSet)


# --- the issued sector plans' pages (filings.pages.SectorPlanPage) -------------------------
#
# Made and published by the `issue` move only (`is_creatable = False` keeps them out of
# "add child page"); the office edits and republishes them in the page editor. An issued
# plan stays public: deleting, unpublishing (directly, with a parent or on a schedule),
# copying and moving are refused, one by one and in bulk.

PLAN_KEPT_MESSAGE = "已印发的领域创建方案是公开的正式文件，不能删除；所在的领域页面和创建活动页面也不能删除。"
PLAN_PUBLIC_MESSAGE = "已印发的领域创建方案须保持公开，不能撤回发布；如需更正，请编辑后重新发布。"


def holds_plan(page) -> bool:
    """Whether `page` is, or holds, an issued plan's page."""
    return SectorPlanPage.objects.descendant_of(page, inclusive=True).exists()


def holds_live_plan(page) -> bool:
    return SectorPlanPage.objects.descendant_of(page, inclusive=True).live().exists()


@hooks.register("register_page_header_buttons")
def plan_header_buttons(page, user, view_name, next_url=None):
    """From a plan's edit view back to its filing in 报送备案."""
    if page.specific_class is SectorPlanPage and is_city_office(user):
        filing_id = SectorPlanPage.objects.filter(pk=page.pk).values_list("filing_id", flat=True).first()
        if filing_id:
            url = reverse("filings_office:detail", args=[filing_id])
            yield Button("报送材料", url=url, icon_name="doc-full", priority=5)


@hooks.register("before_delete_page")
def refuse_plan_delete(request, page):
    if holds_plan(page):
        messages.error(request, f"“{page.get_admin_display_title()}”：{PLAN_KEPT_MESSAGE}")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_unpublish_page")
def refuse_plan_unpublish(request, page):
    if holds_live_plan(page):
        messages.error(request, f"“{page.get_admin_display_title()}”：{PLAN_PUBLIC_MESSAGE}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_copy_page")
def refuse_plan_copy(request, page):
    """A plan's page belongs to its one filing: a copy or alias would have none. Copying a
    parent with its subpages would copy the plan too."""
    with_subpages = request.method == "POST" and request.POST.get("copy_subpages")
    if page.specific_class is SectorPlanPage or (with_subpages and holds_plan(page)):
        messages.error(request, "已印发的领域创建方案不能复制（含复制其上级页面及子页面）。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_move_page")
def refuse_plan_move(request, page_to_move, destination):
    if holds_plan(page_to_move) and page_to_move.specific_class is not CampaignPage:
        messages.error(request, "已印发的领域创建方案及其领域页面不能移动。")
        return redirect("wagtailadmin_pages:edit", page_to_move.pk)
    return None


@hooks.register("before_publish_page")
def refuse_plan_expiry(request, page):
    """A scheduled expiry would unpublish the plan later, without asking."""
    if isinstance(page, SectorPlanPage) and page.expire_at:
        messages.error(request, "已印发的领域创建方案未发布，已保存为草稿：")
        messages.error(request, "已印发的方案须保持公开，不能设置“定时下线”。请清除下线时间后再发布。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_publish_page")
def plan_brand_on_publish(request, page):
    """The office corrects the brand name in the editor: a 自定品牌 sector follows it."""
    if isinstance(page, SectorPlanPage):
        current = SectorPlanPage.objects.get(pk=page.pk)
        if publishing.sector_brand_apply(page=current):
            messages.success(request, f"领域品牌名称已更新为“{current.brand_name}”。")
    return None


@hooks.register("before_bulk_action")
def refuse_plan_bulk(request, action_type, objects, action_class_instance):
    if action_type not in ("delete", "unpublish", "move"):
        return None
    if not all(isinstance(obj, Page) for obj in objects):
        return None
    for page in objects:
        title = page.get_admin_display_title()
        if action_type == "delete" and holds_plan(page):
            messages.error(request, f"“{title}”：{PLAN_KEPT_MESSAGE}")
            return redirect(action_class_instance.next_url)
        if action_type == "unpublish" and holds_live_plan(page):
            messages.error(request, f"“{title}”：{PLAN_PUBLIC_MESSAGE}")
            return redirect(action_class_instance.next_url)
        if action_type == "move" and holds_plan(page) and page.specific_class is not CampaignPage:
            messages.error(request, f"“{title}”：已印发的领域创建方案及其领域页面不能移动。")
            return redirect(action_class_instance.next_url)
    return None

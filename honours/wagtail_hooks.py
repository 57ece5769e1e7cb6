"""The office's 公示与表彰 in the Wagtail admin (honours/office/), and the page-publish
hooks that keep Wagtail's publish button to the rules of the December process.

Wagtail's page edit and create views save the revision, then run `before_publish_page`;
a response returned there stops the publish and is sent as it is (the revision stays a
draft). After publishing they run `after_publish_page`. Bulk publishing from the page
explorer runs neither, so `before_bulk_action` refuses it for notices and decisions;
`before_copy_page` refuses to copy them (a copy would carry no entries or honours); and
`before_delete_page` keeps them (Wagtail lets anyone who may change a leaf page delete it).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from honours import rules, services
from honours.models import CommendationPage, NoticePage
from honours.office import urls as office_urls
from portal.rules import is_city_office


class HonoursMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_office(request.user)


@hooks.register("register_admin_urls")
def register_honours_admin_urls():
    return [path("honours/", include((office_urls.urlpatterns, office_urls.app_name)))]


@hooks.register("register_admin_menu_item")
def register_honours_menu_item():
    return HonoursMenuItem(
        "公示与表彰", reverse("honours_office:index"), name="honours", icon_name="clipboard-list", order=206
    )


@hooks.register("register_page_header_buttons")
def notice_header_buttons(page, user, view_name, next_url=None):
    """From a notice's or a decision's edit view back to the office's screens."""
    if not is_city_office(user):
        return
    if page.specific_class is NoticePage:
        yield Button(
            "异议处理",
            url=reverse("honours_office:objections", args=[page.pk]),
            icon_name="comment",
            priority=5,
        )
    if page.specific_class in (NoticePage, CommendationPage):
        yield Button(
            "公示与表彰", url=reverse("honours_office:index"), icon_name="clipboard-list", priority=6
        )


# --- publishing notices and decisions ----------------------------------------------------


def publish_blockers(request, page) -> list[str]:
    """Why `page` may not be published from the admin now (empty when it may)."""
    if isinstance(page, NoticePage):
        blockers = rules.notice_publish_blockers(page)
        if not page.entries.exists():
            blockers.append("公示没有公示对象：请在“公示与表彰”中由拟命名对象生成公示。")
        return blockers
    if isinstance(page, CommendationPage):
        blockers = []
        if not is_city_office(request.user):
            blockers.append("表彰决定由市综治办发布。")
        if page.go_live_at and page.go_live_at > timezone.now():
            blockers.append("表彰决定不能定时发布：发布即完成命名表彰。请清除“定时发布”的时间后再发布。")
        return blockers + rules.commendation_blockers(page)
    return []


def _back_to_edit(request, page, heading: str, errors: list[str]):
    messages.error(request, heading)
    for error in errors:
        messages.error(request, error)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_blocked_publish(request, page):
    blockers = publish_blockers(request, page)
    if blockers:
        kind = "公示" if isinstance(page, NoticePage) else "表彰决定"
        return _back_to_edit(request, page, f"{kind}未发布，已保存为草稿：", blockers)
    return None


@hooks.register("after_publish_page")
def confer_on_publish(request, page):
    """Publishing a decision confers its honours (once). Should conferring fail (a race
    with an objection, say), the decision goes back to draft rather than stand published
    with no honours."""
    if not isinstance(page, CommendationPage):
        return None
    current = CommendationPage.objects.filter(pk=page.pk).values("live", "conferred_at").first()
    if not current or not current["live"] or current["conferred_at"] is not None:
        return None
    try:
        honours = services.commendation_confer(page=page, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        UnpublishPageAction(Page.objects.get(pk=page.pk).specific, user=request.user).execute(
            skip_permission_checks=True
        )
        errors = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return _back_to_edit(request, page, "命名表彰未能完成，表彰决定已撤回为草稿：", errors)
    messages.success(
        request, f"表彰决定已发布，命名表彰{len(honours)}个集体、家庭和个人，已载入荣誉榜并编制证书编号。"
    )
    return None


def kept_pages(page) -> bool:
    """Whether `page` is, or holds, a notice or a published or conferred decision: records
    of the process, never deleted (DOMAIN.md §4: nothing submitted is ever deleted). A
    draft decision that conferred nothing may go."""
    published_or_conferred = (
        Q(live=True) | Q(first_published_at__isnull=False) | Q(conferred_at__isnull=False)
    )
    return (
        NoticePage.objects.descendant_of(page, inclusive=True).exists()
        or CommendationPage.objects.descendant_of(page, inclusive=True)
        .filter(published_or_conferred)
        .exists()
    )


KEPT_MESSAGE = "公示和已发布的表彰决定是评选的记录，不能删除；所在的创建活动页面也不能删除。"


@hooks.register("before_delete_page")
def refuse_delete(request, page):
    if kept_pages(page):
        messages.error(request, f"“{page.get_admin_display_title()}”：{KEPT_MESSAGE}")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


UNPUBLISH_MESSAGE = (
    "公示和已命名的表彰决定是公开的评选记录，不能撤回发布；"
    "如需撤销个别命名，请在“公示与表彰 → 荣誉榜”中撤销。"
)


def kept_public(page) -> bool:
    """Whether unpublishing `page` (or with its subpages) would withdraw a published notice
    or a conferred decision, and with it honours from the public roll."""
    return (
        NoticePage.objects.descendant_of(page, inclusive=True).live().exists()
        or CommendationPage.objects.descendant_of(page, inclusive=True)
        .live()
        .filter(conferred_at__isnull=False)
        .exists()
    )


@hooks.register("before_unpublish_page")
def refuse_unpublish(request, page):
    if kept_public(page):
        messages.error(request, f"“{page.get_admin_display_title()}”：{UNPUBLISH_MESSAGE}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish_delete_or_unpublish(request, action_type, objects, action_class_instance):
    """Notices and decisions are published one by one from their edit view, through the
    checks above; bulk publishing (of them, or of their parent with its drafts) skips them.
    Bulk deleting is refused as deleting one is."""
    if action_type not in ("publish", "delete", "unpublish") or not all(
        isinstance(obj, Page) for obj in objects
    ):
        return None
    guarded = (NoticePage, CommendationPage)
    form = getattr(action_class_instance, "cleaned_form", None)
    include_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    for page in objects:
        title = page.get_admin_display_title()
        if action_type == "delete" and kept_pages(page):
            messages.error(request, f"“{title}”：{KEPT_MESSAGE}")
            return redirect(action_class_instance.next_url)
        if action_type == "unpublish" and kept_public(page):
            messages.error(request, f"“{title}”：{UNPUBLISH_MESSAGE}")
            return redirect(action_class_instance.next_url)
        if action_type == "publish" and (
            issubclass(page.specific_class, guarded)
            or (include_descendants and Page.objects.descendant_of(page).not_live().type(*guarded).exists())
        ):
            messages.error(request, f"“{title}”：公示和表彰决定须在其编辑页逐一预览并发布。")
            return redirect(action_class_instance.next_url)
    return None


@hooks.register("before_create_page")
def create_from_office_screens(request, parent_page, page_class):
    """A notice lists the shortlisted nominations and a decision follows a notice: both are
    made by the office's forms, not from an empty page."""
    if page_class is NoticePage:
        messages.info(request, "公示由推荐评审中的拟命名对象生成，请在此生成公示草稿。")
        return redirect("honours_office:notice_create")
    if page_class is CommendationPage:
        messages.info(request, "表彰决定依据已期满的公示起草，请在此起草表彰决定。")
        return redirect("honours_office:commendation_create")
    return None


@hooks.register("before_copy_page")
def refuse_copy(request, page):
    """A copy would be a notice without entries or a decision without honours: they are
    made from the office's screens only."""
    if page.specific_class in (NoticePage, CommendationPage):
        messages.error(request, "公示和表彰决定不能复制，请在“公示与表彰”中生成。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None

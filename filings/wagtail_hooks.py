"""The office's 报送备案 in the Wagtail admin (filings/office/), and the kinds of filing as
snippets (the office adds and changes them; it has no delete permission)."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from filings.models import FilingKind
from filings.office import urls as office_urls
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

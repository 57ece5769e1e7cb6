from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import pagecache
from portal.models import Department, Jurisdiction


class JurisdictionViewSet(SnippetViewSet):
    model = Jurisdiction
    icon = "site"
    menu_label = "行政区划"
    list_display = ["name", "level", "category", "parent", "group"]
    list_filter = ["level"]
    search_fields = ["name", "slug"]
    list_export = ["name", "slug", "level", "category", "parent"]
    search_backend_name = None


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "市级部门"
    list_display = ["name", "kind", "city", "group"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    list_export = ["name", "slug", "kind", "city"]
    search_backend_name = None


class OrgViewSetGroup(SnippetViewSetGroup):
    items = (JurisdictionViewSet, DepartmentViewSet)
    menu_icon = "site"
    menu_label = "区划与部门"
    menu_name = "org"
    menu_order = 300


register_snippet(OrgViewSetGroup)

# Anonymous responses of the pages that opt in (`cache_anonymous = True`) may be stored
# by the page cache (portal/pagecache.py).
hooks.register("before_serve_page", pagecache.mark_cacheable)

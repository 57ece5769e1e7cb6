from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from nominations.models import Sanction


class SanctionCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user  # who recorded it (DOMAIN.md §4)
        return super().save_instance()


class SanctionViewSet(SnippetViewSet):
    """The office records disqualifications (取消评先资格) and sanctions; they bar nominations
    (DOMAIN.md §4 rules 5–6). Records are kept: the office may correct them, not delete them."""

    model = Sanction
    icon = "warning"
    menu_label = "取消评先与处分"
    menu_order = 220
    add_to_admin_menu = True
    add_view_class = SanctionCreateView
    list_display = ["unit", "kind", "starts_on", "year", "lifted_on", "reason"]
    list_filter = ["kind", "county", "department"]
    list_export = ["county", "department", "kind", "reason", "starts_on", "year", "lifted_on", "recorded_by"]
    search_backend_name = None


register_snippet(SanctionViewSet)


# The city office's review of nominations (nominations/review/views.py).
from django.urls import include, path, reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from nominations.review import views as review_views  # noqa: E402
from portal.rules import is_city_office  # noqa: E402


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_office(request.user)


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("review/", include((review_views.urlpatterns, review_views.app_name)))]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        "推荐评审",
        reverse("nominations_review:board"),
        name="nomination-review",
        icon_name="tasks",
        order=205,
    )

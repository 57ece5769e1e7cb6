from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction


class PortalPage(Page):
    """What every page of the portal shares.

    - Anonymous visitors get it from the page cache (`portal/pagecache.py`).
    - `routed_ancestors`: when the home page's route found it (`HomePage.route`), the pages
      from home down to its parent, found by the same query. The breadcrumbs
      (`portal_tags.ancestors`) and the view restrictions below then need no query of
      their own to walk the tree.
    """

    cache_anonymous = True

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page and its ancestors, in one query when the route
        found the ancestors and none of them is an alias (an alias takes its source's
        restrictions: Wagtail's own lookup, as before). The root above home is no alias."""
        ancestors = getattr(self, "routed_ancestors", None)
        if ancestors is None or self.alias_of_id or any(a.alias_of_id for a in ancestors):
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)


class HomePage(PortalPage):
    """The site's root: the current campaign, what is due next, the latest news."""

    intro = models.CharField("导语", max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "campaigns.CampaignIndexPage",
        "campaigns.NewsIndexPage",
        "honours.HonourRollPage",
        "portal.StandardPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """The page at the URL in one query: Wagtail walks the path a segment at a time, two
        queries a level (the child, then its specific row), 7 ms for a notice three levels
        down. The deepest page whose url_path is a prefix of the request's takes the rest of
        the path, as it would have when reached level by level (a routable page's own
        sub-routes, a 404 for an unknown child); whether it is live is its `route`'s concern,
        as before. Only leaf pages here have sub-routes, so no route in between is skipped.

        The same query finds the pages between this one and the deepest: they are its
        ancestors below the root, kept on it as `routed_ancestors` for the breadcrumbs
        (`portal_tags.ancestors`), which then need no query of their own."""
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/"
            for depth in range(1, len(path_components) + 1)
        ]
        chain = list(
            Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            ).order_by("depth")
        )
        if not chain:
            raise Http404
        deepest = chain[-1].specific
        deepest.routed_ancestors = [self, *chain[:-1]]
        return deepest.route(request, path_components[deepest.depth - self.depth :])

    def get_context(self, request, *args, **kwargs):
        from campaigns import selectors

        context = super().get_context(request, *args, **kwargs)
        campaign = selectors.campaign_current()
        context["campaign"] = campaign
        if campaign is not None:
            context["milestones"] = selectors.milestone_schedule(campaign=campaign)
        context["news"] = selectors.news_latest(limit=6)
        return context


class StandardPage(PortalPage):
    body = RichTextField("正文", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = "普通页面"

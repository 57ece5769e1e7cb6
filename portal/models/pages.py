from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's root: the current campaign, what is due next, the latest news."""

    intro = models.CharField("导语", max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "campaigns.CampaignIndexPage",
        "campaigns.NewsIndexPage",
        "honours.HonourRollPage",
        "portal.StandardPage",
    ]
    cache_anonymous = True  # served from the page cache to anonymous visitors
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        from campaigns import selectors

        context = super().get_context(request, *args, **kwargs)
        campaign = selectors.campaign_current()
        context["campaign"] = campaign
        if campaign is not None:
            context["milestones"] = selectors.milestone_schedule(campaign=campaign)
        context["news"] = selectors.news_latest(limit=6)
        return context


class StandardPage(Page):
    body = RichTextField("正文", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    subpage_types = ["portal.StandardPage"]
    cache_anonymous = True  # served from the page cache to anonymous visitors

    class Meta:
        verbose_name = "普通页面"

"""The public honour roll (荣誉榜): every honour of the city across years, searchable."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.models import PortalPage


class HonourRollPage(PortalPage):
    intro = RichTextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "荣誉榜"

    def get_context(self, request, *args, **kwargs):
        from honours import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.honour_roll(params=request.GET))
        return context

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from campaigns.enums import NewsKind
from portal.models import PortalPage


class NewsIndexPage(PortalPage):
    intro = models.CharField("导语", max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.NewsPage"]

    class Meta:
        verbose_name = "新闻列表"

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.child_of(self)
            .live()
            .order_by("-date", "-pk")
            .only("title", "url_path", "date", "kind", "summary", "path", "depth")
        )
        kind = request.GET.get("kind")
        if kind in NewsKind.values:
            news = news.filter(kind=kind)
        context["kind"] = kind
        context["kinds"] = NewsKind.choices
        context["page_obj"] = Paginator(news, 20).get_page(request.GET.get("page"))
        return context


class NewsPage(PortalPage):
    """News and activity reports; the five actions (五大行动) are news pages of kind ACTION."""

    date = models.DateField("日期", default=timezone.localdate)
    kind = models.CharField("栏目", max_length=10, choices=NewsKind.choices, default=NewsKind.NEWS)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name="所属创建活动",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    lead_units = models.CharField("牵头与责任单位", max_length=300, blank=True)
    summary = models.CharField("摘要", max_length=300, blank=True)
    body = RichTextField("正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("campaign")]),
        FieldPanel("lead_units"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["campaigns.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "新闻"
        verbose_name_plural = "新闻"

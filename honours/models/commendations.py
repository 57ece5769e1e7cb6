"""The commendation decision (表彰决定) and the honours it confers (honour roll rows)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.models import Jurisdiction, PortalPage

from .listing import Listing
from .notices import NoticePage


class CommendationPage(RoutablePageMixin, PortalPage):
    """命名表彰决定: built from the entries of a notice that passed it; publishing the
    page confers the honours (`honours.services.commendation_confer`)."""

    notice = models.ForeignKey(
        NoticePage, verbose_name="依据的公示", on_delete=models.PROTECT, related_name="commendations"
    )
    document_number = models.CharField("文号", max_length=60)
    issued_on = models.DateField("决定日期")
    issuing_bodies = models.CharField("决定机关", max_length=200)
    body = RichTextField("决定正文", blank=True)
    certificate_prefix = models.CharField(
        "证书编号前缀", max_length=20, default="平安创建", help_text="证书编号形如：平安创建〔2018〕0001号"
    )
    conferred_at = models.DateTimeField("命名时间", null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issued_on")]),
                FieldPanel("issuing_bodies"),
                FieldPanel("certificate_prefix"),
            ],
            heading="表彰决定",
        ),
        FieldPanel("body"),
        HelpPanel(
            content="命名名单为所依据公示中未被异议否决的拟命名对象。发布本页即完成命名表彰："
            "对象状态改为“已命名表彰”，载入荣誉榜并生成证书。存在未处理的异议或公示期未结束时不能发布。",
            heading="命名名单",
        ),
    ]
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "表彰决定"
        verbose_name_plural = "表彰决定"

    def with_content_json(self, content):
        # Conferring is a fact of the page, not of a revision: publishing an older
        # revision must not forget it.
        page = super().with_content_json(content)
        page.conferred_at = self.conferred_at
        return page

    def get_context(self, request, *args, **kwargs):
        from honours import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.commendation_detail(page=self))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("list-xlsx/", name="list_xlsx")
    def list_xlsx_route(self, request):
        from honours.views.public import commendation_xlsx

        return commendation_xlsx(request, page=self)


class Honour(index.Indexed, Listing):
    """A title conferred on one nominee: a row of the public honour roll."""

    commendation = models.ForeignKey(CommendationPage, on_delete=models.PROTECT, related_name="honours")
    nomination = models.OneToOneField(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="conferred"
    )
    city = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    number = models.CharField("证书编号", max_length=60, unique=True)
    search_text = models.TextField(editable=False, blank=True)
    conferred_on = models.DateField("命名日期")
    revoked_on = models.DateField("撤销日期", null=True, blank=True)
    revoke_reason = models.TextField("撤销理由", blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    search_fields = [
        index.SearchField("search_text"),
        index.FilterField("year"),
        index.FilterField("sort_order"),
        index.FilterField("id"),
        index.FilterField("brand"),
        index.FilterField("sector"),
        index.FilterField("county"),
        index.FilterField("department"),
        index.FilterField("city"),
        index.FilterField("commendation"),
        index.RelatedFields("commendation", [index.FilterField("live")]),
    ]

    class Meta:
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉榜"
        ordering = ["-year", "sort_order", "id"]
        constraints = [
            Listing.unit_constraint("honour_one_unit"),
            Listing.honour_constraint("honour_brand_or_sector"),
        ]
        indexes = [models.Index(fields=["city", "year", "sort_order"])]

    def save(self, *args, **kwargs):
        from honours.search import index_text

        self.search_text = index_text(
            self.name, self.workplace, self.unit_label, self.honour_label, self.number
        )
        return super().save(*args, **kwargs)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None

"""An issued (印发) sector plan: a public page under its sector page, created by
`filings.services.filing_issue` from the approved filing and editable by the office."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class SectorPlanPage(Page):
    filing = models.OneToOneField(
        "filings.Filing",
        verbose_name="报送材料",
        on_delete=models.PROTECT,
        related_name="plan_page",
    )
    brand_name = models.CharField("创建品牌名称", max_length=40, blank=True)
    issued_on = models.DateField("印发日期")
    body = RichTextField("正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("brand_name"),
        FieldPanel("issued_on"),
        FieldPanel("body"),
    ]
    parent_page_types = ["campaigns.SectorPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "领域创建方案（印发）"

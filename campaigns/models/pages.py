"""The campaign on the site: index → campaign (per city and year) → brand and sector pages."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from campaigns.enums import Role
from portal.models import Jurisdiction, PortalPage


class CampaignIndexPage(PortalPage):
    intro = RichTextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = "创建活动列表"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = (
            CampaignPage.objects.child_of(self).live().select_related("city").order_by("-year")
        )
        return context


class CampaignPage(PortalPage):
    """A campaign year (年度创建活动) of one city, e.g. 商洛 2018."""

    city = models.ForeignKey(
        Jurisdiction,
        verbose_name="市",
        on_delete=models.PROTECT,
        related_name="campaigns",
        limit_choices_to={"level": Jurisdiction.Level.CITY},
    )
    year = models.PositiveSmallIntegerField("年度")
    programme = models.CharField("创建周期", max_length=40, blank=True, help_text="如：2018—2020年")
    document_title = models.CharField("方案名称", max_length=200, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)
    issuing_bodies = models.CharField("印发单位", max_length=200, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    intro = RichTextField("导语", blank=True)
    body = RichTextField("目标任务", blank=True)
    coverage_target = models.DecimalField("创建覆盖率目标（%）", max_digits=5, decimal_places=1, default=100)
    compliance_target = models.DecimalField(
        "年度创建达标率目标（%）", max_digits=5, decimal_places=1, default=90
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("year"), FieldPanel("programme")]),
                FieldPanel("document_title"),
                FieldRowPanel(
                    [FieldPanel("document_number"), FieldPanel("issuing_bodies"), FieldPanel("issued_on")]
                ),
            ],
            heading="活动与方案",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("coverage_target"), FieldPanel("compliance_target")], heading="创建目标"),
        InlinePanel("milestones", heading="阶段安排", label="节点"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = [
        "campaigns.BrandPage",
        "campaigns.SectorPage",
        "honours.NoticePage",
        "honours.CommendationPage",
    ]

    class Meta:
        verbose_name = "年度创建活动"
        verbose_name_plural = "年度创建活动"

    def clean(self):
        super().clean()
        if self.city_id and self.city.level != Jurisdiction.Level.CITY:
            raise ValidationError({"city": "请选择一个市。"})

    def get_context(self, request, *args, **kwargs):
        from campaigns import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.campaign_overview(campaign=self, url=self.get_url(request)))
        return context


class Milestone(Orderable):
    """One dated step of the phase calendar (阶段安排), addressed to one role."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="milestones")
    role = models.CharField("对象", max_length=10, choices=Role.choices)
    key = models.SlugField(
        "节点代码",
        max_length=40,
        blank=True,
        help_text="供系统识别的代码，如 plan、demo_sites、nomination、summary",
    )
    title = models.CharField("事项", max_length=200)
    starts_on = models.DateField("开始日期", null=True, blank=True)
    due_on = models.DateField("截止日期")

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("key")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("due_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "阶段节点"
        verbose_name_plural = "阶段安排"

    def __str__(self) -> str:
        return f"{self.due_on:%m-%d} {self.get_role_display()}：{self.title}"

    def clean(self):
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            raise ValidationError({"starts_on": "开始日期不能晚于截止日期。"})


class BrandPage(PortalPage):
    brand = models.ForeignKey(
        "campaigns.Brand", verbose_name="品牌", on_delete=models.PROTECT, related_name="pages"
    )
    intro = models.CharField("简介", max_length=300, blank=True)
    body = RichTextField("创建要求与评定标准", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("brand"), FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "品牌页面"

    def get_context(self, request, *args, **kwargs):
        from campaigns import selectors

        context = super().get_context(request, *args, **kwargs)
        context["quota_rows"] = selectors.quota_brand_rows(
            campaign=self.get_parent().specific, brand=self.brand
        )
        return context


class SectorPage(PortalPage):
    sector = models.ForeignKey(
        "campaigns.Sector", verbose_name="领域", on_delete=models.PROTECT, related_name="pages"
    )
    intro = models.CharField("简介", max_length=300, blank=True)
    body = RichTextField("创建要求", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("sector"), FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = ["filings.SectorPlanPage"]

    class Meta:
        verbose_name = "领域页面"

    def get_context(self, request, *args, **kwargs):
        from campaigns import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.sector_detail(campaign=self.get_parent().specific, sector=self.sector))
        return context

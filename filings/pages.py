"""An issued (印发) sector plan: a public page under its sector page, created and published
by the `issue` move (`filings.publishing.plan_page_publish`) from the approved filing and
editable by the office; its filing's attachments are downloaded from it while it is live."""

from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.downloads import stored_file_response
from portal.models import PortalPage


class SectorPlanPage(RoutablePageMixin, PortalPage):
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
    # Made only by issuing the approved filing (filings/wagtail_hooks.py refuses the rest).
    is_creatable = False

    class Meta:
        verbose_name = "领域创建方案（印发）"

    def sector_page(self):
        from campaigns.models import SectorPage

        return SectorPage.objects.parent_of(self).select_related("sector__lead_department").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sector_page = self.sector_page()
        context.update(
            sector_page=sector_page,
            sector=sector_page.sector if sector_page else None,
            campaign=sector_page.get_parent().specific if sector_page else None,
            files=list(self.filing.files.all()),
        )
        return context

    @path("files/<int:file_id>/", name="file")
    def file(self, request, file_id: int):
        """An attachment of this plan's own filing (private storage), for anyone, while the
        page is live (Wagtail routes only live pages to the public)."""
        row = self.filing.files.filter(pk=file_id).first()
        if row is None:
            raise Http404("文件不存在。")
        return stored_file_response(row.file, filename=row.original_name, cache_control="no-cache")

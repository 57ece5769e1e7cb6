"""The demo's filings (DOMAIN.md §5), through the workbench's and the office's services:
most plans filed and accepted in March 2018, the 平安校园 sector plan approved and issued,
another sector plan returned with comments, two counties late, one with an extension."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from campaigns.models import CampaignPage, Sector
from filings import services
from filings.models import Filing, FilingKind
from nominations import services as nomination_services
from portal.models import Department, Jurisdiction

FILED_ON = datetime.date(2018, 3, 15)
LATE_COUNTIES = ("zhenan", "zhashui")  # never filed their plan
EXTENDED_COUNTY = "shanyang"  # late, with the office's extension (its plan is a draft)
RETURNED_SECTOR = "hospital"  # 市卫计局's plan returned for correction


def _file(campaign, user, role, title, body, *, brand_name="", submit=True) -> Filing:
    filing = services.filing_save(
        filing=Filing(
            kind=FilingKind.objects.get(campaign=campaign, role=role, key="plan"),
            title=title,
            body=body,
            brand_name=brand_name,
        ),
        actor=user,
    )
    if submit:
        services.filing_submit(filing=filing, actor=user, today=FILED_ON)
    return filing


def load_filings(*, campaign: CampaignPage) -> None:
    if Filing.objects.filter(campaign=campaign).exists() or not FilingKind.objects.filter(campaign=campaign):
        return
    office = User.objects.get(username="office")
    for county in Jurisdiction.objects.filter(parent=campaign.city, level="county").order_by("sort_order"):
        if county.slug in LATE_COUNTIES:
            continue
        user = User.objects.get(username=county.slug)
        body = f"<p>{county.name}2018年深化平安创建活动实施方案：目标任务、创建标准、责任分工、进度安排。</p>"
        filing = _file(
            campaign,
            user,
            "county",
            f"{county.name}深化平安创建活动实施方案",
            body,
            submit=county.slug != EXTENDED_COUNTY,
        )
        if county.slug == EXTENDED_COUNTY:
            nomination_services.extension_grant(
                campaign=campaign,
                unit=county,
                milestone_key="plan",
                until=timezone.localdate() + datetime.timedelta(days=30),
                reason="演示：县委常委会尚未审议创建方案，准予延期报送",
                actor=office,
            )
        else:
            services.filing_accept(filing=filing, actor=office)
    for sector in Sector.objects.filter(city=campaign.city).select_related("lead_department"):
        department = sector.lead_department
        user = User.objects.get(username=department.slug)
        brand = sector.brand_name or f"平安{sector.name}"
        filing = _file(
            campaign,
            user,
            "lead",
            f"平安{sector.name}创建方案和创建标准",
            f"<p>{department.name}牵头制定{sector.name}领域平安创建方案和创建标准，创建品牌为“{brand}”。</p>",
            brand_name=brand,
        )
        if sector.slug == RETURNED_SECTOR:
            services.filing_return(
                filing=filing, actor=office, reason="创建标准缺少量化考核指标，请细化后重新报送。"
            )
        elif sector.slug == "campus":
            services.filing_accept(filing=filing, actor=office)
            services.filing_transition(
                filing=filing, action="issue", actor=office, today=datetime.date(2018, 4, 10)
            )
    sifa = Department.objects.filter(city=campaign.city, slug="sifa").first()
    if sifa is not None:
        _file(
            campaign,
            User.objects.get(username="sifa"),
            "other",
            "市司法局平安创建实施方案",
            "<p>结合司法行政工作，开展平安创建：人民调解、法律援助、社区矫正。</p>",
        )

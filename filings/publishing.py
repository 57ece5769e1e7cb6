"""Issuing (印发) an approved sector plan (DOMAIN.md §5): a public page under its sector's
page (`filings.pages.SectorPlanPage`), published as the office, and the lead department's
own brand name for a sector with a 自定品牌, so the name shows wherever the sector does
(`Sector.brand_label`).

`filings.services.filing_transition` calls `plan_sector_page` before it changes the state
of an `issue` move (so a refused issue saves nothing) and `plan_page_publish` after, in the
same transaction.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.models import Sector, SectorPage
from filings.models import Filing
from filings.pages import SectorPlanPage


def plan_sector_page(*, filing: Filing) -> SectorPage:
    """The live page, in the filing's campaign, of the sector the filing's department leads:
    where its plan is issued. Refuses with the reason when there is none (or more than one)."""
    department = filing.department
    if department is None:
        raise ValidationError("只有领域主责部门报送的领域创建方案可以印发为公开页面。")
    pages = list(
        SectorPage.objects.child_of(filing.campaign)
        .live()
        .filter(sector__lead_department=department)
        .select_related("sector")
        .order_by("sector__sort_order", "sector_id")
    )
    if not pages:
        if not department.led_sectors.exists():
            raise ValidationError(f"{department.name}不是任何重点领域的主责部门，不能印发领域创建方案。")
        raise ValidationError(
            f"“{filing.campaign.title}”还没有{department.name}主责领域的公开页面，"
            "请先在页面管理中为该领域添加领域页面并发布，再印发。"
        )
    if len(pages) > 1:
        names = "、".join(p.sector.name for p in pages)
        raise ValidationError(
            f"{department.name}主责多个领域（{names}），无法确定本方案印发在哪个领域页面下，请联系系统管理员。"
        )
    return pages[0]


def _free_slug(parent: SectorPage, base: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def plan_page_publish(
    *, filing: Filing, actor: AbstractBaseUser, today: datetime.date | None = None
) -> SectorPlanPage:
    """Create and publish the issued plan's page (title, body and brand name from the
    filing; 印发日期 today in the site's time zone), and name a custom-brand sector after the
    filing's brand. A filing has at most one page: an existing one is returned as it is."""
    existing = SectorPlanPage.objects.filter(filing=filing).first()
    if existing is not None:
        return existing
    parent = plan_sector_page(filing=filing)
    page = SectorPlanPage(
        title=filing.title,
        slug=_free_slug(parent, f"{filing.kind.key}-{filing.campaign.year}"),
        filing=filing,
        brand_name=filing.brand_name.strip(),
        issued_on=today or timezone.localdate(),
        body=filing.body,
        owner=actor,
    )
    parent.add_child(instance=page)
    # Whether the office may issue is the filing move's to say (filings.rules.can_move).
    page.save_revision(user=actor, log_action=True).publish(user=actor, skip_permission_checks=True)
    page.refresh_from_db()
    sector_brand_apply(page=page, sector=parent.sector)
    return page


def sector_brand_apply(*, page: SectorPlanPage, sector: Sector | None = None) -> bool:
    """Name a 自定品牌 sector after its live plan's brand name (on issuing, and again when the
    office corrects the name in the page editor and publishes). Named brands stay as they
    are; an empty brand name names nothing. Returns whether the sector's name changed."""
    if sector is None:
        parent = SectorPage.objects.parent_of(page).select_related("sector").first()
        if parent is None:
            return False
        sector = parent.sector
    brand_name = page.brand_name.strip()
    if not (page.live and sector.brand_is_custom and brand_name) or sector.brand_name == brand_name:
        return False
    sector.brand_name = brand_name
    sector.save(update_fields=["brand_name"])
    return True

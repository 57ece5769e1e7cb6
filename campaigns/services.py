"""Changes to a campaign's configuration: quotas (seed 004 attachment 示范点分配表)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from wagtail.log_actions import log

from campaigns.models import Brand, CampaignPage, CountyQuota, Sector, SectorQuota
from portal.models import Jurisdiction


@dataclass
class QuotaImportResult:
    changed: int
    unchanged: int


def county_quota_set(
    *, campaign: CampaignPage, county: Jurisdiction, brand: Brand, quota: int, actor: AbstractBaseUser | None
) -> bool:
    """Set one county's quota for one brand; logs the change. Returns whether anything changed."""
    return (
        quotas_apply(
            campaign=campaign, county_quotas={(county.pk, brand.pk): quota}, sector_quotas={}, actor=actor
        ).changed
        > 0
    )


def sector_quota_set(
    *, campaign: CampaignPage, sector: Sector, quota: int, actor: AbstractBaseUser | None
) -> bool:
    return (
        quotas_apply(
            campaign=campaign, county_quotas={}, sector_quotas={sector.pk: quota}, actor=actor
        ).changed
        > 0
    )


@transaction.atomic
def quotas_apply(
    *,
    campaign: CampaignPage,
    county_quotas: dict[tuple[int, int], int],
    sector_quotas: dict[int, int],
    actor: AbstractBaseUser | None,
    source: str = "",
) -> QuotaImportResult:
    """Write quotas (keys: (county_id, brand_id) and sector_id), all or nothing.

    Only what differs is written and logged, so applying the same table twice
    changes nothing (the demo loader relies on this).
    """
    if any(q < 0 for q in [*county_quotas.values(), *sector_quotas.values()]):
        raise ValueError("名额不能为负数。")
    existing_county = {
        (q.county_id, q.brand_id): q
        for q in CountyQuota.objects.select_for_update().filter(campaign=campaign)
    }
    existing_sector = {
        q.sector_id: q for q in SectorQuota.objects.select_for_update().filter(campaign=campaign)
    }
    changes: list[str] = []
    for (county_id, brand_id), quota in county_quotas.items():
        row = existing_county.get((county_id, brand_id))
        if row is None:
            if quota == 0:
                continue
            CountyQuota.objects.create(campaign=campaign, county_id=county_id, brand_id=brand_id, quota=quota)
            changes.append(f"county:{county_id}:{brand_id}:{quota}")
        elif row.quota != quota:
            changes.append(f"county:{county_id}:{brand_id}:{row.quota}->{quota}")
            row.quota = quota
            row.save(update_fields=["quota"])
    for sector_id, quota in sector_quotas.items():
        row = existing_sector.get(sector_id)
        if row is None:
            if quota == 0:
                continue
            SectorQuota.objects.create(campaign=campaign, sector_id=sector_id, quota=quota)
            changes.append(f"sector:{sector_id}:{quota}")
        elif row.quota != quota:
            changes.append(f"sector:{sector_id}:{row.quota}->{quota}")
            row.quota = quota
            row.save(update_fields=["quota"])
    total = len(county_quotas) + len(sector_quotas)
    if changes:
        log(
            instance=campaign,
            action="campaigns.quotas_change",
            user=actor,
            data={"changes": changes[:500], "count": len(changes), "source": source},
        )
    return QuotaImportResult(changed=len(changes), unchanged=total - len(changes))


def quotas_import(
    *, campaign: CampaignPage, data: bytes, actor: AbstractBaseUser | None, source: str = ""
) -> QuotaImportResult:
    """Import the 示范点分配表 workbook (both sheets); a bad file raises
    `campaigns.excel.WorkbookError` naming sheet, row and column, and changes nothing."""
    from campaigns.excel import read_quota_workbook

    parsed = read_quota_workbook(data, campaign=campaign)
    return quotas_apply(
        campaign=campaign,
        county_quotas=parsed.county_quotas,
        sector_quotas=parsed.sector_quotas,
        actor=actor,
        source=source or "xlsx",
    )

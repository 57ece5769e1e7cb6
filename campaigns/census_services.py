"""Changes to the registry counts (单位基数), the denominators of creation coverage:
per county (`UnitCensus`) and per sector (`SectorCensus`), for one campaign year."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from wagtail.log_actions import log

from campaigns.models import CampaignPage, SectorCensus, UnitCensus

COUNTY_FIELDS = ("towns", "villages", "communities", "units", "compounds", "streets")


@dataclass
class CensusResult:
    changed: int
    unchanged: int


@transaction.atomic
def census_apply(
    *,
    campaign: CampaignPage,
    county_counts: dict[int, dict[str, int]],
    sector_units: dict[int, int] | None = None,
    actor: AbstractBaseUser | None,
    source: str = "",
) -> CensusResult:
    """Register the campaign year's counts, all or nothing: `county_counts` {county_id:
    {field: n}} (a field left out is 0), `sector_units` {sector_id: n}. Only rows that
    differ are written and the change is logged on the campaign, so applying the same
    counts twice changes nothing. A year with no row of its own gets one, even when the
    counts equal the earlier year's the coverage fell back to."""
    sector_units = sector_units or {}
    values = [n for counts in county_counts.values() for n in counts.values()] + list(sector_units.values())
    if any(n < 0 for n in values):
        raise ValueError("单位基数不能为负数。")
    year = campaign.year
    existing = {
        c.county_id: c
        for c in UnitCensus.objects.select_for_update().filter(county_id__in=county_counts, year=year)
    }
    changes: list[str] = []
    for county_id, counts in county_counts.items():
        wanted = {f: counts.get(f, 0) for f in COUNTY_FIELDS}
        row = existing.get(county_id)
        if row is None:
            UnitCensus.objects.create(county_id=county_id, year=year, updated_by=actor, **wanted)
            changes.append(f"county:{county_id}:" + ",".join(str(wanted[f]) for f in COUNTY_FIELDS))
            continue
        differing = [f for f in COUNTY_FIELDS if getattr(row, f) != wanted[f]]
        if differing:
            changes.append(
                f"county:{county_id}:" + ",".join(f"{f}:{getattr(row, f)}->{wanted[f]}" for f in differing)
            )
            for f in differing:
                setattr(row, f, wanted[f])
            row.updated_by = actor
            row.save(update_fields=[*differing, "updated_by", "updated_at"])
    existing_sectors = {
        c.sector_id: c
        for c in SectorCensus.objects.select_for_update().filter(sector_id__in=sector_units, year=year)
    }
    for sector_id, units in sector_units.items():
        row = existing_sectors.get(sector_id)
        if row is None:
            SectorCensus.objects.create(sector_id=sector_id, year=year, units=units, updated_by=actor)
            changes.append(f"sector:{sector_id}:{units}")
        elif row.units != units:
            changes.append(f"sector:{sector_id}:{row.units}->{units}")
            row.units = units
            row.updated_by = actor
            row.save(update_fields=["units", "updated_by", "updated_at"])
    if changes:
        log(
            instance=campaign,
            action="campaigns.census_change",
            user=actor,
            data={"changes": changes[:500], "count": len(changes), "source": source, "year": year},
        )
    total = len(county_counts) + len(sector_units)
    return CensusResult(changed=len(changes), unchanged=total - len(changes))


def census_import(
    *, campaign: CampaignPage, file, actor: AbstractBaseUser | None, source: str = ""
) -> CensusResult:
    """Import the counties' census workbook (`campaigns.excel.census`) for the campaign
    year. `file`: the bytes or an uploaded file. A bad file raises
    `campaigns.excel.WorkbookError` naming sheet, row and column, and changes nothing."""
    from campaigns.excel.census import read_census_workbook

    data = file if isinstance(file, bytes) else file.read()
    counts = read_census_workbook(data, campaign=campaign)
    return census_apply(campaign=campaign, county_counts=counts, actor=actor, source=source or "xlsx")

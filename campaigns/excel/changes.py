"""The two tables as labelled cells, to tell the office what an import changed."""

from __future__ import annotations

from campaigns.models import CampaignPage
from campaigns.selectors import quota_county_table, quota_sector_table


def quota_cells(*, campaign: CampaignPage) -> dict[str, int]:
    """Every cell of both tables, keyed "商州区 · 平安村（社区）" / "市教育局（平安校园）"."""
    county = quota_county_table(campaign=campaign)
    cells = {
        f"{row.label} · {brand.name}": quota
        for row in county.rows
        for brand, quota in zip(county.brands, row.cells, strict=True)
    }
    for row in quota_sector_table(campaign=campaign).rows:
        cells[f"{row.label}（{row.unit.brand_label}）"] = row.total
    return cells


def quota_changes(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """ "商州区 · 平安村（社区）：28 → 30" for every cell that differs."""
    keys = [*after, *(k for k in before if k not in after)]
    return [
        f"{k}：{before.get(k, 0)} → {after.get(k, 0)}" for k in keys if before.get(k, 0) != after.get(k, 0)
    ]

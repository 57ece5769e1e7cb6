"""The 示范点分配表 workbook (seed 004 attachment): read, write, describe changes.

A package split by direction; everything public is importable from here.
"""

from .changes import quota_cells, quota_changes
from .common import (
    COUNTY_SHEET,
    SECTOR_SHEET,
    WorkbookError,
    WorkbookIssue,
    normalise,
)
from .reader import ParsedQuotas, read_quota_workbook
from .writer import county_sheet_title, sector_sheet_title, write_quota_workbook

__all__ = [
    "COUNTY_SHEET",
    "SECTOR_SHEET",
    "ParsedQuotas",
    "WorkbookError",
    "WorkbookIssue",
    "county_sheet_title",
    "normalise",
    "quota_cells",
    "quota_changes",
    "read_quota_workbook",
    "sector_sheet_title",
    "write_quota_workbook",
]

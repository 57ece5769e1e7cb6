"""Writing the 示范点分配表 workbook in the seed attachment's own layout.

The figures come from `campaigns.selectors.quota_county_table` and
`quota_sector_table`, the same reads the public campaign page renders, so the
page and the file always agree; `read_quota_workbook` reads the file back to
exactly the same quotas.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from campaigns.models import CampaignPage
from campaigns.selectors import quota_county_table, quota_sector_table
from portal.xlsx import neutralise, style_table, style_title, workbook_bytes

from .common import (
    COUNTY_HEADER,
    COUNTY_SHEET,
    COUNTY_TOTAL_LABEL,
    QUOTA_HEADER,
    SECTOR_HEADER,
    SECTOR_SHEET,
    SECTOR_TOTAL_LABEL,
    short_city_name,
)


def county_sheet_title(campaign: CampaignPage) -> str:
    """“2018年度“平安商洛”创建市级示范点分配表”, the seed's own title."""
    return f"{campaign.year}年度“平安{short_city_name(campaign.city.name)}”创建市级示范点分配表"


def sector_sheet_title(campaign: CampaignPage) -> str:
    return f"{campaign.year}年度“平安{short_city_name(campaign.city.name)}”创建主责部门市级示范点分配表"


def write_quota_workbook(*, campaign: CampaignPage) -> bytes:
    """The campaign's quotas as the office's xlsx: sheet 1 counties × brands, sheet 2
    lead departments; a 0 is a blank cell, each table ends with its 共计 row."""
    workbook = Workbook()
    workbook.properties.creator = settings.WAGTAIL_SITE_NAME
    workbook.properties.title = county_sheet_title(campaign)
    workbook.properties.created = workbook.properties.modified = datetime.datetime.now(datetime.UTC).replace(
        tzinfo=None, microsecond=0
    )
    _write_county_sheet(workbook.active, campaign=campaign)
    _write_sector_sheet(workbook.create_sheet(), campaign=campaign)
    return workbook_bytes(workbook)


def _print_setup(ws: Worksheet, *, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _write_county_sheet(ws: Worksheet, *, campaign: CampaignPage) -> None:
    table = quota_county_table(campaign=campaign)
    ws.title = COUNTY_SHEET
    last_column = max(2, 1 + len(table.brands))
    style_title(ws, row=1, last_column=last_column, text=county_sheet_title(campaign))
    ws.cell(row=2, column=1, value=COUNTY_HEADER)
    ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
    ws.cell(row=2, column=2, value=QUOTA_HEADER)
    if last_column > 2:
        ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=last_column)
    for i, brand in enumerate(table.brands):
        ws.cell(row=3, column=2 + i, value=neutralise(brand.name))
    row_number = 4
    for row in table.rows:
        ws.cell(row=row_number, column=1, value=neutralise(row.label))
        for i, quota in enumerate(row.cells):
            ws.cell(row=row_number, column=2 + i, value=quota or None)
        row_number += 1
    ws.cell(row=row_number, column=1, value=COUNTY_TOTAL_LABEL)
    for i, total in enumerate(table.totals):
        ws.cell(row=row_number, column=2 + i, value=total)
    style_table(
        ws,
        first_row=2,
        last_row=row_number,
        last_column=last_column,
        header_rows=(2, 3),
        bold_rows=(row_number,),
    )
    ws.column_dimensions["A"].width = 26
    for column in range(2, last_column + 1):
        ws.column_dimensions[get_column_letter(column)].width = 14
    ws.row_dimensions[2].height = 24
    ws.row_dimensions[3].height = 36
    for r in range(4, row_number + 1):
        ws.row_dimensions[r].height = 22
    _print_setup(ws, landscape=True)


def _write_sector_sheet(ws: Worksheet, *, campaign: CampaignPage) -> None:
    table = quota_sector_table(campaign=campaign)
    ws.title = SECTOR_SHEET
    style_title(ws, row=1, last_column=3, text=sector_sheet_title(campaign))
    ws.cell(row=2, column=1, value=SECTOR_HEADER)
    ws.cell(row=2, column=2, value=QUOTA_HEADER)
    ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=3)
    row_number = 3
    for row in table.rows:
        ws.cell(row=row_number, column=1, value=neutralise(row.label))
        ws.cell(row=row_number, column=2, value=neutralise(row.unit.brand_label))
        ws.cell(row=row_number, column=3, value=row.total or None)
        row_number += 1
    ws.cell(row=row_number, column=1, value=SECTOR_TOTAL_LABEL)
    ws.cell(row=row_number, column=2, value=len(table.rows))
    ws.cell(row=row_number, column=3, value=table.total)
    style_table(
        ws, first_row=2, last_row=row_number, last_column=3, header_rows=(2,), bold_rows=(row_number,)
    )
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 14
    ws.row_dimensions[2].height = 28
    for r in range(3, row_number + 1):
        ws.row_dimensions[r].height = 22
    _print_setup(ws, landscape=False)

"""Spreadsheets of the workbench: the county naming list (县级命名名单) and the
推荐汇总表 (export, and the batch template). Everything public is importable from here.

Readers only read and check, raising `WorkbookError` (the same type as the
示范点分配表's, `campaigns.excel`) with every problem named by sheet, row and
column; `nominations.imports` applies what they return, all or nothing.
"""

from .batch import (
    NominationRow,
    ParsedNominations,
    batch_title,
    deeds_html,
    read_nomination_workbook,
    template_filename,
    write_nomination_template,
)
from .common import XLSX_CONTENT_TYPE, WorkbookError, WorkbookIssue
from .summary import (
    MAX_DEEDS,
    SUMMARY_HEADERS,
    SUMMARY_SHEET,
    export_filename,
    summary_queryset,
    summary_title,
    write_summary_workbook,
)
from .title_reader import ParsedTitles, TitleRow, read_title_workbook
from .titles import (
    COUNTY_SHEET,
    DEPARTMENT_SHEET,
    honours_for,
    sheet_name,
    template_title,
    write_title_template,
)

__all__ = [
    "COUNTY_SHEET",
    "DEPARTMENT_SHEET",
    "MAX_DEEDS",
    "SUMMARY_HEADERS",
    "SUMMARY_SHEET",
    "XLSX_CONTENT_TYPE",
    "NominationRow",
    "ParsedNominations",
    "ParsedTitles",
    "TitleRow",
    "WorkbookError",
    "WorkbookIssue",
    "batch_title",
    "deeds_html",
    "export_filename",
    "honours_for",
    "read_nomination_workbook",
    "read_title_workbook",
    "sheet_name",
    "summary_queryset",
    "summary_title",
    "template_filename",
    "template_title",
    "write_nomination_template",
    "write_summary_workbook",
    "write_title_template",
]

"""The commended list (命名名单) of a decision as a public xlsx download.

One row per honour with the public fields only (DOMAIN.md §4: no ID number, no phone),
streamed with openpyxl's write-only mode; user text is neutralised so that a name
starting with "=" stays text (portal.xlsx).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from openpyxl import Workbook

from honours.models import CommendationPage, Honour
from portal.xlsx import XLSX_CONTENT_TYPE as XLSX_CONTENT_TYPE  # the views read it here
from portal.xlsx import neutralise, titled_sheet, workbook_bytes

SHEET = "命名名单"
HEADERS = ["序号", "荣誉称号", "名称或姓名", "性别", "工作单位", "推荐单位", "证书编号", "状态"]
WIDTHS = [6, 26, 28, 6, 28, 22, 24, 40]


def honour_status(honour: Honour) -> str:
    if honour.is_revoked:
        return f"已撤销（{honour.revoked_on:%Y-%m-%d}）：{honour.revoke_reason}"
    return "有效"


def commended_title(page: CommendationPage) -> str:
    return f"{page.title}（{page.document_number}）命名名单"


def commended_filename(page: CommendationPage) -> str:
    name = f"命名名单-{page.document_number}.xlsx"
    return "".join("-" if c in '/\\:*?"<>|' else c for c in name)


def commended_row(number: int, honour: Honour) -> list:
    return [
        number,
        neutralise(honour.honour_label),
        neutralise(honour.name),
        honour.get_gender_display() if honour.is_individual else "",
        neutralise(honour.workplace) if honour.is_individual else "",
        neutralise(honour.unit_label),
        neutralise(honour.number),
        neutralise(honour_status(honour)),
    ]


def commended_workbook(honours: Iterable[Honour], *, page: CommendationPage) -> bytes:
    """Title row, header row, one row per honour (`honours` with brand/sector and
    county/department loaded, in the decision's order)."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = settings.WAGTAIL_SITE_NAME
    workbook.properties.title = commended_title(page)
    ws = titled_sheet(workbook, name=SHEET, title=commended_title(page), headers=HEADERS, widths=WIDTHS)
    for number, honour in enumerate(honours, start=1):
        ws.append(commended_row(number, honour))
    return workbook_bytes(workbook)

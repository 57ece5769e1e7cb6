"""The 推荐汇总表 (summary of city-level recommendations): export; its batch template
is in `batch.py`.

Export (`write_summary_workbook`): the nominations a user may see, one row each,
under the title 「2018年度“平安商洛”创建市级先进集体和个人推荐汇总表」. It never
carries ID numbers or phone numbers (DOMAIN.md §4: they stay in the unit's own
edit form); it is streamed with openpyxl's write-only mode, so a long list costs
time, not memory (FACTS.md, Excel), and user text is neutralised.

Batch (`batch.write_nomination_template` / `batch.read_nomination_workbook`): a unit lists
several titled nominees with a short account of their deeds; each row must name
a county-level (or sector-level) title the unit has recorded. The reader checks
every row; `nominations.imports.nominations_import` creates the drafts, all or
nothing. Submitting stays a separate step per nomination (eligibility).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from campaigns.excel.common import short_city_name
from campaigns.models import CampaignPage
from nominations.models import Nomination
from portal.models import Department, Jurisdiction
from portal.xlsx import neutralise, titled_sheet, workbook_bytes

from .common import (
    honour_label,
)

SUMMARY_SHEET = "推荐汇总表"
TITLES_SHEET = "已登记的命名"
SUMMARY_HEADERS = [
    "序号",
    "推荐单位",
    "品牌（领域）",
    "推荐对象",
    "对象类型",
    "所在地/工作单位",
    "县级命名文号",
    "命名日期",
    "状态",
    "提交时间",
]
SUMMARY_WIDTHS = [6, 16, 20, 24, 8, 28, 22, 12, 16, 17]
MAX_DEEDS = 3000  # characters of 事迹材料（简要）; the full account is edited per nomination
TEMPLATE_ROWS = 500


def summary_title(campaign: CampaignPage) -> str:
    """「2018年度“平安商洛”创建市级先进集体和个人推荐汇总表」."""
    return f"{campaign.year}年度“平安{short_city_name(campaign.city.name)}”创建市级先进集体和个人推荐汇总表"


# --- export ------------------------------------------------------------------------------

# What the export reads: the nominations with everything a row shows, in one query,
# and never the nominee's ID number or phone (not even into memory).
SUMMARY_RELATED = (
    "county",
    "department",
    "brand",
    "sector",
    "title",
    "nominee__place__parent__parent",
)
SUMMARY_DEFERRED = ("nominee__id_number", "nominee__mobile", "deeds", "eligibility")
SUMMARY_ORDER = (
    "county__sort_order",
    "department__sort_order",
    "brand__sort_order",
    "sector__sort_order",
    "nominee__name",
    "pk",
)


def summary_queryset(nominations):
    """`nominations` (already scoped to the user and filtered) as the export reads it."""
    return nominations.select_related(*SUMMARY_RELATED).defer(*SUMMARY_DEFERRED).order_by(*SUMMARY_ORDER)


def write_summary_workbook(nominations: Iterable[Nomination], *, campaign: CampaignPage) -> bytes:
    """The 推荐汇总表 of `nominations` (pass `summary_queryset(qs).iterator()`): title
    row, header row, one row per nomination. Streams rows (write-only mode)."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = settings.WAGTAIL_SITE_NAME
    workbook.properties.title = summary_title(campaign)
    ws = titled_sheet(
        workbook,
        name=SUMMARY_SHEET,
        title=summary_title(campaign),
        headers=SUMMARY_HEADERS,
        widths=SUMMARY_WIDTHS,
    )
    for number, nomination in enumerate(nominations, start=1):
        named_on = WriteOnlyCell(ws, value=nomination.title.named_on)
        named_on.number_format = "yyyy-mm-dd"
        submitted = nomination.submitted_at
        if submitted is not None:
            submitted = WriteOnlyCell(
                ws, value=timezone.localtime(submitted).replace(tzinfo=None, microsecond=0)
            )
            submitted.number_format = "yyyy-mm-dd hh:mm"
        nominee = nomination.nominee
        ws.append(
            [
                number,
                neutralise(nomination.unit.name),
                neutralise(honour_label(nomination.honour)),
                neutralise(nominee.name),
                nominee.get_kind_display(),
                neutralise(_where(nomination)),
                neutralise(nomination.title.document_number),
                named_on,
                nomination.get_state_display(),
                submitted,
            ]
        )
    return workbook_bytes(workbook)


def _where(nomination: Nomination) -> str:
    """所在地/工作单位: a person's workplace, else the place (镇（办）+村（社区）, with
    the county for a department's nominee) and the address."""
    nominee = nomination.nominee
    if nominee.kind == "individual" and nominee.workplace:
        return nominee.workplace
    names: list[str] = []
    node = nominee.place
    while node is not None and node.level in (Jurisdiction.Level.VILLAGE, Jurisdiction.Level.TOWN):
        names.insert(0, node.name)
        node = node.parent
    if node is not None and node.level == Jurisdiction.Level.COUNTY and nomination.department_id:
        names.insert(0, node.name)
    where = "".join(names)
    if nominee.address:
        where = f"{where}（{nominee.address}）" if where else nominee.address
    return where or nominee.workplace


# --- the batch template ----------------------------------------------------------------


def _level(unit: Jurisdiction | Department) -> str:
    return "领域" if isinstance(unit, Department) else "县级"


def export_filename(unit, campaign: CampaignPage) -> str:
    who = unit.name if unit is not None else campaign.city.name
    return f"{who}{campaign.year}年度推荐汇总表（{timezone.localdate():%Y%m%d}）.xlsx"

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

import io
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from campaigns.enums import BrandKind
from campaigns.excel.common import short_city_name
from campaigns.models import Brand, CampaignPage, Sector
from nominations.enums import State
from nominations.models import Nomination
from portal.models import Department, Jurisdiction
from portal.xlsx import neutralise, titled_sheet

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
# The columns a row needs, read as plain tuples (`summary_rows`): no model instances, so
# 200,000 rows cost seconds, not minutes. The names behind the ids come from small lookups.
SUMMARY_VALUES = (
    "county_id",
    "department_id",
    "brand_id",
    "sector_id",
    "nominee__name",
    "nominee__kind",
    "nominee__workplace",
    "nominee__address",
    "nominee__place_id",
    "title__document_number",
    "title__named_on",
    "state",
    "submitted_at",
)
CHUNK = 2000  # rows fetched per round trip, and rows between two progress reports

# One row of the sheet after 序号: unit, honour, nominee, kind, where, document number,
# named on, state, submitted at (local, naive).
SummaryRow = tuple


def summary_queryset(nominations):
    """`nominations` (already scoped to the user and filtered) as the export reads it."""
    return nominations.select_related(*SUMMARY_RELATED).defer(*SUMMARY_DEFERRED).order_by(*SUMMARY_ORDER)


def _local(moment):
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


class _Lookups:
    """Names behind the ids of a values row: units, honours, places (each table read once)."""

    def __init__(self):
        counties = Jurisdiction.objects.filter(level=Jurisdiction.Level.COUNTY)
        self.counties = dict(counties.values_list("pk", "name"))
        self.departments = dict(Department.objects.values_list("pk", "name"))
        self.brands = {b.pk: honour_label(b) for b in Brand.objects.only("pk", "name")}
        self.sectors = {s.pk: honour_label(s) for s in Sector.objects.only("pk", "name", "brand_name")}
        self.places = {
            pk: (level, name, parent)
            for pk, level, name, parent in Jurisdiction.objects.filter(
                level__in=(Jurisdiction.Level.VILLAGE, Jurisdiction.Level.TOWN, Jurisdiction.Level.COUNTY)
            ).values_list("pk", "level", "name", "parent_id")
        }
        self.place_names: dict[tuple[int, bool], str] = {}
        self.kinds = dict(BrandKind.choices)
        self.states = dict(State.choices)

    def place(self, place_id: int | None, with_county: bool) -> str:
        key = (place_id, with_county)
        names = self.place_names.get(key)
        if names is None:
            parts: list[str] = []
            node = self.places.get(place_id)
            while node is not None and node[0] in (Jurisdiction.Level.VILLAGE, Jurisdiction.Level.TOWN):
                parts.insert(0, node[1])
                node = self.places.get(node[2])
            if node is not None and node[0] == Jurisdiction.Level.COUNTY and with_county:
                parts.insert(0, node[1])
            names = self.place_names[key] = "".join(parts)
        return names


def summary_rows(nominations: QuerySet) -> Iterator[SummaryRow]:
    """The sheet's rows of a queryset of nominations, in the export's order, streamed
    (`.iterator(chunk_size=CHUNK)` over `values_list`): memory stays flat."""
    lookups = _Lookups()
    rows = nominations.order_by(*SUMMARY_ORDER).values_list(*SUMMARY_VALUES).iterator(chunk_size=CHUNK)
    counties, departments, brands, sectors = (
        lookups.counties,
        lookups.departments,
        lookups.brands,
        lookups.sectors,
    )
    kinds, states, place = lookups.kinds, lookups.states, lookups.place
    for (
        county_id,
        department_id,
        brand_id,
        sector_id,
        name,
        kind,
        workplace,
        address,
        place_id,
        document_number,
        named_on,
        state,
        submitted_at,
    ) in rows:
        if kind == "individual" and workplace:
            where = workplace
        else:
            where = place(place_id, department_id is not None)
            if address:
                where = f"{where}（{address}）" if where else address
            where = where or workplace
        yield (
            counties[county_id] if county_id is not None else departments[department_id],
            brands[brand_id] if brand_id is not None else sectors[sector_id],
            name,
            kinds.get(kind, kind),
            where,
            document_number,
            named_on,
            states.get(state, state),
            _local(submitted_at),
        )


def _instance_row(nomination: Nomination) -> SummaryRow:
    """The sheet's row of a nomination read through `summary_queryset`."""
    nominee = nomination.nominee
    return (
        nomination.unit.name,
        honour_label(nomination.honour),
        nominee.name,
        nominee.get_kind_display(),
        _where(nomination),
        nomination.title.document_number,
        nomination.title.named_on,
        nomination.get_state_display(),
        _local(nomination.submitted_at),
    )


def summary_write(
    rows: Iterable[SummaryRow],
    *,
    campaign: CampaignPage,
    target,
    progress: Callable[[int], object] | None = None,
    every: int = CHUNK,
) -> int:
    """Write the 推荐汇总表 of `rows` to `target` (a path or a binary file): title row
    (merged A1:J1), header row, one row per nomination. Write-only mode, so only the
    row being written is in memory. `progress(n)` is called after every `every` rows
    and once at the end. Returns the number of rows."""
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
    # One styled cell per date column, reused for every row: a write-only sheet
    # serialises a row as soon as it is appended, so the cell is free again afterwards.
    named_on = WriteOnlyCell(ws)
    named_on.number_format = "yyyy-mm-dd"
    submitted = WriteOnlyCell(ws)
    submitted.number_format = "yyyy-mm-dd hh:mm"
    append = ws.append
    number = 0
    for number, (unit, honour, name, kind, where, document, named, state, at) in enumerate(rows, start=1):
        named_on.value = named
        submitted.value = at
        append(
            [
                number,
                neutralise(unit),
                neutralise(honour),
                neutralise(name),
                kind,
                neutralise(where),
                neutralise(document),
                named_on,
                state,
                submitted if at is not None else None,
            ]
        )
        if progress is not None and number % every == 0:
            progress(number)
    workbook.save(target)
    if progress is not None:
        progress(number)
    return number


def write_summary_workbook(nominations: Iterable[Nomination] | QuerySet, *, campaign: CampaignPage) -> bytes:
    """The 推荐汇总表 as bytes, for the workbench's (short) lists: a queryset of
    nominations is read as `summary_rows`; an iterable of nominations (e.g.
    `summary_queryset(qs).iterator()`) row by row."""
    rows = summary_rows(nominations) if isinstance(nominations, QuerySet) else map(_instance_row, nominations)
    buffer = io.BytesIO()
    summary_write(rows, campaign=campaign, target=buffer)
    return buffer.getvalue()


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

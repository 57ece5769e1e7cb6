"""The bench's spreadsheet figures, one measurement per fresh process.

    python bench/sheets.py export            # the portal's 推荐汇总表 of every nomination
    python bench/sheets.py openpyxl          # openpyxl write-only, the same rows × columns
    python bench/sheets.py import USERNAME   # 10,000 rows of a county's batch 推荐汇总表

`bench/run.py` runs each in its own process (so the peak RSS is the measurement's own)
with the bench's settings and database in the environment. Each prints one JSON line:
seconds (of the measured step only), peak RSS before the step and at the end (MB, from
getrusage), rows, and what was measured. The import runs inside a transaction that is
rolled back, so the bench can run again on the same data.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.selectors import campaign_current  # noqa: E402
from nominations.models import Nomination  # noqa: E402

IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def emit(**figures) -> None:
    figures["peak_mb"] = round(peak_mb(), 1)
    print(json.dumps(figures, ensure_ascii=False), flush=True)


def all_nominations():
    return Nomination.objects.all()


def export() -> None:
    """The portal's export of every nomination: `nominations.exports.summary_export_write`
    (what the background export task runs) to a file, else — before that existed — the
    synchronous `write_summary_workbook`."""
    campaign = campaign_current()
    count = all_nominations().count()
    target = tempfile.NamedTemporaryFile(suffix=".xlsx", dir=ROOT / "var", delete=False)  # noqa: SIM115
    target.close()
    try:
        try:
            from nominations.exports import summary_export_write
        except ImportError:
            summary_export_write = None
        before = peak_mb()
        start = time.perf_counter()
        if summary_export_write is not None:
            what = "nominations.exports.summary_export_write (the background export's writer), to a file"
            summary_export_write(campaign=campaign, path=target.name, nominations=all_nominations())
        else:
            from nominations.excel.summary import summary_queryset, write_summary_workbook

            what = "write_summary_workbook (synchronous; no background export yet), to bytes"
            data = write_summary_workbook(
                summary_queryset(all_nominations()).iterator(chunk_size=2000), campaign=campaign
            )
            Path(target.name).write_bytes(data)
        seconds = time.perf_counter() - start
        size = Path(target.name).stat().st_size
    finally:
        os.unlink(target.name)
    emit(what=what, rows=count, seconds=round(seconds, 3), bytes=size, baseline_mb=round(before, 1))


def prefetched_rows() -> list[tuple]:
    """The export's cells as plain tuples: the portal's own `summary_rows` (values_list)
    where it exists, else an equivalent values_list here."""
    try:
        from nominations.excel.summary import summary_rows
    except ImportError:
        summary_rows = None
    if summary_rows is not None:
        return list(summary_rows(all_nominations()))
    from nominations.excel.summary import SUMMARY_ORDER
    from nominations.models import Nominee

    kinds = dict(Nominee._meta.get_field("kind").flatchoices)
    states = dict(Nomination._meta.get_field("state").flatchoices)
    rows = []
    values = all_nominations().order_by(*SUMMARY_ORDER).values_list(
        "county__name", "department__name", "brand__name", "sector__brand_name", "sector__name",
        "nominee__name", "nominee__kind", "nominee__workplace", "nominee__place__name",
        "nominee__address", "title__document_number", "title__named_on", "state", "submitted_at",
    )  # fmt: skip
    for v in values.iterator(chunk_size=2000):
        (county, department, brand, sector_brand, sector, name, kind, workplace, place, address,
         document, named_on, state, submitted) = v  # fmt: skip
        if submitted is not None:
            submitted = timezone.localtime(submitted).replace(tzinfo=None, microsecond=0)
        where = workplace or (f"{place or ''}（{address}）" if address else (place or ""))
        rows.append(
            (county or department, brand or sector_brand or f"{sector}领域", name, kinds.get(kind, kind),
             where, document, named_on, states.get(state, state), submitted)
        )  # fmt: skip
    return rows


def openpyxl_write_only() -> None:
    """The same rows × columns as the portal's export, values fetched first (not timed),
    written to a file by openpyxl's write-only mode with nothing else (timed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from nominations.excel.summary import SUMMARY_HEADERS, summary_title

    campaign = campaign_current()
    fetch_start = time.perf_counter()
    rows = prefetched_rows()
    fetch_seconds = time.perf_counter() - fetch_start
    target = tempfile.NamedTemporaryFile(suffix=".xlsx", dir=ROOT / "var", delete=False)  # noqa: SIM115
    target.close()
    try:
        before = peak_mb()
        start = time.perf_counter()
        workbook = Workbook(write_only=True)
        ws = workbook.create_sheet("推荐汇总表")
        ws.append([summary_title(campaign) if campaign else "推荐汇总表"])
        ws.append(SUMMARY_HEADERS)
        for number, row in enumerate(rows, start=1):
            named_on = WriteOnlyCell(ws, value=row[6])
            named_on.number_format = "yyyy-mm-dd"
            submitted = row[8]
            if submitted is not None:
                submitted = WriteOnlyCell(ws, value=submitted)
                submitted.number_format = "yyyy-mm-dd hh:mm"
            ws.append([number, *row[:6], named_on, row[7], submitted])
        workbook.save(target.name)
        seconds = time.perf_counter() - start
        size = Path(target.name).stat().st_size
    finally:
        os.unlink(target.name)
    emit(
        what="openpyxl write-only, the same rows × columns to a file (values fetched beforehand, not timed)",
        rows=len(rows),
        seconds=round(seconds, 3),
        fetch_seconds=round(fetch_seconds, 3),
        bytes=size,
        baseline_mb=round(before, 1),
    )


class _RollBack(Exception):
    pass


def unit_campaign(unit):
    """The current campaign of the unit's city (what the workbench imports into)."""
    from campaigns.models import CampaignPage
    from portal.models.units import unit_city

    city = unit_city(unit)
    found = CampaignPage.objects.live().filter(city=city).order_by("-year", "-first_published_at").first()
    return found or campaign_current()


def batch_import(username: str) -> None:
    """IMPORT_ROWS rows of the county's own batch template (the template writer's file,
    filled with one row per titled nominee not yet nominated this year: the set's spare
    titles, plus titles created for the occasion if there are too few), imported by
    `nominations_import` (timed); everything rolled back afterwards."""
    from django.contrib.auth import get_user_model
    from openpyxl import load_workbook

    from nominations.excel.batch import _nominated, _unit_titles, write_nomination_template
    from nominations.excel.common import honour_label, normalise
    from nominations.excel.summary import SUMMARY_SHEET
    from nominations.excel.titles import honours_for
    from nominations.imports import importing_unit, nominations_import
    from nominations.models import LocalTitle, Nominee
    from portal.models import Department
    from portal.xlsx import workbook_bytes

    user = get_user_model().objects.get(username=username)
    unit = importing_unit(user)
    campaign = unit_campaign(unit)
    year = campaign.year
    result: dict = {}
    try:
        with transaction.atomic():
            prep = time.perf_counter()
            titles = list(_unit_titles(unit))
            nominated = _nominated(campaign=campaign, nominee_ids={t.nominee_id for t in titles})
            # a name held by two nominees for one honour cannot be told apart in a row: skip it
            holders: dict[tuple, set] = {}
            for title in titles:
                named = (title.brand_id, title.sector_id, normalise(title.nominee.name))
                holders.setdefault(named, set()).add(title.nominee_id)
            free, seen = [], set()
            for title in sorted(titles, key=lambda t: (-t.year, t.pk)):
                key = (title.nominee_id, title.brand_id, title.sector_id)
                named = (title.brand_id, title.sector_id, normalise(title.nominee.name))
                if len(holders[named]) > 1:
                    continue
                if key not in nominated and key not in seen and title.year <= year:
                    seen.add(key)
                    free.append(title)
            # one title per (nominee, honour): the row names the nominee, the honour and the year
            free = free[:IMPORT_ROWS]
            result["existing_titles_used"] = len(free)
            missing = IMPORT_ROWS - len(free)
            if missing:
                honour = honours_for(unit)[0]
                owner = {"department": unit} if isinstance(unit, Department) else {"county": unit}
                honour_field = {"sector": honour} if isinstance(unit, Department) else {"brand": honour}
                kind = getattr(honour, "kind", None) or "collective"
                nominees = Nominee.objects.bulk_create(
                    Nominee(kind=kind, name=f"基准测试对象{i:05d}", collective_type="村", **owner)
                    for i in range(missing)
                )
                free += LocalTitle.objects.bulk_create(
                    LocalTitle(
                        nominee=n,
                        year=year,
                        document_number=f"基准〔{year}〕{i + 1}号",
                        issuing_body=f"{unit.name}基准测试",
                        named_on=f"{year}-06-01",
                        **owner,
                        **honour_field,
                    )  # fmt: skip
                    for i, n in enumerate(nominees)
                )
            names = dict(
                Nominee.objects.filter(pk__in=[t.nominee_id for t in free]).values_list("pk", "name")
            )
            workbook = load_workbook(io.BytesIO(write_nomination_template(unit=unit, campaign=campaign)))
            ws = workbook[SUMMARY_SHEET]
            deeds = "近三年无刑事案件、无重大安全事故，群众安全感满意度98%以上。"
            for i, title in enumerate(free):  # row 4 is the example; the template's styled rows start at 5
                values = [
                    i + 1,
                    honour_label(title.brand or title.sector),
                    names[title.nominee_id],
                    title.year,
                    deeds,
                ]
                for column, value in enumerate(values, start=1):
                    ws.cell(row=5 + i, column=column, value=value)
            data = workbook_bytes(workbook)
            result["prepare_seconds"] = round(time.perf_counter() - prep, 3)
            before_count = Nomination.objects.count()
            before = peak_mb()
            start = time.perf_counter()
            try:
                imported = nominations_import(data=data, actor=user, campaign=campaign)
                result["created"] = imported.created
            except Exception as exc:  # a refused file is a figure too
                result["refused"] = f"{type(exc).__name__}: {str(exc)[:300]}"
            result["seconds"] = round(time.perf_counter() - start, 3)
            result["baseline_mb"] = round(before, 1)
            result["nominations_added"] = Nomination.objects.count() - before_count
            raise _RollBack
    except _RollBack:
        pass
    emit(
        what=f"nominations_import of {IMPORT_ROWS} rows for {unit.name} ({username}), rolled back afterwards",
        rows=IMPORT_ROWS,
        **result,
    )


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "export":
        export()
    elif command == "openpyxl":
        openpyxl_write_only()
    elif command == "import":
        batch_import(sys.argv[2])
    else:
        raise SystemExit(f"unknown command {command}")

"""The report: the tables, each target's verdict, the machine, var/bench-latest.txt."""

from __future__ import annotations

import os
import platform
import statistics
from datetime import datetime
from pathlib import Path

from bench.config import DATABASE_URL, DURATION, FACTOR, OUT, ROUNDS, SAMPLES, SCALE_JSON, VAR, say, step
from bench.load import THREADS
from bench.pages import Page
from bench.timing import ROUNDS_OF_TIMING


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def mean(values) -> float:
    values = [v for v in values if v == v]
    return statistics.fmean(values) if values else float("nan")


def verdict_ratio(ratio: float, target: float) -> str:
    if ratio >= target:
        return "met"
    if not ratio > 0:
        return "MISSED"
    return f"MISSED by {(1 - ratio / target) * 100:.0f}% (needs {target / ratio:.2f}× its req/s)"


def verdict_max(value: float, target: float, unit: str = " ms") -> str:
    if value <= target:
        return "met"
    return f"MISSED by {value - target:.1f}{unit} ({value / target:.1f}× the target)"


def report(pages: list[Page], sheets: dict, scale: dict) -> None:
    say(
        f"Pages under load (wrk -t{THREADS} -c16, {DURATION}s a run,"
        f" {ROUNDS} rounds alternating with the trivial)"
    )
    say(f"{'page':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'trivial':>9}{'ratio':>8}  target      verdict")
    all_trivial = []
    for page in pages:
        rps = mean(r["rps"] for r in page.runs)
        trivial = mean(r["rps"] for r in page.trivial_runs)
        all_trivial += [r["rps"] for r in page.trivial_runs]
        ratio = rps / trivial if trivial else float("nan")
        target = f"≥ {page.min_ratio}×" if page.min_ratio else "—"
        verdict = verdict_ratio(ratio, page.min_ratio) if page.min_ratio else ""
        say(
            f"{page.label:<28}{rps:>9.1f}{mean(r['p50'] for r in page.runs):>9.2f}"
            f"{mean(r['p99'] for r in page.runs):>9.2f}{trivial:>9.0f}{ratio:>7.3f}×  {target:<11} {verdict}"
        )
    trivial_p50 = mean(r["p50"] for p in pages for r in p.trivial_runs)
    trivial_p99 = mean(r["p99"] for p in pages for r in p.trivial_runs)
    say(
        f"{'(trivial view, all runs)':<28}{mean(all_trivial):>9.1f}{trivial_p50:>9.2f}{trivial_p99:>9.2f}"
        f"   min {min(all_trivial):.0f} max {max(all_trivial):.0f}"
    )
    say()
    say(
        f"Server time, page cache off (one request at a time, {SAMPLES} a page in {ROUNDS_OF_TIMING}"
        " rounds over all pages; Server-Timing / client)"
    )
    columns = f"{'p50 ms':>9}{'p99 ms':>9}{'client p50':>12}{'quietest':>10}"
    say(f"{'page':<28}{columns}  target      verdict")
    for page in pages:
        p50 = percentile(page.server_ms, 50)
        target = f"≤ {page.max_ms:g} ms" if page.max_ms else "—"
        verdict = verdict_max(p50, page.max_ms) if page.max_ms and page.server_ms else ""
        quietest = min(page.round_p50s) if page.round_p50s else float("nan")
        say(
            f"{page.label:<28}{p50:>9.2f}{percentile(page.server_ms, 99):>9.2f}"
            f"{percentile(page.client_ms, 50):>12.2f}{quietest:>10.2f}  {target:<11} {verdict}"
        )
    say("(quietest: the p50 of the page's quietest round, what it costs when nothing else runs here;")
    say(" this machine's speed moves by half from one minute to the next. The verdicts read the p50.)")
    notes = [(p.label, n) for p in pages for n in p.notes]
    if notes:
        say()
        for label, note in notes:
            say(f"note — {label}: {note}")
    if sheets:
        say()
        say("Spreadsheets (each in a fresh process; peak = its peak RSS, Django loaded included)")
        sheet_report(sheets, scale)


def sheet_report(sheets: dict, scale: dict) -> None:
    portal, plain = sheets.get("export"), sheets.get("openpyxl")
    if portal and plain:
        ratio = portal["seconds"] / plain["seconds"] if plain["seconds"] else float("nan")
        file_mb = portal["bytes"] / 1e6
        say(
            f"  xlsx export, portal:       {portal['rows']:>7} rows {portal['seconds']:>8.2f} s"
            f"  peak {portal['peak_mb']:>5.0f} MB  ({file_mb:.1f} MB file)"
        )
        fetched = plain["fetch_seconds"]
        say(
            f"  xlsx, openpyxl write-only: {plain['rows']:>7} rows {plain['seconds']:>8.2f} s"
            f"  peak {plain['peak_mb']:>5.0f} MB  (cells fetched first in {fetched:.2f} s, not timed)"
        )
        say(f"  export time ÷ openpyxl's:  {ratio:.2f}×     target ≤ 1.5×     {verdict_max(ratio, 1.5, '×')}")
        peak = portal["peak_mb"]
        say(f"  export peak memory:        {peak:.0f} MB   target ≤ 300 MB   {verdict_max(peak, 300, ' MB')}")
        say(f"  measured: {portal['what']}")
    for key in ("import", "import_max"):
        imp = sheets.get(key)
        if not imp:
            continue
        outcome = f"created {imp['created']}" if "created" in imp else f"refused ({imp.get('refused')})"
        say(
            f"  import of {imp['rows']} rows: {imp['seconds']:.2f} s, {outcome}, peak {imp['peak_mb']:.0f} MB"
        )
        if key == "import":
            if imp.get("created") == imp["rows"] and imp.get("nominations_added") == imp["rows"]:
                say(f"    target ≤ 10 s, all or nothing: {verdict_max(imp['seconds'], 10, ' s')}")
            else:
                say("    target ≤ 10 s, all or nothing: MISSED — the 10,000-row file is not imported")
        else:
            per_10k = imp["seconds"] / imp["rows"] * 10000
            say(
                f"    (the largest file the reader takes; at its rate 10,000 rows take about {per_10k:.0f} s)"
            )
    rows = portal["rows"] if portal else scale.get("nominations")
    if rows is not None and rows < 200000:
        say(f"  (reference set at factor {scale.get('factor') or FACTOR}: {rows} nominations, not 200,000)")


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} CPUs ({cpu}){memory}, {system}, Python {platform.python_version()}"


def publish(started: datetime, pages: list[Page], sheets: dict, scale: dict) -> None:
    say(f"make bench — {started:%Y-%m-%d %H:%M} — {machine()}")
    say(
        f"database {DATABASE_URL.rsplit('/', 1)[-1]} (reference set: {SCALE_JSON.name}"
        + (f", factor {scale['factor']}" if scale.get("factor") else "")
        + "); gunicorn 2 sync workers each; portal.settings.bench (production + HTTP), Redis cache"
    )
    say()
    report(pages, sheets, scale)
    say(f"(took {(datetime.now() - started).total_seconds() / 60:.1f} min)")
    VAR.mkdir(exist_ok=True)
    (VAR / "bench-latest.txt").write_text("\n".join(OUT) + "\n")
    step(f"written to {VAR / 'bench-latest.txt'}")

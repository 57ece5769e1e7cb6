"""`make bench`: the portal's speed on this machine, against a trivial Django view.

Steps: PostgreSQL database `bench` (created, migrated, loaded by `manage.py seed_scale`
when `var/scale.json` is missing or was written for another database or factor);
collectstatic; gunicorn (2 sync workers) serving the portal (`portal.settings.bench`)
and, beside it, `bench/trivial` (a 2 KB page, no database); session cookies of the
county and office accounts by logging in over HTTP; then per page: warm-up, and rounds
of `wrk` alternating the trivial view and the page; then the portal again with its page
cache off, each page requested one at a time to read its server time (the
`Server-Timing` header); then the spreadsheet figures (`bench/sheets.py`, each in a fresh
process). Prints a table with each target and whether it is met (or by how much it is
missed) and writes it to `var/bench-latest.txt`. Every server started is stopped at the end.

Environment (all optional):
  BENCH_DB            database name (default `bench`), on postgres@127.0.0.1:5432
  BENCH_DATABASE_URL  a whole database URL instead (then nothing is created or loaded)
  BENCH_SCALE_JSON    the URLs and accounts file (default var/scale.json)
  BENCH_FACTOR        passed to `seed_scale --factor` for a smaller (quicker) reference set
  BENCH_DURATION      seconds per wrk run (default 10)
  BENCH_ROUNDS        trivial/page alternations per page (default 2)
  BENCH_SAMPLES       sequential requests per page for the server time (default 200)
  BENCH_SKIP_SHEETS=1 leave out the spreadsheet figures
  BENCH_PORT          first of the two ports used (default 8911; the trivial view on +1)

var/scale.json is written by `manage.py seed_scale --json` (its "bench" part: notice_url,
campaign_url, honour_roll_url, honour_search_query, county_username/_password,
office_username/_password); var/bench-seeded.json records which database and factor it
was written for, so a scale.json written elsewhere is rewritten (seed_scale is idempotent)
and a set of another factor is dropped and rebuilt. With BENCH_DATABASE_URL the file
named by BENCH_SCALE_JSON is read as it is (flat keys accepted too).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
from datetime import datetime
from pathlib import Path

# `make bench` runs this file as a script (bench/ first on sys.path): the repository's root for `bench.*`
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.config import PORT, PYTHON, ROOT, TRIVIAL_PORT, env, step  # noqa: E402
from bench.data import (  # noqa: E402
    analyze,
    ensure_database,
    ensure_scale,
    ensure_static,
    flush_cache,
    search_paths,
)
from bench.load import ensure_wrk, throughput  # noqa: E402
from bench.pages import Page  # noqa: E402
from bench.report import publish  # noqa: E402
from bench.servers import Server, fetch, log_in, port_free  # noqa: E402
from bench.timing import server_times  # noqa: E402


def sheet_figures(scale: dict) -> dict:
    figures = {}

    def run(name: str, *args: str, **extra) -> dict:
        step(f"spreadsheets: {name}")
        done = subprocess.run(
            [str(PYTHON), "bench/sheets.py", *args],
            cwd=ROOT,
            env=env(**extra),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"bench/sheets.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    figures["export"] = run("portal export", "export")
    figures["openpyxl"] = run("openpyxl write-only", "openpyxl")
    figures["import"] = run("import 10,000 rows", "import", scale["county"][0])
    refused = figures["import"].get("refused", "")
    limit = re.search(r"超过(\d+)行", refused)
    if limit:  # the reader's row limit: time the largest file it takes, for the rate
        rows = int(limit.group(1)) - 10
        figures["import_max"] = run(
            f"import {rows} rows", "import", scale["county"][0], BENCH_IMPORT_ROWS=str(rows)
        )
    return figures


def main() -> None:
    started = datetime.now()
    ensure_wrk()
    for port in (PORT, TRIVIAL_PORT):
        if not port_free(port):
            raise SystemExit(f"port {port} is taken; set BENCH_PORT")
    ensure_database()
    scale = ensure_scale()
    analyze()
    ensure_static()
    flush_cache()

    portal = Server("portal", PORT)
    trivial = Server("trivial", TRIVIAL_PORT)
    try:
        step("starting gunicorn: portal and trivial view")
        portal.start("portal.wsgi:application")
        trivial.start(
            "trivial.wsgi:application",
            extra_env={"DJANGO_SETTINGS_MODULE": "trivial.settings"},
            pythonpath="bench",
        )
        if len(fetch(TRIVIAL_PORT, "/").body) != 2048:
            raise SystemExit("the trivial view does not answer 2048 bytes")
        county = log_in(PORT, *scale["county"])
        office = log_in(PORT, *scale["office"])
        query = urllib.parse.urlencode({"q": scale["query"]})
        roll = scale["honour_roll"]
        step("the honoured names, one search each")
        searches = search_paths(roll)
        pages = [
            Page("notice", "notice page (anonymous)", scale["notice"], min_ratio=0.5, max_ms=30),
            Page("campaign", "campaign page (anonymous)", scale["campaign"], min_ratio=0.5, max_ms=30),
            Page(
                "search",
                f"honour roll ?q={scale['query']}",
                f"{roll}{'&' if '?' in roll else '?'}{query}",
                min_ratio=0.05,
            ),
            # the same target when no search repeats: every request a page-cache miss
            Page("searches", "honour roll, a new name each", searches[0], min_ratio=0.05, paths=searches),
            Page("workbench", f"workbench ({scale['county'][0]})", "/workbench/", cookie=county, max_ms=50),
            Page(
                "review", f"review board ({scale['office'][0]})", "/admin/review/", cookie=office, max_ms=50
            ),
        ]
        throughput(pages)
        portal.stop()
        trivial.stop()

        step("restarting the portal with its page cache off")
        flush_cache()
        portal.start(
            "portal.wsgi:application", extra_env={"BENCH_NO_PAGE_CACHE": "1", "PAGE_CACHE_ENABLED": "false"}
        )
        server_times(pages)
        portal.stop()
    finally:
        portal.stop()
        trivial.stop()

    sheets = {} if os.environ.get("BENCH_SKIP_SHEETS") == "1" else sheet_figures(scale)

    publish(started, pages, sheets, scale)


if __name__ == "__main__":
    main()

"""Throughput under load: `wrk` runs, alternating the trivial view and each page, and their parsing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

from bench.config import DURATION, HOST, PORT, ROUNDS, TRIVIAL_PORT, VAR, step
from bench.pages import Page, check_page
from bench.servers import fetch


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk (apt-get install wrk)")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


THREADS = 2  # wrk's threads (-t), each its own stride of the paths (bench/paths.lua)
PATHS_SCRIPT = Path(__file__).with_name("paths.lua")
_paths_sent: dict[Path, int] = defaultdict(int)  # where the next run of each paths file starts


def paths_file(page: Page) -> Path:
    """The page's paths, one a line, for bench/paths.lua."""
    VAR.mkdir(exist_ok=True)
    target = VAR / f"bench-paths-{page.key}.txt"
    target.write_text("\n".join(page.paths) + "\n")
    return target


def wrk(
    port: int, path: str, *, cookie: str = "", duration: int = DURATION, paths: Path | None = None
) -> dict:
    """One run. `paths`: a file of paths, a different one each request (bench/paths.lua)."""
    # Every run says what a browser says: it accepts gzip (the page cache keeps long pages
    # compressed; the trivial view's 2 KB answer is never compressed).
    args = ["wrk", f"-t{THREADS}", "-c16", f"-d{duration}s", "--latency", "--timeout", "10s"]
    args += ["-H", "Accept-Encoding: gzip, deflate"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    env = None
    if paths is not None:
        args += ["-s", str(PATHS_SCRIPT)]
        env = {**os.environ, "BENCH_PATHS": str(paths), "BENCH_PATHS_START": str(_paths_sent[paths])}
        env["BENCH_PATHS_STRIDE"] = str(THREADS)
    output = subprocess.run(
        [*args, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True, env=env
    ).stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:(.*)", output)
    cache = re.search(r"page cache: (\d+) hits, (\d+) misses", output)
    sent = re.search(r"^\s*(\d+) requests in", output, re.M)
    if paths is not None and sent:
        # the next run starts past every path this one may have sent (its threads need not be even)
        _paths_sent[paths] += THREADS * int(sent.group(1)) + 64
    return {
        "cache_hits": int(cache.group(1)) if cache else None,
        "cache_misses": int(cache.group(2)) if cache else None,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1).strip() if errors else "",
    }


def throughput(pages: list[Page]) -> None:
    trivial_warm = wrk(TRIVIAL_PORT, "/", duration=2)
    del trivial_warm
    for page in pages:
        step(f"wrk: {page.label}")
        first = check_page(PORT, page)
        if "x-page-cache" in first.headers:
            page.notes.append(f"X-Page-Cache on the first request: {first.headers['x-page-cache']}")
        paths = paths_file(page) if page.paths else None
        wrk(PORT, page.path, cookie=page.cookie, duration=2, paths=paths)  # warm-up
        for _ in range(ROUNDS):
            page.trivial_runs.append(wrk(TRIVIAL_PORT, "/"))
            page.runs.append(wrk(PORT, page.path, cookie=page.cookie, paths=paths))
        bad = sum(r["non2xx"] for r in page.runs)
        if bad:
            page.notes.append(f"{bad} responses were not 2xx/3xx under load")
        errors = [r["errors"] for r in page.runs if r["errors"]]
        if errors:
            page.notes.append(f"socket errors: {errors[-1]}")
        if paths is not None:
            hits = sum(r["cache_hits"] or 0 for r in page.runs)
            misses = sum(r["cache_misses"] or 0 for r in page.runs)
            page.notes.append(
                f"{len(page.paths)} different paths; the page cache answered {hits} hits and {misses} misses"
            )
            continue
        last = fetch(PORT, page.path, cookie=page.cookie)
        if "x-page-cache" in last.headers:
            page.notes.append(f"X-Page-Cache after the runs: {last.headers['x-page-cache']}")

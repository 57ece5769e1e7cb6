"""Server time with the page cache off: each page requested one at a time, its `Server-Timing`
header read (and the client's time beside it)."""

from __future__ import annotations

import re
import statistics
import time

from bench.config import PORT, SAMPLES, step
from bench.pages import Page, check_page
from bench.servers import fetch


def server_times(pages: list[Page]) -> None:
    for page in pages:
        step(f"server time: {page.label}")
        check_page(PORT, page)
        for _ in range(10):
            fetch(PORT, page.path, cookie=page.cookie)
        page.loop_ms.append(machine_speed())
        paths = page.paths or [page.path]
        for sample in range(SAMPLES):
            answer = fetch(PORT, paths[sample % len(paths)], cookie=page.cookie)
            if answer.status != 200:
                raise SystemExit(f"{page.label}: HTTP {answer.status} while timing")
            if answer.headers.get("x-page-cache", "").lower() == "hit":
                page.notes.append("uncached run still answered X-Page-Cache: hit — server time not valid")
                break
            timing = re.search(r"app;dur=([\d.]+)", answer.headers.get("server-timing", ""))
            if timing:
                page.server_ms.append(float(timing.group(1)))
            page.client_ms.append(answer.seconds * 1000)
        page.loop_ms.append(machine_speed())


# What machine_speed() measured on this machine when it was quiet (2026-12-07).
QUIET_LOOP_MS = 220.0


def machine_speed() -> float:
    """Milliseconds a fixed pure-Python loop takes here now (the median of five): this
    machine's speed moves by half and more from one minute to the next, and a server time
    near its target is read beside it (QUIET_LOOP_MS when the machine is quiet)."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i * i
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)

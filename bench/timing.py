"""Server time with the page cache off: each page requested one at a time, its `Server-Timing`
header read (and the client's time beside it).

This machine's speed moves by half and more from one minute to the next (the same page
took 28 ms and 44 ms a minute apart), and a tight Python loop does not show it. So the
pages are not timed one after the other but in ROUNDS_OF_TIMING rounds, each round
requesting every page in turn: all pages meet the same slow and quiet minutes. Each page
keeps the median of every sample (its p50, which the verdicts read) and the median of its
quietest round (what the page costs when nothing else runs)."""

from __future__ import annotations

import re
import statistics

from bench.config import PORT, SAMPLES, step
from bench.pages import Page, check_page
from bench.servers import fetch

ROUNDS_OF_TIMING = 5


def server_times(pages: list[Page]) -> None:
    step(f"server times: {ROUNDS_OF_TIMING} rounds over {len(pages)} pages")
    for page in pages:
        check_page(PORT, page)
        for _ in range(10):
            fetch(PORT, page.path, cookie=page.cookie)
    per_round = max(1, SAMPLES // ROUNDS_OF_TIMING)
    for _ in range(ROUNDS_OF_TIMING):
        for page in pages:
            round_ms = _samples(page, per_round)
            if round_ms:
                page.round_p50s.append(statistics.median(round_ms))


def _samples(page: Page, count: int) -> list[float]:
    paths = page.paths or [page.path]
    taken = []
    for _ in range(count):
        path = paths[len(page.client_ms) % len(paths)]
        answer = fetch(PORT, path, cookie=page.cookie)
        if answer.status != 200:
            raise SystemExit(f"{page.label}: HTTP {answer.status} while timing")
        if answer.headers.get("x-page-cache", "").lower() == "hit":
            page.notes.append("uncached run still answered X-Page-Cache: hit — server time not valid")
            break
        timing = re.search(r"app;dur=([\d.]+)", answer.headers.get("server-timing", ""))
        if timing:
            taken.append(float(timing.group(1)))
        page.client_ms.append(answer.seconds * 1000)
    page.server_ms += taken
    return taken

"""Server time with the page cache off: each page requested one at a time, its `Server-Timing`
header read (and the client's time beside it)."""

from __future__ import annotations

import re

from bench.config import PORT, SAMPLES, step
from bench.pages import Page, check_page
from bench.servers import fetch


def server_times(pages: list[Page]) -> None:
    for page in pages:
        step(f"server time: {page.label}")
        check_page(PORT, page)
        for _ in range(10):
            fetch(PORT, page.path, cookie=page.cookie)
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

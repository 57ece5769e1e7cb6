"""The pages measured: each with its targets and, as the bench goes, its figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.servers import Response, fetch


@dataclass
class Page:
    key: str
    label: str
    path: str
    cookie: str = ""
    min_ratio: float | None = None  # of the trivial view's requests/s
    max_ms: float | None = None  # server time, page cache off
    paths: list[str] = field(default_factory=list)  # a different path each request (`path` first)
    runs: list[dict] = field(default_factory=list)
    trivial_runs: list[dict] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    round_p50s: list[float] = field(default_factory=list)  # server time, the median of each round


def check_page(port: int, page: Page) -> Response:
    answer = fetch(port, page.path, cookie=page.cookie)
    if answer.status != 200:
        raise SystemExit(
            f"{page.label} {page.path}: HTTP {answer.status} {answer.headers.get('location', '')}"
        )
    return answer

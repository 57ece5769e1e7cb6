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

import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LOGS = VAR / "bench-logs"

DB_NAME = os.environ.get("BENCH_DB", "bench")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
SCALE_JSON = Path(os.environ.get("BENCH_SCALE_JSON", VAR / "scale.json"))
FACTOR = os.environ.get("BENCH_FACTOR", "")
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "200"))
PORT = int(os.environ.get("BENCH_PORT", "8911"))
TRIVIAL_PORT = PORT + 1
HOST = "127.0.0.1"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")

SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DATABASE_CONN_MAX_AGE": "600",  # persistent connections, as a deployment would use
    "DJANGO_SECRET_KEY": "bench-only-not-secret",
    "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
}

OUT: list[str] = []


def say(line: str = "") -> None:
    print(line, flush=True)
    OUT.append(line)


def step(text: str) -> None:
    print(f"-- {text}", file=sys.stderr, flush=True)


def env(**extra) -> dict:
    return {**os.environ, **SERVER_ENV, **extra}


def manage(*args: str, **extra) -> None:
    # its output is progress, not figures: to stderr, beside the bench's own progress lines
    subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env(**extra), check=True, stdout=sys.stderr
    )


# --- preparing ----------------------------------------------------------------------------


def ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk (apt-get install wrk)")


def ensure_database() -> None:
    if os.environ.get("BENCH_DATABASE_URL"):
        step(f"using {DATABASE_URL} as it is")
    else:
        made = subprocess.run(
            ["createdb", "-h", HOST, "-U", "postgres", DB_NAME], capture_output=True, text=True
        )
        if made.returncode != 0 and "already exists" not in made.stderr:
            raise SystemExit(f"createdb {DB_NAME}: {made.stderr.strip()}")
        step(f"database {DB_NAME}: {'created' if made.returncode == 0 else 'exists'}; migrating")
    manage("migrate", "--noinput", "-v0")


STAMP = VAR / "bench-seeded.json"  # which database and factor var/scale.json was last written for


def wanted_factor() -> float:
    return float(FACTOR) if FACTOR else 1.0


def scale_is_stale() -> str | None:
    """Why `seed_scale` must run (again), or None. It is idempotent: on a database that
    already holds the set it writes nothing but var/scale.json."""
    if not SCALE_JSON.exists():
        return f"{SCALE_JSON.name} is missing"
    if not STAMP.exists():
        return f"{SCALE_JSON.name} was not written for the bench's database"
    stamp = json.loads(STAMP.read_text())
    if stamp.get("database") != DB_NAME or stamp.get("mtime") != SCALE_JSON.stat().st_mtime:
        return f"{SCALE_JSON.name} was written for another database (or rewritten since)"
    if float(stamp.get("factor", 0)) != wanted_factor():
        return f"the bench's set was built at factor {stamp.get('factor')}, {wanted_factor()} wanted"
    return None


def ensure_scale() -> dict:
    if os.environ.get("BENCH_DATABASE_URL"):
        if not SCALE_JSON.exists():
            raise SystemExit(f"{SCALE_JSON} is missing; with BENCH_DATABASE_URL the bench loads nothing")
        return load_scale(json.loads(SCALE_JSON.read_text()))
    stale = scale_is_stale()
    if stale:
        if STAMP.exists():
            stamp = json.loads(STAMP.read_text())
            if stamp.get("database") == DB_NAME and float(stamp.get("factor", 0)) != wanted_factor():
                step(f"dropping database {DB_NAME} (built at factor {stamp.get('factor')})")
                STAMP.unlink()
                subprocess.run(["dropdb", "-h", HOST, "-U", "postgres", DB_NAME], check=True)
                ensure_database()
        step(
            f"{stale}: manage.py seed_scale --factor {wanted_factor()} (the reference set; long at factor 1)"
        )
        started = time.monotonic()
        try:
            manage("seed_scale", "--factor", str(wanted_factor()), "--json", str(SCALE_JSON))
        except subprocess.CalledProcessError as exc:
            raise SystemExit(f"manage.py seed_scale failed ({exc.returncode})") from exc
        step(f"seed_scale took {time.monotonic() - started:.0f} s")
        STAMP.write_text(
            json.dumps({"database": DB_NAME, "factor": wanted_factor(), "mtime": SCALE_JSON.stat().st_mtime})
            + "\n"
        )
    return load_scale(json.loads(SCALE_JSON.read_text()))


def load_scale(data: dict) -> dict:
    """The bench's view of scale.json, tolerant of flat or nested spellings."""
    urls = data.get("urls", {})
    nested = data.get("bench", {})  # seed_scale's report: {"bench": {...}, "factor": ..., "counts": ...}

    def pick(*names, default=None):
        for name in names:
            for source in (nested, data, urls):
                if source.get(name):
                    return source[name]
        if default is None:
            raise SystemExit(f"{SCALE_JSON} has none of {', '.join(names)}")
        return default

    def account(role: str) -> tuple[str, str]:
        found = nested.get(role) or data.get(role) or data.get("accounts", {}).get(role) or {}
        username = found.get("username") or nested.get(f"{role}_username") or data.get(f"{role}_username")
        password = found.get("password") or nested.get(f"{role}_password") or data.get(f"{role}_password")
        if not (username and password):
            raise SystemExit(f"{SCALE_JSON} has no {role} username/password")
        return username, password

    return {
        "notice": pick("notice_url", "notice"),
        "campaign": pick("campaign_url", "campaign"),
        "honour_roll": pick("honour_roll_url", "honour_roll", "honours_url", default="/honours/"),
        "query": pick("honour_search_query", "search_query", "query"),
        "county": account("county"),
        "office": account("office"),
        "factor": data.get("factor"),
        "nominations": data.get("counts", {}).get("nominations"),
        "notice_entries": nested.get("notice_entries"),
    }


def ensure_static() -> None:
    manifest = VAR / "static" / "staticfiles.json"
    sources = [ROOT / "static", *ROOT.glob("*/static")]
    newest = max((p.stat().st_mtime for d in sources for p in d.rglob("*") if p.is_file()), default=0)
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        return
    step("collectstatic")
    manage("collectstatic", "--noinput", "-v0")


def flush_cache() -> None:
    code = "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()"  # the bench's own Redis db
    subprocess.run([str(PYTHON), "-c", code, REDIS_URL], check=True)


# --- servers ----------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen | None = None

    def start(self, app: str, *, extra_env: dict | None = None, pythonpath: str | None = None) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"{self.name}.log", "ab")  # noqa: SIM115  (the server's, for its lifetime)
        args = [
            str(GUNICORN),
            app,
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{self.port}",
        ]
        args += ["--timeout", "120", "--log-level", "warning"]
        if pythonpath:
            args += ["--pythonpath", pythonpath]
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env(**(extra_env or {})), stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"{self.name} exited ({self.process.returncode}); see {LOGS / (self.name + '.log')}"
                )
            try:
                fetch(self.port, "/")
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name} did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # gunicorn's master and its workers, our own group
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


def port_free(port: int) -> bool:
    try:
        fetch(port, "/")
    except OSError:
        return True
    return False


@dataclass
class Response:
    status: int
    headers: dict
    cookies: dict
    body: bytes
    seconds: float


def fetch(
    port: int, path: str, *, cookie: str = "", method: str = "GET", data: dict | None = None
) -> Response:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    start = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    seconds = time.perf_counter() - start
    cookies = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
    result = Response(
        response.status, {k.lower(): v for k, v in response.getheaders()}, cookies, content, seconds
    )
    connection.close()
    return result


def log_in(port: int, username: str, password: str) -> str:
    """A `Cookie:` header value carrying a logged-in session (CSRF cookie and token first)."""
    page = fetch(port, "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if page.status != 200 or not token or "csrftoken" not in page.cookies:
        raise SystemExit(f"login page: HTTP {page.status}, no CSRF token")
    csrf = page.cookies["csrftoken"]
    answer = fetch(
        port,
        "/accounts/login/",
        method="POST",
        cookie=f"csrftoken={csrf}",
        data={"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password},
    )
    if answer.status != 302 or "sessionid" not in answer.cookies:
        raise SystemExit(f"logging in as {username}: HTTP {answer.status}, no session")
    return f"csrftoken={csrf}; sessionid={answer.cookies['sessionid']}"


# --- pages and targets ---------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    path: str
    cookie: str = ""
    min_ratio: float | None = None  # of the trivial view's requests/s
    max_ms: float | None = None  # server time, page cache off
    runs: list[dict] = field(default_factory=list)
    trivial_runs: list[dict] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(port: int, path: str, *, cookie: str = "", duration: int = DURATION) -> dict:
    args = ["wrk", "-t2", "-c16", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*args, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:(.*)", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1).strip() if errors else "",
    }


def check_page(port: int, page: Page) -> Response:
    answer = fetch(port, page.path, cookie=page.cookie)
    if answer.status != 200:
        raise SystemExit(
            f"{page.label} {page.path}: HTTP {answer.status} {answer.headers.get('location', '')}"
        )
    return answer


def throughput(pages: list[Page]) -> None:
    trivial_warm = wrk(TRIVIAL_PORT, "/", duration=2)
    del trivial_warm
    for page in pages:
        step(f"wrk: {page.label}")
        first = check_page(PORT, page)
        if "x-page-cache" in first.headers:
            page.notes.append(f"X-Page-Cache on the first request: {first.headers['x-page-cache']}")
        wrk(PORT, page.path, cookie=page.cookie, duration=2)  # warm-up
        for _ in range(ROUNDS):
            page.trivial_runs.append(wrk(TRIVIAL_PORT, "/"))
            page.runs.append(wrk(PORT, page.path, cookie=page.cookie))
        bad = sum(r["non2xx"] for r in page.runs)
        if bad:
            page.notes.append(f"{bad} responses were not 2xx/3xx under load")
        errors = [r["errors"] for r in page.runs if r["errors"]]
        if errors:
            page.notes.append(f"socket errors: {errors[-1]}")
        last = fetch(PORT, page.path, cookie=page.cookie)
        if "x-page-cache" in last.headers:
            page.notes.append(f"X-Page-Cache after the runs: {last.headers['x-page-cache']}")


def server_times(pages: list[Page]) -> None:
    for page in pages:
        step(f"server time: {page.label}")
        check_page(PORT, page)
        for _ in range(10):
            fetch(PORT, page.path, cookie=page.cookie)
        for _ in range(SAMPLES):
            answer = fetch(PORT, page.path, cookie=page.cookie)
            if answer.status != 200:
                raise SystemExit(f"{page.label}: HTTP {answer.status} while timing")
            if answer.headers.get("x-page-cache", "").lower() == "hit":
                page.notes.append("uncached run still answered X-Page-Cache: hit — server time not valid")
                break
            timing = re.search(r"app;dur=([\d.]+)", answer.headers.get("server-timing", ""))
            if timing:
                page.server_ms.append(float(timing.group(1)))
            page.client_ms.append(answer.seconds * 1000)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def mean(values) -> float:
    values = [v for v in values if v == v]
    return statistics.fmean(values) if values else float("nan")


# --- report ------------------------------------------------------------------------------


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
    say(f"Pages under load (wrk -t2 -c16, {DURATION}s a run, {ROUNDS} rounds alternating with the trivial)")
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
    say(f"Server time, page cache off (one request at a time, {SAMPLES} each; Server-Timing / client)")
    say(f"{'page':<28}{'p50 ms':>9}{'p99 ms':>9}{'client p50':>12}  target      verdict")
    for page in pages:
        p50 = percentile(page.server_ms, 50)
        target = f"≤ {page.max_ms:g} ms" if page.max_ms else "—"
        verdict = verdict_max(p50, page.max_ms) if page.max_ms and page.server_ms else ""
        say(
            f"{page.label:<28}{p50:>9.2f}{percentile(page.server_ms, 99):>9.2f}"
            f"{percentile(page.client_ms, 50):>12.2f}  {target:<11} {verdict}"
        )
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
        pages = [
            Page("notice", "notice page (anonymous)", scale["notice"], min_ratio=0.5, max_ms=30),
            Page("campaign", "campaign page (anonymous)", scale["campaign"], min_ratio=0.5, max_ms=30),
            Page(
                "search",
                f"honour roll ?q={scale['query']}",
                f"{roll}{'&' if '?' in roll else '?'}{query}",
                min_ratio=0.05,
            ),
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


if __name__ == "__main__":
    main()

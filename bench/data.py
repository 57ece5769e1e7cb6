"""What the servers serve: the `bench` database (created, migrated), the reference set
(`seed_scale`, var/scale.json and var/bench-seeded.json), the static files, the Redis cache."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.parse

from bench.config import (
    DATABASE_URL,
    DB_NAME,
    FACTOR,
    HOST,
    PYTHON,
    REDIS_URL,
    ROOT,
    SCALE_JSON,
    VAR,
    env,
    manage,
    step,
)


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


def analyze() -> None:
    """Planner statistics and the visibility map before measuring: this machine's
    PostgreSQL runs without autovacuum, so a set loaded by an older seed_scale may never
    have been vacuumed or analyzed."""
    step("VACUUM (ANALYZE): planner statistics, visibility map")
    manage("shell", "-c", "from portal.scale import analyze; analyze()")


SEARCH_PATHS_CODE = """
import json
from honours.selectors import honours_public
names = honours_public().order_by("id").values_list("name", flat=True)
print(json.dumps(list(dict.fromkeys(names))[:{limit}]))
"""


def search_paths(roll: str, *, limit: int = 20000) -> list[str]:
    """The honour roll searched for each honoured name of the set (in the order conferred,
    each once): what the bench sends when every search must differ from the last."""
    done = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", SEARCH_PATHS_CODE.format(limit=limit)],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        check=True,
    )
    names = json.loads(done.stdout.strip().splitlines()[-1])
    separator = "&" if "?" in roll else "?"
    return [f"{roll}{separator}{urllib.parse.urlencode({'q': name})}" for name in names]

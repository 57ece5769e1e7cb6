"""The bench's paths, its environment settings (documented in bench/run.py) and the helpers
every step shares: progress lines, the report's lines, `manage.py` with the servers' environment."""

from __future__ import annotations

import os
import subprocess
import sys
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

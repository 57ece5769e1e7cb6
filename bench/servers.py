"""gunicorn for the portal and for bench/trivial, and plain HTTP to them (logging in included)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
import urllib.parse
from dataclasses import dataclass

from bench.config import GUNICORN, HOST, LOGS, ROOT, env


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

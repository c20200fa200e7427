"""Helpers for tests that run real servers: free ports, start, wait, always stop.

Every server binds 127.0.0.1 on a port the OS just handed out, is waited for with a
bounded timeout, and is stopped (terminate, then kill) in the fixture's teardown.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
KG = str(VENV_BIN / "kg") if (VENV_BIN / "kg").exists() else "kg"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Http:
    """An HTTP answer: status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(url: str, *, method: str = "GET", data: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 20) -> Http:
    """One HTTP request; error statuses are returned, not raised."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Http(resp.status, {k.lower(): v for k, v in resp.headers.items()},
                        resp.read())
    except urllib.error.HTTPError as exc:
        return Http(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


@dataclass
class Server:
    """A running server process and its base URL."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def wait_until_up(server: Server, path: str = "/", timeout: float = 30) -> None:
    """Poll until the server answers (any HTTP status) or fail with its output."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            pytest.fail(f"server exited with {server.proc.returncode}:\n{server.output()}")
        try:
            request(server.url + path, timeout=2)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    pytest.fail(f"server did not answer within {timeout} s:\n{server.output()}")


def stop(proc: subprocess.Popen[bytes], grace: float = 5) -> None:
    """Terminate the process (and so its children), kill it if it does not stop."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(grace)


@contextlib.contextmanager
def running(argv: Sequence[str], port: int, log: Path, path: str = "/",
            cwd: Path | None = None) -> Iterator[Server]:
    """Start ``argv``, wait until ``http://127.0.0.1:{port}{path}`` answers, stop it after."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen(list(argv), stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=str(cwd) if cwd else None)
        server = Server(proc, f"http://127.0.0.1:{port}", log)
        try:
            wait_until_up(server, path)
            yield server
        finally:
            stop(proc)


def build_seed(store: Path) -> Path:
    """Build the bundled seed article into ``store``."""
    from kg.pipeline import build

    build(None, store)
    return store

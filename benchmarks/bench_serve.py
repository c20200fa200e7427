"""Load test of ``kg serve``: many requests at once, latency percentiles and errors.

    .venv/bin/python benchmarks/bench_serve.py [--store DIR] [--requests 3000]
                                               [--concurrency 32] [--workers 2]

Builds the bundled seed into a temporary store (or uses ``--store``), starts
``kg serve`` on a free 127.0.0.1 port as a subprocess, and sends a fixed number of
requests from ``--concurrency`` threads, each with its own keep-alive
``http.client`` connection. The mix, in turn: the shipped competency queries as
SPARQL GET and POST, and entity, fact and article pages as HTML and as Turtle. Prints
one table row per request kind and a total; exits 1 if any request failed (a
non-2xx status or an exception). The server is always stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BASE = "https://kg.example.org/"
KINDS = ("sparql-get", "sparql-post", "page-html", "page-ttl")
_ACCEPT = {"sparql-get": "application/sparql-results+json",
           "sparql-post": "application/sparql-results+json",
           "page-html": "text/html", "page-ttl": "text/turtle"}
# a few pages of each kind; LIMIT keeps this cheap on a big store
_PAGES = """SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a ?t }}
  FILTER(STRSTARTS(STR(?s), "{base}{part}") && !CONTAINS(STR(?s), "#")) }} LIMIT 8"""


@dataclass
class Load:
    """What a load run measured: latencies (seconds) and errors, per request kind."""

    requests: int
    concurrency: int
    wall: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)  # a few error descriptions

    @property
    def total_errors(self) -> int:
        return sum(self.errors.values())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kg_command() -> list[str]:
    """How to run ``kg`` with this interpreter's environment."""
    script = Path(sys.executable).parent / "kg"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from kg.cli import main; main()"]


@contextlib.contextmanager
def serving(store: Path, *, workers: int = 2, timeout: float = 10.0,
            log: Path | None = None) -> Iterator[str]:
    """Run ``kg serve`` on ``store`` on a free local port; yield its URL; always stop it."""
    port = free_port()
    argv = [*kg_command(), "serve", "--store", str(store), "--port", str(port),
            "--workers", str(workers), "--timeout", str(timeout)]
    with contextlib.ExitStack() as stack:
        if log is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory())
            log = Path(folder) / "serve.log"
        out = stack.enter_context(log.open("wb"))
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(proc, url, log)
            yield url
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)


def _wait_until_up(proc: subprocess.Popen[bytes], url: str, log: Path,
                   timeout: float = 60) -> None:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}:\n"
                               + log.read_text(errors="replace"))
        conn = http.client.HTTPConnection(host, int(port), timeout=2)
        try:
            conn.request("GET", "/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
        finally:
            conn.close()
    raise RuntimeError(f"kg serve did not answer within {timeout} s")


def plan(url: str, base: str = BASE) -> dict[str, list[tuple[str, str, bytes | None]]]:
    """Per kind, the requests to cycle through: (method, path, body)."""
    from kg.query import named_queries

    queries = [text for _title, text in named_queries().values()]
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    paths: list[str] = []
    for part in ("id/", "fact/", "article/"):
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            q = urllib.parse.urlencode({"query": _PAGES.format(base=base, part=part)})
            conn.request("GET", f"/sparql?{q}", headers={"Accept": "text/csv"})
            resp = conn.getresponse()
            body = resp.read().decode("utf-8")
            if resp.status != 200:
                raise RuntimeError(f"listing the pages failed: {resp.status} {body[:200]}")
        finally:
            conn.close()
        iris = sorted(line.strip() for line in body.splitlines()[1:] if line.strip())
        paths += ["/" + i[len(base):] for i in iris]
    if not paths:
        raise RuntimeError(f"no entity, fact or article IRI under {base} in the store")
    return {
        "sparql-get": [("GET", "/sparql?" + urllib.parse.urlencode({"query": t}), None)
                       for t in queries],
        "sparql-post": [("POST", "/sparql", t.encode("utf-8")) for t in queries],
        "page-html": [("GET", p, None) for p in paths],
        "page-ttl": [("GET", p, None) for p in paths],
    }


def run_load(url: str, *, requests: int = 3000, concurrency: int = 32,
             base: str = BASE, timeout: float = 60) -> Load:
    """Send ``requests`` requests from ``concurrency`` threads (keep-alive connections)."""
    todo = plan(url, base)
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    load = Load(requests, concurrency, latencies={k: [] for k in KINDS},
                errors={k: 0 for k in KINDS})
    counter = itertools.count()
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
        try:
            while True:
                with lock:
                    i = next(counter)
                if i >= requests:
                    return
                kind = KINDS[i % len(KINDS)]
                items = todo[kind]
                method, path, body = items[(i // len(KINDS)) % len(items)]
                headers = {"Accept": _ACCEPT[kind]}
                if body is not None:
                    headers["Content-Type"] = "application/sparql-query"
                start = time.perf_counter()
                problem = None
                try:
                    conn.request(method, path, body=body, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read()
                    if not 200 <= resp.status < 300:
                        problem = f"{kind} {path[:60]}: {resp.status} {data[:120]!r}"
                except (OSError, http.client.HTTPException) as exc:
                    problem = f"{kind} {path[:60]}: {exc!r}"
                    conn.close()  # reconnects on the next request
                took = time.perf_counter() - start
                with lock:
                    load.latencies[kind].append(took)
                    if problem is not None:
                        load.errors[kind] += 1
                        if len(load.samples) < 5:
                            load.samples.append(problem)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, name=f"load-{n}") for n in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    load.wall = time.perf_counter() - start
    return load


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile of ``values`` (0 for none).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([1.0, 2.0, 3.0, 4.0], 99)
    (2.0, 4.0)
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def table(load: Load) -> str:
    """The results as a Markdown table, one row per kind and a total."""
    head = ["kind", "requests", "concurrency", "wall s", "req/s", "p50 ms", "p90 ms",
            "p99 ms", "max ms", "errors"]
    rows = []
    every: list[float] = []
    for kind in KINDS:
        lat = load.latencies.get(kind, [])
        every += lat
        rows.append((kind, lat, load.errors.get(kind, 0)))
    rows.append(("total", every, load.total_errors))
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i else "---"
                                                        for i in range(len(head))) + "|"]
    for kind, lat, errors in rows:
        rate = len(lat) / load.wall if load.wall else 0.0
        cells = [kind, f"{len(lat):,}", str(load.concurrency), f"{load.wall:.2f}",
                 f"{rate:,.0f}"] + [f"{percentile(lat, p) * 1000:.1f}" for p in (50, 90, 99)] \
            + [f"{max(lat, default=0) * 1000:.1f}", str(errors)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, help="a built store (default: build the seed)")
    ap.add_argument("--base", default=BASE, help="the store's base IRI")
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    args = ap.parse_args(argv)
    if args.requests <= 0 or args.concurrency <= 0:
        ap.error("--requests and --concurrency must be positive")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            from kg.pipeline import build

            store = Path(tmp) / "store"
            build(None, store)
        with serving(store, workers=args.workers, log=Path(tmp) / "serve.log") as url:
            load = run_load(url, requests=args.requests, concurrency=args.concurrency,
                            base=args.base)
    print(table(load))
    for sample in load.samples:
        print("error:", sample, file=sys.stderr)
    return 1 if load.total_errors else 0


if __name__ == "__main__":
    sys.exit(main())

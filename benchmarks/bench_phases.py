"""Where a whole build's CPU and end go: each thread group's CPU, and each step after
the last article.

    .venv/bin/python benchmarks/bench_phases.py [--articles 10000] [--workers 2]
        [--batch-size N] [--no-third] [--workdir DIR]

The corpus is bench_corpus's (fixed seed), built without mentions. While the build
runs, a thread samples the CPU of every thread of the building process from
``/proc/self/task`` (Linux only) every half second and keeps the last reading, so the
table gives, per article, the CPU of the building process's own threads (``python``:
its main and writer threads and the bulk loader's) and of RocksDB's compaction and
flush threads (``rocksdb:low``, ``rocksdb:high``), beside the workers' (their
processes' CPU once they ended). Then the wall clock of each end step (the events,
the query index, compaction, the counts), timed by wrapping the library functions the
build calls. Unless ``--no-third``, the corpus with one article added is built again
into the same store, with the same step table: its reference is the first build's
wall clock. Run on demand, not in the tests.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class ThreadCpu:
    """The CPU seconds of each thread of this process, by thread name (its last reading:
    a thread that ends keeps what it had half a second before)."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ThreadCpu:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self._sample()

    def _sample(self) -> None:
        for tid in os.listdir("/proc/self/task"):
            try:
                stat = Path(f"/proc/self/task/{tid}/stat").read_text()
                name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            self.last[tid] = (name, (int(fields[11]) + int(fields[12])) / self._tick)

    def by_name(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, cpu in self.last.values():
            out[name] = out.get(name, 0.0) + cpu
        return out


def _timed(steps: dict[str, float]) -> Callable[[], None]:
    """Wrap the end steps the build calls; returns what undoes it."""
    import kg.events
    import kg.index
    import kg.store
    from kg.store import Store

    undo = []
    for owner, name in ((kg.events, "update_events"), (kg.index, "update_index"),
                        (kg.index, "article_claims"), (Store, "compact"),
                        (kg.store, "counts")):
        real = getattr(owner, name)

        def wrapped(*a: Any, _real: Any = real, _name: str = name, **k: Any) -> Any:
            started = time.perf_counter()
            try:
                return _real(*a, **k)
            finally:
                steps[_name] = steps.get(_name, 0.0) + time.perf_counter() - started

        setattr(owner, name, functools.wraps(real)(wrapped))
        undo.append((owner, name, real))

    def restore() -> None:
        for owner, name, real in undo:
            setattr(owner, name, real)

    return restore


def _build(corpus: Path, store: Path, opts: dict[str, Any]) -> tuple[float, int, dict[str, float]]:
    from kg.pipeline import build

    steps: dict[str, float] = {}
    undo = _timed(steps)
    try:
        started = time.perf_counter()
        result = build([corpus], store, **opts)
        return time.perf_counter() - started, len(result.loaded), steps
    finally:
        undo()


def _steps(steps: dict[str, float], wall: float, reference: float) -> None:
    for name in ("article_claims", "update_events", "update_index", "compact", "counts"):
        if name in steps:
            print(f"  {name:40}{steps[name]:10.1f} s  ({steps[name] / reference:.1%} of the first)")
    print(f"  {'the whole build':40}{wall:10.1f} s  ({wall / reference:.1%} of the first)")


def main(argv: list[str] | None = None) -> None:
    from bench_corpus import corpus_in, one_more

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=None)
    ap.add_argument("--no-third", action="store_true")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    if not Path("/proc/self/task").is_dir():
        sys.exit("bench_phases: needs /proc (Linux)")
    work, corpus = corpus_in(args.workdir, args.articles, "kg-phases-")
    store = work / "store-phases"
    shutil.rmtree(store, ignore_errors=True)
    opts: dict[str, Any] = {"workers": args.workers, "mentions": False}
    if args.batch_size:
        opts["batch_size"] = args.batch_size
    with ThreadCpu() as cpu:
        wall, n, steps = _build(corpus, store, opts)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\n{n} articles, {args.workers} workers, without mentions: {n / wall:.1f} articles/s "
          f"({wall:.1f} s)")
    print(f"{'CPU ms per article':44}")
    for name, seconds in sorted(cpu.by_name().items(), key=lambda kv: -kv[1]):
        print(f"  building process, {name + ' threads':22}{seconds / n * 1000:14.2f}")
    print(f"  {'workers':40}{(children.ru_utime + children.ru_stime) / n * 1000:14.2f}")
    print("after the last article:")
    _steps(steps, wall, wall)
    if not args.no_third:
        grown = one_more(corpus, work)
        third, _, third_steps = _build(grown, store, opts)
        print("third build, one article added:")
        _steps(third_steps, third, wall)


if __name__ == "__main__":
    main()

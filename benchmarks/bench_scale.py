"""The scale figures of a whole build: a generated corpus built, queried and built again.

    .venv/bin/python benchmarks/bench_scale.py [--articles 100000] [--workers 2]
        [--no-mentions] [--no-third] [--workdir DIR]

The corpus is bench_corpus's (fixed seed). It is built with ``kg.pipeline.build``
(every article validated), then the table gives: articles/s, the peak memory of the
building process and of its largest worker, the store's size on disk as the build
leaves it (bytes per triple, write-ahead log left; a build of 1,000 articles or more
compacts it at its end, and the table says how long that took), each parameterised competency
query on the full store (median of 5 after one warm-up run, its first page of 1,000
rows), a second build of the unchanged corpus and (unless ``--no-third``) a third with
one article added, each as a share of the first; each figure is printed as it is
measured, with the build's articles/s over each tenth of the corpus and its end phase;
the third build runs in a process of its own, whose peak memory is given. The
reference of the ratios is the first build's wall clock.
Run on demand, not in the tests.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CFE = "treaty/treaty-on-conventional-armed-forces-in-europe"
#: (query, parameters): what an analyst asks of one entity, treaty, kind or period.
CASES = [("positions", {"person": "person/sergey-lavrov"}),
         ("statements", {"by": "person/sergey-lavrov"}),
         ("memberships", {"group": "bloc/nato"}),
         ("events", {"treaty": CFE}),
         ("treaty-timeline", {"treaty": CFE, "from": "1991", "to": "2010"}),
         ("treaty-timeline", {"kind": "signed"}),
         ("treaty-timeline", {"treaty": CFE, "involving": "state/russia"}),
         ("statements", {"on": CFE}),
         ("positions", {})]


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    wal = sum(p.stat().st_size for p in files if p.suffix == ".log" and p.stem.isdigit())
    return sum(p.stat().st_size for p in files), wal


def _quads(store_path: Path) -> int:
    """Every quad of the data store (the article graphs, the entities, the events and
    the query index): what its bytes hold."""
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(store_path)))


def _queries(store_path: Path, base: str) -> list[tuple[str, float, int]]:
    from kg.query import bind, named_queries, page
    from kg.store import open_store

    queries = named_queries()
    out = []
    with open_store(store_path, read_only=True) as store:
        for name, params in CASES:
            q = queries[name]
            text = page(bind(q[1] if isinstance(q, tuple) else q, params, store, base), 1000)
            times, rows = [], 0
            for _ in range(6):
                start = time.perf_counter()
                rows = len(list(store.query(text)))
                times.append(time.perf_counter() - start)
            label = f"{name} " + (",".join(f"{k}={v.rsplit('/', 1)[-1][:20]}"
                                           for k, v in params.items()) or "(all)")
            out.append((label, statistics.median(times[1:]) * 1000, rows))
    return out


def _marker(marks: list[tuple[int, float]], total: int) -> Any:
    """A progress callback that notes the time at each tenth of the corpus."""
    step = max(1, total // 10)

    def note(done: int, _: int) -> None:
        if done // step > len(marks) - 1 or not marks:
            marks.append((done, time.perf_counter()))
    return note


def _print_tenths(marks: list[tuple[int, float]], start: float, wall: float) -> None:
    """Articles/s over each tenth of the build (does writing slow down as the store
    grows?), and the end phase: from the last article built to the build's end."""
    rates, last = [], (0, start)
    for done, at in marks:
        if done > last[0] and at > last[1]:
            rates.append(f"{(done - last[0]) / (at - last[1]):.0f}")
            last = (done, at)
    print(f"{'  by tenths of the corpus, articles/s':44}{' '.join(rates)}")
    print(f"{'  after the last article was built':44}{start + wall - last[1]:12.1f} s  "
          "(the last batch written, the events, the index, compacting)")


def _third(grown: Path, store: Path, opts: dict[str, Any]) -> tuple[float, float]:
    """The wall clock and the peak memory (MB) of a build of ``grown`` into ``store``
    in a process of its own."""
    import json
    import subprocess

    # the child's own high-water mark (/proc's VmHWM: ru_maxrss starts at the parent's)
    code = ("import json, sys, time\nfrom kg.pipeline import build\n"
            "t = time.perf_counter()\n"
            "build([sys.argv[1]], sys.argv[2], **json.loads(sys.argv[3]))\n"
            "hwm = [x for x in open('/proc/self/status') if x.startswith('VmHWM')]\n"
            "print(time.perf_counter() - t, int(hwm[0].split()[1]) / 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(grown), str(store), json.dumps(opts)],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main(argv: list[str] | None = None) -> None:
    from bench_corpus import corpus_in, one_more

    from kg.pipeline import build

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-mentions", action="store_true", help="build without the mention layer")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--no-third", action="store_true",
                    help="leave out the third build (one article added)")
    args = ap.parse_args(argv)
    work, corpus = corpus_in(args.workdir, args.articles, "kg-bench-scale-")
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    opts = {"workers": args.workers, "mentions": not args.no_mentions}
    marks: list[tuple[int, float]] = []
    start = time.perf_counter()
    first = build([corpus], store, progress=_marker(marks, args.articles), **opts)
    wall = time.perf_counter() - start
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size, wal = _size(store)
    layer = "without" if args.no_mentions else "with"
    print(f"\n{len(first.loaded)} articles, {args.workers} workers, {layer} mentions, "
          f"{first.triples} triples ({first.triples / max(1, args.articles):.0f} per article)")
    print(f"{'build':44}{args.articles / wall:12.1f} articles/s  ({wall:.0f} s, "
          f"of which compacting the store {first.compact_seconds:.0f} s)")
    _print_tenths(marks, start, wall)
    print(f"{'peak memory: building process / a worker':44}{peak_self:12.0f} MB / "
          f"{peak_worker:.0f} MB")
    quads = _quads(store)
    print(f"{'store on disk as left':44}{size / 1e6:12.0f} MB  "
          f"({size / max(1, first.triples):.0f} bytes/triple of the corpus, WAL "
          f"{wal / 1e6:.1f} MB)")
    print(f"{'  every quad it holds, the query index too':44}{quads:12,}  "
          f"({size / max(1, quads):.0f} bytes/quad)", flush=True)
    start = time.perf_counter()
    again = build([corpus], store, **opts)
    second = time.perf_counter() - start
    print(f"{'second build, unchanged corpus':44}{second:12.1f} s  "
          f"({second / wall * 100:.1f}% of the first; {again.skipped} skipped)", flush=True)
    print(f"\n{'query (first page of 1,000)':60}{'median ms':>12}{'rows':>8}")
    for label, ms, rows in _queries(store, "https://kg.example.org/"):
        print(f"{label:60}{ms:12.1f}{rows:8}", flush=True)
    if not args.no_third:
        third, peak = _third(one_more(corpus, work), store, opts)
        print(f"\n{'third build, one article added':44}{third:12.1f} s  "
              f"({third / wall * 100:.1f}% of the first; its own peak memory {peak:.0f} MB)")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

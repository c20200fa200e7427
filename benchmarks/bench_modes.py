"""The extraction modes compared on annotated articles: per-kind F1 and speed.

    .venv/bin/python benchmarks/bench_modes.py [GOLD_DIR] [--modes rules,parse,hybrid]
                                               [--runs 3] [--misses MODE]

GOLD_DIR holds NAME.json gold files, the articles being NAME.txt in GOLD_DIR/../articles
(default: ``../shared/eval/real/gold``; a folder with a ``gold`` folder inside is taken
too). Each mode extracts every article in this one process and is scored with
:func:`kg.evaluate.evaluate`. Reported per mode: F1 per fact kind, facts P/R/F1, entities
F1, and articles/s (best of ``--runs`` timed passes after a warm-up pass, spaCy loaded
before), with the ratio of each mode's speed to the rules mode's in the same run.

* ``rules``: the surface rules (regular expressions over sentences with gazetteer mentions);
* ``parse``: surface entities, positions and meetings, the relations from dependency rules
  over spaCy's parse (``pip install 'kg[nlp]'``);
* ``hybrid``: the surface rules, plus the parse of the sentences where a surface trigger
  word occurs but the surface rules found no fact.

Skips (message, exit 0) when the gold folder or spaCy is absent. The machine is shared:
compare the ratios, not the absolute figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.evaluate import evaluate
from kg.evaluate._score import EvalResult, prf
from kg.extract import extract
from kg.read import Article, read_article

HERE = Path(__file__).resolve().parent
REAL = HERE.parents[1] / "shared" / "eval" / "real"
KINDS = ("signed", "ratified", "withdrew", "suspended", "entered_into_force", "party_to",
         "member_of", "accused", "statement", "holds_position", "meeting")


def gold_folder(path: Path) -> Path:
    return path / "gold" if (path / "gold").is_dir() else path


def score(gold: Path, articles: dict[Path, Article], mode: str) -> EvalResult:
    by_name = {p.name: a for p, a in articles.items()}
    return evaluate(gold, lambda p: extract(by_name[p.name], mode).to_dict())


def timed(articles: list[Article], mode: str, runs: int) -> float:
    """Articles per second: best of ``runs`` passes, after one warm-up pass."""
    for a in articles:
        extract(a, mode)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for a in articles:
            extract(a, mode)
        best = min(best, time.perf_counter() - start)
    return len(articles) / best


def table(results: dict[str, EvalResult], speed: dict[str, float]) -> str:
    modes = list(results)
    head = f"| {'':<28} |" + "".join(f" {m:>8} |" for m in modes)
    rule = "|" + "-" * 30 + "|" + "".join("-" * 10 + "|" for _ in modes)
    lines = [head, rule]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label:<28} |" + "".join(f" {v:>8} |" for v in values))

    for kind in KINDS:
        counts = [r.facts.get(kind, [0, 0, 0]) for r in results.values()]
        if not any(any(c) for c in counts):
            continue
        n = counts[0][0] + counts[0][2]
        row(f"{kind} F1 (n={n})", [f"{prf(*c)[2]:.3f}" for c in counts])
    for i, name in enumerate(("facts P", "facts R", "facts F1")):
        row(name, [f"{r.total(r.facts)[i]:.3f}" for r in results.values()])
    row("entities F1", [f"{r.total(r.entities)[2]:.3f}" for r in results.values()])
    row("field accuracy", [f"{r.field_accuracy:.3f}" for r in results.values()])
    if speed:
        row("articles/s", [f"{speed[m]:.1f}" for m in modes])
        base = speed.get("rules")
        if base:
            row("speed / rules", [f"{speed[m] / base:.3f}" for m in modes])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=REAL, help="folder of gold facts")
    ap.add_argument("--modes", default="rules,parse,hybrid", help="comma-separated modes")
    ap.add_argument("--runs", type=int, default=3, help="timed passes (0: no timing)")
    ap.add_argument("--misses", metavar="MODE", help="also list the gold facts MODE missed")
    args = ap.parse_args(argv)
    gold = gold_folder(args.gold)
    if not gold.is_dir():
        print(f"skipped: no gold folder at {gold}")
        return 0
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    from kg.extract._parse import available, check

    if any(m != "rules" for m in modes):
        if not available():
            print("skipped: spaCy or its model is not installed (pip install 'kg[nlp]')")
            return 0
        check("parse")  # load spaCy once, before any timing
    paths = sorted((gold.parent / "articles").glob("*.txt"))
    names = {p.stem for p in gold.glob("*.json")}
    articles = {p: read_article(p) for p in paths if p.stem in names}
    results = {m: score(gold, articles, m) for m in modes}
    speed = {m: timed(list(articles.values()), m, args.runs) for m in modes} \
        if args.runs > 0 else {}
    words = sum(len(a.body.split()) for a in articles.values())
    print(f"{gold}: {len(articles)} articles, {words} words; Python {sys.version.split()[0]}")
    print()
    print(table(results, speed))
    if args.misses in results:
        print(f"\nmissed by {args.misses}:")
        for line in results[args.misses].misses:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

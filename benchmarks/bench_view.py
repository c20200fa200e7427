"""The HTML views of a corpus in headless Chromium: page size, time until ready, layout.

    .venv/bin/python benchmarks/bench_view.py [--articles 1000] [--workdir DIR]
        [--screenshot exports/corpus-view.png]

A bench_corpus corpus (fixed seed) is built, and its graph view and timeline are
exported and opened in headless Chromium (Debian's chromium, driven by Playwright; the
same flags as the browser tests). The table gives each page's size, the seconds until it
is ready (from navigation to the view's ``ready`` flag, or the timeline's first item),
the layout's own milliseconds, how many nodes and edges are drawn, and where a search
for "CFE" lands. The reference of the ratios is the seed article's view, opened in the
same run. ``--screenshot`` saves the corpus view after the search (the README's corpus
picture). Run on demand, not in the tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))


def _open(browser: Any, path: Path, ready: str) -> tuple[Any, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.monotonic()
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function(ready, timeout=300_000)
    return page, time.monotonic() - start


def _pages(work: Path, articles: int) -> dict[str, Path]:
    from bench_corpus import generate

    from kg.graph import export_graph
    from kg.pipeline import build
    from kg.store import open_store

    out = {}
    for name, inputs in (("seed", None), (f"{articles:,} articles", "corpus")):
        store = work / f"{inputs or 'seed'}-store"
        if not store.exists():
            src = [generate(articles, work / "corpus.jsonl")] if inputs else None
            build(src, store)
        with open_store(store, read_only=True) as s:
            for fmt in ("html", "timeline"):
                path = work / f"{inputs or 'seed'}.{fmt}.html"
                export_graph(s, fmt, path)
                out[f"{name} {'graph' if fmt == 'html' else 'timeline'}"] = path
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--screenshot", type=Path)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from test_graph_html_browser import CHROMIUM, FLAGS

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    work.mkdir(parents=True, exist_ok=True)
    pages = _pages(work, args.articles)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for name, path in pages.items():
            graph = name.endswith("graph")
            ready = ("window.kgView && window.kgView.ready" if graph else
                     "window.kgTimeline && document.querySelectorAll('.vis-item').length > 0")
            page, seconds = _open(browser, path, ready)
            if graph:
                drawn = page.evaluate("[window.kgView.cy.nodes(':visible').length, "
                                      "window.kgView.cy.edges(':visible').length, "
                                      "window.kgView.layoutMs]")
                page.fill("#search", "CFE")
                page.keyboard.press("Enter")
                page.wait_for_timeout(400)
                found = page.text_content("#panel-title") or ""
                if args.screenshot and "articles" in name:
                    _screenshot(page, args.screenshot)
            else:
                drawn = [page.evaluate("window.kgTimeline.items.length"), 0, None]
                found = ""
            rows.append((name, path.stat().st_size, seconds, *drawn, found))
            page.close()
        browser.close()
    _table(rows)


def _screenshot(page: Any, path: Path) -> None:
    """The page as a PNG of 128 colours (half the bytes, the same to the eye)."""
    from PIL import Image

    page.screenshot(path=str(path))
    image = Image.open(path).convert("RGB").quantize(colors=128,
                                                     method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)


def _table(rows: list[tuple[Any, ...]]) -> None:
    ref = {kind: next(r[2] for r in rows if r[0] == f"seed {kind}")
           for kind in ("graph", "timeline")}
    print("| page | MB | ready s | x seed | layout ms | nodes/items | edges | \"CFE\" lands on |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, size, seconds, nodes, edges, layout, found in rows:
        kind = name.rsplit(" ", 1)[1]
        print(f"| {name} | {size / 1e6:.1f} | {seconds:.2f} | {seconds / ref[kind]:.1f} | "
              f"{layout if layout is not None else ''} | {nodes:,} | {edges:,} | {found} |")


if __name__ == "__main__":
    main()

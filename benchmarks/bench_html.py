"""HTML reading: pages/s, against reading the same text as a text article, and how
well the extractor finds each page's text, beside two other extractors.

    .venv/bin/python benchmarks/bench_html.py [--copies N]

The pages are the test fixtures written for kg (``tests/fixtures/web``): a wire story
with navigation, a cookie banner, related links and JSON-LD; a government press release
whose lead stands apart from its body; and five stories of a news site's template
(``tests/_site.py``). Each page's text is known (its ``.txt`` twin), so for each
extractor the table gives the pages whose body came out exactly, and the recall and
precision of its words against the known text. Reported per reader:

* ``kg.read.parse_html`` (trafilatura with htmldate; what kg uses), pages/s and the
  ratio to the reference, measured in the same run;
* the reference: ``kg.read.parse_article`` on the same text as a ``.txt`` file;
* trafilatura alone, without the two steps kg adds (the lead paragraphs set apart from
  the body container, the headline dropped from the body's start);
* readability-lxml and jusText, when installed (neither is a dependency of kg): text
  only, no metadata.

Figures are best of three runs; the machine is shared, so read the ratios.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
WEB = HERE.parent / "tests" / "fixtures" / "web"
sys.path.insert(0, str(HERE.parent / "tests"))

from _site import news_page, text_article  # noqa: E402

from kg.read import parse_article, parse_html  # noqa: E402

STORIES = ("geneva-talks.txt", "astana-ratifies.txt", "santiago-signs.txt",
           "tokyo-canberra.txt", "hague-council.txt")


def pages() -> list[tuple[str, bytes, str, str]]:
    """(name, page, its text as a .txt file, the body that text holds)."""
    out = []
    for name in ("wire-story", "press-release"):
        txt = (WEB / f"{name}.txt").read_text(encoding="utf-8")
        out.append((name, (WEB / f"{name}.html").read_bytes(), txt,
                    txt.split("\n\n", 1)[1].strip()))
    for story in STORIES:
        head, body = text_article(story)
        txt = "".join(f"{k}: {v}\n" for k, v in head.items()) + "\n" + body + "\n"
        out.append((story.removesuffix(".txt"), news_page(story).encode("utf-8"), txt, body))
    return out


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def _kg(page: bytes) -> str:
    return parse_html(page, "p").body


def _trafilatura_alone(page: bytes) -> str:
    import trafilatura

    from kg.read._html import paragraphs

    doc = trafilatura.bare_extraction(page, include_comments=False, include_tables=False)
    return paragraphs(doc.text if doc is not None else "")


def _readability() -> Callable[[bytes], str] | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def run(page: bytes) -> str:
        tree = lxml.html.fromstring(Document(page.decode("utf-8")).summary())
        return "\n\n".join(" ".join(p.text_content().split()) for p in tree.iter("p"))

    return run


def _justext() -> Callable[[bytes], str] | None:
    try:
        import justext
    except ImportError:
        return None
    stop = justext.get_stoplist("English")

    def run(page: bytes) -> str:
        return "\n\n".join(p.text for p in justext.justext(page, stop) if not p.is_boilerplate)

    return run


def quality(read: Callable[[bytes], str], data: list[tuple[str, bytes, str, str]]
            ) -> tuple[int, float, float]:
    """Pages whose body came out exactly; recall and precision of the words."""
    exact, hit, found, wanted = 0, 0, 0, 0
    for _, page, _, body in data:
        got = read(page)
        exact += got == body
        a, b = _words(got), _words(body)
        hit += sum((a & b).values())
        found += sum(a.values())
        wanted += sum(b.values())
    return exact, hit / wanted, hit / max(found, 1)


def speed(run: Callable[[], None], n: int) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return n / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=30, help="each page read this many times")
    args = ap.parse_args()
    data = pages()
    n = len(data) * args.copies
    meta_ok = sum(
        (a.meta.title, a.meta.published) == (t.meta.title, t.meta.published)
        for _, page, txt, _ in data
        for a, t in [(parse_html(page, "p"), parse_article(txt, "p"))])
    ref = speed(lambda: [parse_article(txt, "p") for _ in range(args.copies)
                         for _, _, txt, _ in data], n)
    rows = [("text article (.txt), the reference", ref, None, "")]
    readers: list[tuple[str, Callable[[bytes], str] | None, str]] = [
        ("kg.read.parse_html (trafilatura + htmldate)", _kg,
         f"title and date right on {meta_ok}/{len(data)}"),
        ("trafilatura alone (without kg's lead and headline steps)", _trafilatura_alone,
         "text only"),
        ("readability-lxml", _readability(), "text only"),
        ("jusText", _justext(), "text only"),
    ]
    print(f"{len(data)} pages, each read {args.copies} times; best of 3\n")
    print("| reader | pages/s | x reference | exact body | word recall | word precision "
          "| metadata |\n| --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {rows[0][0]} | {ref:,.0f} | 1 | | | | |")
    for name, read, note in readers:
        if read is None:
            print(f"| {name} | not installed | | | | | |")
            continue
        fn = read
        pps = speed(lambda fn=fn: [fn(page) for _ in range(args.copies)  # type: ignore[misc]
                                   for _, page, _, _ in data], n)
        exact, recall, precision = quality(fn, data)
        print(f"| {name} | {pps:,.0f} | {pps / ref:.3f} | {exact}/{len(data)} | {recall:.3f} "
              f"| {precision:.3f} | {note} |")


if __name__ == "__main__":
    main()

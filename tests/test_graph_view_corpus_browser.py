"""The HTML view of a corpus-sized graph, in headless Chromium (skips as the other
browser tests do).

A graph of over 1,500 nodes opens without its fact nodes, and with the same edge
reported by many articles drawn once: both are what made a 1,000-article view take 9 s
to open. Its facts are still all there: in an entity's panel, behind a link, and as
nodes once the "fact nodes" box is ticked. The page holds each fact once, and its
script expands it back into exactly the .cyjs elements.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_graph_html_browser import CHROMIUM, View, browser  # noqa: F401  (the fixture)

from kg.graph import render

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]

BASE = "https://kg.example.org/"
STATES = [f"{BASE}id/state/s{i:02d}" for i in range(30)]
MINISTER = f"{BASE}id/person/minister"


def _fact(kind: str, n: int, date: str) -> dict[str, str]:
    return {"kind": kind, "date": date, "article": f"a{n % 40:03d}", "title": f"Story {n % 40}",
            "url": f"https://news.example/{n % 40}", "evidence": f"Sentence {n % 97}.",
            "detail": "", "fact": f"{BASE}fact/a{n % 40:03d}/{kind}-{n}"}


def corpus_graph(meetings: int = 1600, reports: int = 25) -> nx.MultiDiGraph:
    """30 states, a minister, ``meetings`` meetings of three states each, and the
    minister's one post reported ``reports`` times."""
    g = nx.MultiDiGraph(name="kg entity graph")
    for iri in STATES:
        g.add_node(iri, label=iri.rsplit("/", 1)[1].upper(), category="entity", wikidata="",
                   mentions=1, aliases="", articles="", **{"class": "State"},
                   **{k: "" for k in ("kind", "date", "article", "title", "url", "evidence",
                                      "detail", "fact")})
    g.add_node(MINISTER, **{**g.nodes[STATES[0]], "label": "The Minister",
                            "class": "Person"})
    for n in range(meetings):
        f = _fact("meeting", n, f"{2000 + n % 20}-0{1 + n % 9}")
        ev = f"{BASE}event/meeting-{n:04d}"
        g.add_node(ev, label=f"meeting {n}", category="event", wikidata="", mentions=0,
                   aliases="", articles=f["article"], **{"class": "Meeting"}, **f)
        for j in range(3):
            target = STATES[(n + 7 * j) % len(STATES)]
            g.add_edge(ev, target, key=f"{ev}#participant:{j}", label="participant",
                       role="participant", **f)
    for n in range(reports):
        f = _fact("holds_position", 10_000 + n, f"2014-11-{1 + n:02d}")
        g.add_edge(MINISTER, STATES[0], key=f["fact"], label="Minister", role="", **f)
    return g


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    g = corpus_graph()
    out = tmp_path_factory.mktemp("corpus-view") / "corpus.html"
    out.write_bytes(render(g, "html"))
    return out, g


def test_a_corpus_view_opens_without_its_fact_nodes(browser: Any,  # noqa: F811
                                                    corpus_page: tuple[Path, Any]) -> None:
    path, g = corpus_page
    view = View(browser, path)
    print(f"{g.number_of_nodes()} nodes: ready in {view.seconds:.2f} s "
          f"(layout {view.js('window.kgView.layoutMs')} ms)")
    assert view.errors == [] and view.outside == []
    counts = view.js("""(() => { const cy = window.kgView.cy; return [
        cy.nodes("[category = 'event']").length, cy.nodes("[category = 'entity']").length,
        cy.edges("[category = 'co']").length, cy.edges("[reports > 1]").length]; })()""")
    assert counts[0] == 0 and counts[1] == 31 and counts[2] > 30 and counts[3] == 1, counts
    # the script's expansion of the page is the .cyjs file's elements, exactly
    want = json.loads(render(g, "cyjs"))["elements"]
    got = view.js("(() => { const e = window.kgView.elements; return {nodes: e.nodes.map("
                  "n => { const d = Object.assign({}, n.data); delete d.search; "
                  "return {data: d}; }), edges: e.edges}; })()")
    assert got == want


def test_a_corpus_views_facts_are_all_reachable(browser: Any,  # noqa: F811
                                                corpus_page: tuple[Path, Any]) -> None:
    path, g = corpus_page
    view = View(browser, path)
    # the post reported 25 times is one edge; a click lists the 25 reports
    listed = view.js("""(() => { const e = window.kgView.cy.edges("[reports > 1]")[0];
        e.emit('tap'); return [e.data('reports'),
        document.querySelectorAll('#panel .fact').length]; })()""")
    assert listed == [25, 25]
    # a state's panel lists its meetings though their nodes are not drawn
    view.page.fill("#search", "S00")
    view.page.keyboard.press("Enter")
    meetings = sum(1 for _, t, d in g.edges(data=True) if t == STATES[0]
                   and d["kind"] == "meeting")
    assert view.page.text_content("#panel-body h2") == f"{meetings + 25} facts"
    # a date range hides the links whose facts all fall outside it
    before = view.js("window.kgView.cy.edges(\"[category = 'co']\").filter(e => "
                     "!e.hasClass('hidden')).length")
    view.page.fill("#date-from", "2019")
    after = view.js("window.kgView.cy.edges(\"[category = 'co']\").filter(e => "
                    "!e.hasClass('hidden')).length")
    assert 0 < after < before
    view.page.fill("#date-from", "2000")
    # ticking "fact nodes" adds every one of them
    view.page.locator("#events").check()
    view.page.wait_for_function("window.kgView.ready", timeout=30_000)
    shown = view.js("window.kgView.cy.nodes(\"[category = 'event']\").filter(n => "
                    "!n.hasClass('hidden')).length")
    assert shown == 1600 and view.errors == []
    view.page.close()

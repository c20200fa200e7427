"""The timeline's items (`kg export --format timeline`): each dated fact once, at the
precision of its date, grouped by treaty and actor, and embedded safely in its page.
The page itself is tested in headless Chromium (tests/test_timeline_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from test_graph_projection import EVIL_NAME, hostile_graph

from kg.graph import GraphFormat, project, render
from kg.graph._timeline import timeline_items


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    from kg.pipeline import build
    from kg.store import open_store

    d: Path = tmp_path_factory.mktemp("seed") / "store"
    build(None, d)
    with open_store(d, read_only=True) as s:
        return project(s)


def test_seed_items_in_order_at_their_precision(seed: nx.MultiDiGraph) -> None:
    items = timeline_items(seed)
    got = [(i["kind"], i["date"], i["precision"], i["start"], i["end"]) for i in items]
    assert got == [
        ("signed", "1990", "year", "1990-01-01", "1991-01-01"),
        ("entered_into_force", "1992", "year", "1992-01-01", "1993-01-01"),
        ("suspended", "2007-12", "month", "2007-12-01", "2008-01-01"),
        ("meeting", "2014-11-18", "day", "2014-11-18", "2014-11-19"),
        ("statement", "2014-11-18", "day", "2014-11-18", "2014-11-19")]
    # the post Lavrov held on that day is a state, not an event
    assert "holds_position" not in {i["kind"] for i in items}
    cfe = "Treaty on Conventional Armed Forces in Europe"
    suspension = items[2]
    assert suspension["treaty"] == cfe and suspension["actor"] == "Russia"
    assert suspension["content"] == f"suspension: Russia, {cfe}"
    assert suspension["url"].startswith("http://tass.com/") and suspension["evidence"]
    assert items[0]["actor"] == "NATO" and items[3]["treaty"] == ""  # a meeting of no treaty
    assert items[4]["treaty"] == cfe  # a statement about the treaty


def test_undated_facts_are_not_on_the_timeline() -> None:
    g = nx.MultiDiGraph()
    g.add_node("r", label="Russia", category="entity", **{"class": "State"})
    g.add_node("t", label="CFE", category="entity", **{"class": "Treaty"})
    g.add_edge("r", "t", key="a", kind="withdrew", date="", role="party->treaty")
    g.add_edge("r", "t", key="b", kind="withdrew", date="not a date", role="party->treaty")
    g.add_edge("r", "t", key="c", kind="withdrew", date="2023-11-07", role="party->treaty")
    assert [i["id"] for i in timeline_items(g)] == ["c"]


def test_the_page_embeds_the_items_as_safe_json() -> None:
    g = project(hostile_graph())
    for _, _, d in g.edges(data=True):
        d["date"], d["kind"] = "2001", "withdrew"  # its one fact made an event
    page = render(g, GraphFormat.TIMELINE).decode("utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page,
                      re.S)
    assert block is not None and "<" not in block[1]  # no tag can end the script early
    items = json.loads(block[1])["items"]
    assert items == json.loads(json.dumps(timeline_items(g)))
    assert any(EVIL_NAME in i["content"] for i in items)
    assert "connect-src" not in page and "default-src 'none'" in page  # loads nothing


def test_the_timeline_pictures(seed: nx.MultiDiGraph) -> None:
    """The SVG names every item with its date, earliest first within the treaty; the
    PNG is a PNG; both are the same bytes for the same graph."""
    import xml.etree.ElementTree as ET

    svg = render(seed, GraphFormat.TIMELINE_SVG)
    texts = [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    found = [t for t in texts if t.endswith(")") and ": " in t]
    assert len(found) == 5 and found[0].startswith("signing: ") and found[0].endswith("(1990)")
    assert found.index("suspension: Russia, Treaty on Conventional Armed Forces in Europe "
                       "(2007-12)") == 2
    assert "timeline of 5 dated facts" in " ".join(texts)
    png = render(seed, GraphFormat.TIMELINE_PNG)
    assert png.startswith(b"\x89PNG") and GraphFormat.TIMELINE_PNG.binary
    assert render(seed, GraphFormat.TIMELINE_SVG) == svg and render(
        seed, GraphFormat.TIMELINE_PNG) == png

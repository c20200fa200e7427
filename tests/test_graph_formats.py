"""Graph formats: GraphML and GEXF round-trip through networkx, Cytoscape JSON has its
structure, DOT parses (pydot), the HTML is self-contained and escapes what it embeds,
the pictures are an SVG and a PNG, and `kg export` writes them atomically."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_graph_projection import EVIL_NAME, hostile_graph
from typer.testing import CliRunner

from kg._errors import FormatError
from kg.cli import app
from kg.graph import GraphFormat, project, render
from kg.graph._view_data import expand

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    d = tmp_path_factory.mktemp("seed") / "store"
    build(None, d)
    return d


@pytest.fixture(scope="module")
def seed(seed_store: Path) -> nx.MultiDiGraph:
    from kg.store import open_store

    with open_store(seed_store, read_only=True) as s:
        return project(s)


@pytest.fixture(scope="module")
def evil() -> nx.MultiDiGraph:
    return project(hostile_graph())


#: What networkx reads back of the desktop tools' own data: yEd's node graphics in
#: GraphML, Gephi's times and colours in GEXF (checked in their own tests below).
DESKTOP = {"x", "y", "shape_type", "start", "end", "viz"}


def _same(g: nx.MultiDiGraph, h: nx.Graph, edge_key: Any) -> None:
    assert list(h.nodes) == list(g.nodes)
    for n, d in g.nodes(data=True):
        assert {k: v for k, v in h.nodes[n].items() if k not in DESKTOP} == d, n
    got = {(u, v, edge_key(k, d)): {a: b for a, b in d.items()
                                    if a not in ("id", "key", *DESKTOP)}
           for u, v, k, d in _edges(h)}
    want = {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
    assert got == want


def _edges(h: nx.Graph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    if h.is_multigraph():
        return list(h.edges(keys=True, data=True))
    return [(u, v, None, d) for u, v, d in h.edges(data=True)]


def test_graphml_round_trip(seed: nx.MultiDiGraph, evil: nx.MultiDiGraph) -> None:
    for g in (seed, evil):
        h = nx.read_graphml(io.BytesIO(render(g, "graphml")), force_multigraph=True)
        _same(g, h, lambda k, d: k)
        assert h.graph["name"] == "kg entity graph"


def test_gexf_round_trip(seed: nx.MultiDiGraph, evil: nx.MultiDiGraph) -> None:
    for g in (seed, evil):
        data = render(g, "gexf")
        assert b"lastmodifieddate" not in data  # no date: the same graph, the same bytes
        h = nx.read_gexf(io.BytesIO(data))
        _same(g, h, lambda k, d: d["id"])


def test_graphml_has_yeds_labels_and_colours(seed: nx.MultiDiGraph,
                                             evil: nx.MultiDiGraph) -> None:
    """yEd shows a label and a colour only from its own keys: each node has its label,
    its class's colour and a shape there, each edge its label and an arrow."""
    from kg.graph._style import colour

    y, gml = "{http://www.yworks.com/xml/graphml}", "{http://graphml.graphdrawing.org/xmlns}"
    for g in (seed, evil):
        root = ET.fromstring(render(g, "graphml"))
        keys = {k.get("yfiles.type"): k.get("id") for k in root.iter(f"{gml}key")}
        assert {"nodegraphics", "edgegraphics"} <= set(keys)
        for node in root.iter(f"{gml}node"):
            d = g.nodes[node.get("id")]
            shape = node.find(f"{gml}data[@key='{keys['nodegraphics']}']/{y}ShapeNode")
            assert shape is not None
            assert shape.findtext(f"{y}NodeLabel") == d["label"]
            assert shape.find(f"{y}Fill").get("color") == colour(d["class"], d["category"])
        labels = {k: d["label"] for _, _, k, d in g.edges(keys=True, data=True)}
        for edge in root.iter(f"{gml}edge"):
            line = edge.find(f"{gml}data[@key='{keys['edgegraphics']}']/{y}PolyLineEdge")
            assert line is not None and line.findtext(f"{y}EdgeLabel") == labels[edge.get("id")]
        h = nx.read_graphml(io.BytesIO(render(g, "graphml")), force_multigraph=True)
        assert all(h.nodes[n]["label"] == d["label"] for n, d in g.nodes(data=True))


def test_gexf_is_dynamic_over_the_facts_dates(seed: nx.MultiDiGraph) -> None:
    """A dated fact spans the days its date can mean (a year is a year); an entity
    starts with its first dated fact and has no end; an undated one has no time."""
    from kg.map import date_bounds

    data = render(seed, "gexf")
    graph = ET.fromstring(data).find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and graph.get("mode") == "dynamic"
    assert graph.get("timeformat") == "date"
    h = nx.read_gexf(io.BytesIO(data))
    first: dict[str, str] = {}
    for u, v, d in h.edges(data=True):
        if d["date"]:
            assert (d["start"], d["end"]) == date_bounds(d["date"])
            for n in (u, v):
                first[n] = min(first.get(n, d["start"]), d["start"])
        else:
            assert "start" not in d and "end" not in d
    signed = [d for _, d in h.nodes(data=True) if d["kind"] == "signed"]
    assert signed and (signed[0]["start"], signed[0]["end"]) == ("1990-01-01", "1990-12-31")
    for n, d in h.nodes(data=True):
        if d["category"] == "entity":
            assert d.get("start") == first.get(n) and "end" not in d
    russia = h.nodes["https://kg.example.org/id/state/russia"]
    assert russia["start"] == "2007-12-01" and russia["viz"]["color"]["b"] == 0xB2  # suspended


def test_gexf_without_dates_is_static(evil: nx.MultiDiGraph) -> None:
    g = evil.copy()
    for _, d in g.nodes(data=True):
        d["date"] = ""
    for _, _, d in g.edges(data=True):
        d["date"] = ""
    graph = ET.fromstring(render(g, "gexf")).find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and graph.get("mode") == "static"
    assert graph.get("timeformat") is None


def test_cyjs_structure(seed: nx.MultiDiGraph) -> None:
    doc = json.loads(render(seed, "cyjs"))
    assert {"data", "elements"} <= set(doc) and set(doc["elements"]) == {"nodes", "edges"}
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    ids = [n["data"]["id"] for n in nodes]
    assert ids == list(seed.nodes) and len(set(ids)) == len(ids)
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(edges) == seed.number_of_edges() and len(set(edge_ids) | set(ids)) == len(
        edge_ids) + len(ids)  # ids unique across nodes and edges, as Cytoscape.js requires
    for e in edges:
        d = e["data"]
        assert d["source"] in ids and d["target"] in ids
        assert d["interaction"] == d["kind"] and d["name"] == d["label"]
        assert all(isinstance(v, str) for v in d.values())
    for n in nodes:
        assert n["data"]["name"] == n["data"]["label"]
        assert set(n["data"]) == {"id", "name", "colour", "facts", "size",
                                  *seed.nodes[n["data"]["id"]]}


def test_cyjs_has_the_html_views_style(seed: nx.MultiDiGraph) -> None:
    """The .cyjs file carries the style the HTML view draws with, and each node the
    colour of its class and its size, which that style reads."""
    from kg.graph._style import CLASS_COLOURS, EVENT_COLOUR

    doc = json.loads(render(seed, "cyjs"))
    page = render(seed, "html").decode("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                                page, re.S)[1])
    assert doc["style"] == data["style"] and doc["style"][0]["selector"] == "node"
    assert {"data(colour)", "data(size)"} <= set(doc["style"][0]["style"].values())
    for n in doc["elements"]["nodes"]:
        d = n["data"]
        want = EVENT_COLOUR if d["category"] == "event" else CLASS_COLOURS[d["class"]]
        assert d["colour"] == want and 16 <= d["size"] <= 82


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's use of pyparsing
def test_dot_parses(seed: nx.MultiDiGraph, evil: nx.MultiDiGraph) -> None:
    pydot = pytest.importorskip("pydot")
    for g in (seed, evil):
        [parsed] = pydot.graph_from_dot_data(render(g, "dot").decode("utf-8"))
        nodes = [n for n in parsed.get_nodes() if n.get_name() not in ("graph", "node", "edge")]
        assert len(nodes) == len(g) and len(parsed.get_edges()) == g.number_of_edges()
        h = nx.nx_pydot.from_pydot(parsed)
        assert {_unquote(n) for n in h.nodes} == set(g.nodes)
    [parsed] = pydot.graph_from_dot_data(render(evil, "dot").decode("utf-8"))
    labels = {_unquote(n.get_label()) for n in parsed.get_nodes() if n.get_label()}
    assert _dot_text(EVIL_NAME) in labels


def _unquote(s: str) -> str:
    return s[1:-1] if len(s) > 1 and s[0] == s[-1] == '"' else s


def _dot_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _script_bodies(page: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)


def test_html_is_self_contained_and_escapes_what_it_embeds(seed: nx.MultiDiGraph,
                                                           evil: nx.MultiDiGraph) -> None:
    page = render(seed, "html").decode("utf-8")
    assert "default-src 'none'" in page  # the page may not load anything
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "cytoscape" in page and page.count("</script>") == 3
    bad = render(evil, "html").decode("utf-8")
    assert bad.count("</script>") == 3 and bad.lower().count("<script") == 3
    assert "window.pwned" not in "".join(bad.split("<script")[0])  # nothing before the scripts
    data_text = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', bad,
                          flags=re.S)
    assert data_text is not None
    raw = data_text.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\u2028" not in raw and "\u2029" not in raw
    data = json.loads(raw)
    labels = {n["data"]["label"] for n in expand(data)["nodes"]}
    assert EVIL_NAME in labels
    for g in (seed, evil):  # the page holds the .cyjs elements, each fact written once
        page_data = json.loads(re.search(r'id="kg-data">(.*?)</script>', render(g, "html")
                                         .decode("utf-8"), flags=re.S)[1])
        assert expand(page_data) == json.loads(render(g, "cyjs"))["elements"]
        assert len(page_data["facts"]) <= len({d["fact"] for _, _, d in g.edges(data=True)} |
                                              {d["fact"] for _, d in g.nodes(data=True)})


def test_pictures(seed: nx.MultiDiGraph) -> None:
    svg = render(seed, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert b"Sergey Lavrov" in svg and b"Treaty on Conventional" in svg
    assert render(seed, "svg") == svg
    png = render(seed, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and render(seed, "png") == png


def test_format_names() -> None:
    assert GraphFormat.from_name(".GraphML") is GraphFormat.GRAPHML
    assert GraphFormat.from_name("cytoscape") is GraphFormat.CYJS
    assert GraphFormat.is_name("gv") and not GraphFormat.is_name("ttl")
    with pytest.raises(FormatError, match="unknown graph format 'xml'"):
        GraphFormat.from_name("xml")


def test_cli_export_graph_formats(seed_store: Path, tmp_path: Path) -> None:
    for fmt in GraphFormat:
        out = tmp_path / f"g.{fmt.value}"
        r = runner.invoke(app, ["export", "--format", fmt.value, "-o", str(out),
                                "--store", str(seed_store)])
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 100
    r = runner.invoke(app, ["export", "-f", "graphml", "--store", str(seed_store),
                            "--around", "Lavrov", "--depth", "1"])
    assert r.exit_code == 0 and "Sergey Lavrov" in r.stdout and "Warsaw" not in r.stdout
    r = runner.invoke(app, ["export", "-f", "dot", "--store", str(seed_store),
                            "--article", "00-tass-cfe"])
    assert r.exit_code == 0 and r.stdout.startswith("digraph kg {")


def test_cli_errors_leave_the_output_untouched(seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.html"
    out.write_text("old", encoding="utf-8")
    cases = [(["--format", "html", "--around", "Nobody"], "no entity 'Nobody'"),
             (["--format", "html", "--article", "nope"], "no article 'nope'"),
             (["--format", "xls"], "unknown format 'xls'"),
             (["--format", "ttl", "--around", "Lavrov"], "apply to the graph formats")]
    for args, message in cases:
        r = runner.invoke(app, ["export", *args, "-o", str(out), "--store", str(seed_store)])
        assert r.exit_code == 2 and message in r.output, r.output
        assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.html"]  # no temporary left

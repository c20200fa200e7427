"""What the desktop tools read beyond the plain attributes (private): the time spans
of Gephi's dynamic GEXF and yEd's node and edge graphics in GraphML.

Both are added to a copy of the projected graph (see :func:`kg.graph.project`) or to
the XML networkx writes, so the plain attributes stay as they were and every file still
reads back in networkx with all of them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from kg.graph._style import DARK, colour

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["timed", "with_yed_graphics"]

_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_Y = "http://www.yworks.com/xml/graphml"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The ids of yEd's two keys (its own, read beside the plain ``label`` and colours).
YED_NODE_KEY, YED_EDGE_KEY = "yed_node_graphics", "yed_edge_graphics"


def span(date: str) -> tuple[str, str] | None:
    """The first and last day an ISO date at its precision can mean (a year is a span
    of a year), or None for no date.

    >>> span("1990"), span("2007-12-12"), span("")
    (('1990-01-01', '1990-12-31'), ('2007-12-12', '2007-12-12'), None)
    """
    from kg.facts import DATE_RE
    from kg.map import date_bounds

    return date_bounds(date) if date and DATE_RE.match(date) else None


def timed(h: nx.MultiDiGraph) -> bool:
    """Give each dated fact of ``h`` (an edge, or an event node and its edges) ``start``
    and ``end``, the span of its date; give each entity the ``start`` of the first dated
    fact it is in, and no end (it stays once it has appeared). True when anything got a
    time, so that the GEXF is dynamic (Gephi's timeline then plays the graph over time).
    """
    first: dict[str, str] = {}
    for _, d in h.nodes(data=True):
        found = span(str(d.get("date", "")))
        if found and d.get("category") == "event":
            d["start"], d["end"] = found
    for u, v, _, d in h.edges(keys=True, data=True):
        found = span(str(d.get("date", "")))
        if found:
            d["start"], d["end"] = found
            for n in (u, v):
                first[n] = min(first.get(n, found[0]), found[0])
    for n, day in first.items():
        h.nodes[n].setdefault("start", day)
    return bool(first) or any("start" in d for _, d in h.nodes(data=True))


def with_yed_graphics(xml: bytes, h: nx.MultiDiGraph) -> bytes:
    """The GraphML networkx wrote for ``h`` with yEd's keys (``yfiles.type``
    ``nodegraphics`` and ``edgegraphics``) and, on each node and edge, its label, fill
    colour (by class, as in the other views) and shape as yEd reads them.

    >>> import networkx as nx
    >>> h = nx.MultiDiGraph()
    >>> h.add_node("urn:a", label="Russia", category="entity", **{"class": "State"})
    >>> out = with_yed_graphics(b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    ...                         b'<graph><node id="urn:a"/></graph></graphml>', h)
    >>> b'yfiles.type="nodegraphics"' in out and b"<y:NodeLabel" in out
    True
    """
    for prefix, uri in (("", _GRAPHML), ("y", _Y), ("xsi", _XSI)):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(xml)
    graph = root.find(f"{{{_GRAPHML}}}graph")
    if graph is None:
        return xml
    at = list(root).index(graph)
    for i, (what, key, kind) in enumerate((("node", YED_NODE_KEY, "nodegraphics"),
                                           ("edge", YED_EDGE_KEY, "edgegraphics"))):
        root.insert(at + i, ET.Element(f"{{{_GRAPHML}}}key",
                                       {"for": what, "id": key, "yfiles.type": kind}))
    edges = {str(k): d for _, _, k, d in h.edges(keys=True, data=True)}
    for el in graph.iter(f"{{{_GRAPHML}}}node"):
        _node_graphics(el, h.nodes[el.get("id")])
    for el in graph.iter(f"{{{_GRAPHML}}}edge"):
        _edge_graphics(el, edges.get(str(el.get("id")), {}))
    ET.indent(root, space="  ")
    out: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return out + b"\n"


def _node_graphics(el: ET.Element, d: dict[str, Any]) -> None:
    label, cls, event = str(d.get("label", "")), str(d.get("class", "")), \
        d.get("category") == "event"
    data = ET.SubElement(el, f"{{{_GRAPHML}}}data", key=YED_NODE_KEY)
    node = ET.SubElement(data, f"{{{_Y}}}ShapeNode")
    width = max(40, min(240, 7 * len(label) + 16))
    ET.SubElement(node, f"{{{_Y}}}Geometry", height="30.0", width=f"{width}.0", x="0.0",
                  y="0.0")
    ET.SubElement(node, f"{{{_Y}}}Fill", color=colour(cls, str(d.get("category", ""))),
                  transparent="false")
    ET.SubElement(node, f"{{{_Y}}}BorderStyle", color="#333333", type="line", width="1.0")
    text = ET.SubElement(node, f"{{{_Y}}}NodeLabel", textColor="#FFFFFF" if cls in DARK
                         and not event else "#000000")
    text.text = label
    ET.SubElement(node, f"{{{_Y}}}Shape", type="rectangle" if event else "roundrectangle")


def _edge_graphics(el: ET.Element, d: dict[str, Any]) -> None:
    data = ET.SubElement(el, f"{{{_GRAPHML}}}data", key=YED_EDGE_KEY)
    edge = ET.SubElement(data, f"{{{_Y}}}PolyLineEdge")
    ET.SubElement(edge, f"{{{_Y}}}LineStyle", color="#666666", type="line", width="1.0")
    ET.SubElement(edge, f"{{{_Y}}}Arrows", source="none", target="standard")
    label = ET.SubElement(edge, f"{{{_Y}}}EdgeLabel")
    label.text = str(d.get("label", ""))

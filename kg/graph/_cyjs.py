"""Cytoscape JSON (``.cyjs``): what Cytoscape.js and Cytoscape desktop load (private)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kg.graph._style import colour, node_size, view_style

if TYPE_CHECKING:
    import networkx as nx


def cyjs(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as Cytoscape JSON: ``{"data", "elements": {"nodes", "edges"}, "style"}``.

    Every element's ``data`` has an ``id`` (nodes: the IRI; edges: the edge key),
    edges a ``source`` and ``target``; ``name`` (the label) and ``interaction`` (the
    fact kind) are what Cytoscape desktop shows; nodes have the ``colour`` of their
    class and a ``size``; the rest are the projection's attributes unchanged. ``style``
    is the HTML view's Cytoscape.js style (:func:`kg.graph._style.view_style`), so
    ``cytoscape({elements, style})`` draws the file as the view does.
    """
    nodes = [{"data": {"id": n, "name": d.get("label", n), **d,
                       "colour": colour(str(d.get("class", "")), str(d.get("category", ""))),
                       "size": node_size(str(d.get("category", "")),
                                         int(d.get("mentions") or 0))}}
             for n, d in g.nodes(data=True)]
    edges = [{"data": {"id": k, "source": u, "target": v, "name": d.get("label", ""),
                       "interaction": d.get("kind", ""), **d}}
             for u, v, k, d in g.edges(keys=True, data=True)]
    graph_data = {"name": str(g.graph.get("name", "kg")),
                  **{k: v for k, v in sorted(g.graph.items()) if k != "name"}}
    return {"format_version": "1.0", "generated_by": "kg",
            "target_cytoscapejs_version": "~3.30", "data": graph_data,
            "elements": {"nodes": nodes, "edges": edges}, "style": view_style()}


def cyjs_bytes(g: nx.MultiDiGraph) -> bytes:
    """:func:`cyjs` as indented UTF-8 JSON."""
    return (json.dumps(cyjs(g), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

"""Cytoscape JSON (``.cyjs``): what Cytoscape.js and Cytoscape desktop load (private)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kg.graph._style import colour, node_size, view_style

if TYPE_CHECKING:
    import networkx as nx


def facts_of(g: nx.MultiDiGraph) -> dict[Any, int]:
    """How many facts each node is in: an event node is one; an entity, each distinct
    fact of its edges (an edge's ``fact``, its key when it has none).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="f1#x", fact="f1")
    >>> _ = g.add_edge("a", "c", key="f1#y", fact="f1")
    >>> g.add_node("lone")
    >>> facts_of(g)
    {'a': 1, 'b': 1, 'c': 1, 'lone': 0}
    """
    found: dict[Any, set[str]] = {n: set() for n in g.nodes}
    for u, v, k, d in g.edges(keys=True, data=True):
        for n in (u, v):
            found[n].add(str(d.get("fact") or k))
    return {n: 1 if g.nodes[n].get("category") == "event" else len(f)
            for n, f in found.items()}


def cyjs(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as Cytoscape JSON: ``{"data", "elements": {"nodes", "edges"}, "style"}``.

    Every element's ``data`` has an ``id`` (nodes: the IRI; edges: the edge key),
    edges a ``source`` and ``target``; ``name`` (the label) and ``interaction`` (the
    fact kind) are what Cytoscape desktop shows; nodes have the ``colour`` of their
    class, the number of ``facts`` they are in (:func:`facts_of`) and a ``size`` that
    grows with it; the rest are the projection's attributes unchanged. ``style`` is
    the HTML view's Cytoscape.js style (:func:`kg.graph._style.view_style`), so
    ``cytoscape({elements, style})`` draws the file as the view does.
    """
    facts = facts_of(g)
    nodes = [{"data": {"id": n, "name": d.get("label", n), **d,
                       "colour": colour(str(d.get("class", "")), str(d.get("category", ""))),
                       "facts": facts[n], "size": node_size(str(d.get("category", "")),
                                                            facts[n])}}
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

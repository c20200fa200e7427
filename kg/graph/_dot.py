"""DOT for Graphviz (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.graph._style import DARK, colour

if TYPE_CHECKING:
    import networkx as nx


def quote(value: Any) -> str:
    """A DOT double-quoted string: backslashes doubled (Graphviz reads escapes such as
    ``\\n`` in labels), quotes escaped, line breaks as ``\\n``."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def _attrs(pairs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={quote(v)}" for k, v in pairs.items())


def dot(g: nx.MultiDiGraph) -> bytes:
    """The graph as a Graphviz ``digraph``: entities as rounded boxes coloured by class,
    events as grey ellipses, every projection attribute kept as a DOT attribute.

    Render it with ``dot -Tsvg seed.dot > seed.svg`` (or ``sfdp`` for a large graph).
    """
    lines = [
        "digraph kg {",
        '  graph [overlap="false", splines="true", fontname="Helvetica", rankdir="LR", '
        f"label={quote(g.graph.get('name', 'kg'))}];",
        '  node [shape="box", style="rounded,filled", fontname="Helvetica", fontsize="11"];',
        '  edge [fontname="Helvetica", fontsize="9", color="#555555"];',
    ]
    for n, d in g.nodes(data=True):
        event = d.get("category") == "event"
        look = {"fillcolor": colour(str(d.get("class", "")), str(d.get("category", "")))}
        if event:
            look["shape"] = "ellipse"
        if d.get("class") in DARK and not event:
            look["fontcolor"] = "white"
        lines.append(f"  {quote(n)} [{_attrs({**d, **look})}];")
    for u, v, k, d in g.edges(keys=True, data=True):
        lines.append(f"  {quote(u)} -> {quote(v)} [{_attrs({'key': k, **d})}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")

"""The timeline: what happened when, as one self-contained offline HTML file (private).

Its items are the dated facts of the projection (:func:`kg.graph.project`): treaty
events, memberships, meetings, statements, accusations, each once (an event node, or
an edge between two entities); a post held on a date is not an event and stays out.
vis-timeline (vendored in ``assets/``, see ``assets/README.md``), the page's script and
the items as JSON are inlined, under the same Content-Security-Policy as the graph
view: the page loads nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.graph._desktop import span
from kg.graph._html import fill_page
from kg.graph._project import KIND_LABELS
from kg.graph._style import colour

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["timeline_html", "timeline_items"]

#: Kinds left out: a post attested on a date is a state, not an event.
_NOT_EVENTS = {"holds_position"}
#: The roles that make an entity the actor of an event, earlier first.
_ACTOR_ROLES = ("party", "signatory", "signatoryGroup", "speaker", "accuser", "member",
                "participant", "holder")
#: Words for a date's precision, by the length of its ISO text.
_PRECISION = {4: "year", 7: "month", 10: "day"}


def timeline_items(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The timeline's items, sorted by start then id: each dated fact of ``g`` with its
    ``start`` and ``end`` (ISO days; ``end`` is the day after the last its date can
    mean, as vis-timeline draws ranges), ``precision`` (``year``, ``month``, ``day``),
    ``kind``, ``content`` (the kind in words and who or what it involves), its
    ``treaty`` and ``actor`` (labels; ``""`` when it has none) for grouping, and
    ``evidence``, ``article``, ``title``, ``url`` and ``fact`` for its details.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("r", label="Russia", category="entity", **{"class": "State"})
    >>> g.add_node("t", label="CFE", category="entity", **{"class": "Treaty"})
    >>> _ = g.add_edge("r", "t", key="f", kind="suspended", date="2007-12", role="party->treaty")
    >>> item = timeline_items(g)[0]
    >>> item["start"], item["end"], item["precision"], item["content"]
    ('2007-12-01', '2008-01-01', 'month', 'suspension: Russia, CFE')
    """
    items = []
    for n, d in g.nodes(data=True):
        if d.get("category") == "event":
            roles = [(str(e.get("role", "")), v) for _, v, e in g.out_edges(n, data=True)]
            items.append(_item(g, str(n), d, roles))
    for u, v, k, d in g.edges(keys=True, data=True):
        if g.nodes[u].get("category") == "entity" and g.nodes[v].get("category") == "entity":
            subject, _, other = str(d.get("role", "")).partition("->")
            items.append(_item(g, str(k), d, [(subject, u), (other, v)]))
    found = [i for i in items if i is not None]
    return sorted(found, key=lambda i: (i["start"], i["id"]))


def _item(g: nx.MultiDiGraph, ident: str, d: dict[str, Any],
          roles: list[tuple[str, Any]]) -> dict[str, Any] | None:
    date, kind = str(d.get("date", "")), str(d.get("kind", ""))
    days = span(date)
    if days is None or kind in _NOT_EVENTS:
        return None
    label = {v: str(g.nodes[v].get("label", v)) for _, v in roles}
    treaties = [label[v] for _, v in roles if g.nodes[v].get("class") == "Treaty"]
    actors = sorted(((_ACTOR_ROLES.index(r), label[v]) for r, v in roles if r in _ACTOR_ROLES))
    named = [a for _, a in actors] + [t for t in treaties if t not in {a for _, a in actors}]
    words = KIND_LABELS.get(kind, kind.replace("_", " "))
    return {"id": ident, "start": days[0], "end": _next_day(days[1]),
            "precision": _PRECISION.get(len(date), "day"), "date": date, "kind": kind,
            "content": f"{words}: {', '.join(named[:3])}" if named else words,
            "treaty": treaties[0] if treaties else "", "actor": actors[0][1] if actors else "",
            "roles": sorted(f"{r}: {label[v]}" for r, v in roles if r),
            "evidence": str(d.get("evidence", "")), "article": str(d.get("article", "")),
            "title": str(d.get("title", "")), "url": str(d.get("url", "")),
            "fact": str(d.get("fact", "")) or ident,
            "colour": colour(str(g.nodes[roles[0][1]].get("class", "")) if roles else "",
                             "entity")}


def _next_day(day: str) -> str:
    """The ISO day after ``day``.

    >>> _next_day("1990-12-31"), _next_day("2008-02-29")
    ('1991-01-01', '2008-03-01')
    """
    import datetime

    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def timeline_html(g: nx.MultiDiGraph, title: str | None = None) -> bytes:
    """The self-contained timeline page of ``g``: the items on a zoomable time axis,
    grouped by treaty or by actor (a switch), a year or a month drawn as the span it
    is, a day as a point; clicking an item shows its evidence sentence and article."""
    name = (title or str(g.graph.get("name", "kg"))).replace("entity graph", "timeline")
    data = {"items": timeline_items(g), "kindLabels": KIND_LABELS}
    return fill_page("timeline.html", name, "timeline.css", {
        "@@KG_VIS@@": ("vis-timeline.min.js",), "@@KG_APP@@": ("timeline.js",)}, data)

"""The graph as the HTML view embeds it: Cytoscape JSON without its repetitions (private).

A corpus's Cytoscape JSON repeats each fact's sentence, article title and URL on the
fact's node and on every one of its edges, and spells out each edge's two node IRIs.
:func:`view_data` writes each article and each evidence sentence once, each fact once
(its kind, date, article, sentence, detail and IRI), and each element with the number of
its fact; an edge names its nodes by position, and its id by what follows its source's
id (nothing when it is its fact's IRI). On 1,000 generated articles this is a 5 MB page
instead of 22 MB. The view's script (``assets/view-data.js``)
expands it back; :func:`expand` is the same expansion in Python, and the tests check that
it gives back :func:`kg.graph._cyjs.cyjs`'s elements exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: What files an element's fact fields: (the element's data, what the page keeps of it).
_FactOf = Callable[[dict[str, Any], dict[str, Any]], None]

#: The fields of an element that belong to its fact (the article's three are kept apart).
FACT_FIELDS = ("kind", "date", "article", "title", "url", "evidence", "detail", "fact")


def view_data(elements: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """``{"articles", "sentences", "facts", "nodes", "edges"}`` from Cytoscape ``elements``.

    >>> els = {"nodes": [{"data": {"id": "a", "name": "A", "label": "A"}},
    ...                  {"data": {"id": "b", "name": "b"}}],
    ...        "edges": [{"data": {"id": "a#x", "source": "a", "target": "b", "name": "x",
    ...                            "interaction": "met", "label": "x", "kind": "met",
    ...                            "article": "n1", "title": "T", "url": "", "date": "",
    ...                            "evidence": "A met b.", "detail": "", "fact": "f1"}}]}
    >>> v = view_data(els)
    >>> v["articles"], v["sentences"], v["facts"]
    ([['n1', 'T', '']], ['A met b.'], [['met', '', 0, 0, '', 'f1']])
    >>> v["edges"]
    [{'label': 'x', 's': 0, 't': 1, 'f': 0, 'k': 'x'}]
    >>> expand(v) == els
    True
    """
    articles: dict[tuple[str, str, str], int] = {}
    sentences: dict[str, int] = {}
    facts: dict[tuple[Any, ...], int] = {}

    def fact_of(d: dict[str, Any], out: dict[str, Any]) -> None:
        if not all(k in d for k in FACT_FIELDS):
            out.update({k: d[k] for k in FACT_FIELDS if k in d})
            return
        art = (d["article"], d["title"], d["url"])
        a = articles.setdefault(art, len(articles))
        sentence = sentences.setdefault(d["evidence"], len(sentences))
        row = (d["kind"], d["date"], a, sentence, d["detail"], d["fact"])
        out["f"] = facts.setdefault(row, len(facts))

    index = {n["data"]["id"]: i for i, n in enumerate(elements["nodes"])}
    nodes = [_node(n["data"], fact_of) for n in elements["nodes"]]
    edges = [_edge(e["data"], index, fact_of) for e in elements["edges"]]
    return {"articles": [list(a) for a in articles], "sentences": list(sentences),
            "facts": [list(f) for f in facts], "nodes": nodes, "edges": edges}


def _node(d: dict[str, Any], fact_of: _FactOf) -> dict[str, Any]:
    out = {k: v for k, v in d.items() if k not in FACT_FIELDS}
    if out.get("name") == d.get("label", d["id"]):
        del out["name"]
    fact_of(d, out)
    return out


def _edge(d: dict[str, Any], index: dict[str, int], fact_of: _FactOf) -> dict[str, Any]:
    out = {k: v for k, v in d.items()
           if k not in FACT_FIELDS and k not in ("id", "source", "target")}
    if out.get("name") == d.get("label", ""):
        del out["name"]
    if out.get("interaction") == d.get("kind", ""):
        del out["interaction"]
    out["s"], out["t"] = index[d["source"]], index[d["target"]]
    head = d["source"] + "#"
    fact_of(d, out)
    if "f" not in out or d["id"] != d["fact"]:
        out["k" if d["id"].startswith(head) else "id"] = d["id"].removeprefix(head)
    return out


def expand(v: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The Cytoscape elements that :func:`view_data` made ``v`` from (what the view's
    script does in the browser)."""
    def fields(f: int) -> dict[str, Any]:
        kind, date, a, sentence, detail, fact = v["facts"][f]
        article, title, url = v["articles"][a]
        return {"kind": kind, "date": date, "article": article, "title": title, "url": url,
                "evidence": v["sentences"][sentence], "detail": detail, "fact": fact}

    nodes = []
    for n in v["nodes"]:
        d = {k: x for k, x in n.items() if k != "f"} | (fields(n["f"]) if "f" in n else {})
        d.setdefault("name", d.get("label", d["id"]))
        nodes.append({"data": d})
    ids = [n["data"]["id"] for n in nodes]
    edges = []
    for e in v["edges"]:
        d = {k: x for k, x in e.items() if k not in ("f", "s", "t", "k")}
        d |= fields(e["f"]) if "f" in e else {}
        d["source"], d["target"] = ids[e["s"]], ids[e["t"]]
        if "k" in e:
            d["id"] = d["source"] + "#" + e["k"]
        elif "id" not in d:
            d["id"] = d["fact"]
        d.setdefault("name", d.get("label", ""))
        d.setdefault("interaction", d.get("kind", ""))
        edges.append({"data": d})
    return {"nodes": nodes, "edges": edges}

"""An article graph as sorted N-Triples lines, and their hash, without RDFC-1.0 (private;
see :func:`kg.store.graph_lines`).

kg names the blank nodes of an article graph itself: each is a cell of an rdf:List,
labelled after the graph, the list's owner and property, and its position
(:func:`kg.map.list_cell`). The same graph read back from the store, whose blank nodes
Oxigraph has renamed, gets its labels again from that structure, so its sorted lines
and their SHA-256 are the ones written. A graph with other blank nodes is named by
RDFC-1.0 instead (labels after the graph), which costs more but is as stable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kg.map import list_cell
from kg.vocab import RDF

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["graph_lines", "hash_lines"]

_FIRST, _REST = RDF + "first", RDF + "rest"


def hash_lines(lines: Iterable[str]) -> str:
    """The SHA-256 of sorted lines, each followed by a newline: a graph's content hash."""
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def graph_lines(graph_iri: str, triples: Iterable[Any]) -> list[str]:
    """The sorted, distinct N-Triples lines (ending in `` .``) of pyoxigraph triples or
    quads (their graph ignored), blank nodes named as kg names them in ``graph_iri``.

    >>> import pyoxigraph as ox
    >>> s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    >>> graph_lines("urn:g", [ox.Triple(s, p, ox.Literal('a "b"')), ox.Triple(s, p, s)])
    ['<urn:s> <urn:p> "a \\\\"b\\\\"" .', '<urn:s> <urn:p> <urn:s> .']
    """
    import pyoxigraph as ox

    rows = [(t.subject, t.predicate, t.object) for t in triples]
    if not any(isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode) for s, _, o in rows):
        return sorted({f"{s} {p} {o} ." for s, p, o in rows})
    labels = _list_labels(graph_iri, rows)
    if labels is None:
        return _rdfc_lines(graph_iri, rows)

    def text(term: Any) -> str:
        return f"_:{labels[term.value]}" if isinstance(term, ox.BlankNode) else str(term)

    return sorted({f"{text(s)} {p} {text(o)} ." for s, p, o in rows})


def _list_labels(graph_iri: str, rows: list[tuple[Any, Any, Any]]) -> dict[str, str] | None:
    """Blank node id -> kg's label, when every blank node is a list cell reached from one
    named owner (else None)."""
    links = _links(rows)
    if links is None:
        return None
    heads, after, cells = links
    labels: dict[str, str] = {}
    for first, (owner, prop) in heads.items():
        cell: str | None = first
        i = 0
        while cell is not None and cell not in labels:
            labels[cell] = list_cell(graph_iri, owner, prop, i)
            cell, i = after.get(cell), i + 1
        if cell is not None:  # a cycle, or two lists sharing a tail
            return None
    if len(labels) != len(cells) or len(set(labels.values())) != len(labels):
        return None
    return labels


def _links(rows: list[tuple[Any, Any, Any]]
           ) -> tuple[dict[str, tuple[str, str]], dict[str, str], set[str]] | None:
    """The first cells of lists (-> their owner and property), each cell's next cell, and
    every blank node; None unless each blank node is a list cell reached once."""
    import pyoxigraph as ox

    heads: dict[str, tuple[str, str]] = {}
    after: dict[str, str] = {}
    reached: set[str] = set()
    cells: set[str] = set()
    for s, p, o in rows:
        if isinstance(s, ox.BlankNode):
            cells.add(s.value)
            if p.value not in (_FIRST, _REST):
                return None
        if not isinstance(o, ox.BlankNode):
            continue
        if o.value in reached:
            return None
        cells.add(o.value)
        reached.add(o.value)
        if isinstance(s, ox.BlankNode) and p.value == _REST:
            after[s.value] = o.value
        elif isinstance(s, ox.NamedNode) and p.value != _REST:
            heads[o.value] = (s.value, p.value)
        else:
            return None
    return heads, after, cells


def _rdfc_lines(graph_iri: str, rows: list[tuple[Any, Any, Any]]) -> list[str]:
    """Lines with blank nodes named by RDFC-1.0, prefixed after the graph."""
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.Quad(s, p, o) for s, p, o in rows)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    tag = hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:12]

    def text(term: ox.NamedNode | ox.BlankNode | ox.Literal | Any) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:k{tag}n{term.value.removeprefix('c14n')}"
        return str(term)

    return sorted({f"{text(q.subject)} {q.predicate} {text(q.object)} ." for q in dataset})

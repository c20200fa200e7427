"""What the graph says about one resource (private; shared by serve and publish).

A description is the resource's outgoing statements, those of the blank nodes and
``#fragment`` IRIs it reaches (lists, evidence, selectors), and the statements that
point at it from other IRIs. Terms are pyoxigraph terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.store import META_GRAPH
from kg.vocab import ONTOLOGY_IRI, RDF, RDFS, SCHEMA, SKOS

if TYPE_CHECKING:
    import pyoxigraph as ox

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
LABEL_PROPS = (RDFS_LABEL, SKOS + "prefLabel", SCHEMA + "headline", SCHEMA + "name")

__all__ = ["RDF_TYPE", "Description", "describe", "labels", "resource_iris", "split_fragment"]


def split_fragment(iri: str) -> str:
    """The IRI without its ``#fragment``."""
    return iri.split("#", 1)[0]


@dataclass
class Description:
    """The statements about ``iri``: ``out`` (its own and its parts'), ``inc`` (pointing in)."""

    iri: str
    out: list[Any] = field(default_factory=list)
    inc: list[Any] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.out or self.inc)

    def triples(self) -> list[Any]:
        """Every statement, outgoing then incoming, without duplicates."""
        seen: set[str] = set()
        found = []
        for t in [*self.out, *self.inc]:
            key = str(t)
            if key not in seen:
                seen.add(key)
                found.append(t)
        return found

    def objects(self, subject: str, prop: str) -> list[Any]:
        return [t.object for t in self.out
                if _value(t.subject) == subject and t.predicate.value == prop]

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)


def _value(term: Any) -> str:
    return str(getattr(term, "value", term))


def _is_named(term: Any) -> bool:
    return type(term).__name__ == "NamedNode"


def _is_blank(term: Any) -> bool:
    return type(term).__name__ == "BlankNode"


def _quads(store: ox.Store, s: Any = None, p: Any = None, o: Any = None) -> Iterator[Any]:
    for q in store.quads_for_pattern(s, p, o, None):
        if getattr(q.graph_name, "value", None) != META_GRAPH:
            yield q


def describe(store: ox.Store, iri: str, *, scan_fragments: bool = False) -> Description:
    """Describe ``iri`` (without fragment) from every graph but the metadata graph.

    ``scan_fragments`` also collects every ``iri#...`` subject, linked or not (for a
    small graph such as the ontology).
    """
    import pyoxigraph as ox

    iri = split_fragment(iri)
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return Description(iri)
    desc = Description(iri)
    seen: set[str] = set()
    todo: list[Any] = [node]
    if scan_fragments:
        prefix = iri + "#"
        todo += sorted({q.subject for q in _quads(store) if _is_named(q.subject)
                        and q.subject.value.startswith(prefix)}, key=str)
    # Statements pointing in: from other resources (shown as such), or from this
    # resource's own #parts (mentions point at their article): those are its parts.
    inc_seen: set[str] = set()
    for q in _quads(store, None, None, node):
        t = q.triple
        if not _is_named(t.subject) or str(t) in inc_seen:
            continue
        inc_seen.add(str(t))
        if split_fragment(t.subject.value) == iri:
            todo.append(t.subject)
        else:
            desc.inc.append(t)
    done: set[str] = set()
    while todo:
        subject = todo.pop(0)
        key = str(subject)
        if key in done:
            continue
        done.add(key)
        for q in _quads(store, subject):
            t = q.triple
            if str(t) in seen:
                continue
            seen.add(str(t))
            desc.out.append(t)
            o = t.object
            if _is_blank(o) or (_is_named(o) and o.value.startswith(iri + "#")):
                todo.append(o)
    desc.out.sort(key=lambda t: (str(t.subject) != str(node), str(t)))
    desc.inc.sort(key=str)
    desc.labels = labels(store, _iris(desc.triples()))
    return desc


def _iris(triples: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for t in triples:
        for term in (t.subject, t.object):
            if _is_named(term):
                found.add(term.value)
    return found


def labels(store: ox.Store, iris: Iterable[str]) -> dict[str, str]:
    """A display label for each IRI that has one."""
    import pyoxigraph as ox

    found: dict[str, str] = {}
    for iri in iris:
        node = ox.NamedNode(iri)
        for prop in LABEL_PROPS:
            values = sorted(_value(q.object) for q in _quads(store, node, ox.NamedNode(prop)))
            if values:
                found[iri] = values[0]
                break
    return found


def resource_iris(store: ox.Store, base: str) -> list[str]:
    """Every IRI under ``base`` (without fragment) that appears in an article graph."""
    found: set[str] = set()
    for q in _quads(store):
        for term in (q.subject, q.object):
            if _is_named(term) and term.value.startswith(base):
                found.add(split_fragment(term.value))
    return sorted(i for i in found if i not in (base, ONTOLOGY_IRI))

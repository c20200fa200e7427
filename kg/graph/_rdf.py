"""Read RDF quads from a store or an rdflib graph into plain Python (private).

Terms become plain values: an IRI is a ``str``, a blank node a ``str`` starting with
``_:``, a literal a :class:`Lit`. The projection then needs no RDF library.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg import vocab

Term = str  # an IRI, or "_:id" for a blank node


@dataclass(frozen=True, order=True)
class Lit:
    """A literal: its lexical form and datatype IRI (``""`` for a plain string)."""

    value: str
    datatype: str = ""


Obj = Term | Lit


@dataclass
class Triples:
    """Triples indexed by subject, and the named graph(s) each subject is typed in."""

    by_subject: dict[Term, dict[str, list[Obj]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    #: the article graphs that say something of a subject (its local id, its mentions)
    said_in: dict[Term, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, s: Term, p: str, o: Obj, g: str) -> None:
        objs = self.by_subject[s][p]
        if o not in objs:
            objs.append(o)
        if g not in _CORPUS:
            self.said_in[s].add(g)

    def objects(self, s: Term, p: str) -> list[Obj]:
        """The objects of ``s p ?o`` (sorted, so output never depends on input order)."""
        props = self.by_subject.get(s)
        if props is None:
            return []
        return sorted(props.get(p, ()), key=_key)

    def first(self, s: Term, p: str) -> Obj | None:
        objs = self.objects(s, p)
        return objs[0] if objs else None

    def items(self, head: Obj | None) -> list[Obj]:
        """The members of an rdf:List, in order (empty for a missing or broken list)."""
        out: list[Obj] = []
        seen: set[Obj] = set()
        node = head
        while isinstance(node, str) and node != RDF_NIL and node not in seen:
            seen.add(node)
            first = self.first(node, RDF_FIRST)
            if first is None:
                break
            out.append(first)
            node = self.first(node, RDF_REST)
        return out


def _key(o: Obj) -> tuple[int, str, str]:
    return (1, o.value, o.datatype) if isinstance(o, Lit) else (0, o, "")


RDF = vocab.RDF
RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
_XSD_STRING = vocab.XSD + "string"
META_GRAPH = vocab.META_GRAPH  # the store's metadata graph (content hashes), never projected
EVENTS_GRAPH = vocab.EVENTS_GRAPH  # one node per real-world event, over every article
ENTITIES_GRAPH = vocab.ENTITIES_GRAPH  # each entity described once, for every article
_CORPUS = (EVENTS_GRAPH, ENTITIES_GRAPH)


def load(source: Any, graph: str | None = None) -> Triples:
    """Index the quads of ``source`` (a :class:`kg.store.Store`, a pyoxigraph store or
    dataset, or an rdflib graph or dataset); only those of named graph ``graph`` (and of
    the entities graph, which describes its entities, and the events graph, which says
    which event each fact reports) if given.
    """
    t = Triples()
    described: list[tuple[Term, str, Obj, str]] = []
    named: set[Obj] = set()
    for s, p, o, g in _quads(source):
        if g == META_GRAPH:
            continue
        if graph is None or g in (graph, EVENTS_GRAPH):
            t.add(s, p, o, g)
            if g == graph:
                named.update((s, o))
        elif g == ENTITIES_GRAPH:
            described.append((s, p, o, g))
    for s, p, o, g in described:  # of one article: only what it names
        if graph is None or s in named:
            t.add(s, p, o, g)
    return t


def graph_names(source: Any) -> list[str]:
    """The named graphs of ``source`` (sorted)."""
    return sorted({g for _, _, _, g in _quads(source)
                   if g and g not in (META_GRAPH, EVENTS_GRAPH, ENTITIES_GRAPH)})


def _quads(source: Any) -> Iterator[tuple[Term, str, Obj, str]]:
    module = type(source).__module__
    if module.startswith("kg.store"):
        yield from _ox_quads(source.quads())
    elif module.startswith("pyoxigraph"):
        yield from _ox_quads(iter(source))
    elif module.startswith("rdflib") and callable(getattr(source, "triples", None)):
        yield from _rdflib_quads(source)
    else:
        raise TypeError(f"cannot read RDF from {type(source).__name__}: "
                        "give a kg Store, a pyoxigraph Store/Dataset or an rdflib Graph")


def _ox_term(term: Any) -> Obj:
    name = type(term).__name__
    if name == "NamedNode":
        return str(term.value)
    if name == "BlankNode":
        return "_:" + str(term.value)
    if name == "Literal":
        dt = "" if term.language else term.datatype.value
        return Lit(str(term.value), "" if dt == _XSD_STRING else str(dt))
    return str(term)  # pragma: no cover - triple terms are not used by kg


def _ox_quads(quads: Iterable[Any]) -> Iterator[tuple[Term, str, Obj, str]]:
    for q in quads:
        s = _ox_term(q.subject)
        o = _ox_term(q.object)
        g = getattr(q.graph_name, "value", "")
        if isinstance(s, str):
            yield s, str(q.predicate.value), o, str(g)


def _rdflib_term(term: Any) -> Obj:
    import rdflib

    if isinstance(term, rdflib.Literal):
        dt = "" if term.language or term.datatype is None else str(term.datatype)
        return Lit(str(term), "" if dt == _XSD_STRING else dt)
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return str(term)


def _rdflib_quads(source: Any) -> Iterator[tuple[Term, str, Obj, str]]:
    import rdflib

    if isinstance(source, rdflib.Dataset | rdflib.ConjunctiveGraph):
        rows: Iterable[Any] = source.quads((None, None, None, None))
    else:
        rows = ((s, p, o, source.identifier) for s, p, o in source)
    for s, p, o, g in rows:
        name = getattr(g, "identifier", g)
        gname = "" if name is None or isinstance(name, rdflib.BNode) else str(name)
        if gname.startswith("urn:x-rdflib:"):
            gname = ""
        subject = _rdflib_term(s)
        if isinstance(subject, str):
            yield subject, str(p), _rdflib_term(o), gname

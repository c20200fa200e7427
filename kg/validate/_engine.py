"""Validation with the compiled shapes, on an in-memory pyoxigraph store (private).

The graphs of a batch go into one store, each in a named graph of its own, and the
compiled query (:mod:`kg.validate._compile`) runs once over all of them with
``GRAPH ?g``: every pattern of a branch is inside one graph, so nothing leaks from one
graph into another's report.

What pySHACL sees besides the data is given to each graph as well:

* the ontology: pySHACL validates the data with the ontology mixed in, so each graph
  gets the ontology triples about the nodes it reaches (and about those of the ontology
  that are focus nodes by themselves), followed transitively;
* lexical forms: pySHACL (through rdflib) fails ``sh:datatype`` for a literal whose
  lexical form is not valid for its datatype ("2014-13-45"^^xsd:date); such literals are
  found with rdflib's own conversion when they are loaded and named in a graph of their
  own, which the compiled ``sh:datatype`` consults.
"""

from __future__ import annotations

import datetime
import decimal
import functools
from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib.namespace import SH

from kg import vocab
from kg._errors import ValidationError
from kg.validate._compile import Compiled, compiled
from kg.validate._components import ILL_TYPED
from kg.validate._validate import ValidationReport, Violation, order, quiet_literals

_XSD = vocab.XSD
#: pySHACL also asks that the value rdflib makes of a literal is of the datatype's type
_VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    _XSD + "integer": int, _XSD + "float": float, _XSD + "decimal": decimal.Decimal,
    _XSD + "boolean": bool, _XSD + "date": datetime.date, _XSD + "time": datetime.time,
    _XSD + "dateTime": datetime.datetime,
}
_GRAPH = "urn:kg:validate:graph:"
_ILL = ox.NamedNode(ILL_TYPED)

Triples = str | bytes | Iterable[ox.Triple | ox.Quad]


@functools.lru_cache(maxsize=8192)
def ill_typed(lexical: str, datatype: str) -> bool:
    """Whether pySHACL's ``sh:datatype`` rejects ``lexical`` for ``datatype``: rdflib
    cannot read it as a value of the datatype (or reads it as a value of another type).

    >>> ill_typed("2014-13-45", "http://www.w3.org/2001/XMLSchema#date")
    True
    >>> ill_typed("2014-11-18", "http://www.w3.org/2001/XMLSchema#date")
    False
    """
    import rdflib

    with quiet_literals():
        lit = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    if lit.ill_typed:
        return True
    expected = _VALUE_TYPES.get(datatype)
    return expected is not None and not isinstance(lit.value, expected)


@functools.lru_cache(maxsize=1)
def _ontology() -> dict[object, tuple[ox.Triple, ...]]:
    """The ontology as pyoxigraph triples by subject."""
    from kg._resources import ontology_path

    index: dict[object, list[ox.Triple]] = {}
    for q in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        index.setdefault(q.subject, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return {s: tuple(ts) for s, ts in index.items()}


@functools.lru_cache(maxsize=4)
def _ontology_focus(c: Compiled) -> tuple[object, ...]:
    """The ontology's nodes that are focus nodes by themselves."""
    index = _ontology()
    found: list[object] = []
    for triples in index.values():
        for t in triples:
            p, o = t.predicate.value, t.object
            if p == c.type_predicate and isinstance(o, ox.NamedNode) and o.value in c.focus_classes:
                found.append(t.subject)
            if p in c.subjects_of:
                found.append(t.subject)
            if p in c.objects_of:
                found.append(t.object)
    return tuple(found)


def _with_ontology(triples: list[ox.Triple], c: Compiled) -> list[ox.Triple]:
    """``triples`` and the ontology triples about every node they reach."""
    index, focus = _ontology(), _ontology_focus(c)
    nodes = {t.subject for t in triples} | {t.object for t in triples}
    todo = list((nodes & index.keys()) | set(focus))
    seen: set[object] = set()
    out = list(triples)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in index.get(node, ()):
            out.append(t)
            todo.append(t.object)
    return out


def _read(data: Triples) -> list[ox.Triple]:
    if isinstance(data, (str, bytes)):
        try:
            parsed = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise ValidationError(f"cannot read the N-Triples to validate: {exc}") from exc
        return [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]
    return [t if isinstance(t, ox.Triple) else ox.Triple(t.subject, t.predicate, t.object)
            for t in data]


def _load(graphs: Sequence[tuple[str, Triples]], c: Compiled) -> tuple[ox.Store, dict[str, str]]:
    store, names, quads = ox.Store(), dict[str, str](), list[ox.Quad]()
    ill: set[ox.Literal] = set()
    for i, (key, data) in enumerate(graphs):
        g = ox.NamedNode(f"{_GRAPH}{i}")
        if key in names.values():
            raise ValidationError(f"two graphs of one batch are named {key!r}")
        names[g.value] = key
        for t in _with_ontology(_read(data), c):
            quads.append(ox.Quad(t.subject, t.predicate, t.object, g))
            o = t.object
            if isinstance(o, ox.Literal) and o.datatype.value in c.lexical_checks \
                    and ill_typed(o.value, o.datatype.value):
                ill.add(o)
    quads += [ox.Quad(_ILL, _ILL, lit, _ILL) for lit in ill]
    store.extend(quads)
    return store, names


def validate_batch(graphs: Sequence[tuple[str, Triples]]) -> dict[str, ValidationReport]:
    """Validate many graphs at once with the compiled shapes: a report for each name.

    Each graph is given as ``(name, data)``, its data an iterable of
    :class:`pyoxigraph.Triple` (or of quads, whose graph is ignored) or N-Triples text.
    The reports are those :func:`kg.validate.validate` (pySHACL) gives, result for
    result (``tests/test_validate_compiled.py`` checks it); it costs a few milliseconds
    per graph instead of some fifty.

    >>> import pyoxigraph as ox
    >>> kgo = "https://kg.example.org/ontology#"
    >>> fact = ox.NamedNode("https://kg.example.org/fact/a1/f1")
    >>> signing = [ox.Triple(fact, ox.NamedNode(
    ...     "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(kgo + "Signing"))]
    >>> reports = validate_batch([("a1", signing), ("a2", [])])
    >>> reports["a1"].conforms, reports["a2"].conforms
    (False, True)
    >>> sorted({r.shape.rsplit("#")[1] for r in reports["a1"].violations})[:3]
    ['Signing-kind', 'Signing-treaty-required', 'fact-evidence']

    Raises :class:`kg.ValidationError` when the shapes use what the compiler does not
    support, or the data cannot be read.
    """
    return run(graphs, compiled())


def run(graphs: Sequence[tuple[str, Triples]], c: Compiled) -> dict[str, ValidationReport]:
    """:func:`validate_batch` with shapes compiled by the caller."""
    store, names = _load(graphs, c)
    found: dict[str, list[Violation]] = {key: [] for key in names.values()}
    try:
        rows = [row for q in c.queries for row in store.query(q)]  # type: ignore[union-attr]
    except (SyntaxError, OSError, ValueError) as exc:  # pragma: no cover - a compiler bug
        raise ValidationError(f"the compiled shapes failed to run: {exc}") from exc
    for row in rows:
        b = c.branches[int(row["b"].value)]
        value = row["v"]
        found[names[row["g"].value]].append(Violation(
            focus_node=row["f"].value, path=b.path, message=b.message, shape=b.shape,
            severity=b.severity, value=value.value if b.has_value and value is not None
            else None, component=b.component))
    violation = str(SH.Violation)
    return {key: ValidationReport(not any(r.severity == violation for r in results),
                                  order(results)) for key, results in found.items()}


def validate_triples(data: Triples) -> ValidationReport:
    """Validate one graph with the compiled shapes (see :func:`validate_batch`).

    >>> import pyoxigraph as ox
    >>> rule = ox.NamedNode("https://kg.example.org/rule/r1")
    >>> nt = (f"<{rule.value}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    ...       "<https://kg.example.org/ontology#ExtractionRule> .")
    >>> report = validate_triples(nt)
    >>> report.conforms, [r.message for r in report.results]
    (False, ['an extraction rule must have its name (rdfs:label)'])
    """
    return validate_batch([("", data)])[""]

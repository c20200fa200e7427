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

Triples = str | bytes | Sequence[str] | Iterable[ox.Triple | ox.Quad]


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
def _ontology() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The ontology as N-Triples text by subject: ``(line without " .", predicate,
    object)``."""
    from kg._resources import ontology_path

    index: dict[str, list[tuple[str, str, str]]] = {}
    for q in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        s, p, o = str(q.subject), str(q.predicate), str(q.object)
        index.setdefault(s, []).append((f"{s} {p} {o}", p, o))
    return {s: tuple(ts) for s, ts in index.items()}


@functools.lru_cache(maxsize=4)
def _ontology_focus(c: Compiled) -> tuple[str, ...]:
    """The ontology's nodes that are focus nodes by themselves."""
    from kg._resources import ontology_path

    found: list[str] = []
    for q in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        p, o = q.predicate.value, q.object
        if p == c.type_predicate and isinstance(o, ox.NamedNode) and o.value in c.focus_classes:
            found.append(str(q.subject))
        if p in c.subjects_of:
            found.append(str(q.subject))
        if p in c.objects_of:
            found.append(str(o))
    return tuple(found)


def _ontology_lines(nodes: set[str], c: Compiled) -> list[tuple[str, str, str]]:
    """The ontology lines about every node of ``nodes``, followed transitively:
    ``(line, predicate, object)``."""
    index = _ontology()
    todo = list((nodes & index.keys()) | set(_ontology_focus(c)))
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for found in index.get(node, ()):
            out.append(found)
            todo.append(found[2])
    return out


def _lines(data: Triples) -> list[str]:
    """The graph as N-Triples lines without their final " .", one space between terms
    (as kg writes them; other lines are read and written again)."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    if isinstance(data, (list, tuple)) and (not data or isinstance(data[0], str)):
        return [x[:-2] for x in data]  # kg's own lines (GraphData.lines), each ending " ."
    if not isinstance(data, str):
        return [f"{t.subject} {t.predicate} {t.object}" for t in data
                if not isinstance(t, str)]
    out = []
    for raw in data.splitlines():
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        s_end = line.find(" ")
        p_end = line.find(" ", s_end + 1)
        if (line.endswith(" .") and s_end > 0 and p_end > s_end + 1 and line[s_end + 1] == "<"
                and line[p_end - 1] == ">" and line[p_end + 1] not in " \t"
                and "\t" not in line[:p_end]):
            out.append(line[:-2])
        else:
            out.extend(f"{t.subject} {t.predicate} {t.object}" for t in _parse(line))
    return out


def _parse(text: str) -> list[ox.Quad]:
    try:
        return list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise ValidationError(f"cannot read the N-Triples to validate: {exc}") from exc


@functools.lru_cache(maxsize=65536)
def _ill_object(obj: str, checked: frozenset[str]) -> bool:
    """Whether an object term (N-Triples) is a literal of a checked datatype that
    pySHACL's ``sh:datatype`` rejects (see :func:`ill_typed`)."""
    cut = obj.rfind('"^^<')
    if not obj.startswith('"') or cut < 0 or obj[cut + 4:-1] not in checked:
        return False
    (q,) = _parse(f"<urn:s> <urn:p> {obj} .")
    lit = q.object
    return isinstance(lit, ox.Literal) and ill_typed(lit.value, lit.datatype.value)


def _graph_text(lines: list[str], g: str, c: Compiled, ill: set[str],
                out: tuple[list[str], list[str]]) -> None:
    """One graph's N-Quads (with the ontology lines it reaches) in named graph ``g``, to
    ``out``: those without blank nodes, those with; its ill-typed literals to ``ill``.
    Only the lines of a predicate the queries read (:attr:`Compiled.predicates`) are
    loaded: no query can match another (what a graph reaches is found over them all)."""
    plain, blank = out
    tail = f" <{g}> .\n"
    read, checked = c.predicates, c.lexical_checks
    nodes: set[str] = set()
    for line in lines:
        s, p, o = line.split(" ", 2)
        nodes.add(s)
        if o[0] != '"':
            nodes.add(o)
        elif _ill_object(o, checked):
            ill.add(o)
        if p in read:
            (blank if s[0] == "_" or o[0] == "_" else plain).append(line + tail)
    for line, p, o in _ontology_lines(nodes, c):
        if p in read:
            (blank if line[0] == "_" or o[0] == "_" else plain).append(line + tail)


def _load(graphs: Sequence[tuple[str, Triples]], c: Compiled) -> tuple[ox.Store, dict[str, str]]:
    """The batch in one in-memory store. Lines without blank nodes are loaded as text
    (one parse in Oxigraph); those with are parsed apart and added as quads, since a
    load renames blank nodes and a report gives their labels, as pySHACL does."""
    names: dict[str, str] = {}
    out: tuple[list[str], list[str]] = ([], [])
    ill: set[str] = set()
    for i, (key, data) in enumerate(graphs):
        g = f"{_GRAPH}{i}"
        if key in names.values():
            raise ValidationError(f"two graphs of one batch are named {key!r}")
        names[g] = key
        _graph_text(_lines(data), g, c, ill, out)
    plain, blank = out
    plain.extend(f"<{ILL_TYPED}> <{ILL_TYPED}> {obj} <{ILL_TYPED}> .\n" for obj in sorted(ill))
    store = ox.Store()
    try:
        store.load("".join(plain), format=ox.RdfFormat.N_QUADS)
        store.extend(ox.parse("".join(blank), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as exc:
        raise ValidationError(f"cannot read the N-Triples to validate: {exc}") from exc
    return store, names


def validate_batch(graphs: Sequence[tuple[str, Triples]]) -> dict[str, ValidationReport]:
    """Validate many graphs at once with the compiled shapes: a report for each name.

    Each graph is given as ``(name, data)``, its data an iterable of
    :class:`pyoxigraph.Triple` (or of quads, whose graph is ignored), N-Triples text, or
    a list of N-Triples lines as kg writes them (one space between terms, each ending in
    `` .``, such as :attr:`kg.store.GraphData.lines`).
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

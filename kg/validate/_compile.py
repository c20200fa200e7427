"""Compile the SHACL shapes into one SPARQL SELECT query (private).

The shapes file is read as data (nothing here is written for a particular shape): every
shape with a target (``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``)
becomes, for each constraint of it and of its property shapes, one branch of a UNION
that matches the focus nodes (and value nodes) failing that constraint, in every named
graph at once. The constraints are compiled by the specification's definitions of the
core constraint components (:mod:`kg.validate._components`); one that is not supported
raises :class:`kg.ValidationError`, so that a new shape is never silently ignored.

``sh:class`` and ``sh:targetClass`` see the subclasses the ontology declares (expanded
here, once): pySHACL sees them because the ontology is mixed into the data.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg._errors import ValidationError
from kg.validate import _components as comp

#: Predicates of a shape that do not constrain (or that a component reads with another).
_OTHER = {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, SH.message, SH.severity,
          SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.path,
          SH.property, SH.deactivated, SH.flags, SH.targetClass, SH.targetSubjectsOf,
          SH.targetObjectsOf, SH.qualifiedMinCount, SH.qualifiedMaxCount,
          SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint}
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_VAR = re.compile(r"\?([a-z]+)(\d+)\b")
_PATHS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def _objects(g: rdflib.Graph, s: Node, p: Node) -> list[Node]:
    return sorted(g.objects(s, p), key=str)


@dataclass(frozen=True)
class Branch:
    """What one branch of the query reports: a result's shape, component and text."""

    shape: str
    component: str
    severity: str
    message: str
    path: str | None
    has_value: bool


@dataclass(frozen=True, eq=False)
class Compiled:
    """The shapes as SPARQL queries; ``?b`` of each row indexes ``branches``. Compared
    and hashed as itself: the caches keyed by it would otherwise hash every branch on
    each call."""

    queries: tuple[str, ...]
    branches: tuple[Branch, ...]
    lexical_checks: frozenset[str]  # datatypes whose lexical forms are checked on load
    focus_classes: frozenset[str]  # what makes focus nodes: instances of these classes,
    subjects_of: frozenset[str]  # subjects of these predicates,
    objects_of: frozenset[str]  # objects of these
    #: every predicate a query reads, as N-Triples writes it (``<IRI>``): the queries
    #: match no other triple (they have no variable predicate), so a graph's other
    #: triples need not be loaded
    predicates: frozenset[str]
    type_predicate: str = str(RDF.type)


@dataclass(frozen=True)
class _Fail:
    shape: Node
    component: str
    body: str  # a group graph pattern over the focus variable
    value: str | None  # the variable of sh:value, if the result has one
    expr: str | None = None  # for a test of the focus node itself: body is FILTER(expr)
    count: comp.Count | None = None  # for a count: body is its nested form


class Compiler:
    """Turns shapes into SPARQL patterns; see the module's docstring."""

    def __init__(self, shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
        self.shapes = shapes
        self.ontology = ontology
        self.lexical_checks = frozenset(
            str(d) for d in shapes.objects(None, SH.datatype)
        ) - {str(XSD.string), str(RDF.langString), str(RDFS.Literal)}
        if any((None, p, None) in shapes for p in comp.COMPARE):  # rdflib orders by validity
            self.lexical_checks |= frozenset(comp.NUMERIC)
        self.branches: list[Branch] = []
        self.read: set[str] = {str(RDF.type)}  # the predicates the patterns name
        self._n = 0

    def fresh(self, stem: str) -> str:
        """A variable name not used before in the query."""
        self._n += 1
        return f"?{stem}{self._n}"

    def subclasses(self, cls: Node) -> list[str]:
        """``cls`` and every class the ontology makes a subclass of it."""
        found = set(self.ontology.transitive_subjects(RDFS.subClassOf, cls)) | {cls}
        return sorted(str(c) for c in found)

    def failing(self, shape: Node, v: str) -> str:
        """An expression true when the node in ``v`` does not conform to ``shape``."""
        fails = self.fails(shape, v)
        if not fails:
            return "false"
        if all(f.expr is not None for f in fails):  # tests of v itself: no pattern needed
            return "(" + " || ".join(f"({f.expr})" for f in fails) + ")"
        return "EXISTS { " + " UNION ".join("{ " + f.body + " }" for f in fails) + " }"

    def fails(self, shape: Node, x: str) -> list[_Fail]:
        """Each way the focus node in ``x`` can fail ``shape`` (one result each)."""
        if self.shapes.value(shape, SH.deactivated) == rdflib.Literal(True):
            return []
        self._check(shape)
        path = self.shapes.value(shape, SH.path)
        if path is None:
            return self._node_fails(shape, x)
        return self._property_fails(shape, path, x)

    def _check(self, shape: Node) -> None:
        for p in set(self.shapes.predicates(shape)):
            if p not in _OTHER and p not in comp.VALUE and p not in comp.COUNT \
                    and str(p).startswith(str(SH)):
                raise ValidationError(f"the compiled validator does not support {p} "
                                      f"(shape {shape}); validate with pySHACL")

    def _values(self, shape: Node) -> list[tuple[str, comp.ValueFn, Node]]:
        return [(name, fn, param) for p, (name, fn) in comp.VALUE.items()
                for param in _objects(self.shapes, shape, p)]

    def _node_fails(self, shape: Node, x: str) -> list[_Fail]:
        tests: list[tuple[str, str, str | None]] = [
            (name, fn(self, shape, param, x), x) for name, fn, param in self._values(shape)]
        tests += [(str(SH.HasValueConstraintComponent), f"!sameTerm({x}, {comp.term(hv)})", None)
                  for hv in _objects(self.shapes, shape, SH.hasValue)]
        out = [_Fail(shape, name, f"FILTER({expr})", value, expr) for name, expr, value in tests]
        for p in (SH.minCount, SH.maxCount, SH.qualifiedValueShape):
            if (shape, p, None) in self.shapes:
                raise ValidationError(f"{p} on the node shape {shape}: not SHACL")
        for prop in _objects(self.shapes, shape, SH.property):
            if self.shapes.value(prop, SH.path) is None:
                raise ValidationError(f"the property shape {prop} has no sh:path")
            out += self.fails(prop, x)
        return out

    def _property_fails(self, shape: Node, path: Node, x: str) -> list[_Fail]:
        if (shape, SH.property, None) in self.shapes:
            raise ValidationError(f"the compiled validator does not support sh:property "
                                  f"on the property shape {shape}; validate with pySHACL")
        pp, v = self.path(path), self.fresh("v")
        out = [_Fail(shape, name, f"{x} {pp} {v} . FILTER({fn(self, shape, param, v)})", v)
               for name, fn, param in self._values(shape)]
        counts = [(name, cfn(self, shape, param, pp)) for p, (name, cfn) in comp.COUNT.items()
                  for param in _objects(self.shapes, shape, p)]
        counts += self._qualified(shape, pp)
        for name, count in counts:
            body = count.nested(self, x) if count is not None else None
            if body is not None:
                out.append(_Fail(shape, name, body, None, count=count))
        return out

    def _qualified(self, shape: Node, pp: str) -> list[tuple[str, comp.Count | None]]:
        qshape = self.shapes.value(shape, SH.qualifiedValueShape)
        if qshape is None:
            return []
        if self.shapes.value(shape, SH.qualifiedValueShapesDisjoint) == rdflib.Literal(True):
            raise ValidationError("the compiled validator does not support "
                                  f"sh:qualifiedValueShapesDisjoint (shape {shape})")

        conforms = "!" + self.failing(qshape, comp.X)
        out: list[tuple[str, comp.Count | None]] = []
        low = self.shapes.value(shape, SH.qualifiedMinCount)
        if low is not None:
            out.append((str(SH.QualifiedMinCountConstraintComponent),
                        comp.Count(pp, comp.count(low, shape), "<", conforms)))
        high = self.shapes.value(shape, SH.qualifiedMaxCount)
        if high is not None:
            out.append((str(SH.QualifiedMaxCountConstraintComponent),
                        comp.Count(pp, comp.count(high, shape), ">", conforms)))
        return out

    def path(self, node: Node) -> str:
        """A SHACL property path as a SPARQL property path."""
        g = self.shapes
        if isinstance(node, rdflib.URIRef):
            self.read.add(str(node))
            return f"<{node}>"
        if g.value(node, RDF.first) is not None:
            return "(" + "/".join(self.path(p) for p in Collection(g, node)) + ")"
        if (inverse := g.value(node, SH.inversePath)) is not None:
            return f"^{self.path(inverse)}"
        if (alternatives := g.value(node, SH.alternativePath)) is not None:
            return "(" + "|".join(self.path(p) for p in Collection(g, alternatives)) + ")"
        for p, op in _PATHS.items():
            if (inner := g.value(node, p)) is not None:
                return f"({self.path(inner)}){op}"
        raise ValidationError(f"a property path the compiled validator cannot read: {node}")

    def targets(self, shape: Node) -> str:
        """A pattern binding ``?f`` to each focus node of ``shape`` (repeats allowed)."""
        g, parts = self.shapes, []
        if (shape, SH.targetNode, None) in g or (shape, RDF.type, RDFS.Class) in g \
                or (shape, RDF.type, OWL.Class) in g:
            raise ValidationError(f"the compiled validator supports no sh:targetNode or "
                                  f"implicit class target (shape {shape})")
        classes = sorted({c for t in g.objects(shape, SH.targetClass) for c in self.subclasses(t)})
        if len(classes) == 1:
            parts.append(f"?f <{RDF.type}> <{classes[0]}> .")
        elif classes:
            t = self.fresh("c")
            parts.append(f"?f <{RDF.type}> {t} . VALUES {t} {{ "
                         + " ".join(f"<{c}>" for c in classes) + " }")
        parts += [f"?f <{p}> {self.fresh('o')} ."
                  for p in _objects(g, shape, SH.targetSubjectsOf)]
        parts += [f"{self.fresh('s')} <{p}> ?f ."
                  for p in _objects(g, shape, SH.targetObjectsOf)]
        return " UNION ".join("{ " + p + " }" for p in parts)


def _message(shapes: rdflib.Graph, shape: Node) -> str:
    messages = sorted(str(m) for m in shapes.objects(shape, SH.message))
    if not messages:
        raise ValidationError(f"the compiled validator needs an sh:message on {shape}")
    return "; ".join(messages)


def _branch(c: Compiler, fail: _Fail) -> Branch:
    g = c.shapes
    path = g.value(fail.shape, SH.path)
    text = None if path is None else str(path) if isinstance(path, rdflib.URIRef) else c.path(path)
    severity = str(g.value(fail.shape, SH.severity) or SH.Violation)
    return Branch(str(fail.shape), fail.component, severity, _message(g, fail.shape), text,
                  fail.value is not None)


def _canonical(fail: _Fail) -> tuple[str, str | None]:
    """The body and value variable of ``fail`` with its own variables renamed in order,
    so that constraints alike but for their variables compare equal."""
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        return names.setdefault(m.group(0), f"?{m.group(1)}_{len(names)}")

    if fail.count is not None:  # grouped by focus node: see _branch_text
        pattern, having = fail.count.top()
        return _VAR.sub(rename, pattern), "HAVING " + having
    value = fail.value
    return _VAR.sub(rename, fail.body), _VAR.sub(rename, value) if value else None


def _branch_text(targets: str, body: str, value: str | None) -> str:
    """One branch of the UNION; ``targets`` binds ``?f`` and ``?b``."""
    if value is not None and value.startswith("HAVING "):
        return (f"{{ SELECT ?g ?f ?b WHERE {{ GRAPH ?g {{ {targets} {body} }} }} "
                f"GROUP BY ?g ?f ?b {value} }}")
    bind = f" BIND({value} AS ?v)" if value else ""
    return f"{{ GRAPH ?g {{ {targets} {body}{bind} }} }}"


def _group(c: Compiler, shapes: list[Node]) -> dict[tuple[str, str | None], list[tuple[str, int]]]:
    """The failures of shapes targeting classes only, merged: one pattern each, with the
    (class, branch) pairs it is asked for."""
    groups: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    for shape in shapes:
        classes = sorted({k for t in c.shapes.objects(shape, SH.targetClass)
                          for k in c.subclasses(t)})
        for fail in c.fails(shape, "?f"):
            rows = groups.setdefault(_canonical(fail), [])
            rows += [(k, len(c.branches)) for k in classes]
            c.branches.append(_branch(c, fail))
    return groups


def _class_branches(c: Compiler, shapes: list[Node]) -> list[str]:
    out = []
    for (body, value), rows in _group(c, shapes).items():
        pairs = " ".join(f"(<{k}> {b})" for k, b in rows)
        targets = f"?f <{RDF.type}> ?c . VALUES (?c ?b) {{ {pairs} }}"
        out.append(_branch_text(targets, body, value))
    return out


def _other_branches(c: Compiler, shapes: list[Node]) -> list[str]:
    out = []
    for shape in shapes:
        targets = c.targets(shape)
        for fail in c.fails(shape, "?f"):
            body, value = _canonical(fail)
            bound = f"{{ {targets} }} BIND({len(c.branches)} AS ?b)"
            out.append(_branch_text(bound, body, value))
            c.branches.append(_branch(c, fail))
    return out


def compile_shapes(shapes: rdflib.Graph, ontology: rdflib.Graph, *, chunk: int = 4) -> Compiled:
    """Compile ``shapes`` (with the subclasses of ``ontology``) into SPARQL queries of
    ``chunk`` UNION branches each (pyoxigraph plans a long query in more than linear
    time)."""
    c = Compiler(shapes, ontology)
    focus = sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str)
    for shape in focus:
        c.targets(shape)  # raises for a target it cannot compile
    by_class = [s for s in focus
                if not any((s, t, None) in shapes for t in _TARGETS if t != SH.targetClass)]
    parts = _class_branches(c, by_class)
    parts += _other_branches(c, [s for s in focus if s not in by_class])
    queries = tuple("SELECT DISTINCT ?g ?f ?v ?b WHERE {\n " + "\n UNION ".join(
        parts[i:i + chunk]) + f"\n FILTER(?g != <{comp.ILL_TYPED}>) }}"
        for i in range(0, len(parts), chunk))
    classes = {k for t in shapes.objects(None, SH.targetClass) for k in c.subclasses(t)}
    subjects_of = frozenset(str(p) for p in shapes.objects(None, SH.targetSubjectsOf))
    objects_of = frozenset(str(p) for p in shapes.objects(None, SH.targetObjectsOf))
    read = c.read | subjects_of | objects_of
    return Compiled(queries, tuple(c.branches), c.lexical_checks, frozenset(classes),
                    subjects_of, objects_of, frozenset(f"<{p}>" for p in read))


@functools.lru_cache(maxsize=1)
def compiled() -> Compiled:
    """The shipped shapes, compiled once per process (from the graphs pySHACL uses, so
    that blank-node shapes are named alike in both engines' reports)."""
    from kg.validate._validate import _ontology, _shapes

    return compile_shapes(_shapes(), _ontology())

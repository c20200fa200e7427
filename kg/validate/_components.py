"""SPARQL for the SHACL core constraint components the shipped shapes use (private).

Each function follows the textual definition of its component in the SHACL
specification (https://www.w3.org/TR/shacl/#core-components) and, where pySHACL (the
reference) reads a definition its own way, pySHACL's reading:

* a *value* component gives a SPARQL expression that is true when the value node
  ``v`` fails it (the result's ``sh:value`` is ``v``);
* a *count* component gives a group graph pattern that matches when the focus node
  ``x`` fails it (the result has no ``sh:value``).

Nested shapes (``sh:node``, ``sh:or``, ``sh:qualifiedValueShape``) are asked of the
compiler (:class:`kg.validate._compile.Compiler`) as "does ``v`` fail this shape".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg._errors import ValidationError

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.validate._compile import Compiler

#: The graph that names each literal whose lexical form is not valid for its datatype.
ILL_TYPED = "urn:kg:validate:ill-typed"

_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
#: A value component's compiler: (compiler, shape, parameter, value variable) -> expression.
ValueFn = Callable[["Compiler", "Node", "Node", str], str]
#: A count component's compiler: (compiler, shape, parameter, path) -> the count, or None
#: when it cannot fail.
CountFn = Callable[["Compiler", "Node", "Node", str], "Count | None"]

NUMERIC = [str(XSD[t]) for t in (
    "integer", "decimal", "float", "double", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")]
COMPARE = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=",
            SH.maxExclusive: "<"}


def string(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + out.replace("\r", "\\r").replace("\t", "\\t") + '"'


def term(node: Node) -> str:
    """An IRI or literal of the shapes graph as SPARQL."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        if node.language:
            return f"{string(str(node))}@{node.language}"
        return f"{string(str(node))}^^<{node.datatype or rdflib.XSD.string}>"
    raise ValidationError(f"the compiled validator cannot use the blank node {node} as a value")


def _class(c: Compiler, shape: Node, param: Node, v: str) -> str:
    found = c.subclasses(param)
    if len(found) == 1:
        return f"NOT EXISTS {{ {v} <{RDF.type}> <{found[0]}> }}"
    classes = " ".join(f"<{k}>" for k in found)
    t = c.fresh("t")
    return f"NOT EXISTS {{ {v} <{RDF.type}> {t} . VALUES {t} {{ {classes} }} }}"


def _datatype(c: Compiler, shape: Node, param: Node, v: str) -> str:
    if param == RDFS.Literal:
        return f"!isLiteral({v})"
    expr = f"!isLiteral({v}) || datatype({v}) != <{param}>"
    if str(param) in c.lexical_checks:
        expr += f" || {ill_typed(v)}"
    return expr


def _node_kind(c: Compiler, shape: Node, param: Node, v: str) -> str:
    kind = _KINDS.get(param)  # type: ignore[call-overload]
    if kind is None:
        raise ValidationError(f"unknown sh:nodeKind {param} in shape {shape}")
    return "!" + str(kind).format(v=v)


def _node(c: Compiler, shape: Node, param: Node, v: str) -> str:
    return c.failing(param, v)


def _or(c: Compiler, shape: Node, param: Node, v: str) -> str:
    members = list(rdflib.collection.Collection(c.shapes, param))
    return "(" + " && ".join(c.failing(m, v) for m in members) + ")" if members else "true"


def _in(c: Compiler, shape: Node, param: Node, v: str) -> str:
    members = list(rdflib.collection.Collection(c.shapes, param))
    same = " || ".join(f"sameTerm({v}, {term(m)})" for m in members)
    return f"!({same})" if members else "true"


def _pattern(c: Compiler, shape: Node, param: Node, v: str) -> str:
    flags = c.shapes.value(shape, SH.flags)
    args = f", {string(str(flags))}" if flags is not None else ""
    return f"isBlank({v}) || !REGEX(STR({v}), {string(str(param))}{args})"


def _length(op: str) -> ValueFn:
    def length(c: Compiler, shape: Node, param: Node, v: str) -> str:
        return f"isBlank({v}) || STRLEN(STR({v})) {op} {int(param)}"  # type: ignore[call-overload]
    return length


def ill_typed(v: str) -> str:
    """An expression true when the literal in ``v`` is not valid for its datatype."""
    return f"EXISTS {{ GRAPH <{ILL_TYPED}> {{ <{ILL_TYPED}> <{ILL_TYPED}> {v} }} }}"


def _range(c: Compiler, shape: Node, param: Node, v: str, op: str) -> str:
    """pySHACL's reading: a literal passes when rdflib orders it after (or before) the
    bound. rdflib compares valid numbers by value, literals of two other datatypes by
    their datatype IRIs (as strings), and literals of one datatype by value (an invalid
    one cannot be compared with the bound: it fails); a text never passes a bound that
    is not a text (nor the reverse), nor does a non-literal."""
    if not isinstance(param, rdflib.Literal):
        raise ValidationError(f"shape {shape} has a bound that is not a literal: {param}")
    bound, dt = term(param), str(param.datatype or XSD.string)
    text = f"(lang({v}) != \"\" || datatype({v}) = <{XSD.string}>)"
    numbers = ", ".join(f"<{n}>" for n in NUMERIC)
    by_type = f"STR(datatype({v})) {op[0]} {string(dt)}"
    by_value = f"COALESCE({v} {op} {bound}, false)"
    numeric = f"datatype({v}) IN ({numbers}) && !{ill_typed(v)}" if dt in NUMERIC else "false"
    same = f"!{ill_typed(v)} && {by_value}"  # rdflib cannot tell one equal to the bound
    passes = (f"isLiteral({v}) && {text if isinstance(param.value, str) else '!' + text} && "
              f"IF({numeric}, {by_value}, IF(datatype({v}) != <{dt}>, {by_type}, {same}))")
    return f"!({passes})"


def _ranged(name: Node) -> ValueFn:
    def ranged(c: Compiler, shape: Node, param: Node, v: str) -> str:
        return _range(c, shape, param, v, COMPARE[name])  # type: ignore[index]
    return ranged


#: parameter -> (constraint component, the expression true when value node v fails it)
VALUE: dict[Node, tuple[str, ValueFn]] = {
    SH["class"]: (str(SH.ClassConstraintComponent), _class),
    SH.datatype: (str(SH.DatatypeConstraintComponent), _datatype),
    SH.nodeKind: (str(SH.NodeKindConstraintComponent), _node_kind),
    SH.node: (str(SH.NodeConstraintComponent), _node),
    SH["or"]: (str(SH.OrConstraintComponent), _or),
    SH["in"]: (str(SH.InConstraintComponent), _in),
    SH.pattern: (str(SH.PatternConstraintComponent), _pattern),
    SH.minLength: (str(SH.MinLengthConstraintComponent), _length("<")),
    SH.maxLength: (str(SH.MaxLengthConstraintComponent), _length(">")),
    SH.minInclusive: (str(SH.MinInclusiveConstraintComponent), _ranged(SH.minInclusive)),
    SH.minExclusive: (str(SH.MinExclusiveConstraintComponent), _ranged(SH.minExclusive)),
    SH.maxInclusive: (str(SH.MaxInclusiveConstraintComponent), _ranged(SH.maxInclusive)),
    SH.maxExclusive: (str(SH.MaxExclusiveConstraintComponent), _ranged(SH.maxExclusive)),
}


def distinct_values(c: Compiler, x: str, path: str, n: int,
                    test: Callable[[str], str] | None = None) -> str:
    """A pattern matching when ``x`` has ``n`` distinct values on ``path`` (each of which
    passes ``test``, an expression over the variable it is given, when given)."""
    names = [c.fresh("n") for _ in range(n)]
    parts = [f"{x} {path} {a} ." for a in names]
    tests = [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1:]]
    if test:
        tests += [test(a) for a in names]
    if tests:
        parts.append(f"FILTER({' && '.join(tests)})")
    return " ".join(parts)


def count(n: Node, shape: Node) -> int:
    """A non-negative integer parameter (``sh:minCount`` ...)."""
    if not isinstance(n, rdflib.Literal) or not isinstance(n.value, int) or n.value < 0:
        raise ValidationError(f"shape {shape} has a count that is not a whole number: {n}")
    if n.value > 8:  # the nested pattern names each of n distinct values
        raise ValidationError(f"the compiled validator supports counts up to 8 (shape {shape})")
    return n.value


X = "?__x"  # the value variable of a count's test


@dataclass(frozen=True)
class Count:
    """A constraint on how many values (passing ``test``, an expression over :data:`X`)
    the focus node has on ``path``: it fails when the number is ``op`` (< or >) ``n``."""

    path: str
    n: int
    op: str
    test: str | None = None

    def nested(self, c: Compiler, x: str) -> str | None:
        """A pattern matching when the focus node in ``x`` fails (None: it cannot)."""
        def test(a: str) -> str:
            return self.test.replace(X, a) if self.test else "true"

        if self.op == "<":
            if not self.n:
                return None
            return f"FILTER NOT EXISTS {{ {distinct_values(c, x, self.path, self.n, test)} }}"
        return f"FILTER EXISTS {{ {distinct_values(c, x, self.path, self.n + 1, test)} }}"

    def top(self) -> tuple[str, str]:
        """For the focus nodes in ``?f``: a pattern binding their values to :data:`X`, and
        the HAVING condition of the failing ones (grouped by focus node)."""
        pattern = f"?f {self.path} {X} ." + (f" FILTER({self.test})" if self.test else "")
        if self.op == "<":
            pattern = f"OPTIONAL {{ {pattern} }}"
        return pattern, f"(COUNT(DISTINCT {X}) {self.op} {self.n})"


def min_count(c: Compiler, shape: Node, param: Node, path: str) -> Count | None:
    n = count(param, shape)
    return Count(path, n, "<") if n else None


def max_count(c: Compiler, shape: Node, param: Node, path: str) -> Count | None:
    return Count(path, count(param, shape), ">")


def has_value(c: Compiler, shape: Node, param: Node, path: str) -> Count | None:
    return Count(path, 1, "<", f"sameTerm({X}, {term(param)})")


#: parameter -> (constraint component, the count a focus node fails)
COUNT: dict[Node, tuple[str, CountFn]] = {
    SH.minCount: (str(SH.MinCountConstraintComponent), min_count),
    SH.maxCount: (str(SH.MaxCountConstraintComponent), max_count),
    SH.hasValue: (str(SH.HasValueConstraintComponent), has_value),
}

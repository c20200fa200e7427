"""SHACL validation of kg graphs with pySHACL (private)."""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg import vocab
from kg._errors import ValidationError
from kg._resources import ontology_path, shapes_path

_PREFIXES = {
    "kgo": vocab.KGO,
    "kgs": vocab.KGS,
    "sh": str(SH),
    "rdf": str(RDF),
    "rdfs": vocab.RDFS,
    "xsd": vocab.XSD,
    "owl": vocab.OWL,
    "skos": vocab.SKOS,
    "prov": vocab.PROV,
    "schema": vocab.SCHEMA,
    "oa": vocab.OA,
    "wd": vocab.WD,
}


class _DropIllFormedLiterals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form")


@contextlib.contextmanager
def quiet_literals() -> Iterator[None]:
    """Silence rdflib's warning (with a traceback) for each literal whose lexical form
    is not of its datatype ("2014-13-45"^^xsd:date) while RDF is read for validation:
    the SHACL report names each such value as a violation instead."""
    logger = logging.getLogger("rdflib.term")
    drop = _DropIllFormedLiterals()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def shorten(term: str) -> str:
    """A compact name for an IRI with a known prefix (``kgo:Signing``), else the IRI."""
    for prefix, ns in _PREFIXES.items():
        if term.startswith(ns) and term[len(ns):].replace("-", "").replace("_", "").isalnum():
            return f"{prefix}:{term[len(ns):]}"
    return term


@dataclass(frozen=True)
class Violation:
    """One SHACL result, its terms as strings (IRIs in full, literals by value)."""

    focus_node: str
    path: str | None
    message: str
    shape: str
    severity: str
    value: str | None = None
    component: str = ""

    def text(self) -> str:
        lines = [f"{shorten(self.severity)}: {self.message}",
                 f"  focus node: {shorten(self.focus_node)}"]
        if self.path is not None:
            lines.append(f"  path:       {shorten(self.path)}")
        if self.value is not None:
            lines.append(f"  value:      {shorten(self.value)}")
        lines.append(f"  shape:      {shorten(self.shape)}")
        return "\n".join(lines)


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: whether the data conforms, and every result."""

    conforms: bool
    results: list[Violation] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        """The results of severity sh:Violation (warnings do not break conformance)."""
        return [r for r in self.results if r.severity == str(SH.Violation)]

    def text(self) -> str:
        """A readable report: a summary line, then one block per result."""
        n_viol = len(self.violations)
        head = (f"Conforms: {'yes' if self.conforms else 'no'} "
                f"({n_viol} violation(s), {len(self.results) - n_viol} other result(s))")
        return "\n\n".join([head, *(r.text() for r in self.results)]) + "\n"


@functools.lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return _parse(str(shapes_path()))


@functools.lru_cache(maxsize=1)
def _ontology() -> rdflib.Graph:
    return _parse(str(ontology_path()))


def _parse(path: str) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds
        raise ValidationError(f"cannot read {path}: {exc}") from exc


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _path(report: rdflib.Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.BNode):  # a complex path: write it in Turtle-ish form
        return " ".join(str(o) for _, _, o in report.triples((node, None, None)))
    return str(node)


def _results(report: rdflib.Graph) -> list[Violation]:
    out = []
    for res in report.objects(None, SH.result):
        def one(p: rdflib.URIRef, res: Node = res) -> Node | None:
            return next(iter(report.objects(res, p)), None)

        messages = sorted(str(m) for m in report.objects(res, SH.resultMessage))
        out.append(Violation(
            focus_node=_str(one(SH.focusNode)) or "",
            path=_path(report, one(SH.resultPath)),
            message="; ".join(messages) or "(no message)",
            shape=_str(one(SH.sourceShape)) or "",
            severity=_str(one(SH.resultSeverity)) or str(SH.Violation),
            value=_str(one(SH.value)),
            component=_str(one(SH.sourceConstraintComponent)) or "",
        ))
    return order(out)


def order(results: list[Violation]) -> list[Violation]:
    """``results`` in the order of a report: violations first, then by focus node, path,
    shape, message and value."""
    return sorted(results, key=lambda v: (v.severity != str(SH.Violation), v.focus_node,
                                          v.path or "", v.shape, v.message, v.value or ""))


def validate(data: rdflib.Graph, *, shapes: rdflib.Graph | None = None,
             ontology: bool = True) -> ValidationReport:
    """Validate a graph (usually one article's, from :func:`kg.map.to_graph`) with SHACL.

    The shipped shapes are used unless ``shapes`` is given; they are loaded once per
    process. With ``ontology`` the kg ontology is mixed into (a copy of) the data, so
    that ``sh:class`` also sees subclasses. No RDFS inference is run: the shapes do
    not need it, and it costs several times more. A fact without its evidence sentence is
    a violation; warnings are reported but do not break conformance.

    >>> import rdflib
    >>> from kg.facts import Document
    >>> from kg.map import to_graph
    >>> doc = Document.from_dict({"article": {"id": "a1"},
    ...     "entities": [{"id": "cfe", "type": "Treaty", "name": "CFE"}],
    ...     "facts": [{"kind": "entered_into_force", "treaty": "cfe", "when": "1992"}]})
    >>> report = validate(to_graph(doc))
    >>> report.conforms, [shorten(r.shape) for r in report.results]
    (False, ['kgs:fact-evidence'])

    Raises :class:`kg.ValidationError` when validation cannot run.
    """
    if shapes is None:
        return _validate_shipped(data, ontology)
    import pyshacl

    shapes_graph = shapes
    try:
        conforms, report, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, ont_graph=_ontology() if ontology else None,
            inference="none", allow_warnings=True, advanced=False)
    except ValidationError:
        raise
    except Exception as exc:  # pyshacl and rdflib raise many kinds
        raise ValidationError(f"SHACL validation failed to run: {exc}") from exc
    if not isinstance(report, rdflib.Graph):  # pragma: no cover - pyshacl returns a Graph
        raise ValidationError("pySHACL returned no report graph")
    return ValidationReport(bool(conforms), _results(report))


def _validator(data: rdflib.Graph) -> Any:
    """A pySHACL validator of ``data`` over the shipped shapes, harvested once.

    pySHACL harvests a shapes graph into shape objects the first time a validator runs
    (about 15 ms for ours) and keeps them in its :class:`pyshacl.ShapesGraph`; every
    validator made here shares one (its public ``shacl_graph``).
    """
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph

    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=_shapes(),
                          options={"inference": "none", "allow_warnings": True,
                                   "advanced": False, "inplace": True})
    validator.shacl_graph = _shapes_graph()
    return validator


@functools.lru_cache(maxsize=1)
def _shapes_graph() -> Any:
    """The shipped shapes as one pySHACL ``ShapesGraph``, shared by every validator."""
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph

    return Validator(DataGraph.from_rdflib(rdflib.Graph()), shacl_graph=_shapes()).shacl_graph


def _validate_shipped(data: rdflib.Graph, ontology: bool) -> ValidationReport:
    """:func:`validate` with the shipped shapes: the same pySHACL engine, less overhead.

    Instead of cloning the data and mixing the ontology into the clone (pySHACL's way,
    about 40 ms per article), the ontology triples the data lacks are added to it for the
    run and taken out again afterwards, so the caller's graph is left as it was.
    """
    added: list[tuple[Node, Node, Node]] = []
    try:
        if ontology:
            added = [t for t in _ontology() if t not in data]
            for t in added:
                data.add(t)
        conforms, report, _ = _validator(data).run()
    except ValidationError:
        raise
    except Exception as exc:  # pyshacl and rdflib raise many kinds
        raise ValidationError(f"SHACL validation failed to run: {exc}") from exc
    finally:
        for t in added:
            data.remove(t)
    if not isinstance(report, rdflib.Graph):  # pragma: no cover - pyshacl returns a Graph
        raise ValidationError("pySHACL returned no report graph")
    return ValidationReport(bool(conforms), _results(report))

"""The compiled validator (the shapes as SPARQL on pyoxigraph, used by the build) against
pySHACL (the reference, used by ``kg validate``): the same results, each with its focus
node, path, shape, severity, value, message and component, on every rule-breaking case
of tests/test_shapes.py, the ill-formed dates, the fixtures and 400 seeded mutations of
real article graphs (benchmarks/bench_validate.py runs 2,000 and more)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import rdflib
from _mutations import article_graphs, mutants, rdflib_graph
from rdflib.namespace import SH
from test_shapes import CASES, _graph
from test_validate_dates import _with_date

from kg._errors import ValidationError
from kg.store import ntriples
from kg.validate import (
    ValidationReport,
    _compile,
    _components,
    _engine,
    _validate,
    quiet_literals,
    validate,
    validate_batch,
    validate_triples,
)

Key = list[tuple[object, ...]]


def _path(path: str | None) -> str:
    # pySHACL writes a path that is not an IRI with a blank node of its report, which
    # changes from run to run; the shape (which has one path) tells them apart
    return "(complex path)" if path and not re.match(r"^[a-z]+:[^ ()/^|]*$", path) else path or ""


def _value(value: str | None) -> str:
    # pySHACL's report writes an xsd:double or xsd:float "938" as "938.0"
    return re.sub(r"^(-?\d+)\.0$", r"\1", value) if value else ""


def key(report: ValidationReport) -> Key:
    return sorted((r.focus_node, _path(r.path), r.shape, r.severity, r.value is None,
                   _value(r.value), r.message, r.component) for r in report.results)


def _agree(graph: rdflib.Graph) -> ValidationReport:
    with quiet_literals():
        ref = validate(graph)
    new = validate_triples(ntriples(graph))
    assert (new.conforms, key(new)) == (ref.conforms, key(ref))
    return ref


@pytest.mark.parametrize(("what", "mutate", "shape", "path"), CASES, ids=[c[0] for c in CASES])
def test_every_rule_breaking_case_agrees(what: str, mutate: Callable[[rdflib.Graph], None],
                                        shape: str, path: rdflib.URIRef) -> None:
    g = _graph()
    mutate(g)
    ref = _agree(g)
    assert not ref.conforms


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("1990-13", "gYearMonth"), ("199x", "gYear"), ("2014-13-45", "date"),
    ("2014-02-30", "date"), ("18 November 2014", "date"), ("1990", "gYear"),
    ("2014-11-18+03:00", "date")])
def test_dates_agree(lexical: str, datatype: str) -> None:
    _agree(_with_date(lexical, datatype))  # type: ignore[arg-type]


def test_article_graphs_agree() -> None:
    for _, triples in article_graphs():
        _agree(rdflib_graph(list(triples)))  # type: ignore[arg-type]


def _differences(n: int, run: Callable[[list[tuple[str, str]]], dict[str, ValidationReport]]
                 ) -> tuple[int, int]:
    graphs = [(name, rdflib_graph(g)) for name, g in mutants(n)]
    texts = [(name, ntriples(g)) for name, g in graphs]
    new: dict[str, ValidationReport] = {}
    for i in range(0, n, 50):
        new.update(run(texts[i:i + 50]))
    bad = results = 0
    with quiet_literals():
        for name, g in graphs:
            ref = validate(g)  # type: ignore[arg-type]
            results += len(ref.results)
            bad += (ref.conforms, key(ref)) != (new[name].conforms, key(new[name]))
    return bad, results


def test_400_mutations_of_real_articles_agree() -> None:
    bad, results = _differences(400, validate_batch)
    assert bad == 0
    assert results > 400  # the mutations do break rules


def test_a_compiler_that_drops_a_component_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The differential test can fail: with an sh:class that never fails, the compiled
    reports differ; and a component the compiler does not know is an error, not ignored."""
    name, _ = _components.VALUE[SH["class"]]
    monkeypatch.setitem(_components.VALUE, SH["class"], (name, lambda *args: "false"))
    wrong = _compile.compile_shapes(_validate._shapes(), _validate._ontology())
    bad, _ = _differences(60, lambda graphs: _engine.run(graphs, wrong))
    assert bad > 5
    monkeypatch.delitem(_components.VALUE, SH["class"])
    with pytest.raises(ValidationError, match="does not support"):
        _compile.compile_shapes(_validate._shapes(), _validate._ontology())


def test_graphs_of_a_batch_do_not_leak() -> None:
    good, broken = _graph(), _graph()
    CASES[0][1](broken)
    reports = validate_batch([("good", ntriples(good)), ("broken", ntriples(broken))])
    assert reports["good"].conforms and reports["good"].results == []
    assert not reports["broken"].conforms
    with pytest.raises(ValidationError, match="two graphs"):
        validate_batch([("a", ""), ("a", "")])


def test_the_ontology_alone_conforms() -> None:
    """Why each graph gets only the ontology triples it reaches: pySHACL also validates
    the ontology's own nodes, and they conform."""
    assert validate(rdflib.Graph()).results == []


def test_an_unsupported_component_is_an_error() -> None:
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> sh:targetClass <urn:C> ; sh:closed true ; sh:message "closed" .""",
        format="turtle")
    with pytest.raises(ValidationError, match="closed"):
        _compile.compile_shapes(shapes, rdflib.Graph())


def test_lines_text_and_triples_give_the_same_reports() -> None:
    """The build gives the engine its lines (GraphData.lines); text and pyoxigraph
    triples of the same graphs give the same reports."""
    import pyoxigraph as ox

    graphs = [(name, rdflib_graph(g)) for name, g in mutants(40)]
    texts = [(name, ntriples(g)) for name, g in graphs]
    lines = [(name, [x for x in text.splitlines() if x]) for name, text in texts]
    triples = [(name, list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES)))
               for name, text in texts]
    by_text, by_lines, by_triples = (validate_batch(x) for x in (texts, lines, triples))
    assert any(not r.conforms for r in by_text.values())
    for name, _ in graphs:
        assert key(by_lines[name]) == key(by_text[name]) == key(by_triples[name])



def test_the_queries_read_only_the_predicates_they_name() -> None:
    """What makes leaving a graph's other lines unloaded safe: no triple pattern of a
    query has a variable predicate, and every predicate a query's paths name is in
    ``Compiled.predicates``; the lists of an article (rdf:first, rdf:rest) are not, and
    are not loaded."""
    c = _compile.compiled()
    variable = re.compile(r"(?:[?$]\w+|<[^>\s]*>|_:\w+)\s+[?$]\w+\s+(?:[?$]\w+|<|\"|_:)")
    path = re.compile(r"[?$]\w+\s+([(^]*<[^\s]*)")
    for q in c.queries:
        patterns = re.sub(r"SELECT[^{]*\{|GROUP BY[^)}]*HAVING", " ", q)
        assert not variable.findall(patterns)
        named = {iri for p in path.findall(patterns) for iri in re.findall(r"<[^>]+>", p)}
        assert named and named <= c.predicates
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert f"<{rdf}type>" in c.predicates and f"<{rdf}first>" not in c.predicates
    store, _ = _engine._load([("a", [f"_:l <{rdf}first> <urn:x> .",
                                     f"<urn:f> <{rdf}type> <urn:C> ."])], c)
    assert [q.predicate.value for q in store] == [rdf + "type"]

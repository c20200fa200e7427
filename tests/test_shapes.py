"""The SHACL shapes: mapped facts conform, and each shape catches what it is for."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, XSD

from kg._errors import ValidationError
from kg.facts import Document
from kg.map import KGO, OA, to_graph
from kg.validate import ValidationReport, validate

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = sorted(SHARED.glob("eval/*/gold/*.json")) if SHARED.is_dir() else []
KGS = rdflib.Namespace("https://kg.example.org/shapes#")


def _graph(name: str = "all-kinds.json") -> rdflib.Graph:
    return to_graph(Document.from_dict(json.loads((FIXTURES / name).read_text("utf-8"))))


def _fact(g: rdflib.Graph, cls: URIRef) -> URIRef:
    node = sorted(g.subjects(RDF.type, cls))[0]
    assert isinstance(node, URIRef)
    return node


def _entity(g: rdflib.Graph, cls: URIRef) -> URIRef:
    return _fact(g, cls)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_fixtures_conform(name: str) -> None:
    report = validate(_graph(name))
    assert report.conforms, report.text()
    assert report.violations == []


@pytest.mark.parametrize("path", GOLD or [None], ids=lambda p: p.stem if p else "absent")
def test_shared_gold_lacks_only_evidence(path: Path | None) -> None:
    """Gold facts carry no evidence sentences; that is all the shapes find wrong."""
    if path is None:
        pytest.skip(f"no shared gold at {SHARED}")
    report = validate(to_graph(Document.from_dict(json.loads(path.read_text("utf-8")))))
    assert {r.shape for r in report.results} <= {str(KGS["fact-evidence"])}, report.text()


def _set(cls: URIRef, prop: URIRef, value: rdflib.term.Node) -> Callable[[rdflib.Graph], None]:
    def mutate(g: rdflib.Graph) -> None:
        node = _fact(g, cls)
        g.remove((node, prop, None))
        g.add((node, prop, value))
    return mutate


def _drop(cls: URIRef, prop: URIRef) -> Callable[[rdflib.Graph], None]:
    def mutate(g: rdflib.Graph) -> None:
        g.remove((_fact(g, cls), prop, None))
    return mutate


def _add(cls: URIRef, prop: URIRef, value: rdflib.term.Node) -> Callable[[rdflib.Graph], None]:
    def mutate(g: rdflib.Graph) -> None:
        g.add((_fact(g, cls), prop, value))
    return mutate


def _retype(cls: URIRef, prop: URIRef, to_cls: URIRef) -> Callable[[rdflib.Graph], None]:
    """Point ``prop`` of the first ``cls`` fact at an entity of class ``to_cls``."""
    def mutate(g: rdflib.Graph) -> None:
        node = _fact(g, cls)
        g.remove((node, prop, None))
        g.add((node, prop, _entity(g, to_cls)))
    return mutate


def _drop_offsets(g: rdflib.Graph) -> None:
    ev = sorted(g.subjects(RDF.type, KGO.Evidence))[0]
    g.remove((ev, OA.end, None))


def _wikidata(value: rdflib.term.Node) -> Callable[[rdflib.Graph], None]:
    def mutate(g: rdflib.Graph) -> None:
        state = _entity(g, KGO.State)
        g.remove((state, OWL.sameAs, None))
        g.add((state, OWL.sameAs, value))
    return mutate


# (what, mutation, shape that must report it, path it must report)
CASES: list[tuple[str, Callable[[rdflib.Graph], None], str, URIRef]] = [
    ("signing without treaty", _drop(KGO.Signing, KGO.treaty),
     "Signing-treaty-required", KGO.treaty),
    ("ratification without treaty", _drop(KGO.Ratification, KGO.treaty),
     "Ratification-treaty-required", KGO.treaty),
    ("suspension without party", _drop(KGO.Suspension, KGO.party),
     "Suspension-party-required", KGO.party),
    ("statement without speaker", _drop(KGO.Statement, KGO.speaker),
     "Statement-speaker-required", KGO.speaker),
    ("position holding without post", _drop(KGO.PositionHolding, KGO.role),
     "PositionHolding-role", KGO.role),
    ("impossible date", _set(KGO.Signing, KGO.date, Literal("2014-13-45", datatype=XSD.date)),
     "Signing-when", KGO.date),
    ("plain string date", _set(KGO.Withdrawal, KGO.date, Literal("last Tuesday")),
     "Withdrawal-when", KGO.date),
    ("string that looks like a date", _set(KGO.Ratification, KGO.date, Literal("1991")),
     "Ratification-when", KGO.date),
    ("datetime instead of date",
     _set(KGO.Statement, KGO.date, Literal("2001-02-03T10:00:00", datatype=XSD.dateTime)),
     "Statement-when", KGO.date),
    ("two dates", _add(KGO.Signing, KGO.date, Literal("1991", datatype=XSD.gYear)),
     "Signing-when-single", KGO.date),
    ("treaty that is a state", _retype(KGO.Signing, KGO.treaty, KGO.State),
     "Signing-treaty", KGO.treaty),
    ("party that is a treaty", _retype(KGO.Ratification, KGO.party, KGO.Treaty),
     "Ratification-party", KGO.party),
    ("holder that is a state", _retype(KGO.PositionHolding, KGO.holder, KGO.State),
     "PositionHolding-person", KGO.holder),
    ("meeting that is a place", _retype(KGO.Statement, KGO.meeting, KGO.Place),
     "Statement-meeting", KGO.meeting),
    ("place that is a treaty", _retype(KGO.MeetingReport, KGO.place, KGO.Treaty),
     "MeetingReport-where", KGO.place),
    ("speaker that is a weapon", _retype(KGO.Statement, KGO.speaker, KGO.WeaponSystem),
     "Statement-speaker", KGO.speaker),
    ("negative signatory count",
     _set(KGO.Signing, KGO.signatoryCount, Literal(-3, datatype=XSD.integer)),
     "Signing-signatory-count", KGO.signatoryCount),
    ("signatory count as text", _set(KGO.Signing, KGO.signatoryCount, Literal("22")),
     "Signing-signatory-count", KGO.signatoryCount),
    ("unknown suspension form", _set(KGO.Suspension, KGO.suspensionForm, KGO.Whatever),
     "Suspension-form", KGO.suspensionForm),
    ("wrong kind", _set(KGO.Withdrawal, KGO.kind, Literal("signed")),
     "Withdrawal-kind", KGO.kind),
    ("Wikidata link to another site", _wikidata(URIRef("http://dbpedia.org/resource/Ruritania")),
     "entity-wikidata", OWL.sameAs),
    ("Wikidata property, not item", _wikidata(URIRef("http://www.wikidata.org/entity/P31")),
     "entity-wikidata", OWL.sameAs),
    ("Wikidata Q0", _wikidata(URIRef("http://www.wikidata.org/entity/Q0")),
     "entity-wikidata", OWL.sameAs),
    ("Wikidata https", _wikidata(URIRef("https://www.wikidata.org/wiki/Q159")),
     "entity-wikidata", OWL.sameAs),
    ("Wikidata link as a literal", _wikidata(Literal("Q159")), "entity-wikidata", OWL.sameAs),
    ("fact without its article", _drop(KGO.Accusation, PROV.wasDerivedFrom),
     "fact-source", PROV.wasDerivedFrom),
    ("fact derived from a non-article",
     _set(KGO.PartyTo, PROV.wasDerivedFrom, URIRef("https://example.org/somewhere")),
     "fact-source", PROV.wasDerivedFrom),
    ("evidence without an end offset", _drop_offsets, "selection-end", OA.end),
    ("mention starting before the body", _set(KGO.Mention, OA.start, Literal(-1)),
     "selection-start", OA.start),
    ("mention with two quotes", _add(KGO.Mention, OA.exact, Literal("another")),
     "selection-quote", OA.exact),
]


@pytest.mark.parametrize(("what", "mutate", "shape", "path"), CASES, ids=[c[0] for c in CASES])
def test_shape_catches(what: str, mutate: Callable[[rdflib.Graph], None], shape: str,
                       path: URIRef) -> None:
    g = _graph()
    mutate(g)
    report = validate(g)
    assert not report.conforms, what
    hits = [r for r in report.violations if r.shape == str(KGS[shape]) and r.path == str(path)]
    assert hits, f"{what}: expected kgs:{shape} on {path}, got:\n{report.text()}"
    assert all("must" in h.message or "only" in h.message for h in hits)


def test_a_fact_without_evidence_is_a_violation() -> None:
    g = _graph()
    for fact, ev in list(g.subject_objects(KGO.evidence)):
        g.remove((fact, KGO.evidence, ev))
    report = validate(g)
    assert not report.conforms
    flagged = {r.focus_node for r in report.violations if r.shape == str(KGS["fact-evidence"])}
    assert len(flagged) == len(set(g.subjects(KGO.kind, None)))


def test_report_text_is_readable() -> None:
    g = _graph()
    _drop(KGO.Signing, KGO.treaty)(g)
    text = validate(g).text()
    assert "Conforms: no" in text
    assert "a signing must name its treaty" in text
    assert "path:       kgo:treaty" in text
    assert "shape:      kgs:Signing-treaty-required" in text
    assert "focus node: https://kg.example.org/fact/fixture-all-kinds/signed-" in text


def test_validation_works_without_the_ontology() -> None:
    report = validate(_graph(), ontology=False)
    assert report.conforms, report.text()


def test_custom_shapes_and_errors() -> None:
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kgo: <https://kg.example.org/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass kgo:Signing ;
            sh:property [ sh:path kgo:signatoryCount ; sh:minCount 5 ] .""", format="turtle")
    report = validate(_graph(), shapes=shapes)  # replaces the shipped shapes
    assert not report.conforms
    assert [r.path for r in report.results] == [str(KGO.signatoryCount)]
    broken = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ;
            sh:property [ sh:path "not a path" ; sh:minCount 1 ] .""", format="turtle")
    with pytest.raises(ValidationError):
        validate(rdflib.Graph(), shapes=broken)


def test_validation_is_fast_per_article() -> None:
    g = _graph("seed-with-evidence.json")
    validate(g)  # loads and caches the shapes
    start = time.perf_counter()
    for _ in range(5):
        report = validate(g)
    per_article = (time.perf_counter() - start) / 5
    assert isinstance(report, ValidationReport) and report.conforms
    assert per_article < 0.5, f"{per_article * 1000:.0f} ms per article"

"""The ontology parses, documents every term and declares every term the mapper uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg._resources import ontology_path, shapes_path
from kg.facts import Document
from kg.map import KGO, to_graph

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "facts").glob("*.json"))
WD = rdflib.Namespace("http://www.wikidata.org/entity/")


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path(), format="turtle")


def _terms(g: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in g.subjects() if isinstance(s, rdflib.URIRef) and s.startswith(str(KGO))}


def test_resources_exist() -> None:
    assert ontology_path().is_file()
    assert shapes_path().is_file()


def test_ontology_header(onto: rdflib.Graph) -> None:
    assert (rdflib.URIRef("https://kg.example.org/ontology"), RDF.type, OWL.Ontology) in onto
    assert len(_terms(onto)) > 60


def test_every_term_has_label_and_comment(onto: rdflib.Graph) -> None:
    missing = [str(t) for t in sorted(_terms(onto))
               if (t, RDFS.label, None) not in onto or (t, RDFS.comment, None) not in onto]
    assert missing == []


def test_every_property_has_a_domain_or_is_generic(onto: rdflib.Graph) -> None:
    props = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(
        onto.subjects(RDF.type, OWL.DatatypeProperty))
    generic = {KGO.itemIndex, KGO.organization,  # used on several classes
               KGO.earliestDate, KGO.latestDate}
    no_domain = [str(p) for p in props if (p, RDFS.domain, None) not in onto and p not in generic]
    no_range = [str(p) for p in props if (p, RDFS.range, None) not in onto
                and p not in (KGO.date, KGO.eventDate)]  # any of three date types
    assert no_domain == [] and no_range == []


@pytest.mark.parametrize(("term", "match", "target"), [
    (KGO.Treaty, SKOS.exactMatch, WD.Q131569),
    (KGO.signatory, SKOS.closeMatch, WD.P1891),
    (KGO.PositionHolding, SKOS.closeMatch, WD.P39),
    (KGO.BlocMembership, SKOS.closeMatch, WD.P463),
])
def test_wikidata_alignments(onto: rdflib.Graph, term: rdflib.URIRef, match: rdflib.URIRef,
                             target: rdflib.URIRef) -> None:
    assert (term, match, target) in onto


@pytest.mark.parametrize(("sub", "sup"), [
    (KGO.Bloc, rdflib.URIRef("http://www.w3.org/ns/org#FormalOrganization")),
    (KGO.State, rdflib.URIRef("https://schema.org/Country")),
    (KGO.Signing, KGO.TreatyEvent),
    (KGO.Accession, KGO.TreatyEvent),
    (KGO.TreatyEvent, rdflib.URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")),
    (KGO.Statement, rdflib.URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")),
    (KGO.BlocMembership, rdflib.URIRef("http://www.w3.org/ns/org#Membership")),
    (KGO.Evidence, rdflib.URIRef("http://www.w3.org/ns/oa#SpecificResource")),
])
def test_alignments(onto: rdflib.Graph, sub: rdflib.URIRef, sup: rdflib.URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_mapper_uses_only_declared_terms(onto: rdflib.Graph, path: Path) -> None:
    g = to_graph(Document.from_dict(json.loads(path.read_text("utf-8"))))
    used = {t for triple in g for t in triple
            if isinstance(t, rdflib.URIRef) and t.startswith(str(KGO))}
    assert sorted(used - _terms(onto)) == []

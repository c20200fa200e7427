"""Facts -> RDF -> facts: exact round trip, stable and safe IRIs."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, XSD

from kg.facts import Document, Entity, EntityType
from kg.map import DEFAULT_BASE, KGO, article_iri, entity_iri, from_graph, slug, to_graph

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "facts").glob("*.json"))
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = sorted(SHARED.glob("eval/*/gold/*.json")) if SHARED.is_dir() else []
IRI_OK = re.compile(r"^https://kg\.example\.org/[A-Za-z0-9._~/#-]+$")


def _load(path: Path) -> Document:
    return Document.from_dict(json.loads(path.read_text("utf-8")), str(path))


def _assert_same(a: dict[str, Any], b: dict[str, Any]) -> None:
    if a != b:
        left = json.dumps(a, indent=1, ensure_ascii=False).splitlines()
        right = json.dumps(b, indent=1, ensure_ascii=False).splitlines()
        diff = "\n".join(difflib.unified_diff(left, right, "facts", "round trip", lineterm=""))
        pytest.fail(f"round trip differs:\n{diff}")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_round_trip_fixtures(path: Path) -> None:
    doc = _load(path)
    _assert_same(doc.to_dict(), from_graph(to_graph(doc), doc.article.id).to_dict())


@pytest.mark.parametrize("path", GOLD or [None], ids=lambda p: p.stem if p else "absent")
def test_round_trip_shared_gold(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"no shared gold at {SHARED}")
    doc = _load(path)
    _assert_same(doc.to_dict(), from_graph(to_graph(doc), doc.article.id).to_dict())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_round_trip_through_ntriples_and_other_base(path: Path) -> None:
    doc = _load(path)
    base = "http://example.com/kg/"
    nt = to_graph(doc, base).serialize(format="nt")
    back = from_graph(rdflib.Graph().parse(data=nt, format="nt"), doc.article.id, base)
    _assert_same(doc.to_dict(), back.to_dict())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_output_is_deterministic(path: Path) -> None:
    doc = _load(path)
    first = sorted(to_graph(doc).serialize(format="nt").splitlines())
    second = sorted(to_graph(_load(path)).serialize(format="nt").splitlines())
    assert first == second


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_iri_is_safe(path: Path) -> None:
    g = to_graph(_load(path))
    for term in {t for triple in g for t in triple if isinstance(t, rdflib.URIRef)}:
        ox.NamedNode(str(term))  # raises on an invalid IRI
        if str(term).startswith(DEFAULT_BASE):
            assert IRI_OK.match(str(term)), term
    # and the whole graph parses back in a strict parser
    store = ox.Store()
    store.load(g.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(g)


@pytest.mark.parametrize("name", [
    'O\'Brien "The <Hammer>" }', '"""', "}", "   ", "Сергей Лавров", "???", "a\nb\tc",
    "<script>alert(1)</script>", "x" * 500, "Zürich", "\u200b", "../../etc/passwd",
])
def test_hostile_names_give_valid_iris(name: str) -> None:
    for t in EntityType:
        iri = entity_iri(Entity("e", t, name))
        ox.NamedNode(str(iri))
        assert IRI_OK.match(str(iri)), iri
        assert len(str(iri)) < 150


@pytest.mark.parametrize("article_id", ["00-tass-cfe", "a b", 'x"}<>', "ü/..", "-"])
def test_article_iris_are_safe_and_distinct(article_id: str) -> None:
    iri = article_iri(article_id)
    ox.NamedNode(str(iri))
    assert IRI_OK.match(str(iri))
    assert article_iri(article_id) == iri
    assert article_iri(article_id + "x") != iri


@pytest.mark.parametrize(("name", "expected"), [
    ("Sergey Lavrov", "sergey-lavrov"),
    ("  Sergéy   LAVROV ", "sergey-lavrov"),
    ("Côte d’Ivoire", "cote-d-ivoire"),
    ("NATO", "nato"),
])
def test_slug_normalises(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_never_empty_and_capped() -> None:
    assert slug("???").startswith("x-")
    assert slug("Лавров") != slug("Путин")
    assert len(slug("word " * 100)) <= 80


def test_same_entity_same_iri_from_every_article() -> None:
    a = Entity("lavrov", EntityType.PERSON, "Sergey Lavrov")
    b = Entity("sl", EntityType.PERSON, "SERGEY  LAVROV")
    assert entity_iri(a) == entity_iri(b) == rdflib.URIRef(
        "https://kg.example.org/id/person/sergey-lavrov")
    assert str(entity_iri(Entity("ru", EntityType.STATE, "Russia"))).endswith("id/state/russia")


def test_fact_iris_are_stable_and_do_not_depend_on_order() -> None:
    doc = _load(FIXTURES[0])
    facts = {str(s) for s in to_graph(doc).subjects(KGO.kind, None)}
    doc.facts.reverse()
    assert {str(s) for s in to_graph(doc).subjects(KGO.kind, None)} == facts
    assert all(re.search(r"/fact/[^/]+/[a-z_]+-[0-9a-f]{12}(-\d+)?$", f) for f in facts)


@pytest.mark.parametrize(("value", "datatype"), [
    ("1990", XSD.gYear), ("2007-12", XSD.gYearMonth), ("2014-11-18", XSD.date)])
def test_dates_are_typed_by_precision(value: str, datatype: rdflib.URIRef) -> None:
    doc = Document.from_dict({"article": {"id": "a"},
                              "entities": [{"id": "t", "type": "Treaty", "name": "T"}],
                              "facts": [{"kind": "entered_into_force", "treaty": "t",
                                         "when": value}]})
    assert list(to_graph(doc).objects(None, KGO.date)) == [rdflib.Literal(value, datatype=datatype)]


def test_wikidata_link_and_aliases() -> None:
    doc = Document.from_dict({"article": {"id": "a"}, "entities": [
        {"id": "ru", "type": "State", "name": "Russia", "aliases": ["Moscow"],
         "wikidata": "Q159"}]})
    g = to_graph(doc)
    ru = entity_iri(doc.entities[0])
    assert (ru, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q159")) in g
    assert rdflib.Literal("Moscow") in set(g.objects(ru, rdflib.namespace.SKOS.altLabel))


def test_bad_base_is_refused() -> None:
    doc = _load(FIXTURES[0])
    from kg._errors import InputError
    with pytest.raises(InputError):
        to_graph(doc, "not a base")


def test_from_graph_without_the_article_fails() -> None:
    from kg._errors import FactsError
    with pytest.raises(FactsError):
        from_graph(rdflib.Graph(), "nope")


@pytest.mark.parametrize(("value", "earliest", "latest"), [
    ("1990", "1990-01-01", "1990-12-31"),
    ("2007-12", "2007-12-01", "2007-12-31"),
    ("2008-02", "2008-02-01", "2008-02-29"),
    ("1900-02", "1900-02-01", "1900-02-28"),
    ("2014-11-18", "2014-11-18", "2014-11-18"),
    ("0000-02", "0000-02-01", "0000-02-29"),
])
def test_date_bounds(value: str, earliest: str, latest: str) -> None:
    from kg.map import date_bounds

    assert date_bounds(value) == (earliest, latest)


def test_a_range_filter_finds_year_and_month_dates(tmp_path: Path) -> None:
    """A fact dated "1992" or "2007-12" lies in a range that a plain comparison of
    kgo:date with an xsd:date would miss: the bounds find them."""
    from kg.pipeline import build
    from kg.store import open_store

    build(None, tmp_path / "s")
    query = """PREFIX kgo: <https://kg.example.org/ontology#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT ?d WHERE { GRAPH ?g { ?f kgo:date ?d ; kgo:earliestDate ?lo ; kgo:latestDate ?hi }
      FILTER (?hi >= "1991-06-01"^^xsd:date && ?lo <= "2008-01-31"^^xsd:date) }"""
    with open_store(tmp_path / "s", read_only=True) as store:
        found = sorted(str(r["d"].value) for r in store.query(query))
    assert found == ["1992", "2007-12"]


def _old_selectors(g: rdflib.Graph) -> int:
    """Rewrite each mention and evidence node as graphs made before the compact article
    graph held them: two oa:hasSelector nodes (quote, position); how many were rewritten."""
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    nodes = sorted(set(g.subjects(oa.exact, None)))
    for n in nodes:
        q, p = rdflib.URIRef(f"{n}-quote"), rdflib.URIRef(f"{n}-position")
        g.add((n, oa.hasSelector, q))
        g.add((n, oa.hasSelector, p))
        g.add((q, rdflib.RDF.type, oa.TextQuoteSelector))
        g.add((p, rdflib.RDF.type, oa.TextPositionSelector))
        for prop, target in ((oa.exact, q), (oa.start, p), (oa.end, p)):
            for value in list(g.objects(n, prop)):
                g.remove((n, prop, value))
                g.add((target, prop, value))
    return len(nodes)


def test_one_node_per_mention_and_graphs_of_the_old_form_still_read() -> None:
    doc = _load(FIXTURES[0])
    g = to_graph(doc)
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    assert not list(g.triples((None, oa.hasSelector, None)))
    mentions = list(g.subjects(rdflib.RDF.type, KGO.Mention))
    assert mentions
    for m in mentions:
        assert {p for p, _ in g.predicate_objects(m)} == {
            rdflib.RDF.type, oa.hasSource, oa.exact, oa.start, oa.end, KGO.itemIndex}
    assert _old_selectors(g) > 0
    _assert_same(doc.to_dict(), from_graph(g, doc.article.id).to_dict())


@pytest.mark.parametrize(("aliases", "listed"), [
    (["RF", "Russian Federation"], False),   # in sorted order: the flat values say it
    (["Russian Federation", "RF"], True),    # out of it: the list keeps the order
    (["RF", "RF"], True),                    # a repeat: the flat values would lose it
    (["RF"], False), ([], False)])
def test_a_list_only_where_the_flat_values_lose_the_order(aliases: list[str],
                                                           listed: bool) -> None:
    doc = Document.from_dict({"article": {"id": "a1"}, "entities": [
        {"id": "r", "type": "State", "name": "Russia", "aliases": aliases},
        {"id": "b", "type": "State", "name": "Belarus"}], "facts": [
        {"kind": "statement", "speaker": "r", "about": ["r", "b"], "quotes": aliases}]})
    g = to_graph(doc)
    assert bool(list(g.triples((None, KGO.aliasList, None)))) is listed
    assert bool(list(g.triples((None, KGO.quoteList, None)))) is listed
    # entities r, b: their IRIs (id/state/russia, id/state/belarus) fall, so both lists
    assert list(g.triples((None, KGO.entityList, None)))
    assert list(g.triples((None, KGO.aboutList, None)))
    _assert_same(doc.to_dict(), from_graph(g, "a1").to_dict())

"""The entity-graph projection (kg.graph.project) on the seed article and on hand-made RDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg._errors import InputError
from kg.graph import EDGE_ATTRS, NODE_ATTRS, project, resolve_entity
from kg.store import Store, open_store

ID = "https://kg.example.org/id/"
LAVROV = ID + "person/sergey-lavrov"
RUSSIA = ID + "state/russia"
CFE = ID + "treaty/treaty-on-conventional-armed-forces-in-europe"
NATO = ID + "bloc/nato"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from kg.pipeline import build

    d = tmp_path_factory.mktemp("seed") / "store"
    build(None, d)
    with open_store(d, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def seed(seed_store: Store) -> nx.MultiDiGraph:
    return project(seed_store)


def _events(g: nx.MultiDiGraph) -> dict[str, dict[str, object]]:
    return {n: d for n, d in g.nodes(data=True) if d["category"] == "event"}


def test_nodes_are_the_entities_with_label_class_wikidata_mentions(seed: nx.MultiDiGraph) -> None:
    entities = {n: d for n, d in seed.nodes(data=True) if d["category"] == "entity"}
    assert len(entities) == 14
    lavrov = entities[LAVROV]
    assert (lavrov["label"], lavrov["class"], lavrov["mentions"]) == ("Sergey Lavrov", "Person", 8)
    assert lavrov["aliases"] == "Lavrov" and lavrov["articles"] == "00-tass-cfe"
    assert entities[RUSSIA]["wikidata"] == "Q159" and entities[RUSSIA]["class"] == "State"
    assert entities[CFE]["class"] == "Treaty" and entities[NATO]["class"] == "Bloc"
    assert entities[ID + "place/minsk"]["mentions"] == 0  # the dateline only


def test_every_node_and_edge_has_the_whole_flat_schema(seed: nx.MultiDiGraph) -> None:
    for _, d in seed.nodes(data=True):
        assert tuple(d) == NODE_ATTRS
        assert all(isinstance(v, str) for k, v in d.items() if k != "mentions")
        assert isinstance(d["mentions"], int)
    for _, _, d in seed.edges(data=True):
        assert set(d) == set(EDGE_ATTRS) and all(isinstance(v, str) for v in d.values())


def test_two_entity_facts_are_edges_with_evidence(seed: nx.MultiDiGraph) -> None:
    [(key, held)] = list(seed[LAVROV][RUSSIA].items())
    assert key.startswith("https://kg.example.org/fact/00-tass-cfe/holds_position-")
    assert held["kind"] == "holds_position" and held["label"] == "Minister of Foreign Affairs"
    assert held["role"] == "holder->organization" and held["date"] == "2014-11-18"
    assert "Russian Foreign Minister Sergey Lavrov said" in held["evidence"]
    assert held["article"] == "00-tass-cfe" and held["url"] == "http://tass.com/russia/760266"
    [suspension] = seed[RUSSIA][CFE].values()
    assert (suspension["kind"], suspension["date"]) == ("suspended", "2007-12")
    assert "form: Moratorium" in suspension["detail"]


def test_facts_linking_one_or_more_than_two_entities_are_event_nodes(
        seed: nx.MultiDiGraph) -> None:
    events = _events(seed)
    assert sorted(d["kind"] for d in events.values()) == [
        "entered_into_force", "meeting", "signed", "statement"]
    signing = next(n for n, d in events.items() if d["kind"] == "signed")
    assert seed.nodes[signing]["class"] == "Signing" and seed.nodes[signing]["date"] == "1990"
    linked = {v: d["label"] for _, v, d in seed.out_edges(signing, data=True)}
    assert linked == {CFE: "treaty", NATO: "signatories (count 16)",
                      ID + "bloc/warsaw-treaty-organization": "signatories (count 6)"}
    statement = next(n for n, d in events.items() if d["kind"] == "statement")
    roles = sorted(d["role"] for _, _, d in seed.out_edges(statement, data=True))
    assert roles.count("about") == 5 and "speaker" in roles
    assert seed.nodes[statement]["detail"].startswith("quotes: Today the United States")
    # every fact of the seed is shown once, as an edge or as an event
    assert len({d["fact"] for _, _, d in seed.edges(data=True)}) == 6


def test_output_is_sorted_and_deterministic(seed_store: Store, seed: nx.MultiDiGraph) -> None:
    again = project(seed_store)
    assert list(again.nodes(data=True)) == list(seed.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(seed.edges(keys=True, data=True))
    assert list(seed.nodes) == sorted(seed.nodes)
    keys = [(u, v, k) for u, v, k in seed.edges(keys=True)]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_rdflib_dataset_gives_the_same_projection(seed_store: Store,
                                                  seed: nx.MultiDiGraph) -> None:
    other = project(seed_store.to_rdflib_dataset())
    assert nx.utils.graphs_equal(other, seed)


def test_article_filter(seed_store: Store, seed: nx.MultiDiGraph) -> None:
    one = project(seed_store, article="00-tass-cfe")
    assert nx.utils.graphs_equal(one, seed)
    with pytest.raises(InputError, match=r"no article 'nope'.*known: 00-tass-cfe"):
        project(seed_store, article="nope")


def test_around_cuts_a_neighbourhood(seed_store: Store) -> None:
    assert list(project(seed_store, around="Lavrov", depth=0).nodes) == [LAVROV]
    one = project(seed_store, around="Sergey Lavrov", depth=1)
    ents = {n for n, d in one.nodes(data=True) if d["category"] == "entity"}
    assert {LAVROV, RUSSIA, ID + "place/minsk", CFE} <= ents  # CFE: what the statement is about
    assert NATO not in ents  # two facts away (through the CFE treaty's signing)
    assert one.graph["around"] == LAVROV
    two = project(seed_store, around="person/sergey-lavrov", depth=2)
    assert NATO in two and set(two) == set(project(seed_store)) - {ID + "state/belarus"}


def test_resolve_entity_by_iri_suffix_label_alias_and_word(seed: nx.MultiDiGraph) -> None:
    for name in (RUSSIA, "state/russia", "russia", "Russian Federation"):
        assert resolve_entity(seed, name) == RUSSIA
    assert resolve_entity(seed, "lavrov") == LAVROV
    assert resolve_entity(seed, "CFE") == CFE
    with pytest.raises(InputError, match="no entity 'Nobody'"):
        resolve_entity(seed, "Nobody")
    with pytest.raises(InputError, match="ambiguous"):
        resolve_entity(seed, "Ministry")  # a word of both ministries' names
    with pytest.raises(InputError, match="--depth"):
        project(seed, around="Lavrov", depth=-1)


def hostile_graph() -> rdflib.Graph:
    """Two entities and a fact whose names and sentence try to break out of every format."""
    kgo = rdflib.Namespace("https://kg.example.org/ontology#")
    g = rdflib.Graph(identifier=rdflib.URIRef("https://kg.example.org/article/evil"))
    art = rdflib.URIRef("https://kg.example.org/article/evil")
    a = rdflib.URIRef("https://kg.example.org/id/person/evil")
    b = rdflib.URIRef("https://kg.example.org/id/state/q")
    f = rdflib.URIRef("https://kg.example.org/fact/evil/holds_position-1")
    ev = rdflib.URIRef(str(f) + "#evidence")
    g.add((art, kgo.articleId, rdflib.Literal("evil")))
    g.add((art, rdflib.URIRef("https://schema.org/url"), rdflib.URIRef("javascript:alert(1)")))
    g.add((a, rdflib.RDF.type, kgo.Person))
    g.add((a, rdflib.RDFS.label, rdflib.Literal(EVIL_NAME)))
    g.add((b, rdflib.RDF.type, kgo.State))
    g.add((b, rdflib.RDFS.label, rdflib.Literal('Quote "state" \\ back\nslash')))
    g.add((f, kgo.kind, rdflib.Literal("holds_position")))
    g.add((f, kgo.holder, a))
    g.add((f, kgo.organization, b))
    g.add((f, kgo.positionTitle, rdflib.Literal('"""triple""" & <b>bold</b>')))
    g.add((f, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), art))
    g.add((f, kgo.evidence, ev))
    g.add((ev, rdflib.URIRef("http://www.w3.org/ns/oa#exact"), rdflib.Literal(EVIL_NAME)))
    return g


EVIL_NAME = ("Evil </script><script>window.pwned=1</script><!-- \u2028\u2029 "
             "'single' \"double\" & <img src=x onerror=window.pwned=2>")


def test_projection_of_a_plain_rdflib_graph() -> None:
    g = project(hostile_graph())
    assert g.nodes["https://kg.example.org/id/person/evil"]["label"] == EVIL_NAME
    [(_, _, d)] = list(g.edges(data=True))
    assert d["label"] == '"""triple""" & <b>bold</b>' and d["evidence"] == EVIL_NAME


def test_projection_needs_rdf() -> None:
    with pytest.raises(TypeError, match="cannot read RDF"):
        project(Path("."))

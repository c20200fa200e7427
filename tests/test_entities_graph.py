"""Entities described once: the entities graph is the union of what the stored articles say
of each entity, kept as articles come, change and go (kg.store._shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.facts import Document
from kg.map import to_ntriples
from kg.pipeline import build
from kg.store import graph_data_lines, open_store
from kg.vocab import ENTITIES_GRAPH, KGO, RDFS, SKOS

BASE = "https://kg.example.org/"
RUSSIA = f"{BASE}id/state/russia"


def _doc(art: str, aliases: list[str], label: str = "Russia") -> Document:
    return Document.from_dict({
        "article": {"id": art, "title": f"About {art}"},
        "entities": [{"id": "russia", "name": label, "type": "State", "wikidata": "Q159",
                      "aliases": aliases,
                      "mentions": [{"text": label, "start": 0, "end": len(label)}]}],
        "facts": []})


def _data(doc: Document):  # type: ignore[no-untyped-def]
    iri = f"{BASE}article/{doc.article.id}"
    return graph_data_lines(iri, to_ntriples(doc, BASE)).apart()


def _objects(store, graph: str, s: str, p: str) -> list[str]:  # type: ignore[no-untyped-def]
    rows = store.query(f"SELECT ?o {{ GRAPH <{graph}> {{ <{s}> <{p}> ?o }} }}", union=False)
    return sorted(r["o"].value for r in rows)


def test_the_article_graph_keeps_what_the_article_says_and_no_description() -> None:
    d = _data(_doc("a1", ["Moscow"]))
    assert not any(f"<{RDFS}label>" in x and x.startswith(f"<{RUSSIA}>") for x in d.lines)
    assert any(f"<{KGO}localId>" in x for x in d.lines)  # the article's own id for it
    assert any("#mention-" in x for x in d.lines)
    assert f'<{RUSSIA}> <{SKOS}altLabel> "Moscow" .' in d.shared
    assert d.all_lines() == d.lines + d.shared


def test_each_entity_is_described_once_with_every_articles_aliases(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.write_batch([_data(_doc("a1", ["Moscow"])), _data(_doc("a2", ["RF"]))])
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, RDFS + "label") == ["Russia"]
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel") == ["Moscow", "RF"]
        for art in ("a1", "a2"):
            assert _objects(store, f"{BASE}article/{art}", RUSSIA, RDFS + "label") == []
        assert not store.needs_sweep()  # only new articles: nothing can be stale


def test_an_article_reads_back_with_what_it_said_and_nothing_more(tmp_path: Path) -> None:
    """The entities graph holds both articles' aliases; each article graph reads back
    with its own only, so the facts round trip exact."""
    from kg.map import from_graph

    docs = [_doc("a1", ["Moscow"]), _doc("a2", ["RF"])]
    with open_store(tmp_path / "s") as store:
        store.write_batch([_data(d) for d in docs])
        for d in docs:
            back = from_graph(store.article_graph(f"{BASE}article/{d.article.id}"),
                              d.article.id, BASE)
            assert back.to_dict() == d.to_dict()


def test_a_changed_or_removed_article_takes_what_only_it_said(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.write_batch([_data(_doc("a1", ["Moscow"])), _data(_doc("a2", ["RF"])),
                           _data(_doc("a3", ["RF"]))])
        store.write_batch([_data(_doc("a1", ["Kremlin"]))])  # a1 changed
        assert store.needs_sweep()
        assert store.sweep_entities() == 1  # "Moscow": no article says it any more
        assert not store.needs_sweep()
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel") == ["Kremlin", "RF"]
        store.remove_graph(f"{BASE}article/a2")
        assert store.sweep_entities() == 0  # a3 still says "RF"
        store.prune([f"{BASE}article/a3"])
        store.sweep_entities()
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel") == ["RF"]
        store.prune([])
        store.sweep_entities()
        assert not bool(store.query(f"ASK {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}",
                                    union=False))


def test_a_line_held_is_not_loaded_again_and_a_swept_one_comes_back(tmp_path: Path) -> None:
    """A batch loads only the shared lines the entities graph does not hold; what a sweep
    removed is loaded again by the next article that says it."""
    with open_store(tmp_path / "s") as store:
        store.write_batch([_data(_doc("a1", ["Moscow"]))])
        entities_before = store.triple_count()
        store.write_batch([_data(_doc("a2", ["Moscow"]))])  # says nothing new of Russia
        assert store.triple_count() - entities_before == len(_data(_doc("a2", ["Moscow"])).lines)
        store.prune([f"{BASE}article/a1"])
        store.prune([])
        assert store.sweep_entities() > 0  # Russia described by no article: swept
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel") == []
        store.write_batch([_data(_doc("a3", ["Moscow"]))])  # a new article says it again
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel") == ["Moscow"]
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, RDFS + "label") == ["Russia"]


def test_the_mark_outlives_a_stopped_write_and_the_next_build_sweeps(tmp_path: Path) -> None:
    """A write stopped after the mark (here: the mark set, nothing swept, store closed)
    is swept by the next build, even one that only adds an article."""
    path = tmp_path / "s"
    with open_store(path) as store:
        store.write_batch([_data(_doc("a1", ["Rossiya"]))])
        store.remove_graph(f"{BASE}article/a1")  # marks; the sweep never ran
    with open_store(path, read_only=True) as store:
        assert store.needs_sweep()
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel") == ["Rossiya"]
        assert list(store.quads()) == []  # what exports and kg validate see: swept
    build(None, path)  # the seed names Russia, not as "Rossiya"
    with open_store(path, read_only=True) as store:
        assert not store.needs_sweep()
        aliases = _objects(store, ENTITIES_GRAPH, RUSSIA, SKOS + "altLabel")
    assert "RF" in aliases and "Rossiya" not in aliases


def test_a_build_keeps_descriptions_out_of_the_article_graphs(tmp_path: Path) -> None:
    path = tmp_path / "s"
    build(None, path)
    with open_store(path, read_only=True) as store:
        (g,) = store.graphs()
        inside = bool(store.query(f"ASK {{ GRAPH <{g}> {{ <{RUSSIA}> <{RDFS}label> ?l }} }}",
                                  union=False))
        once = _objects(store, ENTITIES_GRAPH, RUSSIA, RDFS + "label")
    assert inside is False and once == ["Russia"]


@pytest.mark.parametrize("subject, shared", [
    (f"<{RUSSIA}>", True),
    (f"<{BASE}id/position/foreign-minister>", True),
    (f"<{KGO}kg>", True),
    (f"<{BASE}article/a1>", False),
    (f"<{BASE}article/a1#mention-0-0>", False),
    (f"<{BASE}fact/a1/signed-0123>", False),
    ("_:l1n0", False),
])
def test_what_goes_to_the_entities_graph(subject: str, shared: bool) -> None:
    from kg.store._graphdata import split_shared

    line = f'{subject} <{RDFS}label> "x" .'
    own, apart = split_shared(f"{BASE}article/a1", [line, f'{subject} <{KGO}localId> "x" .'])
    assert (line in apart) is shared
    assert len(own) == (1 if shared else 2)


def test_a_description_of_what_no_article_names_is_stale_whatever_the_keys(
        tmp_path: Path) -> None:
    """A write stopped after its keys were recorded (its hash not yet) leaves keys that
    may cover more than the graphs need; what no stored article names is swept all the
    same, while a finished graph's keys keep its lines."""
    with open_store(tmp_path / "s") as store:
        store.write_batch([_data(_doc("a1", ["RF"])), _data(_doc("a2", ["RF"]))])
        store.ox.update(f"DROP GRAPH <{BASE}article/a1>")  # keys and hash still recorded
        assert store.sweep_entities() == 0  # a2 names Russia and says it all
        store.write_batch([_data(_doc("a1", ["Rossiya"]))])
        store.set_meta(f"{BASE}article/a1", "urn:kg:contentHash", [])  # as if cut
        store.ox.update(f"DROP GRAPH <{BASE}article/a2>")
        store.set_meta(f"{BASE}article/a2", "urn:kg:contentHash", [])
        store.ox.update(f"DROP GRAPH <{BASE}article/a1>")
        assert store.sweep_entities() > 0  # nothing names Russia any more
        assert _objects(store, ENTITIES_GRAPH, RUSSIA, RDFS + "label") == []

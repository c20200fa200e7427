"""The store: opening, atomic replace, content hashes, busy stores, queries."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from conftest import EX, make_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import QueryError, StoreError
from kg.store import META_GRAPH, Store, content_hash, open_store, store_path
from kg.vocab import ENTITIES_GRAPH, INDEX_GRAPH

G1 = "https://kg.example.org/article/a1"
G2 = "https://kg.example.org/article/a2"


def test_store_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert store_path() == Path("kg-store")
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env"))
    assert store_path() == tmp_path / "env"
    assert store_path(tmp_path / "explicit") == tmp_path / "explicit"


def test_default_store_is_created_in_working_dir(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store() as s:
        s.replace_graph(G1, make_graph(1))
    assert (tmp_path / "kg-store" / "CURRENT").exists()


def test_replace_same_content_is_skipped(store: Store, snapshot: Any) -> None:
    assert store.replace_graph(G1, make_graph(3)) is True
    before = snapshot_of(store)
    # a fresh graph with new blank nodes but the same content
    assert store.replace_graph(G1, make_graph(3)) is False
    assert snapshot_of(store) == before
    assert store.graphs() == [G1]
    assert store.triple_count() == 15


def snapshot_of(store: Store) -> list[str]:
    ds = ox.Dataset(store.ox)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in ds)


def test_replace_changed_graph_removes_old_triples(store: Store) -> None:
    store.replace_graph(G1, make_graph(3, label="old"))
    store.replace_graph(G2, make_graph(1, label="other"))
    assert store.replace_graph(G1, make_graph(2, label="new")) is True
    # the labels describe the resources once, in the entities graph; the replaced
    # graph's old ones are swept, G2's stays
    labels = {str(r[0].value) for r in store.query(
        f"SELECT ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s <{rdflib.RDFS.label}> ?l }} }}",
        union=False)}
    assert labels == {"new 0 — é", "new 1 — é", "other 0 — é"}
    assert store.triple_count() == 2 * 5 + 5
    assert store.graphs() == [G1, G2]
    # exactly one hash per graph
    hashes = list(store.meta_query(
        f"SELECT ?h {{ GRAPH <{META_GRAPH}> {{ <{G1}> <urn:kg:contentHash> ?h }} }}"))
    assert len(hashes) == 1
    # the metadata is in a store of its own: the article store holds only articles
    assert {g.value for g in store.ox.named_graphs()} == {G1, G2, ENTITIES_GRAPH, INDEX_GRAPH}


def test_replace_accepts_triples_and_empty_graph(store: Store) -> None:
    triples = [(EX.a, EX.p, rdflib.Literal("1"))]
    assert store.replace_graph(G1, triples)
    assert store.triple_count() == 1
    assert store.replace_graph(G1, rdflib.Graph())
    assert store.triple_count() == 0
    assert store.graphs() == [G1]


class _Spy:
    """Forwards to a pyoxigraph store, recording update calls."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner
        self.updates: list[str] = []

    def update(self, text: str) -> None:
        self.updates.append(text)
        self.inner.update(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_replace_is_one_update(store: Store) -> None:
    store.replace_graph(G1, make_graph(2))
    spy = _Spy(store.ox)
    store._ox = spy  # type: ignore[assignment]
    store.replace_graph(G1, make_graph(4))
    assert len(spy.updates) == 1
    assert "DROP SILENT GRAPH" in spy.updates[0] and "INSERT DATA" in spy.updates[0]


def test_pyoxigraph_update_is_one_transaction(store: Store) -> None:
    """The evidence replace_graph relies on: if a later operation of an update fails,
    the earlier DROP and INSERT of the same update are not applied."""
    store.replace_graph(G1, make_graph(2))
    before = snapshot_of(store)
    with pytest.raises(StoreError):
        store._update(f"DROP SILENT GRAPH <{G1}> ;\n"
                      f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX.z}> <{EX.p}> 1 }} }} ;\n"
                      f"CREATE GRAPH <{G1}>")  # fails: the graph exists
    assert snapshot_of(store) == before


def test_invalid_graph_iri(store: Store) -> None:
    with pytest.raises(StoreError, match="not a valid graph IRI"):
        store.replace_graph("not an iri", make_graph(1))


def test_busy_store_in_another_process(store_dir: Path) -> None:
    with open_store(store_dir) as s:
        s.replace_graph(G1, make_graph(1))
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, pyoxigraph
            s = pyoxigraph.Store({str(store_dir)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="store is busy") as info:
            open_store(store_dir)
        assert str(store_dir) in str(info.value)
        # readers still work while the writer holds the lock
        with open_store(store_dir, read_only=True) as ro:
            assert ro.graphs() == [G1]
    finally:
        holder.communicate("")
    with open_store(store_dir) as again:
        assert again.graphs() == [G1]


def test_open_errors(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        open_store(f)
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing", read_only=True)
    with open_store(tmp_path / "s") as s:
        pass
    with pytest.raises(StoreError, match="closed"):
        s.graphs()


def test_read_only_store_refuses_writes(store_dir: Path) -> None:
    with open_store(store_dir):
        pass
    with open_store(store_dir, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.replace_graph(G1, make_graph(1))


def test_query_union_hides_metadata(store: Store) -> None:
    store.replace_graph(G1, make_graph(1))
    store.replace_graph(G2, make_graph(1, label="y"))
    n = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
    assert int(n.value) == store.triple_count() == 10  # the union of both graphs
    graphs = {r["g"].value for r in store.query("SELECT DISTINCT ?g { GRAPH ?g {} }")}
    assert META_GRAPH not in graphs
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELEC ?x")


def test_dump_and_rdflib_dataset(store: Store) -> None:
    g = make_graph(2)
    store.replace_graph(G1, g)
    ds = store.to_rdflib_dataset()
    both = ds.graph(rdflib.URIRef(G1)) + ds.graph(rdflib.URIRef(ENTITIES_GRAPH))
    assert rdflib.compare.isomorphic(both, g)
    nq = store.dump("nq").decode()
    assert META_GRAPH not in nq and G1 in nq
    assert len(store.dump("nt").decode().splitlines()) == len(g)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.text(max_size=5)),
                max_size=12), st.randoms())
def test_content_hash_ignores_order_and_blank_labels(rows: list[tuple[int, int, str]],
                                                     rnd: Any) -> None:
    def graph(order: list[tuple[int, int, str]]) -> rdflib.Graph:
        g = rdflib.Graph()
        bnodes = {i: rdflib.BNode() for i in range(6)}
        for s, p, o in order:
            g.add((bnodes[s], EX[f"p{p}"], rdflib.Literal(o)))
        return g

    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert content_hash(graph(rows)) == content_hash(graph(shuffled))


def test_an_old_store_has_its_metadata_moved(tmp_path: Path) -> None:
    """A store written before the metadata had a store of its own: its metadata graph
    is moved out of the article graphs on the first open for writing."""
    d = tmp_path / "old"
    old = ox.Store(str(d))
    g, h = ox.NamedNode(G1), ox.NamedNode("urn:kg:contentHash")
    old.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), g))
    old.add(ox.Quad(g, h, ox.Literal("abc"), ox.NamedNode(META_GRAPH)))
    old.flush()
    del old
    with open_store(d) as s:
        assert s.stored_hash(G1) == "abc"
        assert {x.value for x in s.ox.named_graphs()} == {G1}
        assert s.triple_count() == 1
    with open_store(d, read_only=True) as s:
        assert s.stored_hash(G1) == "abc"


def test_a_corpus_graph_is_rewritten_in_parts_unless_its_hash_is_kept(store: Store) -> None:
    """rewrite_graph writes the graph from its parts when the hash differs (or a stopped
    write left none), and nothing when it is the one recorded."""
    g = "urn:kg:test-corpus-graph"
    parts = [[f"<urn:s{i}> <urn:p> <urn:o{i}> ." for i in range(j, j + 3)] for j in (0, 3)]

    def held() -> list[str]:
        rows = store.query(f"SELECT ?s ?o {{ GRAPH <{g}> {{ ?s <urn:p> ?o }} }}", union=False)
        return sorted(f"<{r['s'].value}> <urn:p> <{r['o'].value}> ." for r in rows)

    assert store.rewrite_graph(g, "h1", parts) and held() == sorted(parts[0] + parts[1])
    assert store.stored_hash(g) == "h1"
    assert not store.rewrite_graph(g, "h1", [["<urn:x> <urn:p> <urn:y> ."]])
    assert held() == sorted(parts[0] + parts[1])
    assert store.rewrite_graph(g, "h2", [parts[1]]) and held() == parts[1]
    store._unhash([g])  # as a stopped write leaves it
    assert store.rewrite_graph(g, "h2", [parts[0]]) and held() == parts[0]


def test_a_corpus_graph_is_replaced_by_its_difference(store: Store) -> None:
    """replace_graph_lines writes only what changed, from whatever the graph holds: also
    after a write stopped half-way (its hash gone, some of its lines in)."""
    g = "urn:kg:test-corpus-graph"
    lines = [f"<urn:s{i}> <urn:p> <urn:o{i}> ." for i in range(5)]

    def held() -> list[str]:
        rows = store.query(f"SELECT ?s ?o {{ GRAPH <{g}> {{ ?s <urn:p> ?o }} }}", union=False)
        return sorted(f"<{r['s'].value}> <urn:p> <{r['o'].value}> ." for r in rows)

    assert store.replace_graph_lines(g, lines) and held() == lines
    assert not store.replace_graph_lines(g, list(reversed(lines)))  # unchanged
    changed = [*lines[1:], "<urn:s9> <urn:p> <urn:o9> ."]
    assert store.replace_graph_lines(g, changed) and held() == sorted(changed)
    store.ox.update(f"DELETE DATA {{ GRAPH <{g}> {{ {changed[0]} }} }} ; "
                    f"INSERT DATA {{ GRAPH <{g}> {{ <urn:x> <urn:p> <urn:y> . }} }}")
    store._unhash([g])  # as a stopped write leaves it
    assert store.replace_graph_lines(g, changed) and held() == sorted(changed)
    assert store.replace_graph_lines(g, []) and held() == []
    assert store.ox.contains_named_graph(ox.NamedNode(g))  # it stays, empty

"""The query index changed by what changed (kg.index._patch): after articles come, change
and go, the patched index is line for line the index its rows give at the serials they
hold, the rows that stayed keep their serials, and every query (pages across blocks
included) answers as an index written afresh does."""

from __future__ import annotations

import json
import random
from typing import Any

import pyoxigraph as ox
import pytest

from kg.index import BLOCK, INDEX_GRAPH, INDEX_ROW, LAYOUTS, index_lines
from kg.index._index import _query_lines, query_rows, sources
from kg.index._patch import index_patch
from kg.index._serials import GAP, keep_serials, span_of
from kg.query import bind, named_queries, page, params_of
from kg.store import graph_lines

BASE = "https://kg.example.org/"
DATES = ["", "1999", "1999-03", "1999-03-04", "2001", "2001-02-03", "2014-11"]


def _contribution(rng: random.Random, i: int) -> str:
    """What one made-up article adds: memberships (many under one group, so that its
    key spans blocks), posts and statements."""
    members = [[f"urn:m:{rng.randrange(400):04d}", f"urn:g:{rng.randrange(3) // 2}",
                rng.choice(DATES)] for _ in range(rng.randrange(1, 9))]
    posts = [[f"urn:p:{rng.randrange(40)}", rng.choice(["Minister", "Envoy"]),
              f"urn:s:{rng.randrange(5)}", rng.choice(DATES)] for _ in range(rng.randrange(3))]
    said = [[f"urn:st:{i}:{j}", f"urn:p:{rng.randrange(40)}", rng.choice(DATES), "", "",
             [f"urn:s:{rng.randrange(5)}"], [f"quote {i} {j}"]] for j in range(rng.randrange(3))]
    return json.dumps({"memberships": members, "positions": posts, "statements": said})


def _load(texts: list[str], labels: dict[str, str]) -> ox.Store:
    s = ox.Store()
    s.load("".join(line[:-1] + f"<{INDEX_GRAPH}> .\n" for line in index_lines(texts, labels)),
           format=ox.RdfFormat.N_QUADS)
    return s


def _apply(s: ox.Store, removed: list[str], added: list[str]) -> None:
    g = f"<{INDEX_GRAPH}> .\n"
    for line in removed:
        quad = next(iter(ox.parse(input=(line[:-1] + g).encode(), format=ox.RdfFormat.N_QUADS)))
        assert quad in s, line  # every line to delete is there
        s.remove(quad)
    s.load("".join(line[:-1] + g for line in added), format=ox.RdfFormat.N_QUADS)


def _held(s: ox.Store) -> dict[str, int]:
    g = ox.NamedNode(INDEX_GRAPH)
    return {q.object.value: int(q.subject.value.rsplit(":", 1)[1])
            for q in s.quads_for_pattern(None, ox.NamedNode(INDEX_ROW), None, g)}


def _lines(s: ox.Store) -> list[str]:
    return graph_lines(INDEX_GRAPH, s.quads_for_pattern(None, None, None,
                                                        ox.NamedNode(INDEX_GRAPH)))


def _expected(s: ox.Store, texts: list[str], labels: dict[str, str]) -> list[str]:
    """The index of ``texts`` with the serials the rows of ``s`` hold."""
    held = _held(s)
    out: list[str] = []
    for name in sorted(LAYOUTS):
        made = query_rows(LAYOUTS[name], texts, labels)
        out += _query_lines(LAYOUTS[name], made, [held[row[1]] for row in made])
    return sorted(out)


def _answers(s: ox.Store, name: str, params: dict[str, str], limit: int | None = None,
             offset: int = 0) -> list[tuple[Any, ...]]:
    text = page(bind(named_queries()[name][1], params, None, BASE), limit, offset)
    res = s.query(text, use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    names = [v.value for v in res.variables]
    return [tuple(r[n] for n in names) for r in res]


QUESTIONS = [("memberships", {}), ("memberships", {"group": "urn:g:0"}),
             ("memberships", {"member": "urn:m:0007"}), ("positions", {}),
             ("positions", {"of": "urn:s:1", "from": "2000"}), ("statements", {}),
             ("statements", {"on": "urn:s:2"})]


@pytest.mark.parametrize("seed", range(4))
def test_a_patched_index_is_the_index_of_the_new_rows(seed: int) -> None:
    rng = random.Random(seed)
    texts = [_contribution(rng, i) for i in range(400)]
    labels = {f"urn:m:{i:04d}": f"Member {i % 37}" for i in range(0, 400, 3)}
    s = _load(texts, labels)
    before = _held(s)
    # articles come, change and go; a label changes
    new = [t for t in texts if rng.random() > 0.05]
    new[3:9] = [_contribution(rng, 1000 + i) for i in range(6)]
    new += [_contribution(rng, 2000 + i) for i in range(rng.randrange(1, 30))]
    labels["urn:m:0003"] = "Member renamed"
    patch = index_patch(s, new, labels)
    assert patch is not None
    removed, added = patch
    assert len(removed) + len(added) < len(_lines(s)) / 4  # a patch, not a rewrite
    _apply(s, removed, added)
    assert _lines(s) == _expected(s, new, labels)
    assert any("#indexPart>" in line for line in _lines(s))  # a key of many blocks
    after = _held(s)
    assert all(after[t] == n for t, n in before.items() if t in after)  # kept rows stay put
    fresh = _load(new, labels)
    for name, params in QUESTIONS:
        whole = _answers(fresh, name, params)
        assert _answers(s, name, params) == whole
        for offset in (0, BLOCK - 3, BLOCK + 1):
            assert _answers(s, name, params, 7, offset) == whole[offset:offset + 7]


def test_removing_every_row_of_a_key_removes_the_key() -> None:
    texts = [json.dumps({"memberships": [["urn:m:1", "urn:g:1", "1999"]]}),
             json.dumps({"memberships": [["urn:m:2", "urn:g:2", "2001"]]})]
    s = _load(texts, {})
    removed, added = index_patch(s, texts[1:], {}) or ([], [])
    _apply(s, removed, added)
    assert _lines(s) == _expected(s, texts[1:], {})
    assert not any("urn:m:1" in line or "urn:g:1" in line for line in _lines(s))


def test_a_used_up_gap_asks_for_a_rewrite() -> None:
    """Rows squeezed again and again between the same two neighbours use up the gap:
    the query is then numbered afresh (index_patch gives None)."""
    first = span_of(0)[0]
    held: list[int | None] = [first + GAP, first + 2 * GAP]
    for _ in range(20):
        got = keep_serials([held[0], None, held[1]], first)
        if got is None:
            break
        held = [got[0], got[1]]
    assert got is None and held[1] - held[0] == 1


def test_rows_added_after_the_last_keep_to_the_gap() -> None:
    first, end = span_of(2)
    got = keep_serials([first + 5, None, None], first)
    assert got == [first + 5, first + 5 + GAP, first + 5 + 2 * GAP]
    assert keep_serials([end - 1, None], first) is None


def test_a_build_that_adds_and_replaces_articles_patches_the_index(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the store as a build writes it: the second update of the index is a
    patch, not a rewrite, and every question answers as an index made afresh does."""
    from test_index import CASES, ORACLE, _variant

    from kg.events import update_events
    from kg.index import index_nquads, update_index
    from kg.map import article_iri, to_ntriples
    from kg.store import Store, graph_data_lines, open_store

    def write(s: Any, docs: list[Any]) -> None:
        s.write_batch([graph_data_lines(str(article_iri(d.article.id, BASE)),
                                        to_ntriples(d, BASE)).apart() for d in docs])
        update_events(s, BASE)

    rng = random.Random(5)
    docs = [_variant(i, rng) for i in range(14)]
    with open_store(tmp_path / "store") as s:
        write(s, docs[:10])
        assert update_index(s)
        write(s, [docs[2], docs[12], docs[13], _variant(4, random.Random(99))])
        monkeypatch.setattr(Store, "rewrite_graph", lambda *a: pytest.fail("rewritten"))
        assert update_index(s)
        fresh = ox.Store()
        for q in s.ox.quads_for_pattern(None, None, None, None):
            if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == INDEX_GRAPH):
                fresh.add(q)
        fresh.load(index_nquads(s.ox), format=ox.RdfFormat.N_QUADS)
        _, texts, labels = sources(s)
        assert _lines(s.ox) == _expected(s.ox, texts, labels)
        asked = [(name, params) for name in sorted(ORACLE) for params in CASES
                 if set(params) <= set(params_of(named_queries()[name][1]))]
        assert len(asked) > 40
        for name, params in asked:
            assert _answers(s.ox, name, params) == _answers(fresh, name, params), (name, params)


def _written(tmp_path: Any, docs: list[Any]) -> Any:
    from kg.events import update_events
    from kg.map import article_iri, to_ntriples
    from kg.store import graph_data_lines, open_store

    s = open_store(tmp_path / "store")
    s.write_batch([graph_data_lines(str(article_iri(d.article.id, BASE)),
                                    to_ntriples(d, BASE)).apart() for d in docs])
    update_events(s, BASE)
    return s


def test_an_index_whose_write_was_stopped_is_written_afresh(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index without its hash (its write was stopped, a patch half done) is not
    patched: it is emptied, a small chunk at a time, and written again, whole."""
    from test_index import _variant

    import kg.store._store as store_module
    from kg.index import index_nquads, update_index
    from kg.store import Store

    rng = random.Random(8)
    docs = [_variant(i, rng) for i in range(8)]
    s = _written(tmp_path, docs[:6])
    try:
        assert update_index(s)
        stray = ox.Quad(ox.NamedNode("urn:kg:row:7"), ox.NamedNode(INDEX_ROW),
                        ox.Literal("half written"), ox.NamedNode(INDEX_GRAPH))
        s.ox.add(stray)  # what a stopped patch may leave
        s._unhash([INDEX_GRAPH])
        monkeypatch.setattr(store_module, "_CORPUS_CHUNK", 7)  # the clear runs in chunks
        monkeypatch.setattr("kg.index._patch.index_patch",
                            lambda *a: pytest.fail("patched"))
        calls: list[str] = []
        real = Store.rewrite_graph
        monkeypatch.setattr(Store, "rewrite_graph",
                            lambda self, *a: calls.append("rewrite") or real(self, *a))
        assert update_index(s) and calls == ["rewrite"]
        assert stray not in s.ox
        want = sorted(str(q) for q in ox.parse(index_nquads(s.ox), format=ox.RdfFormat.N_QUADS))
        assert sorted(str(q) for q in s.ox.quads_for_pattern(
            None, None, None, ox.NamedNode(INDEX_GRAPH))) == want
        assert not update_index(s)  # whole and hashed again
    finally:
        s.close()


def test_a_used_up_gap_rewrites_the_index(tmp_path: Any, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """When a query's rows cannot keep their serials (index_patch gives None), the
    index is written afresh, as it would be for a new store."""
    from test_index import _variant

    from kg.index import index_nquads, update_index

    rng = random.Random(9)
    docs = [_variant(i, rng) for i in range(8)]
    s = _written(tmp_path, docs[:5])
    try:
        assert update_index(s)
        s.write_batch([graph_data_lines_of(d) for d in docs[5:]])
        monkeypatch.setattr("kg.index._patch.keep_serials", lambda *a: None)
        assert update_index(s)
        want = sorted(str(q) for q in ox.parse(index_nquads(s.ox), format=ox.RdfFormat.N_QUADS))
        assert sorted(str(q) for q in s.ox.quads_for_pattern(
            None, None, None, ox.NamedNode(INDEX_GRAPH))) == want
    finally:
        s.close()


def graph_data_lines_of(doc: Any) -> Any:
    from kg.map import article_iri, to_ntriples
    from kg.store import graph_data_lines

    return graph_data_lines(str(article_iri(doc.article.id, BASE)),
                            to_ntriples(doc, BASE)).apart()

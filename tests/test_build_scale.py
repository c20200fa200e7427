"""Corpus builds: worker processes, batched atomic writes, progress, Ctrl-C, validation."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from conftest import SEED_BODY, store_snapshot

from kg import StoreError
from kg.pipeline import build
from kg.store import graph_data, open_store
from kg.store._terms import ntriples

BODIES = [SEED_BODY, "GENEVA, May 1. Russian Foreign Minister Sergey Lavrov met US Secretary "
          "of State Antony Blinken.", "WASHINGTON, May 2. The United States withdrew from the "
          "Treaty on Open Skies on Sunday."]


def _corpus(path: Path, n: int) -> Path:
    recs = [{"id": f"s{i:03d}", "title": f"T{i}", "published": "2020-05-02",
             "body": BODIES[i % len(BODIES)]} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def _graphs(store: Path) -> dict[str, str]:
    """Each article graph as canonical text (isomorphic graphs give equal text)."""
    import pyoxigraph as ox

    with open_store(store, read_only=True) as s:
        out = {}
        for g in s.graphs():
            ds = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object)
                            for q in s.ox.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
            out[g] = "\n".join(sorted(str(q) for q in ds))
        return out


def test_worker_processes_build_the_same_graphs(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 30)
    seen: list[tuple[int, int]] = []
    many = build([corpus], tmp_path / "many", workers=2, batch_size=7, chunk_size=4,
                 progress=lambda done, total: seen.append((done, total)))
    one = build([corpus], tmp_path / "one", workers=1)
    assert len(many.loaded) == len(one.loaded) == 30 and many.conforms
    assert _graphs(tmp_path / "many") == _graphs(tmp_path / "one")
    assert many.triples == one.triples
    assert seen[0] == (0, 30) and seen[-1] == (30, 30)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_batch_graphs_equal_replace_graph(tmp_path: Path) -> None:
    """A graph written in a batch is the one replace_graph writes, hashes included."""
    from kg.pipeline import Work, build_one
    from kg.read import parse_article

    built = build_one(parse_article(SEED_BODY, "x1"), Work("https://kg.example.org/"))
    assert built.data is not None
    with open_store(tmp_path / "a") as a, open_store(tmp_path / "b") as b:
        a.write_batch([built.data])
        g = rdflib.Graph().parse(data="\n".join(built.data.lines), format="nt")
        b.replace_graph(built.graph, g)
        assert a.stored_hash(built.graph) == b.stored_hash(built.graph)
    assert _graphs(tmp_path / "a") == _graphs(tmp_path / "b")


def test_blank_nodes_stay_apart_across_a_batch(tmp_path: Path) -> None:
    g = rdflib.Graph()
    cell = rdflib.BNode("l1")
    g.add((rdflib.URIRef("https://ex.org/s"), rdflib.URIRef("https://ex.org/p"), cell))
    g.add((cell, rdflib.RDF.first, rdflib.Literal("x")))
    nt = ntriples(g)
    with open_store(tmp_path / "s") as s:
        s.write_batch([graph_data("https://ex.org/g1", nt), graph_data("https://ex.org/g2", nt)])
        q = s.query(f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ ?b <{rdflib.RDF.first}> ?x }}")
        assert int(next(iter(q))["n"].value) == 2


def test_a_failed_batch_writes_nothing(tmp_path: Path, store_dir: Path) -> None:
    good = graph_data("https://ex.org/g1", '<https://ex.org/s> <https://ex.org/p> "o" .\n')
    bad = graph_data("https://ex.org/g2", '<https://ex.org/s> <https://ex.org/p> "o" .\n')
    broken = type(bad)(bad.graph, (*bad.lines, "<https://ex.org/s> <oops"), bad.content_hash)
    with open_store(store_dir) as s:
        for batch in ([good, broken], [broken]):
            with pytest.raises(StoreError):
                s.write_batch(batch)
            assert s.graphs() == [] and len(s.ox) == 0
        s.write_batch([good])
        with pytest.raises(StoreError):  # the replacing path (SPARQL update) too
            s.write_batch([good, broken])
        assert s.graphs() == ["https://ex.org/g1"] and s.triple_count() == 1


def test_a_write_that_fails_on_the_writer_thread_stops_the_build(
        tmp_path: Path, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches are written on a thread of their own; the error of one is the build's,
    the batches before it stay, and none after it is written."""
    from kg.store import Store

    corpus = _corpus(tmp_path / "c.jsonl", 12)
    real = Store.write_batch
    calls: list[int] = []

    def failing(self: Store, graphs: list) -> None:  # type: ignore[type-arg]
        calls.append(len(graphs))
        if len(calls) == 2:
            raise StoreError("disk full (test)")
        real(self, graphs)

    monkeypatch.setattr(Store, "write_batch", failing)
    with pytest.raises(StoreError, match="disk full"):
        build([corpus], store_dir, batch_size=3, chunk_size=3)
    assert calls == [3, 3]  # a batch is handed over only once the one before is written
    monkeypatch.setattr(Store, "write_batch", real)
    with open_store(store_dir, read_only=True) as s:
        assert len(s.graphs()) == 3 == len(s.source_hashes())


def test_a_batch_of_new_graphs_stays_within_one_bulk_load(
        tmp_path: Path, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch is cut before its quads pass kg.store.BULK_QUADS, however many articles
    --batch-size allows, so that it is loaded in one bulk step."""
    import kg.store
    from kg.store import Store

    corpus = _corpus(tmp_path / "c.jsonl", 12)
    real = Store.write_batch
    sizes: list[tuple[int, int]] = []

    def counting(self: Store, graphs: list) -> None:  # type: ignore[type-arg]
        sizes.append((len(graphs), sum(len(d.lines) + len(d.shared) for d in graphs)))
        real(self, graphs)

    monkeypatch.setattr(Store, "write_batch", counting)
    build([corpus], tmp_path / "whole", batch_size=100, chunk_size=3)
    (n, quads), = sizes
    assert n == 12
    budget = quads // 3  # room for about four articles a batch
    monkeypatch.setattr(kg.store, "BULK_QUADS", budget)
    sizes.clear()
    result = build([corpus], store_dir, batch_size=100, chunk_size=3)
    assert len(result.loaded) == 12 and sum(n for n, _ in sizes) == 12
    assert len(sizes) >= 3 and all(q <= budget for _, q in sizes)
    assert _graphs(store_dir) == _graphs(tmp_path / "whole")


def test_the_command_line_batch_size_is_the_builds() -> None:
    import inspect

    from kg.cli.build import build_command as command
    from kg.pipeline import BuildOptions

    default = inspect.signature(command).parameters["batch_size"].default
    assert default == BuildOptions().batch_size


def test_ctrl_c_keeps_what_is_built(tmp_path: Path, store_dir: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 12)

    def interrupt(done: int, total: int) -> None:
        if done >= 8:
            raise KeyboardInterrupt

    r = build([corpus], store_dir, batch_size=3, chunk_size=4, progress=interrupt)
    assert r.interrupted and len(r.loaded) == 8
    with open_store(store_dir, read_only=True) as s:
        assert len(s.graphs()) == 8 == len(s.source_hashes())
    rest = build([corpus], store_dir)
    assert (rest.skipped, len(rest.loaded)) == (8, 4)


def test_ctrl_c_on_the_command_line(tmp_path: Path, store_dir: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import kg.pipeline
    from kg.cli import app

    real = kg.pipeline.build

    def interrupted(*args: object, **kwargs: object) -> object:
        kwargs["progress"] = lambda done, total: (_ for _ in ()).throw(KeyboardInterrupt) \
            if done >= 4 else None
        kwargs["chunk_size"] = 4
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.pipeline, "build", interrupted)
    r = CliRunner().invoke(app, ["build", str(_corpus(tmp_path / "c.jsonl", 8)),
                                 "--store", str(store_dir), "-j", "1", "--no-progress"])
    assert r.exit_code == 2
    assert "interrupted: 4 article(s) stored" in r.stderr
    assert "articles: 8 (4 loaded, 0 unchanged)" in r.stdout
    assert store_snapshot(store_dir) != ""


def _shape_cases() -> list[tuple[str, Callable[[rdflib.Graph], None]]]:
    sys.path.insert(0, str(Path(__file__).parent))
    import test_shapes

    return [(c[0], c[1]) for c in test_shapes.CASES]


def test_reused_validator_agrees_with_plain_pyshacl() -> None:
    """kg.validate reuses one pySHACL validator; plain pyshacl.validate is the reference."""
    import pyshacl
    import test_shapes

    from kg.validate import validate
    from kg.validate._validate import _ontology, _results, _shapes

    for what, mutate in [("as mapped", lambda g: None), *_shape_cases()]:
        g = test_shapes._graph()
        mutate(g)
        before = len(g)
        fast = validate(g)
        assert len(g) == before, "validate() must leave the data graph as it was"
        ok, report, _ = pyshacl.validate(g, shacl_graph=_shapes(), ont_graph=_ontology(),
                                         inference="none", allow_warnings=True)
        assert (fast.conforms, fast.results) == (bool(ok), _results(report)), what


def test_progress_bar_renders() -> None:
    from kg.pipeline import progress_bar

    with progress_bar(False) as off:
        off(1, 2)
    with progress_bar(True) as on:
        on(0, 10)
        on(10, 10)

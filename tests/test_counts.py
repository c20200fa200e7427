"""One definition of each count (kg.store.counts), and every place that shows one
agrees: kg build (also when nothing changed), the VoID, the home page, the resolution
report, SPARQL COUNT(*) and kg export."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SEED_BODY, SHARED, write_article
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import seed_article
from kg.store import Counts, counts, distinct_triples, open_store

runner = CliRunner()
VOID = "http://rdfs.org/ns/void#"


def _build(store: Path, *paths: Path, resolution: Path | None = None) -> list[str]:
    args = ["build", *map(str, paths), "--store", str(store)]
    if resolution is not None:
        args += ["--resolution", str(resolution)]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    return r.stdout.splitlines()


def _agree(store: Path, tmp_path: Path, expected: Counts | None = None) -> Counts:
    """Every count shown for ``store`` is the one kg.store.counts gives."""
    from kg.publish import publish

    with open_store(store, read_only=True) as s:
        c = counts(s)
        distinct = distinct_triples(s)
        sparql = next(iter(s.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } "
                                   "FILTER (?g != <urn:kg:index>) }")))["n"].value
        publish(s, tmp_path / "site")
    if expected is not None:
        assert c == expected
    assert int(sparql) == c.triples
    # the VoID (kg serve and kg publish write it with the same function)
    void = ox.Store()
    void.load(path=str(tmp_path / "site" / "void.ttl"), format=ox.RdfFormat.TURTLE)
    ds = ox.NamedNode("https://kg.example.org/void#dataset")
    value = {p: int(next(void.quads_for_pattern(ds, ox.NamedNode(VOID + p), None)).object.value)
             for p in ("entities", "triples", "documents")}
    assert value == {"entities": c.entities, "triples": c.triples, "documents": c.articles}
    # the home page
    home = (tmp_path / "site" / "index.html").read_text()
    assert (f"{c.articles} articles, {c.entities} entities, {c.facts} facts, "
            f"{c.triples} triples.") in home
    # kg export: N-Quads hold the triples, N-Triples the distinct ones, and say so
    for fmt, lines in (("nq", c.triples), ("nt", distinct)):
        out = tmp_path / f"all.{fmt}"
        r = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--store",
                                str(store)])
        assert r.exit_code == 0, r.output
        assert len(out.read_text().splitlines()) == lines
        assert r.stdout.startswith(f"{out}: {lines} ")
    return c


def test_counts_agree_and_a_rebuild_changes_none(tmp_path: Path) -> None:
    store = tmp_path / "store"
    other = write_article(tmp_path / "a1.txt", SEED_BODY)  # Lavrov, Russia, CFE again
    with seed_article() as seed:
        first = _build(store, seed, other, resolution=tmp_path / "r.json")
        again = _build(store, seed, other, resolution=tmp_path / "r.json")
    assert first[0] == "articles: 2 (2 loaded, 0 unchanged)"
    assert again[0] == "articles: 2 (0 loaded, 2 unchanged)"
    assert first[1] == again[1] and first[-1] == again[-1], (first, again)
    found = re.fullmatch(r"entities: (\d+)  facts: (\d+)  triples in store: (\d+)", first[1])
    assert found is not None
    c = _agree(store, tmp_path)
    assert (c.entities, c.facts, c.triples) == tuple(map(int, found.groups()))
    assert c.articles == 2
    resolution = re.search(r"resolution: (\d+) entities from (\d+) article entities", first[-1])
    assert resolution is not None and int(resolution.group(1)) == c.entities
    assert int(resolution.group(2)) > c.entities  # the articles share entities
    with open_store(store, read_only=True) as s:
        assert distinct_triples(s) < c.triples  # ... and so statements


def test_the_dev_corpus(tmp_path: Path) -> None:
    articles = SHARED / "eval" / "dev" / "articles"
    if not articles.is_dir():
        pytest.skip("no ../shared/eval/dev (the dev corpus)")
    lines = _build(tmp_path / "store", articles, resolution=tmp_path / "r.json")
    c = _agree(tmp_path / "store", tmp_path)
    assert lines[1] == f"entities: {c.entities}  facts: {c.facts}  triples in store: {c.triples}"
    assert lines[-1].startswith(f"resolution: {c.entities} entities from ")
    assert c.entities < c.triples and c.articles == 14


def test_counts_are_kept_until_the_store_is_written_to(tmp_path: Path) -> None:
    """A writable store keeps its counts (an unchanged build of 100,000 articles does not
    count them again); any write to the data store forgets them first."""
    from kg.pipeline import build

    store_dir = tmp_path / "s"
    build(None, store_dir)
    with open_store(store_dir) as s:
        first = counts(s)
        assert s.kept_counts() == (first.articles, first.entities, first.facts,
                                   first.triples)
    other = write_article(tmp_path / "other.txt", SEED_BODY.replace("Tuesday", "Monday"))
    build([other], store_dir)  # a second article: every count but entities changes
    with open_store(store_dir) as s:
        second = counts(s)
        assert second.articles == 2 and second.triples > first.triples
        s.remove_graph(s.graphs()[0])
        assert s.kept_counts() is None
        assert counts(s).articles == 1
    with open_store(store_dir, read_only=True) as s:
        assert counts(s).articles == 1

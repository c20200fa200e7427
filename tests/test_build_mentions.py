"""A build without the mention layer (``kg build --no-mentions``): the entities, facts and
evidence of each article stay; where the text names each entity goes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.extract import extract
from kg.map import article_iri, from_graph
from kg.pipeline import build, default_base
from kg.read import parse_article
from kg.store import open_store
from kg.validate import validate
from kg.vocab import KGO

_BODY = ("MOSCOW, March 3. Russian Foreign Minister Sergey Lavrov said on Tuesday that "
         "Russia would not return to the Treaty on Conventional Armed Forces in Europe. "
         "NATO members, he said, had never ratified the adapted treaty.\n")


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "m1.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: Lavrov on the CFE treaty\npublished: 2015-03-03\n\n{_BODY}",
                    encoding="utf-8")
    return path


def _stored(store_dir: Path, article_id: str):  # type: ignore[no-untyped-def]
    with open_store(store_dir, read_only=True) as s:
        graph = s.article_graph(str(article_iri(article_id, default_base())))
        mentions = bool(s.query(f"ASK {{ ?e <{KGO}mention> ?m }}"))
    return graph, mentions


def test_the_graph_keeps_entities_facts_and_evidence_not_mentions(tmp_path: Path) -> None:
    path = _article(tmp_path)
    r = build([path], tmp_path / "s", mentions=False)
    assert r.conforms and r.loaded == ["m1"] and r.facts > 0
    graph, mentions = _stored(tmp_path / "s", "m1")
    assert not mentions and validate(graph).conforms
    doc = extract(parse_article(path.read_text(encoding="utf-8"), "m1"))
    back = from_graph(graph, "m1", default_base())
    assert back.facts == doc.facts  # evidence sentences and offsets included
    assert [(e.id, e.name, e.aliases) for e in back.entities] == [
        (e.id, e.name, e.aliases) for e in doc.entities]
    assert all(not e.mentions for e in back.entities)
    assert any(e.mentions for e in doc.entities)


def test_changing_the_layer_rebuilds_the_articles(tmp_path: Path) -> None:
    path = _article(tmp_path)
    assert build([path], tmp_path / "s", mentions=False).loaded == ["m1"]
    assert build([path], tmp_path / "s", mentions=False).skipped == 1
    assert build([path], tmp_path / "s").loaded == ["m1"]  # the layer is asked for again
    assert _stored(tmp_path / "s", "m1")[1]


def test_the_command_line_option(tmp_path: Path) -> None:
    path = _article(tmp_path)
    r = CliRunner().invoke(app, ["build", str(path), "--store", str(tmp_path / "s"),
                                 "--no-mentions", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert not _stored(tmp_path / "s", "m1")[1]

"""Incremental builds: unchanged sources are skipped unextracted, edits rebuilt, --prune."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_BODY, store_snapshot
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.store import open_store

BODIES = [SEED_BODY, "GENEVA, May 1. Talks on the treaty began.",
          "WASHINGTON, May 2. Nothing happened today."]


def _corpus(path: Path, n: int = 3, edit: int | None = None) -> Path:
    recs = [{"id": f"a{i}", "title": f"T{i}" + (" (edited)" if i == edit else ""),
             "published": "2014-11-18", "body": BODIES[i % len(BODIES)]} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def test_unchanged_articles_are_not_extracted(tmp_path: Path, store_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    first = build([corpus], store_dir)
    assert sorted(first.loaded) == ["a0", "a1", "a2"]
    before = store_snapshot(store_dir)
    import kg.extract

    def boom(*_: object) -> None:
        raise AssertionError("extracted an unchanged article")

    monkeypatch.setattr(kg.extract, "extract", boom)
    again = build([corpus], store_dir)
    assert (again.skipped, again.loaded) == (3, [])
    # the counts are the store's, the same as after the first build
    assert (again.entities, again.facts, again.triples) == (first.entities, first.facts,
                                                            first.triples)
    assert store_snapshot(store_dir) == before


def test_edited_article_is_rebuilt_alone(tmp_path: Path, store_dir: Path) -> None:
    build([_corpus(tmp_path / "c.jsonl")], store_dir)
    r = build([_corpus(tmp_path / "c.jsonl", edit=1)], store_dir)
    assert (r.loaded, r.skipped) == (["a1"], 2)
    snap = store_snapshot(store_dir)
    assert "T1 (edited)" in snap and '"T1"' not in snap
    with open_store(store_dir, read_only=True) as s:
        assert len(s.graphs()) == 3


def test_a_new_base_rebuilds(tmp_path: Path, store_dir: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", n=1)
    build([corpus], store_dir)
    r = build([corpus], store_dir, base="https://other.example.org/")
    assert r.loaded == ["a0"]


def test_prune_drops_graphs_of_gone_articles(tmp_path: Path, store_dir: Path) -> None:
    build([_corpus(tmp_path / "c.jsonl")], store_dir)
    smaller = _corpus(tmp_path / "c.jsonl", n=2)
    kept = build([smaller], store_dir)
    assert kept.pruned == []
    with open_store(store_dir, read_only=True) as s:
        assert len(s.graphs()) == 3
    r = CliRunner().invoke(app, ["build", str(smaller), "--store", str(store_dir), "--prune",
                                 "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "(0 loaded, 2 unchanged, 1 pruned)" in r.stdout
    with open_store(store_dir, read_only=True) as s:
        assert [g.rsplit("/", 1)[1] for g in s.graphs()] == ["a0", "a1"]
        assert len(s.source_hashes()) == 2
    assert "article/a2" not in store_snapshot(store_dir)

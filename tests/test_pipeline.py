"""The build pipeline: seed, idempotence, edits, violations, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_BODY, FakeReport, store_snapshot, write_article

from kg import InputError
from kg.pipeline import BuildResult, build, default_base, extract_file
from kg.store import open_store


def test_build_seed(store_dir: Path) -> None:
    r = build(None, store_dir)
    assert isinstance(r, BuildResult)
    assert (r.articles, r.skipped, r.conforms, r.store) == (1, 0, True, store_dir)
    assert r.loaded == ["00-tass-cfe"]
    with open_store(store_dir, read_only=True) as s:
        assert s.graphs() == [f"{default_base()}article/00-tass-cfe"]
        assert s.triple_count() == r.triples > 0


def test_second_build_leaves_store_unchanged(store_dir: Path, article: Path) -> None:
    build([article], store_dir)
    before = store_snapshot(store_dir)
    r = build([article], store_dir)
    assert (r.skipped, r.loaded) == (1, [])
    assert store_snapshot(store_dir) == before


def test_edited_article_replaces_its_graph(store_dir: Path, article: Path,
                                           tmp_path: Path) -> None:
    other = write_article(tmp_path / "a2.txt", "WASHINGTON, May 2. Nothing happened today.",
                          title="Another article")
    build([article, other], store_dir)
    before = store_snapshot(store_dir)
    write_article(article, SEED_BODY, title="An edited title")
    r = build([article], store_dir)
    assert r.loaded == ["a1"]
    after = store_snapshot(store_dir)
    assert after != before
    assert "Test article" not in after and "An edited title" in after
    with open_store(store_dir, read_only=True) as s:
        assert len(s.graphs()) == 2


def test_article_with_violations_is_not_loaded(store_dir: Path, article: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module("kg.validate"), "validate_batch",
                        lambda graphs: {name: FakeReport(False) for name, _ in graphs})
    r = build([article], store_dir)
    assert not r.conforms and r.rejected == ["a1"] and r.loaded == []
    assert "something is wrong" in r.violations
    with open_store(store_dir, read_only=True) as s:
        assert s.graphs() == []


def test_bad_article_in_a_folder_changes_nothing(store_dir: Path, tmp_path: Path,
                                                 article: Path) -> None:
    build([article], store_dir)
    before = store_snapshot(store_dir)
    folder = tmp_path / "batch"
    folder.mkdir()
    write_article(folder / "a.txt", "GENEVA, May 1. Talks began.")
    (folder / "b.txt").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        build([folder], store_dir)
    assert store_snapshot(store_dir) == before


def test_extract_file(article: Path) -> None:
    doc = extract_file(article, "2015-01-02")
    assert doc.article.id == "a1" and doc.article.published == "2015-01-02"


def test_default_base(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_base("https://x.org/") == "https://x.org/"
    monkeypatch.setenv("KG_BASE", "https://env.org/")
    assert default_base() == "https://env.org/"

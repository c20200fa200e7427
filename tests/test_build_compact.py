"""A build compacts the store's files at its end when it loaded many articles, or when
asked (``kg build --compact``); ``--no-compact`` never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.pipeline._options import COMPACT_AFTER
from kg.store import Store


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(
            f"title: Note {i}\npublished: 2015-03-0{1 + i % 9}\n\nRussia suspended the "
            "Treaty on Conventional Armed Forces in Europe in 2007.\n", encoding="utf-8")
    return folder


@pytest.fixture
def compactions(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = Store.compact

    def spy(self: Store) -> None:
        calls.append(self.path)
        real(self)

    monkeypatch.setattr(Store, "compact", spy)
    return calls


def test_a_small_build_does_not_compact_unless_asked(tmp_path: Path,
                                                    compactions: list[Path]) -> None:
    src = _articles(tmp_path / "in", 2)
    result = build([src], tmp_path / "store", workers=1)
    assert result.loaded and not compactions and result.compact_seconds == 0
    _articles(src, 3)
    result = build([src], tmp_path / "store", workers=1, compact=True)
    assert compactions == [tmp_path / "store"] and result.compact_seconds > 0


def test_the_default_follows_how_many_articles_were_loaded(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compactions: list[Path]) -> None:
    import kg.pipeline._build as building

    assert COMPACT_AFTER == building.COMPACT_AFTER
    monkeypatch.setattr(building, "COMPACT_AFTER", 2)
    src = _articles(tmp_path / "in", 2)
    build([src], tmp_path / "store", workers=1)
    assert len(compactions) == 1
    build([src], tmp_path / "store", workers=1)  # nothing loaded: nothing to compact
    assert len(compactions) == 1


def test_the_cli_never_compacts_with_no_compact(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compactions: list[Path]) -> None:
    import kg.pipeline._build as building

    monkeypatch.setattr(building, "COMPACT_AFTER", 1)  # the default would compact
    src = _articles(tmp_path / "in", 2)
    out = CliRunner().invoke(app, ["build", str(src), "--store", str(tmp_path / "s"),
                                   "--workers", "1", "--compact"])
    assert out.exit_code == 0, out.output
    assert len(compactions) == 1
    _articles(src, 3)
    out = CliRunner().invoke(app, ["build", str(src), "--store", str(tmp_path / "s"),
                                   "--workers", "1", "--no-compact"])
    assert out.exit_code == 0 and len(compactions) == 1

"""Bad input: one clear line on stderr, exit 2, and the store untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_BODY, store_snapshot, write_article
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def _missing(d: Path) -> list[str]:
    return ["build", str(d / "missing.txt")]


def _empty(d: Path) -> list[str]:
    (d / "empty.txt").write_bytes(b"")
    return ["build", str(d / "empty.txt")]


def _blank(d: Path) -> list[str]:
    (d / "blank.txt").write_text("title: T\npublished: 2014-11-18\n\n   \n")
    return ["build", str(d / "blank.txt")]


def _binary(d: Path) -> list[str]:
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return ["build", str(d / "image.txt")]


def _bad_date(d: Path) -> list[str]:
    write_article(d / "bad-date.txt", SEED_BODY, published="last Tuesday")
    return ["build", str(d / "bad-date.txt")]


def _impossible_date(d: Path) -> list[str]:
    write_article(d / "feb30.txt", SEED_BODY, published="2014-02-30")
    return ["build", str(d / "feb30.txt")]


def _empty_folder(d: Path) -> list[str]:
    (d / "nothing").mkdir()
    return ["build", str(d / "nothing")]


def _unknown_format(d: Path) -> list[str]:
    return ["export", "--format", "xls"]


def _bad_extract_date(d: Path) -> list[str]:
    write_article(d / "ok.txt", SEED_BODY)
    return ["extract", str(d / "ok.txt"), "--published", "18/11/2014"]


CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "missing file": (_missing, "no such file"),
    "empty file": (_empty, "empty"),
    "blank body": (_blank, "empty"),
    "binary file": (_binary, "binary"),
    "bad header date": (_bad_date, "not a date"),
    "impossible date": (_impossible_date, "not a date"),
    "folder without articles": (_empty_folder, "no article files"),
    "unknown format name": (_unknown_format, "unknown format 'xls'"),
    "bad --published": (_bad_extract_date, "not a date"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input(case: str, tmp_path: Path, store_dir: Path, article: Path) -> None:
    assert runner.invoke(app, ["build", str(article), "--store", str(store_dir)]).exit_code == 0
    before = store_snapshot(store_dir)
    make_args, message = CASES[case]
    args = make_args(tmp_path)
    if args[0] != "extract":
        args += ["--store", str(store_dir)]
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), r.stderr
    assert message in lines[0]
    assert "Traceback" not in r.output
    assert r.stdout == ""
    assert store_snapshot(store_dir) == before


def test_bad_input_creates_no_store(tmp_path: Path) -> None:
    store = tmp_path / "fresh"
    r = runner.invoke(app, ["build", str(tmp_path / "missing.txt"), "--store", str(store)])
    assert r.exit_code == 2
    assert not store.exists()


@pytest.mark.parametrize(("encoding", "title", "body"), [
    ("cp1251", "Лавров: ДОВСЕ не возродить",
     "МИНСК, 18 ноября. /ТАСС/. Договор об обычных вооруженных силах в Европе не возродить."),
    ("latin-1", "Genève: «la reprise du traité FCE»",
     "GENEVA, November 18. Talks in Genève at 5°C cost £10 «à l'ordre du jour»."),
    ("latin-1", "Genève: la reprise du traité FCE",
     "GENEVA, November 18. Talks in Genève on the traité were à l'ordre du jour."),
], ids=["windows-1251", "latin-1", "latin-1-lowercase-accents"])
def test_legacy_encodings_are_read_correctly(tmp_path: Path, store_dir: Path, encoding: str,
                                             title: str, body: str) -> None:
    path = write_article(tmp_path / "legacy.txt", body, title=title, encoding=encoding)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    r = runner.invoke(app, ["extract", str(path)])
    assert r.exit_code == 0, r.output
    import json

    assert json.loads(r.stdout)["article"]["title"] == title
    r = runner.invoke(app, ["build", str(path), "--store", str(store_dir)])
    assert r.exit_code == 0, r.output
    assert title in store_snapshot(store_dir)

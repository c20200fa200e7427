"""JSON Lines input: streamed, one article per line, errors name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_BODY, store_snapshot

from kg import InputError
from kg.pipeline import build
from kg.read import read_articles, read_jsonl


def _write(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "\n",
                    encoding="utf-8")
    return path


def test_records_become_articles(tmp_path: Path) -> None:
    p = _write(tmp_path / "a.jsonl", [
        {"id": "j1", "title": "T", "published": "2014-11-18", "source": "TASS",
         "url": "http://tass.com/x", "body": SEED_BODY},
        {"id": "j 2/x", "text": "GENEVA, May 1. Talks began.", "published": "unknown"},
    ])
    arts = list(read_jsonl(p))
    assert [a.meta.id for a in arts] == ["j1", "j-2-x"]
    assert arts[0].meta.dateline_place == "Minsk" and arts[0].meta.source == "TASS"
    assert arts[1].meta.published is None and arts[1].path == f"{p}:2"


def test_read_is_a_stream(tmp_path: Path) -> None:
    p = _write(tmp_path / "a.jsonl", [{"id": "ok", "body": "Fine."}, {"id": "bad"}])
    it = read_jsonl(p)
    assert next(it).meta.id == "ok"  # the first record comes before the bad one is read
    with pytest.raises(InputError, match=r"a\.jsonl:2: empty article"):
        next(it)


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"body": "x"}', "needs an 'id'"),
    ('{"id": "x", "body": "y", "published": "2014-13-01"}', "not a date"),
    ('{"id": "x", "body": "y", "title": 3}', "'title' must be a string"),
])
def test_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "ok", "body": "Fine."}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        list(read_jsonl(p))
    assert info.value.line == 2


def test_folders_mix_text_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("GENEVA, May 1. Talks began.", encoding="utf-8")
    _write(tmp_path / "b.jsonl", [{"id": "b1", "body": "x"}, {"id": "b2", "body": "y"}])
    assert [a.meta.id for a in read_articles([tmp_path])] == ["a", "b1", "b2"]


def test_build_jsonl_and_bad_line_changes_nothing(tmp_path: Path, store_dir: Path) -> None:
    p = _write(tmp_path / "a.jsonl", [{"id": "j1", "body": SEED_BODY},
                                      {"id": "j2", "body": "GENEVA, May 1. Talks began."}])
    r = build([p], store_dir)
    assert sorted(r.loaded) == ["j1", "j2"]
    before = store_snapshot(store_dir)
    with p.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "j3", "body": ""}\n')
    with pytest.raises(InputError, match="empty article"):
        build([p], store_dir)
    assert store_snapshot(store_dir) == before


def test_duplicate_ids_are_refused(tmp_path: Path, store_dir: Path) -> None:
    p = _write(tmp_path / "a.jsonl", [{"id": "j1", "body": "x"}, {"id": "j1", "body": "y"}])
    with pytest.raises(InputError, match="two articles with the id 'j1'"):
        build([p], store_dir)
    assert not store_dir.exists()

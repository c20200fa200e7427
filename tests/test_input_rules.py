"""Which files are articles, JSON arrays of records, and --skip-bad: bad input is one
line and exit 2 and changes nothing; with --skip-bad, each bad record is reported with
its file, line and reason, and the good ones are built. None of this needs kg[web]."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from _servers import KG
from conftest import SEED_BODY, store_snapshot

from kg import InputError
from kg.pipeline import build
from kg.read import ARTICLE_GLOBS, Article, Skipped, read_inputs

GENEVA = ("GENEVA, May 6 (Harbor Post) — Russian Foreign Minister Sergey Lavrov met U.S. "
          "Secretary of State Marco Rubio in Geneva on Tuesday.")


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=300)


def _records(path: Path, records: list[object], indent: int | None = 1) -> Path:
    path.write_text(json.dumps(records, indent=indent, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_array_is_many_articles_not_one(tmp_path: Path) -> None:
    feed = _records(tmp_path / "feed.json", [
        {"url": "https://tass.example/world/760266", "title": "No chances for CFE",
         "published": "2014-11-18", "source": "TASS", "body": SEED_BODY},
        {"id": "geneva", "body": GENEVA, "published": "2025-05-06"},
        {"title": "No id, no URL", "body": GENEVA}])
    arts = [i for i in read_inputs([feed]) if isinstance(i, Article)]
    assert [a.meta.id for a in arts] == ["tass.example-world-760266", "geneva", "feed-3"]
    assert [a.path for a in arts] == [f"{feed}:2", f"{feed}:9", f"{feed}:14"]
    assert arts[0].meta.source == "TASS" and arts[0].meta.dateline_place == "Minsk"
    r = build([feed], tmp_path / "store")
    assert r.articles == 3 and r.facts >= 6


@pytest.mark.parametrize(("text", "line", "message"), [
    ('{"id": "a", "body": "x"}', 1, "must be a JSON array of records"),
    ('[\n{"id": "a", "body": "x"},\n{"id": "b", "body": "y",}\n]', 3, "not valid JSON"),
    ('[\n{"id": "a", "body": "x"},\n\n7\n]', 4, "a record must be a JSON object"),
    ('[{"id": "a", "body": "x"},\n {"id": "b", "published": "2025-13-01", "body": "y"}]', 2,
     "'published' is not a date"),
    ('[{"id": "a", "body": "x"},\n {"id": "b", "url": "https://x.example/"}]', 2,
     "empty article: no 'body' text"),
])
def test_bad_json_arrays_name_the_line(tmp_path: Path, text: str, line: int,
                                       message: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        list(_articles(p))
    assert info.value.line == line


def _articles(p: Path) -> list[Article]:
    out = []
    for item in read_inputs([p]):
        if isinstance(item, InputError):
            raise item
        if isinstance(item, Article):
            out.append(item)
    return out


def test_the_article_rule_for_folders(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "2025").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / "README.md").write_text("# How this corpus was collected\n")
    (corpus / "index.csv").write_text("id,url\n")
    (corpus / ".git" / "config").write_text("[core]\n")
    (corpus / ".DS_Store").write_bytes(b"\x00\x01")
    (corpus / "2025" / "geneva.txt").write_text(GENEVA)
    (corpus / "2025" / "notes.TXT").write_text(GENEVA.replace("Tuesday", "Wednesday"))
    items = list(read_inputs([corpus]))
    assert [i.meta.id for i in items if isinstance(i, Article)] == ["geneva", "notes"]
    assert [(Path(i.where).name, i.reason) for i in items if isinstance(i, Skipped)] == [
        ("README.md", "not an article file by its name (--glob changes the rule)"),
        ("index.csv", "not an article file by its name (--glob changes the rule)")]
    r = _kg("build", str(corpus), "--store", str(tmp_path / "store"))
    assert r.returncode == 0, r.stderr
    assert "articles: 2 (2 loaded" in r.stdout
    assert (f"skipped, not articles: 2\n  {corpus}/README.md: not an article file by its "
            "name (--glob changes the rule)\n") in r.stdout
    # --glob replaces the rule: only Markdown now
    r = _kg("build", str(corpus), "--glob", "*.md", "--store", str(tmp_path / "store2"))
    assert r.returncode == 0 and "articles: 1 (1 loaded" in r.stdout
    assert "*.txt" in ARTICLE_GLOBS and "*.md" not in ARTICLE_GLOBS


def test_folder_without_articles_names_the_rule(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# notes\n")
    r = _kg("build", str(tmp_path), "--store", str(tmp_path / "store"))
    assert r.returncode == 2
    assert r.stderr.startswith(f"kg: error: {tmp_path}: folder holds no article files "
                               "(*.txt, *.text, *.jsonl")
    assert r.stderr.endswith("; --glob changes this)\n")


def _bad_corpus(tmp: Path) -> Path:
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_BODY)
    (corpus / "b.jsonl").write_text(
        json.dumps({"id": "b1", "body": GENEVA}) + "\n{broken\n"
        + json.dumps({"id": "b3", "body": GENEVA.replace("Tuesday", "Friday")}) + "\n"
        + json.dumps({"id": "a", "body": "A second article with the id a."}) + "\n")
    _records(corpus / "c.json", [{"id": "c1", "body": GENEVA.replace("May 6", "May 9")},
                                 {"id": "c2", "body": "x", "published": "9 May"}])
    (corpus / "d.txt").write_text("published: 2025-02-30\n\nMINSK, Feb 30. Nothing.")
    return corpus


def test_bad_input_changes_nothing_without_skip_bad(tmp_path: Path) -> None:
    corpus = _bad_corpus(tmp_path)
    store = tmp_path / "store"
    assert _kg("build", str(corpus / "a.txt"), "--store", str(store)).returncode == 0
    before = store_snapshot(store)
    r = _kg("build", str(corpus), "--store", str(store))
    assert r.returncode == 2
    assert r.stderr.startswith(f"kg: error: {corpus}/b.jsonl:2: not valid JSON")
    assert r.stderr.count("\n") == 1 and r.stdout == ""
    assert store_snapshot(store) == before


def test_skip_bad_builds_the_good_and_reports_each_bad(tmp_path: Path) -> None:
    corpus = _bad_corpus(tmp_path)
    r = _kg("build", str(corpus), "--skip-bad", "--store", str(tmp_path / "store"))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        f"{corpus}/b.jsonl:2", f"{corpus}/b.jsonl:4", f"{corpus}/c.json:6", f"{corpus}/d.txt:1"]
    assert all(line.startswith("kg: bad input left out: ") for line in lines)
    assert "not valid JSON" in lines[0] and "'published' is not a date" in lines[2]
    assert f"two articles with the id 'a' (also {corpus}/a.txt)" in lines[1]
    assert "articles: 4 (4 loaded, 0 unchanged, 4 bad left out)" in r.stdout
    r = build([corpus], tmp_path / "store2", skip_bad=True)
    assert sorted(r.loaded) == ["a", "b1", "b3", "c1"] and len(r.bad) == 4
    with pytest.raises(InputError, match=r"b\.jsonl:2"):
        build([corpus], tmp_path / "store3")
    assert not (tmp_path / "store3").exists()


def test_huge_jsonl_line_is_skipped_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "2000")
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"id": "big", "body": "word " * 2000}) + "\n"
                 + json.dumps({"id": "ok", "body": GENEVA}) + "\n")
    items = list(read_inputs([p]))
    assert isinstance(items[0], InputError) and items[0].line == 1
    assert isinstance(items[1], Article) and items[1].meta.id == "ok"
    assert len(items) == 2

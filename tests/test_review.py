"""The review sheet (issue 16): written for some articles, it round-trips through CSV (the
csv module, and pandas when installed) and the facts JSON; read back, its decisions are
corrections that kg build --curation applies; kg eval scores the curated facts."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.curate import load_curation
from kg.curate._review import apply_rows, read_sheet, write_sheet
from kg.curate._sheet import COLUMNS, rows_from_csv
from kg.pipeline import build, extract_file, seed_article
from tests.test_curation import SEED, SEED_FIXES, facts_of, write_json


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    with seed_article() as seed:
        shutil.copy(seed, folder / f"{SEED}.txt")
    (folder / "a1.txt").write_text(
        "title: Ivanov on the treaty\npublished: 2005-05-03\nsource: TASS\n\n"
        "MOSCOW, May 3. /TASS/. Russian Defence Minister Sergei Ivanov said on Tuesday "
        "that Russia would not ratify the Adapted CFE Treaty until NATO states did so.\n",
        encoding="utf-8")
    return folder


@pytest.fixture
def curation(tmp_path: Path) -> Path:
    folder = tmp_path / "curation"
    write_json(folder / "articles" / f"{SEED}.json", SEED_FIXES)
    return folder


def docs(folder: Path) -> list[Any]:
    from kg.read import read_article

    return [read_article(p) for p in sorted(folder.glob("*.txt"))]


def test_sheet_round_trips_through_csv_and_json(articles: Path, curation: Path,
                                                tmp_path: Path) -> None:
    n, m, files = write_sheet(docs(articles), load_curation(curation), tmp_path / "sheet")
    assert (n, m) == (9, 2)  # 6 seed facts, 1 added; 2 of a1
    rows, documents = read_sheet(files[1])
    assert list(documents) == [SEED, "a1"]
    by_csv, _ = read_sheet(files[0])
    assert by_csv == rows
    decided = {r.key or "add": r.decision for r in rows if r.decision}
    assert decided == {"meeting-cd1a0c3abc05": "reject",
                       "entered_into_force-4b707d6efc8e": "change", "add": "add"}
    changed = next(r for r in rows if r.decision == "change")
    assert (changed.fields["when"], changed.extracted["when"]) == ("1992-11", "1992")
    with files[0].open(encoding="utf-8-sig", newline="") as f:  # plain csv module
        table = list(csv.DictReader(f))
    assert tuple(table[0]) == COLUMNS and len(table) == 9
    assert table[0]["sentence"].startswith("The Treaty on Conventional Armed Forces")
    assert table[0]["rule"] == "holds_position.title_before" and float(table[0]["confidence"])
    for doc in json.loads(files[1].read_text(encoding="utf-8"))["documents"]:
        from kg.facts import Document

        Document.from_dict(doc)  # each is a facts document


def test_sheet_round_trips_through_pandas(articles: Path, curation: Path,
                                          tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    _, _, files = write_sheet(docs(articles), load_curation(curation), tmp_path / "sheet")
    rows, _ = read_sheet(files[0])
    frame = pandas.read_csv(files[0], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == list(COLUMNS) and len(frame) == len(rows)
    saved = io.StringIO()
    frame.to_csv(saved, index=False)  # as a spreadsheet program saves it again
    assert rows_from_csv(saved.getvalue(), "saved.csv") == rows


def _decide(sheet: Path, decisions: dict[int, tuple[str, str]], edit: dict[int, Any],
            extra: list[dict[str, str]]) -> None:
    """Fill in a sheet's decision and note cells (and fields), as a reviewer would."""
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    for i, (decision, note) in decisions.items():
        table[i]["decision"], table[i]["note"] = decision, note
    for i, fields in edit.items():
        table[i]["fields"] = json.dumps(fields)
    table.extend({c: row.get(c, "") for c in COLUMNS} for row in extra)
    with sheet.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        w.writerows(table)


def test_a_reviewed_sheet_becomes_corrections_a_build_applies(articles: Path,
                                                              tmp_path: Path) -> None:
    folder, store = tmp_path / "review", tmp_path / "store"
    _, _, files = write_sheet(docs(articles), None, tmp_path / "sheet")
    rows, _ = read_sheet(files[0])
    assert [r.decision for r in rows] == [""] * 8
    when = json.loads(json.dumps(rows[2].fields))
    when["when"] = "1992-11"
    _decide(files[0], {0: ("accept", ""), 4: ("reject", "a session"), 2: ("change", "month")},
            {2: when}, [{"decision": "add", "article": "a1", "kind": "party_to",
                         "fields": json.dumps({"party": "russia", "treaty": "nato"})}])
    rows, documents = read_sheet(files[0])
    counts = apply_rows(rows, documents, folder, "ben", "2026-12-04")
    assert counts == {"accept": 1, "reject": 1, "change": 1, "add": 1, "files": 2}
    seed_file = json.loads((folder / "articles" / f"{SEED}.json").read_text())
    assert seed_file["change"] == [{"key": "entered_into_force-4b707d6efc8e",
                                    "set": {"when": "1992-11"}, "by": "ben",
                                    "when": "2026-12-04", "why": "month"}]
    assert [x["key"] for x in seed_file["reviewed"]] == ["holds_position-e71e283d1503"]
    assert apply_rows(rows, documents, folder, "ben", "2026-12-05")["files"] == 0  # same
    result = build([articles], store, curation=folder)
    assert result.conforms
    facts = facts_of(store, SEED)
    assert facts["holds_position"] == ("2014-11-18", "reviewed")
    assert facts["entered_into_force"] == ("1992-11", "changed")
    assert "meeting" not in facts and facts["signed"] == ("1990", "")
    assert result.stale == ["articles/a1.json: add party_to: cannot be applied: facts[0]: "
                            "'treaty' refers to nato, a Bloc, not a Treaty"]


def test_the_sheet_written_again_shows_the_corrections(articles: Path, curation: Path,
                                                       tmp_path: Path) -> None:
    """Writing the sheet with the folder's corrections and reading it back changes no
    file: the sheet and the folder say the same."""
    _, _, files = write_sheet(docs(articles), load_curation(curation), tmp_path / "sheet")
    before = (curation / "articles" / f"{SEED}.json").read_text()
    for sheet in files:
        rows, documents = read_sheet(sheet)
        assert apply_rows(rows, documents, curation, "ben", "2026-12-06")["files"] == 0
    assert (curation / "articles" / f"{SEED}.json").read_text() == before


def test_review_commands(articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    def kg(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["kg", *args])
        with pytest.raises(SystemExit) as done:
            main()
        out, err = capsys.readouterr()
        return int(done.value.code or 0), out, err

    sheet = tmp_path / "sheet.csv"
    code, out, _ = kg("review", "write", str(articles), "-o", str(sheet))
    assert code == 0 and out == f"review sheet: 8 facts of 2 article(s): {sheet}, " \
                                f"{sheet.with_suffix('.json')}\n"
    _decide(sheet, {5: ("reject", "")}, {}, [])
    code, out, _ = kg("review", "read", str(sheet), "--by", "ben", "--when", "2026-12-04",
                      "--curation", str(tmp_path / "cur"))
    assert (code, out) == (0, "curation: 0 accepted, 1 rejected, 0 changed, 0 added; "
                              f"1 file(s) written in {tmp_path / 'cur'}\n")
    _decide(sheet, {5: ("maybe", "")}, {}, [])
    code, out, err = kg("review", "read", str(sheet), "--by", "ben",
                        "--curation", str(tmp_path / "cur"))
    assert code == 2 and err == (f"kg: error: {sheet}:7: decision must be empty, accept, "
                                 "reject, change or add, not 'maybe'\n")


def test_eval_scores_the_curated_facts(articles: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    gold = tmp_path / "eval" / "gold"
    gold.mkdir(parents=True)
    shutil.copytree(articles, tmp_path / "eval" / "articles")
    doc = extract_file(articles / "a1.txt").to_dict()
    truth = [f for f in doc["facts"] if f["kind"] != "statement"]  # the statement is wrong
    write_json(gold / "a1.json", {**doc, "facts": truth})
    from kg.curate import fact_keys

    key = next(k for k, f in zip(fact_keys(extract_file(articles / "a1.txt")), doc["facts"],
                                 strict=True) if f["kind"] == "statement")
    cur = tmp_path / "cur"
    write_json(cur / "articles" / "a1.json", {"article": "a1", "by": "ben",
                                              "when": "2026-12-04", "remove": [{"key": key}]})
    lines = {}
    for extra in ([], ["--curation", str(cur)]):
        monkeypatch.setattr(sys, "argv", ["kg", "eval", str(gold), *extra])
        with pytest.raises(SystemExit):
            main()
        lines[bool(extra)] = capsys.readouterr().out.splitlines()[-1]
    assert lines[False].startswith("facts F1 0.667 (P 0.500 R 1.000)")
    assert lines[True].startswith("facts F1 1.000 (P 1.000 R 1.000)")

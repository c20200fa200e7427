"""The competency queries (kg/query/queries/*.rq) answer the seed article's questions."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from _dataset import load_doc

from kg.facts import Document
from kg.map import article_iri

QUERIES = Path(__file__).resolve().parents[1] / "kg" / "query" / "queries"
SEED = Path(__file__).parent / "fixtures" / "facts" / "seed-with-evidence.json"
REQUIRED = ["positions", "treaty-timeline", "statements", "memberships", "provenance"]

Row = dict[str, str | None]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    doc = Document.from_dict(json.loads(SEED.read_text("utf-8")))
    return load_doc(ox.Store(), doc)


def run(store: ox.Store, name: str) -> list[Row]:
    res = store.query((QUERIES / f"{name}.rq").read_text("utf-8"),
                      use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    names = [v.value for v in res.variables]
    return [{n: (None if row[n] is None else row[n].value) for n in names} for row in res]


@pytest.mark.parametrize("name", REQUIRED)
def test_query_files_have_a_title_and_parse(store: ox.Store, name: str) -> None:
    text = (QUERIES / f"{name}.rq").read_text("utf-8")
    assert text.startswith("# title: ")
    # each says which graphs it reads: every article's, or a graph of the corpus
    assert "union" in text.lower() or "GRAPH ?g" in text or "GRAPH <urn:kg:" in text
    run(store, name)


def test_positions(store: ox.Store) -> None:
    rows = run(store, "positions")
    assert [(r["personName"], r["position"], r["ofName"], r["date"]) for r in rows] == [
        ("Sergey Lavrov", "Minister of Foreign Affairs", "Russia", "2014-11-18")]


def test_treaty_timeline(store: ox.Store) -> None:
    rows = run(store, "treaty-timeline")
    got = [(r["date"], r["event"], r["treatyName"], r["partyName"]) for r in rows]
    cfe = "Treaty on Conventional Armed Forces in Europe"
    assert got == [("1990", "signing", cfe, None), ("1992", "entry into force", cfe, None),
                   ("2007-12", "suspension", cfe, "Russia")]
    assert rows[0]["signatoryCount"] == "22"
    assert rows[0]["groups"] == "NATO: 16; Warsaw Treaty Organization: 6"
    assert rows[2]["form"] == "moratorium"


def test_statements(store: ox.Store) -> None:
    seed = json.loads(SEED.read_text("utf-8"))
    quotes = next(f["quotes"] for f in seed["facts"] if f["kind"] == "statement")
    (row,) = run(store, "statements")
    assert row["speakerName"] == "Sergey Lavrov"
    assert row["date"] == "2014-11-18"
    assert row["placeName"] == "Minsk"
    assert row["meetingName"] is not None and row["meetingName"].startswith("joint session")
    assert row["about"] is not None
    assert set(row["about"].split("; ")) == {
        "Treaty on Conventional Armed Forces in Europe", "global missile defense system",
        "United States", "Russia", "Euro-Atlantic region"}
    assert row["quotes"] == " | ".join(quotes)


def test_memberships_empty_for_the_seed(store: ox.Store) -> None:
    assert run(store, "memberships") == []


def test_memberships_of_a_fixture() -> None:
    doc = Document.from_dict(json.loads(
        (SEED.parent / "all-kinds.json").read_text("utf-8")))
    rows = run(load_doc(ox.Store(), doc), "memberships")
    assert [(r["memberName"], r["groupName"], r["date"]) for r in rows] == [
        ("Ruritania", "Northern Pact", "1999-03")]


def test_provenance(store: ox.Store) -> None:
    rows = run(store, "provenance")
    seed = json.loads(SEED.read_text("utf-8"))
    assert len(rows) == len(seed["facts"])
    art = str(article_iri("00-tass-cfe"))
    assert {r["article"] for r in rows} == {art} and {r["g"] for r in rows} == {art}
    got = sorted((r["kind"], r["sentence"], r["start"], r["end"]) for r in rows)
    want = sorted((f["kind"], f["evidence"]["sentence"], str(f["evidence"]["start"]),
                   str(f["evidence"]["end"])) for f in seed["facts"])
    assert got == want
    signed = next(r for r in rows if r["kind"] == "signed")
    assert signed["sentence"] is not None and "signed in 1990 by 22 states" in signed["sentence"]

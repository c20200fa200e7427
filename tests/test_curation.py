"""Curation (issue 16): corrections kept as files survive rebuilds; entity merge and
split; only the articles a correction touches are rebuilt; stale corrections are
reported; bad curation is one error line and changes nothing."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.curate import load_curation, stale_corrections
from kg.pipeline import build, seed_article
from kg.store import open_store

SEED = "00-tass-cfe"
KGO = "https://kg.example.org/ontology#"
ARTICLES = {
    "a1": ("Ivanov on the treaty", "2005-05-03",
           "MOSCOW, May 3. /TASS/. Russian Defence Minister Sergei Ivanov said on Tuesday "
           "that Russia would not ratify the Adapted CFE Treaty until NATO states did so."),
    "a2": ("Ivanov in Minsk", "2005-06-10",
           "MINSK, June 10. /TASS/. Russian Defence Minister Sergey Ivanov said on Friday "
           "that Belarus and Russia would hold joint exercises."),
    "a3": ("Ivanov again", "2005-07-01",
           "MOSCOW, July 1. /TASS/. Russian Defence Minister Sergey Ivanov said on Friday "
           "that Russia had suspended the treaty."),
}
LAVROV = ("The Treaty on Conventional Armed Forces in Europe (CFE) cannot be revived, "
          "Russian Foreign Minister Sergey Lavrov said on Tuesday at the joint session of "
          "collegiums of Russian and Belarusian foreign ministries.")
SEED_FIXES = {
    "article": SEED, "by": "anna", "when": "2026-12-04",
    "remove": [{"key": "meeting-cd1a0c3abc05", "why": "a session, not a meeting"}],
    "change": [{"key": "entered_into_force-4b707d6efc8e", "set": {"when": "1992-11"},
                "why": "the month is known"}],
    "add": [{"fact": {"kind": "party_to", "party": "russia",
                      "treaty": "treaty_on_conventional_armed_forces_in_europe",
                      "evidence": {"sentence": LAVROV}}, "why": "implied"}],
}


def write_article(folder: Path, aid: str, body: str | None = None) -> Path:
    title, published, text = ARTICLES[aid]
    path = folder / f"{aid}.txt"
    path.write_text(f"title: {title}\npublished: {published}\nsource: TASS\n\n"
                    f"{body or text}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    with seed_article() as seed:
        shutil.copy(seed, folder / f"{SEED}.txt")
    for aid in ARTICLES:
        write_article(folder, aid)
    return folder


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def curation(tmp_path: Path) -> Path:
    folder = tmp_path / "curation"
    write_json(folder / "articles" / f"{SEED}.json", SEED_FIXES)
    return folder


def dump(store_dir: Path) -> bytes:
    """The store's article graphs as canonical N-Quads (kg export)."""
    from kg.export import export

    with open_store(store_dir, read_only=True) as s:
        return export(s, "nq")


def facts_of(store_dir: Path, aid: str) -> dict[str, Any]:
    """kind -> dates (or '') of one article's facts, and which are curated how."""
    g = f"https://kg.example.org/article/{aid}"
    q = (f"SELECT ?kind ?date ?action {{ GRAPH <{g}> {{ ?f <{KGO}kind> ?kind "
         f"OPTIONAL {{ ?f <{KGO}date> ?date }} OPTIONAL {{ ?f <{KGO}curation> ?c . "
         f"?c <{KGO}curationAction> ?action }} }} }}")
    with open_store(store_dir, read_only=True) as s:
        rows = list(s.query(q, union=False))
    return {r["kind"].value: (r["date"].value if r["date"] else "",
                              r["action"].value if r["action"] else "") for r in rows}


def persons(store_dir: Path) -> dict[str, set[str]]:
    """Person node -> the article graphs that name it (its type is in the entities graph,
    once)."""
    q = (f"SELECT ?g ?p {{ GRAPH ?g {{ ?p <{KGO}localId> ?id }} "
         f"GRAPH <urn:kg:entities> {{ ?p a <{KGO}Person> }} }}")
    out: dict[str, set[str]] = {}
    with open_store(store_dir, read_only=True) as s:
        for r in s.query(q, union=False):
            out.setdefault(r["p"].value.rsplit("/id/", 1)[1], set()).add(
                r["g"].value.rsplit("/", 1)[1])
    return out


def test_corrections_survive_rebuilds_and_unrelated_edits(corpus: Path, curation: Path,
                                                          tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = build([corpus], store, curation=curation)
    assert first.conforms and first.stale == []
    expected = {"holds_position": ("2014-11-18", ""), "signed": ("1990", ""),
                "entered_into_force": ("1992-11", "changed"), "suspended": ("2007-12", ""),
                "statement": ("2014-11-18", ""), "party_to": ("", "added")}
    assert facts_of(store, SEED) == expected
    again = build([corpus], store, curation=curation)
    assert (again.loaded, again.skipped) == ([], 4)
    assert facts_of(store, SEED) == expected
    write_article(corpus, "a2", ARTICLES["a2"][2] + " The talks went on.")
    edited = build([corpus], store, curation=curation)
    assert edited.loaded == ["a2"]
    assert facts_of(store, SEED) == expected
    with open_store(store, read_only=True) as s:  # the removal is recorded, with who and why
        rows = list(s.query(
            f"SELECT ?who ?why ?gone {{ ?c <{KGO}curationAction> 'removed' ; "
            "<http://www.w3.org/ns/prov#invalidated> ?gone ; "
            "<http://www.w3.org/ns/prov#wasAssociatedWith>/"
            "<http://www.w3.org/2000/01/rdf-schema#label> ?who ; "
            "<http://www.w3.org/2000/01/rdf-schema#comment> ?why }"))
    assert [(r["who"].value, r["why"].value, r["gone"].value.rsplit("/", 1)[1])
            for r in rows] == [("anna", "a session, not a meeting", "meeting-cd1a0c3abc05")]


def test_without_curation_the_store_is_as_extracted(corpus: Path, curation: Path,
                                                    tmp_path: Path) -> None:
    plain, empty, curated = tmp_path / "plain", tmp_path / "empty", tmp_path / "curated"
    (tmp_path / "nothing").mkdir()
    build([corpus], plain)
    build([corpus], empty, curation=tmp_path / "nothing")
    assert dump(plain) == dump(empty)
    build([corpus], curated, curation=curation)
    back = build([corpus], curated)  # the curation left out: back to the extracted facts
    assert back.loaded == [SEED]
    assert dump(plain) == dump(curated)


def test_merge_makes_one_node_and_split_two(corpus: Path, tmp_path: Path) -> None:
    store, cur = tmp_path / "store", tmp_path / "curation"
    build([corpus], store)
    assert persons(store)["person/sergei-ivanov"] == {"a1"}
    assert persons(store)["person/sergey-ivanov"] == {"a2", "a3"}
    ops = [{"op": "merge", "entities": ["person/sergei-ivanov", "person/sergey-ivanov"],
            "label": "Sergei Ivanov", "why": "one minister, two spellings"}]
    write_json(cur / "entities.json", {"by": "anna", "when": "2026-12-04", "operations": ops})
    merged = build([corpus], store, curation=cur)
    assert sorted(merged.loaded) == ["a1", "a2", "a3"]  # not the seed: it names no Ivanov
    assert persons(store)["person/sergei-ivanov"] == {"a1", "a2", "a3"}
    assert "person/sergey-ivanov" not in persons(store)
    ops.append({"op": "split", "entity": "person/sergey-ivanov", "article": "a3",
                "label": "Sergey B. Ivanov", "why": "another Ivanov"})
    ops.append({"op": "wikidata", "entity": "person/sergei-ivanov", "wikidata": "Q299"})
    write_json(cur / "entities.json", {"by": "anna", "when": "2026-12-05", "operations": ops})
    split = build([corpus], store, curation=cur)
    assert split.conforms and split.stale == []
    assert persons(store)["person/sergei-ivanov"] == {"a1", "a2"}
    assert persons(store)["person/sergey-b-ivanov"] == {"a3"}
    with open_store(store, read_only=True) as s:
        ask = ("ASK { <https://kg.example.org/id/person/sergei-ivanov> "
               "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q299> }")
        assert s.query(ask)


def test_an_edited_correction_rebuilds_only_its_articles(corpus: Path, curation: Path,
                                                         tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([corpus], store, curation=curation)
    write_json(curation / "articles" / "a1.json", {
        "article": "a1", "by": "ben", "when": "2026-12-04T10:00:00Z",
        "reviewed": [{"key": _key(corpus, "a1", "holds_position")}]})
    added = build([corpus], store, curation=curation)
    assert added.loaded == ["a1"]
    assert facts_of(store, "a1")["holds_position"] == ("2005-05-03", "reviewed")
    fixes = dict(SEED_FIXES, change=[{"key": "entered_into_force-4b707d6efc8e",
                                      "set": {"when": "1992-07"}}])
    write_json(curation / "articles" / f"{SEED}.json", fixes)
    edited = build([corpus], store, curation=curation)
    assert edited.loaded == [SEED]
    assert facts_of(store, SEED)["entered_into_force"] == ("1992-07", "changed")


def _key(corpus: Path, aid: str, kind: str) -> str:
    from kg.curate import fact_keys
    from kg.pipeline import extract_file

    doc = extract_file(corpus / f"{aid}.txt")
    return next(k for k, f in zip(fact_keys(doc), doc.facts, strict=True) if f.kind == kind)


def test_a_correction_whose_fact_disappeared_is_reported(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    store, cur = tmp_path / "store", tmp_path / "curation"
    key = _key(corpus, "a2", "statement")
    write_json(cur / "articles" / "a2.json", {"article": "a2", "by": "anna",
                                              "when": "2026-12-04",
                                              "remove": [{"key": key, "why": "vague"}]})
    assert build([corpus], store, curation=cur).stale == []
    assert "statement" not in facts_of(store, "a2")
    write_article(corpus, "a2", "MINSK, June 10. /TASS/. Russian Defence Minister Sergey "
                                "Ivanov arrived in Minsk on Friday.")
    result = build([corpus], store, curation=cur)
    line = (f"articles/a2.json: remove {key}: no such fact in article a2 (the article or "
            "the extractor changed)")
    assert result.stale == [line]
    assert build([corpus], store, curation=cur).stale == [line]  # listed again, unchanged
    with open_store(store, read_only=True) as s:
        assert stale_corrections(s) == [line]
    from kg.cli import main

    monkeypatch.setattr(sys, "argv", ["kg", "validate", "--store", str(store)])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "stale corrections: 1" in out and line in out


def test_stale_entity_operations_and_unknown_articles_are_reported(
        corpus: Path, tmp_path: Path) -> None:
    store, cur = tmp_path / "store", tmp_path / "curation"
    write_json(cur / "entities.json", {"by": "anna", "when": "2026-12-04", "operations": [
        {"op": "label", "entity": "person/nobody-known", "label": "Nobody"},
        {"op": "split", "entity": "person/sergey-lavrov", "article": "a1"}]})
    write_json(cur / "articles" / "zz.json", {"article": "zz", "by": "anna",
                                              "when": "2026-12-04"})
    result = build([corpus], store, curation=cur)
    assert result.stale == [
        "entities.json: split person/sergey-lavrov in a1: article a1 has no entity "
        "person/sergey-lavrov",
        "entities.json: label 'Nobody' for person/nobody-known: no article of the store "
        "has person/nobody-known",
        "articles/zz.json: no article 'zz' in this build or the store"]


@pytest.mark.parametrize(("name", "text", "words"), [
    ("articles/x.json", '{"article": "x",\n "remove": [}', "articles/x.json:2: not valid JSON"),
    ("articles/x.json", '{"article": "x", "remove": [{"key": "nope"}], "by": "a", '
                        '"when": "2026-12-04"}', "'key' must be a fact key"),
    ("articles/x.json", '{"article": "x", "remove": [{"key": "signed-0123456789ab"}]}',
     "remove[0]: 'by' (who made the correction)"),
    ("entities.json", '{"operations": [{"op": "merge", "entities": ["person/a"], "by": "a", '
                      '"when": "2026-12-04"}]}', "a merge needs 'entities', two or more"),
    ("entities.json", '{"operations": [{"op": "frob"}]}', "'op' must be one of"),
])
def test_bad_curation_is_one_line_and_changes_nothing(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], name: str, text: str, words: str) -> None:
    from kg.cli import main

    store, cur = tmp_path / "store", tmp_path / "curation"
    build([corpus], store)
    before = dump(store)
    (cur / name).parent.mkdir(parents=True, exist_ok=True)
    (cur / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("KG_CURATION", str(cur))
    monkeypatch.setattr(sys, "argv", ["kg", "build", str(corpus), "--store", str(store)])
    with pytest.raises(SystemExit) as done:
        main()
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert err.startswith("kg: error: ") and err.count("\n") == 1 and words in err, err
    assert str(cur / name) in err
    assert dump(store) == before


def test_curation_folder_loads_what_the_readme_shows(curation: Path) -> None:
    cur = load_curation(curation)
    ac = cur.articles[SEED]
    assert [op.key for op in ac.remove] == ["meeting-cd1a0c3abc05"]
    assert ac.change[0].made.why == "the month is known"
    assert cur.article_hash(SEED, set()) is not None
    assert cur.article_hash("a1", set()) is None


def _curated_graph(curation: Path) -> Any:
    from kg.curate import apply_curation
    from kg.curate._rdf import add_provenance
    from kg.extract import extract
    from kg.map import to_graph
    from kg.read import read_article

    with seed_article() as seed:
        article = read_article(seed)
    curated = apply_curation(load_curation(curation), extract(article), article.body)
    graph = to_graph(curated.doc)
    add_provenance(graph, curated, "https://kg.example.org/")
    return graph


@pytest.mark.parametrize(("drop", "message"), [
    ("http://www.w3.org/ns/prov#wasAssociatedWith", "must say who made it"),
    ("http://www.w3.org/ns/prov#endedAtTime", "must say when it was made"),
    (f"{KGO}curationAction", "must say what it did"),
    (f"{KGO}curationSource", "must name the file of the curation folder"),
])
def test_shapes_hold_the_curation_provenance(curation: Path, drop: str, message: str) -> None:
    import rdflib

    from kg.validate import validate

    graph = _curated_graph(curation)
    assert validate(graph).conforms
    graph.remove((None, rdflib.URIRef(drop), None))
    report = validate(graph)
    assert not report.conforms and message in report.text()


def test_shapes_want_a_known_action_and_a_named_curator(curation: Path) -> None:
    import rdflib

    from kg.validate import validate

    graph = _curated_graph(curation)
    action = rdflib.URIRef(f"{KGO}curationAction")
    act = next(iter(graph.subjects(action, None)))
    graph.set((act, action, rdflib.Literal("guessed")))
    graph.remove((None, rdflib.RDFS.label, rdflib.Literal("anna")))
    text = validate(graph).text()
    assert "one of added, changed" in text and "must have a name" in text


def test_a_preferred_label_keeps_the_node(corpus: Path, tmp_path: Path) -> None:
    store, cur = tmp_path / "store", tmp_path / "curation"
    write_json(cur / "entities.json", {"by": "anna", "when": "2026-12-04", "operations": [
        {"op": "label", "entity": "state/belarus", "label": "Republic of Belarus"}]})
    result = build([corpus], store, curation=cur)
    assert sorted(result.loaded) == [SEED, "a1", "a2", "a3"] and result.stale == []
    q = ("SELECT ?g ?label { GRAPH ?g { <https://kg.example.org/id/state/belarus> "
         f"<{KGO}localId> ?id }} GRAPH <urn:kg:entities> {{ "
         "<https://kg.example.org/id/state/belarus> "
         "<http://www.w3.org/2000/01/rdf-schema#label> ?label } }")
    with open_store(store, read_only=True) as s:
        rows = sorted((r["g"].value.rsplit("/", 1)[1], r["label"].value)
                      for r in s.query(q, union=False))
        alt = s.query("ASK { <https://kg.example.org/id/state/belarus> "
                      "<http://www.w3.org/2004/02/skos/core#altLabel> 'Belarus' }")
    assert rows == [(SEED, "Republic of Belarus"), ("a2", "Republic of Belarus")] and alt

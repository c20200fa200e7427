"""The query index (kg.index) answers as the facts do: each indexed query gives the
rows that joining the article graphs gives (the oracle below, the queries as they were
before the index), in the order of their sort fields, for every parameter; its rows
follow the graphs as they are replaced and removed."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from _dataset import load_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.facts import Document
from kg.index import INDEX_GRAPH, LAYOUTS, SORT_CHARS, Layout, row_sparql, row_text
from kg.query import bind, named_queries, page

FIXTURE = Path(__file__).parent / "fixtures" / "facts" / "all-kinds.json"
BASE = "https://kg.example.org/"
DATES = [None, "1999", "1999-03", "1999-03-04", "2001", "2001-02-03", "2014-11"]

#: In each question below: the fact ?f's date and its bounds, and the range asked for.
_DATED = ("OPTIONAL { ?f kgo:date ?d } OPTIONAL { ?f kgo:earliestDate ?lo } "
          "OPTIONAL { ?f kgo:latestDate ?hi }")
_IN_RANGE = """FILTER (!BOUND(?from) || (BOUND(?hi) && ?hi >= ?from))
  FILTER (!BOUND(?to) || (BOUND(?lo) && ?lo <= ?to))
  BIND (STR(?d) AS ?date)"""
#: The same questions asked of the article graphs by joining their facts (no index).
ORACLE = {name: text.replace("DATED", _DATED).replace("IN_RANGE", _IN_RANGE) for name, text in {
    "positions": """
SELECT ?person ?position ?of ?date (COUNT(DISTINCT ?f) AS ?reports) WHERE {
  GRAPH ?g { ?f a kgo:PositionHolding ; kgo:holder ?person ; kgo:positionTitle ?position ;
                kgo:organization ?of . DATED }
  FILTER (!BOUND(?pPerson) || ?person = ?pPerson) FILTER (!BOUND(?pOf) || ?of = ?pOf)
  IN_RANGE
} GROUP BY ?person ?position ?of ?date""",
    "memberships": """
SELECT ?member ?group ?date (COUNT(DISTINCT ?f) AS ?reports) WHERE {
  GRAPH ?g { ?f a kgo:BlocMembership ; kgo:member ?member ; kgo:organization ?group . DATED }
  FILTER (!BOUND(?pMember) || ?member = ?pMember) FILTER (!BOUND(?pGroup) || ?group = ?pGroup)
  IN_RANGE
} GROUP BY ?member ?group ?date""",
    "statements": """
SELECT ?statement ?speaker ?date WHERE {
  GRAPH ?g { ?f a kgo:Statement ; kgo:speaker ?speaker . DATED }
  FILTER (!BOUND(?pBy) || ?speaker = ?pBy)
  FILTER (!BOUND(?pOn) || EXISTS { GRAPH ?g { ?f kgo:about ?pOn } })
  IN_RANGE
  BIND (?f AS ?statement)
}""",
    "treaty-timeline": """
SELECT ?fact ?treaty ?party ?date WHERE {
  VALUES ?cls { kgo:Signing kgo:EntryIntoForce kgo:Ratification kgo:Suspension
                kgo:Withdrawal kgo:Accession }
  GRAPH ?g { ?f a ?cls ; kgo:treaty ?treaty .
             OPTIONAL { ?f kgo:party|kgo:signatory ?party } DATED }
  FILTER (!BOUND(?pTreaty) || ?treaty = ?pTreaty)
  FILTER (!BOUND(?pInvolving) || EXISTS { GRAPH ?g { ?f kgo:party|kgo:signatory ?pInvolving } })
  FILTER (!BOUND(?pKind) || ?cls = ?pKind)
  IN_RANGE
  BIND (?f AS ?fact)
}""",
}.items()}
#: query -> (parameter, the oracle's variable, the entities to ask for)
ENTITY_PARAMS = {
    "positions": [("person", "pPerson", ["person/ana-pelda", "person/ana-pelda-2"]),
                  ("of", "pOf", ["state/ruritania",
                                 "organization/ministry-of-defence-of-ruritania"])],
    "memberships": [("member", "pMember", ["state/ruritania", "state/freedonia"]),
                    ("group", "pGroup", ["bloc/northern-pact"])],
    "statements": [("by", "pBy", ["person/ana-pelda", "state/freedonia"]),
                   ("on", "pOn", ["state/freedonia", "treaty/treaty-on-everything"])],
    "treaty-timeline": [("treaty", "pTreaty", ["treaty/treaty-on-everything"]),
                        ("involving", "pInvolving", ["state/ruritania", "state/freedonia"])],
}
#: the kinds of the timeline asked for (a parameter of another type)
KINDS = [{"kind": "signed"}, {"kind": "suspended"}, {"kind": "withdrew", "from": "2000"}]


def _variant(i: int, rng: random.Random) -> Document:
    data = json.loads(FIXTURE.read_text("utf-8"))
    data["article"]["id"] = f"fixture-{i:02d}"
    for fact in data["facts"]:
        date = rng.choice(DATES)
        if "when" in fact:  # the kinds that take a date
            del fact["when"]
            if date:
                fact["when"] = date
        if fact["kind"] == "holds_position" and rng.random() < 0.3:
            fact["position"] += " (acting)"
    if i % 3 == 0:  # a second person and membership, so that keys are told apart
        data["entities"].append({"id": "p2", "type": "Person", "name": "Ana Példa 2"})
        data["facts"].append({"kind": "holds_position", "person": "p2", "position": "Envoy",
                              "of": "s1", "when": "2001-02-03", "evidence": {
                                  "sentence": "Ana Példa 2 is the envoy.", "start": 0, "end": 24}})
        data["facts"].append({"kind": "member_of", "member": "s2", "group": "b1", "evidence": {
            "sentence": "Freedonia joined the Northern Pact.", "start": 0, "end": 35}})
    return Document.from_dict(data)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    rng = random.Random(17)
    s = ox.Store()
    for i in range(12):
        load_doc(s, _variant(i, rng))
    return s


def _values(row: Any, names: list[str]) -> tuple[str, ...]:
    return tuple("" if row[n] is None else row[n].value for n in names)


def _oracle(store: ox.Store, name: str, params: dict[str, str]) -> list[tuple[str, ...]]:
    blocks = []
    for param, var, _ in ENTITY_PARAMS[name]:
        if param in params:
            blocks.append(f"VALUES ?{var} {{ <{BASE}id/{params[param]}> }}")
    if "kind" in params:
        blocks.append(bind("# param: kind kind  x\n# kg:params", {"kind": params["kind"]})
                      .splitlines()[1].replace("?kind", "?pKind"))
    for param in ("from", "to"):
        if param in params:
            blocks.append(bind(f"# param: {param} date-{param}  x\n# kg:params", {
                param: params[param]}).splitlines()[1])
    text = ORACLE[name].replace("WHERE {", "WHERE { " + " ".join(blocks), 1)
    res = store.query(f"PREFIX kgo: <https://kg.example.org/ontology#>\n{text}",
                      use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    names = [v.value for v in res.variables]
    return sorted(_values(r, names) for r in res)


def _indexed(store: ox.Store, name: str, params: dict[str, str],
             limit: int | None = None) -> list[ox.QuerySolution]:
    text = named_queries()[name][1]
    res = store.query(page(bind(text, params, None, BASE), limit),
                      use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    return list(res)


CASES = [{}, {"from": "2000"}, {"to": "1999-03"}, {"from": "1999-03-04", "to": "2001"}]
CASES += [{p: e} for q in ENTITY_PARAMS.values() for p, _, es in q for e in es]
CASES += [{**c, "from": "2001"} for c in CASES[4:8]] + KINDS


@pytest.mark.parametrize("name", sorted(ORACLE))
@pytest.mark.parametrize("params", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_the_index_gives_the_rows_the_facts_give(store: ox.Store, name: str,
                                                 params: dict[str, str]) -> None:
    declared = {p for p, _, _ in ENTITY_PARAMS[name]} | {"from", "to"}
    declared |= {"kind"} if name == "treaty-timeline" else set()
    params = {k: v for k, v in params.items() if k in declared}
    want = _oracle(store, name, params)
    rows = _indexed(store, name, params)
    oracle_vars = {"positions": ["person", "position", "of", "date", "reports"],
                   "memberships": ["member", "group", "date", "reports"],
                   "statements": ["statement", "speaker", "date"],
                   "treaty-timeline": ["fact", "treaty", "party", "date"]}[name]
    assert sorted(_values(r, oracle_vars) for r in rows) == want
    # in the order of the layout's sort fields
    order = LAYOUTS[name].order
    keys = [_values(r, list(order)) for r in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name", sorted(ORACLE))
def test_most_cases_find_rows(store: ox.Store, name: str) -> None:
    """The comparison above is not of empty answers: most cases find rows."""
    declared = {p for p, _, _ in ENTITY_PARAMS[name]} | {"from", "to"}
    found = [bool(_oracle(store, name, {k: v for k, v in c.items() if k in declared}))
             for c in CASES]
    assert sum(found) >= len(found) // 2


def test_pages_are_slices_of_the_whole(store: ox.Store) -> None:
    whole = [_values(r, ["statement"]) for r in _indexed(store, "statements", {})]
    assert len(whole) > 10
    first = [_values(r, ["statement"]) for r in _indexed(store, "statements", {}, 5)]
    assert first == whole[:5]


def test_quotes_and_labels_of_a_statement(store: ox.Store) -> None:
    rows = _indexed(store, "statements", {"by": "person/ana-pelda"})
    assert {r["speakerName"].value for r in rows} == {"Ana Példa"}
    quoted = [r for r in rows if r["quotes"] is not None]
    assert quoted and all(r["quotes"].value == "Second said first. | First said second. | "
                          "Second said first." for r in quoted)
    assert all(r["about"].value == "Freedonia; Iskander; Treaty on Everything" for r in quoted)
    assert all(r["placeName"].value == "Geneva" for r in quoted)


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


def _cut(row: str, layout: Layout) -> tuple[str, ...]:
    """The fields of a row, cut out where its table says (as the queries do)."""
    at = SORT_CHARS + 17 + 20
    spans = [(int(row[i:i + 6]), int(row[i + 6:i + 12]))
             for i in range(at, at + 12 * (len(layout.fields) + 1), 12)]
    return tuple(row[a - 1:a - 1 + n] for a, n in spans[1:])


def _clean(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(re.sub(r"[\x00-\x1f]+", " ", v) for v in values)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.sampled_from(["", "1990", "1990-11", "1990-11-19"]),
                          _TEXT), min_size=1, max_size=12))
def test_rows_sort_by_their_fields_in_sparql(rows: list[tuple[str, str, str]]) -> None:
    """Sorted as the queries sort, the rows come in the order of the first 64 characters
    of their sort text (the sort fields joined by U+0001, code points, control
    characters as spaces), however alike, and each field reads back as it was."""
    layout = Layout("t", (), (), ("name", "date", "x"), ("name", "date", "x"))
    s = ox.Store()
    g = ox.NamedNode(INDEX_GRAPH)
    key = ox.NamedNode("urn:kg:key:t:all")
    for name, date, x in rows:
        text = row_text(layout, {"name": name, "date": date, "x": x}, [], date)
        s.add(ox.Quad(key, ox.NamedNode("urn:p"), ox.Literal(text), g))
    sort = " ".join(row_sparql(layout)["sort"])
    got = [r["row"].value for r in s.query(
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
        f"SELECT ?row {{ GRAPH <{INDEX_GRAPH}> {{ ?key <urn:p> ?row }} {sort} }} "
        "ORDER BY ?s ?h ?row")]
    fields = [_cut(t, layout) for t in got]
    assert sorted(fields) == sorted(set(rows))
    order = ["\x01".join(_clean(f))[:SORT_CHARS] for f in fields]
    assert order == sorted(order)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_query_reads_its_layout(name: str) -> None:
    """The row line of the query is the layout's fields; it is keyed by the layout's key
    parameters (in order) and filters by its token parameters."""
    text = named_queries()[name][1]
    layout = LAYOUTS[name]
    (line,) = re.findall(r"^# row: (.*)$", text, re.M)
    assert tuple(line.split()) == layout.fields
    (keys,) = re.findall(r"VALUES \?key \{ <urn:kg:key:([\w-]+):all> \}  # kg:key (.*)$",
                         text, re.M)
    assert keys == (name, " ".join(p for p, _ in layout.keys))
    for param, _ in layout.tokens:
        assert f'CONCAT(" {param}=", STR(?{param}), " ")' in text
    lines = {line.strip() for line in text.splitlines()}
    sparql = row_sparql(layout)
    assert set(sparql["sort"]) | set(sparql["fields"]) <= lines  # it reads what row_text writes
    assert f'{sparql["lo"]} <= STR(?to)' in text and f'{sparql["hi"]} >= STR(?from)' in text
    assert text.count(f'CONTAINS({sparql["tokens"]},') == len(layout.tokens)

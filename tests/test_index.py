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
from kg.index import (
    INDEX_GRAPH,
    INDEX_RANK,
    INDEX_ROW,
    LAYOUTS,
    Layout,
    order_number,
    query_body,
    range_filter,
    row_sparql,
    row_text,
)
from kg.map import date_bounds
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
#: two entities asked at once (a pair key), with a date range and a kind
CASES += [{p: es[0], q: fs[-1]} for (p, _, es), (q, _, fs) in ENTITY_PARAMS.values()]
CASES += [{**c, "to": "2001"} for c in CASES[-4:]]
CASES += [{"treaty": "treaty/treaty-on-everything", "kind": "signed"},
          {"involving": "state/ruritania", "kind": "suspended", "from": "1999"},
          {"treaty": "treaty/treaty-on-everything", "involving": "state/freedonia",
           "kind": "signed"}]


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
_DATES = st.sampled_from(["", "1990", "1990-11", "1990-11-19", "1990-12-31", "1991",
                          "1991-01", "1991-01-01", "2008-02", "2008-02-29"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_TEXT, _DATES, _TEXT), min_size=1, max_size=12))
def test_rows_read_back_field_by_field_in_sparql(rows: list[tuple[str, str, str]]) -> None:
    """Each field of a row reads back as it was written (control characters, tabs and
    every other code point included), converted as the layout says, and unbound when
    an optional field is empty."""
    layout = Layout("t", (), (), ("name", "date", "x"), (), iris=("x",), required=("x",))
    s = ox.Store()
    g = ox.NamedNode(INDEX_GRAPH)
    for i, (name, date, _) in enumerate(rows):
        node = ox.NamedNode(f"urn:kg:row:{i}")
        text = row_text(layout, {"name": name, "date": date, "x": f"urn:x:{i}"}, [], date)
        s.add(ox.Quad(node, ox.NamedNode(INDEX_ROW), ox.Literal(text), g))
        s.add(ox.Quad(node, ox.NamedNode(INDEX_RANK), ox.Literal(i), g))
    sparql = row_sparql(layout)
    got = s.query("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
                  f"SELECT ?n ?name ?date ?x {{ GRAPH <{INDEX_GRAPH}> {{ ?r <{INDEX_RANK}> ?n ; "
                  f"<{INDEX_ROW}> ?row }} {' '.join(sparql['ends'] + sparql['fields'])} }} "
                  "ORDER BY ?n")
    back = [(*(None if r[v] is None else r[v].value for v in ("name", "date")), r["x"])
            for r in got]
    assert back == [(name or None, date or None, ox.NamedNode(f"urn:x:{i}"))
                    for i, (name, date, _) in enumerate(rows)]


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATES, min_size=1, max_size=12), _DATES, _DATES)
def test_order_numbers_sort_as_dates_and_ranges_are_exact(dates: list[str], start: str,
                                                         end: str) -> None:
    """Order numbers sort as the ISO dates at their precision do (then by serial), and a
    range filter on them finds exactly the rows whose date can fall in the range: the
    day, month and year of its start included, undated rows never."""
    numbers = [order_number(d, i) for i, d in enumerate(dates)]
    ordered = sorted(zip(dates, range(len(dates)), numbers, strict=True))
    assert [n for _, _, n in ordered] == sorted(numbers)
    earliest = date_bounds(start)[0] if start else None
    latest = date_bounds(end)[1] if end else None
    values = " ".join(str(n) for n in numbers)
    got = {int(r["n"].value) for r in ox.Store().query(
        f"SELECT ?n {{ VALUES ?n {{ {values} }} {range_filter(earliest, latest)} }}")}
    want = {n for d, n in zip(dates, numbers, strict=True) if d
            and (earliest is None or date_bounds(d)[1] >= earliest)
            and (latest is None or date_bounds(d)[0] <= latest)}
    assert got == want


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_query_is_written_from_its_layout(name: str) -> None:
    """The shipped query is its header and the SPARQL its layout writes (``python -m
    kg.index`` writes it again), and its row line lists the layout's fields."""
    text = named_queries()[name][1]
    layout = LAYOUTS[name]
    (line,) = re.findall(r"^# row: (.*)$", text, re.M)
    assert tuple(line.split()) == layout.fields
    assert text.endswith(query_body(layout)), "stale: run python -m kg.index"


def test_pages_across_blocks_are_slices_of_the_whole() -> None:
    """A page of a key's rows asked without a filter reads only the blocks that hold it
    (kg.index.BLOCK rows each): the pages are still slices of the whole, at the edges
    of the blocks too, under "all" (sorted by name) and under a group (by date)."""
    from kg.index import BLOCK, index_lines

    n = 2 * BLOCK + 500
    texts = [json.dumps({"memberships": [[f"urn:m:{i % 997:04d}-{i}", "urn:g:1",
                                          DATES[i % len(DATES)] or ""]]}) for i in range(n)]
    s = ox.Store()
    s.load("".join(line[:-1] + f"<{INDEX_GRAPH}> .\n" for line in index_lines(texts, {})),
           format=ox.RdfFormat.N_QUADS)
    for params in ({}, {"group": "urn:g:1"}):
        whole = [_values(r, ["member", "date"]) for r in _indexed(s, "memberships", params)]
        assert len(whole) == n
        for limit, offset in ((10, 0), (10, BLOCK - 5), (BLOCK + 1, BLOCK), (BLOCK, n - 7)):
            text = page(bind(named_queries()["memberships"][1], params, None, BASE), limit,
                        offset)
            assert "urn:kg:key@" in text
            got = [_values(r, ["member", "date"]) for r in s.query(text)]
            assert got == whole[offset:offset + limit], (params, limit, offset)


#: The events query as it was before the index: it reads the events graph itself.
EVENTS_ORACLE = """# param: treaty entity  x
# param: party entity  x
# param: kind kind  x
# param: from date-from  x
# param: to date-to  x
PREFIX kgo: <https://kg.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?date ?event ?treaty (SAMPLE(?tl) AS ?treatyName) ?by ?reports ?articles ?node
WHERE {
  VALUES (?kindName ?kindClass) {
    ("signed" kgo:Signing) ("entered_into_force" kgo:EntryIntoForce)
    ("ratified" kgo:Ratification) ("suspended" kgo:Suspension) ("withdrew" kgo:Withdrawal)
  }
  GRAPH <urn:kg:events> {
    # kg:params
    FILTER (!BOUND(?from) || (BOUND(?hi) && ?hi >= ?from))
    FILTER (!BOUND(?to) || (BOUND(?lo) && ?lo <= ?to))
    ?node kgo:eventKind ?kindName ; kgo:eventTreaty ?treaty ; rdfs:label ?event ;
          kgo:reportCount ?reports ; kgo:articleCount ?articles .
    OPTIONAL { ?node kgo:eventDate ?d }
    OPTIONAL { ?node kgo:earliestDate ?lo }
    OPTIONAL { ?node kgo:latestDate ?hi }
  }
  FILTER (!BOUND(?kind) || ?kind = ?kindClass)
  FILTER (!BOUND(?party) || EXISTS { ?node kgo:eventParty ?party })
  OPTIONAL { ?node kgo:eventParty ?by }
  OPTIONAL { ?treaty rdfs:label ?tl }
  BIND (STR(?d) AS ?date)
}
GROUP BY ?date ?event ?treaty ?by ?reports ?articles ?node"""
EVENT_CASES = [{}, {"from": "2000"}, {"to": "1999-03"}, {"from": "1999-03-04", "to": "2001"},
               {"treaty": "treaty/treaty-on-everything"}, {"party": "state/ruritania"},
               {"party": "state/ruritania", "from": "2001"}, {"kind": "signed"},
               {"kind": "ratified", "treaty": "treaty/treaty-on-everything"}]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The variants written to a kg store as a build writes them, its events graph and
    index made as a build's end makes them (the index from the stored graphs)."""
    from kg.events import update_events
    from kg.index import update_index
    from kg.map import article_iri, to_ntriples
    from kg.store import graph_data_lines, open_store

    rng = random.Random(17)
    with open_store(tmp_path_factory.mktemp("built") / "store") as s:
        docs = [_variant(i, rng) for i in range(12)]
        s.write_batch([graph_data_lines(str(article_iri(d.article.id, BASE)),
                                        to_ntriples(d, BASE)).apart() for d in docs])
        update_events(s, BASE)
        assert update_index(s) and not update_index(s)  # unchanged: not rewritten
        yield s


@pytest.mark.parametrize("params", EVENT_CASES,
                         ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "all")
def test_the_events_in_the_index_are_the_events_graph(built: Any,
                                                     params: dict[str, str]) -> None:
    """The events query over the index gives the rows of the events graph, in the order
    of their date, treaty and label, for every parameter."""
    text = bind(EVENTS_ORACLE, params, None, BASE)
    names = ["node", "by", "date", "reports", "articles"]
    want = sorted(_values(r, names) for r in built.query(text))
    rows = list(built.query(bind(named_queries()["events"][1], params, None, BASE)))
    assert sorted(_values(r, names) for r in rows) == want
    assert want or params.get("to") == "1999-03"
    keys = [_values(r, ["date", "treatyName", "event"]) for r in rows]
    assert keys == sorted(keys)


def test_a_row_under_two_keys_asked_together_comes_once() -> None:
    """A name that two entities carry gives both keys; a row filed under both (a treaty
    event of both parties) is answered once."""
    from kg.index import index_lines

    fact = ["urn:f:1", "https://kg.example.org/ontology#Signing", "urn:t:1", "1990",
            ["urn:s:a", "urn:s:b"], "", [], ""]
    s = ox.Store()
    s.load("".join(line[:-1] + f"<{INDEX_GRAPH}> .\n" for line in index_lines(
        [json.dumps({"treaty-timeline": [fact]})], {})), format=ox.RdfFormat.N_QUADS)
    text = bind(named_queries()["treaty-timeline"][1], {"involving": "urn:s:a"}, None, BASE)
    one = "<urn:kg:key:treaty-timeline:involving:urn:s:a>"
    assert one in text
    both = text.replace(one, one + " <urn:kg:key:treaty-timeline:involving:urn:s:b>")
    assert sorted(r["party"].value for r in s.query(both)) == ["urn:s:a", "urn:s:b"]


def test_two_entities_asked_at_once_read_their_pair_key() -> None:
    """A question asking a treaty and a party reads the one key of both (no join of two
    keys, no row read to be checked), and a page of it reads its blocks."""
    text = bind(named_queries()["treaty-timeline"][1],
                {"treaty": "treaty/cfe", "involving": "state/russia"}, None, BASE)
    pair = (f"<urn:kg:key:treaty-timeline:treaty:{BASE}id/treaty/cfe"
            f":involving:{BASE}id/state/russia>")
    assert pair in text and "?key2" not in text and "# kg:check" not in text
    assert f"<urn:kg:key@0:{pair[12:]}" in page(text, 10)
    three = bind(named_queries()["treaty-timeline"][1], {
        "treaty": "treaty/cfe", "involving": "state/russia", "kind": "signed"}, None, BASE)
    assert pair in three and "?key2" in three  # the kind's key joined to the pair's


def test_an_articles_rows_read_only_the_predicates_they_need() -> None:
    """rows_of_lines parses only the lines of the predicates article_rows reads: on an
    article of every kind, with and without mentions, it gives what reading every line
    gives."""
    from kg.index import rows_of_lines
    from kg.index._contrib import rows_json
    from kg.map import to_ntriples
    from kg.pipeline import without_mentions

    doc = _variant(3, random.Random(3))
    for d in (doc, without_mentions(doc)):
        lines = to_ntriples(d, BASE)
        every = ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
        want = rows_json((t.subject, t.predicate, t.object) for t in every)
        assert json.loads(want)["statements"] and json.loads(want)["treaty-timeline"]
        assert rows_of_lines(lines) == want


def test_the_metadata_keeps_each_articles_rows_packed(tmp_path: Path) -> None:
    """A build keeps what each article adds to the index packed (pack_rows) in the
    metadata store; the index reads it back as the JSON its lines give, and reads the
    plain JSON that stores written before kept as well."""
    from kg.index import ROWS_META, rows_of_lines, unpack_rows
    from kg.index._index import sources
    from kg.pipeline import build
    from kg.store import META_GRAPH, open_store

    build(None, tmp_path)
    with open_store(tmp_path) as s:
        (graph,) = s.graphs()
        want = rows_of_lines(s.own_lines(graph))
        kept = s.graph_meta(ROWS_META)[graph]
        assert json.loads(want)["treaty-timeline"] and not kept.startswith("{")
        assert len(kept) < len(want) / 2 and unpack_rows(kept) == want
        assert sources(s)[1][0] == want
        node, rows, meta = ox.NamedNode(graph), ox.NamedNode(ROWS_META), ox.NamedNode(META_GRAPH)
        s._meta.remove(ox.Quad(node, rows, ox.Literal(kept), meta))
        s._meta.add(ox.Quad(node, rows, ox.Literal(want), meta))
        assert sources(s)[1][0] == want

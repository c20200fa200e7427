"""One node per real-world event: facts of different articles that report the same event
(same kind, treaty and party, compatible dates) point to one kgo:ReportedEvent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.events import EVENTS_GRAPH, Report, group_reports
from kg.pipeline import build
from kg.store import open_store

ONE = """title: Arms pact marks an anniversary
published: 2015-11-19
source: Example Wire

VIENNA, November 19. The Treaty on Conventional Armed Forces in Europe was signed on \
November 19, 1990, in Paris, diplomats recalled on Thursday.
"""
TWO = """title: Europe's arms-control order in question
published: 2016-03-02
source: Example Daily

MOSCOW, March 2. The Treaty on Conventional Armed Forces in Europe, signed in 1990, \
no longer works, an official said. Russia suspended the treaty in December 2007.
"""
THREE = """title: A second look at the treaty
published: 2017-05-04
source: Example Daily

BRUSSELS, May 4. Russia suspended the Treaty on Conventional Armed Forces in Europe \
in 2007, the alliance said.
"""


def _events(store_dir: Path) -> dict[str, tuple[int, int, str]]:
    q = f"""PREFIX kgo: <https://kg.example.org/ontology#>
    SELECT ?kind ?n ?a ?d {{ GRAPH <{EVENTS_GRAPH}> {{
      ?e kgo:eventKind ?kind ; kgo:reportCount ?n ; kgo:articleCount ?a .
      OPTIONAL {{ ?e kgo:eventDate ?d }} }} }}"""
    with open_store(store_dir, read_only=True) as s:
        return {r["kind"].value: (int(r["n"].value), int(r["a"].value),
                                  r["d"].value if r["d"] is not None else "")
                for r in s.query(q, union=False)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "one.txt").write_text(ONE, encoding="utf-8")
    (d / "two.txt").write_text(TWO, encoding="utf-8")
    return d


def test_two_articles_one_signing(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([corpus], store)
    events = _events(store)
    assert events["signed"] == (2, 2, "1990-11-19")  # "1990" and "19 November 1990"
    assert events["suspended"] == (1, 1, "2007-12")


def test_events_follow_the_articles(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([corpus], store)
    (corpus / "three.txt").write_text(THREE, encoding="utf-8")
    build([corpus], store)
    assert _events(store)["suspended"] == (2, 2, "2007-12")  # "2007" fits "2007-12"
    (corpus / "one.txt").unlink()
    build([corpus], store, prune=True)
    assert _events(store)["signed"] == (1, 1, "1990")
    again = build([corpus], store)
    assert again.loaded == [] and _events(store)["signed"] == (1, 1, "1990")


def test_the_graph_view_shows_an_event_once(corpus: Path, tmp_path: Path) -> None:
    from kg.graph import project

    store = tmp_path / "store"
    build([corpus], store)
    with open_store(store, read_only=True) as s:
        g = project(s)
    signings = [d for _, d in g.nodes(data=True) if d.get("kind") == "signed"]
    assert len(signings) == 1
    assert signings[0]["articles"].split() == ["one", "two"]


def test_grouping_rules() -> None:
    def r(fact: str, date: str | None, party: str = "") -> tuple[str, str, str, None, Report]:
        return ("ratified", "t", party, None, Report(fact, "g" + fact, date))

    groups = group_reports([r("a", "1996-05"), r("b", "1996-06"), r("c", "1996"),
                            r("d", "1996-05-03"), r("e", None, "x"), r("f", "2001", "x")])
    got = sorted(sorted(rep.fact for rep in e.reports) for e in groups)
    # 1996-05-03 and 1996-05 are one; 1996-06 is another; "1996" fits both, so it joins
    # the first (the most precise first); an undated report joins the one event of its key
    assert got == [["a", "c", "d"], ["b"], ["e", "f"]]


def _by_every_report(rows: list[tuple[str, str, str, None, Report]]) -> list[list[str]]:
    """The grouping rule as stated: a dated report (most precise first) joins the first
    event all of whose reports' dates it is compatible with (one a prefix of the other)."""
    found: list[list[Report]] = []
    reports = [row[4] for row in rows]
    dated = sorted((r for r in reports if r.date), key=lambda r: (-len(r.date or ""),
                                                                    r.date, r.fact))
    for rep in dated:
        home = next((e for e in found if all(
            (rep.date or "").startswith(o.date or "") or (o.date or "").startswith(
                rep.date or "") for o in e)), None)
        if home is None:
            found.append(home := [])
        home.append(rep)
    for rep in sorted((r for r in reports if r.date is None), key=lambda r: r.fact):
        if len(found) == 1:
            found[0].append(rep)
        else:
            found.append([rep])
    return [[r.fact for r in e] for e in found]


_DATES = st.one_of(st.none(), st.sampled_from(
    ["1990", "1991", "1990-11", "1990-12", "1991-01", "1990-11-19", "1990-11-20",
     "1990-12-01", "1991-01-05"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATES, max_size=14))
def test_grouping_by_first_dates_is_the_rule_over_every_report(
        dates: list[str | None]) -> None:
    """group_reports looks a report's event up by its date (linear in the reports); it
    groups as comparing each report with every report of each event would."""
    rows = [("signed", "t", "", None, Report(f"f{i:02}", "g", d)) for i, d in enumerate(dates)]
    assert [[r.fact for r in e.reports] for e in group_reports(rows)] == _by_every_report(rows)


RATIFIED = """title: Parliament approves the arms pact
published: 2004-06-10
source: Example Wire

KYIV, June 10. Ukraine ratified the Treaty on Conventional Armed Forces in Europe in \
1992, the foreign ministry said. Russia suspended the treaty in December 2007.
"""

#: The reports as the events were once found: a query over every article graph's facts.
_FACTS = """PREFIX kgo: <https://kg.example.org/ontology#>
SELECT ?f ?kind ?treaty ?party ?d ?g WHERE {
  VALUES ?kind { "signed" "entered_into_force" "ratified" "suspended" "withdrew" }
  GRAPH ?g { ?f kgo:kind ?kind ; kgo:treaty ?treaty .
             OPTIONAL { ?f kgo:party ?party } OPTIONAL { ?f kgo:date ?d } }
  FILTER (?g != <urn:kg:events>)
}"""


def test_the_reports_are_the_facts_of_every_article_graph(corpus: Path, tmp_path: Path) -> None:
    """The events are read from what each article adds to the query index; they are the
    facts a query over every article graph finds, party and date included."""
    from kg.events import reports_of
    from kg.index import article_claims

    (corpus / "three.txt").write_text(THREE, encoding="utf-8")
    (corpus / "four.txt").write_text(RATIFIED, encoding="utf-8")
    store = tmp_path / "store"
    build([corpus], store)
    with open_store(store, read_only=True) as s:
        got = sorted(reports_of(article_claims(s)), key=repr)
        want = sorted(((r["kind"].value, r["treaty"].value,
                        r["party"].value if r["party"] is not None else "",
                        r["d"].value if r["d"] is not None else None,
                        Report(r["f"].value, r["g"].value,
                               r["d"].value if r["d"] is not None else None))
                       for r in s.query(_FACTS, union=False)), key=repr)
    assert {k for k, *_ in want} >= {"signed", "ratified", "suspended"}
    assert any(party for _, _, party, *_ in want)
    assert got == want


def test_the_index_is_given_the_rows_the_events_graph_holds(corpus: Path,
                                                           tmp_path: Path) -> None:
    """What update_events gives the index is what the index reads from the events graph."""
    from kg.events import update_events
    from kg.index._index import sources

    (corpus / "four.txt").write_text(RATIFIED, encoding="utf-8")
    store = tmp_path / "store"
    build([corpus], store)
    with open_store(store) as s:
        given = update_events(s, "https://kg.example.org/")
        read = sources(s)[1][-1]
    assert given.events == 3 and '"ratified"' in read
    assert given.index_rows == read

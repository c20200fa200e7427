"""One node per real-world event, over the facts of every article (private; see
:mod:`kg.events`)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.map import date_bounds
from kg.schema import FACT_KINDS
from kg.vocab import EVENTS_GRAPH, KGO, RDF, RDFS, XSD

if TYPE_CHECKING:
    from kg.index import Claims
    from kg.store import Store

__all__ = ["EVENT_KINDS", "Event", "EventsWritten", "Report", "group_reports", "reports_of",
           "update_events"]

#: The fact kinds whose facts report one event of a treaty's life (a signing, an entry
#: into force) or of a party's relation to it (a ratification, a suspension, a
#: withdrawal). Standing relations (party_to, member_of, positions) are not events.
EVENT_KINDS = ("signed", "entered_into_force", "ratified", "suspended", "withdrew")

@dataclass(frozen=True)
class Report:
    """One fact that reports an event: its IRI, its article graph and its date (ISO at its
    precision, or None)."""

    fact: str
    graph: str
    date: str | None


@dataclass
class Event:
    """The reports of one event: same kind, treaty and party, compatible dates."""

    kind: str
    treaty: str
    party: str | None
    reports: list[Report] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        """The most precise date its reports give (they are compatible: each contains
        or equals the next)."""
        dated = [r.date for r in self.reports if r.date]
        return max(dated, key=len) if dated else None

    def key(self) -> str:
        """A stable key: kind, treaty, party and the year (events of one key in one year
        are told apart by a counter)."""
        year = (self.date or "")[:4] or "undated"
        return "|".join([self.kind, self.treaty, self.party or "", year])


def group_reports(rows: list[tuple[str, str, str, str | None, Report]]) -> list[Event]:
    """Events from ``(kind, treaty, party, _, report)`` rows: the reports of one kind,
    treaty and party join the first event whose reports' dates are all compatible with
    theirs, the most precise dates first; an undated report joins the event of its key
    when there is exactly one, else it is an event of its own.

    >>> r = lambda f, d: ("signed", "t", "", None, Report(f, "g" + f, d))
    >>> [len(e.reports) for e in group_reports([r("a", "1990"), r("b", "1990-11-19"),
    ...                                          r("c", "1991"), r("d", None)])]
    [2, 1, 1]
    """
    by_key: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for kind, treaty, party, _, report in rows:
        by_key[(kind, treaty, party)].append(report)
    events: list[Event] = []
    for (kind, treaty, party), reports in sorted(by_key.items()):
        found: list[Event] = []
        # the most precise dates come first, so a report's date is compatible with every
        # date of an event exactly when it begins the event's first date: each prefix of
        # a first date points to the first event that has it
        by_prefix: dict[str, int] = {}
        undated = [r for r in reports if r.date is None]
        dated = sorted((r for r in reports if r.date), key=lambda r: (-len(r.date or ""),
                                                                        r.date, r.fact))
        for rep in dated:
            date = rep.date or ""
            i = by_prefix.get(date)
            if i is None:
                i = len(found)
                found.append(Event(kind, treaty, party or None))
                for n in range(1, len(date) + 1):
                    by_prefix.setdefault(date[:n], i)
            found[i].reports.append(rep)
        for rep in sorted(undated, key=lambda r: r.fact):
            if len(found) == 1:
                found[0].reports.append(rep)
            else:
                found.append(Event(kind, treaty, party or None, [rep]))
        events.extend(found)
    return events


def reports_of(claims: Claims) -> list[tuple[str, str, str, str | None, Report]]:
    """The ``(kind, treaty, party, date, report)`` rows of :func:`group_reports` from
    what each article adds to the query index (:func:`kg.index.article_claims`): its
    treaty-timeline rows of an event kind, one per party of a kind that has one.

    >>> k = "https://kg.example.org/ontology#"
    >>> row = ["urn:f", k + "Ratification", "urn:t", "2004", ["urn:p"], "", [], ""]
    >>> reports_of((["urn:a"], [json.dumps({"treaty-timeline": [row]})], {}))
    [('ratified', 'urn:t', 'urn:p', '2004', Report(fact='urn:f', graph='urn:a', date='2004'))]
    """
    kinds = {KGO + FACT_KINDS[k].cls: k for k in EVENT_KINDS}
    with_party = {k for k in EVENT_KINDS if any(f.name == "party" for f in FACT_KINDS[k].fields)}
    out = []
    for graph, text in zip(claims[0], claims[1], strict=True):
        if '"treaty-timeline"' not in text:
            continue
        for fact, cls, treaty, date, parties, *_ in json.loads(text)["treaty-timeline"]:
            kind = kinds.get(cls)
            if kind is None or not treaty:
                continue
            report = Report(fact, graph, date or None)
            for party in (parties or [""]) if kind in with_party else [""]:
                out.append((kind, treaty, party, date or None, report))
    return out


def _named(events: list[Event], base: str) -> list[tuple[str, Event]]:
    """Each event with its IRI (from its key, with a counter for a second of one key),
    sorted."""
    out = []
    seen: dict[str, int] = {}
    for e in sorted(events, key=lambda e: (e.key(), e.date or "", e.reports[0].fact)):
        key = e.key()
        seen[key] = seen.get(key, 0) + 1
        tag = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
        out.append((f"{base}event/{e.kind.replace('_', '-')}-{tag}"
                    + (f"-{seen[key]}" if seen[key] > 1 else ""), e))
    return out


def _label(e: Event) -> str:
    return FACT_KINDS[e.kind].label + (f" {e.date}" if e.date else "")


def _parts(named: list[tuple[str, Event]]) -> dict[str, list[str]]:
    """The N-Triples of the events graph, by event: the lines that name it."""
    return {node: _event_lines(node, e) for node, e in named}


def _event_lines(node: str, e: Event) -> list[str]:
    iri = f"<{node}>"
    lines = [f"{iri} <{RDF}type> <{KGO}ReportedEvent> .",
             f'{iri} <{RDFS}label> "{_label(e)}" .',
             f'{iri} <{KGO}eventKind> "{e.kind}" .',
             f"{iri} <{KGO}eventTreaty> <{e.treaty}> .",
             f'{iri} <{KGO}reportCount> "{len(e.reports)}"^^<{XSD}integer> .',
             f'{iri} <{KGO}articleCount> "{_articles(e)}"^^<{XSD}integer> .']
    if e.party:
        lines.append(f"{iri} <{KGO}eventParty> <{e.party}> .")
    if e.date:
        dt = {4: "gYear", 7: "gYearMonth"}.get(len(e.date), "date")
        earliest, latest = date_bounds(e.date)
        lines += [f'{iri} <{KGO}eventDate> "{e.date}"^^<{XSD}{dt}> .',
                  f'{iri} <{KGO}earliestDate> "{earliest}"^^<{XSD}date> .',
                  f'{iri} <{KGO}latestDate> "{latest}"^^<{XSD}date> .']
    for r in e.reports:
        lines += [f"{iri} <{KGO}report> <{r.fact}> .", f"<{r.fact}> <{KGO}reportOf> {iri} ."]
    return lines


def _articles(e: Event) -> int:
    return len({r.graph for r in e.reports})


def _index_rows(named: list[tuple[str, Event]]) -> str:
    """What the events graph adds to the query index (:func:`kg.index.events_json`)."""
    from kg.index import events_json

    return events_json([node, e.kind, e.treaty, e.party or "", e.date or "", _label(e),
                        str(len(e.reports)), str(_articles(e))] for node, e in named)


@dataclass(frozen=True)
class EventsWritten:
    """What :func:`update_events` wrote: the number of events, and what the events
    graph adds to the query index (for :func:`kg.index.update_index`)."""

    events: int
    index_rows: str


def update_events(store: Store, base: str, claims: Claims | None = None) -> EventsWritten:
    """Recompute the events graph (``urn:kg:events``) from the facts of every article
    graph (as the query index reads them, :func:`kg.index.article_claims`; ``claims``
    when the caller has them), and write what changed, event by event
    (:func:`kg.store.replace_graph_parts`: the lines of an event name it).

    >>> import tempfile
    >>> from kg.pipeline import build
    >>> from kg.store import open_store
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = build(None, d)
    ...     with open_store(d) as s:
    ...         update_events(s, "https://kg.example.org/").events
    3
    """
    if claims is None:
        from kg.index import article_claims

        claims = article_claims(store)
    named = _named(group_reports(reports_of(claims)), base)
    from kg.store import replace_graph_parts

    replace_graph_parts(store, EVENTS_GRAPH, _parts(named))
    return EventsWritten(len(named), _index_rows(named))

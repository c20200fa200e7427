"""One node per real-world event, over the facts of every article (private; see
:mod:`kg.events`)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.map import date_bounds
from kg.schema import FACT_KINDS
from kg.vocab import EVENTS_GRAPH, KGO, RDF, RDFS, XSD

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["EVENT_KINDS", "Event", "Report", "group_reports", "update_events"]

#: The fact kinds whose facts report one event of a treaty's life (a signing, an entry
#: into force) or of a party's relation to it (a ratification, a suspension, a
#: withdrawal). Standing relations (party_to, member_of, positions) are not events.
EVENT_KINDS = ("signed", "entered_into_force", "ratified", "suspended", "withdrew")

_FACTS = """
SELECT ?f ?kind ?treaty ?party ?d ?g WHERE {{
  VALUES ?kind {{ {kinds} }}
  GRAPH ?g {{ ?f <{kgo}kind> ?kind ; <{kgo}treaty> ?treaty .
             OPTIONAL {{ ?f <{kgo}party> ?party }}
             OPTIONAL {{ ?f <{kgo}date> ?d }} }}
}}"""


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


def _rows(store: Store) -> list[tuple[str, str, str, str | None, Report]]:
    kinds = " ".join(f'"{k}"' for k in EVENT_KINDS)
    out = []
    for row in store.query(_FACTS.format(kinds=kinds, kgo=KGO), union=False):
        g = row["g"].value
        if g == EVENTS_GRAPH:
            continue
        party = row["party"].value if row["party"] is not None else ""
        date = row["d"].value if row["d"] is not None else None
        out.append((row["kind"].value, row["treaty"].value, party, date,
                    Report(row["f"].value, g, date)))
    return out


def _lines(events: list[Event], base: str) -> list[str]:
    """The N-Triples of the events graph."""
    lines: list[str] = []
    seen: dict[str, int] = {}
    for e in sorted(events, key=lambda e: (e.key(), e.date or "", e.reports[0].fact)):
        key = e.key()
        seen[key] = seen.get(key, 0) + 1
        tag = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
        iri = f"<{base}event/{e.kind.replace('_', '-')}-{tag}" + (
            f"-{seen[key]}>" if seen[key] > 1 else ">")
        label = FACT_KINDS[e.kind].label + (f" {e.date}" if e.date else "")
        lines += [f"{iri} <{RDF}type> <{KGO}ReportedEvent> .",
                  f'{iri} <{RDFS}label> "{label}" .',
                  f'{iri} <{KGO}eventKind> "{e.kind}" .',
                  f"{iri} <{KGO}eventTreaty> <{e.treaty}> .",
                  f'{iri} <{KGO}reportCount> "{len(e.reports)}"^^<{XSD}integer> .',
                  f'{iri} <{KGO}articleCount> "{len({r.graph for r in e.reports})}"'
                  f"^^<{XSD}integer> ."]
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
    return sorted(set(lines))


def update_events(store: Store, base: str) -> int:
    """Recompute the events graph (``urn:kg:events``) from the facts of every article
    graph, and replace it in one transaction if it changed; the number of events.

    >>> import tempfile
    >>> from kg.pipeline import build
    >>> from kg.store import open_store
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = build(None, d)
    ...     with open_store(d) as s:
    ...         update_events(s, "https://kg.example.org/")
    3
    """
    events = group_reports(_rows(store))
    store.replace_graph_lines(EVENTS_GRAPH, _lines(events, base))
    return len(events)

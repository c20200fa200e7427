"""One node per real-world event: the facts of different articles that report the same
event (same kind, treaty and party, compatible dates) point to one ``kgo:ReportedEvent``
with the number of reports and articles, in the graph ``urn:kg:events``, which
``kg build`` keeps current as articles come, change and go.

>>> from kg.events import Report, group_reports
>>> rows = [("signed", "cfe", "", None, Report("a#1", "a", "1990")),
...         ("signed", "cfe", "", None, Report("b#1", "b", "1990-11-19"))]
>>> [(e.date, len(e.reports)) for e in group_reports(rows)]
[('1990-11-19', 2)]
"""

from kg.events._events import (
    EVENT_KINDS,
    Event,
    EventsWritten,
    Report,
    group_reports,
    reports_of,
    update_events,
)
from kg.vocab import EVENTS_GRAPH

__all__ = ["EVENTS_GRAPH", "EVENT_KINDS", "Event", "EventsWritten", "Report", "group_reports",
           "reports_of", "update_events"]

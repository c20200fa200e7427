"""The rows of the query index: one layout per competency query (private; see
:mod:`kg.index`).

A layout is data: the query it serves, the parameters whose entity keys its rows (the
first one given is the key), the pairs of them asked together often enough that a row
is also filed under both its entities at once, the parameters checked by a token of
the row, the fields of a row in order (what the query's ``# row:`` line lists), the
fields it sorts by (rows alike in them keep the order of their texts), which of those
are the same under one key, and which fields are IRIs, integers, or never empty (an
empty field is unbound in the query's answer).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kg.schema import FACT_KINDS
from kg.vocab import KGO

__all__ = ["LAYOUTS", "Layout", "row_classes", "timeline_events"]

#: The fact kinds of the treaty timeline (each with its class and label in kg.schema).
_TIMELINE_KINDS = ("signed", "entered_into_force", "ratified", "suspended", "withdrew")


@functools.cache
def timeline_events() -> dict[str, str]:
    """The class IRI of each treaty event of the timeline -> its name there: the fact
    kinds' classes and labels, and ``kgo:Accession``, which the ontology has beside them.

    >>> timeline_events()["https://kg.example.org/ontology#Signing"]
    'signing'
    """
    found = {KGO + FACT_KINDS[k].cls: FACT_KINDS[k].label for k in _TIMELINE_KINDS}
    return {**found, KGO + "Accession": "accession"}


@functools.cache
def row_classes() -> dict[str, str]:
    """The class IRI of each fact an indexed query has rows for -> the query."""
    found = {KGO + FACT_KINDS[k].cls: q for k, q in (
        ("holds_position", "positions"), ("member_of", "memberships"),
        ("statement", "statements"))}
    return {**found, **dict.fromkeys(timeline_events(), "treaty-timeline")}


@dataclass(frozen=True)
class Layout:
    """How one query's rows are kept: see the module's docstring."""

    query: str
    #: parameter -> row field: the row is filed under that field's entity (or each of
    #: its entities, for a field that holds a list)
    keys: tuple[tuple[str, str], ...]
    #: parameter -> row field: the row carries a token ``param=<iri>`` for each
    tokens: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]
    order: tuple[str, ...]
    #: key parameter -> the sort fields that are the same in every row filed under one
    #: of its entities: the rows of that key sort without them
    constant: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the fields that are IRIs and integers (the others are texts)
    iris: tuple[str, ...] = ()
    integers: tuple[str, ...] = ()
    #: the fields never empty (the others are unbound in an answer when empty)
    required: tuple[str, ...] = ()
    #: pairs of key parameters: the row is also filed under each pair of their entities
    #: (``a:IRI:b:IRI``), so that a question asking both reads one key, not a join
    pairs: tuple[tuple[str, str], ...] = ()

    def dated(self, param: str | None) -> bool:
        """Whether the rows filed under an entity of the key ``param`` (``None``: under
        ``all``; ``a,b``: under a pair) sort by their date first, the fields the same
        under it left out: then a date range is a range of their order numbers.

        >>> LAYOUTS["positions"].dated("person"), LAYOUTS["positions"].dated(None)
        (True, False)
        >>> LAYOUTS["memberships"].dated("member"), LAYOUTS["memberships"].dated("member,group")
        (False, True)
        """
        same = {f for p in (param or "").split(",") for f in dict(self.constant).get(p, ())}
        return [f for f in self.order if f not in same][:1] == ["date"]

    def key_names(self) -> list[str]:
        """The keys a question can be asked of, the pairs first (``a,b``), then each key
        parameter, each with ``+`` if its rows sort by date first (the query's ``# kg:key``
        line, without ``*`` for all).

        >>> LAYOUTS["statements"].key_names()
        ['by,on+', 'by+', 'on+']
        """
        names = [*(f"{a},{b}" for a, b in self.pairs), *(p for p, _ in self.keys)]
        return [n + ("+" if self.dated(n) else "") for n in names]


LAYOUTS = {layout.query: layout for layout in (
    Layout("positions",
           keys=(("person", "person"), ("of", "of")), pairs=(("person", "of"),),
           tokens=(("person", "person"), ("of", "of")),
           fields=("person", "personName", "position", "of", "ofName", "date", "reports"),
           order=("personName", "date", "position", "ofName"),
           constant=(("person", ("personName",)), ("of", ("ofName",))),
           iris=("person", "of"), integers=("reports",),
           required=("person", "position", "of", "reports")),
    Layout("memberships",
           keys=(("member", "member"), ("group", "group")), pairs=(("member", "group"),),
           tokens=(("member", "member"), ("group", "group")),
           fields=("member", "memberName", "group", "groupName", "date", "reports"),
           order=("groupName", "date", "memberName"),
           constant=(("member", ("memberName",)), ("group", ("groupName",))),
           iris=("member", "group"), integers=("reports",),
           required=("member", "group", "reports")),
    Layout("treaty-timeline",
           keys=(("treaty", "treaty"), ("involving", "parties"), ("kind", "kind")),
           pairs=(("treaty", "involving"), ("treaty", "kind"), ("involving", "kind")),
           tokens=(("treaty", "treaty"), ("involving", "parties"), ("kind", "kind")),
           fields=("date", "event", "treaty", "treatyName", "party", "partyName",
                   "signatoryCount", "groups", "form", "fact"),
           order=("date", "treatyName", "event", "partyName"),
           constant=(("treaty", ("treatyName",)), ("kind", ("event",))),
           iris=("treaty", "party", "fact"), integers=("signatoryCount",),
           required=("event", "treaty", "fact")),
    Layout("statements",
           keys=(("by", "speaker"), ("on", "aboutIris")), pairs=(("by", "on"),),
           tokens=(("by", "speaker"), ("on", "aboutIris")),
           fields=("statement", "speaker", "speakerName", "date", "place", "placeName",
                   "meeting", "meetingName", "about", "quotes"),
           order=("date", "speakerName"),
           constant=(("by", ("speakerName",)),),
           iris=("statement", "speaker", "place", "meeting"),
           required=("statement", "speaker")),
    Layout("events",  # its rows are the events graph's (kg.events), not the articles'
           keys=(("treaty", "treaty"), ("party", "parties"), ("kind", "kind")),
           pairs=(("treaty", "party"), ("treaty", "kind"), ("party", "kind")),
           tokens=(("treaty", "treaty"), ("party", "parties"), ("kind", "kind")),
           fields=("date", "event", "treaty", "treatyName", "by", "byName", "reports",
                   "articles", "node"),
           order=("date", "treatyName", "event"),
           constant=(("treaty", ("treatyName",)),),
           iris=("treaty", "by", "node"), integers=("reports", "articles"),
           required=("event", "treaty", "reports", "articles", "node")),
)}

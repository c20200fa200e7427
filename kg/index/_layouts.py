"""The rows of the query index: one layout per competency query (private; see
:mod:`kg.index`).

A layout is data: the query it serves, the parameters whose entity keys its rows (the
first one given is the key), the parameters checked by a token of the row, the fields
of a row in order (what the query's ``# row:`` line lists), the fields it sorts by (rows
alike in them are in the order of their texts), and which of those are the same under
one key.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LAYOUTS", "Layout"]


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


LAYOUTS = {layout.query: layout for layout in (
    Layout("positions",
           keys=(("person", "person"), ("of", "of")),
           tokens=(("person", "person"), ("of", "of")),
           fields=("person", "personName", "position", "of", "ofName", "date", "reports"),
           order=("personName", "date", "position", "ofName"),
           constant=(("person", ("personName",)), ("of", ("ofName",)))),
    Layout("memberships",
           keys=(("member", "member"), ("group", "group")),
           tokens=(("member", "member"), ("group", "group")),
           fields=("member", "memberName", "group", "groupName", "date", "reports"),
           order=("groupName", "date", "memberName"),
           constant=(("member", ("memberName",)), ("group", ("groupName",)))),
    Layout("treaty-timeline",
           keys=(("treaty", "treaty"), ("involving", "parties"), ("kind", "kind")),
           tokens=(("treaty", "treaty"), ("involving", "parties"), ("kind", "kind")),
           fields=("date", "event", "treaty", "treatyName", "party", "partyName",
                   "signatoryCount", "groups", "form", "fact"),
           order=("date", "treatyName", "event", "partyName"),
           constant=(("treaty", ("treatyName",)), ("kind", ("event",)))),
    Layout("statements",
           keys=(("by", "speaker"),),
           tokens=(("by", "speaker"), ("on", "aboutIris")),
           fields=("statement", "speaker", "speakerName", "date", "place", "placeName",
                   "meeting", "meetingName", "about", "quotes"),
           order=("date", "speakerName"),
           constant=(("by", ("speakerName",)),)),
)}

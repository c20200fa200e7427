"""What one article adds to the query index: its claims, read from its own lines
(private; see :mod:`kg.index`)."""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from kg._pack import pack_text, unpack_text
from kg.index._layouts import row_classes
from kg.vocab import KGO, RDF, RDFS

__all__ = ["article_rows", "event_rows", "events_json", "pack_rows", "rows_json", "rows_of_lines",
           "unpack_rows"]

_TYPE = RDF + "type"
_FIRST, _REST, _NIL = RDF + "first", RDF + "rest", RDF + "nil"


def rows_of_lines(lines: Sequence[str]) -> str:
    """:func:`article_rows` of an article's N-Triples lines, as JSON text (what the
    metadata store keeps per article).

    >>> k = "https://kg.example.org/ontology#"
    >>> print(rows_of_lines([f"<urn:f> <{RDF}type> <{k}PositionHolding> .",
    ...                      f'<urn:f> <{k}holder> <urn:p> .', f'<urn:f> <{k}positionTitle> "T" .',
    ...                      f"<urn:f> <{k}organization> <urn:o> ."]))
    {"positions": [["urn:p", "T", "urn:o", ""]]}
    """
    import pyoxigraph as ox

    needed = _predicates()
    kept = [line for line in lines
            if line[(at := line.find(" ") + 1):line.find(" ", at)] in needed]
    if not kept:
        return "{}"
    triples = ox.parse("\n".join(kept), format=ox.RdfFormat.N_TRIPLES)
    return rows_json((t.subject, t.predicate, t.object) for t in triples)


def pack_rows(text: str) -> str:
    """The JSON of :func:`rows_of_lines` as the metadata store keeps it: compressed
    (zlib) and written in base64, about a third of its length; no rows stay ``{}``.

    >>> packed = pack_rows('{"positions": [["urn:p", "President", "urn:o", ""]]}')
    >>> packed.startswith("{"), unpack_rows(packed)
    (False, '{"positions": [["urn:p", "President", "urn:o", ""]]}')
    """
    if text == "{}":
        return text
    return pack_text(text)


def unpack_rows(text: str) -> str:
    """The JSON that :func:`pack_rows` packed; JSON (as stores written before kept it)
    is returned as it is.

    >>> unpack_rows('{"memberships": []}')
    '{"memberships": []}'
    """
    if text.startswith("{"):
        return text
    return unpack_text(text)


@functools.cache
def _predicates() -> frozenset[str]:
    """The predicates (as N-Triples writes them) :func:`article_rows` reads: an article's
    other lines (its evidence, mentions, labels) are left out before it is parsed."""
    return frozenset(f"<{p}>" for p in (_TYPE, _FIRST, _REST, *(KGO + name for name in (
        "holder", "positionTitle", "organization", "date", "member", "about", "quoteList",
        "quote", "speaker", "place", "meeting", "party", "signatory", "signatoryGroup",
        "itemIndex", "group", "count", "treaty", "signatoryCount", "suspensionForm"))))


def rows_json(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """:func:`article_rows` as JSON text."""
    return json.dumps(article_rows(triples), ensure_ascii=False, sort_keys=True,
                      separators=(", ", ": "))


def article_rows(triples: Iterable[tuple[Any, Any, Any]]) -> dict[str, list[list[Any]]]:
    """The claims of one article graph, by query, each a list of values (IRIs and texts;
    ``""`` for a value not given), sorted:

    * ``positions``: holder, post title, organisation, date;
    * ``memberships``: member, group, date;
    * ``statements``: statement, speaker, date, place, meeting, what it is about (a list
      of IRIs), its quotes (a list, in order);
    * ``treaty-timeline``: fact, class, treaty, date, parties and signatories (a list),
      signatory count, signatory groups (a list of ``[group, count]`` in order),
      suspension form.
    """
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        props[s.value][p.value].append(o)
    out: dict[str, list[list[Any]]] = {}
    classes = row_classes()
    for node, values in props.items():
        for t in values.get(_TYPE, ()):
            kind = classes.get(t.value)
            if kind is not None:
                out.setdefault(kind, []).append(_ROWS[kind](node, values, props, t.value))
    return {k: sorted(v) for k, v in sorted(out.items())}


def event_rows(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """What the events graph (:mod:`kg.events`) adds to the index, as JSON text: for each
    event its node, kind, treaty, party, date, label, and the facts and articles that
    report it.

    >>> k = "https://kg.example.org/ontology#"
    >>> import pyoxigraph as ox
    >>> n, lit = ox.NamedNode, ox.Literal
    >>> print(event_rows([(n("urn:e"), n(f"{RDF}type"), n(f"{k}ReportedEvent")),
    ...                   (n("urn:e"), n(f"{k}eventKind"), lit("signed"))]))
    {"events": [["urn:e", "signed", "", "", "", "", "", ""]]}
    """
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        props[s.value][p.value].append(o)
    return events_json([node] + [_one(v, p) for p in ("eventKind", "eventTreaty", "eventParty",
                                                      "eventDate")]
                       + [_first(v, RDFS + "label"), _one(v, "reportCount"),
                          _one(v, "articleCount")]
                       for node, v in props.items()
                       if any(t.value == KGO + "ReportedEvent" for t in v.get(_TYPE, ())))


def events_json(rows: Iterable[Sequence[str]]) -> str:
    """What the events graph adds to the index, as JSON text, from a row per event:
    its node, kind, treaty, party, date, label, report count and article count (``""``
    for a value it has not; the counts as decimal text), in any order (see
    :func:`event_rows`, which reads them from the graph; :mod:`kg.events` gives them as
    it writes the graph).

    >>> events_json([["urn:e", "signed", "urn:t", "", "1990", "signing 1990", "2", "1"]])
    '{"events": [["urn:e", "signed", "urn:t", "", "1990", "signing 1990", "2", "1"]]}'
    """
    return json.dumps({"events": sorted(list(r) for r in rows)}, ensure_ascii=False,
                      separators=(", ", ": "))


def _first(values: dict[str, list[Any]], prop: str) -> str:
    found = sorted(t.value for t in values.get(prop, ()))
    return found[0] if found else ""


def _one(values: dict[str, list[Any]], prop: str) -> str:
    return _first(values, KGO + prop)


def _position(node: str, v: dict[str, list[Any]], *_: Any) -> list[Any]:
    return [_one(v, "holder"), _one(v, "positionTitle"), _one(v, "organization"),
            _one(v, "date")]


def _membership(node: str, v: dict[str, list[Any]], *_: Any) -> list[Any]:
    return [_one(v, "member"), _one(v, "organization"), _one(v, "date")]


def _statement(node: str, v: dict[str, list[Any]],
               props: dict[str, dict[str, list[Any]]], _: str) -> list[Any]:
    about = sorted({t.value for t in v.get(KGO + "about", ())})
    heads = v.get(KGO + "quoteList", ())
    quotes = _walk(heads[0], props) if heads else sorted(
        t.value for t in v.get(KGO + "quote", ()))
    return [node, _one(v, "speaker"), _one(v, "date"), _one(v, "place"),
            _one(v, "meeting"), about, quotes]


def _treaty_event(node: str, v: dict[str, list[Any]],
                  props: dict[str, dict[str, list[Any]]], cls: str) -> list[Any]:
    parties = sorted({t.value for p in ("party", "signatory") for t in v.get(KGO + p, ())})
    groups = []
    for sg in v.get(KGO + "signatoryGroup", ()):
        g = props.get(sg.value, {})
        groups.append((int(_one(g, "itemIndex") or 0), _one(g, "group"), _one(g, "count")))
    return [node, cls, _one(v, "treaty"), _one(v, "date"), parties, _one(v, "signatoryCount"),
            [[grp, n] for _, grp, n in sorted(groups)], _one(v, "suspensionForm")]


def _walk(head: Any, props: dict[str, dict[str, list[Any]]]) -> list[str]:
    """The values of an RDF list, in order (a cycle or a broken list ends it)."""
    out: list[str] = []
    seen: set[str] = set()
    cell = head
    while cell is not None and cell.value != _NIL and cell.value not in seen:
        seen.add(cell.value)
        entry = props.get(cell.value, {})
        out.extend(t.value for t in entry.get(_FIRST, ())[:1])
        rest = entry.get(_REST, ())
        cell = rest[0] if rest else None
    return out


_ROWS = {"positions": _position, "memberships": _membership, "statements": _statement,
         "treaty-timeline": _treaty_event}

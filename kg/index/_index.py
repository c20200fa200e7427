"""The query index: the rows of the competency queries, kept by the build (private; see
:mod:`kg.index`)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kg.index._layouts import LAYOUTS, Layout, timeline_events
from kg.index._row import row_text
from kg.vocab import CORPUS_GRAPHS, ENTITIES_GRAPH, INDEX_GRAPH, INDEX_ROWS, KGO, RDFS

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["INDEX_ROW", "KEY_PREFIX", "ROWS_META", "index_lines", "index_nquads", "labels_of",
           "update_index"]

#: The predicate of an index row: ``<urn:kg:key:QUERY:IRI> kgo:indexRow "row"``.
INDEX_ROW = KGO + "indexRow"
#: The start of a row's key IRI; ``all`` after the query name files every row.
KEY_PREFIX = "urn:kg:key:"
#: The metadata that keeps, per article graph, what it adds to the index (JSON).
ROWS_META = INDEX_ROWS


def labels_of(data: ox.Store) -> dict[str, str]:
    """Each entity's label in the entities graph (the first, sorted, if it has more)."""
    import pyoxigraph as ox

    out: dict[str, str] = {}
    for q in data.quads_for_pattern(None, ox.NamedNode(RDFS + "label"), None,
                                    ox.NamedNode(ENTITIES_GRAPH)):
        s, v = str(getattr(q.subject, "value", "")), str(getattr(q.object, "value", ""))
        if s not in out or v < out[s]:
            out[s] = v
    return out


def index_lines(contributions: Sequence[str], labels: Mapping[str, str]) -> list[str]:
    """The N-Triples lines of the index graph from what each article adds
    (:func:`kg.index.rows_of_lines`' JSON texts) and the entities' labels, sorted.

    One query's rows at a time, each query's lines sorted apart: their keys start with
    the query's name, so the lists in the order of the names are the lines sorted.
    """
    lines: list[str] = []
    for name in sorted(LAYOUTS):
        rows = [row for text in contributions for row in json.loads(text).get(name, ())]
        lines.extend(sorted(set(_query_lines(LAYOUTS[name], _ROWS[name](rows, labels)))))
    return lines


def _query_lines(layout: Layout, rows: Iterable[tuple[dict[str, Any], str]]
                 ) -> Iterator[str]:
    import pyoxigraph as ox

    constant = dict(layout.constant)
    for values, date in rows:
        tokens = _tokens(layout, values)
        texts: dict[tuple[str, ...], str] = {}
        for iri, param in _keys(layout, values):
            omit = constant.get(param or "", ())
            if omit not in texts:
                texts[omit] = str(ox.Literal(row_text(layout, values, tokens, date, omit)))
            yield f"<{KEY_PREFIX}{layout.query}:{iri}> <{INDEX_ROW}> {texts[omit]} ."


def _tokens(layout: Layout, values: Mapping[str, Any]) -> list[str]:
    """``param=<iri>`` for each value of each token field (a field may hold a list)."""
    out = []
    for param, field in layout.tokens:
        value = values.get(field) or []
        out += [f"{param}={v}" for v in ([value] if isinstance(value, str) else value)]
    return out


def _keys(layout: Layout, values: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """The keys a row is filed under: ``all``, and each entity of each key field, with
    the key parameter it answers (the first that has it)."""
    found: dict[str, str | None] = {"all": None}
    for param, field in layout.keys:
        value = values.get(field) or []
        for v in [value] if isinstance(value, str) else value:
            found.setdefault(v, param)
    return sorted(found.items())


def _positions(rows: list[list[Any]], labels: Mapping[str, str]) -> Iterable[
        tuple[dict[str, str], str]]:
    for (holder, title, org, date), n in sorted(Counter(map(tuple, rows)).items()):
        if holder and title and org:
            yield ({"person": holder, "personName": labels.get(holder, ""), "position": title,
                    "of": org, "ofName": labels.get(org, ""), "date": date,
                    "reports": str(n)}, date)


def _memberships(rows: list[list[Any]], labels: Mapping[str, str]) -> Iterable[
        tuple[dict[str, str], str]]:
    for (member, group, date), n in sorted(Counter(map(tuple, rows)).items()):
        if member and group:
            yield ({"member": member, "memberName": labels.get(member, ""), "group": group,
                    "groupName": labels.get(group, ""), "date": date, "reports": str(n)}, date)


def _statements(rows: list[list[Any]], labels: Mapping[str, str]) -> Iterable[
        tuple[dict[str, Any], str]]:
    for iri, speaker, date, place, meeting, about, quotes in rows:
        if not speaker:
            continue
        names = sorted({labels[a] for a in about if a in labels})
        values = {"statement": iri, "speaker": speaker, "speakerName": labels.get(speaker, ""),
                  "date": date, "place": place, "placeName": labels.get(place, ""),
                  "meeting": meeting, "meetingName": labels.get(meeting, ""),
                  "about": "; ".join(names), "quotes": " | ".join(quotes)}
        yield {**values, "aboutIris": about}, date


def _timeline(rows: list[list[Any]], labels: Mapping[str, str]) -> Iterable[
        tuple[dict[str, Any], str]]:
    for fact, cls, treaty, date, parties, count, groups, form in rows:
        if not treaty:
            continue
        values = {"date": date, "event": timeline_events()[cls], "treaty": treaty,
                  "treatyName": labels.get(treaty, ""), "signatoryCount": count,
                  "groups": "; ".join(f"{labels.get(g, g)}: {n}" for g, n in groups),
                  "form": ("moratorium" if form == KGO + "Moratorium" else "suspension")
                  if form else "", "fact": fact, "kind": cls, "parties": parties}
        for party in parties or [""]:
            yield {**values, "party": party, "partyName": labels.get(party, "")}, date


_ROWS = {"positions": _positions, "memberships": _memberships, "statements": _statements,
         "treaty-timeline": _timeline}


def update_index(store: Any) -> int:
    """Recompute the index graph (``urn:kg:index``) of a :class:`kg.store.Store` from
    what each article graph adds (kept in the metadata as it is written; read from the
    graph for one written without it) and replace it if it changed; the number of its
    lines."""
    from kg.index._contrib import rows_of_lines

    kept = store.graph_meta(ROWS_META)
    texts = [kept[g] if g in kept else rows_of_lines(store.own_lines(g))
             for g in store.graphs()]
    lines = index_lines(texts, labels_of(store.ox))
    store.replace_graph_lines(INDEX_GRAPH, lines)
    return len(lines)


def index_nquads(data: ox.Store) -> str:
    """The index graph of any pyoxigraph store that holds article graphs as kg stores
    them (the entities graph beside them), as N-Quads: load them into it to run the
    shipped queries there.

    >>> import pyoxigraph as ox
    >>> index_nquads(ox.Store())
    ''
    """
    from kg.index._contrib import rows_json

    texts = []
    for g in sorted(n.value for n in data.named_graphs() if n.value not in CORPUS_GRAPHS):
        quads = data.quads_for_pattern(None, None, None, _node(g))
        texts.append(rows_json((q.subject, q.predicate, q.object) for q in quads))
    return "".join(line[:-1] + f"<{INDEX_GRAPH}> .\n"
                   for line in index_lines(texts, labels_of(data)))


def _node(iri: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(iri)

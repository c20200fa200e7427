"""The query index: the rows of the competency queries, kept by the build (private; see
:mod:`kg.index`)."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kg.index._layouts import LAYOUTS, Layout, timeline_events
from kg.index._row import BLOCK, SERIALS, order_number, row_text
from kg.index._serials import fresh_serials, span_of
from kg.vocab import (
    CORPUS_GRAPHS,
    ENTITIES_GRAPH,
    EVENTS_GRAPH,
    INDEX_GRAPH,
    INDEX_ROWS,
    KGO,
    RDFS,
    XSD,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["INDEX_AT", "INDEX_PART", "INDEX_RANK", "INDEX_ROW", "INDEX_WHOLE", "KEY_PREFIX",
           "ROWS_META", "Claims", "article_claims", "filed_under", "index_format", "index_lines",
           "index_nquads", "index_parts", "labels_of", "update_index"]

#: The predicate of an index row's text: ``<urn:kg:row:SERIAL> kgo:indexRow "row"``.
INDEX_ROW = KGO + "indexRow"
#: The predicate of a row's order numbers (``<urn:kg:row:SERIAL> kgo:indexRank 7``).
INDEX_RANK = KGO + "indexRank"
#: The predicate of a key's rows (``<urn:kg:key:QUERY:IRI> kgo:indexAt 7``).
INDEX_AT = KGO + "indexAt"
#: The predicate that names a key of at most :data:`BLOCK` rows as its own first block
#: (``<urn:kg:key@0:QUERY:IRI> kgo:indexWhole <urn:kg:key:QUERY:IRI>``).
INDEX_WHOLE = KGO + "indexWhole"
#: The predicate that makes a block part of its key, for a key of more than
#: :data:`BLOCK` rows (``<urn:kg:key@3:QUERY:IRI> kgo:indexPart <urn:kg:key:QUERY:IRI>``):
#: such a key files its numbers in its blocks only.
INDEX_PART = KGO + "indexPart"
#: The start of a key's IRI, ``urn:kg:key:QUERY:PARAM:IRI`` (``urn:kg:key:QUERY:all``
#: files every row; a pair's is ``urn:kg:key:QUERY:A:IRI:B:IRI``). The block ``i`` of a
#: key is ``urn:kg:key@i:QUERY:...``.
KEY_PREFIX = "urn:kg:key:"
#: The version of the index's rows and keys: a store written with another is rewritten.
FORMAT = 8
#: The most lines of the index graph made and loaded at a time (see :func:`index_parts`).
PART = 100_000
#: The metadata that keeps, per article graph, what it adds to the index (JSON, packed
#: by :func:`kg.index.pack_rows`).
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
    (:func:`kg.index.rows_of_lines`' JSON texts) and the entities' labels, sorted (see
    :func:`index_parts`)."""
    return sorted(line for part in index_parts(contributions, labels) for line in part)


def index_parts(contributions: Sequence[str], labels: Mapping[str, str]
                ) -> Iterator[list[str]]:
    """The lines of the index graph in parts of at most :data:`PART` lines, one query
    after the other, in an order fixed by the rows (made as they are loaded, so that
    the index of a big corpus is never held whole as text).

    Each row is ``<urn:kg:row:SERIAL>``, with its text (:func:`row_text`) and its order
    numbers (``kgo:indexRank``: its serial if a key of its does not sort by date first,
    :func:`order_number` if one does); each key it is filed under holds its number
    (``kgo:indexAt``), or, for a key of more than :data:`BLOCK` rows, the key's block
    of :data:`BLOCK` rows it is in does (:func:`key_lines`).
    Serials follow the query's sort fields, then the rows' texts, with gaps
    (:mod:`kg.index._serials`).
    """
    for number, name in enumerate(sorted(LAYOUTS)):
        made = query_rows(LAYOUTS[name], contributions, labels)
        found = _query_lines(LAYOUTS[name], made, fresh_serials(len(made), span_of(number)[0]))
        while part := list(itertools.islice(found, PART)):
            yield part


#: One row of a query as it is made: its sort fields, text, date and keys.
Made = tuple[tuple[str, ...], str, str, tuple[tuple[str, str | None], ...]]


def query_rows(layout: Layout, contributions: Sequence[str], labels: Mapping[str, str]
               ) -> list[Made]:
    """The rows of one query from what each article adds, sorted as they are numbered."""
    rows = [row for text in contributions for row in json.loads(text).get(layout.query, ())]
    return sorted({(tuple(values.get(f, "") for f in layout.order),
                    row_text(layout, values, _tokens(layout, values), date), date,
                    tuple(_keys(layout, values)))
                   for values, date in _ROWS[layout.query](rows, labels)})


def row_numbers(layout: Layout, serial: int, row: Made,
                dated: Mapping[str | None, bool]) -> dict[str, int]:
    """The number a row is filed under in each of its keys (key IRI -> number): its
    order number under a key whose rows sort by date first (``dated``, from
    :func:`dated_keys`), else its serial."""
    _, _, date, keys = row
    number = order_number(date, serial)
    prefix = f"{KEY_PREFIX}{layout.query}:"
    return {prefix + iri: number if dated[param] else serial for iri, param in keys}


def dated_keys(layout: Layout) -> dict[str | None, bool]:
    """Whether the rows under each key parameter of a layout (``None``: under ``all``;
    ``a,b``: a pair) sort by date first (:meth:`Layout.dated`).

    >>> dated_keys(LAYOUTS["memberships"])[None]
    False
    """
    params = [None, *(n.rstrip("+") for n in layout.key_names())]
    return {p: layout.dated(p) for p in params}


def row_lines(serial: int, row: Made, numbers: Mapping[str, int]) -> list[str]:
    """The lines of one row: its text and its order numbers, those it is filed under
    (:func:`row_numbers`; a row filed only under keys that sort by date first has no
    use for its serial as a number)."""
    node = f"<urn:kg:row:{serial}>"
    ranks = sorted(set(numbers.values()) or {serial})
    return [f"{node} <{INDEX_ROW}> {_literal(row[1])} .",
            *(f"{node} <{INDEX_RANK}> {integer(n)} ." for n in ranks)]


def key_lines(key: str, numbers: Sequence[int], start: int = 0) -> list[str]:
    """The lines that file a key's numbers (sorted), from its block ``start`` on: a key
    of at most :data:`BLOCK` rows holds them itself and is its own block 0; a bigger
    key's blocks of :data:`BLOCK` numbers each hold them, each block part of the key.

    >>> for line in key_lines("urn:kg:key:q:all", [3, 5]):
    ...     print(line.replace("https://kg.example.org/ontology#", "kgo:"))
    <urn:kg:key:q:all> <kgo:indexAt> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
    <urn:kg:key:q:all> <kgo:indexAt> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
    <urn:kg:key@0:q:all> <kgo:indexWhole> <urn:kg:key:q:all> .
    """
    block = KEY_PREFIX.replace(":key:", ":key@{}:") + key[len(KEY_PREFIX):]
    if len(numbers) <= BLOCK:  # most keys of a real corpus: the key is its one block
        if start:
            return []
        return [*(f"<{key}> <{INDEX_AT}> {integer(n)} ." for n in numbers),
                f"<{block.format(0)}> <{INDEX_WHOLE}> <{key}> ."]
    out = []
    for i in range(start * BLOCK, len(numbers)):
        if i % BLOCK == 0:
            out.append(f"<{block.format(i // BLOCK)}> <{INDEX_PART}> <{key}> .")
        out.append(f"<{block.format(i // BLOCK)}> <{INDEX_AT}> {integer(numbers[i])} .")
    return out


def filed_under(key: str, number: str) -> str:
    """The SPARQL pattern that finds the numbers filed under a key (the variables'
    names): in the key, or in a block of it.

    >>> filed_under("?key", "?n")
    '{ ?key kgo:indexAt ?n } UNION { ?key_ kgo:indexPart ?key . ?key_ kgo:indexAt ?n }'
    """
    return (f"{{ {key} kgo:indexAt {number} }} UNION "
            f"{{ {key}_ kgo:indexPart {key} . {key}_ kgo:indexAt {number} }}")


def _query_lines(layout: Layout, made: Sequence[Made], serials: Sequence[int]) -> Iterator[str]:
    """The lines of one query's rows, numbered ``serials``."""
    if serials and serials[-1] >= SERIALS:
        raise ValueError(f"the query index holds at most {SERIALS} rows")
    filed: dict[str, list[int]] = {}
    dated = dated_keys(layout)
    for serial, row in zip(serials, made, strict=True):
        keys = row_numbers(layout, serial, row, dated)
        yield from row_lines(serial, row, keys)
        for key, number in keys.items():
            filed.setdefault(key, []).append(number)
    for key, numbers in filed.items():
        numbers.sort()
        yield from key_lines(key, numbers)


def _literal(text: str) -> str:
    import pyoxigraph as ox

    return str(ox.Literal(text))


def integer(number: int) -> str:
    """An xsd:integer in N-Triples."""
    return f'"{number}"^^<{XSD}integer>'


def _tokens(layout: Layout, values: Mapping[str, Any]) -> list[str]:
    """``param=<iri>`` for each value of each token field (a field may hold a list)."""
    return [f"{param}={v}" for param, field in layout.tokens for v in _listed(values.get(field))]


def _keys(layout: Layout, values: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """The keys a row is filed under, each with the key it answers: ``all`` (None),
    ``PARAM:IRI`` for each entity of each key field, and ``A:IRI:B:IRI`` for each pair
    of entities of each pair of them (``A,B``)."""
    found: set[tuple[str, str | None]] = {("all", None)}
    of = {param: _listed(values.get(field)) for param, field in layout.keys}
    for param, iris in of.items():
        found |= {(f"{param}:{v}", param) for v in iris}
    for a, b in layout.pairs:
        found |= {(f"{a}:{u}:{b}:{v}", f"{a},{b}") for u in of[a] for v in of[b]}
    return sorted(found, key=lambda k: k[0])


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) and value else list(value or [])


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


def _events(rows: list[list[Any]], labels: Mapping[str, str]) -> Iterable[
        tuple[dict[str, Any], str]]:
    from kg.schema import FACT_KINDS

    for node, kind, treaty, party, date, label, reports, articles in rows:
        if kind in FACT_KINDS and treaty:
            yield ({"date": date, "event": label, "treaty": treaty,
                    "treatyName": labels.get(treaty, ""), "by": party,
                    "byName": labels.get(party, ""), "reports": reports,
                    "articles": articles, "node": node, "kind": KGO + FACT_KINDS[kind].cls,
                    "parties": [party] if party else []}, date)


_ROWS = {"events": _events, "positions": _positions, "memberships": _memberships,
         "statements": _statements, "treaty-timeline": _timeline}


#: An article corpus as the index reads it: its article graphs, what each adds (the JSON
#: of :func:`kg.index.rows_of_lines`, in that order) and the entities' labels.
Claims = tuple[list[str], list[str], dict[str, str]]


def update_index(store: Any, claims: Claims | None = None, events: str | None = None) -> bool:
    """Rewrite the index graph (``urn:kg:index``) of a :class:`kg.store.Store` from what
    each article graph adds (kept in the metadata as it is written; read from the graph
    for one written without it) and the entities' labels, unless none of these (nor
    the index's format) changed since it was written: False then. A whole index of
    this format is changed by what changed (:mod:`kg.index._patch`); any other is
    written afresh.

    ``claims`` (:func:`article_claims`) and ``events`` (what the events graph adds,
    :func:`kg.index.events_json`) save reading them again when the caller has them."""
    graphs, texts, labels = sources(store, claims, events)
    digest = hashlib.sha256()
    for part in (*zip(graphs, texts, strict=True), *sorted(labels.items())):
        digest.update(json.dumps(part, ensure_ascii=False).encode("utf-8") + b"\n")
    tag = f"{index_format()}-{digest.hexdigest()}"
    stored = store.stored_hash(INDEX_GRAPH)
    if stored == tag:
        return False
    if stored is not None and stored.startswith(index_format()):  # whole, of this format
        from kg.index._patch import index_patch

        patch = index_patch(store.ox, texts, labels)
        if patch is not None:
            return bool(store.patch_graph(INDEX_GRAPH, tag, *patch))
    return bool(store.rewrite_graph(INDEX_GRAPH, tag, index_parts(texts, labels)))


def article_claims(store: Any) -> Claims:
    """What each article graph of a :class:`kg.store.Store` adds to the index (kept in
    its metadata; read from the graph for one written without it), and the entities'
    labels (see :data:`Claims`)."""
    from kg.index._contrib import rows_of_lines, unpack_rows

    kept = store.graph_meta(ROWS_META)
    graphs = store.graphs()
    texts = [unpack_rows(kept[g]) if g in kept else rows_of_lines(store.own_lines(g))
             for g in graphs]
    return graphs, texts, labels_of(store.ox)


def sources(store: Any, claims: Claims | None = None, events: str | None = None) -> Claims:
    """What the index of a :class:`kg.store.Store` is made from: its article graphs and
    the events graph, what each adds (in that order) and the entities' labels."""
    graphs, texts, labels = claims if claims is not None else article_claims(store)
    share = events if events is not None else _events_share(store.ox)
    return [*graphs, EVENTS_GRAPH], [*texts, share], labels


def index_format() -> str:
    """A tag of the index's format (its version and layouts), which starts the hash of
    an index graph: an index of another format is rewritten however unchanged the
    corpus.

    >>> len(index_format())
    12
    """
    text = repr((FORMAT, sorted(LAYOUTS.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def index_nquads(data: ox.Store) -> str:
    """The index graph of any pyoxigraph store that holds article graphs as kg stores
    them (the entities graph beside them), as N-Quads: load them into it to run the
    shipped queries there.

    >>> import pyoxigraph as ox
    >>> index_nquads(ox.Store())
    ''
    """
    from kg.index._contrib import rows_json

    texts = [_events_share(data)]
    for g in sorted(n.value for n in data.named_graphs() if n.value not in CORPUS_GRAPHS):
        quads = data.quads_for_pattern(None, None, None, _node(g))
        texts.append(rows_json((q.subject, q.predicate, q.object) for q in quads))
    return "".join(line[:-1] + f"<{INDEX_GRAPH}> .\n"
                   for line in index_lines(texts, labels_of(data)))


def _events_share(data: ox.Store) -> str:
    """What the events graph adds to the index (its rows of the ``events`` query)."""
    from kg.index._contrib import event_rows

    quads = data.quads_for_pattern(None, None, None, _node(EVENTS_GRAPH))
    return event_rows((q.subject, q.predicate, q.object) for q in quads)


def _node(iri: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(iri)

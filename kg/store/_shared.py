"""The entities graph: each resource that articles describe, described once (private; see
:meth:`kg.store.Store.write_batch`).

An article's graph holds what the article says (its entities' local ids and mentions,
its facts); the type, label, aliases and Wikidata link of each entity (and the type and
label of posts, publishers and extraction rules) go to one graph, ``urn:kg:entities``,
as the union of what every article of the store says of them.

It is kept as articles come, change and go: new lines are added with the article graph
that brings them, in the same step; the metadata store keeps, per article, the keys of
the lines it added (:data:`SHARED_LINES`). Replacing or removing an article first marks
the entities graph (:data:`DIRTY`, in its own transaction), and :func:`sweep` then
removes every line that no article of the store adds any more and clears the mark. A
build stopped at any point (even by SIGKILL) leaves the mark set until the next build
sweeps, so the graph never keeps a line of an article gone.

The keys are recorded before the graphs are written (beside the old ones of a graph
being replaced) and cut down to the new ones with the hashes after, so at every moment
the recorded keys cover every line a stored graph needs: a stopped write can leave a
line to sweep, never sweep a line still needed. Until the sweep, :func:`visible_quads`
(exports, pushes, ``kg validate``) leaves out the lines it would remove.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kg.store._graphdata import (
    _HASH,
    SHARED_LINES,
    GraphData,
    decode_keys,
    encode_keys,
    line_key,
)
from kg.store._lines import graph_lines
from kg.store._update import delete_data
from kg.vocab import CORPUS_GRAPHS, ENTITIES_GRAPH, INDEX_GRAPH, META_GRAPH

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["COUNTS", "DIRTY", "article_lines", "forget_counts", "held_keys", "is_dirty",
           "keep_counts", "kept_counts", "keys_nquads", "keys_of", "mark_dirty", "shared_lines",
           "shared_nquads", "stored_keys", "sweep"]

_CORPUS = "urn:kg:corpus"
#: Set on ``urn:kg:corpus`` in the metadata graph while lines may be left to sweep.
DIRTY = "urn:kg:entitiesToSweep"
_DIRTY_QUAD = f'<{_CORPUS}> <{DIRTY}> "true" <{META_GRAPH}> .\n'


def shared_lines(graphs: Sequence[GraphData]) -> list[str]:
    """The distinct lines the batch adds to the entities graph, sorted."""
    return sorted({line for d in graphs for line in d.shared})


def shared_nquads(graphs: Sequence[GraphData], held: set[bytes] | None = None
                  ) -> tuple[str, set[bytes]]:
    """Those lines as N-Quads of the entities graph, but those whose keys are ``held``
    (known to be in it), and the keys of the lines given.

    A line the entities graph holds already is not loaded again: most of what an article
    says of Russia or NATO, the graph has from earlier batches.

    >>> from kg.store._graphdata import graph_data_lines
    >>> d = graph_data_lines("https://x.org/article/a", [
    ...     '<https://x.org/id/state/p> <http://www.w3.org/2000/01/rdf-schema#label> "P" .'],
    ...     apart=True)
    >>> text, keys = shared_nquads([d])
    >>> text.strip().endswith("<urn:kg:entities> ."), shared_nquads([d], keys)[0]
    (True, '')
    """
    g = f"<{ENTITIES_GRAPH}> .\n"
    held = held or set()
    out, keys = [], set()
    for line in shared_lines(graphs):
        key = line_key(line)
        if key not in held:
            out.append(line[:-1] + g)
            keys.add(key)
    return "".join(out), keys


def held_keys(data: ox.Store) -> set[bytes]:
    """The keys of the lines the entities graph holds (read once by a writing store, and
    again after anything is removed from it)."""
    import pyoxigraph as ox

    quads = data.quads_for_pattern(None, None, None, ox.NamedNode(ENTITIES_GRAPH))
    return {line_key(line) for line in graph_lines(ENTITIES_GRAPH, quads)}


def keys_of(data: GraphData) -> str | None:
    """The keys of the lines an article adds to the entities graph, as the metadata store
    keeps them (None: it adds none)."""
    return encode_keys(line_key(x) for x in data.shared) if data.shared else None


def stored_keys(meta: ox.Store, graph: str) -> str | None:
    """The keys recorded for an article graph (None: none)."""
    import pyoxigraph as ox

    for q in meta.quads_for_pattern(ox.NamedNode(graph), ox.NamedNode(SHARED_LINES), None,
                                    ox.NamedNode(META_GRAPH)):
        return str(getattr(q.object, "value", ""))
    return None


def article_lines(data: ox.Store, meta: ox.Store, graph: str) -> list[str]:
    """An article graph as the mapper made it: its own lines and, of the entities graph,
    the lines it added (those whose keys it recorded), sorted."""
    import pyoxigraph as ox

    own = data.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    lines = graph_lines(graph, own)
    keys = set(decode_keys(stored_keys(meta, graph) or ""))
    if not keys:
        return lines
    named = {t for line in lines for t in line.split(" ", 3)[0:3:2] if t.startswith("<")}
    entities = ox.NamedNode(ENTITIES_GRAPH)
    shared = [line for iri in named
              for line in graph_lines(ENTITIES_GRAPH, data.quads_for_pattern(
                  ox.NamedNode(iri[1:-1]), None, None, entities))
              if line_key(line) in keys]
    return sorted(set(lines) | set(shared))


def keys_nquads(graphs: Sequence[GraphData]) -> str:
    """The metadata quads that say which lines each article added."""
    out = []
    for d in graphs:
        keys = keys_of(d)
        if keys is not None:
            out.append(f'<{d.graph}> <{SHARED_LINES}> "{keys}" <{META_GRAPH}> .\n')
    return "".join(out)


def unhash_update(graphs: Sequence[str], keep_keys: bool = False,
                  keys_only: bool = False) -> str:
    """The update that removes graphs' metadata (all of it; all but the keys of their
    shared lines; or only those keys).

    >>> unhash_update(["urn:a"], keys_only=True).endswith(
    ...     "{ ?g ?p ?h } FILTER (?p = <urn:kg:sharedLines>) }")
    True
    """
    chunk = " ".join(f"<{g}>" for g in graphs)
    keep = (f" FILTER (?p != <{SHARED_LINES}>)" if keep_keys
            else f" FILTER (?p = <{SHARED_LINES}>)" if keys_only else "")
    return (f"DELETE {{ GRAPH <{META_GRAPH}> {{ ?g ?p ?h }} }} WHERE {{ VALUES ?g {{ {chunk} }} "
            f"GRAPH <{META_GRAPH}> {{ ?g ?p ?h }}{keep} }}")


#: On ``urn:kg:corpus``: the store's counts (articles, entities, facts, triples) as the
#: last build left them; removed before anything is written to the data store.
COUNTS = "urn:kg:counts"


def forget_counts(meta: ox.Store) -> None:
    meta.update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{_CORPUS}> <{COUNTS}> ?v }} }}")


def kept_counts(meta: ox.Store) -> tuple[int, ...] | None:
    """The counts kept by :func:`keep_counts` (None: none, or written to since)."""
    import pyoxigraph as ox

    for q in meta.quads_for_pattern(ox.NamedNode(_CORPUS), ox.NamedNode(COUNTS), None,
                                    ox.NamedNode(META_GRAPH)):
        return tuple(int(x) for x in str(getattr(q.object, "value", "")).split())
    return None


def keep_counts(meta: ox.Store, values: Sequence[int]) -> None:
    text = " ".join(str(int(v)) for v in values)
    forget_counts(meta)
    meta.update(f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{_CORPUS}> <{COUNTS}> "{text}" }} }}')


def mark_dirty(meta: ox.Store) -> None:
    """Say, before an article is replaced or removed, that lines may be left to sweep."""
    import pyoxigraph as ox

    meta.load(input=_DIRTY_QUAD.encode("utf-8"), format=ox.RdfFormat.N_QUADS)


def is_dirty(meta: ox.Store) -> bool:
    import pyoxigraph as ox

    return any(True for _ in meta.quads_for_pattern(
        ox.NamedNode(_CORPUS), ox.NamedNode(DIRTY), None, ox.NamedNode(META_GRAPH)))


def _live(meta: ox.Store) -> tuple[set[bytes], set[bytes]]:
    """The keys of graphs whose write ended (their hash is recorded), and those of graphs
    whose write was stopped (keys that may cover more than the graph needs)."""
    import pyoxigraph as ox

    g = ox.NamedNode(META_GRAPH)
    hashed = {q.subject for q in meta.quads_for_pattern(None, ox.NamedNode(_HASH), None, g)}
    live: set[bytes] = set()
    doubtful: set[bytes] = set()
    for q in meta.quads_for_pattern(None, ox.NamedNode(SHARED_LINES), None, g):
        (live if q.subject in hashed else doubtful).update(
            decode_keys(str(getattr(q.object, "value", ""))))
    return live, doubtful - live


def stale_lines(data: ox.Store, meta: ox.Store) -> list[str]:
    """The lines of the entities graph that no stored article adds, sorted."""
    import pyoxigraph as ox

    live, doubtful = _live(meta)
    quads = data.quads_for_pattern(None, None, None, ox.NamedNode(ENTITIES_GRAPH))
    stale = []
    for q in quads:
        line = graph_lines(ENTITIES_GRAPH, [q])[0]
        key = line_key(line)
        if key not in live and (key not in doubtful or not _named(data, q.subject)):
            stale.append(line)
    return sorted(stale)


def _named(data: ox.Store, term: Any) -> bool:
    """Whether an article graph names ``term`` (as subject or object). The keys of a
    graph whose write was stopped may cover more than it needs (see above): a line only
    they cover is kept only if an article names its subject."""
    return any(getattr(q.graph_name, "value", None) not in CORPUS_GRAPHS  # stops at the first
               for q in itertools.chain(data.quads_for_pattern(term, None, None, None),
                                        data.quads_for_pattern(None, None, term, None)))


def visible_quads(data: ox.Store, meta: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the data store but the query index's and the lines of the entities
    graph left to sweep."""
    stale = set(stale_lines(data, meta)) if is_dirty(meta) else set()
    for q in data:
        g = getattr(q.graph_name, "value", None)
        if g in (META_GRAPH, INDEX_GRAPH) or (stale and g == ENTITIES_GRAPH
                               and f"{q.subject} {q.predicate} {q.object} ." in stale):
            continue
        yield q


def sweep(data: ox.Store, meta: ox.Store, update: Any) -> int:
    """Remove the lines of the entities graph that no stored article adds; clear the mark.
    ``update(sparql)`` runs an update on the data store. The number of lines removed."""
    stale = stale_lines(data, meta)
    for text in delete_data(ENTITIES_GRAPH, stale):
        update(text)
    meta.update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{_CORPUS}> <{DIRTY}> ?v }} }}")
    return len(stale)

"""A corpus graph kept by parts, so that replacing it reads back only what changed
(private; see :func:`replace_graph_parts`).

A graph such as the events graph (:mod:`kg.events`) is made of parts, one per node: the
lines that name the node as their subject or object. The metadata keeps each part's
digest (:data:`PART_DIGESTS`, on the graph's IRI), so a new version of the graph is
compared part by part with the one stored: only the parts that changed or went are
read back from the store, instead of every line of a graph of millions.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kg._pack import pack_text, unpack_text
from kg.store._lines import graph_lines, hash_lines

if TYPE_CHECKING:
    from kg.store._store import Store

__all__ = ["PART_DIGESTS", "part_digest", "replace_graph_parts"]

#: The metadata that keeps, for a graph kept by parts, each part's node and digest
#: (JSON, compressed and in base64).
PART_DIGESTS = "urn:kg:partDigests"


def part_digest(lines: Sequence[str]) -> str:
    """The digest of a part's lines (in any order).

    >>> part_digest(["<urn:b> <urn:p> <urn:a> .", "<urn:a> <urn:p> 1 ."]) == part_digest(
    ...     ["<urn:a> <urn:p> 1 .", "<urn:b> <urn:p> <urn:a> ."])
    True
    """
    h = hashlib.blake2b(digest_size=12)
    for line in sorted(lines):
        h.update(line.encode("utf-8") + b"\n")
    return base64.b64encode(h.digest()).decode("ascii")


def replace_graph_parts(store: Store, graph_iri: str, parts: Mapping[str, Sequence[str]]
                        ) -> bool:
    """Replace a graph of the corpus (not an article's) by its parts: node IRI -> the
    lines (N-Triples without blank nodes) that name it as subject or object; False if
    the graph was unchanged.

    With the digests of the parts stored, only the lines of the parts whose digest
    changed (or that are gone) are read and deleted, and those of the new or changed
    parts loaded; without them (a graph written otherwise, or a write that was stopped)
    the whole graph is compared (:meth:`Store.replace_graph_lines`). The digests are
    removed before the graph changes and written after, so they never describe a graph
    other than the one stored.
    """
    lines = sorted({line for part in parts.values() for line in part})
    digest = hash_lines(lines)
    if store.stored_hash(graph_iri) == digest:
        return False
    new = {node: part_digest(part) for node, part in parts.items()}
    old = _kept(store, graph_iri)
    store.set_meta(graph_iri, PART_DIGESTS, [])
    if old is None:
        changed = store.replace_graph_lines(graph_iri, lines)
    else:
        keep = set(lines)
        stale = sorted(node for node, d in old.items() if new.get(node) != d)
        removed = [line for line in _lines_naming(store, graph_iri, stale) if line not in keep]
        added = sorted({line for node, d in new.items() if old.get(node) != d
                        for line in parts[node]})
        changed = store.patch_graph(graph_iri, digest, removed, added)
    store.set_meta(graph_iri, PART_DIGESTS, [pack_text(json.dumps(new, sort_keys=True))])
    return changed


def _kept(store: Store, graph_iri: str) -> dict[str, str] | None:
    """The parts' digests stored for a graph, or None."""
    text = store.graph_meta(PART_DIGESTS).get(graph_iri)
    if not text:
        return None
    found: dict[str, str] = json.loads(unpack_text(text))
    return found


def _lines_naming(store: Store, graph_iri: str, nodes: Sequence[str]) -> list[str]:
    """The stored lines of a graph that name any of ``nodes`` as subject or object."""
    import pyoxigraph as ox

    g = ox.NamedNode(graph_iri)
    quads: list[ox.Quad] = []
    for node in nodes:
        n = ox.NamedNode(node)
        quads += store.ox.quads_for_pattern(n, None, None, g)
        quads += store.ox.quads_for_pattern(None, None, n, g)
    return graph_lines(graph_iri, quads)

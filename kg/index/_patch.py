"""The query index brought up to date by what changed (private; see :mod:`kg.index`).

Rows keep their serials (:mod:`kg.index._serials`), so when articles come, change or
go, the index graph changes by the lines of the rows that are new or gone, the
numbers their keys file, and the few block lines their places shift (a row added to
a key of many blocks moves one number across each later block's border), not by
the millions of lines a rewrite would delete and load again.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kg.index._index import (
    INDEX_AT,
    INDEX_RANK,
    INDEX_ROW,
    dated_keys,
    key_lines,
    query_rows,
    row_lines,
    row_numbers,
)
from kg.index._layouts import LAYOUTS
from kg.index._row import BLOCK
from kg.index._serials import SPAN, keep_serials, span_of
from kg.vocab import INDEX_GRAPH

__all__ = ["index_patch"]

_ROW = "urn:kg:row:"
_BLOCK = re.compile(r":key@\d+:")


def index_patch(data: Any, contributions: Sequence[str], labels: Mapping[str, str]
                ) -> tuple[list[str], list[str]] | None:
    """The lines to delete from the index graph of the pyoxigraph store ``data`` and
    the lines to add to it, so that it is the index of ``contributions`` and
    ``labels`` (:func:`kg.index.index_parts`' arguments); None when a query's rows have
    to be numbered afresh (a gap is used up), and the index rewritten."""
    held = _held_rows(data)
    removed: list[str] = []
    added: list[str] = []
    for number, name in enumerate(sorted(LAYOUTS)):
        layout = LAYOUTS[name]
        made = query_rows(layout, contributions, labels)
        had = held.pop(number, {})
        old = [had.pop(_digest(row[1]), None) for row in made]
        serials = keep_serials(old, span_of(number)[0])
        if serials is None:
            return None
        filed: dict[str, list[int]] = {}
        dated = dated_keys(layout)
        new_at: dict[str, set[int]] = {}
        for serial, row, was in zip(serials, made, old, strict=True):
            keys = row_numbers(layout, serial, row, dated)
            for key, n in keys.items():
                filed.setdefault(key, []).append(n)
            if was is None:
                added += row_lines(serial, row, keys)
                for key, n in keys.items():
                    new_at.setdefault(key, set()).add(n)
        gone_at = _remove_rows(data, sorted(had.values()), removed)
        for key in sorted(new_at.keys() | gone_at.keys()):
            _keys_patch(key, sorted(filed.get(key, ())), new_at.get(key, set()),
                          gone_at.get(key, set()), removed, added)
    for rest in held.values():  # rows of a query no longer indexed
        _remove_rows(data, sorted(rest.values()), removed)
    return removed, added


def _held_rows(data: Any) -> dict[int, dict[bytes, int]]:
    """The rows the index graph holds: query number -> the digest of a row's text ->
    its serial."""
    import pyoxigraph as ox

    found: dict[int, dict[bytes, int]] = {}
    for q in data.quads_for_pattern(None, ox.NamedNode(INDEX_ROW), None,
                                    ox.NamedNode(INDEX_GRAPH)):
        serial = int(q.subject.value[len(_ROW):])
        found.setdefault(serial // SPAN, {})[_digest(q.object.value)] = serial
    return found


def _remove_rows(data: Any, serials: Sequence[int], removed: list[str]) -> dict[str, set[int]]:
    """Add to ``removed`` the lines of the rows numbered ``serials``; the numbers each
    key loses (those its lines file, :func:`_keys_patch`'s to change)."""
    import pyoxigraph as ox

    graph, at = ox.NamedNode(INDEX_GRAPH), ox.NamedNode(INDEX_AT)
    lost: dict[str, set[int]] = {}
    for serial in serials:
        for q in data.quads_for_pattern(ox.NamedNode(f"{_ROW}{serial}"), None, None, graph):
            removed.append(f"{q.subject} {q.predicate} {q.object} .")
            if q.predicate.value != INDEX_RANK:
                continue
            for k in data.quads_for_pattern(None, at, q.object, graph):
                key = _BLOCK.sub(":key:", k.subject.value, count=1)
                lost.setdefault(key, set()).add(int(q.object.value))
    return lost


def _keys_patch(key: str, now: list[int], new: set[int], gone: set[int],
                removed: list[str], added: list[str]) -> None:
    """Add to ``removed`` and ``added`` what changes in the lines of one key
    (:func:`kg.index.key_lines`), whose numbers are now ``now`` (sorted), ``new`` of
    them added and ``gone`` removed."""
    before = sorted(set(now).difference(new).union(gone))
    changed = min(new | gone)
    start = 0
    if len(now) > BLOCK and len(before) > BLOCK:
        start = min(bisect.bisect_left(now, changed), bisect.bisect_left(before, changed)) // BLOCK
    old_lines = set(key_lines(key, before, start)) if before else set()
    new_lines = set(key_lines(key, now, start)) if now else set()
    removed += sorted(old_lines - new_lines)
    added += sorted(new_lines - old_lines)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

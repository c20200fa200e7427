"""A corpus graph kept by parts (kg.store.replace_graph_parts): a new version is written
by the parts that changed, reading back only those, and is the graph a whole
replacement would leave, also after a stopped write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import kg.store._parts as parts_module
from kg.store import PART_DIGESTS, Store, open_store, replace_graph_parts

GRAPH = "urn:kg:events"


def _part(node: str, n: int, fact: str = "") -> list[str]:
    lines = [f'<urn:e:{node}> <urn:p:count> "{n}" .', f"<urn:e:{node}> <urn:p:kind> <urn:k:a> ."]
    if fact:
        lines.append(f"<urn:f:{fact}> <urn:p:reportOf> <urn:e:{node}> .")
    return lines


def _graph(s: Store) -> list[str]:
    return s.own_lines(GRAPH)


def _want(parts: dict[str, list[str]]) -> list[str]:
    return sorted({line for part in parts.values() for line in part})


def _read(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the nodes whose lines are read back (and fail a whole comparison)."""
    seen: list[list[str]] = []
    real = parts_module._lines_naming

    def spy(store: Store, graph: str, nodes: list[str]) -> list[str]:
        seen.append(list(nodes))
        return real(store, graph, nodes)

    monkeypatch.setattr(parts_module, "_lines_naming", spy)
    monkeypatch.setattr(Store, "replace_graph_lines",
                        lambda *a: pytest.fail("the whole graph was compared"))
    return seen


def test_only_the_parts_that_changed_or_went_are_read(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = {"urn:e:a": _part("a", 1, "x"), "urn:e:b": _part("b", 1), "urn:e:c": _part("c", 2)}
    with open_store(tmp_path / "s") as s:
        assert replace_graph_parts(s, GRAPH, first)
        assert _graph(s) == _want(first)
        seen = _read(monkeypatch)
        second = {"urn:e:a": _part("a", 2, "x"), "urn:e:c": _part("c", 2),
                  "urn:e:d": _part("d", 1, "y")}
        assert replace_graph_parts(s, GRAPH, second)
        assert seen == [["urn:e:a", "urn:e:b"]]  # changed and gone; c and the new d not
        assert _graph(s) == _want(second)
        assert not replace_graph_parts(s, GRAPH, second)  # unchanged
        assert seen == [["urn:e:a", "urn:e:b"]]


def test_a_line_of_a_stale_part_that_stays_is_kept(tmp_path: Path) -> None:
    """A line naming two parts stays while a part that is unchanged holds it, though
    the other one changed and no longer does."""
    shared = "<urn:e:a> <urn:p:next> <urn:e:b> ."
    first = {"urn:e:a": [shared, *_part("a", 1)], "urn:e:b": [shared, *_part("b", 1)]}
    second = {"urn:e:a": _part("a", 5), "urn:e:b": [shared, *_part("b", 1)]}
    with open_store(tmp_path / "s") as s:
        replace_graph_parts(s, GRAPH, first)
        replace_graph_parts(s, GRAPH, second)
        assert _graph(s) == _want(second)


def test_without_digests_the_whole_graph_is_compared(tmp_path: Path) -> None:
    """A graph written otherwise (no digests kept) is compared whole, once."""
    first = {"urn:e:a": _part("a", 1), "urn:e:b": _part("b", 1)}
    second = {"urn:e:a": _part("a", 3)}
    with open_store(tmp_path / "s") as s:
        s.replace_graph_lines(GRAPH, [*_want(first), "<urn:x> <urn:p:stray> <urn:y> ."])
        assert s.graph_meta(PART_DIGESTS) == {}
        assert replace_graph_parts(s, GRAPH, second)
        assert _graph(s) == _want(second)
        assert GRAPH in s.graph_meta(PART_DIGESTS)


def test_a_stopped_write_leaves_no_digests_to_trust(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A write stopped after its deletions leaves no digests: the next version (here the
    first again, whose digests would say part a is in place) is compared whole."""
    first = {"urn:e:a": _part("a", 1), "urn:e:b": _part("b", 1)}
    second = {"urn:e:a": _part("a", 2), "urn:e:b": _part("b", 1)}
    with open_store(tmp_path / "s") as s:
        replace_graph_parts(s, GRAPH, first)

        def killed(self: Store, graph: str, lines: Any) -> None:  # after the deletions
            raise KeyboardInterrupt

        monkeypatch.setattr(Store, "_add_lines", killed)
        with pytest.raises(KeyboardInterrupt):
            replace_graph_parts(s, GRAPH, second)
        monkeypatch.undo()
        assert s.graph_meta(PART_DIGESTS) == {} and s.stored_hash(GRAPH) is None
        assert not any(line.startswith("<urn:e:a> <urn:p:count>") for line in _graph(s))
        assert replace_graph_parts(s, GRAPH, first)
        assert _graph(s) == _want(first)


def test_the_digests_stay_in_the_metadata(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as s:
        replace_graph_parts(s, GRAPH, {"urn:e:a": _part("a", 1)})
        assert not any(q.predicate.value == PART_DIGESTS
                       for q in s.ox.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH)))
        assert len(s.graph_meta(PART_DIGESTS)[GRAPH]) < 100

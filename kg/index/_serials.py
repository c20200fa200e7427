"""Serial numbers of the query index's rows that stay put (private; see :mod:`kg.index`).

A row's serial orders it among its query's rows and names its node
(``<urn:kg:row:SERIAL>``). Each query has a span of :data:`SPAN` serials of its own, and
its rows are numbered with gaps (at most :data:`GAP` apart, the upper half of the span
left free), so that when articles come or go a new row takes a number between its
neighbours' and every other row keeps its own: the index changes by the rows that
changed, not by every row after them. Only when a gap is used up is a query numbered
afresh (:func:`keep_serials` says so by returning None).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["GAP", "SPAN", "fresh_serials", "keep_serials", "span_of"]

#: The serials of one query: the query ``i`` (in the sorted order of the layouts) has
#: those from ``i * SPAN`` up to, not including, ``(i + 1) * SPAN``.
SPAN = 125_000_000
#: The most a fresh numbering leaves between two rows (and a new last row after the
#: last): room for rows to come between them without renumbering.
GAP = 1024


def span_of(query_number: int) -> tuple[int, int]:
    """The first serial of a query and the one after its last.

    >>> span_of(1)
    (125000000, 250000000)
    """
    return query_number * SPAN, (query_number + 1) * SPAN


def fresh_serials(count: int, first: int) -> list[int]:
    """``count`` serials from ``first`` on, spread over the lower half of its span.

    >>> fresh_serials(3, 0)
    [1024, 2048, 3072]
    """
    step = max(1, min(GAP, SPAN // (2 * (count + 1))))
    if step * count >= SPAN:
        raise ValueError(f"the query index holds at most {SPAN - 1} rows of one query")
    return [first + step * (j + 1) for j in range(count)]


def keep_serials(held: Sequence[int | None], first: int) -> list[int] | None:
    """The serials of a query's rows in their order, given the serial each row had
    (None for a new row): the old kept, each run of new ones spread over the gap
    between its neighbours (after the last: at most :data:`GAP` apart). None when the
    old are not in order or a gap is too small: then the query is numbered afresh.

    >>> keep_serials([None, 1024, None, None, 2048, None], 0)
    [512, 1024, 1365, 1706, 2048, 3072]
    >>> keep_serials([1024, None, 1025], 0) is None
    True
    """
    out: list[int] = []
    end = first + SPAN
    run: list[int] = []  # the positions of the new rows waiting for their next neighbour
    low = first
    for i, serial in enumerate([*held, None]):
        last = i == len(held)
        if serial is None and not last:
            run.append(i)
            continue
        high = end if last else serial
        assert high is not None
        if high <= low:
            return None
        step = (high - low) // (len(run) + 1)
        if last:
            step = min(step, GAP)
        if run and step < 1:
            return None
        out.extend(low + step * (j + 1) for j in range(len(run)))
        run = []
        if not last:
            out.append(high)
            low = high
    return out

"""One row of the query index as text, its order number, and the SPARQL that reads it
back (private; see :mod:`kg.index`).

A row is one literal, read by position so that a query cuts its fields with few
function calls (in Oxigraph each costs about a microsecond, as much as reading a row)::

    LO(10)  HI(10)  END0 ... ENDk (6 digits each)  TOKENS  FIELD1 ... FIELDk

* ``LO`` and ``HI``: the earliest and latest day of the row's date (``9999-99-99`` and
  ``0000-00-00`` for none, so that an undated row falls out of every range);
* ``ENDj``: where (1-based, in characters) part ``j`` starts; part ``j`` ends where the
  next starts;
* ``TOKENS``: `` param=IRI param=IRI `` for the parameters a row is filtered by, then
  the layout's fields one after the other.

Rows are ordered by numbers, which Oxigraph keeps inline and compares without reading
a row: each row has a serial number in the order of its query's sort fields, and a row
under a key that sorts by date first also has :func:`order_number` (its earliest day,
its date's precision, its serial), so that a date range is a range of numbers
(:func:`range_filter`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kg.index._layouts import Layout
from kg.map import date_bounds

__all__ = ["BLOCK", "SERIALS", "order_number", "range_filter", "row_sparql", "row_text"]

#: The rows of a key are also filed in blocks of this many, in order, so that a page
#: of an unfiltered query sorts one or two blocks, not all the rows of its key.
BLOCK = 1000
#: Serial numbers are below this; an order number with a date is at least 10**10 (and
#: below 2**63, the largest integer Oxigraph keeps inline).
SERIALS = 10 ** 9
_DIGITS = 6
_TABLE = 21  # 1-based, as SPARQL's SUBSTR counts: LO at 1, HI at 11
_NO_HI, _NO_LO = "0000-00-00", "9999-99-99"


def row_text(layout: Layout, values: Mapping[str, Any], tokens: Iterable[str],
             date: str = "") -> str:
    """The row of ``values`` (see the module's docstring).

    >>> lay = Layout("q", (), (), ("a", "b"), ("b",))
    >>> row = row_text(lay, {"a": "x", "b": "Y"}, ["a=x"], "1990")
    >>> row[:20], row[20:44], row[44:]
    ('1990-01-011990-12-31', '000045000050000051000052', ' a=x xY')
    """
    lo, hi = date_bounds(date) if date else (_NO_LO, _NO_HI)
    parts = [f" {' '.join(sorted(set(tokens)))} "] + [values.get(f, "") for f in layout.fields]
    at = _TABLE + _DIGITS * (len(parts) + 1)
    ends = [at]
    for part in parts:
        at += len(part)
        ends.append(at)
    if at >= 10 ** _DIGITS:
        raise ValueError(f"an index row of {at} characters is too long")
    return lo + hi + "".join(f"{e:0{_DIGITS}d}" for e in ends) + "".join(parts)


def order_number(date: str, serial: int) -> int:
    """The order number of a row under a key that sorts by date first: its earliest
    day (as YYYYMMDD), its precision (1 year, 2 month, 3 day) and its serial, so that
    the numbers sort as the ISO dates at their precision do, then by serial; an
    undated row's is its serial.

    >>> order_number("1990", 7), order_number("1990-11", 7), order_number("", 7)
    (199001011000000007, 199011012000000007, 7)
    """
    if not date:
        return serial
    day = int(date_bounds(date)[0].replace("-", ""))
    return day * 10 * SERIALS + (len(date) // 3) * SERIALS + serial


def range_filter(earliest: str | None, latest: str | None) -> str:
    """A FILTER on ``?n``, the order numbers of :func:`order_number`: the rows whose
    date can fall on or after ``earliest`` and on or before ``latest`` (ISO days), and
    no undated row: exact, so no row has to be read to decide.

    >>> range_filter(None, "2010-12-31")
    'FILTER (?n >= 10000000000 && ?n < 201012320000000000)'
    """
    parts = [f"?n >= {10 * SERIALS}"]
    if latest:
        parts.append(f"?n < {(int(latest.replace('-', '')) + 1) * 10 * SERIALS}")
    if earliest:
        day = int(earliest.replace("-", ""))
        # the day's rows and later; the year (month) of that day, dated by year (month)
        year, month = day // 10000 * 10000 + 101, day // 100 * 100 + 1
        spans = [f"?n >= {day * 10 * SERIALS}"] + [
            f"(?n >= {d * 10 * SERIALS + p * SERIALS} && "
            f"?n < {d * 10 * SERIALS + (p + 1) * SERIALS})" for d, p in ((year, 1), (month, 2))]
        parts.append(f"({' || '.join(spans)})")
    return f"FILTER ({' && '.join(parts)})"


def _part(j: int) -> str:
    """Part ``j`` of the row ``?t`` (0: the tokens), by the ends ``?e0`` ... bound."""
    return f"SUBSTR(?t, ?e{j}, ?e{j + 1} - ?e{j})"


def row_sparql(layout: Layout) -> dict[str, Any]:
    """The SPARQL a query reads its rows with: ``lo``, ``hi`` and ``tokens``
    (expressions over ``?row``, for the FILTERs of a query that has to read its rows
    to pick them), ``ends`` (the BINDs of ``?t``, a copy of ``?row`` held by the query,
    and of ``?e1`` ... where each field starts) and ``fields`` (the BINDs of the
    layout's fields, converted to IRIs and integers, unbound when empty).

    >>> row_sparql(Layout("q", (), (), ("a",), ()))["lo"]
    'SUBSTR(?row, 1, 10)'
    """
    at = _TABLE + _DIGITS
    tokens = (f"SUBSTR(?row, xsd:integer(SUBSTR(?row, {_TABLE}, {_DIGITS})), "
              f"xsd:integer(SUBSTR(?row, {at}, {_DIGITS})) - "
              f"xsd:integer(SUBSTR(?row, {_TABLE}, {_DIGITS})))")
    ends = ['BIND (CONCAT(?row, " ") AS ?t)'] + [
        f"BIND (xsd:integer(SUBSTR(?t, {_TABLE + _DIGITS * j}, {_DIGITS})) AS ?e{j})"
        for j in range(1, len(layout.fields) + 2)]
    fields = []
    for j, name in enumerate(layout.fields, 1):
        value = _part(j)
        if name in layout.iris:
            value = f"IRI({value})"
        elif name in layout.integers:
            value = f"xsd:integer({value})"
        if name not in layout.required:
            value = f"IF(?e{j + 1} > ?e{j}, {value}, ?none)"
        fields.append(f"BIND ({value} AS ?{name})")
    return {"lo": "SUBSTR(?row, 1, 10)", "hi": "SUBSTR(?row, 11, 10)", "tokens": tokens,
            "ends": ends, "fields": fields}

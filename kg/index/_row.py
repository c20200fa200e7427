"""One row of the query index as text, and the SPARQL that reads it back (private; see
:mod:`kg.index`).

A row is one literal, read by position so that a query sorts and cuts it with few
function calls (each costs about as much as reading a row)::

    SORT(64)  HASH(17)  LO(10)  HI(10)  START LEN (6 + 6, for the tokens and each field)
    TOKENS  FIELDS

* ``SORT``: the first 64 characters of the sort text (the sort fields' texts, control
  characters made spaces, joined by ``U+0001``), padded with ``U+0001``;
* ``HASH``: 17 digits of a hash of the rest of the row: rows alike in ``SORT`` come in
  its order, so a query never orders by the row itself (Oxigraph reads a long string
  from the store at every comparison);
* ``LO`` and ``HI``: the earliest and latest day of the row's date (``9999-99-99`` and
  ``0000-00-00`` for none, so that an undated row falls out of every range);
* the start (1-based, in characters) and length of the tokens and of each field;
* ``TOKENS``: `` param=IRI param=IRI `` for the parameters a row is filtered by, and
  the layout's fields one after the other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from kg.index._layouts import Layout
from kg.map import date_bounds

__all__ = ["SORT_CHARS", "row_sparql", "row_text"]

#: The characters of the sort text a row sorts by (then by a hash of the row).
SORT_CHARS = 64
_HASH, _DIGITS = 17, 6
_LO = SORT_CHARS + _HASH + 1  # 1-based positions, as SPARQL's SUBSTR counts
_TABLE = _LO + 20
_CONTROL = re.compile(r"[\x00-\x1f]+")
_NO_HI, _NO_LO = "0000-00-00", "9999-99-99"


def row_text(layout: Layout, values: Mapping[str, Any], tokens: Iterable[str],
             date: str = "", omit: Iterable[str] = ()) -> str:
    """The row of ``values`` (see the module's docstring), its sort text without the
    sort fields in ``omit`` (those the same in every row of its key).

    >>> lay = Layout("q", (), (), ("a", "b"), ("b",))
    >>> row = row_text(lay, {"a": "x", "b": "Y"}, ["a=x"], "1990")
    >>> row[:1], row[81:101], row[101:]
    ('Y', '1990-01-011990-12-31', '000138000005000143000001000144000001 a=x xY')
    """
    skip = set(omit)
    sort = "\x01".join(_CONTROL.sub(" ", values.get(f, "")) for f in layout.order
                       if f not in skip)
    lo, hi = date_bounds(date) if date else (_NO_LO, _NO_HI)
    parts = [f" {' '.join(sorted(set(tokens)))} "] + [values.get(f, "") for f in layout.fields]
    at = _TABLE + 2 * _DIGITS * len(parts)
    table = []
    for part in parts:
        table.append(f"{at:0{_DIGITS}d}{len(part):0{_DIGITS}d}")
        at += len(part)
    if at > 10 ** _DIGITS:
        raise ValueError(f"an index row of {at} characters is too long")
    rest = lo + hi + "".join(table) + "".join(parts)
    digest = int.from_bytes(hashlib.sha256(rest.encode("utf-8")).digest()[:7], "big")
    return sort[:SORT_CHARS].ljust(SORT_CHARS, "\x01") + f"{digest:0{_HASH}d}" + rest


def _part(j: int) -> str:
    at = _TABLE + 2 * _DIGITS * j
    return (f"SUBSTR(?row, xsd:integer(SUBSTR(?row, {at}, {_DIGITS})), "
            f"xsd:integer(SUBSTR(?row, {at + _DIGITS}, {_DIGITS})))")


def row_sparql(layout: Layout) -> dict[str, Any]:
    """The SPARQL a query reads its rows with: ``sort`` (the two BINDs of ``?s`` and
    ``?h`` to order by), ``lo``, ``hi`` and ``tokens`` (expressions, for its FILTERs,
    evaluated only when the parameter is given), and ``fields`` (the BINDs of ``?c1``
    ... ``?cN``, the fields in order, for the page's rows only).

    >>> row_sparql(Layout("q", (), (), ("a",), ()))["lo"]
    'SUBSTR(?row, 82, 10)'
    """
    return {"sort": [f"BIND (SUBSTR(?row, 1, {SORT_CHARS}) AS ?s)",
                     f"BIND (xsd:integer(SUBSTR(?row, {SORT_CHARS + 1}, {_HASH})) AS ?h)"],
            "lo": f"SUBSTR(?row, {_LO}, 10)", "hi": f"SUBSTR(?row, {_LO + 10}, 10)",
            "tokens": _part(0),
            "fields": [f"BIND ({_part(j)} AS ?c{j})" for j in range(1, len(layout.fields) + 1)]}

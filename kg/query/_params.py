"""Parameters and pages of the competency queries (private; see :mod:`kg.query`).

A shipped query declares its parameters in its header, one comment line each::

    # param: treaty entity  the treaty (an IRI, a path such as treaty/cfe, or a name)
    # param: from date-from  facts whose date can fall on or after this ISO date

and marks with the comment line ``# kg:params`` the group (or groups: a subquery is
evaluated on its own, so it repeats the marker to be narrowed too) where their values
go.
:func:`bind` replaces that line by a ``VALUES`` block per parameter given, so a query
given an entity starts from it (an index lookup) instead of listing the whole corpus;
a parameter not given leaves its variable unbound, and the query's own ``FILTER``
(``!BOUND(?from) || ...``) lets everything through. :func:`page` adds ``LIMIT`` and
``OFFSET``.

Parameter types:

* ``entity``: an IRI, a path under the base's ``id/`` (``state/russia``), or a name
  or alias, matched exactly as written (every entity with that label or alias);
* ``date-from`` / ``date-to``: an ISO date at any precision (``1991``, ``2007-12``,
  ``2014-11-18``), its first or last day, compared with ``kgo:latestDate`` or
  ``kgo:earliestDate`` so that a fact dated by year or month is found when its date
  can fall in the range;
* ``kind``: a fact kind of the facts format (``signed``, ``withdrew``, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg._errors import InputError
from kg.vocab import KGO, RDFS, SKOS, XSD

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["MARKER", "PAGE_MARKER", "QueryParam", "bind", "page", "params_of"]

#: The comment line a query puts where the parameters' VALUES go.
MARKER = "# kg:params"
#: The comment line where a query wants its LIMIT and OFFSET (else they go at its end).
PAGE_MARKER = "# kg:page"
_PARAM = re.compile(r"^# param:\s+(\w+)\s+(entity|date-from|date-to|kind)\s+(.*)$", re.M)
_KEY = re.compile(r"(VALUES \?key )\{ <(urn:kg:key:[^>\s]*:)all> \}(\s*# kg:key ([\w +*,]+))$",
                  re.M)
_CHECK = re.compile(r"^[ \t]*# kg:check\n.*?^[ \t]*# kg:check end\n", re.M | re.S)
_RANGE, _BLOCKS = "# kg:range", "# kg:blocks"
_ONE_KEY = re.compile(r"(VALUES \?key \{ <urn:kg:key)(:[^>\s]+> \})")
_IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", re.I)


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter: its variable name, type and what it means."""

    name: str
    type: str
    help: str


def params_of(sparql: str) -> dict[str, QueryParam]:
    """The parameters a query declares, by name.

    >>> params_of("# param: treaty entity  the treaty\\nSELECT * {}")["treaty"].type
    'entity'
    """
    return {m[1]: QueryParam(m[1], m[2], m[3].strip()) for m in _PARAM.finditer(sparql)}


def bind(sparql: str, values: dict[str, str], store: Store | None = None,
         base: str = "") -> str:
    """The query with ``values`` (name -> text) put in as VALUES blocks at its marker.

    Raises :class:`kg.InputError` for a parameter the query does not declare, a value
    of the wrong form, or a query without the marker.

    >>> q = "# param: from date-from  after\\nSELECT * { # kg:params\\n}"
    >>> print(bind(q, {"from": "2007-12"}).splitlines()[1])
    SELECT * { VALUES ?from { "2007-12-01"^^<http://www.w3.org/2001/XMLSchema#date> }
    """
    if not values:
        return _keyed(sparql, {})
    declared = params_of(sparql)
    blocks, given = [], {}
    for name, text in sorted(values.items()):
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise InputError(f"this query has no parameter {name!r} (its parameters: {known})")
        given[name] = _terms(declared[name], text.strip(), store, base)
        blocks.append(f"VALUES ?{name} {{ {' '.join(given[name])} }}")
    if MARKER not in sparql:
        raise InputError("this query takes no parameters (it has no '# kg:params' line)")
    return _keyed(sparql.replace(MARKER, " ".join(blocks)), given)


def _keyed(sparql: str, given: dict[str, list[str]]) -> str:
    """The query over the index (see :func:`kg.index.query_body`) asked of the first
    key of its ``# kg:key`` line whose parameters are all given (a pair ``a,b``, else
    one; ``*``: every row), the rows looked up as such (a key computed in the query
    would make Oxigraph read every row), and of the keys of the others given that
    number their rows alike (``+``: by date first), joined on the number; its date range
    as a range of numbers when the key sorts by date first; its rows read to be checked
    only when a parameter left, or a range on a key that does not sort by date, asks
    for it; and marked ``# kg:blocks`` when nothing but one key is asked, for
    :func:`page`.

    >>> line = "VALUES ?key { <urn:kg:key:q:all> }  # kg:key a,b a b *"
    >>> _keyed(line, {"b": ["<urn:x>", "<urn:y>"]})
    'VALUES ?key { <urn:kg:key:q:b:urn:x> <urn:kg:key:q:b:urn:y> }  # kg:key a,b a b *'
    >>> _keyed(line, {"a": ["<urn:x>"], "b": ["<urn:y>"]}).split(" }")[0]
    'VALUES ?key { <urn:kg:key:q:a:urn:x:b:urn:y>'
    """
    m = _KEY.search(sparql)
    if m is None:
        return sparql
    dated, joined = _asked({n.rstrip("+"): n.endswith("+") for n in m[4].split()}, given)
    if joined:
        values = [" ".join(f"<{m[2]}{_key_path(key, iris)}>" for iris in _product(key, given))
                  for key in joined]
        from kg.index import filed_under

        more = "".join(f" VALUES ?key{i} {{ {v} }} {filed_under(f'?key{i}', '?n')}"
                       for i, v in enumerate(values[1:], 2))
        sparql = sparql[:m.start()] + f"{m[1]}{{ {values[0]} }}{m[3]}" + sparql[m.end():]
        first = filed_under("?key", "?n")
        sparql = sparql.replace(first, first + more, 1)
    days = {p: re.findall(r'"([\d-]+)"', given[p][0])[0] for p in ("from", "to") if p in given}
    covered = {p for key in joined for p in key.split(",")}
    check = any(p not in (*covered, "from", "to") for p in given) or bool(days and not dated)
    if not check:
        sparql = _CHECK.sub("", sparql)
    if days and dated:
        from kg.index import range_filter

        return sparql.replace(_RANGE, range_filter(days.get("from"), days.get("to")))
    return sparql.replace(_RANGE, _RANGE if check or len(joined) > 1 else _BLOCKS)


def _asked(keys: dict[str, bool], given: dict[str, list[str]]) -> tuple[bool, list[str]]:
    """Whether the key a question is asked of sorts by date first, and the keys it
    reads: the first of ``keys`` whose parameters are all given, then the single
    parameters given that it leaves and that number their rows alike (none: ``all``).

    >>> _asked({"a,b": True, "a": True, "b": False, "c": True, "*": False},
    ...        {"a": [], "b": [], "c": []})
    (True, ['a,b', 'c'])
    """
    first = next((k for k in keys if k != "*" and all(p in given for p in k.split(","))), None)
    if first is None:
        return keys.get("*", False), []
    dated, covered = keys[first], set(first.split(","))
    more = [k for k in keys if k in given and k not in covered and keys[k] == dated]
    return dated, [first, *more]


def _product(key: str, given: dict[str, list[str]]) -> list[list[str]]:
    """Each combination of the IRIs given for the parameters of ``key`` (``a,b``)."""
    found: list[list[str]] = [[]]
    for param in key.split(","):
        found = [[*head, iri[1:-1]] for head in found for iri in given[param]]
    return found


def _key_path(key: str, iris: list[str]) -> str:
    """``a:IRI:b:IRI`` of the key ``a,b`` and one IRI for each of its parameters."""
    return ":".join(f"{p}:{iri}" for p, iri in zip(key.split(","), iris, strict=True))


def page(sparql: str, limit: int | None, offset: int = 0) -> str:
    """The query with ``LIMIT`` and ``OFFSET`` added at its ``# kg:page`` line, else at its
    end (a query that has its own keeps it).

    >>> page("SELECT * {} ORDER BY ?x", 10, 20)
    'SELECT * {} ORDER BY ?x\\nLIMIT 10 OFFSET 20'
    """
    if limit is None and not offset:
        return sparql
    if (limit is not None and limit < 0) or offset < 0:
        raise InputError("--limit and --offset must not be negative")
    tail = (f"LIMIT {limit}" if limit is not None else "") + (f" OFFSET {offset}" if offset
                                                              else "")
    if _BLOCKS in sparql and limit:  # the rows of one key, unfiltered: its blocks
        sparql, offset = _blocks(sparql, limit, offset)
        tail = f"LIMIT {limit}" + (f" OFFSET {offset}" if offset else "")
    if PAGE_MARKER in sparql:  # the sub-select that sorts the rows pages them
        return sparql.replace(PAGE_MARKER, tail.strip())
    return f"{sparql}\n{tail.strip()}"


def _blocks(sparql: str, limit: int, offset: int) -> tuple[str, int]:
    """The query reading only the blocks of its one key that hold the page's rows (see
    :mod:`kg.index`), and the offset of the page in the first of them. A key of at most
    one block's rows is its own block 0 (``kgo:indexWhole``), read as it is.

    >>> _blocks("VALUES ?key { <urn:kg:key:q:all> }", 10, 995)[0].split(" OPTIONAL")[0]
    'VALUES ?block { <urn:kg:key@0:q:all> <urn:kg:key@1:q:all> }'
    """
    from kg.index import BLOCK

    m = _ONE_KEY.search(sparql)
    if m is None:  # the key of more than one entity
        return sparql, offset
    first, last = offset // BLOCK, (offset + limit - 1) // BLOCK
    keys = " ".join(f"<urn:kg:key@{i}{m[2][:-2]}" for i in range(first, last + 1))
    blocks = (f"VALUES ?block {{ {keys} }} OPTIONAL {{ ?block kgo:indexWhole ?whole }} "
              "BIND (COALESCE(?whole, ?block) AS ?key)")
    return sparql[:m.start()] + blocks + sparql[m.end():], offset - first * BLOCK


def _terms(param: QueryParam, text: str, store: Store | None, base: str) -> list[str]:
    if not text:
        raise InputError(f"the parameter {param.name!r} is empty")
    if param.type in ("date-from", "date-to"):
        return [_date(param, text)]
    if param.type == "kind":
        return [_kind(text)]
    return _entities(param, text, store, base)


def _date(param: QueryParam, text: str) -> str:
    from kg.facts import DATE_RE
    from kg.map import date_bounds

    if not DATE_RE.match(text):
        raise InputError(f"{param.name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): "
                         f"{text[:40]!r}")
    earliest, latest = date_bounds(text)
    day = earliest if param.type == "date-from" else latest
    return f'"{day}"^^<{XSD}date>'


def _kind(text: str) -> str:
    from kg.schema import FACT_KINDS

    if text not in FACT_KINDS:
        raise InputError(f"no fact kind {text!r} (known: {', '.join(sorted(FACT_KINDS))})")
    return f"<{KGO}{FACT_KINDS[text].cls}>"


def _entities(param: QueryParam, text: str, store: Store | None, base: str) -> list[str]:
    """The IRIs an entity parameter names: an IRI, a path under ``{base}id/``, or every
    entity with that exact label or alias in the store."""
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if _IRI.match(text) and not re.match(r"^\w+/", text):
        return [f"<{text}>"]
    if re.fullmatch(r"[a-z-]+/[a-z0-9][a-z0-9-]*", text) and base:
        return [f"<{base}id/{text}>"]
    if store is None:
        raise InputError(f"{param.name}: give an IRI or a path such as state/russia")
    import pyoxigraph as ox

    name = str(ox.Literal(text))
    found = sorted({row["e"].value for row in store.query(
        f"SELECT DISTINCT ?e {{ {{ ?e <{RDFS}label> {name} }} UNION "
        f"{{ ?e <{SKOS}altLabel> {name} }} }}")})
    if not found:
        raise InputError(f"{param.name}: no entity is named {text[:60]!r} in the store "
                         "(give its IRI, its path such as state/russia, or a name as written)")
    return [f"<{iri}>" for iri in found]

"""Running queries and formatting results (private; see :mod:`kg.query`)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg._errors import FormatError, QueryError
from kg.vocab import XSD

if TYPE_CHECKING:
    from kg.store import Store

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json")
_XSD_STRING = XSD + "string"


@dataclass
class QueryResult:
    """A query's answer: ``kind`` is ``select``, ``ask`` or ``construct``.

    ``rows`` hold pyoxigraph terms (or None for unbound); a CONSTRUCT's rows are its
    triples with the variables ``subject``, ``predicate``, ``object``.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None


#: Why a query with SERVICE is refused unless ``allow_service`` is given.
SERVICE_REFUSED = ("SERVICE (federated query) is off: kg query goes to no network "
                   "unless given --allow-service")


def run_query(store: Store, sparql: str, *, union: bool = True,
              allow_service: bool = False) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query; raises :class:`QueryError`.

    A query with ``SERVICE`` (federated query, which makes pyoxigraph fetch the URL
    it names) is refused before it runs, unless ``allow_service`` is given.
    """
    import pyoxigraph as ox

    from kg._sparql import service_refusal

    if not allow_service:
        refusal = service_refusal(sparql, SERVICE_REFUSED)
        if refusal is not None:
            raise QueryError(refusal)
    answer = store.query(sparql, union=union)
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows = [tuple(sol[n] for n in names) for sol in answer]
            return QueryResult("select", names, rows)
        triples = [(t.subject, t.predicate, t.object) for t in answer]
        return QueryResult("construct", ["subject", "predicate", "object"], triples)
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None


def named_queries() -> dict[str, tuple[str, str]]:
    """The shipped competency queries: name -> (title, SPARQL text), sorted by name."""
    found: dict[str, tuple[str, str]] = {}
    folder = resources.files("kg.query") / "queries"
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.split(":", 1)[1].strip() if first.startswith("# title:") else ""
        found[entry.name[:-3]] = (title, text)
    return found


def format_result(result: QueryResult, fmt: str = "table",
                  prefixes: dict[str, str] | None = None) -> str:
    """The result as an aligned ``table``, ``csv``, or SPARQL JSON results (``json``)."""
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "table":
        return _table(result, prefixes or {})
    raise FormatError(f"unknown result format {fmt!r} (known: {', '.join(FORMATS)})")


def json_term(term: Any) -> dict[str, str]:
    """A pyoxigraph term as a term of the SPARQL 1.1 JSON results."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            d["datatype"] = term.datatype.value
        return d
    return {"type": "triple", "value": str(term)}  # pragma: no cover - RDF-star


def _json(result: QueryResult) -> str:
    if result.kind == "ask":
        data: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{v: json_term(t) for v, t in zip(result.variables, row, strict=True)
                     if t is not None} for row in result.rows]
        data = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _plain(term: Any) -> str:
    if term is None:
        return ""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    if result.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([_plain(t) for t in row])
    return out.getvalue()


def _short(term: Any, prefixes: dict[str, str]) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        best = ""
        for p, ns in prefixes.items():
            if term.value.startswith(ns) and len(ns) > len(best):
                best, name = ns, p
        if best:
            return f"{name}:{term.value[len(best):]}"
        return f"<{term.value}>"
    return _plain(term)


def _table(result: QueryResult, prefixes: dict[str, str]) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    header = list(result.variables)
    body = [[" ".join(_short(t, prefixes).split()) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    n = len(body)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"

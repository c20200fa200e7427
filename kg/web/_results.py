"""SPARQL results in JSON, XML, CSV and TSV, and graphs as RDF, with a size limit
(private).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from kg._errors import KgError
from kg._xml import serialize_rdf_xml, xml_safe
from kg.vocab import XSD

__all__ = ["RDF_MEDIA", "RESULT_MEDIA", "SAME_BYTES", "TooLarge", "select_by_pyoxigraph",
           "serialize_graph", "serialize_solutions", "take"]

XSD_STRING = XSD + "string"
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
RDF_MEDIA = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
             "nt": "application/n-triples", "xml": "application/rdf+xml",
             "html": "text/html; charset=utf-8"}


class TooLarge(KgError):
    """A result with more rows or triples than the configured limit."""


def take(items: Iterable[Any], limit: int, what: str) -> list[Any]:
    """At most ``limit`` items; :class:`TooLarge` if there are more."""
    found: list[Any] = []
    for item in items:
        if len(found) >= limit:
            raise TooLarge(f"the result has more than {limit} {what} (the server's limit); "
                           "add a LIMIT or narrow the query")
        found.append(item)
    return found


def _json_term(t: Any) -> dict[str, str]:
    """A term in SPARQL 1.1 JSON results: the same encoding as ``kg query --format json``."""
    from kg.query import json_term as encode

    return encode(t)


def _xml_term(t: Any) -> str:
    kind = type(t).__name__
    if kind == "NamedNode":
        return f"<uri>{xml_escape(t.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    attrs = ""
    if t.language:
        attrs = f" xml:lang={quoteattr(t.language)}"
    elif t.datatype.value != XSD_STRING:
        attrs = f" datatype={quoteattr(t.datatype.value)}"
    return f"<literal{attrs}>{_xml_text(t.value)}</literal>"


def _xml_text(value: str) -> str:
    """Character data for XML: characters XML 1.0 cannot hold become U+FFFD, and a
    carriage return is a character reference (a parser would turn a raw one into \\n)."""
    return xml_escape(xml_safe(value), {"\r": "&#13;"})


def _plain(t: Any) -> str:
    if t is None:
        return ""
    if type(t).__name__ == "BlankNode":
        return f"_:{t.value}"
    return str(getattr(t, "value", t))


def serialize_solutions(fmt: str, variables: list[str], rows: list[tuple[Any, ...]] | None,
                        boolean: bool | None = None) -> bytes:
    """SELECT rows (or an ASK ``boolean`` when ``rows`` is None) in ``fmt``."""
    if fmt == "json":
        if rows is None:
            data: dict[str, Any] = {"head": {}, "boolean": bool(boolean)}
        else:
            data = {"head": {"vars": variables}, "results": {"bindings": [
                {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                for row in rows]}}
        # compact, as pyoxigraph writes it: the same bytes whichever writes a result
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
               "\n<head>"]
        if rows is None:
            out.append(f"</head>\n<boolean>{'true' if boolean else 'false'}</boolean>\n</sparql>\n")
            return "".join(out).encode("utf-8")
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>\n")
        for row in rows:
            out.append("<result>" + "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True) if t is not None) + "</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if rows is None:
            w.writerows([["boolean"], ["true" if boolean else "false"]])
        else:
            w.writerow(variables)
            w.writerows([_plain(t) for t in row] for row in rows)
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        if rows is None:
            return f"?boolean\n{'true' if boolean else 'false'}\n".encode()
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


#: The result formats in which pyoxigraph's serialiser writes the same bytes as
#: :func:`serialize_solutions` (tests/test_serve_results.py holds them to it). Its XML
#: keeps characters XML 1.0 cannot hold and its TSV abbreviates numbers, so kg writes
#: those two itself.
SAME_BYTES = ("json", "csv")


def select_by_pyoxigraph(store: Any, graphs: list[Any] | None, sparql: str, fmt: str,
                         max_rows: int) -> bytes | None:
    """A SELECT's result in ``fmt`` written by pyoxigraph (3-4 times faster than through
    Python terms), or None where that cannot be done with the row limit kept.

    The limit is kept by running the query with ``LIMIT max_rows+1`` appended and
    counting the rows written (:class:`TooLarge` past ``max_rows``); ``graphs`` are the
    default and named graphs (None: the union of every graph of the store, its default
    graph too). A query whose own
    solution modifiers or VALUES clause refuse one more LIMIT gives None, and so does a
    format of :data:`SAME_BYTES`' complement or a query that is not a SELECT.
    """
    import pyoxigraph as ox

    from kg._sparql import query_form

    if fmt not in SAME_BYTES or query_form(sparql) != "SELECT":
        return None
    try:
        dataset: dict[str, Any] = ({"use_default_graph_as_union": True} if graphs is None
                                   else {"default_graph": graphs, "named_graphs": graphs})
        answer = store.query(f"{sparql}\nLIMIT {max_rows + 1}", **dataset)
    except SyntaxError:
        return None
    if not isinstance(answer, ox.QuerySolutions):  # pragma: no cover - a SELECT
        return None
    formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV}
    data = answer.serialize(format=formats[fmt]) or b""
    if _rows(fmt, data) > max_rows:
        raise TooLarge(f"the result has more than {max_rows} rows (the server's limit); "
                       "add a LIMIT or narrow the query")
    return data


def _rows(fmt: str, data: bytes) -> int:
    """The number of rows of a result pyoxigraph wrote as compact JSON or CSV."""
    if fmt == "csv":
        return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) - 1
    body = data.partition(b'"bindings":[')[2]
    if b"{}" in body or b'"triple"' in body:  # an empty row, or RDF-star terms: parse
        return len(json.loads(data)["results"]["bindings"])
    # Outside strings (inside, '"' is escaped), '{"' opens a row or a term, and a term
    # is '{"type":"'; a row with no binding is '{}', handled above.
    return body.count(b'{"') - body.count(b'{"type":"')


def serialize_graph(triples: Iterable[Any], fmt: str, prefixes: dict[str, str] | None = None
                    ) -> bytes:
    """Triples as ``ttl``, ``jsonld``, ``nt`` or ``xml`` (RDF/XML), by pyoxigraph's
    serialisers."""
    import pyoxigraph as ox

    formats = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
               "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}
    triples = list(triples)
    kwargs: dict[str, Any] = {}
    if prefixes and fmt in ("ttl", "xml"):
        used = {str(getattr(term, "value", "")) for t in triples
                for term in (t.subject, t.predicate, t.object, getattr(t.object, "datatype", None))
                if term is not None}
        kwargs["prefixes"] = {p: ns for p, ns in prefixes.items()
                              if any(u.startswith(ns) for u in used)}
    if fmt == "xml":
        return serialize_rdf_xml(triples, kwargs.get("prefixes"))
    return ox.serialize(triples, format=formats[fmt], **kwargs) or b""

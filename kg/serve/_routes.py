"""The routes of ``kg serve``: one module-level handler per route, over the shared
:mod:`kg.web` (private; see :func:`kg.serve.create_app`).

Each handler finds the server's state (the store, the query workers, the statistics)
on ``request.app.state.kg``, set by the app's lifespan (:class:`kg.serve._state.State`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kg._sparql import UPDATE_REFUSED
from kg.serve._app import MAX_BODY
from kg.serve._negotiate import GRAPH_TYPES, choose
from kg.serve._worker import Answer
from kg.vocab import ONTOLOGY_IRI
from kg.web import (
    ALTERNATES,
    RDF_MEDIA,
    STATIC,
    VOID_PREFIXES,
    Description,
    class_page,
    describe,
    home_page,
    query_page,
    render_resource,
    schema_org,
    serialize_graph,
    service_description,
    void_triples,
)

if TYPE_CHECKING:
    from kg.serve._state import State

__all__ = ["class_index", "favicon", "home", "ontology", "query_ui", "resource", "routes",
           "sparql", "void"]

_EXT = {".html": "html", ".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "xml"}
_HTML_OFFERS = ["text/html", *GRAPH_TYPES]
_BAD_RAW = re.compile(rb"%(2e|2f|5c|00)", re.IGNORECASE)


def routes() -> list[BaseRoute]:
    """The routes, most specific first; every other path is a resource under the base."""
    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_ui, methods=["GET", "HEAD"]),
        Route("/void", lambda r: RedirectResponse("/.well-known/void", 303)),
        Route("/.well-known/void", void, methods=["GET", "HEAD"]),
        Route("/ontology", ontology, methods=["GET", "HEAD"]),
        Route("/ontology{ext:str}", ontology, methods=["GET", "HEAD"]),
        Route("/classes/{key:str}", class_index, methods=["GET", "HEAD"]),
        Route("/favicon.ico", favicon),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
        Route("/{path:path}", resource, methods=["GET", "HEAD"]),
    ]


def _state(request: Request) -> State:
    state: State = request.app.state.kg
    return state


def _answer(a: Answer, **headers: str) -> Response:
    return Response(a.body, a.status, media_type=a.media_type, headers=headers or None)


def _text(status: int, message: str) -> Response:
    return _answer(Answer.error(status, message))


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def _rdf(triples: list[Any], accept: str | None, prefixes: dict[str, str]) -> Response:
    media = choose(accept, list(GRAPH_TYPES))
    if media is None:
        return _text(406, "not acceptable: offer " + ", ".join(GRAPH_TYPES))
    fmt = GRAPH_TYPES[media]
    return Response(serialize_graph(triples, fmt, prefixes), media_type=RDF_MEDIA[fmt],
                    headers={"Vary": "Accept"})


async def _read_body(request: Request) -> bytes | None:
    """The body, or None as soon as it is (or says it will be) over MAX_BODY."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None  # uvicorn drops the rest of the body as it arrives
        chunks.append(chunk)
    return b"".join(chunks)


async def _fields(request: Request) -> list[tuple[str, str]] | Response:
    """The request's parameters: those of the URL, and of a POSTed form or query (as
    ``query``); or the response that refuses the request."""
    fields = list(request.query_params.multi_items())
    if request.method != "POST":
        return fields
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        return _text(403, UPDATE_REFUSED)
    if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        return _text(415, "POST application/sparql-query or a form with query=...")
    body = await _read_body(request)
    if body is None:
        return _text(413, f"the request body is larger than {MAX_BODY} bytes")
    if ctype == "application/x-www-form-urlencoded":
        return fields + parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return [*fields, ("query", body.decode("utf-8", "replace"))]


def _refusal(fields: list[tuple[str, str]]) -> Response | None:
    names = {k for k, _ in fields}
    if "update" in names:
        return _text(403, UPDATE_REFUSED)
    if "default-graph-uri" in names or "named-graph-uri" in names:
        return _text(400, "default-graph-uri and named-graph-uri are not supported: the "
                     "default graph is the union of the article graphs; use GRAPH")
    if sum(1 for k, _ in fields if k == "query") > 1:
        return _text(400, "one query per request, please (several query= given)")
    return None


async def sparql(request: Request) -> Response:
    """``/sparql``: the SPARQL 1.1 protocol (GET, POST form or query); without a query,
    the service description."""
    s = _state(request)
    fields = await _fields(request)
    if isinstance(fields, Response):
        return fields
    refused = _refusal(fields)
    if refused is not None:
        return refused
    queries = [v for k, v in fields if k == "query"]
    if not queries:
        endpoint = _origin(request) + "/sparql"
        void_iri = _origin(request) + "/.well-known/void"
        return _rdf(service_description(s.stats, endpoint, void_iri),
                    request.headers.get("accept"), VOID_PREFIXES)
    if not queries[0].strip():
        return _text(400, "the query is empty")
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(s.pool.run, queries[0], request.headers.get("accept"))
    return _answer(result, Vary="Accept")


def void(request: Request) -> Response:
    """``/.well-known/void``: the VoID description of the dataset."""
    s = _state(request)
    void_iri = _origin(request) + "/.well-known/void"
    triples = void_triples(s.stats, s.base, endpoint=_origin(request) + "/sparql",
                           license_iri=s.config.license, void_iri=void_iri)
    return _rdf(triples, request.headers.get("accept"), VOID_PREFIXES)


def home(request: Request) -> Response:
    """``/``: the home page (counts, classes, the ways in)."""
    s = _state(request)
    linker = s.linker()
    hrefs = {c: f"/classes/{k}" for k, c in s.class_keys.items()}
    html = home_page(s.stats, linker, hrefs, [
        ("SPARQL query page", "/query"), ("SPARQL endpoint (service description)",
                                          "/sparql"),
        ("VoID description", "/.well-known/void"), ("ontology", "/ontology")])
    return Response(html, media_type=RDF_MEDIA["html"])


def class_index(request: Request) -> Response:
    """``/classes/{key}``: the members of one class."""
    s = _state(request)
    cls = s.class_keys.get(request.path_params["key"])
    if cls is None:
        return _text(404, "no such class")
    html = class_page(cls, s.stats.members[cls], s.member_labels, s.linker())
    return Response(html, media_type=RDF_MEDIA["html"])


def query_ui(request: Request) -> Response:
    """``/query``: the query page, with the shipped queries as examples."""
    s = _state(request)
    html = query_page(s.examples, s.linker(), "sparql", s.base)
    return Response(html, media_type=RDF_MEDIA["html"])


def _describe_response(request: Request, desc: Description, fmt: str | None) -> Response:
    s = _state(request)
    if fmt is None:
        media = choose(request.headers.get("accept"), _HTML_OFFERS)
        if media is None:
            return _text(406, "not acceptable: offer " + ", ".join(_HTML_OFFERS))
        fmt = "html" if media == "text/html" else GRAPH_TYPES[media]
    local = s.href(desc.iri) or request.url.path
    alternates = {name: local + ext for name, ext, _ in ALTERNATES}
    headers = {"Vary": "Accept", "Link": ", ".join(
        f'<{local + ext}>; rel="alternate"; type="{media}"'
        for _, ext, media in ALTERNATES)}
    if fmt == "html":
        jsonld = schema_org(desc) if desc.iri != ONTOLOGY_IRI else None
        html = render_resource(desc, s.linker(), alternates=alternates, jsonld=jsonld)
        return Response(html, media_type=RDF_MEDIA["html"], headers=headers)
    return Response(serialize_graph(desc.triples(), fmt, s.rdf_prefixes),
                    media_type=RDF_MEDIA[fmt], headers=headers)


def ontology(request: Request) -> Response:
    """``/ontology`` (and ``.ttl``, ``.jsonld``...): the ontology's page or file."""
    fmt = _EXT.get(request.path_params.get("ext", ""))
    return _describe_response(request, _state(request).onto_desc, fmt)


def resource(request: Request) -> Response:
    """Any other path: the resource under the base (its page, or with ``.ttl``,
    ``.jsonld``, ``.nt``, ``.rdf`` its file), by content negotiation."""
    s = _state(request)
    raw = request.scope.get("raw_path") or b""
    path = request.url.path
    if _BAD_RAW.search(raw) or "\\" in path or any(
            seg in (".", "..") for seg in path.split("/")) or "//" in path:
        return _text(400, "bad resource path")
    if not path.startswith(s.base_path):
        return _text(404, "not found")
    rel = path[len(s.base_path):]
    fmt = None
    iri = s.base + rel
    if iri not in s.resources:
        stem, dot, ext = rel.rpartition(".")
        if dot and "." + ext in _EXT and s.base + stem in s.resources:
            iri, fmt = s.base + stem, _EXT["." + ext]
        else:
            return _text(404, f"no resource {_clip(iri)}")
    desc = describe(s.store.ox, iri)
    if not desc.exists:
        return _text(404, f"no resource {_clip(iri)}")
    return _describe_response(request, desc, fmt)


def favicon(request: Request) -> Response:
    """``/favicon.ico``: nothing (204), so browsers stop asking."""
    return Response(status_code=204)


def _clip(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[:most] + "..."

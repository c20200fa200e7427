"""The ``kg serve`` web application: Starlette over pyoxigraph (private)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from kg._errors import InputError
from kg._sparql import UPDATE_REFUSED
from kg.serve._describe import Description, describe, labels, split_fragment
from kg.serve._html import ALTERNATES, SECURITY_HEADERS, Linker, render_resource, schema_org
from kg.serve._negotiate import GRAPH_TYPES, choose
from kg.serve._pages import class_key, class_page, home_page, query_page
from kg.serve._results import RDF_MEDIA, serialize_graph
from kg.serve._void import (
    DEFAULT_LICENSE,
    VOID_PREFIXES,
    Stats,
    service_description,
    stats,
    void_triples,
)
from kg.serve._worker import Answer, QueryPool
from kg.vocab import DEFAULT_BASE, ONTOLOGY_IRI, check_base

__all__ = ["GZIP_MIN_BYTES", "MAX_BODY", "MAX_HEAD", "MAX_URL", "ServeConfig", "check_cors",
           "create_app"]

_STATIC = Path(__file__).with_name("static")
_EXT = {".html": "html", ".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "xml"}
_HTML_OFFERS = ["text/html", *GRAPH_TYPES]
_BAD_RAW = re.compile(rb"%(2e|2f|5c|00)", re.IGNORECASE)
#: Most bytes of a POST body; a larger one (by Content-Length, or counted while it
#: streams in) gets 413 without being read further.
MAX_BODY = 1_000_000
#: Most bytes of the request target (path and query string): 414 past it (POST takes
#: up to MAX_BODY).
MAX_URL = 64 * 1024
#: Most bytes of a request head uvicorn (h11) buffers, so that kg itself answers a
#: long URL with 414; a head past this gets uvicorn's 400 and a closed connection.
MAX_HEAD = 1024 * 1024


@dataclass
class ServeConfig:
    """Settings of ``kg serve``; ``timeout`` in seconds, ``max_rows`` rows or triples.

    SPARQL ``SERVICE`` (federated query) is always refused: there is no switch for it,
    since it would let anyone make the server fetch any URL (its own network included).
    """

    store: Path | None = None
    base: str = DEFAULT_BASE
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    #: Address-space cap of each query worker, in MiB (0: none).
    max_memory: int = 2048
    license: str = DEFAULT_LICENSE
    #: Origins whose web pages may query the server (CORS), or ``("*",)`` for any; none
    #: by default.
    cors: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


#: Responses of at least this many bytes are sent gzip-compressed to clients that accept it.
GZIP_MIN_BYTES = 1000
_ORIGIN = re.compile(r"https?://[^/?#\s]+")


def check_cors(origins: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The origins of ``kg serve --cors``: each ``*`` or ``scheme://host[:port]``."""
    for o in origins:
        if o != "*" and not _ORIGIN.fullmatch(o):
            raise InputError(f"--cors takes '*' or an origin such as https://yasgui.org "
                             f"(scheme, host and port, no path): {o!r}")
    return tuple(dict.fromkeys(o.rstrip("/") for o in origins))


def _middleware(config: ServeConfig) -> list[Any]:
    """Compression of large responses, and CORS for the origins ``--cors`` names."""
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.gzip import GZipMiddleware

    stack = [Middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)]
    if config.cors:
        stack.insert(0, Middleware(CORSMiddleware, allow_origins=list(config.cors),
                                   allow_methods=["GET", "POST"], allow_headers=["*"],
                                   max_age=600))
    return stack


class _State:
    def __init__(self, config: ServeConfig) -> None:
        import pyoxigraph as ox

        from kg._resources import ontology_path
        from kg.query import named_queries
        from kg.store import open_store, store_path
        from kg.vocab import prefixes

        self.config = config
        self.base = check_base(config.base, served=True)
        self.base_path = urlsplit(self.base).path
        self.store = open_store(config.store, read_only=True)
        self.prefixes = prefixes(self.base)
        self.rdf_prefixes = {k: v for k, v in self.prefixes.items() if k != "kg"}
        self.stats: Stats = stats(self.store, self.base)
        self.resources = set(self.stats.resources)
        self.examples = named_queries()
        self.onto = ox.Store()
        self.onto.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        self.onto_desc: Description = describe(self.onto, ONTOLOGY_IRI, scan_fragments=True)
        self.class_keys = {class_key(c, self.prefixes): c for c in self.stats.classes}
        self.member_labels = labels(self.store.ox, [m for ms in self.stats.members.values()
                                                     for m in ms])
        self.pool = QueryPool(str(store_path(config.store)), size=config.workers,
                              timeout=config.timeout, max_rows=config.max_rows,
                              max_memory=config.max_memory * 1024 * 1024)

    def close(self) -> None:
        self.pool.close()
        self.store.close()

    def href(self, iri: str) -> str | None:
        if iri.startswith(ONTOLOGY_IRI + "#") or iri == ONTOLOGY_IRI:
            return "/ontology" + iri[len(ONTOLOGY_IRI):]
        if iri.startswith(self.base) and split_fragment(iri) in self.resources:
            return self.base_path + iri[len(self.base):]
        return None

    def linker(self) -> Linker:
        return Linker(href=self.href, asset=lambda n: "/static/" + n, home="/",
                      prefixes=self.prefixes,
                      nav=[("query", "/query"), ("ontology", "/ontology"),
                           ("VoID", "/.well-known/void")])


def create_app(config: ServeConfig) -> Any:
    """The ASGI app (opens the store read-only and starts the query workers on startup).

    >>> app = create_app(ServeConfig(base="https://kg.example.org/"))
    >>> callable(app)
    True
    """
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import RedirectResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    holder: dict[str, _State] = {}

    def state() -> _State:
        return holder["state"]

    def answer(a: Answer, **headers: str) -> Response:
        return Response(a.body, a.status, media_type=a.media_type, headers=headers or None)

    def text(status: int, message: str) -> Response:
        return answer(Answer.error(status, message))

    def origin(request: Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc}"

    def rdf(triples: list[Any], accept: str | None, prefixes: dict[str, str]) -> Response:
        media = choose(accept, list(GRAPH_TYPES))
        if media is None:
            return text(406, "not acceptable: offer " + ", ".join(GRAPH_TYPES))
        fmt = GRAPH_TYPES[media]
        return Response(serialize_graph(triples, fmt, prefixes), media_type=RDF_MEDIA[fmt],
                        headers={"Vary": "Accept"})

    async def read_body(request: Request) -> bytes | None:
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

    async def sparql(request: Request) -> Response:
        s = state()
        fields = list(request.query_params.multi_items())
        queries = [v for k, v in fields if k == "query"]
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return text(403, UPDATE_REFUSED)
            if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
                return text(415, "POST application/sparql-query or a form with query=...")
            body = await read_body(request)
            if body is None:
                return text(413, f"the request body is larger than {MAX_BODY} bytes")
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
                fields += form
                queries += [v for k, v in form if k == "query"]
            else:
                queries.append(body.decode("utf-8", "replace"))
        names = {k for k, _ in fields}
        if "update" in names:
            return text(403, UPDATE_REFUSED)
        if "default-graph-uri" in names or "named-graph-uri" in names:
            return text(400, "default-graph-uri and named-graph-uri are not supported: the "
                        "default graph is the union of the article graphs; use GRAPH")
        if len(queries) > 1:
            return text(400, "one query per request, please (several query= given)")
        if not queries:
            endpoint = origin(request) + "/sparql"
            void_iri = origin(request) + "/.well-known/void"
            return rdf(service_description(s.stats, endpoint, void_iri),
                       request.headers.get("accept"), VOID_PREFIXES)
        if not queries[0].strip():
            return text(400, "the query is empty")
        from starlette.concurrency import run_in_threadpool

        result = await run_in_threadpool(s.pool.run, queries[0], request.headers.get("accept"))
        return answer(result, Vary="Accept")

    def void(request: Request) -> Response:
        s = state()
        void_iri = origin(request) + "/.well-known/void"
        triples = void_triples(s.stats, s.base, endpoint=origin(request) + "/sparql",
                               license_iri=s.config.license, void_iri=void_iri)
        return rdf(triples, request.headers.get("accept"), VOID_PREFIXES)

    def home(request: Request) -> Response:
        s = state()
        linker = s.linker()
        hrefs = {c: f"/classes/{k}" for k, c in s.class_keys.items()}
        html = home_page(s.stats, linker, hrefs, [
            ("SPARQL query page", "/query"), ("SPARQL endpoint (service description)",
                                              "/sparql"),
            ("VoID description", "/.well-known/void"), ("ontology", "/ontology")])
        return Response(html, media_type=RDF_MEDIA["html"])

    def class_index(request: Request) -> Response:
        s = state()
        cls = s.class_keys.get(request.path_params["key"])
        if cls is None:
            return text(404, "no such class")
        html = class_page(cls, s.stats.members[cls], s.member_labels, s.linker())
        return Response(html, media_type=RDF_MEDIA["html"])

    def query_ui(request: Request) -> Response:
        s = state()
        html = query_page(s.examples, s.linker(), "sparql", s.base)
        return Response(html, media_type=RDF_MEDIA["html"])

    def describe_response(request: Request, desc: Description, fmt: str | None) -> Response:
        s = state()
        if fmt is None:
            media = choose(request.headers.get("accept"), _HTML_OFFERS)
            if media is None:
                return text(406, "not acceptable: offer " + ", ".join(_HTML_OFFERS))
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
        fmt = _EXT.get(request.path_params.get("ext", ""))
        return describe_response(request, state().onto_desc, fmt)

    def resource(request: Request) -> Response:
        s = state()
        raw = request.scope.get("raw_path") or b""
        path = request.url.path
        if _BAD_RAW.search(raw) or "\\" in path or any(
                seg in (".", "..") for seg in path.split("/")) or "//" in path:
            return text(400, "bad resource path")
        if not path.startswith(s.base_path):
            return text(404, "not found")
        rel = path[len(s.base_path):]
        fmt = None
        iri = s.base + rel
        if iri not in s.resources:
            stem, dot, ext = rel.rpartition(".")
            if dot and "." + ext in _EXT and s.base + stem in s.resources:
                iri, fmt = s.base + stem, _EXT["." + ext]
            else:
                return text(404, f"no resource {_clip(iri)}")
        desc = describe(s.store.ox, iri)
        if not desc.exists:
            return text(404, f"no resource {_clip(iri)}")
        return describe_response(request, desc, fmt)

    def favicon(request: Request) -> Response:
        return Response(status_code=204)

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        holder["state"] = _State(config)
        try:
            yield
        finally:
            holder.pop("state").close()

    routes = [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_ui, methods=["GET", "HEAD"]),
        Route("/void", lambda r: RedirectResponse("/.well-known/void", 303)),
        Route("/.well-known/void", void, methods=["GET", "HEAD"]),
        Route("/ontology", ontology, methods=["GET", "HEAD"]),
        Route("/ontology{ext:str}", ontology, methods=["GET", "HEAD"]),
        Route("/classes/{key:str}", class_index, methods=["GET", "HEAD"]),
        Route("/favicon.ico", favicon),
        Mount("/static", app=StaticFiles(directory=str(_STATIC)), name="static"),
        Route("/{path:path}", resource, methods=["GET", "HEAD"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=_middleware(config))
    return _Guard(app)


def _clip(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[:most] + "..."


class _Guard:
    """ASGI middleware: 414 for a request target over MAX_URL bytes, and the security
    headers on every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any],
                       receive: Callable[[], Awaitable[Any]],
                       send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS.items():
                    if k.lower().encode() not in names:
                        headers.append((k.lower().encode(), v.encode()))
                message["headers"] = headers
            await send(message)

        target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if target > MAX_URL:
            a = Answer.error(414, f"the URL is longer than {MAX_URL} bytes: send the query "
                             "with POST (application/sparql-query or a form)")
            await send_with_headers({"type": "http.response.start", "status": a.status,
                                     "headers": [(b"content-type", a.media_type.encode()),
                                                 (b"content-length", str(len(a.body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": a.body})
            return
        await self.app(scope, receive, send_with_headers)

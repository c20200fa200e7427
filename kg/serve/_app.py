"""The ``kg serve`` web application: Starlette over pyoxigraph (private)."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg._errors import InputError
from kg.serve._worker import Answer
from kg.vocab import DEFAULT_BASE
from kg.web import DEFAULT_LICENSE, SECURITY_HEADERS

__all__ = ["GZIP_MIN_BYTES", "MAX_BODY", "MAX_HEAD", "MAX_URL", "ServeConfig", "check_cors",
           "create_app"]

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


def create_app(config: ServeConfig) -> Any:
    """The ASGI app (opens the store read-only and starts the query workers on startup).

    >>> app = create_app(ServeConfig(base="https://kg.example.org/"))
    >>> callable(app)
    True
    """
    from starlette.applications import Starlette

    from kg.serve._routes import routes
    app = Starlette(routes=routes(), lifespan=functools.partial(_lifespan, config),
                    middleware=_middleware(config))
    return _Guard(app)


@contextlib.asynccontextmanager
async def _lifespan(config: ServeConfig, app: Any) -> AsyncIterator[None]:
    """The server's state on ``app.state.kg`` while it runs."""
    from kg.serve._state import State

    app.state.kg = State(config)
    try:
        yield
    finally:
        app.state.kg.close()
        del app.state.kg


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

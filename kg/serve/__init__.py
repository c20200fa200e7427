"""``kg serve``: a read-only SPARQL 1.1 endpoint, a query page and linked data.

Starlette (ASGI) under uvicorn, over the embedded pyoxigraph store opened read-only.
Queries run in killable worker processes with a time and a size limit; every
entity, fact and article IRI under the base dereferences with content negotiation
(HTML, Turtle, JSON-LD, N-Triples); ``/.well-known/void`` describes the dataset.

>>> from kg.serve import ServeConfig
>>> ServeConfig().host, ServeConfig().port
('127.0.0.1', 8000)
"""

from __future__ import annotations

from kg.serve._app import ServeConfig, check_cors, create_app

__all__ = ["ServeConfig", "check_cors", "create_app", "serve"]


def serve(config: ServeConfig) -> None:
    """Run the server until interrupted (binds ``config.host``, 127.0.0.1 by default)."""
    import uvicorn

    from kg.serve._app import MAX_HEAD

    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning",
                access_log=False, lifespan="on", http="h11",
                h11_max_incomplete_event_size=MAX_HEAD)

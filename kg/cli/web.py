"""``kg serve``, ``kg publish`` and ``kg push``: the graph over HTTP, as a static site,
into a SPARQL server (registered on the ``kg`` app by :mod:`kg.cli`; heavy imports stay
inside the commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import BaseOpt, StoreOpt, errors

__all__ = ["publish", "push", "serve"]

_LicenseOpt = Annotated[str | None, typer.Option(
    "--license", help="Licence IRI stated in the VoID (default: CC BY 4.0).")]


def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    base: BaseOpt = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", help="Time limit of one query, in seconds.")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Most rows (or triples) a query may return.")] = 10_000,
    workers: Annotated[int, typer.Option(
        "--workers", help="Query worker processes (queries run at once).")] = 2,
    max_memory: Annotated[int, typer.Option(
        "--max-memory", help="Memory (address space) cap of each query worker, in MiB; "
                             "0: none.")] = 2048,
    license_iri: _LicenseOpt = None,
    cors: Annotated[list[str] | None, typer.Option(
        "--cors", help="Let web pages of this origin query the server (CORS), e.g. "
                       "https://yasgui.org; repeat for more, '*' for any (default: none).")
    ] = None,
) -> None:
    """Serve SPARQL (/sparql), a query page (/query) and linked data for every IRI.

    Binds 127.0.0.1 unless --host says otherwise. Read-only: SPARQL Update is refused,
    and so is SERVICE (federated query), always. Responses over 1000 bytes are
    gzip-compressed for clients that accept it.
    """
    with errors():
        from kg._errors import InputError
        from kg.serve import ServeConfig, check_cors
        from kg.serve import serve as run_serve
        from kg.store import open_store
        from kg.vocab import check_base, default_base
        from kg.web import DEFAULT_LICENSE

        if not 0 <= port <= 65535:
            raise InputError(f"--port must be 0..65535, not {port}")
        if timeout <= 0 or max_rows <= 0 or workers <= 0:
            raise InputError("--timeout, --max-rows and --workers must be positive")
        if max_memory < 0:
            raise InputError(f"--max-memory must be 0 (no cap) or positive, not {max_memory}")
        served = check_base(default_base(base), served=True)
        config = ServeConfig(store=store, base=served, host=host,
                             port=port, timeout=timeout, max_rows=max_rows, workers=workers,
                             max_memory=max_memory, license=license_iri or DEFAULT_LICENSE,
                             cors=check_cors(cors or []))
        open_store(store, read_only=True).close()  # a missing store: one clear line, exit 2
        typer.echo(f"kg serve: http://{host}:{port}/  (SPARQL: /sparql, query page: /query, "
                   f"VoID: /.well-known/void; Ctrl-C stops)", err=True)
        run_serve(config)


def publish(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the site to.")],
    store: StoreOpt = None,
    base: BaseOpt = None,
    license_iri: _LicenseOpt = None,
    sparql: Annotated[str | None, typer.Option(
        "--sparql", help="A public SPARQL endpoint to name in the VoID.")] = None,
) -> None:
    """Write a static linked-data site: a page per resource with .ttl and .jsonld beside."""
    with errors():
        from kg.publish import publish as run_publish
        from kg.store import open_store
        from kg.vocab import default_base
        from kg.web import DEFAULT_LICENSE

        with open_store(store, read_only=True) as s:
            r = run_publish(s, output, default_base(base),
                            license_iri=license_iri or DEFAULT_LICENSE, sparql=sparql)
        typer.echo(f"pages: {r.pages} resources, {r.classes} class indexes")
        typer.echo(f"files: {r.files}  ({r.bytes} bytes)")
        typer.echo(f"site: {output}")


def push(
    endpoint: Annotated[str, typer.Option(
        "--endpoint", help="Graph Store Protocol URL (e.g. http://host:7878/store), or the "
                           "SPARQL Update URL with --update.")],
    store: StoreOpt = None,
    update: Annotated[bool, typer.Option(
        "--update", help="Use SPARQL Update (DROP + INSERT DATA) instead of the Graph Store "
                         "Protocol.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 60.0,
) -> None:
    """Upload every article graph to a SPARQL server, replacing each graph there.

    Authentication from the environment: KG_PUSH_TOKEN (bearer), or KG_PUSH_USER and
    KG_PUSH_PASSWORD (basic).
    """
    with errors():
        from kg.push import push as run_push
        from kg.store import open_store

        with open_store(store, read_only=True) as s:
            r = run_push(s, endpoint, update=update, timeout=timeout,
                         progress=lambda g, n, st: typer.echo(f"{st}  {g}  ({n} triples)"))
        typer.echo(f"pushed {r.graphs} graph(s), {r.triples} triples to {endpoint}")

"""``kg validate``, ``kg query`` and ``kg export``: the graph in the store or in a file
(registered on the ``kg`` app by :mod:`kg.cli`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg._errors import EXIT_VIOLATIONS, InputError
from kg.cli._common import BaseOpt, StoreOpt, errors

if TYPE_CHECKING:
    import rdflib

    from kg.graph import GraphFormat
    from kg.store import Store

__all__ = ["export", "query", "validate"]


def _load_rdf(path: Path) -> rdflib.Graph:
    import rdflib

    from kg.export import RdfFormat

    fmt = RdfFormat.from_extension(path)
    if not path.is_file():
        raise InputError("no such file", str(path))
    data = rdflib.Dataset(default_union=True) if fmt.supports_datasets else rdflib.Graph()
    try:
        data.parse(path, format=fmt.rdflib_name)
    except Exception as exc:  # rdflib raises many kinds; all mean unreadable input
        raise InputError(f"not valid {fmt.value}: {' '.join(str(exc).split())}"[:300],
                         str(path)) from None
    return _union(data)


def _union(data: rdflib.Graph) -> rdflib.Graph:
    import rdflib

    g = rdflib.Graph()
    for t in data.triples((None, None, None)):
        g.add(t)
    return g


def _facts_graph(path: Path, base: str | None) -> rdflib.Graph:
    from kg.facts import Document
    from kg.map import to_graph
    from kg.vocab import default_base

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"not a JSON facts file: {exc}", str(path)) from None
    graph: rdflib.Graph = to_graph(Document.from_json(text, str(path)), default_base(base))
    return graph


def validate(
    file: Annotated[Path | None, typer.Argument(
        help="An RDF file (format by extension) or a facts JSON file; default: the store.")] = None,
    store: StoreOpt = None,
    base: BaseOpt = None,
) -> None:
    """Validate RDF against the SHACL shapes: exit 0 conforms, 1 violations, 2 error."""
    with errors():
        from kg.validate import quiet_literals
        from kg.validate import validate as run_validate

        if file is not None and store is not None:
            raise InputError("give a FILE or --store, not both")
        stale: list[str] = []
        with quiet_literals():  # an ill-formed date is a violation, not a traceback
            if file is not None:
                graph = (_facts_graph(file, base) if file.suffix.lower() == ".json"
                         else _load_rdf(file))
            else:
                from kg.store import open_store

                with open_store(store, read_only=True) as s:
                    graph = _union(s.to_rdflib_dataset())
                    stale = _stale(s)
            report = run_validate(graph)
        typer.echo(report.text().rstrip("\n"))
        if file is None and stale:
            typer.echo(f"\nstale corrections: {len(stale)} (kg build --curation lists them)")
            for line in stale:
                typer.echo(f"  {line}")
        if not report.conforms:
            raise typer.Exit(EXIT_VIOLATIONS)


def query(
    sparql: Annotated[str | None, typer.Argument(
        metavar="QUERY", help="SPARQL text or a .rq file.")] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    named: Annotated[str | None, typer.Option("--named", "-n",
                                              help="Run a shipped query by name.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the shipped queries.")] = False,
    base: BaseOpt = None,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Let SERVICE (federated query) fetch the URLs the query "
                                "names (off: kg query goes to no network).")] = False,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE",
        help="A parameter of a shipped query (see --list), such as treaty=treaty/cfe or "
             "from=1991; repeatable.")] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", help="At most this many rows (shipped queries: 1000 unless given).")] = None,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many rows first.")] = 0,
) -> None:
    """Run a SPARQL query over the store (default graph = every article graph)."""
    with errors():
        from kg.query import FORMATS, format_result, run_query

        if fmt not in FORMATS:
            from kg._errors import FormatError

            raise FormatError(f"unknown result format {fmt!r} (known: {', '.join(FORMATS)})")
        if list_:
            _list_queries()
            return
        text = _query_text(sparql, named)
        from kg.query import bind, page
        from kg.store import open_store
        from kg.vocab import default_base, prefixes

        if named is not None and limit is None:
            limit = NAMED_PAGE
        with open_store(store, read_only=True) as s:
            text = bind(text, _params(param or []), s, default_base(base))
            result = run_query(s, page(text, None if limit is None else limit + 1, offset),
                               allow_service=allow_service)
        if limit is not None and len(result.rows) > limit:
            result.rows = result.rows[:limit]
            typer.echo(f"kg: more rows: this is a page of {limit}; the next one is "
                       f"--offset {offset + limit}", err=True)
        typer.echo(format_result(result, fmt, prefixes(default_base(base))), nl=False)


#: The page size of a shipped query run without --limit.
NAMED_PAGE = 1000


def _list_queries() -> None:
    from kg.query import named_queries, params_of

    for name, (title, text) in named_queries().items():
        typer.echo(f"{name:<20} {title}")
        for p in params_of(text).values():
            typer.echo(f"  -p {p.name}=...  ({p.type}) {p.help}")


def _params(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"a parameter is NAME=VALUE, not {item[:60]!r}")
        out[name.strip()] = value
    return out


def _stale(store: Store) -> list[str]:
    """The stale corrections a store records (kg build --curation)."""
    from kg.curate import stale_corrections

    return stale_corrections(store)


def _query_text(sparql: str | None, named: str | None) -> str:
    from kg.query import named_queries

    if named is not None:
        if sparql is not None:
            raise InputError("give QUERY or --named, not both")
        queries = named_queries()
        if named not in queries:
            known = ", ".join(queries) or "none shipped"
            raise InputError(f"no query named {named!r} (known: {known})")
        return queries[named][1]
    if sparql is None:
        raise InputError("give a QUERY (SPARQL text or a .rq file), --named NAME or --list")
    if sparql.endswith(".rq") or ("\n" not in sparql and Path(sparql).is_file()):
        try:
            return Path(sparql).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such file", sparql) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read: {exc}", sparql) from None
    return sparql


def _graph_view(store: Path | None, fmt: GraphFormat, output: Path | None,
                article: str | None, around: str | None, depth: int, graphviz: bool) -> bytes:
    """The store as a graph view (written atomically to ``output`` if given); for a
    picture, one line on stderr says who drew it."""
    from kg._files import write_atomic
    from kg.graph import GraphFormat, picture_drawer, project, render
    from kg.store import open_store

    with open_store(store, read_only=True) as s:
        g = project(s, article=article, around=around, depth=depth)
    data = render(g, fmt, graphviz=graphviz)
    if output is not None:
        write_atomic(output, data)
    if fmt in (GraphFormat.SVG, GraphFormat.PNG):
        who = picture_drawer(g) if graphviz else "matplotlib (--no-graphviz)"
        hint = " (install Graphviz for a better layout of large graphs)" \
            if who == "matplotlib" else ""
        sys.stderr.write(f"kg: drawn by {who}{hint}\n")
    return data


def export(
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="RDF: ttl, nt, jsonld, trig, nq, xml (RDF/XML); graph views: "
                               "graphml, gexf, cyjs, dot, html, svg, png, timeline, "
                               "timeline-svg, timeline-png.")] = "ttl",
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="File to write (default: stdout).")] = None,
    store: StoreOpt = None,
    base: BaseOpt = None,
    article: Annotated[str | None, typer.Option(
        "--article", help="Graph views: only this article (its id).")] = None,
    around: Annotated[str | None, typer.Option(
        "--around", help="Graph views: only the neighbourhood of this entity (a name, "
                         "an alias or an IRI such as state/russia).")] = None,
    depth: Annotated[int, typer.Option(
        "--depth", help="Graph views: how many facts away from --around (default 1).")] = 1,
    graphviz: Annotated[bool, typer.Option(
        "--graphviz/--no-graphviz", help="svg and png: draw with Graphviz (sfdp for a large "
                                         "graph) when it is installed, else kg's own "
                                         "drawing.")] = True,
) -> None:
    """Write the store's article graphs as RDF, sorted and deterministic, or as an entity
    graph view (GraphML, GEXF, Cytoscape JSON, DOT, an interactive HTML page, SVG, PNG)."""
    with errors():
        from kg._errors import FormatError
        from kg.export import RdfFormat
        from kg.export import export as run_export
        from kg.graph import GraphFormat
        from kg.store import open_store
        from kg.vocab import default_base

        if GraphFormat.is_name(fmt):
            graph_format = GraphFormat.from_name(fmt)
            if output is None and graph_format.binary and sys.stdout.isatty():
                raise InputError(f"{graph_format.value} is binary: give -o FILE")
            data = _graph_view(store, graph_format, output, article, around, depth, graphviz)
        else:
            try:
                rdf_format = RdfFormat.from_name(fmt)
            except FormatError:
                known = ", ".join([*RdfFormat, *GraphFormat])
                raise FormatError(f"unknown format {fmt!r} (known: {known})") from None
            if article is not None or around is not None:
                raise InputError("--article and --around apply to the graph formats "
                                 "(graphml, gexf, cyjs, dot, html, svg, png, timeline[-svg|-png])")
            with open_store(store, read_only=True) as s:
                data = run_export(s, rdf_format, output, default_base(base))
                if output is not None:
                    from kg.export import triples_written

                    typer.echo(f"{output}: {triples_written(s, rdf_format)}")
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

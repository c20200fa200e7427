"""The ``kg`` command line: a thin layer over :mod:`kg.pipeline`, :mod:`kg.store`,
:mod:`kg.query`, :mod:`kg.export` and :mod:`kg.validate`.

Heavy libraries (rdflib, pySHACL, pyoxigraph) are imported inside the commands that
need them, so ``kg extract`` starts fast. Errors print one line, ``kg: error: ...``,
and exit 2; ``kg validate`` and ``kg build`` exit 1 when the data has violations.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg._cli_build import build_command
from kg._errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, InputError, KgError

if TYPE_CHECKING:
    import rdflib

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build an RDF knowledge graph from arms-control news: extract, build, validate, "
         "query, export, eval.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Store folder (default: $KG_STORE, else ./kg-store).")]
BaseOpt = Annotated[str | None, typer.Option(
    "--base", help="Instance base IRI (default: $KG_BASE, else https://kg.example.org/).")]


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn kg's errors into one line on stderr and the matching exit code."""
    try:
        yield
    except KgError as exc:
        raise _fail(" ".join(str(exc).split()), exc.exit_code) from None
    except KeyboardInterrupt:
        raise _fail("interrupted") from None


@app.command()
def extract(
    article: Annotated[Path, typer.Argument(
        help="An article file (header lines, blank line, body).")],
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date YYYY-MM-DD, overriding the header.")] = None,
    mode: Annotated[str, typer.Option(
        "--mode", help="rules (default); parse or hybrid add a dependency parse "
                       "(needs pip install 'kg\\[nlp]').")] = "rules",
) -> None:
    """Print the facts of one article as JSON (the facts format)."""
    with _errors():
        from kg.pipeline import extract_file

        doc = extract_file(article, published, mode)
        typer.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))


app.command("build")(build_command)


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


@app.command()
def validate(
    file: Annotated[Path | None, typer.Argument(
        help="An RDF file (format by extension) or a facts JSON file; default: the store.")] = None,
    store: StoreOpt = None,
    base: BaseOpt = None,
) -> None:
    """Validate RDF against the SHACL shapes: exit 0 conforms, 1 violations, 2 error."""
    with _errors():
        from kg.validate import quiet_literals
        from kg.validate import validate as run_validate

        if file is not None and store is not None:
            raise InputError("give a FILE or --store, not both")
        with quiet_literals():  # an ill-formed date is a violation, not a traceback
            if file is not None:
                graph = (_facts_graph(file, base) if file.suffix.lower() == ".json"
                         else _load_rdf(file))
            else:
                from kg.store import open_store

                with open_store(store, read_only=True) as s:
                    graph = _union(s.to_rdflib_dataset())
            report = run_validate(graph)
        typer.echo(report.text().rstrip("\n"))
        if not report.conforms:
            raise typer.Exit(EXIT_VIOLATIONS)


@app.command()
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
) -> None:
    """Run a SPARQL query over the store (default graph = every article graph)."""
    with _errors():
        from kg.query import FORMATS, format_result, named_queries, run_query

        if fmt not in FORMATS:
            from kg._errors import FormatError

            raise FormatError(f"unknown result format {fmt!r} (known: {', '.join(FORMATS)})")
        if list_:
            for name, (title, _) in named_queries().items():
                typer.echo(f"{name:<20} {title}")
            return
        text = _query_text(sparql, named)
        from kg.store import open_store
        from kg.vocab import default_base, prefixes

        with open_store(store, read_only=True) as s:
            result = run_query(s, text, allow_service=allow_service)
        typer.echo(format_result(result, fmt, prefixes(default_base(base))), nl=False)


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


@app.command()
def export(
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="RDF: ttl, nt, jsonld, trig, nq, xml (RDF/XML); graph views: "
                               "graphml, gexf, cyjs, dot, html, svg, png.")] = "ttl",
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
) -> None:
    """Write the store's article graphs as RDF, sorted and deterministic, or as an entity
    graph view (GraphML, GEXF, Cytoscape JSON, DOT, an interactive HTML page, SVG, PNG)."""
    with _errors():
        from kg._errors import FormatError
        from kg.export import RdfFormat
        from kg.export import export as run_export
        from kg.graph import GraphFormat
        from kg.store import open_store
        from kg.vocab import default_base

        if GraphFormat.is_name(fmt):
            from kg.graph import export_graph

            graph_format = GraphFormat.from_name(fmt)
            if output is None and graph_format.binary and sys.stdout.isatty():
                raise InputError(f"{graph_format.value} is binary: give -o FILE")
            with open_store(store, read_only=True) as s:
                data = export_graph(s, graph_format, output, article=article, around=around,
                                    depth=depth)
        else:
            try:
                rdf_format = RdfFormat.from_name(fmt)
            except FormatError:
                known = ", ".join([*RdfFormat, *GraphFormat])
                raise FormatError(f"unknown format {fmt!r} (known: {known})") from None
            if article is not None or around is not None:
                raise InputError("--article and --around apply to the graph formats "
                                 "(graphml, gexf, cyjs, dot, html, svg, png)")
            with open_store(store, read_only=True) as s:
                data = run_export(s, rdf_format, output, default_base(base))
                if output is not None:
                    from kg.export._export import triples_written

                    typer.echo(f"{output}: {triples_written(s, rdf_format)}")
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(
        help="Folder of gold facts NAME.json; articles are NAME.txt in GOLD/../articles.")],
    articles: Annotated[Path | None, typer.Option(
        "--articles", help="Folder of the articles (default: GOLD/../articles).")] = None,
    misses: Annotated[bool, typer.Option(
        "--misses", help="Also list the gold facts that were missed.")] = False,
    by_rule: Annotated[bool, typer.Option(
        "--by-rule", help="Also print how many facts of each extraction rule matched gold "
                          "(tp) and did not (fp), with the rule's confidence.")] = False,
    save_confidence: Annotated[bool, typer.Option(
        "--save-confidence", help="Write the rules' confidence table the extractor ships "
                                  "(kg/data/rule-confidence.tsv) from this gold.")] = False,
) -> None:
    """Score the extractor on annotated articles: precision, recall and F1 per fact kind
    and per entity type, and the accuracy of optional fields."""
    with _errors():
        from kg.evaluate import evaluate, rule_table
        from kg.evaluate import save_confidence as save
        from kg.pipeline import extract_file

        result = evaluate(gold, lambda p: extract_file(p, None).to_dict(), articles)
        typer.echo(result.table())
        if misses and result.misses:
            typer.echo("\nmissed gold facts")
            for line in result.misses:
                typer.echo("  " + line)
        if by_rule:
            typer.echo("\n" + rule_table(result))
        if save_confidence:
            typer.echo(f"confidence table written: {save(result)}")


def _register_more() -> None:
    from kg._cli_web import register as register_web

    register_web(app)


_register_more()


def _print_version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Print kg's version and exit.")] = False,
) -> None:
    pass


def main() -> None:
    """The console entry point: run the app, one line on stderr for any kg error."""
    from kg._cli_errors import parser_error, unwrap_help

    unwrap_help(app)
    try:
        code = app(standalone_mode=False)
    except KgError as exc:
        print(f"kg: error: {' '.join(str(exc).split())}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("kg: error: interrupted", file=sys.stderr)
        code = EXIT_ERROR
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        print("kg: error: aborted", file=sys.stderr)
        code = EXIT_ERROR
    except Exception as exc:  # the parser's usage errors (click's, or typer's copy of them)
        code = parser_error(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)

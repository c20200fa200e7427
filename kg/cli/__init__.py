"""The ``kg`` command line: a thin layer over :mod:`kg.pipeline`, :mod:`kg.store`,
:mod:`kg.query`, :mod:`kg.export` and :mod:`kg.validate`.

One module per command group, each importing nothing back from here:
:mod:`kg.cli.facts` (extract, eval), :mod:`kg.cli.build` (build),
:mod:`kg.cli.graph` (validate, query, export), :mod:`kg.cli.web` (serve, publish,
push), :mod:`kg.cli.review` (the ``kg review`` group); what they share is in
``kg/cli/_common.py``, the parser's errors in ``kg/cli/_parser.py``.

Heavy libraries (rdflib, pySHACL, pyoxigraph) are imported inside the commands that
need them, so ``kg extract`` starts fast. Errors print one line, ``kg: error: ...``,
and exit 2; ``kg validate`` and ``kg build`` exit 1 when the data has violations.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kg._errors import EXIT_ERROR, EXIT_OK, KgError
from kg.cli import build, facts, graph, review, web
from kg.cli._parser import unwrap_help

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build an RDF knowledge graph from arms-control news: extract, build, validate, "
         "query, export, eval.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# The commands, in the order ``kg --help`` lists them.
app.command("extract")(facts.extract)
app.command("build")(build.build_command)
app.command("validate")(graph.validate)
app.command("query")(graph.query)
app.command("export")(graph.export)
app.command("eval")(facts.eval_)
app.command("serve")(web.serve)
app.command("publish")(web.publish)
app.command("push")(web.push)
unwrap_help(review.app)  # as main() does for the top-level commands
app.add_typer(review.app, name="review")


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
    from kg.cli._parser import parser_error

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

"""``kg review write`` and ``kg review read``: a review sheet of facts, read back into
the curation folder (a command group, added to the ``kg`` app by :mod:`kg.cli`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli._common import errors

__all__ = ["app", "read", "write"]

app = typer.Typer(
    name="review", no_args_is_help=True, add_completion=False,
    help="The review loop: a sheet of facts to check (CSV and facts JSON), read back as "
         "corrections that kg build --curation applies.")

_CurationOpt = Annotated[Path | None, typer.Option(
    "--curation", envvar="KG_CURATION", show_envvar=False,
    help="The curation folder (default: $KG_CURATION).")]


@app.command("write")
def write(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help="Article files or folders (as kg build reads them).")],
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="The sheet: SHEET.csv and SHEET.json are written.")],
    curation: _CurationOpt = None,
) -> None:
    """Write a review sheet of the articles' facts, one row each (evidence sentence, rule,
    confidence), with the curation folder's decisions filled in."""
    with errors():
        from kg.curate import load_curation, read_articles, write_sheet

        cur = load_curation(curation) if curation is not None else None
        rows, articles, files = write_sheet(read_articles(paths), cur, output)
        typer.echo(f"review sheet: {rows} facts of {articles} article(s): "
                   + ", ".join(str(f) for f in files))


@app.command("read")
def read(
    sheet: Annotated[Path, typer.Argument(help="The reviewed sheet, .csv or .json.")],
    by: Annotated[str, typer.Option("--by", help="Who reviewed (recorded on each new "
                                                 "correction).")],
    curation: _CurationOpt = None,
    when: Annotated[str | None, typer.Option(
        "--when", help="When (ISO date or date-time; default: today, UTC).")] = None,
) -> None:
    """Read a reviewed sheet into the curation folder: accept marks a fact reviewed,
    reject removes it, change keeps the edited fields, add adds the row's fact."""
    with errors():
        import datetime

        from kg._errors import InputError
        from kg.curate import apply_rows, read_sheet

        if curation is None:
            raise InputError("give the curation folder: --curation DIR (or $KG_CURATION)")
        rows, documents = read_sheet(sheet)
        day = when or datetime.datetime.now(datetime.UTC).date().isoformat()
        n = apply_rows(rows, documents, curation, by, day)
        typer.echo(f"curation: {n['accept']} accepted, {n['reject']} rejected, "
                   f"{n['change']} changed, {n['add']} added; {n['files']} file(s) "
                   f"written in {curation}")

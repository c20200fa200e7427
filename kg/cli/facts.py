"""``kg extract`` and ``kg eval``: the facts of articles, and how good they are
(registered on the ``kg`` app by :mod:`kg.cli`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli._common import errors

__all__ = ["eval_", "extract"]


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
    with errors():
        from kg.pipeline import extract_file

        doc = extract_file(article, published, mode)
        typer.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))


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
    curation: Annotated[Path | None, typer.Option(
        "--curation", help="Score the facts with the corrections of this curation folder "
                           "applied (what kg build --curation stores).")] = None,
) -> None:
    """Score the extractor on annotated articles: precision, recall and F1 per fact kind
    and per entity type, and the accuracy of optional fields."""
    with errors():
        from kg.evaluate import evaluate, rule_table
        from kg.evaluate import save_confidence as save
        from kg.pipeline import extract_file

        read = _curated_reader(curation) if curation is not None else (
            lambda p: extract_file(p, None).to_dict())
        result = evaluate(gold, read, articles)
        typer.echo(result.table())
        if misses and result.misses:
            typer.echo("\nmissed gold facts")
            for line in result.misses:
                typer.echo("  " + line)
        if by_rule:
            typer.echo("\n" + rule_table(result))
        if save_confidence:
            typer.echo(f"confidence table written: {save(result)}")


def _curated_reader(folder: Path) -> Callable[[Path], dict[str, Any]]:
    from kg.curate import curated_reader

    return curated_reader(folder)

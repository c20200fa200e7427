"""``kg build``: articles into the store (registered on the ``kg`` app by :mod:`kg.cli`).

Heavy imports stay inside the command, so ``kg --help`` and ``kg extract`` start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg._errors import EXIT_VIOLATIONS, InputError
from kg.cli._common import errors, fail

if TYPE_CHECKING:
    from kg.pipeline import BuildResult

__all__ = ["build_command"]

_LISTED = 20  # files and records listed as skipped; the rest are counted


def build_command(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATH|URL",
        help="Article files, folders, JSON Lines or JSON files, saved pages, feeds, WARC "
             "files, or URLs of pages and feeds (default: the bundled seed article).")
    ] = None,
    store: Annotated[Path | None, typer.Option(
        "--store", help="Store folder (default: $KG_STORE, else ./kg-store).")] = None,
    base: Annotated[str | None, typer.Option(
        "--base", help="Instance base IRI (default: $KG_BASE, else https://kg.example.org/)."
    )] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", help="Extraction processes (default: all cores).")] = None,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Drop the graphs of articles that are no longer in the input.")] = False,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", help="Most articles per store transaction (fewer when their quads "
        "pass one bulk load).")] = 4096,
    executor: Annotated[str, typer.Option(
        "--executor", help="local (processes on this machine) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://HOST:8786), with --executor dask."
    )] = None,
    push: Annotated[str | None, typer.Option(
        "--push", help="Write into this SPARQL Update endpoint instead of the store.")] = None,
    resolution: Annotated[Path | None, typer.Option(
        "--resolution", help="Write the entity-resolution report (JSON) to this file.")] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Progress bar on stderr (default: on a terminal).")
    ] = None,
    wait: Annotated[float, typer.Option(
        "--wait", help="Seconds to wait while another process writes to the store "
                       "(default: fail at once with 'store is busy').")] = 0.0,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", help="Leave out facts whose confidence (their rule's precision "
                                 "on annotated real news, 0 to 1) is lower.")] = 0.0,
    urls: Annotated[Path | None, typer.Option(
        "--urls", help="A file of URLs to build, one a line ('#' starts a comment line).")
    ] = None,
    glob: Annotated[list[str] | None, typer.Option(
        "--glob", help="Which files of a folder are articles (repeat for more; default: "
                       "*.txt *.text *.jsonl *.ndjson *.json *.html *.htm *.xhtml *.rss "
                       "*.atom *.warc *.warc.gz). Other files are listed as skipped.")] = None,
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Build the good articles and report each bad record (file, "
                           "line, reason) instead of stopping at the first.")] = False,
    refetch: Annotated[bool, typer.Option(
        "--refetch", help="Fetch pages again even when the cache holds them.")] = False,
    cache: Annotated[Path | None, typer.Option(
        "--cache", help="HTTP cache folder (default: $KG_CACHE, else ./kg-cache).")] = None,
    delay: Annotated[float, typer.Option(
        "--delay", help="Seconds between two requests to one host (robots.txt "
                        "Crawl-delay, if longer, wins).")] = 1.0,
    timeout: Annotated[float, typer.Option(
        "--timeout", help="Seconds before a request is given up (then retried).")] = 30.0,
    curation: Annotated[Path | None, typer.Option(
        "--curation", envvar="KG_CURATION", show_envvar=False,
        help="Apply the analysts' corrections in this folder (default: $KG_CURATION; "
             "see kg review).")] = None,
    mentions: Annotated[bool, typer.Option(
        "--mentions/--no-mentions", help="Keep the mention layer (where the text names each "
                                         "entity, a third of a graph); the entities, facts "
                                         "and evidence stay without it.")] = True,
    compact: Annotated[bool | None, typer.Option(
        "--compact/--no-compact", help="Compact the store's files at the end, so that queries "
                                       "read fewer of them (default: when the build loaded "
                                       "1,000 articles or more).", show_default=False)] = None,
) -> None:
    """Extract, map, validate and store articles, one named graph per article.

    Unchanged articles are skipped, edited ones rebuilt; Ctrl-C keeps what is built.
    Web pages, URLs, feeds and WARC files need pip install 'kg\\[web]'.
    """
    with errors():
        inputs = _inputs(paths, urls)
        _check(workers, batch_size, wait, min_confidence, resolution, push, delay, timeout)
        result = _run(inputs, store, base, workers, prune, batch_size, executor, scheduler,
                      push, progress, wait, min_confidence, skip_bad, glob, refetch, cache,
                      delay, timeout, curation, mentions, compact)
        _report(result, prune, push)
        if resolution is not None and not result.interrupted:
            _resolution(store, resolution)
        if result.interrupted:
            raise fail(f"interrupted: {len(result.loaded)} article(s) stored; "
                        "run the same build again to go on")
        if not result.conforms:
            typer.echo(result.violations, err=True)
            raise typer.Exit(EXIT_VIOLATIONS)


def _inputs(paths: list[str] | None, urls: Path | None) -> list[str] | None:
    from kg.read import read_url_list

    inputs = list(paths or [])
    if urls is not None:
        inputs.extend(read_url_list(urls))
        if not inputs:
            raise InputError("holds no URL", str(urls))
    return inputs or None


def _check(workers: int | None, batch_size: int, wait: float, min_confidence: float,
           resolution: Path | None, push: str | None, delay: float, timeout: float) -> None:
    if workers is not None and workers < 1:
        raise InputError("--workers must be at least 1")
    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    if wait < 0:
        raise InputError("--wait must not be negative")
    if not 0 <= min_confidence <= 1:
        raise InputError("--min-confidence must be from 0 to 1")
    if resolution is not None and push is not None:
        raise InputError("--resolution reads the local store: not with --push")
    if delay < 0:
        raise InputError("--delay must not be negative")
    if timeout <= 0:
        raise InputError("--timeout must be positive")


def _run(inputs: list[str] | None, store: Path | None, base: str | None,
         workers: int | None, prune: bool, batch_size: int, executor: str,
         scheduler: str | None, push: str | None, progress: bool | None, wait: float,
         min_confidence: float, skip_bad: bool, glob: list[str] | None, refetch: bool,
         cache: Path | None, delay: float, timeout: float,
         curation: Path | None = None, mentions: bool = True,
         compact: bool | None = None) -> BuildResult:
    import os

    from kg.pipeline import BuildOptions, progress_bar
    from kg.pipeline import build as run_build
    from kg.read import FetchOptions

    fetch = FetchOptions(cache=cache, refetch=refetch, delay=delay, timeout=timeout)
    options = BuildOptions(base=base, workers=workers or os.cpu_count() or 1, prune=prune,
                           batch_size=batch_size, executor=executor, scheduler=scheduler,
                           push=push, wait=wait, min_confidence=min_confidence,
                           skip_bad=skip_bad, globs=glob or None, fetch=fetch,
                           curation=curation, mentions=mentions, compact=compact)
    show = sys.stderr.isatty() if progress is None else progress
    with progress_bar(show) as on_progress:
        return run_build(inputs, store, options, progress=on_progress)


def _report(r: BuildResult, prune: bool, push: str | None) -> None:
    for line in r.bad:
        typer.echo(f"kg: bad input left out: {line}", err=True)
    rejected = ", ".join(r.rejected)
    verdict = "conforms" if r.conforms else f"VIOLATIONS in {rejected} (not loaded)"
    typer.echo(f"articles: {r.articles} ({len(r.loaded)} loaded, {r.skipped} unchanged"
               + (f", {len(r.pruned)} pruned" if prune else "")
               + (f", {len(r.bad)} bad left out" if r.bad else "") + ")")
    if push is None:
        typer.echo(f"entities: {r.entities}  facts: {r.facts}  triples in store: {r.triples}")
    else:  # what needs the whole corpus is made from a store
        typer.echo("kg: --push sent the article graphs and their entities; the events graph "
                   "and the query index are made from a store: build into one and `kg push` "
                   "it to send them too", err=True)
    typer.echo(f"SHACL: {verdict}")
    typer.echo(f"store: {r.store}")
    if r.not_articles:
        typer.echo(f"skipped, not articles: {len(r.not_articles)}")
        for line in r.not_articles[:_LISTED]:
            typer.echo(f"  {line}")
        if len(r.not_articles) > _LISTED:
            typer.echo(f"  ... and {len(r.not_articles) - _LISTED} more")
    if r.stale:  # curation (issue 16)
        typer.echo(f"stale corrections: {len(r.stale)} (they no longer find what they correct)")
        for line in r.stale:
            typer.echo(f"  {line}")


def _resolution(store: Path | None, resolution: Path) -> None:
    from kg._files import write_atomic
    from kg.resolve import resolution_report
    from kg.store import open_store

    with open_store(store, read_only=True) as s:
        report = resolution_report(s)
    write_atomic(resolution, report.to_json().encode("utf-8"))
    typer.echo(f"resolution: {report.summary()} ({resolution})")

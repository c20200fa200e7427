"""The articles a build reads: the seed, one file, the stream of the inputs, in two
passes (private; see :mod:`kg.pipeline`)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kg.facts import Document
    from kg.pipeline._options import Work
    from kg.read import Article, Fetcher

__all__ = [
    "articles", "chunks", "extract_file", "read_all", "seed_article", "todo_articles",
]


class Report(Protocol):
    """Where pass 1 notes what it left out (a :class:`kg.pipeline.BuildResult`)."""

    not_articles: list[str]
    bad: list[str]


@contextmanager
def seed_article() -> Iterator[Path]:
    """The path of the bundled seed article (``kg/data/00-tass-cfe.txt``)."""
    with resources.as_file(resources.files("kg") / "data" / "00-tass-cfe.txt") as p:
        yield p


def extract_file(path: str | os.PathLike[str], published: str | None = None,
                 mode: str = "rules") -> Document:
    """Read one article file and extract its facts (``mode``: see :func:`kg.extract.extract`).

    Raises :class:`kg.InputError` for a file that cannot be read as an article.
    """
    from kg.extract import extract
    from kg.read import read_article

    return extract(read_article(Path(path), published), mode)


def articles(paths: Sequence[str | Path] | None, globs: Sequence[str] | None,
             fetcher: Fetcher, skip_bad: bool, report: Report | None) -> Iterator[Article]:
    """The articles of the inputs (None: the seed). A bad record raises, or with
    ``skip_bad`` is left out; ``report`` (the first pass) collects what was left out."""
    from kg._errors import InputError
    from kg.read import Skipped, read_inputs

    with seed_article() as seed, _closing(fetcher):
        inputs: Sequence[str | Path] = list(paths) if paths else [seed]
        for item in read_inputs(inputs, globs=globs, fetcher=fetcher):
            if isinstance(item, Skipped):
                if report is not None:
                    report.not_articles.append(str(item))
            elif isinstance(item, InputError):
                if not skip_bad:
                    raise item
                if report is not None:
                    report.bad.append(" ".join(str(item).split()))
            else:
                yield item


def read_all(paths: Sequence[str | Path] | None, work: Work, skip_bad: bool,
             globs: Sequence[str] | None, fetcher: Fetcher, report: Report) -> dict[str, str]:
    """Pass 1: read and check every article; the source hash of each article graph."""
    from kg._errors import InputError
    from kg.map import article_iri
    from kg.pipeline._work import source_hash

    wanted: dict[str, str] = {}
    where: dict[str, str] = {}
    for article in articles(paths, globs, fetcher, skip_bad, report):
        iri = str(article_iri(article.meta.id, work.base))
        here = article.path or article.meta.id
        if iri in wanted:
            error = InputError(f"two articles with the id {article.meta.id!r} "
                               f"(also {where[iri]})", here)
            if not skip_bad:
                raise error
            report.bad.append(str(error))
            continue
        wanted[iri] = source_hash(article, work.base, work.min_confidence, work.mentions)
        where[iri] = here
    return wanted


def todo_articles(items: Iterator[Article], todo: set[str], base: str) -> Iterator[Article]:
    """Pass 2: the articles to build, each id once (the first, as pass 1 kept it)."""
    from kg.map import article_iri

    todo = set(todo)
    for article in items:
        iri = str(article_iri(article.meta.id, base))
        if iri in todo:
            todo.discard(iri)
            yield article


def chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    """The articles ``size`` at a time (the unit of work sent to a worker)."""
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _closing(fetcher: Fetcher) -> Iterator[None]:
    try:
        yield
    finally:
        fetcher.close()  # its HTTP connections; a later pass opens new ones

"""The build pipeline: articles -> facts -> RDF -> SHACL -> store.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:  # the bundled seed article
...     result = build(None, d)
...     (result.articles, result.store == Path(d))
(1, True)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.vocab import check_base, default_base

if TYPE_CHECKING:
    from kg.facts import Document
    from kg.read import Article, Fetcher, FetchOptions
    from kg.store import Store

__all__ = ["BuildResult", "build", "default_base", "extract_file", "seed_article"]

@dataclass
class BuildResult:
    """What :func:`build` did.

    ``articles`` counts the articles read, ``skipped`` those whose source was already
    built unchanged (not even extracted), ``rejected`` the ids of those not loaded for
    SHACL violations (explained in ``violations``), ``pruned`` the graphs removed by
    ``prune``. ``entities``, ``facts`` and ``triples`` are the store's after the build,
    counted by :func:`kg.store.counts` (0 with ``push``: there is no local store), so an
    unchanged build gives the same figures as the first. ``interrupted`` is set when
    Ctrl-C stopped the build: what was written until then is kept. ``not_articles``
    lists the files of folders (and records of web archives) that are not articles,
    each with why; ``bad`` the bad records left out with ``skip_bad``, each with its
    file, line and reason.
    """

    articles: int = 0
    skipped: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    conforms: bool = True
    violations: str = ""
    store: Path = field(default_factory=Path)
    loaded: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    interrupted: bool = False
    not_articles: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    seconds: float = 0.0
    validate_seconds: float = 0.0


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


def _inputs(paths: Sequence[str | Path] | None, globs: Sequence[str] | None,
            fetcher: Fetcher, skip_bad: bool, report: BuildResult | None
            ) -> Iterator[Article]:
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


def _read_all(paths: Sequence[str | Path] | None, base: str, min_confidence: float,
              skip_bad: bool, globs: Sequence[str] | None, fetcher: Fetcher,
              result: BuildResult) -> dict[str, str]:
    """Pass 1: read and check every article; the source hash of each article graph."""
    from kg._errors import InputError
    from kg.build import source_hash
    from kg.map import article_iri

    wanted: dict[str, str] = {}
    where: dict[str, str] = {}
    for article in _inputs(paths, globs, fetcher, skip_bad, result):
        iri = str(article_iri(article.meta.id, base))
        here = article.path or article.meta.id
        if iri in wanted:
            error = InputError(f"two articles with the id {article.meta.id!r} "
                               f"(also {where[iri]})", here)
            if not skip_bad:
                raise error
            result.bad.append(str(error))
            continue
        wanted[iri] = source_hash(article, base, min_confidence)
        where[iri] = here
    return wanted


@contextmanager
def _closing(fetcher: Fetcher) -> Iterator[None]:
    try:
        yield
    finally:
        fetcher.close()  # its HTTP connections; a later pass opens new ones


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: Below this many articles to build, the work runs in the building process.
_INLINE_BELOW = 24


def build(paths: Sequence[str | Path] | None,
          store_path: str | os.PathLike[str] | None = None,
          base: str | None = None, *, workers: int = 1, prune: bool = False,
          batch_size: int = 64, chunk_size: int = 16, validate: bool = True,
          executor: str = "local", scheduler: str | None = None, push: str | None = None,
          progress: Callable[[int, int], None] | None = None,
          wait: float = 0.0, min_confidence: float = 0.0, skip_bad: bool = False,
          globs: Sequence[str] | None = None, fetch: FetchOptions | None = None
          ) -> BuildResult:
    """Build the articles at ``paths`` (files, folders, URLs; None: the seed; see
    :func:`kg.read.read_inputs`: ``globs`` is the rule for which files of a folder are
    articles, ``fetch`` how URLs are fetched).

    1. Every article is read and checked first, as a stream, before the store is
       opened, so bad input changes nothing (:class:`kg.InputError`); with
       ``skip_bad``, each bad record (and a second article of an id) is left out and
       reported in ``bad``, and the rest is built.
    2. An article whose source hash (text, metadata, base, kg version) is stored
       unchanged is skipped without extracting it.
    3. The others are extracted, mapped and validated with pySHACL, each article's
       graph on its own, on ``workers`` processes (``executor="dask"``: on the Dask
       cluster at ``scheduler``). One with violations is not loaded.
    4. The graphs are written ``batch_size`` at a time, each batch in one transaction
       that replaces the articles' named graphs and hashes, so an article is never
       half-written; with ``push`` they go to that SPARQL Update endpoint instead.
    5. With ``prune``, the graphs of articles no longer in the input are removed.

    With ``min_confidence``, a fact whose confidence (its rule's precision on
    annotated real news) is lower is left out of the graph.

    One build writes to a store at a time: while another holds it, the store is waited
    for up to ``wait`` seconds, then :class:`kg.StoreBusyError` is raised.

    ``progress(done, total)`` is called as articles are done. Ctrl-C stops the build;
    everything written until then stays (``interrupted`` is set on the result).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = build(None, d)
    ...     again = build(None, d)
    ...     (first.loaded, again.skipped)
    (['00-tass-cfe'], 1)
    """
    import time

    from kg._errors import InputError
    from kg.store import open_store

    started = time.perf_counter()
    base = check_base(default_base(base))
    if executor not in ("local", "dask"):
        raise InputError(f"unknown executor {executor!r} (known: local, dask)")
    if executor == "dask" and not scheduler:
        raise InputError("--executor dask needs --scheduler ADDRESS")
    from kg.read import Fetcher

    fetcher = Fetcher(fetch)  # one for both passes: pass 2 reads pass 1's fetches
    # 1. read and check everything first; keep only the ids and source hashes
    result = BuildResult()
    wanted = _read_all(paths, base, min_confidence, skip_bad, globs, fetcher, result)
    result.articles = len(wanted)
    reports: list[str] = []
    target = _no_store() if push else open_store(store_path, wait=wait)
    with target as store:
        result.store = store.path if store is not None else Path(str(push))
        stored = store.source_hashes() if store is not None else {}
        todo = {iri for iri, h in wanted.items() if stored.get(iri) != h}
        result.skipped = len(wanted) - len(todo)
        total = len(todo)
        if progress:
            progress(0, total)
        sink = _sink(store, push)
        todo_articles = _todo(_inputs(paths, globs, fetcher, skip_bad, None), todo, base)
        chunks = _chunks(todo_articles, chunk_size)
        results = _run(chunks, base, validate, workers, executor, scheduler, total,
                       min_confidence)
        _write_all(results, sink, batch_size, progress, total, result, reports)
        if prune and not result.interrupted and store is not None:
            result.pruned = store.prune(wanted)
        if store is not None:
            from kg.store import counts

            found = counts(store)
            result.entities, result.facts, result.triples = (found.entities, found.facts,
                                                              found.triples)
    result.violations = "\n".join(reports)
    result.seconds = time.perf_counter() - started
    return result


def _todo(articles: Iterator[Article], todo: set[str], base: str) -> Iterator[Article]:
    """Pass 2: the articles to build, each id once (the first, as pass 1 kept it)."""
    from kg.map import article_iri

    todo = set(todo)
    for article in articles:
        iri = str(article_iri(article.meta.id, base))
        if iri in todo:
            todo.discard(iri)
            yield article


def _write_all(results: Iterator[list[Any]], sink: Callable[[list[Any]], None],
               batch_size: int, progress: Callable[[int, int], None] | None, total: int,
               result: BuildResult, reports: list[str]) -> None:
    """Steps 3-4: take the built articles as they come and write them in batches; what
    is built is kept, also after Ctrl-C (``result.interrupted``)."""
    batch: list[Any] = []
    done = 0
    try:
        for built_chunk in results:
            for b in built_chunk:
                result.validate_seconds += b.validate_seconds
                if b.data is None:
                    result.conforms = False
                    result.rejected.append(b.id)
                    reports.append(b.report)
                else:
                    batch.append(b.data)
                    result.loaded.append(b.id)
            if len(batch) >= batch_size:
                sink(batch)
                batch = []
            done += len(built_chunk)
            if progress:
                progress(done, total)
    except KeyboardInterrupt:
        result.interrupted = True
        close = getattr(results, "close", None)
        if close is not None:
            close()
    # what is built is kept, also after Ctrl-C; written articles stay loaded
    if batch:
        sink(batch)


@contextmanager
def _no_store() -> Iterator[None]:
    yield None


def _sink(store: Store | None, push: str | None) -> Callable[[list[Any]], None]:
    if push:
        from kg.build._sink import PushSink

        return PushSink(push).write
    assert store is not None
    return store.write_batch


def _run(chunks: Iterator[list[Article]], base: str, validate: bool, workers: int,
         executor: str, scheduler: str | None, total: int, min_confidence: float = 0.0
         ) -> Iterator[list[Any]]:
    from kg.build import _executors

    if executor == "dask":
        assert scheduler is not None
        return _executors.run_dask(chunks, base, validate, scheduler, min_confidence)
    if workers <= 1 or total < _INLINE_BELOW:
        return _executors.run_inline(chunks, base, validate, min_confidence)
    return _executors.run_pool(chunks, base, validate, workers, min_confidence)

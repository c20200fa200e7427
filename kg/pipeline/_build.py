"""The build: read -> extract -> map -> validate -> store (private; see :mod:`kg.pipeline`)."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.pipeline._inputs import articles, chunks, read_all, todo_articles
from kg.pipeline._options import COMPACT_AFTER, BuildOptions, Work
from kg.vocab import EVENTS_GRAPH, INDEX_GRAPH, check_base, default_base

if TYPE_CHECKING:
    from kg.curate import Curation
    from kg.pipeline._work import Built
    from kg.read import Article
    from kg.store import GraphData, Store

__all__ = ["BuildResult", "build"]

#: Below this many articles to build, the work runs in the building process.
_INLINE_BELOW = 24


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
    #: corrections of ``curation`` that no longer find what they correct (kg.curate)
    stale: list[str] = field(default_factory=list)
    seconds: float = 0.0
    validate_seconds: float = 0.0
    #: the time spent compacting the store at the end (see BuildOptions.compact)
    compact_seconds: float = 0.0


def build(paths: Sequence[str | Path] | None = None,
          store_path: str | os.PathLike[str] | None = None,
          options: BuildOptions | None = None, *,
          progress: Callable[[int, int], None] | None = None, **changes: Any) -> BuildResult:
    """Build the articles at ``paths`` (files, folders, URLs; None: the seed; see
    :func:`kg.read.read_inputs`) into the store at ``store_path``, as ``options`` say
    (:class:`BuildOptions`; ``changes`` set its fields by name: ``build(paths,
    store, workers=4)`` is ``build(paths, store, BuildOptions(workers=4))``).

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

    With ``curation`` (a folder, see :mod:`kg.curate`), the analysts' corrections are
    applied to each article's facts; those that no longer find what they correct are
    listed in ``stale``.

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
    started = time.perf_counter()
    opts = dataclasses.replace(options or BuildOptions(), **changes)
    base = check_base(default_base(opts.base))
    opts.check()
    from kg.read import Fetcher
    from kg.store import open_store

    fetcher = Fetcher(opts.fetch)  # one for both passes: pass 2 reads pass 1's fetches
    # the curation is read and checked before the store is opened
    work = Work(base, opts.validate, opts.min_confidence, _curation(opts.curation),
                opts.mentions)
    # 1. read and check everything first; keep only the ids and source hashes
    result = BuildResult()
    wanted = read_all(paths, work, opts.skip_bad, opts.globs, fetcher, result)
    result.articles = len(wanted)
    target = _no_store() if opts.push else open_store(store_path, wait=opts.wait)
    with target as store:
        result.store = store.path if store is not None else Path(str(opts.push))
        stored = store.source_hashes() if store is not None else {}
        if work.curation is not None:
            from kg.curate import effective_hashes

            wanted = effective_hashes(work.curation, wanted, store, work.base)
        todo = {iri for iri, h in wanted.items() if stored.get(iri) != h}
        result.skipped = len(wanted) - len(todo)
        if progress:
            progress(0, len(todo))
        found = todo_articles(articles(paths, opts.globs, fetcher, opts.skip_bad, None), todo,
                              work.base)
        results = _run(chunks(found, opts.chunk_size), work, opts, len(todo))
        from kg.pipeline._sink import Background

        sink = Background(_sink(store, opts.push))
        try:
            _write_all(results, sink, opts.batch_size, progress, len(todo), result)
        finally:
            sink.close()  # the last batch is written (or its error raised) before going on
        if store is not None:
            _finish(store, opts, wanted, work, result)
    result.seconds = time.perf_counter() - started
    return result


def _finish(store: Store, opts: BuildOptions, wanted: dict[str, str], work: Work,
            result: BuildResult) -> None:
    """Step 5, the stale corrections of the corpus, and the store's counts after the
    build."""
    from kg.store import counts

    if opts.prune and not result.interrupted:
        result.pruned = store.prune(wanted)
    if store.needs_sweep():  # articles were replaced or removed, now or by a stopped build
        store.sweep_entities()
    if not result.interrupted:
        from kg.curate import finish

        result.stale = finish(work.curation, store, work.base, wanted)
        _corpus_graphs(store, work.base, bool(result.loaded or result.pruned))
    compact = opts.compact if opts.compact is not None else len(result.loaded) >= COMPACT_AFTER
    if compact and not result.interrupted:
        started = time.perf_counter()
        store.compact()
        result.compact_seconds = time.perf_counter() - started
    found = counts(store)
    result.entities, result.facts, result.triples = found.entities, found.facts, found.triples


def _corpus_graphs(store: Store, base: str, changed: bool) -> None:
    """The events graph and the query index, when the corpus changed (or one is missing
    or of another format), both from the articles' claims read once."""
    from kg.events import update_events
    from kg.index import article_claims, index_format, update_index

    events = changed or store.stored_hash(EVENTS_GRAPH) is None
    index = changed or not (store.stored_hash(INDEX_GRAPH) or "").startswith(index_format())
    if not (events or index):
        return
    claims = article_claims(store)
    rows = update_events(store, base, claims).index_rows if events else None
    if index:
        update_index(store, claims, rows)


def _write_all(results: Iterator[list[Built]], sink: Callable[[list[GraphData]], None],
               batch_size: int, progress: Callable[[int, int], None] | None, total: int,
               result: BuildResult) -> None:
    """Steps 3-4: take the built articles as they come and write them in batches; what
    is built is kept, also after Ctrl-C (``result.interrupted``)."""
    from kg.store import BULK_QUADS

    batch: list[GraphData] = []
    quads = 0  # in the batch: its graphs' own lines and those they add to the entities
    reports: list[str] = []
    done = 0
    try:
        for built_chunk in results:
            for b in built_chunk:
                result.validate_seconds += b.validate_seconds
                result.stale.extend(b.stale)
                if b.data is None:
                    result.conforms = False
                    result.rejected.append(b.id)
                    reports.append(b.report)
                    continue
                size = len(b.data.lines) + len(b.data.shared)
                if batch and quads + size > BULK_QUADS:  # the batch is one bulk load
                    sink(batch)
                    batch, quads = [], 0
                batch.append(b.data)
                quads += size
                result.loaded.append(b.id)
                if len(batch) >= batch_size:  # a chunk may hold more than a batch
                    sink(batch)
                    batch, quads = [], 0
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
    result.violations = "\n".join(reports)


@contextmanager
def _no_store() -> Iterator[None]:
    yield None


def _sink(store: Store | None, push: str | None) -> Callable[[list[GraphData]], None]:
    if push:
        from kg.pipeline._sink import PushSink

        return PushSink(push).write
    assert store is not None
    return store.write_batch


def _run(batches: Iterator[list[Article]], work: Work, opts: BuildOptions, total: int
         ) -> Iterator[list[Built]]:
    from kg.pipeline import _executors

    if opts.executor == "dask":
        assert opts.scheduler is not None
        return _executors.run_dask(batches, work, opts.scheduler)
    if opts.workers <= 1 or total < _INLINE_BELOW:
        return _executors.run_inline(batches, work)
    return _executors.run_pool(batches, work, opts.workers)


def _curation(folder: str | os.PathLike[str] | None) -> Curation | None:
    """The curation folder, read and checked (None: no curation)."""
    if folder is None:
        return None
    from kg.curate import load_curation

    return load_curation(folder)

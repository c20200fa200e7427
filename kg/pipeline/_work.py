"""The per-article work of a build, run in a worker process (private; see :mod:`kg.pipeline`).

Everything here is a plain function of picklable values, so the same code runs in
the building process, in a local process pool and on Dask workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import signal
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:

    from kg.curate import Curated
    from kg.facts import Document
    from kg.pipeline._options import Work
    from kg.read import Article
    from kg.store import GraphData
    from kg.validate import ValidationReport

__all__ = ["Built", "build_chunk", "build_one", "ignore_sigint", "source_hash",
           "without_mentions"]


def source_hash(article: Article, base: str, min_confidence: float = 0.0,
                mentions: bool = True) -> str:
    """The hash of what an article graph is built from: text, metadata, base, kg version
    (and the least confidence a fact must have, when one is asked for; and that the
    mention layer is left out, when it is).

    An article whose source hash is stored unchanged is skipped before extraction.

    >>> from kg.read import parse_article
    >>> a = parse_article("title: T\\n\\nMINSK, May 1. Hi.", "a1")
    >>> source_hash(a, "https://x.org/") == source_hash(a, "https://x.org/")
    True
    """
    from kg import __version__
    from kg.facts import OPTIONAL_META

    meta = {k: v for k, v in dataclasses.asdict(article.meta).items()
            if v is not None or k not in OPTIONAL_META}  # hashes of text articles unchanged
    parts: list[object] = [__version__, base, meta]
    if min_confidence:
        parts.append(min_confidence)
    if not mentions:
        parts.append("no-mentions")
    head = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    h = hashlib.sha256(head.encode("utf-8"))
    h.update(b"\0")
    h.update(article.body.encode("utf-8"))
    return h.hexdigest()


@dataclass
class Built:
    """What the work on one article gives back to the writer."""

    id: str
    where: str
    graph: str
    entities: int
    facts: int
    data: GraphData | None
    report: str = ""
    validate_seconds: float = 0.0
    stale: tuple[str, ...] = ()  # the article's corrections that found nothing to correct


@dataclass
class _Mapped:
    """An article extracted and mapped, waiting for validation."""

    id: str
    where: str
    data: GraphData
    stale: tuple[str, ...]
    entities: int
    facts: int


def _map(article: Article, work: Work, source: str | None) -> _Mapped:
    """Extract and map one article, keeping the facts whose confidence is at least
    ``work.min_confidence``; with ``work.curation``, its corrections are applied."""
    from kg.extract import extract
    from kg.map import article_iri

    base, min_confidence, curation = work.base, work.min_confidence, work.curation
    doc = extract(article)
    curated = None
    if curation is not None:  # curation (issue 16): kg/curate/_build.py
        from kg.curate import curate_built

        curated = curate_built(curation, article, doc, base, min_confidence)
        doc = curated.doc
    elif min_confidence:
        doc.facts = [f for f in doc.facts if (f.confidence or 0.0) >= min_confidence]
    if not work.mentions:
        doc = without_mentions(doc)
    source = source or source_hash(article, base, min_confidence, work.mentions)
    iri = str(article_iri(doc.article.id, base))
    data = _graph_data(doc, iri, work, source, curated)
    stale = tuple(curated.stale) if curated is not None else ()
    return _Mapped(doc.article.id, article.path or doc.article.id, data, stale,
                   len(doc.entities), len(doc.facts))


def without_mentions(doc: Document) -> Document:
    """The document without the mention layer: each entity keeps its names, type and
    Wikidata link, not where the text names it (the facts and their evidence stay).

    >>> from kg.facts import Document
    >>> doc = Document.from_dict({"article": {"id": "a1"}, "facts": [], "entities": [
    ...     {"id": "ru", "type": "State", "name": "Russia",
    ...      "mentions": [{"text": "Russia", "start": 0, "end": 6}]}]})
    >>> [e.mentions for e in without_mentions(doc).entities], len(doc.entities[0].mentions)
    ([[]], 1)
    """
    return dataclasses.replace(doc, entities=[dataclasses.replace(e, mentions=[])
                                              for e in doc.entities])


def _built(m: _Mapped, report: ValidationReport | None, seconds: float) -> Built:
    if report is not None and not report.conforms:
        return Built(m.id, m.where, m.data.graph, m.entities, m.facts, None,
                     f"{m.where}:\n{report.text()}", seconds, m.stale)
    return Built(m.id, m.where, m.data.graph, m.entities, m.facts, m.data, "", seconds,
                 m.stale)


def _validated(mapped: list[_Mapped], work: Work) -> list[Built]:
    """Validate the mapped articles in one batch (the compiled shapes on pyoxigraph,
    :func:`kg.validate.validate_batch`; the time is shared out evenly)."""
    if not work.validate:
        return [_built(m, None, 0.0) for m in mapped]
    start = time.perf_counter()
    # looked up on each call, so that a replaced kg.validate.validate_batch is used
    reports = importlib.import_module("kg.validate").validate_batch(
        [(str(i), list(m.data.all_lines())) for i, m in enumerate(mapped)])
    seconds = (time.perf_counter() - start) / max(1, len(mapped))
    return [_built(m, reports[str(i)], seconds) for i, m in enumerate(mapped)]


def build_one(article: Article, work: Work, source: str | None = None) -> Built:
    """Extract, map and (with ``work.validate``) SHACL-validate one article, keeping the
    facts whose confidence is at least ``work.min_confidence``; with ``work.curation``,
    its corrections are applied to the facts extracted (see :mod:`kg.curate`).

    An article is mapped straight to N-Triples lines (:func:`kg.map.to_ntriples`); only a
    curated one goes through an rdflib graph, to which curation adds its provenance.
    ``data`` is None when the graph has violations (``report`` says which).
    """
    return _validated([_map(article, work, source)], work)[0]


def _graph_data(doc: Document, iri: str, work: Work, source: str,
                curated: Curated | None) -> GraphData:
    """The article's graph ready to store: its lines straight from the facts, or, for a
    curated article, from the rdflib graph with curation's provenance added; what it says
    of the resources described once goes apart, to the entities graph
    (:meth:`kg.store.GraphData.apart`)."""
    from kg.store import graph_data, graph_data_lines

    if curated is None:
        from kg.map import to_ntriples

        return _indexed(graph_data_lines(iri, to_ntriples(doc, work.base), source,
                                         apart=True))
    from kg.curate import annotate
    from kg.map import to_graph
    from kg.store import ntriples

    graph = to_graph(doc, work.base)
    source, meta = annotate(graph, curated, work.base, source)
    return _indexed(graph_data(iri, ntriples(graph), source, meta).apart())


def _indexed(data: GraphData) -> GraphData:
    """The graph with what it adds to the query index in its metadata (:mod:`kg.index`),
    read here, in the worker, from its own lines."""
    import dataclasses

    from kg.index import pack_rows, rows_of_lines

    return dataclasses.replace(data, index_rows=pack_rows(rows_of_lines(data.lines)))


def build_chunk(articles: list[Article], work: Work) -> list[Built]:
    """:func:`build_one` for each article of a chunk (the unit sent to a worker), the
    chunk's graphs validated in one batch."""
    return _validated([_map(a, work, None) for a in articles], work)


def ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is handled by the building process alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

"""The build pipeline: articles -> facts -> RDF -> SHACL -> store.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:  # the bundled seed article
...     result = build(None, d)
...     (result.articles, result.store == Path(d))
(1, True)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.facts import Document
    from kg.read import Article

__all__ = ["BuildResult", "build", "default_base", "extract_file", "seed_article"]

_FALLBACK_BASE = "https://kg.example.org/"


@dataclass
class BuildResult:
    """What :func:`build` did.

    ``articles`` counts the articles read, ``skipped`` those whose graph was already
    stored unchanged, ``rejected`` the ids of those not loaded for SHACL violations
    (explained in ``violations``). ``entities`` and ``facts`` are summed over the
    articles; ``triples`` is the store's total after the build.
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


def default_base(base: str | None = None) -> str:
    """The instance base IRI: ``base``, else ``$KG_BASE``, else the mapper's default."""
    if base:
        return base
    env = os.environ.get("KG_BASE")
    if env:
        return env
    try:
        from kg.map import DEFAULT_BASE
    except ImportError:  # pragma: no cover - before the mapper landed
        return _FALLBACK_BASE
    return str(DEFAULT_BASE)


@contextmanager
def seed_article() -> Iterator[Path]:
    """The path of the bundled seed article (``kg/data/00-tass-cfe.txt``)."""
    with resources.as_file(resources.files("kg") / "data" / "00-tass-cfe.txt") as p:
        yield p


def extract_file(path: str | os.PathLike[str], published: str | None = None) -> Document:
    """Read one article file and extract its facts.

    Raises :class:`kg.InputError` for a file that cannot be read as an article.
    """
    from kg.extract import extract
    from kg.read import read_article

    return extract(read_article(Path(path), published))


def _read_all(paths: list[Path] | None) -> list[Article]:
    from kg.read import read_articles

    if paths:
        return list(read_articles([Path(p) for p in paths]))
    with seed_article() as seed:
        return list(read_articles([seed]))


def build(paths: list[Path] | None, store_path: str | os.PathLike[str] | None = None,
          base: str | None = None) -> BuildResult:
    """Build the articles at ``paths`` (files or folders; None: the seed) into the store.

    Every article is read before the store is opened, so bad input changes nothing.
    Each article's graph is validated alone; one with violations is not loaded. An
    article whose graph is already stored unchanged is skipped; a changed one
    replaces its named graph in one transaction.
    """
    from kg.extract import extract
    from kg.map import article_iri, to_graph
    from kg.store import content_hash, open_store
    from kg.validate import validate

    base = default_base(base)
    articles = _read_all(paths)
    result = BuildResult(articles=len(articles))
    reports: list[str] = []
    with open_store(store_path) as store:
        result.store = store.path
        for article in articles:
            doc = extract(article)
            result.entities += len(doc.entities)
            result.facts += len(doc.facts)
            graph = to_graph(doc, base)
            iri = str(article_iri(doc.article.id, base))
            if store.stored_hash(iri) == content_hash(graph):
                result.skipped += 1
                continue
            report = validate(graph)
            if not report.conforms:
                result.conforms = False
                result.rejected.append(doc.article.id)
                reports.append(f"{article.path or doc.article.id}:\n{report.text()}")
                continue
            store.replace_graph(iri, graph)
            result.loaded.append(doc.article.id)
        result.triples = store.triple_count()
    result.violations = "\n".join(reports)
    return result

"""How a build applies a curation: hashes, the metadata it keeps, stale corrections
(private; the hooks :mod:`kg.pipeline` calls).

An article's stored source hash is its source hash combined with the hash of the
corrections that apply to it (its own file, the entity operations that name one of its
entities as extracted), so an edited correction rebuilds exactly the articles it
touches. The entities an article had as extracted are kept in the metadata graph
(``urn:kg:extractedEntities``), so that this is known without extracting it again; a
stale correction is kept there too (``urn:kg:staleCorrection``), on the article graph or,
for the whole corpus, on ``urn:kg:curation``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.vocab import KGO, META_GRAPH

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.curate._apply import Curated
    from kg.curate._model import Curation
    from kg.facts import Document
    from kg.read import Article
    from kg.store import Store

__all__ = ["CORPUS", "EXTRACTED", "STALE", "combine", "curate_built", "effective_hashes",
           "finish", "stale_corrections"]

EXTRACTED = "urn:kg:extractedEntities"
STALE = "urn:kg:staleCorrection"
CORPUS = "urn:kg:curation"


def combine(source: str, digest: str | None) -> str:
    """The stored source hash: the article's, with the curation's when one applies."""
    if digest is None:
        return source
    return hashlib.sha256(f"{source}\0{digest}".encode()).hexdigest()


def curate_built(curation: Curation, article: Article, doc: Document, base: str,
                 min_confidence: float) -> Curated:
    """Apply ``curation`` to an article's extracted ``doc`` (then ``min_confidence``)."""
    from kg.curate._apply import apply_curation

    curated = apply_curation(curation, doc, article.body, base)
    if min_confidence:
        curated.drop_below(min_confidence)
    return curated


def annotate(graph: Graph, curated: Curated, base: str, source: str
             ) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Add curation's provenance to an article's graph; its stored source hash and
    metadata."""
    from kg.curate._rdf import add_provenance

    add_provenance(graph, curated, base)
    meta = [(EXTRACTED, " ".join(sorted(curated.paths)))]
    meta.extend((STALE, line) for line in curated.stale)
    return combine(source, curated.digest), tuple(meta)


def _stored_paths(store: Store) -> dict[str, set[str]]:
    """The entity paths of each article graph as extracted: the kept list, else (a graph
    built without curation) the entities the graph holds."""
    kept: dict[str, set[str]] = {}
    for row in store.meta_query(
            f"SELECT ?g ?p {{ GRAPH <{META_GRAPH}> {{ ?g <{EXTRACTED}> ?p }} }}"):
        kept[row["g"].value] = set(row["p"].value.split())
    held: dict[str, set[str]] = {}
    for row in store.query(f"SELECT DISTINCT ?g ?e {{ GRAPH ?g {{ ?e <{KGO}localId> ?id }} }}",
                           union=False):
        iri = row["e"].value
        if "/id/" in iri:
            held.setdefault(row["g"].value, set()).add(iri.rsplit("/id/", 1)[1])
    return {**held, **kept}


def _ids(curation: Curation, base: str) -> dict[str, str]:
    from kg.map import article_iri

    ids = {a for a in curation.articles}
    ids |= {op.article for op in curation.entity_ops if op.article}
    return {str(article_iri(a, base)): a for a in ids}


def effective_hashes(curation: Curation, wanted: dict[str, str], store: Store | None,
                     base: str) -> dict[str, str]:
    """The stored source hash each article graph must have, given the curation."""
    paths = _stored_paths(store) if store is not None else {}
    ids = _ids(curation, base)
    return {iri: combine(h, curation.article_hash(ids.get(iri, ""), paths.get(iri, set())))
            for iri, h in wanted.items()}


def finish(curation: Curation | None, store: Store, base: str,
           wanted: Iterable[str]) -> list[str]:
    """After a build: record the corrections stale for the whole corpus (entity
    operations that name no entity of the store, files of articles it does not hold);
    every stale correction of the built articles and of the corpus."""
    from kg.store import META_GRAPH

    wanted = set(wanted)
    corpus: list[str] = []
    if curation is not None:
        paths = _stored_paths(store)
        every = set().union(*paths.values()) if paths else set()
        for op in curation.entity_ops:
            if op.op != "split" and not every & set(op.paths):
                corpus.append(f"{op.describe()}: no article of the store has "
                              f"{' or '.join(op.paths)}")
        held = set(store.graphs()) | wanted
        for iri, aid in sorted(_ids(curation, base).items()):
            if iri not in held and aid in curation.articles:
                name = Path(curation.articles[aid].source).name
                corpus.append(f"articles/{name}: no article {aid!r} in "
                              "this build or the store")
    old = [r["s"].value for r in store.meta_query(
        f"SELECT ?s {{ GRAPH <{META_GRAPH}> {{ <{CORPUS}> <{STALE}> ?s }} }}")]
    if sorted(old) != sorted(corpus):
        store.set_meta(CORPUS, STALE, corpus)
    per_article = [line for g, line in _stale_rows(store) if g in wanted]
    return per_article + corpus


def _stale_rows(store: Store) -> list[tuple[str, str]]:
    from kg.store import META_GRAPH

    rows = store.meta_query(f"SELECT ?g ?s {{ GRAPH <{META_GRAPH}> {{ ?g <{STALE}> ?s }} }}")
    return sorted((r["g"].value, r["s"].value) for r in rows)


def stale_corrections(store: Store) -> list[str]:
    """Every stale correction the store records (what ``kg validate`` shows)."""
    rows = _stale_rows(store)
    return [s for g, s in rows if g != CORPUS] + [s for g, s in rows if g == CORPUS]

"""An article's facts loaded into an in-memory pyoxigraph store as ``kg build`` stores
them: the article's own lines in its graph, the descriptions of its entities in the
entities graph (``urn:kg:entities``), and the query index of every article loaded
(``urn:kg:index``, :mod:`kg.index`), which the shipped queries read."""

from __future__ import annotations

import pyoxigraph as ox

from kg.facts import Document
from kg.index import INDEX_GRAPH, index_nquads
from kg.map import DEFAULT_BASE, article_iri, to_ntriples
from kg.store import graph_data_lines


def load_doc(store: ox.Store, doc: Document, base: str = DEFAULT_BASE) -> ox.Store:
    """Add ``doc``'s graph to ``store`` (and return it)."""
    iri = str(article_iri(doc.article.id, base))
    data = graph_data_lines(iri, to_ntriples(doc, base)).apart()
    store.load(data.nquads().encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.update(f"DROP SILENT GRAPH <{INDEX_GRAPH}>")
    store.load(index_nquads(store).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store

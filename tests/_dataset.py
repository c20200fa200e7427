"""An article's facts loaded into an in-memory pyoxigraph store as ``kg build`` stores
them: the article's own lines in its graph, the descriptions of its entities in the
entities graph (``urn:kg:entities``)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.facts import Document
from kg.map import DEFAULT_BASE, article_iri, to_ntriples
from kg.store import graph_data_lines


def load_doc(store: ox.Store, doc: Document, base: str = DEFAULT_BASE) -> ox.Store:
    """Add ``doc``'s graph to ``store`` (and return it)."""
    iri = str(article_iri(doc.article.id, base))
    data = graph_data_lines(iri, to_ntriples(doc, base)).apart()
    store.load(data.nquads().encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store

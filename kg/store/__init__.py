"""The store: one pyoxigraph store on disk, one named graph per article.

>>> import tempfile, rdflib
>>> from kg.store import open_store
>>> g = rdflib.Graph()
>>> _ = g.add((rdflib.URIRef("https://ex.org/s"), rdflib.RDFS.label, rdflib.Literal("s")))
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as store:
...     store.replace_graph("https://ex.org/article/a1", g)
...     store.replace_graph("https://ex.org/article/a1", g)  # same content: skipped
...     (store.graphs(), store.triple_count())
True
False
(['https://ex.org/article/a1'], 1)
"""

from kg._pack import pack_text, unpack_text
from kg.store._counts import ENTITY_CLASSES, Counts, counts, distinct_triples
from kg.store._graphdata import (
    INDEX_ROWS,
    SOURCE_HASH,
    GraphData,
    content_hash,
    graph_data,
    graph_data_lines,
)
from kg.store._lines import graph_lines, hash_lines
from kg.store._open import DEFAULT_STORE, open_store, store_path
from kg.store._parts import PART_DIGESTS, part_digest, replace_graph_parts
from kg.store._store import BULK_QUADS, META_GRAPH, Store
from kg.store._terms import ntriples, to_rdflib
from kg.store._update import drop_update, replace_update

__all__ = ["BULK_QUADS", "DEFAULT_STORE", "ENTITY_CLASSES", "INDEX_ROWS", "META_GRAPH",
           "PART_DIGESTS", "SOURCE_HASH", "Counts", "GraphData", "Store", "content_hash",
           "counts", "distinct_triples", "drop_update", "graph_data", "graph_data_lines",
           "graph_lines", "hash_lines", "ntriples", "open_store", "pack_text", "part_digest",
           "replace_graph_parts", "replace_update", "store_path", "to_rdflib", "unpack_text"]

"""The query index: the rows of the competency queries kept by ``kg build``, so that a
query asked of one entity reads that entity's rows, already labelled, counted and
sortable, instead of joining every fact that names it.

Each article's claims (its posts, memberships and statements, :func:`rows_of_lines`)
are kept in the metadata as it is written; at the end of a build
:func:`update_index` gathers them with the entities' labels into the graph
``urn:kg:index``, one literal per row (:func:`row_text`) filed under
``<urn:kg:key:QUERY:ENTITY>`` for each entity the query can be asked by, and under
``<urn:kg:key:QUERY:all>``. A row starts with the first characters of its sort text and
a hash, so the queries sort it without ordering by the row itself (in Oxigraph,
ordering by a long string reads it from the store at every comparison), and says where
each of its fields starts, so the queries cut them out (:func:`row_text`,
:func:`row_sparql`).

>>> from kg.index import LAYOUTS
>>> LAYOUTS["positions"].fields
('person', 'personName', 'position', 'of', 'ofName', 'date', 'reports')
"""

from kg.index._contrib import article_rows, rows_of_lines
from kg.index._index import (
    INDEX_ROW,
    KEY_PREFIX,
    ROWS_META,
    index_lines,
    index_nquads,
    labels_of,
    update_index,
)
from kg.index._layouts import LAYOUTS, Layout
from kg.index._row import SORT_CHARS, row_sparql, row_text
from kg.vocab import INDEX_GRAPH

__all__ = ["INDEX_GRAPH", "INDEX_ROW", "KEY_PREFIX", "LAYOUTS", "ROWS_META", "SORT_CHARS", "Layout",
           "article_rows", "index_lines", "index_nquads", "labels_of", "row_sparql", "row_text",
           "rows_of_lines", "update_index"]

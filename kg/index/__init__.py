"""The query index: the rows of the competency queries kept by ``kg build``, so that a
query asked of one entity reads that entity's rows, already labelled, counted and
sortable, instead of joining every fact that names it.

Each article's claims (its posts, memberships and statements, :func:`rows_of_lines`) are
kept in the metadata as it is written; at the end of a build :func:`update_index`
gathers them with the entities' labels into the graph ``urn:kg:index``: each row once,
as one literal (:func:`row_text`) with its order numbers, and the numbers filed under
``<urn:kg:key:QUERY:ENTITY>`` for each entity the query can be asked by and under
``<urn:kg:key:QUERY:all>``; a key of more rows than :data:`BLOCK` files them in its
blocks of that many instead, each ``kgo:indexPart`` of it (a smaller key is its own
first block). A query picks and sorts numbers, which Oxigraph keeps inline (ordering by
a long string reads it from the store at every comparison; a date range is a range of
numbers, :func:`order_number`), then reads the rows of its page and cuts out their
fields by the positions each row carries (:func:`row_sparql`). The queries' SPARQL is
written from the layouts (:func:`query_body`; ``python -m kg.index`` writes the ``.rq``
files again).

>>> from kg.index import LAYOUTS
>>> LAYOUTS["positions"].fields
('person', 'personName', 'position', 'of', 'ofName', 'date', 'reports')
"""

from kg.index._contrib import article_rows, events_json, pack_rows, rows_of_lines, unpack_rows
from kg.index._index import (
    INDEX_AT,
    INDEX_PART,
    INDEX_RANK,
    INDEX_ROW,
    INDEX_WHOLE,
    KEY_PREFIX,
    ROWS_META,
    Claims,
    article_claims,
    filed_under,
    index_format,
    index_lines,
    index_nquads,
    labels_of,
    update_index,
)
from kg.index._layouts import LAYOUTS, Layout
from kg.index._row import BLOCK, order_number, range_filter, row_sparql, row_text
from kg.index._rq import query_body
from kg.vocab import INDEX_GRAPH

__all__ = ["BLOCK", "INDEX_AT", "INDEX_GRAPH", "INDEX_PART", "INDEX_RANK", "INDEX_ROW",
           "INDEX_WHOLE", "KEY_PREFIX", "LAYOUTS", "ROWS_META", "Claims", "Layout",
           "article_claims", "article_rows", "events_json", "filed_under", "index_format",
           "index_lines", "index_nquads", "labels_of", "order_number", "pack_rows",
           "query_body", "range_filter", "row_sparql", "row_text", "rows_of_lines",
           "unpack_rows", "update_index"]

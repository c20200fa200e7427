"""SPARQL over the store: run a query, list the named competency queries, format results.

>>> import tempfile
>>> from kg.store import open_store
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as store:
...     result = run_query(store, "SELECT ?x WHERE { VALUES ?x { 1 2 } }")
...     print(format_result(result, "csv"), end="")
x
1
2
"""

from kg.query._params import QueryParam, bind, page, params_of
from kg.query._query import (
    FORMATS,
    QueryResult,
    format_result,
    json_term,
    named_queries,
    run_query,
)

__all__ = ["FORMATS", "QueryParam", "QueryResult", "bind", "format_result", "json_term",
           "named_queries", "page", "params_of", "run_query"]

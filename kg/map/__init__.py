"""Map facts to RDF and back: one named graph per article.

>>> from kg.facts import Document
>>> from kg.map import to_graph, from_graph, article_iri
>>> doc = Document.from_dict({"article": {"id": "a1", "published": "2014-11-18"},
...     "entities": [{"id": "cfe", "type": "Treaty", "name": "CFE Treaty"}],
...     "facts": [{"kind": "entered_into_force", "treaty": "cfe", "when": "1992"}]})
>>> g = to_graph(doc)                       # the content of graph <article/a1>
>>> str(article_iri("a1"))
'https://kg.example.org/article/a1'
>>> from_graph(g, "a1").to_dict() == doc.to_dict()
True
"""

from kg.map._from_rdf import from_graph
from kg.map._iris import article_slug, date_bounds, fact_key, list_cell, short_hash, slug
from kg.map._to_nt import nt_literal, to_ntriples
from kg.map._to_rdf import article_iri, date_literal, entity_iri, position_iri, to_graph
from kg.map._vocab import ENTITY_SLUG, KGO, OA, SCHEMA, WD
from kg.vocab import DEFAULT_BASE

__all__ = [
    "DEFAULT_BASE",
    "ENTITY_SLUG",
    "KGO",
    "OA",
    "SCHEMA",
    "WD",
    "article_iri",
    "article_slug",
    "date_bounds",
    "date_literal",
    "entity_iri",
    "fact_key",
    "from_graph",
    "list_cell",
    "nt_literal",
    "position_iri",
    "short_hash",
    "slug",
    "to_graph",
    "to_ntriples",
]

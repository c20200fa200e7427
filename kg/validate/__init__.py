"""Validate kg graphs with the SHACL shapes (``shapes/kg-shapes.ttl``).

>>> from kg.facts import Document
>>> from kg.map import to_graph
>>> from kg.validate import validate
>>> doc = Document.from_dict({"article": {"id": "a1", "published": "2014-11-18"},
...     "entities": [{"id": "ru", "type": "State", "name": "Russia", "wikidata": "Q159"}]})
>>> validate(to_graph(doc)).conforms
True

:func:`validate` runs pySHACL, the reference (``kg validate`` uses it);
:func:`validate_batch` and :func:`validate_triples` run the same shapes compiled to
SPARQL on pyoxigraph, with the same results (the build uses them):

>>> from kg.store import ntriples
>>> validate_triples(ntriples(to_graph(doc))).conforms
True
"""

from kg.validate._engine import validate_batch, validate_triples
from kg.validate._validate import ValidationReport, Violation, quiet_literals, shorten, validate

__all__ = ["ValidationReport", "Violation", "quiet_literals", "shorten", "validate",
           "validate_batch", "validate_triples"]

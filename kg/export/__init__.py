"""Export the store as RDF: Turtle, N-Triples, JSON-LD, TriG, N-Quads, RDF/XML.

Output is deterministic (blank nodes named canonically, statements sorted), so
committed exports diff cleanly; files are written atomically.

>>> RdfFormat.from_name("ttl"), RdfFormat.from_extension("graph.jsonld")
(<RdfFormat.TURTLE: 'ttl'>, <RdfFormat.JSON_LD: 'jsonld'>)
>>> RdfFormat.from_name("rdf")
<RdfFormat.RDF_XML: 'xml'>
>>> RdfFormat.from_name("xls")
Traceback (most recent call last):
...
kg._errors.FormatError: unknown RDF format 'xls' (known: ttl, nt, jsonld, trig, nq, xml)
"""

from kg.export._export import RdfFormat, export, serialize, triples_written
from kg.vocab import DEFAULT_BASE, prefixes

__all__ = ["DEFAULT_BASE", "RdfFormat", "export", "prefixes", "serialize", "triples_written"]

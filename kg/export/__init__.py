"""Export the store as RDF: Turtle, N-Triples, JSON-LD, TriG, N-Quads.

Output is deterministic (blank nodes named canonically, statements sorted), so
committed exports diff cleanly; files are written atomically.

>>> RdfFormat.from_name("ttl"), RdfFormat.from_extension("graph.jsonld")
(<RdfFormat.TURTLE: 'ttl'>, <RdfFormat.JSON_LD: 'jsonld'>)
>>> RdfFormat.from_name("xml")
Traceback (most recent call last):
...
kg._errors.FormatError: unknown RDF format 'xml' (known: ttl, nt, jsonld, trig, nq)
"""

from kg.export._export import DEFAULT_BASE, RdfFormat, export, prefixes, serialize

__all__ = ["DEFAULT_BASE", "RdfFormat", "export", "prefixes", "serialize"]

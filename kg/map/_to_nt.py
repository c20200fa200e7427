"""Facts -> N-Triples lines, without rdflib: the build's mapper (private).

The triples are :class:`kg.map._mapping.Mapper`'s, the same as :func:`kg.map.to_graph`'s;
each term is written as Oxigraph writes it (``str`` of a pyoxigraph term), so a line
read back from the store is the line written.
"""

from __future__ import annotations

import re

from kg.facts import Document
from kg.map._mapping import Mapper
from kg.map._names import XSD
from kg.vocab import DEFAULT_BASE

__all__ = ["nt_literal", "to_ntriples"]

_XSD_STRING = XSD.string
#: The characters a quoted N-Triples string escapes, as Oxigraph escapes them.
_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"',
            0x5C: "\\\\"}
_TABLE = {c: _ESCAPES.get(c, f"\\u{c:04X}") for c in [*range(0x20), 0x22, 0x5C, 0x7F]}
_SPECIAL = re.compile('[\x00-\x1f"\\\\\x7f]')


def nt_literal(text: str, datatype: str = _XSD_STRING) -> str:
    r"""A literal in N-Triples, escaped as Oxigraph writes it.

    >>> print(nt_literal('say "hi"\n\\'), nt_literal("5", XSD.integer))
    "say \"hi\"\n\\" "5"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    if _SPECIAL.search(text) is not None:
        text = text.translate(_TABLE)
    if datatype == _XSD_STRING:
        return f'"{text}"'
    return f'"{text}"^^<{datatype}>'


class _LineMapper(Mapper[str]):
    """The mapper's triples as N-Triples lines (without the newline)."""

    def __init__(self, doc: Document, base: str) -> None:
        self.lines: list[str] = []
        super().__init__(doc, base)

    def iri(self, value: str) -> str:
        return f"<{value}>"

    def lit(self, text: str) -> str:
        if _SPECIAL.search(text) is not None:
            text = text.translate(_TABLE)
        return f'"{text}"'

    def typed(self, lexical: str, datatype: str) -> str:
        return nt_literal(lexical, datatype)

    def bnode(self, label: str) -> str:
        return f"_:{label}"

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} <{p}> {o} .")


def to_ntriples(doc: Document, base: str = DEFAULT_BASE) -> list[str]:
    """The triples of :func:`kg.map.to_graph` as N-Triples lines (each ending in `` .``),
    sorted and without duplicates, made without rdflib.

    Blank nodes (the cells of ordered lists) are named after the article graph and the
    list's owner, so the same article gives the same lines, and two articles' lines
    never share a blank node.

    >>> from kg.facts import Document
    >>> doc = Document.from_dict({"article": {"id": "a1", "title": 'The "CFE"'},
    ...     "entities": [], "facts": []})
    >>> for line in to_ntriples(doc, "https://x.org/")[:3]:
    ...     print(line.replace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"))
    <https://x.org/article/a1> <rdf:type> <http://www.w3.org/ns/prov#Entity> .
    <https://x.org/article/a1> <rdf:type> <https://schema.org/NewsArticle> .
    <https://x.org/article/a1> <https://kg.example.org/ontology#articleId> "a1" .
    >>> print(to_ntriples(doc, "https://x.org/")[-1])
    <https://x.org/article/a1> <https://schema.org/headline> "The \\"CFE\\"" .
    """
    m = _LineMapper(doc, base)
    m.run()
    return sorted(set(m.lines))

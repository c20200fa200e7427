"""Text that XML 1.0 can hold, and RDF/XML (private; used by the graph formats, kg serve
and kg export)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["serialize_rdf_xml", "xml_safe"]

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold, even escaped (C0 controls but
    tab and line breaks, lone surrogates, U+FFFE, U+FFFF), replaced by U+FFFD.

    >>> xml_safe("a\\x01b\\x1b[31m\\tc")
    'a\\ufffdb\\ufffd[31m\\tc'
    """
    return _XML_ILLEGAL.sub("\ufffd", text)


def serialize_rdf_xml(triples: Iterable[Any], prefixes: dict[str, str] | None = None) -> bytes:
    """pyoxigraph triples as RDF/XML that XML parsers read back.

    pyoxigraph writes literals as they are; XML 1.0 cannot hold most C0 controls even
    escaped, so they become U+FFFD (:func:`xml_safe`), and a carriage return is written
    as ``&#13;`` (an XML parser turns a raw one into a line feed). Triples are written in
    the order given (sorted input gives sorted output).
    """
    import pyoxigraph as ox

    def safe(term: Any) -> Any:
        if isinstance(term, ox.Literal) and _XML_ILLEGAL.search(term.value):
            if term.language:
                return ox.Literal(xml_safe(term.value), language=term.language)
            return ox.Literal(xml_safe(term.value), datatype=term.datatype)
        return term

    ready = [ox.Triple(t.subject, t.predicate, safe(t.object)) for t in triples]
    data = ox.serialize(ready, format=ox.RdfFormat.RDF_XML, prefixes=prefixes or {}) or b""
    return data.replace(b"\r", b"&#13;")

"""Content negotiation: pick a media type from an ``Accept`` header (private).

>>> choose("text/html,application/xhtml+xml,*/*;q=0.8", ["text/html", "text/turtle"])
'text/html'
>>> choose("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle",
...        "application/ld+json"])
'application/ld+json'
>>> choose("image/png", ["text/html"]) is None
True
"""

from __future__ import annotations

import math

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "choose", "parse_accept"]

#: Media types of SELECT/ASK results, first = default, with aliases.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
#: Media types of RDF graphs (CONSTRUCT, DESCRIBE, resources), first = default.
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/ld+json": "jsonld",
    "application/n-triples": "nt", "application/rdf+xml": "xml", "text/plain": "nt",
}
_MAX_RANGES = 64


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``(media range, q)`` pairs, highest q first (stable for equal q).

    Lenient with junk: a part that is not ``type/subtype`` (or ``*``), or whose q is
    not a number, is skipped; q is clamped to 0..1; only the first 64 parts count. A
    header with nothing valid left counts as no header (anything goes).

    >>> parse_accept(";;;,,,"), parse_accept("*/*;q=abc")
    ([('*/*', 1.0)], [('*/*', 1.0)])
    >>> parse_accept("text/html;q=2, *;q=0.1")
    [('text/html', 1.0), ('*/*', 0.1)]
    """
    found: list[tuple[str, float, int]] = []
    for i, part in enumerate((header or "").split(",", _MAX_RANGES)[:_MAX_RANGES]):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media == "*":
            media = "*/*"
        if media.count("/") != 1 or media.startswith("/") or media.endswith("/"):
            continue
        q: float | None = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = None
                if q is not None and not math.isfinite(q):
                    q = None
        if q is None:
            continue
        found.append((media, max(0.0, min(1.0, q)), i))
    if not found:
        return [("*/*", 1.0)]
    found.sort(key=lambda x: (-x[1], x[2]))
    return [(m, q) for m, q, _ in found]


def choose(header: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers most (server order breaks ties), or None."""
    best: tuple[float, int, int] | None = None
    chosen = None
    ranges = parse_accept(header)
    for rank, offer in enumerate(offers):
        main = offer.split("/")[0]
        q = None
        spec = -1
        for media, mq in ranges:
            if media == offer:
                s = 2
            elif media == f"{main}/*":
                s = 1
            elif media == "*/*":
                s = 0
            else:
                continue
            if s > spec:
                spec, q = s, mq
        if q is None or q <= 0:
            continue
        key = (q, -rank, spec)
        if best is None or key[:2] > best[:2]:
            best, chosen = key, offer
    return chosen

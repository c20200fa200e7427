"""Corpus builds: streamed input, parallel extraction, batched writes, incremental.

:func:`kg.pipeline.build` is the entry point; this package holds its parts.

>>> from kg.build import source_hash
>>> from kg.read import parse_article
>>> len(source_hash(parse_article("MINSK, May 1. Talks.", "a1"), "https://x.org/"))
64
"""

from kg.build._work import Built, build_chunk, build_one, source_hash

__all__ = ["Built", "build_chunk", "build_one", "source_hash"]

"""How kg keeps a long metadata value as text: compressed and in base64 (for the store's
part digests and the query index's rows, :mod:`kg.store` and :mod:`kg.index`)."""

from __future__ import annotations

import base64
import zlib

__all__ = ["pack_text", "unpack_text"]


def pack_text(text: str) -> str:
    """Text as the metadata store keeps a long value: compressed (zlib) and written in
    base64 (JSON of repeated IRIs shrinks to about a third).

    >>> unpack_text(pack_text('{"a": "b"}'))
    '{"a": "b"}'
    """
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def unpack_text(text: str) -> str:
    """The text :func:`pack_text` packed."""
    return zlib.decompress(base64.b64decode(text)).decode("utf-8")

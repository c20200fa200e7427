"""JSON Lines input: one article per line, read as a stream (private; see :mod:`kg.read`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg._errors import InputError
from kg.read._article import (
    Article,
    _check_date,
    dateline_place,
    max_article_bytes,
    too_large,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Keys of a JSON Lines record besides the text (``body``, or ``text``).
RECORD_KEYS = ("id", "url", "title", "published", "source", "dateline")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _opt(record: dict[str, object], key: str, where: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} must be a string", where, line)
    value = value.strip()
    return None if value.lower() in ("", "unknown", "none") else value


def parse_record(record: object, where: str, line: int) -> Article:
    """One JSON Lines record as an :class:`Article` (``id`` and ``body`` required).

    >>> a = parse_record({"id": "a1", "published": "2014-11-18",
    ...                   "body": "MINSK, November 18. /TASS/. Hi."}, "x.jsonl", 1)
    >>> (a.meta.id, a.meta.published, a.meta.dateline_place, a.path)
    ('a1', '2014-11-18', 'Minsk', 'x.jsonl:1')
    """
    from kg.facts import ArticleMeta

    if not isinstance(record, dict):
        raise InputError("a line must be a JSON object", where, line)
    body = record.get("body", record.get("text"))
    if not isinstance(body, str) or not body.strip():
        raise InputError("empty article: no 'body' text", where, line)
    for key, value in record.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(f"{key!r} holds a lone surrogate (\\ud800-\\udfff escape), "
                             "not text", where, line)
    ident = record.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise InputError("each line needs an 'id' string", where, line)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError("'published' must be a string", where, line)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    meta = ArticleMeta(
        id=re.sub(r"[^A-Za-z0-9._-]+", "-", ident.strip()).strip("-.") or "article",
        url=_opt(record, "url", where, line),
        title=_opt(record, "title", where, line),
        published=_check_date(published or "", where, line),
        dateline_place=_opt(record, "dateline", where, line) or dateline_place(body),
        source=_opt(record, "source", where, line),
    )
    return Article(meta, body, f"{where}:{line}")


def read_jsonl(path: str | Path) -> Iterator[Article]:
    """The articles of a JSON Lines file, one per non-blank line, read as a stream.

    Each line is an object with ``id`` and ``body`` (or ``text``) and optionally
    ``url``, ``title``, ``published`` (YYYY-MM-DD), ``source`` and ``dateline``.
    Raises :class:`kg.InputError` naming the file and line of a bad record.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", str(p))
    limit = max_article_bytes()
    try:
        with p.open("rb") as fh:
            number = 0
            while raw := fh.readline(limit + 1):  # bounded: a huge line is not read whole
                number += 1
                if len(raw) > limit and not raw.endswith(b"\n"):
                    raise InputError(too_large("record", None, limit), str(p), number)
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise InputError(f"not valid JSON: {exc}", str(p), number) from None
                except RecursionError:
                    raise InputError("not valid JSON: nested too deeply", str(p),
                                     number) from None
                yield parse_record(record, str(p), number)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(p)) from None

"""Article records: JSON Lines, one article a line, read as a stream, and the record
format shared with JSON arrays (private; see :mod:`kg.read`)."""

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
#: Keys of a record besides its text (``body``, or ``text``, or a page's ``html``).
RECORD_KEYS = ("id", "url", "title", "published", "source", "dateline", "author", "language")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _opt(record: dict[str, object], key: str, where: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} must be a string", where, line)
    value = value.strip()
    return None if value.lower() in ("", "unknown", "none") else value


def _record_id(record: dict[str, object], where: str, line: int,
               default_id: str | None) -> str:
    ident = record.get("id")
    if ident is None and default_id is not None:
        url = _opt(record, "url", where, line)
        if url is not None:
            from kg.read._article import url_id

            return url_id(url)
        return default_id
    if not isinstance(ident, str) or not ident.strip():
        raise InputError("each line needs an 'id' string" if default_id is None
                         else "'id' must be a non-empty string", where, line)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ident.strip()).strip("-.") or "article"


def _text_of(record: dict[str, object], where: str, line: int) -> tuple[str, bool]:
    """The record's text and whether it is a page's HTML."""
    body = record.get("body", record.get("text"))
    if body is None and record.get("html") is not None:
        html = record["html"]
        if not isinstance(html, str) or not html.strip():
            raise InputError("'html' must be a page's HTML text", where, line)
        return html, True
    if not isinstance(body, str) or not body.strip():
        raise InputError("empty article: no 'body' text", where, line)
    return body, False


def parse_record(record: object, where: str, line: int, *,
                 default_id: str | None = None) -> Article:
    """One article record as an :class:`Article`: ``id`` and ``body`` (or ``text``, or a
    saved page's ``html``, read as :func:`kg.read.parse_html` reads a page; the record's
    fields win over the page's), and optionally ``url``, ``title``, ``published``
    (YYYY-MM-DD), ``source``, ``dateline``, ``author``, ``language``.

    With ``default_id`` (records of a JSON array), ``id`` may be left out: the id is
    then made from ``url``, else ``default_id``.

    >>> a = parse_record({"id": "a1", "published": "2014-11-18",
    ...                   "body": "MINSK, November 18. /TASS/. Hi."}, "x.jsonl", 1)
    >>> (a.meta.id, a.meta.published, a.meta.dateline_place, a.path)
    ('a1', '2014-11-18', 'Minsk', 'x.jsonl:1')
    """
    from kg.facts import ArticleMeta

    if not isinstance(record, dict):
        raise InputError("a line must be a JSON object" if default_id is None
                         else "a record must be a JSON object", where, line)
    body, is_html = _text_of(record, where, line)
    for key, value in record.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(f"{key!r} holds a lone surrogate (\\ud800-\\udfff escape), "
                             "not text", where, line)
    ident = _record_id(record, where, line, default_id)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError("'published' must be a string", where, line)
    given = {k: _opt(record, k, where, line) for k in RECORD_KEYS if k not in ("id",)}
    given["published"] = _check_date(published or "", where, line)
    if is_html:
        from kg.read._html import parse_html

        article = parse_html(body, ident, f"{where}:{line}", url=given["url"])
        for key, value in given.items():
            if value is not None:
                setattr(article.meta, "dateline_place" if key == "dateline" else key, value)
        return article
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    meta = ArticleMeta(
        id=ident, url=given["url"], title=given["title"], published=given["published"],
        dateline_place=given["dateline"] or dateline_place(body), source=given["source"],
        author=given["author"], language=given["language"])
    return Article(meta, body, f"{where}:{line}")


def jsonl_records(path: str | Path) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines file, and an :class:`kg.InputError` in place of each
    bad line (a file that cannot be read: one error, and no more)."""
    p = Path(path)
    if not p.is_file():
        yield InputError("no such file", str(p))
        return
    limit = max_article_bytes()
    try:
        with p.open("rb") as fh:
            number = 0
            while raw := fh.readline(limit + 1):  # bounded: a huge line is not read whole
                number += 1
                if len(raw) > limit and not raw.endswith(b"\n"):
                    while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # the rest of the line is passed over, not kept
                    yield InputError(too_large("record", None, limit), str(p), number)
                    continue
                if raw.strip():
                    yield _line(raw, str(p), number)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror}", str(p))


def _line(raw: bytes, where: str, number: int) -> Article | InputError:
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return InputError(f"not valid JSON: {exc}", where, number)
    except RecursionError:
        return InputError("not valid JSON: nested too deeply", where, number)
    try:
        return parse_record(record, where, number)
    except InputError as exc:
        return exc


def read_jsonl(path: str | Path) -> Iterator[Article]:
    """The articles of a JSON Lines file, one per non-blank line, read as a stream.

    Each line is a record (see :func:`parse_record`) with ``id`` and ``body``.
    Raises :class:`kg.InputError` naming the file and line of a bad record.
    """
    for item in jsonl_records(path):
        if isinstance(item, InputError):
            raise item
        yield item

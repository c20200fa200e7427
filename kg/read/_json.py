"""JSON arrays of article records (private; see :mod:`kg.read`).

A ``.json`` file holds ``[{record}, {record}, ...]``, the records of JSON Lines
(:func:`kg.read.parse_record`), except that ``id`` may be left out: it is then made
from the record's ``url``, else from the file's name and the record's number. Each
record is read on its own, so a bad one is reported with the line it starts on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg._errors import InputError
from kg.read._article import Article, _article_id, max_article_bytes, too_large
from kg.read._jsonl import parse_record

JSON_SUFFIXES = (".json",)
_SPACE = re.compile(r"[ \t\r\n]*")


def _text(p: Path) -> str | InputError:
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return InputError("no such file", str(p))
    except OSError as exc:
        return InputError(f"cannot read: {exc.strerror}", str(p))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(f"not UTF-8 (byte {exc.start}): JSON is UTF-8", str(p))


def json_records(path: str | Path) -> Iterator[Article | InputError]:
    """The articles of a JSON array file, and an :class:`kg.InputError` in place of each
    bad record (JSON that does not parse ends the file: one error, and no more)."""
    p = Path(path)
    text = _text(p)
    if isinstance(text, InputError):
        yield text
        return
    where, stem, limit = str(p), _article_id(p), max_article_bytes()
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", pos):
        yield InputError("a .json file of articles must be a JSON array of records "
                         "([{...}, ...]; one record a line: use .jsonl)", where,
                         text.count("\n", 0, pos) + 1)
        return
    pos, line, counted, number = pos + 1, 1, 0, 0
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith("]", pos) and number == 0:
            return
        line += text.count("\n", counted, pos)
        counted = pos
        number += 1
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", where,
                             exc.lineno)
            return
        except RecursionError:
            yield InputError("not valid JSON: nested too deeply", where, line)
            return
        if end - pos > limit:
            yield InputError(too_large("record", end - pos, limit), where, line)
        else:
            try:
                yield parse_record(record, where, line, default_id=f"{stem}-{number}")
            except InputError as exc:
                yield exc
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos += 1
        elif text.startswith("]", pos):
            return
        else:
            yield InputError("not valid JSON: expected ',' or ']' after a record", where,
                             text.count("\n", 0, pos) + 1)
            return

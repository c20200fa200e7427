"""Web archives: the HTML pages of a WARC file (warcio) (private; see :mod:`kg.read`).

Each ``response`` record of status 200 holding HTML is an article, read as a saved
page (:func:`kg.read.parse_html`), whose URL is the record's target URI and whose date,
when the page gives none, is the day of the capture (``WARC-Date``). Redirects, other
statuses, other types and later captures of a URI already read are listed as skipped;
requests, metadata and other records are passed over.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from kg._errors import InputError
from kg.read._article import Article, max_article_bytes, too_large, url_id
from kg.read._extra import need
from kg.read._skipped import Skipped

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    """Whether the file's name says it is a web archive (``.warc``, ``.warc.gz``)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_records(path: str | Path) -> Iterator[Article | InputError | Skipped]:
    """The articles of a WARC file (gzipped or not), what is skipped, and an
    :class:`kg.InputError` for each page that cannot be read (a damaged archive: one
    error, and no more)."""
    p = Path(path)
    archive = need("warcio.archiveiterator", "reading WARC files", str(p))
    exceptions = need("warcio.exceptions", "reading WARC files", str(p))
    seen: set[str] = set()
    warnings = io.StringIO()
    try:
        with p.open("rb") as fh:
            if not fh.read(5).startswith((b"WARC/", b"\x1f\x8b")):
                yield InputError("not a WARC file (it starts neither 'WARC/' nor as gzip)",
                                 str(p))
                return
            fh.seek(0)
            records = archive.ArchiveIterator(fh)
            number = 0
            while True:
                with contextlib.redirect_stderr(warnings):  # warcio's warnings: one error
                    record = next(records, None)
                if warnings.getvalue().strip():
                    raise ValueError(warnings.getvalue().strip().splitlines()[0])
                if record is None:
                    break
                number += 1
                if record.rec_type == "response" and record.http_headers is not None:
                    yield _response(record, number, str(p), seen)
    except FileNotFoundError:
        yield InputError("no such file", str(p))
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", str(p))
    except (exceptions.ArchiveLoadFailed, ValueError, EOFError, zlib.error, AttributeError,
            TypeError, KeyError, IndexError) as exc:  # warcio's, on a damaged archive
        yield InputError(f"not a readable WARC file: {' '.join(str(exc).split())}", str(p))


def _response(record: object, number: int, path: str, seen: set[str]
              ) -> Article | InputError | Skipped:
    from kg.read._html import parse_html

    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    uri = rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path}: record {number} ({uri})"
    status = int(http.get_statuscode() or 0)
    mime = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if 300 <= status < 400:
        return Skipped(where, f"HTTP {status} redirect to {http.get_header('Location')}")
    if status != 200:
        return Skipped(where, f"HTTP {status}")
    if mime not in _HTML_TYPES:
        return Skipped(where, f"not HTML ({mime or 'no type'})")
    if uri in seen:
        return Skipped(where, "a later capture of a page read before")
    seen.add(uri)
    limit = max_article_bytes()
    body = record.content_stream().read(limit + 1)  # type: ignore[attr-defined]
    if len(body) > limit:
        return InputError(too_large("page", None, limit), where)
    charset = None
    for part in (http.get_header("Content-Type") or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip(" \"'") or None
    try:
        article = parse_html(body, url_id(uri), where, url=uri, encoding=charset)
    except InputError as exc:
        return exc
    article.meta.url = uri
    if article.meta.published is None:
        day = (rec_headers.get_header("WARC-Date") or "")[:10]
        article.meta.published = day if len(day) == 10 and day[4] == "-" else None
    return article

"""Every input of a build, whatever its form: files, folders, URLs (private; see
:mod:`kg.read`).

A file is read by its name: ``.jsonl``/``.ndjson`` JSON Lines, ``.json`` a JSON array of
records, ``.html``/``.htm``/``.xhtml`` a saved page, ``.rss``/``.atom``/``.xml`` a feed,
``.warc``/``.warc.gz`` a web archive, anything else a text article. Of a folder, the
files that the article rule matches (:data:`kg.read.ARTICLE_GLOBS`, or ``globs``) are
read and the others listed as skipped. A URL is fetched (a feed by its type or first
tag, else a page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg._errors import InputError
from kg.read._article import Article, folder_files, no_articles, read_article, url_id
from kg.read._skipped import Skipped

if TYPE_CHECKING:
    from kg.read._fetch import Fetcher

Item = Article | InputError | Skipped
_URL = re.compile(r"^https?://", re.IGNORECASE)


def is_url(value: str | Path) -> bool:
    """Whether an input names a URL (``http://`` or ``https://``) rather than a file."""
    return isinstance(value, str) and bool(_URL.match(value))


def read_url_list(path: str | Path) -> list[str]:
    """The URLs of a file, one a line (blank lines and ``#`` comments passed over)."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError("no such file", str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(p)) from None
    urls = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line) or any(c.isspace() for c in line):
            raise InputError(f"not an http(s) URL: {line[:80]!r}", str(p), number)
        urls.append(line)
    return urls


def read_inputs(inputs: Sequence[str | Path], *, globs: Sequence[str] | None = None,
                fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Everything the inputs hold, in order: each article, a :class:`kg.InputError` in
    place of each bad file or record (with its file and line), and a :class:`Skipped`
    for each file of a folder that is not an article.

    URLs (strings starting ``http://`` or ``https://``) are fetched with ``fetcher``, as
    are the links of a feed's items; without one, a :class:`kg.read.Fetcher` with the
    default options is made when first needed.
    """
    rule = tuple(globs) if globs else None
    state: dict[str, Fetcher] = {}

    def get_fetcher() -> Fetcher:
        if fetcher is not None:
            return fetcher
        if "f" not in state:
            from kg.read._fetch import Fetcher

            state["f"] = Fetcher()
        return state["f"]

    try:
        for value in inputs:
            if is_url(value):
                yield from _url(str(value), get_fetcher)
                continue
            p = Path(value)
            if p.is_dir():
                yield from _folder(p, rule, get_fetcher)
            else:
                yield from read_file(p, get_fetcher)
    finally:
        if "f" in state:
            state["f"].close()


def _folder(p: Path, rule: tuple[str, ...] | None,
            get_fetcher: Callable[[], Fetcher] | None) -> Iterator[Item]:
    found = False
    for f, wanted in folder_files(p, rule):
        if wanted:
            found = True
            yield from read_file(f, get_fetcher)
        else:
            yield Skipped(str(f), "not an article file by its name (--glob changes the rule)")
    if not found:
        yield no_articles(p, rule)


def read_file(p: Path, get_fetcher: Callable[[], Fetcher] | None = None) -> Iterator[Item]:
    """The articles of one file, read by its name (see the module's doc)."""
    from kg.read._feed import FEED_SUFFIXES
    from kg.read._json import JSON_SUFFIXES, json_records
    from kg.read._jsonl import JSONL_SUFFIXES, jsonl_records
    from kg.read._warc import is_warc, warc_records

    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_records(p)
    elif suffix in JSON_SUFFIXES:
        yield from json_records(p)
    elif is_warc(p):
        yield from warc_records(p)
    elif suffix in FEED_SUFFIXES:
        yield from _feed_file(p, get_fetcher)
    else:
        try:
            yield read_article(p)
        except InputError as exc:
            yield exc


def _feed_file(p: Path, get_fetcher: Callable[[], Fetcher] | None) -> Iterator[Item]:
    from kg.read._article import _read_bytes
    from kg.read._feed import feed_items

    try:
        data = _read_bytes(p, "feed")
    except InputError as exc:
        yield exc
        return
    fetcher = get_fetcher() if get_fetcher is not None else None
    yield from feed_items(data, str(p), fetcher)


def _url(url: str, get_fetcher: Callable[[], Fetcher] | None) -> Iterator[Item]:
    from kg.read._feed import feed_items, looks_like_feed
    from kg.read._html import parse_html

    assert get_fetcher is not None
    fetcher = get_fetcher()
    try:
        response = fetcher.get(url)
        if looks_like_feed(response.content_type, response.body):
            if response.fetched < fetcher.started:
                response = fetcher.get(url, feed=True)  # a feed: fetched again each run
            yield from feed_items(response.body, url, fetcher, base_url=response.final_url)
            return
        if response.content_type == "text/plain":
            from kg.read._article import _decode, parse_article

            yield parse_article(_decode(response.body, url), url_id(url), url)
            return
        if response.content_type not in ("text/html", "application/xhtml+xml", ""):
            raise InputError(f"not a web page or a feed ({response.content_type})", url)
        yield parse_html(response.body, url_id(url), url, url=response.final_url,
                         encoding=response.charset)
    except InputError as exc:
        yield exc

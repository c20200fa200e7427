"""RSS and Atom feeds (feedparser) (private; see :mod:`kg.read`).

Each item is an article: its full text when the feed carries it (``content:encoded``
in RSS, ``<content>`` in Atom), else the page its link points to, fetched; else its
summary. The item's title and date are the article's (the page's when the item has
none); the page gives the author, language and site name, else the item and the feed.
An item's id is its link's (:func:`kg.read.url_id`), so an item already built is
unchanged on the next run and only new items are built.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kg._errors import InputError
from kg.read._article import Article, dateline_place, url_id
from kg.read._extra import need

if TYPE_CHECKING:
    from kg.read._fetch import Fetcher

FEED_SUFFIXES = (".rss", ".atom", ".xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+xml")


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """Whether a fetched document is a feed: by its type, else by its first tag."""
    if content_type in FEED_TYPES[:3]:
        return True
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and any(t in head for t in (b"<rss", b"<feed", b"<rdf"))


def feed_items(data: bytes, where: str, fetcher: Fetcher | None, *,
               base_url: str | None = None) -> Iterator[Article | InputError]:
    """The articles of a feed, and an :class:`kg.InputError` in place of each bad item."""
    feedparser = need("feedparser", "reading feeds", where)
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        detail = f": {' '.join(str(reason).split())}" if reason else ""
        yield InputError(f"not an RSS or Atom feed{detail}", where)
        return
    feed = parsed.get("feed", {})
    context = {"source": _clean(feed.get("title")), "language": _clean(feed.get("language"))}
    for number, entry in enumerate(parsed.get("entries", []), 1):
        try:
            yield _item(entry, number, where, fetcher, context)
        except InputError as exc:
            yield InputError(f"item {number}: {_unwhere(exc)}", where)


def _unwhere(exc: InputError) -> str:
    text = str(exc)
    if exc.path is not None and text.startswith(f"{exc.path}: "):
        text = text[len(exc.path) + 2:]
    return f"{text} ({exc.path})" if exc.path and exc.path.startswith("http") else text


def _clean(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _date(entry: Any) -> str | None:
    """The item's date as its feed writes it (the day where it was published, not in
    UTC, as feedparser's parsed dates are)."""
    from datetime import datetime
    from email.utils import parsedate_to_datetime

    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            return datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(raw.strip()).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _full_text(entry: Any) -> str | None:
    from kg.read._html import fragment_text

    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            plain = content.get("type") == "text/plain"
            return fragment_text(value, plain=plain)
    return None


def _item(entry: Any, number: int, where: str, fetcher: Fetcher | None,
          context: dict[str, str | None]) -> Article:
    from kg.facts import ArticleMeta
    from kg.read._html import fragment_text

    link = _clean(entry.get("link"))
    ident = url_id(link) if link else url_id(_clean(entry.get("id")) or f"{where}-{number}")
    title, published = _clean(entry.get("title")), _date(entry)
    author = _clean(entry.get("author"))
    text = _full_text(entry)
    if text is None and link:
        if fetcher is None:
            raise InputError("its link would have to be fetched", link)
        article = _page(fetcher, link, ident)
        meta = article.meta
        meta.title = title or meta.title
        meta.published = published or meta.published
        meta.source = meta.source or context["source"]
        meta.language = meta.language or context["language"]
        meta.author = meta.author or author
        return article
    if text is None:
        summary = entry.get("summary")
        text = fragment_text(summary) if isinstance(summary, str) else None
    if not text:
        raise InputError("no text, and no link to fetch it from")
    meta = ArticleMeta(id=ident, url=link, title=title, published=published,
                       dateline_place=dateline_place(text), source=context["source"],
                       author=author, language=context["language"])
    return Article(meta, text, f"{where}#item{number}")


def _page(fetcher: Fetcher, link: str, ident: str) -> Article:
    from kg.read._html import parse_html

    response = fetcher.get(link)
    return parse_html(response.body, ident, link, url=response.final_url,
                      encoding=response.charset)

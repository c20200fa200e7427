"""Saved web pages: main text and metadata by trafilatura (private; see :mod:`kg.read`).

trafilatura finds the article's text among navigation, banners and related links, and
its metadata (title, author, canonical URL, site name) in ``<meta>``, JSON-LD and the
page; htmldate, which it runs, finds the publication date. Entities are decoded; each
paragraph of the page is one paragraph of the body (paragraphs are separated by a blank
line, as in a text article). The language is the page's ``lang``, ``og:locale`` or
``Content-Language``.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from kg._errors import InputError
from kg.read._article import Article, _check_date, dateline_place
from kg.read._extra import need

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A page whose main text has fewer words holds no article.
MIN_WORDS = 10
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def _decode(raw: str | bytes, encoding: str | None, where: str) -> str:
    if isinstance(raw, str):
        return raw
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not an HTML page", where)
    if encoding:
        try:
            return raw.decode(encoding, errors="replace")
        except LookupError:
            pass  # an unknown charset name: let the page's own <meta charset> decide
    utils = need("trafilatura.utils", "reading HTML", where)
    text: str = utils.decode_file(raw)
    return text


def _language(tree: HtmlElement) -> str | None:
    """The page's language as a BCP 47 tag (``en-GB``), or None."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for xpath in ('//meta[@property="og:locale"]/@content',
                  '//meta[translate(@http-equiv, "CONTENTLANGUAGE", "contentlanguage")'
                  '="content-language"]/@content'):
        candidates.extend(str(v) for v in tree.xpath(xpath))
    for value in candidates:
        tag = (value or "").strip().replace("_", "-").split(",")[0].strip()
        if _LANG.fullmatch(tag):
            return tag
    return None


def paragraphs(text: str) -> str:
    """Text with one paragraph a line, as a body: paragraphs separated by a blank line,
    spaces inside a paragraph collapsed.

    >>> paragraphs("  First  line.\\n\\n\\nSecond\\tline. ")
    'First line.\\n\\nSecond line.'
    """
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)


def fragment_text(html: str, *, plain: bool = False) -> str:
    """The text of an HTML fragment (a feed item's content), one paragraph a block;
    ``plain``: the fragment is text already."""
    if plain:
        return paragraphs(html)
    trafilatura = need("trafilatura", "reading HTML")
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      include_images=False, deduplicate=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:  # too short for trafilatura to call it an article: all of its text
        utils = need("trafilatura.utils", "reading HTML")
        tree = utils.load_html(f"<html><body>{html}</body></html>")
        text = "\n".join(t for t in tree.itertext()) if tree is not None else ""
    return paragraphs(text)


# htmldate reads the dates that markup gives (meta, JSON-LD, <time>, the URL), not a year
# in the text: "signed the treaty in 2018" is no publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_NOT_TEXT = {"nav", "header", "footer", "aside", "figure", "figcaption", "form", "button"}


def _with_lead(page: HtmlElement, body: str) -> str:
    """``body`` with the lead paragraphs the extractor left out: the ``<p>`` before the
    first paragraph it took, in the same ``<main>`` or ``<article>`` and outside
    navigation, asides and figures, that read as sentences (government pages set the
    lead, dateline and all, apart from the body: ``<div class="article-ingress">``)."""
    first = body.split("\n\n", 1)[0]
    if not first:
        return body
    ps = [p for p in page.iter("p") if " ".join(p.text_content().split()) == first]
    if len(ps) != 1:
        return body
    container = next((a for a in ps[0].iterancestors() if a.tag in ("main", "article")), None)
    if container is None:
        return body
    lead = []
    for p in container.iter("p"):
        if p is ps[0]:
            break
        text = " ".join(p.text_content().split())
        if (len(text.split()) >= 12 and text[-1] in ".!?\"”’"
                and not any(a.tag in _NOT_TEXT for a in p.iterancestors())):
            lead.append(text)
    return "\n\n".join([*lead, body])


def _extract(tree: HtmlElement, url: str | None, where: str) -> Any:
    trafilatura = need("trafilatura", "reading HTML", where)
    try:
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_formatting=False, include_links=False,
            deduplicate=False, date_extraction_params=_DATE_PARAMS)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        # trafilatura is robust on real pages; a page that still breaks it is bad input
        raise InputError(f"cannot read the page: {type(exc).__name__}: {exc}", where) from None


def parse_html(html: str | bytes, article_id: str, path: str | None = None, *,
               url: str | None = None, encoding: str | None = None) -> Article:
    """A saved web page as an :class:`Article`: its main text, title, author, date,
    canonical URL (else ``url``), language and site name (as the source).

    ``encoding`` is the charset a server declared for ``html`` given as bytes; without
    it the page's own declaration, or a guess, decides. Raises :class:`kg.InputError`
    for a page without article text, and when ``kg[web]`` is not installed.
    """
    where = path or url or article_id
    utils = need("trafilatura.utils", "reading HTML", where)
    text = _decode(html, encoding, where)
    tree = utils.load_html(text)
    if tree is None and "<" in text:  # a fragment (a record's html, say): give it a page
        tree = utils.load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise InputError("not an HTML page", where)
    language = _language(tree)
    page = deepcopy(tree)  # trafilatura prunes the tree it reads
    doc = _extract(tree, url, where)
    body = paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    title = " ".join((getattr(doc, "title", None) or "").split()) if doc is not None else ""
    first, _, rest = body.partition("\n\n")
    if title and first.casefold() == title.casefold():
        body = rest  # the headline, which the metadata gives, is not the body's
    body = _with_lead(page, body)
    if len(body.split()) < MIN_WORDS:  # a login page, a cookie wall: links, no article
        raise InputError("no article text found in the page", where)
    published = getattr(doc, "date", None)
    article = Article(_meta(article_id, doc, url, language, body), body, path or url)
    article.meta.published = _check_date(published or "", where, 0) if published else None
    return article


def _meta(article_id: str, doc: Any, url: str | None, language: str | None,
          body: str) -> Any:
    from kg.facts import ArticleMeta

    def text(name: str) -> str | None:
        value = getattr(doc, name, None)
        return " ".join(value.split()) or None if isinstance(value, str) else None

    return ArticleMeta(id=article_id, url=text("url") or url, title=text("title"),
                       dateline_place=dateline_place(body), source=text("sitename"),
                       author=text("author"), language=language)

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg._errors import InputError
from kg.facts import ArticleMeta

HEADER_KEYS = ("url", "title", "published", "source", "id", "dateline")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30}):[ \t]*(.*)$")
#: The largest article read (a text file, or one JSON Lines record), in bytes; the
#: environment variable ``KG_MAX_ARTICLE_BYTES`` overrides it. A news article is tens
#: of kilobytes; a bigger file is refused before it is read into memory.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

# "MINSK, November 18. /TASS/." "WASHINGTON, Aug. 2 (Wire Desk) —" "MOSCOW (Capital Wire) —"
# "PARIS -- Leaders of ..."
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\-]{1,40}?)(?=,|\s*\(|\s*(?:--|[—–-])\s|\.\s*/)")


@dataclass
class Article:
    """An article's metadata and body. Offsets in facts are offsets into ``body``."""

    meta: ArticleMeta
    body: str
    path: str | None = None


def max_article_bytes() -> int:
    """The article size limit: ``$KG_MAX_ARTICLE_BYTES``, else :data:`MAX_ARTICLE_BYTES`."""
    env = os.environ.get("KG_MAX_ARTICLE_BYTES", "").strip()
    if not env:
        return MAX_ARTICLE_BYTES
    try:
        value = int(env)
    except ValueError:
        value = 0
    if value < 1:
        raise InputError(f"KG_MAX_ARTICLE_BYTES must be a positive number of bytes, not {env!r}")
    return value


def _size(n: int) -> str:
    return f"{n / 2**20:.1f}".removesuffix(".0") + " MB" if n >= 2**20 else f"{n} bytes"


def too_large(what: str, size: int | None, limit: int) -> str:
    """The message for an article over the size limit."""
    shown = f"{what} is {_size(size)}," if size is not None else f"{what} is"
    return f"{shown} over the limit of {_size(limit)} (set KG_MAX_ARTICLE_BYTES to raise it)"


def _decode(raw: bytes, path: str) -> str:
    if b"\x00" in raw:
        raise InputError("binary file, not a text article", path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        pass_exc = exc
    # Legacy single-byte encodings: Windows-1251 (Cyrillic) when the high bytes look
    # Cyrillic, else Latin-1/Windows-1252. Refuse what fits neither.
    # Cyrillic words in Windows-1251 are runs of high bytes; Latin-1 accents stand alone.
    high = [i for i, b in enumerate(raw) if b >= 0x80]
    paired = sum(
        1
        for i in high
        if (i > 0 and raw[i - 1] >= 0x80) or (i + 1 < len(raw) and raw[i + 1] >= 0x80)
    )
    if high and paired / len(high) > 0.6:
        try:
            return raw.decode("cp1251")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"not UTF-8 and not a known encoding (byte {pass_exc.start})", path
        ) from None


def _check_date(value: str, path: str, line: int) -> str | None:
    value = value.strip()
    if not value or value.lower() == "unknown":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value, re.ASCII)
    if m:
        y, mo, d = m.groups()
        try:
            date(int(y), int(mo or 1), int(d or 1))
            return value
        except ValueError:
            pass
    shown = repr(value if len(value) <= 60 else value[:57] + "...")
    raise InputError(f"'published' is not a date (YYYY-MM-DD) or 'unknown': {shown}", path, line)


def dateline_place(body: str) -> str | None:
    """The dateline city of a wire article, in title case ("MINSK, ..." -> "Minsk")."""
    paragraphs = [p for p in body.split("\n") if p.strip()][:6]
    for para in paragraphs:
        m = _DATELINE.match(para[:80])
        if not m:
            continue
        city = m.group(1).strip()
        if len(city) >= 3 and city.replace(" ", "").replace("-", "").replace(".", "").isalpha():
            return " ".join(w.capitalize() for w in city.split())
    return None


def parse_article(text: str, article_id: str, path: str | None = None) -> Article:
    """Split ``text`` into header and body and return the :class:`Article`."""
    where = path or article_id
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    header: dict[str, str] = {}
    body_start = 0
    i = 0
    while i < len(lines) and _HEADER_LINE.match(lines[i]) and not lines[i].startswith("http"):
        key, value = _HEADER_LINE.match(lines[i]).groups()  # type: ignore[union-attr]
        header[key.lower()] = value.strip()
        i += 1
    if header and i < len(lines) and lines[i].strip() == "" and (set(header) & set(HEADER_KEYS)):
        body_start = i + 1
        published = _check_date(
            header.get("published", ""),
            where,
            list(header).index("published") + 1 if "published" in header else 0,
        )
    else:
        header = {}
        published = None
    body = "\n".join(lines[body_start:])
    if not body.strip():
        raise InputError("empty article: no body text", where)

    def val(key: str) -> str | None:
        v = header.get(key)
        return None if v is None or v.lower() in ("", "unknown", "none") else v

    meta = ArticleMeta(
        id=header.get("id") or article_id,
        url=header.get("url") or None,
        title=val("title"),
        published=published,
        dateline_place=val("dateline") or dateline_place(body),
        source=val("source"),
    )
    return Article(meta, body, path)


def _read_bytes(p: Path, what: str) -> bytes:
    """The bytes of a file, refused over the size limit before it is read whole."""
    if not p.exists():
        raise InputError("no such file", str(p))
    if p.is_dir():
        raise InputError("is a folder, not an article file", str(p))
    try:
        limit = max_article_bytes()
        size = p.stat().st_size
        if size > limit:
            raise InputError(too_large(what, size, limit), str(p))
        with p.open("rb") as fh:
            raw = fh.read(limit + 1)  # the file may have grown since stat()
        if len(raw) > limit:
            raise InputError(too_large(what, None, limit), str(p))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(p)) from None
    if not raw.strip():
        raise InputError("empty file", str(p))
    return raw


def read_article(path: str | Path, published: str | None = None) -> Article:
    """Read one article file: a text article, or a saved web page (``.html``, ``.htm``,
    ``.xhtml``; needs ``kg[web]``). ``published`` overrides the file's date."""
    from kg.read._html import HTML_SUFFIXES, parse_html

    p = Path(path)
    if p.suffix.lower() in HTML_SUFFIXES:
        article = parse_html(_read_bytes(p, "page"), _article_id(p), str(p))
    else:
        article = parse_article(_decode(_read_bytes(p, "article"), str(p)), _article_id(p),
                                str(p))
    if published is not None:
        article.meta.published = _check_date(published, "--published", 0) if published else None
    return article


def _article_id(p: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", p.stem).strip("-.")
    return stem or "article"


def url_id(url: str) -> str:
    """The article id of a page by its URL: host and path as a slug (a hash of the query,
    or of the whole URL when it is long, keeps ids apart).

    >>> url_id("https://www.wire.example/world/2025/03/12/treaty-signed.html?ref=rss")
    'wire.example-world-2025-03-12-treaty-signed-66838c01'
    """
    import hashlib
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", parts.path, flags=re.IGNORECASE)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{host}{path}").strip("-.") or "page"
    if parts.query:
        slug += "-" + hashlib.sha1(parts.query.encode("utf-8")).hexdigest()[:8]
    if len(slug) > 100:
        slug = slug[:91].rstrip("-.") + "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return slug


#: Which files of a folder are articles: the names these patterns match (``kg build
#: --glob`` replaces them). Other files are listed as skipped, never built; names
#: starting with a dot, and what is inside folders so named, are passed over.
ARTICLE_GLOBS = ("*.txt", "*.text", "*.jsonl", "*.ndjson", "*.json", "*.html", "*.htm",
                 "*.xhtml", "*.rss", "*.atom", "*.warc", "*.warc.gz")


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    from fnmatch import fnmatchcase

    low = name.lower()
    return any(fnmatchcase(low, g.lower()) for g in globs)


def folder_files(folder: Path, globs: tuple[str, ...] | None = None
                 ) -> Iterator[tuple[Path, bool]]:
    """The files of ``folder`` (walked recursively, sorted), each with whether it is an
    article by the rule (:data:`ARTICLE_GLOBS`, or ``globs``)."""
    rule = tuple(globs) if globs else ARTICLE_GLOBS
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or not f.is_file():
            continue
        yield f, _matches(f.name, rule)


def no_articles(folder: Path, globs: tuple[str, ...] | None = None) -> InputError:
    """The error for a folder that holds no article file."""
    rule = ", ".join(globs or ARTICLE_GLOBS)
    return InputError(f"folder holds no article files ({rule}; --glob changes this)",
                      str(folder))


def article_files(paths: list[Path], globs: tuple[str, ...] | None = None) -> Iterator[Path]:
    """The article files of the given files and folders: a file named is read whatever
    its name; of a folder, walked recursively in sorted order, the files the rule
    matches (:data:`ARTICLE_GLOBS`, or ``globs``). A folder without any raises
    :class:`kg.InputError`."""
    for p in paths:
        if p.is_dir():
            files = [f for f, wanted in folder_files(p, globs) if wanted]
            if not files:
                raise no_articles(p, globs)
            yield from files
        else:
            yield p


def read_articles(paths: list[Path], globs: tuple[str, ...] | None = None
                  ) -> Iterator[Article]:
    """Every article in the given files and folders (folders read recursively, sorted).

    Text files hold one article each; JSON Lines files (``.jsonl``, ``.ndjson``) one
    per line, streamed (see :func:`kg.read.read_jsonl`); a ``.json`` file a JSON array
    of them; web pages, feeds and web archives need ``kg[web]`` (see
    :func:`kg.read.read_inputs`, which also reports the files that are not articles).
    The first bad article or record raises :class:`kg.InputError`.
    """
    from kg.read._sources import read_inputs

    for item in read_inputs(list(paths), globs=globs):
        if isinstance(item, InputError):
            raise item
        if isinstance(item, Article):
            yield item

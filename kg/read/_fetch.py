"""Fetching pages and feeds over HTTP, politely (private; see :mod:`kg.read`).

Only the URLs a user names (and the item links of a feed they name) are fetched, with
httpx: a User-Agent that says what kg is (``$KG_USER_AGENT`` replaces it), a time
limit, redirects followed (at most 10, each checked), robots.txt obeyed (RFC 9309: a
missing one allows all, one that cannot be fetched forbids all), one request at a time
per host at most every ``delay`` seconds (or the robots.txt ``Crawl-delay``, if
longer), and up to ``retries`` retries of a 429, a 5xx or a failed connection, after
``Retry-After`` or a doubling back-off. Pages are kept in the on-disk cache and not
fetched again (``refetch`` fetches them once more); a feed is fetched once each run,
with ``If-None-Match``/``If-Modified-Since`` from its cached copy. Every error of the
HTTP library is translated here into :class:`kg.InputError`.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from kg._errors import InputError
from kg.read._article import max_article_bytes, too_large
from kg.read._cache import Cache, Response, cache_key, default_cache
from kg.read._extra import need

if TYPE_CHECKING:
    from urllib.robotparser import RobotFileParser

#: The robots.txt user-agent token kg obeys.
ROBOTS_AGENT = "kg"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 10
_MAX_RETRY_AFTER = 120.0


def user_agent() -> str:
    """The User-Agent header: ``$KG_USER_AGENT``, else kg's own."""
    from kg import __version__

    return os.environ.get("KG_USER_AGENT") or (
        f"kg/{__version__} (knowledge-graph builder for arms-control news; "
        "fetches only the pages its user names; obeys robots.txt)")


@dataclass
class FetchOptions:
    """How :class:`Fetcher` fetches: the cache folder (None: ``$KG_CACHE``, else
    ``./kg-cache``), whether cached pages are fetched again, seconds between two
    requests to one host, the time limit of a request, retries and the first back-off."""

    cache: Path | None = None
    refetch: bool = False
    delay: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0


@dataclass
class _Host:
    robots: RobotFileParser | None = None
    robots_read: bool = False
    unreachable: str | None = None  # why robots.txt could not be had: nothing is fetched
    last: float = field(default=-1e9)


def _is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).netloc)


class Fetcher:
    """Fetches for one run (one build); ``requests`` counts what went to the network."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.cache = Cache(self.options.cache or default_cache())
        self.started = time.time()
        self.requests = 0
        self._hosts: dict[str, _Host] = {}
        self._failed: dict[str, InputError] = {}
        self._client: Any = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str, *, feed: bool = False) -> Response:
        """The page at ``url``: from the cache, or fetched (and cached). ``feed``: a copy
        fetched in this run, else fetched again (conditionally)."""
        key = cache_key(url)
        if not _is_http(key):
            raise InputError("not an http(s) URL", url)
        if key in self._failed:
            raise self._failed[key]
        cached = self.cache.load(key)
        fresh = cached is not None and cached.fetched >= self.started
        if cached is not None and (fresh or not (feed or self.options.refetch)):
            return cached
        conditional = {}
        if cached is not None and feed and not self.options.refetch:
            conditional = {k: v for k, v in (("If-None-Match", cached.etag),
                                             ("If-Modified-Since", cached.last_modified)) if v}
        need("httpx", "fetching URLs", url)  # one clear line without kg[web]
        try:
            response = self._follow(key, conditional)
        except InputError as exc:
            self._failed[key] = exc
            raise
        if response.status == 304 and cached is not None:
            cached.fetched = response.fetched
            response = cached
        response.from_cache = False
        self.cache.save(response)
        return response

    # -- one URL, its redirects --------------------------------------------------
    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        asked, here = url, url
        for _ in range(_MAX_REDIRECTS + 1):
            if not _is_http(here):
                raise InputError(f"redirected to {here}, not an http(s) URL", asked)
            self._check_robots(here, asked)
            status, got, body = self._send(here, headers, asked)
            location = got.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                here = cache_key(urljoin(here, location))
                continue
            if status == 304 or 200 <= status < 300:
                ctype = got.get("content-type", "")
                mime, _, params = ctype.partition(";")
                charset = next((v.strip(" \"'") for k, _, v in
                                (p.strip().partition("=") for p in params.split(";"))
                                if k.lower() == "charset"), None)
                return Response(asked, here, status, mime.strip().lower(), charset or None,
                                body, time.time(), got.get("etag"), got.get("last-modified"))
            raise InputError(_status_text(status, got), asked)
        raise InputError(f"more than {_MAX_REDIRECTS} redirects", asked)

    # -- robots.txt ----------------------------------------------------------------
    def _check_robots(self, url: str, asked: str) -> None:
        parts = urlsplit(url)
        host = self._host(url)
        if not host.robots_read:
            host.robots_read = True
            try:
                status, body = self._robots_txt(f"{parts.scheme}://{parts.netloc}/robots.txt")
            except InputError as exc:
                status, body, host.unreachable = 0, b"", _unwhere(exc)
            if 200 <= status < 300:
                from urllib.robotparser import RobotFileParser

                host.robots = RobotFileParser()
                host.robots.parse(body.decode("utf-8", "replace").splitlines())
            elif status >= 500 or status == 429:
                host.unreachable = f"HTTP {status}"
            # 4xx: no robots.txt, every page allowed (RFC 9309)
        if host.unreachable:
            raise InputError(f"robots.txt of {parts.netloc} could not be fetched "
                             f"({host.unreachable}), so kg fetches nothing there", asked)
        if host.robots is not None and not host.robots.can_fetch(ROBOTS_AGENT, url):
            what = "this page" if url == asked else f"{url} (redirected to)"
            raise InputError(f"robots.txt of {parts.netloc} does not allow kg to fetch {what}",
                             asked)

    def _robots_txt(self, url: str) -> tuple[int, bytes]:
        """The status and text of robots.txt, through at most five redirects."""
        for _ in range(6):
            status, got, body = self._send(url, {}, url)
            location = got.get("location")
            if status not in (301, 302, 303, 307, 308) or not location:
                return status, body
            url = urljoin(url, location)
            if not _is_http(url):
                break
        return 404, b""  # redirected too often: as if there were none (RFC 9309)

    def _host(self, url: str) -> _Host:
        return self._hosts.setdefault(urlsplit(url).netloc.lower(), _Host())

    # -- one request, its retries ----------------------------------------------------
    def _send(self, url: str, headers: dict[str, str], asked: str
              ) -> tuple[int, dict[str, str], bytes]:
        httpx = need("httpx", "fetching URLs", asked)
        tries = self.options.retries + 1
        for attempt in range(tries):
            self._wait(url)
            try:
                status, got, body = self._request(httpx, url, headers, asked)
            except httpx.HTTPError as exc:
                self._host(url).last = time.monotonic()
                if attempt + 1 >= tries:
                    raise InputError(f"cannot fetch {url}: {_error_text(exc)} (after "
                                     f"{tries} tries)", asked) from None
                time.sleep(self.options.backoff * 2 ** attempt)
                continue
            self._host(url).last = time.monotonic()  # the pause runs from the answer
            if status not in RETRY_STATUSES or attempt + 1 >= tries:
                if status in RETRY_STATUSES and tries > 1:
                    got["x-kg-tries"] = str(tries)
                return status, got, body
            time.sleep(_retry_after(got.get("retry-after"),
                                    self.options.backoff * 2 ** attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, httpx: Any, url: str, headers: dict[str, str], asked: str
                 ) -> tuple[int, dict[str, str], bytes]:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": user_agent()}, follow_redirects=False,
                timeout=httpx.Timeout(self.options.timeout))
        limit = max_article_bytes()
        self.requests += 1
        with self._client.stream("GET", url, headers=headers) as r:
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(too_large("page", None, limit), asked)
                chunks.append(chunk)
            got = {k.lower(): v for k, v in r.headers.items()}
            got["x-kg-reason"] = r.reason_phrase
            return int(r.status_code), got, b"".join(chunks)

    def _wait(self, url: str) -> None:
        host = self._host(url)
        delay = self.options.delay
        if host.robots is not None:
            crawl = host.robots.crawl_delay(ROBOTS_AGENT)
            if crawl is not None:
                delay = max(delay, float(crawl))
        pause = host.last + delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)


def _unwhere(exc: InputError) -> str:
    text = str(exc)
    return text[len(exc.path) + 2:] if exc.path and text.startswith(f"{exc.path}: ") else text


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait before a retry: ``Retry-After`` (seconds or an HTTP date), at most
    two minutes, else ``default``."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return default
    return max(0.0, min(when - time.time(), _MAX_RETRY_AFTER))


def _status_text(status: int, headers: dict[str, str]) -> str:
    reason = headers.get("x-kg-reason") or ""
    tries = headers.get("x-kg-tries")
    return f"HTTP {status} {reason}".rstrip() + (f" (after {tries} tries)" if tries else "")


def _error_text(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

"""A small news site for the web-reader tests: an HTTP server on 127.0.0.1, in a thread
of the test process, on a port the OS hands out, stopped when the test ends.

Routes are set per test (pages, feeds, robots.txt, redirects, statuses that fail a few
times first); every request is logged with its time and headers, so tests can count
fetches and measure the pause between two requests.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).parent / "fixtures" / "web" / "site"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: list[int] = field(default_factory=list)  # statuses answered before it
    sleep: float = 0.0


@dataclass
class Hit:
    at: float
    path: str
    headers: dict[str, str]


class Site:
    """The routes and the request log of a running server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", status: int = 200,
            content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, sleep: float = 0.0) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, status, {"Content-Type": content_type,
                                                 **(headers or {})}, sleep=sleep)

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with site.lock:
                site.log.append(Hit(time.monotonic(), self.path,
                                    {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                status = route.fail_first.pop(0) if route and route.fail_first else None
            if route is None:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.sleep:
                time.sleep(route.sleep)
            if status is not None:
                self._answer(status, {"Content-Type": "text/plain", "Retry-After": "0"},
                             b"try again")
                return
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self._answer(304, {"ETag": etag}, b"")
                return
            self._answer(route.status, route.headers, route.body)

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    """A site on 127.0.0.1 for the test's duration."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Site(0)))
    site = Site(int(server.server_address[1]))
    server.RequestHandlerClass = _handler(site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def text_article(name: str) -> tuple[dict[str, str], str]:
    """The header and body of a text article of the site's fixtures."""
    text = (SITE / name).read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    return dict(line.split(": ", 1) for line in head.splitlines()), body.strip()


def _entities(text: str) -> str:
    for char, entity in (("“", "&ldquo;"), ("”", "&rdquo;"), ("—", "&mdash;"), ("’", "&rsquo;")):
        text = text.replace(char, entity)
    return text


def news_page(name: str) -> str:
    """A text article of the fixtures as a page of the Harbor Post: a cookie banner,
    navigation, the story (typography as entities), related links, a footer; its date
    in ``<meta>`` and JSON-LD."""
    head, body = text_article(name)
    title, date = html.escape(head["title"]), head["published"]
    paras = "\n".join(f"    <p>{_entities(html.escape(p, quote=False))}</p>"
                      for p in body.split("\n\n"))
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<title>{title} - Harbor Post</title>
<meta property="og:site_name" content="Harbor Post">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:30:00-04:00">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "{date}T09:30:00-04:00",
 "author": {{"@type": "Person", "name": "Harbor Post staff"}}}}</script>
</head><body>
<div class="cookie-notice"><p>This site uses cookies. By continuing to browse the site you
  are agreeing to our use of cookies.</p><button>OK</button></div>
<header><a href="/">Harbor Post</a><nav><a href="/world">World</a>
  <a href="/business">Business</a> <a href="/opinion">Opinion</a>
  <a href="/weather">Weather</a></nav></header>
<main><article>
  <h1>{title}</h1>
  <p class="byline">By Harbor Post staff</p>
  <div class="story">
{paras}
  </div>
  <aside class="related"><h2>More from World</h2><ul>
    <li><a href="/world/1">Floods close mountain passes</a></li>
    <li><a href="/world/2">Election count enters third day</a></li></ul></aside>
</article></main>
<footer><p>&copy; 2025 Harbor Post Media. All rights reserved.</p>
  <a href="/privacy">Privacy</a></footer>
</body></html>
"""

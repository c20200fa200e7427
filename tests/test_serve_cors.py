"""``kg serve --cors ORIGIN`` (off by default) lets web pages of other origins query the
endpoint: preflight answered, CORS headers added; large responses are gzip-compressed.
Real ``kg serve`` processes; the browser test drives headless Chromium from a page of
another origin (skipped without Chromium)."""

from __future__ import annotations

import contextlib
import gzip
import os
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from _servers import CHROMIUM, KG, Server, build_seed, free_port, request, running
from typer.testing import CliRunner

from kg._errors import InputError
from kg.serve._app import GZIP_MIN_BYTES, check_cors

PAGE_PORT = free_port()
PAGE_ORIGIN = f"http://127.0.0.1:{PAGE_PORT}"
OTHER = "https://yasgui.example.org"
QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 3"
PREFLIGHT = {"Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.mktemp("serve-cors") / "store")


def _serve(store: Path, log: Path, *extra: str) -> Iterator[Server]:
    port = free_port()
    argv = [KG, "serve", "--store", str(store), "--port", str(port), "--workers", "1", *extra]
    with running(argv, port, log) as s:
        yield s


@pytest.fixture(scope="module")
def plain(store: Path) -> Iterator[Server]:
    yield from _serve(store, store.parent / "plain.log")


@pytest.fixture(scope="module")
def cors(store: Path) -> Iterator[Server]:
    yield from _serve(store, store.parent / "cors.log", "--cors", PAGE_ORIGIN, "--cors", OTHER)


@pytest.fixture(scope="module")
def anyone(store: Path) -> Iterator[Server]:
    yield from _serve(store, store.parent / "any.log", "--cors", "*")


def _get(server: Server, query: str, **headers: str):  # type: ignore[no-untyped-def]
    url = f"{server.url}/sparql?{urllib.parse.urlencode({'query': query})}"
    return request(url, headers=headers)


def test_off_by_default(plain: Server) -> None:
    r = request(plain.url + "/sparql", method="OPTIONS", headers={"Origin": OTHER, **PREFLIGHT})
    assert r.status == 405
    assert "access-control-allow-origin" not in r.headers
    r = _get(plain, QUERY, Origin=OTHER)
    assert r.status == 200 and "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize("origin", [PAGE_ORIGIN, OTHER])
def test_preflight_and_headers(cors: Server, origin: str) -> None:
    r = request(cors.url + "/sparql", method="OPTIONS", headers={"Origin": origin, **PREFLIGHT})
    assert r.status == 200, r.text
    assert r.headers["access-control-allow-origin"] == origin
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "content-type" in r.headers["access-control-allow-headers"].lower()
    r = _get(cors, QUERY, Origin=origin)
    assert r.status == 200
    assert r.headers["access-control-allow-origin"] == origin
    r = request(cors.url + "/id/state/russia", headers={"Origin": origin,
                                                        "Accept": "text/turtle"})
    assert r.headers["access-control-allow-origin"] == origin


def test_other_origins_get_no_headers(cors: Server) -> None:
    r = request(cors.url + "/sparql", method="OPTIONS",
                headers={"Origin": "https://evil.example", **PREFLIGHT})
    assert r.status == 400 and "access-control-allow-origin" not in r.headers
    r = _get(cors, QUERY, Origin="https://evil.example")
    assert r.status == 200 and "access-control-allow-origin" not in r.headers


def test_any_origin(anyone: Server) -> None:
    r = request(anyone.url + "/sparql", method="OPTIONS",
                headers={"Origin": "https://any.example", **PREFLIGHT})
    assert r.status == 200 and r.headers["access-control-allow-origin"] == "*"
    assert _get(anyone, QUERY, Origin="https://any.example").headers[
        "access-control-allow-origin"] == "*"


def test_large_responses_are_compressed(plain: Server) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } LIMIT 500"
    r = _get(plain, big, Accept="text/csv", **{"Accept-Encoding": "gzip"})
    assert r.status == 200 and r.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in r.headers["vary"] and "Accept" in r.headers["vary"]
    whole = _get(plain, big, Accept="text/csv")
    assert "content-encoding" not in whole.headers
    assert gzip.decompress(r.body) == whole.body and len(r.body) < len(whole.body) / 3
    small = _get(plain, "ASK { ?s ?p ?o }", **{"Accept-Encoding": "gzip"})
    assert len(small.body) < GZIP_MIN_BYTES and "content-encoding" not in small.headers
    page = request(plain.url + "/id/state/russia", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    assert b"Russia" in gzip.decompress(page.body)
    assert page.headers["content-security-policy"]  # the security headers still come


@pytest.mark.parametrize("bad", ["yasgui.org", "https://yasgui.org/path", "ftp://x", ""])
def test_bad_origins_are_refused(bad: str) -> None:
    with pytest.raises(InputError, match="--cors takes"):
        check_cors([bad])
    from kg.cli import app

    r = CliRunner().invoke(app, ["serve", "--cors", bad, "--store", "/nonexistent"])
    assert r.exit_code == 2 and r.stderr.startswith("kg: error: --cors takes")


@contextlib.contextmanager
def _page_server() -> Iterator[None]:
    """A web page of another origin (a plain server on another local port)."""
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>elsewhere</title><p>elsewhere"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", PAGE_PORT), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_a_page_of_another_origin_queries_kg(cors: Server, plain: Server,
                                             tmp_path: Path) -> None:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from playwright.sync_api import sync_playwright
    from test_query_page_browser import ARGS

    script = """async (endpoint) => {
      const r = await fetch(endpoint, {method: "POST", body: `SELECT ?n WHERE {
        ?s <http://www.w3.org/2000/01/rdf-schema#label> ?n } ORDER BY ?n LIMIT 2`,
        headers: {"Content-Type": "application/sparql-query",
                  "Accept": "application/sparql-results+json"}});
      return (await r.json()).results.bindings.length;
    }"""
    with _page_server(), sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS,
            timeout=30_000)
        try:
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(PAGE_ORIGIN + "/page.html")
            assert page.evaluate(script, cors.url + "/sparql") == 2
            with pytest.raises(Exception, match="Failed to fetch"):
                page.evaluate(script, plain.url + "/sparql")
        finally:
            context.close()

"""``kg query`` refuses SPARQL ``SERVICE`` (federated query) without connecting anywhere,
as ``kg serve`` does, unless ``--allow-service`` is given. A local HTTP server counts
the connections."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from _servers import build_seed
from typer.testing import CliRunner

from kg._errors import QueryError
from kg.cli import app
from kg.query import run_query
from kg.store import open_store

runner = CliRunner()


class _Endpoint:
    def __init__(self) -> None:
        self.hits = 0
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                endpoint.hits += 1
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
                    {"x": {"type": "literal", "value": "from afar"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer
            do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"


@pytest.fixture
def endpoint() -> Iterator[_Endpoint]:
    e = _Endpoint()
    t = threading.Thread(target=e.httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield e
    finally:
        e.httpd.shutdown()
        e.httpd.server_close()
        t.join(5)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.mktemp("query-service") / "store")


def _queries(url: str) -> list[str]:
    return [f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?s ?p ?x }} }}",
            f"select ?x {{ service silent <{url}> {{ ?s ?p ?x }} }}",
            f"PREFIX e: <{url[:-6]}>\nSELECT * WHERE {{ ?a ?b ?c FILTER(?a<?c)SERVICE#>\n"
            f"e:sparql {{ ?s ?p ?x }} }}"]


@pytest.mark.parametrize("which", [0, 1, 2])
def test_query_refuses_service(seed: Path, endpoint: _Endpoint, which: int) -> None:
    r = runner.invoke(app, ["query", _queries(endpoint.url)[which], "--store", str(seed)])
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("kg: error: SERVICE (federated query) is off")
    assert "--allow-service" in r.stderr and len(r.stderr.splitlines()) == 1
    assert r.stdout == ""
    assert endpoint.hits == 0


def test_library_refuses_service(seed: Path, endpoint: _Endpoint) -> None:
    with open_store(seed, read_only=True) as s, pytest.raises(QueryError, match="SERVICE"):
        run_query(s, _queries(endpoint.url)[0])
    assert endpoint.hits == 0


def test_allow_service(seed: Path, endpoint: _Endpoint) -> None:
    r = runner.invoke(app, ["query", _queries(endpoint.url)[0], "--store", str(seed),
                            "--format", "csv", "--allow-service"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["x"] + ["from afar"] * (len(r.stdout.splitlines()) - 1)
    assert endpoint.hits >= 1


def test_words_that_are_not_service_still_run(seed: Path) -> None:
    r = runner.invoke(app, ["query", 'SELECT ?service WHERE { VALUES ?service { "SERVICE" } }',
                            "--store", str(seed), "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["service", "SERVICE"]

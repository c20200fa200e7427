"""``kg push`` round-trips the seed graph through a real Oxigraph server (the
``oxigraph`` package's binary) started on 127.0.0.1 and stopped after each test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from _servers import KG, VENV_BIN, Server, build_seed, free_port, request, running

from kg.push import PushError, push
from kg.store import open_store
from kg.vocab import INDEX_GRAPH

GRAPH = "https://kg.example.org/article/00-tass-cfe"
HEADLINE = "https://schema.org/headline"


def _oxigraph() -> str:
    found = shutil.which("oxigraph", path=f"{VENV_BIN}:{os.environ.get('PATH', '')}")
    if not found:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return found


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    argv = [_oxigraph(), "serve", "--location", str(tmp_path / "oxi"), "--bind",
            f"127.0.0.1:{port}"]
    with running(argv, port, tmp_path / "oxigraph.log", path="/query") as s:
        yield s


def _select(server: Server, query: str) -> list[dict[str, str]]:
    r = request(f"{server.url}/query?{urllib.parse.urlencode({'query': query})}",
                headers={"Accept": "application/sparql-results+json"})
    assert r.status == 200, r.text
    return [{k: v["value"] for k, v in b.items()}
            for b in json.loads(r.body)["results"]["bindings"]]


def _count(server: Server) -> int:
    rows = _select(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])


def _headline(server: Server) -> list[str]:
    rows = _select(server, f"SELECT ?h WHERE {{ GRAPH <{GRAPH}> {{ ?a <{HEADLINE}> ?h }} }}")
    return [r["h"] for r in rows]


@pytest.mark.parametrize("mode", ["gsp", "update"])
def test_push_round_trip(oxigraph: Server, tmp_path: Path, mode: str) -> None:
    store = build_seed(tmp_path / "store")
    endpoint = oxigraph.url + ("/update" if mode == "update" else "/store")
    argv = [KG, "push", "--endpoint", endpoint, "--store", str(store)]
    if mode == "update":
        argv.append("--update")
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    # the article, the entities, the events and the query index
    with open_store(store, read_only=True) as s:
        rows = len(list(s.ox.quads_for_pattern(None, None, None, ox.NamedNode(INDEX_GRAPH))))
    assert rows > 0 and f"pushed 4 graph(s), {580 + rows} triples" in r.stdout
    assert _count(oxigraph) == 460
    assert _headline(oxigraph) == ["No chances for reviving CFE treaty — Lavrov"]
    # the shipped queries run on the server: it has the query index
    from kg.query import named_queries

    posts = _select(oxigraph, named_queries()["positions"][1])
    assert [(p["personName"], p["position"]) for p in posts] == [
        ("Sergey Lavrov", "Minister of Foreign Affairs")]

    # An edited article: its graph is replaced on the server, not added to.
    article = tmp_path / "00-tass-cfe.txt"
    seed = Path(__file__).resolve().parents[1] / "kg" / "data" / "00-tass-cfe.txt"
    article.write_text(seed.read_text(encoding="utf-8").replace(
        "title: No chances for reviving CFE treaty — Lavrov",
        "title: CFE treaty cannot be revived, says Lavrov"), encoding="utf-8")
    subprocess.run([KG, "build", str(article), "--store", str(store)], check=True,
                   capture_output=True, timeout=60)
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert _headline(oxigraph) == ["CFE treaty cannot be revived, says Lavrov"]
    with open_store(store, read_only=True) as s:
        here = next(iter(s.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}",
                                 union=False)))["n"].value
        assert _count(oxigraph) == int(here)


def test_push_errors(oxigraph: Server, tmp_path: Path) -> None:
    store = build_seed(tmp_path / "store")
    with open_store(store, read_only=True) as s:
        with pytest.raises(PushError, match="HTTP 4"):
            push(s, oxigraph.url + "/nowhere")
        with pytest.raises(PushError, match="cannot reach"):
            push(s, f"http://127.0.0.1:{free_port()}/store", timeout=5)
        with pytest.raises(PushError, match="http"):
            push(s, "file:///etc/passwd")
    r = subprocess.run([KG, "push", "--endpoint", "ftp://x", "--store", str(store)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr.startswith("kg: error: --endpoint must be")


@pytest.mark.parametrize(("env", "expected"), [
    ({"KG_PUSH_TOKEN": "s3cret"}, "Bearer s3cret"),
    ({"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "pw"}, "Basic a2c6cHc="),
    ({}, None)])
def test_push_sends_authentication(tmp_path: Path, env: dict[str, str],
                                   expected: str | None) -> None:
    seen: list[tuple[str, str | None, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen.append((self.path, self.headers.get("Authorization"),
                         self.headers.get("Content-Type")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        store = build_seed(tmp_path / "store")
        with open_store(store, read_only=True) as s:
            push(s, f"http://127.0.0.1:{httpd.server_address[1]}/data", env=env, timeout=10)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
    assert seen == [(f"/data?graph={urllib.parse.quote(g, safe='')}", expected,
                     "application/n-triples") for g in (GRAPH, "urn:kg:entities", "urn:kg:events",
                                                            "urn:kg:index")]


def _meta(server: Server) -> list[str]:
    rows = _select(server, f"SELECT ?p WHERE {{ GRAPH <urn:kg:meta> {{ <{GRAPH}> ?p ?h }} }}")
    return sorted(r["p"] for r in rows)


def test_build_push_replaces_each_graph_on_the_server(oxigraph: Server, tmp_path: Path) -> None:
    """``kg build --push URL`` writes each article graph and its hashes into a SPARQL
    Update endpoint; a rebuild of an edited article replaces its graph there."""
    seed = Path(__file__).resolve().parents[1] / "kg" / "data" / "00-tass-cfe.txt"
    argv = [KG, "build", "--push", oxigraph.url + "/update", "-j", "1"]
    r = subprocess.run([*argv, str(seed)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert _count(oxigraph) == 460
    assert _meta(oxigraph) == ["urn:kg:contentHash", "urn:kg:sourceHash"]
    # what needs a store is not pushed, and the build says so
    assert "the events graph and the query index are made from a store" in r.stderr
    article = tmp_path / "00-tass-cfe.txt"
    article.write_text(seed.read_text(encoding="utf-8").replace(
        "title: No chances for reviving CFE treaty — Lavrov",
        "title: CFE treaty cannot be revived, says Lavrov"), encoding="utf-8")
    r = subprocess.run([*argv, str(article)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert _headline(oxigraph) == ["CFE treaty cannot be revived, says Lavrov"]
    assert _count(oxigraph) == 460
    assert _meta(oxigraph) == ["urn:kg:contentHash", "urn:kg:sourceHash"]


def test_build_push_errors(oxigraph: Server, tmp_path: Path) -> None:
    r = subprocess.run([KG, "build", "--push", oxigraph.url + "/nowhere", "-j", "1"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "refused the update: HTTP 4" in r.stderr, r.stderr
    r = subprocess.run([KG, "build", "--push", f"http://127.0.0.1:{free_port()}/update"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("kg: error: cannot reach"), r.stderr
    r = subprocess.run([KG, "build", "--push", "ftp://x/"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2 and r.stderr == ("kg: error: --push must be an http(s) URL, not "
                                              "'ftp://x/'\n"), r.stderr

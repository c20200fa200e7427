"""``kg serve`` as a real process on a free local port: the SPARQL protocol forms,
result formats, linked data with content negotiation, 404s, read-only refusal,
limits, the query page's assets and the VoID."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from _servers import KG, Server, build_seed, free_port, request, running

BASE = "https://kg.example.org/"
#: The triples of the store as kg counts them: every graph's but the query index's
#: (urn:kg:index, kg.index), which the union holds too.
COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
         "FILTER (?g != <urn:kg:index>) }")
RUSSIA = "id/state/russia"
FACT = "fact/00-tass-cfe/holds_position-e71e283d1503"
ARTICLE = "article/00-tass-cfe"
HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    d = tmp_path_factory.mktemp("serve")
    store = build_seed(d / "store")
    port = free_port()
    argv = [KG, "serve", "--store", str(store), "--port", str(port), "--timeout", "1.5",
            "--max-rows", "500", "--workers", "2"]
    with running(argv, port, d / "serve.log") as s:
        yield s


def sparql_get(server: Server, query: str, accept: str = "application/sparql-results+json"):
    q = urllib.parse.urlencode({"query": query})
    return request(f"{server.url}/sparql?{q}", headers={"Accept": accept})


FORMS = {
    "get": lambda url, q: request(f"{url}/sparql?{urllib.parse.urlencode({'query': q})}"),
    "post-form": lambda url, q: request(
        f"{url}/sparql", method="POST", data=urllib.parse.urlencode({"query": q}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"}),
    "post-query": lambda url, q: request(
        f"{url}/sparql", method="POST", data=q.encode(),
        headers={"Content-Type": "application/sparql-query"}),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_protocol_forms(server: Server, form: str) -> None:
    r = FORMS[form](server.url, COUNT)
    assert r.status == 200, r.text
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(r.body)["results"]["bindings"][0]["n"]["value"] == "580"


def _parse_json(body: str) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


def _parse_xml(body: str) -> list[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    return [e.text or "" for e in root.findall(".//r:binding[@name='name']/r:literal", ns)]


def _parse_csv(body: str) -> list[str]:
    return [row["name"] for row in csv.DictReader(io.StringIO(body))]


def _parse_tsv(body: str) -> list[str]:
    lines = body.splitlines()
    assert lines[0] == "?name"
    return [json.loads(v) for v in lines[1:]]  # N-Triples literals are JSON-like strings


@pytest.mark.parametrize(("accept", "media", "parse"), [
    ("application/sparql-results+json", "application/sparql-results+json", _parse_json),
    ("application/sparql-results+xml", "application/sparql-results+xml", _parse_xml),
    ("text/csv", "text/csv", _parse_csv),
    ("text/tab-separated-values", "text/tab-separated-values", _parse_tsv),
])
def test_select_formats(server: Server, accept: str, media: str, parse) -> None:  # type: ignore[no-untyped-def]
    q = ("SELECT ?name WHERE { ?e a <https://kg.example.org/ontology#State> ; "
         "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name")
    r = sparql_get(server, q, accept)
    assert r.status == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert parse(r.text) == ["Belarus", "Russia", "United States"]


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES)])
@pytest.mark.parametrize("query", [
    f"CONSTRUCT {{ <{BASE}{RUSSIA}> ?p ?o }} WHERE {{ <{BASE}{RUSSIA}> ?p ?o }}",
    f"DESCRIBE <{BASE}{RUSSIA}>"])
def test_graph_formats(server: Server, query: str, accept: str, fmt: ox.RdfFormat) -> None:
    r = sparql_get(server, query, accept)
    assert r.status == 200, r.text
    assert r.headers["content-type"].startswith(accept)
    triples = list(ox.parse(r.body, fmt))
    assert any(t.object == ox.Literal("Russia") for t in triples)


def test_ask(server: Server) -> None:
    r = sparql_get(server, f"ASK {{ <{BASE}{RUSSIA}> ?p ?o }}")
    assert r.status == 200 and json.loads(r.body)["boolean"] is True


@pytest.mark.parametrize("path", [RUSSIA, FACT, ARTICLE])
@pytest.mark.parametrize(("accept", "media"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples")])
def test_linked_data(server: Server, path: str, accept: str, media: str) -> None:
    r = request(f"{server.url}/{path}", headers={"Accept": accept})
    assert r.status == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert "Accept" in r.headers.get("vary", "")
    if media == "text/html":
        assert "content-security-policy" in r.headers
        assert "<script>" not in r.text
        return
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
           "application/n-triples": ox.RdfFormat.N_TRIPLES}[media]
    subjects = {t.subject for t in ox.parse(r.body, fmt)}
    assert ox.NamedNode(BASE + path) in subjects


def test_entity_page_content(server: Server) -> None:
    html = request(f"{server.url}/{RUSSIA}", headers={"Accept": "text/html"}).text
    assert "<h1>Russia</h1>" in html
    assert 'href="https://www.wikidata.org/wiki/Q159"' in html
    assert 'href="/ontology#State"' in html
    assert 'href="/fact/00-tass-cfe/' in html  # statements pointing in, linked
    fact = request(f"{server.url}/{FACT}", headers={"Accept": "text/html"}).text
    assert '<blockquote class="evidence">The Treaty on Conventional Armed Forces' in fact
    assert 'href="/id/person/sergey-lavrov">Sergey Lavrov</a>' in fact


def test_extension_urls_and_ontology(server: Server) -> None:
    r = request(f"{server.url}/{RUSSIA}.ttl")
    assert r.status == 200 and r.headers["content-type"].startswith("text/turtle")
    onto = request(f"{server.url}/ontology", headers={"Accept": "text/html"})
    assert onto.status == 200 and 'id="State"' in onto.text
    ttl = request(f"{server.url}/ontology", headers={"Accept": "text/turtle"})
    assert any(t.subject == ox.NamedNode("https://kg.example.org/ontology#State")
               for t in ox.parse(ttl.body, ox.RdfFormat.TURTLE))


@pytest.mark.parametrize(("path", "status"), [
    ("id/state/atlantis", 404), ("fact/none/x-1", 404), ("nothing/here", 404),
    ("classes/none", 404), ("id/%2e%2e/%2e%2e/etc/passwd", 400), ("id/..%2fetc", 400)])
def test_unknown_and_bad_paths(server: Server, path: str, status: int) -> None:
    assert request(f"{server.url}/{path}").status == status


@pytest.mark.parametrize("how", ["update-param", "update-body", "update-as-query"])
def test_read_only(server: Server, how: str) -> None:
    upd = f"INSERT DATA {{ GRAPH <{BASE}article/x> {{ <{BASE}id/x> <{BASE}p> 1 }} }}"
    if how == "update-param":
        r = request(f"{server.url}/sparql", method="POST",
                    data=urllib.parse.urlencode({"update": upd}).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        r = request(f"{server.url}/sparql", method="POST", data=upd.encode(),
                    headers={"Content-Type": "application/sparql-update"})
    else:
        r = sparql_get(server, upd)
    assert r.status == 403, r.text
    assert "read-only" in r.text
    count = json.loads(sparql_get(server, COUNT).body)
    assert count["results"]["bindings"][0]["n"]["value"] == "580"


def test_time_limit(server: Server) -> None:
    start = time.monotonic()
    r = sparql_get(server, HEAVY)
    took = time.monotonic() - start
    assert r.status == 503, r.text
    assert "time limit" in r.text
    assert took < 6
    assert sparql_get(server, COUNT).status == 200  # a fresh worker answers


def test_size_limit(server: Server) -> None:
    r = sparql_get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status == 413 and "more than 500 rows" in r.text
    assert sparql_get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 500").status == 200


@pytest.mark.parametrize(("query", "status"), [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 400),
    ("SELECT * WHERE { ?s ?p }", 400)])
def test_refused_queries(server: Server, query: str, status: int) -> None:
    assert sparql_get(server, query).status == status


@pytest.mark.parametrize(("query", "status", "message"), [
    ("SELEC ?x", 400, "SPARQL syntax error at line 1, column 1: a query starts with SELECT, "
                      "ASK, CONSTRUCT or DESCRIBE (after PREFIX and BASE), not 'SELEC'\n"),
    ("SELECT ?x { ?x foo:bar ?y }", 400, "SPARQL syntax error at line 1, column 16: the "
     "prefix 'foo:' is not declared (add PREFIX foo: <...> before the query)\n"),
    ("INSERT DATA { <a:a> <a:b> <a:c> }", 403, "SPARQL Update is refused: kg query and "
     "kg serve are read-only (kg build writes the store)\n")])
def test_errors_in_words(server: Server, query: str, status: int, message: str) -> None:
    r = sparql_get(server, query)
    assert (r.status, r.text) == (status, message)


def test_void_and_service_description(server: Server) -> None:
    r = request(f"{server.url}/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status == 200
    g = ox.Store()
    g.load(r.body, ox.RdfFormat.TURTLE)

    def one(q: str) -> str:
        return str(next(iter(g.query(q)))[0].value)

    pre = "PREFIX void: <http://rdfs.org/ns/void#> PREFIX dct: <http://purl.org/dc/terms/> "
    assert one(pre + "SELECT ?n { ?d void:triples ?n ; void:classPartition ?p }") == "580"
    assert one(pre + "SELECT ?e { ?d void:sparqlEndpoint ?e }") == f"{server.url}/sparql"
    assert one(pre + "SELECT ?l { ?d dct:license ?l }").startswith("https://creativecommons")
    assert one(pre + "SELECT ?n { ?d void:classPartition [ void:class "
               "<https://kg.example.org/ontology#State> ; void:entities ?n ] }") == "3"
    assert one(pre + "SELECT (COUNT(?s) AS ?n) { ?d void:subset ?s }") == "1"
    sd = request(f"{server.url}/sparql", headers={"Accept": "text/turtle"})
    assert sd.status == 200
    assert b"sparql-service-description#Service" in sd.body or b"sd:Service" in sd.body


def test_pages_and_assets(server: Server) -> None:
    for path in ("/", "/query", "/static/query.js", "/static/style.css", "/classes/kgo-State"):
        r = request(server.url + path)
        assert r.status == 200, path
    page = request(server.url + "/query").text
    assert 'src="/static/query.js"' in page and "positions" in page


def test_missing_store_is_one_line_error(tmp_path: Path) -> None:
    import subprocess

    r = subprocess.run([KG, "serve", "--store", str(tmp_path / "none"), "--port",
                        str(free_port())], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("kg: error: no store at")

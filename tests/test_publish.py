"""``kg publish``: the static site passes a link check when served by a plain static
server, its embedded JSON-LD parses, and names from the data are escaped."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.parse
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from _servers import KG, build_seed, free_port, request, running

from kg._errors import InputError
from kg.publish import publish
from kg.store import open_store

BASE = "https://kg.example.org/"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")
        if a.get("id"):
            self.ids.add(a["id"] or "")
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)


def _parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("publish")
    store = build_seed(d / "store")
    out = d / "site"
    r = subprocess.run([KG, "publish", "-o", str(out), "--store", str(store)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("pages: ")
    return out


def test_layout(site: Path) -> None:
    for rel in ("index.html", "id/state/russia.html", "id/state/russia.ttl",
                "id/state/russia.jsonld", "article/00-tass-cfe.html", "ontology.html",
                "void.ttl", ".well-known/void", "sitemap.xml", "robots.txt", "style.css",
                "classes/kgo-State.html", "dump.nt"):
        assert (site / rel).is_file(), rel


def test_link_check_over_a_static_server(site: Path, tmp_path: Path) -> None:
    """Crawl from the front page through a plain static server: every internal link
    (page, stylesheet, .ttl, .jsonld, #fragment) resolves."""
    port = free_port()
    argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
            "--directory", str(site)]
    with running(argv, port, tmp_path / "http.log", path="/index.html") as server:
        todo = deque(["/index.html"])
        seen: set[str] = set()
        ids: dict[str, set[str]] = {}
        fragments: list[tuple[str, str, str]] = []
        while todo:
            path = todo.popleft()
            if path in seen:
                continue
            seen.add(path)
            r = request(server.url + path, timeout=10)
            assert r.status == 200, f"broken link: {path}"
            if not path.endswith(".html"):
                continue
            page = _parse(r.text)
            ids[path] = page.ids
            for link in page.links:
                if link.startswith(("http://", "https://")):
                    continue
                target, _, frag = urllib.parse.urljoin(path, link).partition("#")
                if frag:
                    fragments.append((path, target, frag))
                todo.append(target)
    assert len([p for p in seen if p.endswith(".html")]) >= 40
    for source, target, frag in fragments:
        assert frag in ids.get(target, set()), f"{source}: no #{frag} in {target}"


def test_embedded_jsonld_and_rdf_files_parse(site: Path) -> None:
    pages = sorted(site.glob("id/**/*.html")) + sorted(site.glob("fact/**/*.html")) \
        + sorted(site.glob("article/*.html"))
    assert pages
    for page in pages:
        blocks = _parse(page.read_text(encoding="utf-8")).jsonld
        assert len(blocks) == 1, page
        data = json.loads(blocks[0])
        assert data["@context"] == "https://schema.org" and data["@id"].startswith(BASE)
        stem = page.with_suffix("")
        for ext, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".jsonld", ox.RdfFormat.JSON_LD)):
            triples = list(ox.parse(stem.with_suffix(ext).read_bytes(), fmt))
            assert any(t.subject == ox.NamedNode(data["@id"]) for t in triples), stem
    russia = json.loads(_parse((site / "id/state/russia.html").read_text()).jsonld[0])
    assert russia["@type"] == "Country" and russia["name"] == "Russia"
    assert "http://www.wikidata.org/entity/Q159" in russia["sameAs"]


def test_void_and_sitemap(site: Path) -> None:
    g = ox.Store()
    g.load((site / "void.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    n = next(iter(g.query("SELECT ?n { ?d <http://rdfs.org/ns/void#triples> ?n ; "
                          "<http://rdfs.org/ns/void#classPartition> ?p }")))[0]
    assert n.value == "580"
    sitemap = (site / "sitemap.xml").read_text()
    assert f"<loc>{BASE}id/state/russia.html</loc>" in sitemap


EVIL = '<script>alert("x")</script> """ \' & </title>'


def test_names_are_escaped(tmp_path: Path) -> None:
    g = rdflib.Graph()
    e = rdflib.URIRef(f"{BASE}id/person/evil")
    g.add((e, rdflib.RDF.type, rdflib.URIRef("https://kg.example.org/ontology#Person")))
    g.add((e, rdflib.RDFS.label, rdflib.Literal(EVIL)))
    g.add((e, rdflib.OWL.sameAs, rdflib.URIRef("javascript:alert(1)")))
    with open_store(tmp_path / "store") as s:
        s.replace_graph(f"{BASE}article/evil", g)
    with open_store(tmp_path / "store", read_only=True) as s:
        publish(s, tmp_path / "site")
    html = (tmp_path / "site/id/person/evil.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</title> " not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    page = _parse(html)
    assert json.loads(page.jsonld[0])["name"] == EVIL
    assert re.search(r'application/ld\+json">[^<]*</script>', html)


def test_refuses_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "precious.txt").write_text("keep")
    store = build_seed(tmp_path / "store")
    with open_store(store, read_only=True) as s, pytest.raises(InputError, match="not empty"):
        publish(s, tmp_path / "site")
    assert (tmp_path / "site" / "precious.txt").read_text() == "keep"

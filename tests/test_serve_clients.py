"""The SPARQL clients people already use, in their default settings, against a real
``kg serve``: SPARQLWrapper and rdflib's SPARQLStore, for SELECT, ASK, CONSTRUCT and
DESCRIBE (their defaults ask for SPARQL XML results and RDF/XML graphs)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib
from _servers import KG, Server, build_seed, free_port, request, running

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
# SPARQLWrapper 2.0 parses RDF/XML into an rdflib ConjunctiveGraph, which rdflib 7 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

BASE = "https://kg.example.org/"
RUSSIA = BASE + "id/state/russia"
STATES = ("SELECT ?name WHERE { ?e a <https://kg.example.org/ontology#State> ; "
          "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name")
ASK = f"ASK {{ <{RUSSIA}> ?p ?o }}"
CONSTRUCT = f"CONSTRUCT {{ <{RUSSIA}> ?p ?o }} WHERE {{ <{RUSSIA}> ?p ?o }}"
DESCRIBE = f"DESCRIBE <{RUSSIA}>"
NAMES = ["Belarus", "Russia", "United States"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    d = tmp_path_factory.mktemp("serve-clients")
    store = build_seed(d / "store")
    port = free_port()
    argv = [KG, "serve", "--store", str(store), "--port", str(port), "--workers", "1"]
    with running(argv, port, d / "serve.log") as s:
        yield s


def _russia_label(g: rdflib.Graph) -> list[str]:
    return [str(o) for o in g.objects(rdflib.URIRef(RUSSIA), rdflib.RDFS.label)]


def _wrapper(server: Server, query: str) -> object:
    sw = SPARQLWrapper.SPARQLWrapper(server.url + "/sparql")  # defaults: GET, XML
    sw.setQuery(query)
    return sw.query().convert()


def test_sparqlwrapper_select(server: Server) -> None:
    doc = _wrapper(server, STATES)  # an xml.dom.minidom document (SPARQL XML results)
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]  # type: ignore[attr-defined]
    assert literals == NAMES


def test_sparqlwrapper_ask(server: Server) -> None:
    doc = _wrapper(server, ASK)
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_sparqlwrapper_graphs(server: Server, query: str) -> None:
    g = _wrapper(server, query)  # an rdflib Graph parsed from RDF/XML
    assert isinstance(g, rdflib.Graph)
    assert _russia_label(g) == ["Russia"]


@pytest.fixture(scope="module")
def remote(server: Server) -> rdflib.Graph:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return rdflib.Graph(store=SPARQLStore(server.url + "/sparql"))  # defaults: GET, XML


def test_sparqlstore_select(remote: rdflib.Graph) -> None:
    assert [str(row[0]) for row in remote.query(STATES)] == NAMES  # type: ignore[index]


def test_sparqlstore_ask(remote: rdflib.Graph) -> None:
    assert remote.query(ASK).askAnswer is True


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_sparqlstore_graphs(remote: rdflib.Graph, query: str) -> None:
    result = remote.query(query)
    assert result.graph is not None
    assert _russia_label(result.graph) == ["Russia"]


def test_sparqlstore_triples(remote: rdflib.Graph) -> None:
    # Graph.triples() over a SPARQLStore is a SELECT the store writes itself.
    labels = {str(o) for o in remote.objects(rdflib.URIRef(RUSSIA), rdflib.RDFS.label)}
    assert labels == {"Russia"}


@pytest.mark.parametrize("path", ["/id/state/russia", "/id/state/russia.rdf",
                                  "/.well-known/void", "/sparql"])
def test_rdf_xml_wherever_turtle_is_served(server: Server, path: str) -> None:
    r = request(server.url + path, headers={"Accept": "application/rdf+xml"})
    assert r.status == 200, r.text
    assert r.headers["content-type"].startswith("application/rdf+xml")
    g = rdflib.Graph().parse(data=r.body, format="xml")
    assert len(g) > 3
    if path.startswith("/id/"):
        assert _russia_label(g) == ["Russia"]


def test_resource_links_name_rdf_xml(server: Server) -> None:
    r = request(server.url + "/id/state/russia", headers={"Accept": "text/turtle"})
    assert '</id/state/russia.rdf>; rel="alternate"; type="application/rdf+xml"' in \
        r.headers["link"]


def test_the_defaults_the_tests_rely_on() -> None:
    # The tests above configure nothing: these are the clients' defaults (SPARQL XML
    # results, RDF/XML graphs, GET). A client release that changes them shows here.
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    sw = SPARQLWrapper.SPARQLWrapper("http://127.0.0.1:9/sparql")
    assert (sw.method, sw.returnFormat) == ("GET", "xml")
    store = SPARQLStore("http://127.0.0.1:9/sparql")
    assert store.method == "GET" and store.returnFormat == "xml"

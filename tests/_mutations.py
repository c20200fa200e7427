"""Real article graphs and seeded mutations of them, for the differential test of the
compiled validator against pySHACL (tests/test_validate_compiled.py) and its benchmark
(benchmarks/bench_validate.py)."""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
BASE = "https://kg.example.org/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
KGO = BASE + "ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPES = [XSD + t for t in ("string", "integer", "decimal", "date", "gYear", "gYearMonth",
                               "dateTime", "boolean", "double")]
LEXICAL = ["2014-13-45", "1990-13", "199x", "-1", "0", "1", "0.5", "1.5", "abc", "", "1990",
           "2007-12", "2014-11-18", "2014-11-18T10:00:00", "Q159", "en", "en-GB", "e n",
           "holds_position", "signed", "true", "22", "http://www.wikidata.org/entity/Q0"]
IRIS = ["http://www.wikidata.org/entity/Q159", "http://www.wikidata.org/entity/P31",
        "https://www.wikidata.org/wiki/Q159", KGO + "Moratorium", KGO + "Whatever",
        KGO + "kg", BASE + "id/nowhere"]
Graph = list[ox.Triple]


def _triples(graph: object) -> Graph:
    from kg.store import ntriples

    text = ntriples(graph)  # type: ignore[arg-type]
    triples = [ox.Triple(q.subject, q.predicate, q.object)
               for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
    return sorted(triples, key=str)  # rdflib writes them in an order that varies by run


@functools.cache
def article_graphs() -> tuple[tuple[str, tuple[ox.Triple, ...]], ...]:
    """Graphs of real articles: the bundled seed and the held-out articles, extracted and
    mapped as a build does, and the facts fixtures."""
    from kg.facts import Document
    from kg.map import to_graph
    from kg.pipeline import extract_file, seed_article

    out = []
    with seed_article() as path:
        out.append(("seed", extract_file(path)))
    for path in sorted((HERE / "fixtures" / "heldout").glob("*/articles/*.txt")):
        out.append((path.stem, extract_file(path)))
    for path in sorted((HERE / "fixtures" / "facts").glob("*.json")):
        out.append((path.stem, Document.from_dict(json.loads(path.read_text("utf-8")))))
    return tuple((name, tuple(_triples(to_graph(doc, BASE)))) for name, doc in out)


def _literal(rng: random.Random) -> ox.Literal:
    lexical = rng.choice(LEXICAL)
    roll = rng.random()
    if roll < 0.15:
        return ox.Literal(lexical)
    if roll < 0.25:
        return ox.Literal(lexical, language="en")
    return ox.Literal(lexical, datatype=ox.NamedNode(rng.choice(DATATYPES)))


def _node(rng: random.Random, g: Graph) -> ox.NamedNode | ox.BlankNode:
    if rng.random() < 0.3:
        return ox.NamedNode(rng.choice(IRIS))
    if rng.random() < 0.1:
        return ox.BlankNode(f"m{rng.randrange(1000)}")
    nodes = [t.subject for t in g]
    return rng.choice(nodes)


def _swap_object(rng: random.Random, g: Graph) -> None:
    i = rng.randrange(len(g))
    t = g[i]
    new = _literal(rng) if rng.random() < 0.5 else _node(rng, g)
    g[i] = ox.Triple(t.subject, t.predicate, new)


def _change_datatype(rng: random.Random, g: Graph) -> None:
    lits = [i for i, t in enumerate(g) if isinstance(t.object, ox.Literal)]
    if lits:
        i = rng.choice(lits)
        t = g[i]
        dt = ox.NamedNode(rng.choice(DATATYPES))
        g[i] = ox.Triple(t.subject, t.predicate, ox.Literal(t.object.value, datatype=dt))


def _drop(rng: random.Random, g: Graph) -> None:
    del g[rng.randrange(len(g))]


def _duplicate(rng: random.Random, g: Graph) -> None:
    t = rng.choice(g)
    others = [u.object for u in g if u.predicate == t.predicate and u.object != t.object]
    new = rng.choice(others) if others and rng.random() < 0.6 else (
        _literal(rng) if isinstance(t.object, ox.Literal) else _node(rng, g))
    g.append(ox.Triple(t.subject, t.predicate, new))


def _retype(rng: random.Random, g: Graph) -> None:
    types = [i for i, t in enumerate(g) if t.predicate == RDF_TYPE]
    classes = sorted({g[i].object.value for i in types})
    i = rng.choice(types)
    t = g[i]
    cls = ox.NamedNode(rng.choice(classes))
    if rng.random() < 0.5:
        g[i] = ox.Triple(t.subject, t.predicate, cls)
    else:
        g.append(ox.Triple(t.subject, t.predicate, cls))


def _drop_node(rng: random.Random, g: Graph) -> None:
    subject = rng.choice(g).subject
    g[:] = [t for t in g if t.subject != subject]


def _drop_evidence(rng: random.Random, g: Graph) -> None:
    evidence = [t for t in g if t.predicate.value == KGO + "evidence"]
    if evidence:
        t = rng.choice(evidence)
        gone = {t.object} if rng.random() < 0.5 else set()
        g[:] = [u for u in g if u != t and u.subject not in gone]


def _redirect(rng: random.Random, g: Graph) -> None:
    """Point an object at another node of the graph (often of another class)."""
    iris = [i for i, t in enumerate(g) if not isinstance(t.object, ox.Literal)]
    i = rng.choice(iris)
    t = g[i]
    g[i] = ox.Triple(t.subject, t.predicate, rng.choice(g).subject)


MUTATIONS: list[Callable[[random.Random, Graph], None]] = [
    _swap_object, _change_datatype, _drop, _duplicate, _retype, _drop_node, _drop_evidence,
    _redirect,
]


def mutants(n: int, seed: int = 17, small_first: bool = True) -> list[tuple[str, Graph]]:
    """``n`` mutations (1 to 3 changes each) of the article graphs, the same for a seed."""
    graphs = sorted(article_graphs(), key=lambda ng: len(ng[1])) if small_first \
        else list(article_graphs())
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name, triples = graphs[i % len(graphs)]
        g = list(triples)
        for _ in range(rng.randint(1, 3)):
            rng.choice(MUTATIONS)(rng, g)
        out.append((f"{name}#m{i}", g))
    return out


def _rdflib_term(term: object) -> object:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":  # as the mapper writes them (and pySHACL's
        return rdflib.Literal(term.value)  # sh:hasValue "x" fails "x"^^xsd:string)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def rdflib_graph(triples: Graph) -> object:
    """The triples as an rdflib graph (blank nodes keep their labels), for pySHACL.

    rdflib normalizes some lexical forms as it makes a literal; the build validates the
    N-Triples of the rdflib graph the mapper made, so the compiled engine is given
    ``kg.store.ntriples`` of this graph, as in the build."""
    import rdflib

    from kg.validate import quiet_literals

    g = rdflib.Graph()
    with quiet_literals():
        for t in triples:
            g.add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
    return g

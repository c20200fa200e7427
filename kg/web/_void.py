"""The VoID description of the dataset and the SPARQL service description (private)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.vocab import ENTITIES_GRAPH, KGO, ONTOLOGY_IRI, RDF, XSD
from kg.web._describe import RDF_TYPE, resource_iris, split_fragment

__all__ = ["DEFAULT_LICENSE", "VOID_PREFIXES", "Stats", "service_description", "stats",
           "void_triples"]

#: The licence the VoID states unless ``--license`` says otherwise.
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
DCT = "http://purl.org/dc/terms/"
FORMATS = "http://www.w3.org/ns/formats/"
VOID_PREFIXES = {"void": VOID, "sd": SD, "dcterms": DCT, "formats": FORMATS,
                 "kgo": KGO, "xsd": XSD, "rdf": RDF}


@dataclass
class Stats:
    """Counts for the VoID and the home page: triples, entities and facts (as
    :func:`kg.store.counts` defines them), members per class, triples per named graph."""

    triples: int = 0
    entities: int = 0
    facts: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    graphs: dict[str, int] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)


def stats(store: Any, base: str) -> Stats:
    """Count the store (a :class:`kg.store.Store`) once."""
    import pyoxigraph as ox

    s = Stats()
    s.resources = resource_iris(store.ox, base)
    members: dict[str, set[str]] = {}
    # the article graphs, and the entities graph, where each entity's type is said once
    for g in [*store.graphs(), ENTITIES_GRAPH]:
        n = 0
        for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            n += 1
            if q.predicate.value == RDF_TYPE and type(q.subject).__name__ == "NamedNode" \
                    and split_fragment(q.subject.value) == q.subject.value:
                members.setdefault(q.object.value, set()).add(q.subject.value)
        if g != ENTITIES_GRAPH:
            s.graphs[g] = n
    from kg.store import counts

    found = counts(store)
    s.triples, s.entities, s.facts = found.triples, found.entities, found.facts
    s.classes = dict(sorted(Counter({c: len(m) for c, m in members.items()}).items()))
    s.members = {c: sorted(m) for c, m in sorted(members.items())}
    return s


def void_triples(st: Stats, base: str, *, endpoint: str | None, license_iri: str,
                 void_iri: str, dumps: list[str] | None = None) -> list[Any]:
    """The VoID of the dataset as pyoxigraph triples; the dataset is ``void_iri#dataset``."""
    import pyoxigraph as ox

    def n(iri: str) -> Any:
        return ox.NamedNode(iri)

    def lit(value: int | str) -> Any:
        if isinstance(value, int):
            return ox.Literal(str(value), datatype=n(XSD + "integer"))
        return ox.Literal(value)

    ds = n(void_iri + "#dataset")
    t = [ox.Triple(ds, n(RDF_TYPE), n(VOID + "Dataset")),
         ox.Triple(ds, n(DCT + "title"), lit("kg: a knowledge graph of arms-control news")),
         ox.Triple(ds, n(DCT + "license"), n(license_iri)),
         ox.Triple(ds, n(VOID + "uriSpace"), lit(base)),
         ox.Triple(ds, n(VOID + "vocabulary"), n(ONTOLOGY_IRI + "#")),
         ox.Triple(ds, n(VOID + "triples"), lit(st.triples)),
         ox.Triple(ds, n(VOID + "entities"), lit(st.entities)),
         ox.Triple(ds, n(VOID + "documents"), lit(len(st.graphs))),
         ox.Triple(ds, n(VOID + "feature"), n(FORMATS + "Turtle")),
         ox.Triple(ds, n(VOID + "feature"), n(FORMATS + "JSON-LD")),
         ox.Triple(ds, n(VOID + "feature"), n(FORMATS + "N-Triples")),
         ox.Triple(ds, n(VOID + "feature"), n(FORMATS + "RDF_XML"))]
    if endpoint:
        t.append(ox.Triple(ds, n(VOID + "sparqlEndpoint"), n(endpoint)))
    for d in dumps or []:
        t.append(ox.Triple(ds, n(VOID + "dataDump"), n(d)))
    for i, (cls, count) in enumerate(st.classes.items()):
        part = n(f"{void_iri}#class-{i}")
        t += [ox.Triple(ds, n(VOID + "classPartition"), part),
              ox.Triple(part, n(VOID + "class"), n(cls)),
              ox.Triple(part, n(VOID + "entities"), lit(count))]
    for i, (g, count) in enumerate(st.graphs.items()):
        sub = n(f"{void_iri}#graph-{i}")
        t += [ox.Triple(ds, n(VOID + "subset"), sub),
              ox.Triple(sub, n(RDF_TYPE), n(VOID + "Dataset")),
              ox.Triple(sub, n(SD + "name"), n(g)),
              ox.Triple(sub, n(VOID + "triples"), lit(count))]
    return t


def service_description(st: Stats, endpoint: str, void_iri: str) -> list[Any]:
    """The SPARQL 1.1 service description of ``endpoint``."""
    import pyoxigraph as ox

    def n(iri: str) -> Any:
        return ox.NamedNode(iri)

    svc = n(endpoint + "#service")
    dd = n(endpoint + "#dataset")
    t = [ox.Triple(svc, n(RDF_TYPE), n(SD + "Service")),
         ox.Triple(svc, n(SD + "endpoint"), n(endpoint)),
         ox.Triple(svc, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
         ox.Triple(svc, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
         ox.Triple(svc, n(SD + "defaultDataset"), dd),
         ox.Triple(dd, n(RDF_TYPE), n(SD + "Dataset")),
         ox.Triple(dd, n(SD + "defaultGraph"), n(void_iri + "#dataset"))]
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
              "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
        t.append(ox.Triple(svc, n(SD + "resultFormat"), n(FORMATS + f)))
    for i, g in enumerate(st.graphs):
        ng = n(f"{endpoint}#graph-{i}")
        t += [ox.Triple(dd, n(SD + "namedGraph"), ng),
              ox.Triple(ng, n(SD + "name"), n(g))]
    return t

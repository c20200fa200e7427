"""The entity-resolution report of a store (private; see :mod:`kg.resolve`)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from kg.store import ENTITY_CLASSES
from kg.vocab import ENTITIES_GRAPH, KGO, OWL, RDFS, SKOS, WD

if TYPE_CHECKING:
    from kg.store import Store

_QUERY = """
PREFIX kgo: <{kgo}>
PREFIX rdfs: <{rdfs}>
PREFIX skos: <{skos}>
PREFIX owl: <{owl}>
SELECT ?e ?type ?g ?name ?alias ?same WHERE {{
  GRAPH ?g {{ ?e kgo:localId ?local }}
  GRAPH <{entities}> {{ ?e a ?type ; rdfs:label ?name .
             OPTIONAL {{ ?e skos:altLabel ?alias }}
             OPTIONAL {{ ?e owl:sameAs ?same }} }}
  VALUES ?type {{ {} }}
}}
""".format(" ".join(f"<{c}>" for c in ENTITY_CLASSES), kgo=KGO, rdfs=RDFS, skos=SKOS, owl=OWL,
           entities=ENTITIES_GRAPH)


def normalise(name: str) -> str:
    """A name folded for comparison: no accents, case, punctuation or leading "the".

    >>> normalise("The  Russian Federation"), normalise("Sergéy Lavrov")
    ('russian federation', 'sergey lavrov')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass
class Node:
    """One entity node of the store, as resolved across articles."""

    iri: str
    type: str
    articles: int = 0
    names: list[str] = field(default_factory=list)
    wikidata: list[str] = field(default_factory=list)


@dataclass
class ResolutionReport:
    """Merges (one node used by several articles) and likely duplicates kept apart."""

    nodes: int = 0
    mentions: int = 0
    merges: list[Node] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.nodes} entities from {self.mentions} article entities; "
                f"{len(self.merges)} merged across articles; "
                f"{len(self.duplicates)} likely duplicate(s) kept apart")

    def to_json(self) -> str:
        return json.dumps({"summary": self.summary(), "nodes": self.nodes,
                           "article_entities": self.mentions,
                           "merges": [asdict(m) for m in self.merges],
                           "likely_duplicates": self.duplicates},
                          ensure_ascii=False, indent=1) + "\n"


def resolution_report(store: Store) -> ResolutionReport:
    """How the entities of the store's articles resolve to nodes.

    Entities are resolved when they are mapped: an entity with a reference id (a
    Wikidata item of the reference base) takes the reference base's name, and the node
    IRI is its type plus its normalised name (:func:`kg.map.entity_iri`), so the same
    person, treaty or bloc from many articles is one node. The report lists those nodes
    used by more than one article with every name they were written as (merges), and
    pairs of nodes kept apart that are likely the same: one Wikidata id on two nodes,
    or one normalised name (or a name that is the other's alias) on two nodes.

    >>> import tempfile
    >>> from kg.pipeline import build
    >>> from kg.store import open_store
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = build(None, d)
    ...     with open_store(d, read_only=True) as s:
    ...         report = resolution_report(s)
    >>> report.nodes > 0 and report.mentions == report.nodes
    True
    """
    rows = store.query(_QUERY, union=False)
    graphs: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    same: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = (row["e"].value, row["type"].value[len(KGO):])
        graphs[key].add(row["g"].value)
        labels[key].add(row["name"].value)
        names[key].add(row["name"].value)
        if row["alias"] is not None:
            names[key].add(row["alias"].value)
        if row["same"] is not None:
            same[key].add(row["same"].value.removeprefix(WD))
    from kg.store import counts

    # nodes: the store's entities (kg.store.counts); mentions: (entity, article) pairs
    mentions = {(key[0], g) for key, gs in graphs.items() for g in gs}
    report = ResolutionReport(nodes=counts(store).entities, mentions=len(mentions))
    for key in sorted(graphs):
        if len(graphs[key]) > 1:
            report.merges.append(Node(key[0], key[1], len(graphs[key]), sorted(names[key]),
                                      sorted(same[key])))
    seen: set[tuple[str, str, str]] = set()

    def pair(a: tuple[str, str], b: tuple[str, str], why: str) -> None:
        x, y = sorted((a[0], b[0]))
        if x == y or (x, y, why) in seen:
            return
        seen.add((x, y, why))
        report.duplicates.append({"nodes": [x, y], "types": sorted({a[1], b[1]}),
                                  "reason": why})

    by_qid: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in graphs:
        for q in same[key]:
            by_qid[q].append(key)
        for n in labels[key]:
            by_name[normalise(n)].append(key)
    for q, keys in sorted(by_qid.items()):
        for other in keys[1:]:
            pair(keys[0], other, f"same Wikidata id {q}")
    for n, keys in sorted(by_name.items()):
        for other in keys[1:]:
            pair(keys[0], other, f"same name {n!r}")
    for key in graphs:  # a node's alias is another node's name, same type
        for alias in names[key] - labels[key]:
            for other in by_name.get(normalise(alias), []):
                if other[1] == key[1]:
                    pair(key, other, f"alias {alias!r} is the other's name")
    report.duplicates.sort(key=lambda d: (d["reason"], d["nodes"]))
    return report

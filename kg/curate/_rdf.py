"""The provenance of curation in an article's graph (private; see :mod:`kg.curate`).

Each correction is a ``kgo:Curation`` (a ``prov:Activity``) with its ``kgo:curationAction``
(added, changed, reviewed, removed, merged, split, labelled, wikidata), the agent who
made it (``prov:wasAssociatedWith``, a ``prov:Agent`` labelled with the name), when
(``prov:endedAtTime``), why (``rdfs:comment``) and the file it comes from
(``kgo:curationSource``). A curated fact points at it with ``kgo:curation`` (an added fact,
which no extraction generated, is ``prov:wasGeneratedBy`` it); a removed fact is
``prov:invalidated`` by it; a curated entity points at its operations with
``kgo:curation``. Extracted facts have none of this, so they are told apart by
``FILTER NOT EXISTS { ?fact kgo:curation ?c }``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.map import KGO

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.curate._apply import Curated
    from kg.curate._model import EntityOp, Made

__all__ = ["add_provenance"]

_ENTITY_ACTION = {"merge": "merged", "split": "split", "label": "labelled",
                  "wikidata": "wikidata"}
_DATE = re.compile(r"^\d{4}-\d\d-\d\d\Z")


def _activity(g: Graph, act: URIRef, action: str, made: Made, base: str) -> None:
    from kg.map import slug

    agent = URIRef(f"{base}agent/{slug(made.by)}")
    g.add((act, RDF.type, KGO.Curation))
    g.add((act, KGO.curationAction, Literal(action)))
    g.add((act, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(made.by)))
    kind = XSD.date if _DATE.match(made.when) else XSD.dateTime
    g.add((act, PROV.endedAtTime, Literal(made.when, datatype=kind)))
    g.add((act, KGO.curationSource, Literal(made.source)))
    if made.why:
        g.add((act, RDFS.comment, Literal(made.why)))


def add_provenance(g: Graph, curated: Curated, base: str) -> None:
    """Add to ``g`` (the article's graph, as mapped from ``curated.doc``) the provenance
    of what curation did."""
    from kg.map import article_iri, article_slug

    art = article_iri(curated.doc.article.id, base)
    facts = {int(str(o)): s for s, o in g.subject_objects(KGO.factIndex)}
    for index, note in enumerate(curated.notes):
        if note is None:
            continue
        fact = facts[index]
        act = URIRef(f"{fact}#curation")
        _activity(g, act, note.action, note.made, base)
        g.add((act, PROV.used, art))
        g.add((fact, KGO.curation, act))
        if note.action == "added":  # no extraction generated it
            g.add((fact, PROV.wasGeneratedBy, act))
        for name in note.changed:
            g.add((act, KGO.changedField, Literal(name)))
    prefix = f"{base}fact/{article_slug(curated.doc.article.id)}/"
    for key, note in curated.removed:
        act = URIRef(f"{art}#removed-{key}")
        _activity(g, act, "removed", note.made, base)
        g.add((act, PROV.used, art))
        g.add((act, PROV.invalidated, URIRef(prefix + key)))
    _entities(g, curated, base)


def _entities(g: Graph, curated: Curated, base: str) -> None:
    nodes = {str(o): s for s, o in g.subject_objects(KGO.localId)}
    for local, ops in curated.entity_ops.items():
        node = nodes.get(local)
        if node is None:  # pragma: no cover - every entity has its local id
            continue
        for op in ops:
            act = _op_iri(op, base)
            _activity(g, act, _ENTITY_ACTION[op.op], op.made, base)
            g.add((node, KGO.curation, act))
            if op.op == "label" and op.label is not None:
                for old in list(g.objects(node, RDFS.label)):
                    g.remove((node, RDFS.label, old))
                    if str(old) != op.label:
                        g.add((node, SKOS.altLabel, old))
                g.add((node, RDFS.label, Literal(op.label)))


def _op_iri(op: EntityOp, base: str) -> URIRef:
    return URIRef(f"{base}curation/{op.digest}")

"""Namespaces, class and property tables as rdflib terms (private; the tables are
:mod:`kg.map._names`'s)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import vocab
from kg.map import _names
from kg.schema import EntityType

__all__ = [
    "ENTITY_CLASS",
    "ENTITY_SLUG",
    "FACT_CLASS",
    "FORM_IRI",
    "KGO",
    "KGR",
    "LIST_PROP",
    "OA",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "XSD",
    "field_prop",
]

#: The ontology namespace (:data:`kg.vocab.KGO`). Fixed: it does not follow the instance base.
KGO = Namespace(vocab.KGO)
OA = Namespace(vocab.OA)
SCHEMA = Namespace(vocab.SCHEMA)
WD = Namespace(vocab.WD)
#: The extraction rules, one IRI each (``kgr:withdrew.verb``, a page of its own when
#: published); fixed, as the ontology's.
KGR = Namespace(vocab.KGR)

#: Entity type -> ontology class.
ENTITY_CLASS: dict[EntityType, URIRef] = {t: URIRef(v) for t, v in _names.ENTITY_CLASS.items()}

#: Entity type -> the class segment of an entity IRI (``id/{slug}/...``).
ENTITY_SLUG: dict[EntityType, str] = _names.ENTITY_SLUG

#: Fact kind -> class of its node (from the one schema, :data:`kg.schema.FACT_KINDS`).
FACT_CLASS: dict[str, URIRef] = {k: URIRef(v) for k, v in _names.FACT_CLASS.items()}


def field_prop(kind: str, field: str) -> URIRef:
    """The property for ``field`` of a fact of ``kind`` (from the schema)."""
    return URIRef(_names.field_prop(kind, field))


#: Flat property -> the property holding the same values as an ordered rdf:List.
LIST_PROP: dict[URIRef, URIRef] = {URIRef(k): URIRef(v) for k, v in _names.LIST_PROP.items()}

#: suspended.form value -> individual.
FORM_IRI: dict[str, URIRef] = {k: URIRef(v) for k, v in _names.FORM_IRI.items()}

_ = (OWL, PROV, RDF, RDFS, XSD)

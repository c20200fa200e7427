"""Namespaces, class and property tables shared by the mapper (private)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import vocab
from kg.schema import FACT_KINDS, EntityType

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
ENTITY_CLASS: dict[EntityType, URIRef] = {t: KGO[t.value] for t in EntityType}

#: Entity type -> the class segment of an entity IRI (``id/{slug}/...``).
ENTITY_SLUG: dict[EntityType, str] = {
    EntityType.PERSON: "person",
    EntityType.STATE: "state",
    EntityType.BLOC: "bloc",
    EntityType.ORGANIZATION: "organization",
    EntityType.TREATY: "treaty",
    EntityType.PLACE: "place",
    EntityType.MEETING: "meeting",
    EntityType.WEAPON_SYSTEM: "weapon-system",
}

#: Fact kind -> class of its node (from the one schema, :data:`kg.schema.FACT_KINDS`).
FACT_CLASS: dict[str, URIRef] = {k: KGO[spec.cls] for k, spec in FACT_KINDS.items()}


def field_prop(kind: str, field: str) -> URIRef:
    """The property for ``field`` of a fact of ``kind`` (from the schema)."""
    return KGO[FACT_KINDS[kind].field(field).prop]


#: Flat property -> the property holding the same values as an ordered rdf:List.
LIST_PROP: dict[URIRef, URIRef] = {
    KGO.signatory: KGO.signatoryList,
    KGO.participant: KGO.participantList,
    KGO.topic: KGO.topicList,
    KGO.about: KGO.aboutList,
    KGO.quote: KGO.quoteList,
    SKOS.altLabel: KGO.aliasList,
}

#: suspended.form value -> individual.
FORM_IRI: dict[str, URIRef] = {"moratorium": KGO.Moratorium, "suspension": KGO.FormalSuspension}

_ = (OWL, PROV, RDF, RDFS, XSD)

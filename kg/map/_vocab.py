"""Namespaces, class and property tables shared by the mapper (private)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.facts import EntityType

__all__ = [
    "ENTITY_CLASS",
    "ENTITY_SLUG",
    "FACT_CLASS",
    "FORM_IRI",
    "KGO",
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

#: The ontology namespace. Fixed: it does not follow the instance base.
KGO = Namespace("https://kg.example.org/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

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

#: Fact kind -> class of its node.
FACT_CLASS: dict[str, URIRef] = {
    "holds_position": KGO.PositionHolding,
    "member_of": KGO.BlocMembership,
    "signed": KGO.Signing,
    "entered_into_force": KGO.EntryIntoForce,
    "ratified": KGO.Ratification,
    "suspended": KGO.Suspension,
    "withdrew": KGO.Withdrawal,
    "party_to": KGO.PartyTo,
    "accused": KGO.Accusation,
    "meeting": KGO.MeetingReport,
    "statement": KGO.Statement,
}

#: (kind, field) -> the property that carries the field's value(s).
#: Fields not listed use the default in :data:`_COMMON`.
_COMMON: dict[str, URIRef] = {
    "when": KGO.date,
    "where": KGO.place,
    "treaty": KGO.treaty,
    "party": KGO.party,
    "meeting": KGO.meeting,
}
_SPECIFIC: dict[tuple[str, str], URIRef] = {
    ("holds_position", "person"): KGO.holder,
    ("holds_position", "position"): KGO.positionTitle,
    ("holds_position", "of"): KGO.organization,
    ("member_of", "member"): KGO.member,
    ("member_of", "group"): KGO.organization,
    ("signed", "signatories"): KGO.signatory,
    ("signed", "signatory_count"): KGO.signatoryCount,
    ("signed", "signatory_groups"): KGO.signatoryGroup,
    ("suspended", "form"): KGO.suspensionForm,
    ("accused", "accuser"): KGO.accuser,
    ("accused", "accused"): KGO.accused,
    ("meeting", "participants"): KGO.participant,
    ("meeting", "topics"): KGO.topic,
    ("statement", "speaker"): KGO.speaker,
    ("statement", "about"): KGO.about,
    ("statement", "quotes"): KGO.quote,
}


def field_prop(kind: str, field: str) -> URIRef:
    """The property for ``field`` of a fact of ``kind``."""
    return _SPECIFIC.get((kind, field)) or _COMMON[field]


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

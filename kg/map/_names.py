"""Namespaces and class/property tables as plain strings, without rdflib (private).

The one definition of the mapper's vocabulary: :mod:`kg.map._vocab` wraps the same
tables in rdflib terms for the rdflib graph and the reader.
"""

from __future__ import annotations

from kg import vocab
from kg.schema import FACT_KINDS, EntityType

__all__ = ["ENTITY_CLASS", "ENTITY_SLUG", "FACT_CLASS", "FORM_IRI", "KGO", "KGR", "LIST_PROP",
           "OA", "OWL", "PROV", "RDF", "RDFS", "SCHEMA", "SKOS", "WD", "XSD", "Ns",
           "field_prop"]


class Ns:
    """A namespace of plain-string IRIs: ``Ns("urn:x#").a == "urn:x#a"`` (cached)."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._base + name
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> str:
        return self._base + name

    def __str__(self) -> str:
        return self._base


KGO, KGR, OA = Ns(vocab.KGO), Ns(vocab.KGR), Ns(vocab.OA)
SCHEMA, WD = Ns(vocab.SCHEMA), Ns(vocab.WD)
OWL, PROV, RDF, RDFS = Ns(vocab.OWL), Ns(vocab.PROV), Ns(vocab.RDF), Ns(vocab.RDFS)
SKOS, XSD = Ns(vocab.SKOS), Ns(vocab.XSD)

#: Entity type -> ontology class.
ENTITY_CLASS: dict[EntityType, str] = {t: KGO[t.value] for t in EntityType}

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
FACT_CLASS: dict[str, str] = {k: KGO[spec.cls] for k, spec in FACT_KINDS.items()}


def field_prop(kind: str, field: str) -> str:
    """The property for ``field`` of a fact of ``kind`` (from the schema)."""
    return KGO[FACT_KINDS[kind].field(field).prop]


#: Flat property -> the property holding the same values as an ordered rdf:List.
LIST_PROP: dict[str, str] = {
    KGO.signatory: KGO.signatoryList,
    KGO.participant: KGO.participantList,
    KGO.topic: KGO.topicList,
    KGO.about: KGO.aboutList,
    KGO.quote: KGO.quoteList,
    SKOS.altLabel: KGO.aliasList,
}

#: suspended.form value -> individual.
FORM_IRI: dict[str, str] = {"moratorium": KGO.Moratorium, "suspension": KGO.FormalSuspension}

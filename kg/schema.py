"""The one schema of kg's facts: entity types, fact kinds and their fields.

Everything that knows about fact kinds derives from :data:`FACT_KINDS`: the facts
reader and writer (:mod:`kg.facts`), the extractor's sink, the scorer
(:mod:`kg.evaluate`), the RDF mapping (its classes and properties) and the graph
projection (its labels). The ontology (``ontology/kg.ttl``) and the shapes
(``shapes/kg-shapes.ttl``) are RDF files; a test checks that they define every class
and property named here.

>>> spec = FACT_KINDS["withdrew"]
>>> spec.cls, spec.label, spec.required
('Withdrawal', 'withdrawal', ('party', 'treaty'))
>>> [f.name for f in spec.optional_fields]
['when']
>>> spec.field("party").prop
'party'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ACTOR",
    "ANY",
    "BODY",
    "FACT_KINDS",
    "FORMS",
    "EntityType",
    "FieldSpec",
    "KindSpec",
]


class EntityType(StrEnum):
    PERSON = "Person"
    STATE = "State"
    BLOC = "Bloc"
    ORGANIZATION = "Organization"
    TREATY = "Treaty"
    PLACE = "Place"
    MEETING = "Meeting"
    WEAPON_SYSTEM = "WeaponSystem"


ACTOR = frozenset({EntityType.PERSON, EntityType.STATE, EntityType.BLOC, EntityType.ORGANIZATION})
BODY = frozenset({EntityType.STATE, EntityType.BLOC, EntityType.ORGANIZATION})
ANY = frozenset(EntityType)
_TREATY = frozenset({EntityType.TREATY})
_PERSON = frozenset({EntityType.PERSON})
_PLACE = frozenset({EntityType.PLACE, EntityType.STATE})
_MEETING = frozenset({EntityType.MEETING})

#: The values of ``suspended.form``.
FORMS = ("moratorium", "suspension")

#: Field value types: what :mod:`kg.facts` checks and how the mapper writes each.
FIELD_TYPES = ("entity", "entities", "date", "int", "text", "texts", "groups", "form")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a fact kind.

    ``type`` is one of :data:`FIELD_TYPES`: ``entity``, ``entities`` (list of ids),
    ``date``, ``int``, ``text``, ``texts`` (list of strings), ``groups`` (list of
    {group, count}), ``form`` (moratorium|suspension). ``prop`` is the local name of
    the ontology property that carries the value.
    """

    name: str
    type: str
    prop: str
    required: bool = False
    classes: frozenset[EntityType] = ANY

    @property
    def is_entity(self) -> bool:
        """Whether the value is one entity id."""
        return self.type == "entity"

    @property
    def is_list(self) -> bool:
        """Whether the value is a list (of ids, texts or groups)."""
        return self.type in ("entities", "texts", "groups")


@dataclass(frozen=True)
class KindSpec:
    """One fact kind: its fields (required first), ontology class and reader's label."""

    name: str
    cls: str
    label: str
    fields: tuple[FieldSpec, ...]

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self.fields)

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def optional_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if not f.required)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)


def _f(name: str, type_: str, prop: str, required: bool = False,
       classes: frozenset[EntityType] = ANY) -> FieldSpec:
    return FieldSpec(name, type_, prop, required, classes)


_WHEN = _f("when", "date", "date")
_WHERE = _f("where", "entity", "place", False, _PLACE)
_PARTY = _f("party", "entity", "party", True, BODY)
_TREATY_FIELD = _f("treaty", "entity", "treaty", True, _TREATY)


def _kind(name: str, cls: str, label: str, *fields: FieldSpec) -> tuple[str, KindSpec]:
    return name, KindSpec(name, cls, label, fields)


#: Every fact kind with its fields, required first (FORMAT.md).
FACT_KINDS: dict[str, KindSpec] = dict([
    _kind("holds_position", "PositionHolding", "holds position",
          _f("person", "entity", "holder", True, _PERSON),
          _f("position", "text", "positionTitle", True),
          _f("of", "entity", "organization", True, BODY),
          _WHEN),
    _kind("member_of", "BlocMembership", "member of",
          _f("member", "entity", "member", True, BODY),
          _f("group", "entity", "organization", True, BODY),
          _WHEN),
    _kind("signed", "Signing", "signing",
          _TREATY_FIELD, _WHEN, _WHERE,
          _f("signatories", "entities", "signatory", False, ACTOR),
          _f("signatory_count", "int", "signatoryCount"),
          _f("signatory_groups", "groups", "signatoryGroup")),
    _kind("entered_into_force", "EntryIntoForce", "entry into force", _TREATY_FIELD, _WHEN),
    _kind("ratified", "Ratification", "ratification", _PARTY, _TREATY_FIELD, _WHEN),
    _kind("suspended", "Suspension", "suspension", _PARTY, _TREATY_FIELD, _WHEN,
          _f("form", "form", "suspensionForm")),
    _kind("withdrew", "Withdrawal", "withdrawal", _PARTY, _TREATY_FIELD, _WHEN),
    _kind("party_to", "PartyTo", "party to", _PARTY, _TREATY_FIELD),
    _kind("accused", "Accusation", "accusation",
          _f("accuser", "entity", "accuser", True, ACTOR),
          _f("accused", "entity", "accused", True, ACTOR),
          _f("treaty", "entity", "treaty", False, _TREATY),
          _WHEN),
    _kind("meeting", "MeetingReport", "meeting",
          _f("meeting", "entity", "meeting", True, _MEETING),
          _f("participants", "entities", "participant", False, ACTOR),
          _WHERE, _WHEN,
          _f("topics", "entities", "topic")),
    _kind("statement", "Statement", "statement",
          _f("speaker", "entity", "speaker", True, ACTOR),
          _WHEN, _WHERE,
          _f("meeting", "entity", "meeting", False, _MEETING),
          _f("about", "entities", "about"),
          _f("quotes", "texts", "quote")),
])

"""Stable names of facts and entities, by which corrections point at them (private).

A fact's key is its kind and the hash of its fields, the last segment of its IRI under
the default base; it does not depend on where the fact stands in the list or on its
evidence, so it survives a rebuild and most edits of the article. An entity is named by
its IRI path, ``class/slug``.

>>> from kg.facts import Document
>>> doc = Document.from_dict({"article": {"id": "a1"},
...     "entities": [{"id": "cfe", "type": "Treaty", "name": "CFE Treaty"}],
...     "facts": [{"kind": "entered_into_force", "treaty": "cfe", "when": "1992"}]})
>>> fact_keys(doc), entity_paths(doc)
(['entered_into_force-046a8acf7f0d'], {'cfe': 'treaty/cfe-treaty'})
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.facts import Document, Entity

__all__ = ["entity_iris", "entity_path", "entity_paths", "fact_keys"]


def entity_path(entity: Entity) -> str:
    """``class/slug`` of an entity's IRI (``person/sergey-lavrov``)."""
    from kg.map import ENTITY_SLUG, slug

    return f"{ENTITY_SLUG[entity.type]}/{slug(entity.name)}"


def entity_paths(doc: Document) -> dict[str, str]:
    """Each local entity id of a document and its IRI path."""
    return {e.id: entity_path(e) for e in doc.entities}


def entity_iris(doc: Document, base: str) -> dict[str, str]:
    """Each local entity id and its IRI, as the mapper gives them (two local entities of
    one name are kept apart)."""
    from kg.map import entity_iri, short_hash, slug

    seen: set[str] = set()
    iris: dict[str, str] = {}
    for e in doc.entities:
        iri = str(entity_iri(e, base))
        if iri in seen:
            iri = f"{iri}-{slug(e.id, 40)}-{short_hash(e.id, 6)}"
        seen.add(iri)
        iris[e.id] = iri
    return iris


def fact_keys(doc: Document, base: str | None = None) -> list[str]:
    """The key of each fact of a document, in order: ``kind-hash``, the last segment of
    the fact's IRI (under ``base``; by default the default base, which makes keys the
    same whatever base a store is built with)."""
    from kg.map import DEFAULT_BASE, fact_key

    iris = entity_iris(doc, base or DEFAULT_BASE)
    return [f"{f.kind}-{fact_key(f.kind, f.fields, iris)}" for f in doc.facts]

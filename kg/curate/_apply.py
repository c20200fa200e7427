"""Apply a curation to one article's extracted facts (private; see :mod:`kg.curate`).

Facts are found by their key, computed on the facts as extracted; then the fact
corrections run (remove, change, review, add) and the entity operations (split, merge,
label, Wikidata id). A correction that no longer finds what it names is *stale*: it is
reported, never dropped in silence.

>>> from pathlib import Path
>>> from kg.facts import Document
>>> from kg.curate._model import Curation, ArticleCuration, FactOp, Made
>>> doc = Document.from_dict({"article": {"id": "a1"},
...     "entities": [{"id": "cfe", "type": "Treaty", "name": "CFE Treaty"}],
...     "facts": [{"kind": "entered_into_force", "treaty": "cfe", "when": "1992"}]})
>>> made = Made("anna", "2026-12-04", "the year is wrong", "articles/a1.json")
>>> cur = Curation(Path("."), {"a1": ArticleCuration("a1", "articles/a1.json",
...     change=[FactOp("change", "entered_into_force-046a8acf7f0d", made, {"when": "1990"})])})
>>> out = apply_curation(cur, doc, "")
>>> out.doc.facts[0].fields["when"], out.notes[0].action, out.stale
('1990', 'changed', [])
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg._errors import FactsError
from kg.curate._keys import entity_path, entity_paths, fact_keys
from kg.curate._model import Curation, EntityOp, FactOp, Made
from kg.schema import FACT_KINDS

if TYPE_CHECKING:
    from kg.facts import Document, Entity, Fact

__all__ = ["Curated", "Note", "apply_curation", "locate"]

@dataclass(frozen=True)
class Note:
    """What curation did to a fact: ``added``, ``changed`` (which fields), ``reviewed``
    or ``removed``, with who, when and why."""

    action: str
    made: Made
    changed: tuple[str, ...] = ()


@dataclass
class Curated:
    """One article's facts after curation, and what curation did.

    ``notes`` runs beside ``doc.facts`` (None: a fact as extracted); ``removed`` holds the
    key (under the build's base) of each removed fact with its note; ``entity_ops`` the
    operations applied to each local entity; ``paths`` the entity paths as extracted;
    ``digest`` the hash of the corrections that apply (None: none do).
    """

    doc: Document
    notes: list[Note | None]
    removed: list[tuple[str, Note]] = field(default_factory=list)
    entity_ops: dict[str, list[EntityOp]] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)
    digest: str | None = None

    def drop_below(self, min_confidence: float) -> None:
        """Leave out the facts less sure than ``min_confidence``; curated facts stay."""
        kept = [(f, n) for f, n in zip(self.doc.facts, self.notes, strict=True)
                if n is not None or (f.confidence or 0.0) >= min_confidence]
        self.doc.facts = [f for f, _ in kept]
        self.notes = [n for _, n in kept]


def apply_curation(cur: Curation, doc: Document, body: str, base: str | None = None
                   ) -> Curated:
    """``doc`` (left as it is) with the corrections of ``cur``; ``body`` is the article's
    text, where the evidence of an added fact is looked up."""
    doc = copy.deepcopy(doc)
    paths_by_id = entity_paths(doc)
    paths = set(paths_by_id.values())
    out = Curated(doc, [None] * len(doc.facts), paths=paths,
                  digest=cur.article_hash(doc.article.id, paths))
    ac = cur.articles.get(doc.article.id)
    if ac is not None:
        _add_entities(doc, ac.entities)
        _fact_ops(ac.remove, ac.change, ac.reviewed, ac.add, out, body, base)
    _entity_ops(cur.ops_for(doc.article.id, paths), out, paths_by_id)
    return out


def _stale(out: Curated, op: FactOp, why: str) -> None:
    what = f"{op.action} {op.key}" if op.key else f"add {op.fields.get('kind')}"
    out.stale.append(f"{op.made.source}: {what}: {why}")


def _fact_ops(remove: list[FactOp], change: list[FactOp], reviewed: list[FactOp],
              add: list[FactOp], out: Curated, body: str, base: str | None) -> None:
    doc = out.doc
    keys = fact_keys(doc)
    build_keys = fact_keys(doc, base)
    where: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        where.setdefault(k, []).append(i)
    gone: set[int] = set()
    missing = f"no such fact in article {doc.article.id} (the article or the extractor changed)"
    for op in remove:
        found = [i for i in where.get(op.key or "", []) if i not in gone]
        if not found:
            _stale(out, op, missing)
        for i in found:
            gone.add(i)
            out.removed.append((build_keys[i], Note("removed", op.made)))
    for op in change + reviewed:
        found = [i for i in where.get(op.key or "", []) if i not in gone]
        if not found:
            _stale(out, op, missing)
        for i in found:
            if op.action == "review":
                out.notes[i] = out.notes[i] or Note("reviewed", op.made)
                continue
            try:
                doc.facts[i] = _changed(doc, doc.facts[i], op.fields)
            except FactsError as exc:
                _stale(out, op, f"cannot be applied: {exc}")
                continue
            out.notes[i] = Note("changed", op.made, tuple(sorted(op.fields)))
    kept = {k for i, k in enumerate(keys) if i not in gone}
    for op in add:
        _add(op, out, body, kept)
    out.doc.facts = [f for i, f in enumerate(doc.facts) if i not in gone]
    out.notes = [n for i, n in enumerate(out.notes) if i not in gone]


def _one(doc: Document, fact: dict[str, Any]) -> Fact:
    """A fact in the facts format, checked against the document's entities."""
    from kg.facts import Document

    ents = Document(doc.article, doc.entities, []).to_dict()["entities"]
    return Document.from_dict({"article": {"id": doc.article.id}, "entities": ents,
                               "facts": [fact]}).facts[0]


def _changed(doc: Document, fact: Fact, sets: dict[str, Any]) -> Fact:
    from kg.facts import Document

    if "kind" in sets:
        raise FactsError("the kind of a fact cannot change (remove it and add another)")
    d = Document(doc.article, [], [fact]).to_dict()["facts"][0]
    for name, value in sets.items():
        if value is None:
            d.pop(name, None)
        else:
            d[name] = value
    return _one(doc, d)


def _add(op: FactOp, out: Curated, body: str, kept: set[str]) -> None:
    from kg.facts import Document

    d, found = locate(op.fields, body)
    if not found:
        _stale(out, op, "its evidence sentence is not in the article: added without it")
    try:
        fact = _one(out.doc, d)
    except FactsError as exc:
        _stale(out, op, f"cannot be applied: {exc}")
        return
    key = fact_keys(Document(out.doc.article, out.doc.entities, [fact]))[0]
    if key in kept:
        _stale(out, op, f"the extractor finds this fact now ({key}): the addition can go")
        return
    out.doc.facts.append(fact)
    out.notes.append(Note("added", op.made))


def locate(fact: dict[str, Any], body: str) -> tuple[dict[str, Any], bool]:
    """An added fact with its evidence's offsets found in ``body`` (a curation file may
    give the sentence alone); False when the sentence is not there (it is left out)."""
    d = dict(fact)
    ev = d.get("evidence")
    if not isinstance(ev, dict) or not isinstance(ev.get("sentence"), str):
        return d, True
    sentence, start = ev["sentence"], ev.get("start")
    if not (isinstance(start, int) and body[start:ev.get("end", -1)] == sentence):
        start = body.find(sentence) if sentence else -1
    if start < 0:
        d.pop("evidence")
        return d, False
    d["evidence"] = {"sentence": sentence, "start": start, "end": start + len(sentence)}
    return d, True


def _add_entities(doc: Document, entities: list[dict[str, Any]]) -> None:
    """The entities a curation file declares for its added facts (ids not extracted)."""
    from kg.facts import Document

    have = {e.id for e in doc.entities}
    new = [e for e in entities if e.get("id") not in have]
    if new:
        doc.entities.extend(Document.from_dict({"article": {"id": doc.article.id},
                                                "entities": new}).entities)


def _entity_ops(ops: list[EntityOp], out: Curated, paths_by_id: dict[str, str]) -> None:
    doc = out.doc
    for e in doc.entities:
        for op in ops:
            if paths_by_id.get(e.id) not in op.paths and entity_path(e) not in op.paths:
                continue
            if op.op == "wikidata":
                e.wikidata = op.value
            elif op.op == "label":
                pass  # the node keeps its IRI: the graph shows the label (kg.curate._rdf)
            elif op.op == "split":
                _rename(e, op.label or f"{e.name} ({doc.article.id})")
            else:
                _rename(e, op.label or e.name)
            out.entity_ops.setdefault(e.id, []).append(op)
    for op in ops:
        if op.op == "split" and not any(op in v for v in out.entity_ops.values()):
            out.stale.append(f"{op.describe()}: article {doc.article.id} has no entity "
                             f"{op.paths[0]}")
    if out.entity_ops:
        _dedupe(out)


def _rename(e: Entity, name: str) -> None:
    if name != e.name:
        if e.name not in e.aliases:
            e.aliases.append(e.name)
        if name in e.aliases:
            e.aliases.remove(name)
        e.name = name


def _dedupe(out: Curated) -> None:
    """Entities of one article that curation made one (same class and name) become one
    local entity, so that they are one node; the facts point at the first."""
    doc = out.doc
    first: dict[str, Entity] = {}
    remap: dict[str, str] = {}
    for e in doc.entities:
        path = entity_path(e)
        keep = first.setdefault(path, e)
        if keep is e or not ({e.id, keep.id} & set(out.entity_ops)):
            continue
        remap[e.id] = keep.id
        for alias in [e.name, *e.aliases]:
            if alias != keep.name and alias not in keep.aliases:
                keep.aliases.append(alias)
        keep.mentions.extend(e.mentions)
        keep.wikidata = keep.wikidata or e.wikidata
        out.entity_ops.setdefault(keep.id, []).extend(
            op for op in out.entity_ops.pop(e.id, []) if op not in out.entity_ops.get(keep.id, []))
    if not remap:
        return
    doc.entities = [e for e in doc.entities if e.id not in remap]
    for f in doc.facts:
        _remap(f, remap)


def _remap(fact: Fact, remap: dict[str, str]) -> None:
    for spec in FACT_KINDS[fact.kind]:
        value = fact.fields.get(spec.name)
        if value is None:
            continue
        if spec.type == "entity":
            fact.fields[spec.name] = remap.get(value, value)
        elif spec.type == "entities":
            fact.fields[spec.name] = list(dict.fromkeys(remap.get(v, v) for v in value))
        elif spec.type == "groups":
            for g in value:
                g["group"] = remap.get(g["group"], g["group"])

"""The facts: typed data between extraction and RDF mapping (FORMAT.md v1).

Nothing here knows RDF. A :class:`Document` is what ``kg extract`` prints and what
the mapper reads:

>>> doc = Document.from_dict({"article": {"id": "a1", "published": "2014-11-18"},
...     "entities": [{"id": "russia", "type": "State", "name": "Russia", "wikidata": "Q159"}],
...     "facts": [{"kind": "party_to", "party": "russia", "treaty": "russia"}]})
Traceback (most recent call last):
...
kg._errors.FactsError: facts[0]: 'treaty' refers to russia, a State, not a Treaty
"""

from __future__ import annotations

import json
import re
import reprlib
from dataclasses import dataclass, field
from typing import Any

from kg._errors import FactsError
from kg.schema import BODY, FACT_KINDS, FORMS, EntityType, FieldSpec, KindSpec

__all__ = [
    "FACT_KINDS",
    "ArticleMeta",
    "Document",
    "Entity",
    "EntityType",
    "Evidence",
    "Fact",
    "FieldSpec",
    "KindSpec",
    "Mention",
]


DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z", re.ASCII)
QID_RE = re.compile(r"^Q[1-9]\d*\Z", re.ASCII)
# Values quoted in error messages: short and shallow, whatever the input holds.
_SHOW = reprlib.Repr()
_SHOW.maxstring = _SHOW.maxother = 60


def _show(value: Any) -> str:
    return _SHOW.repr(value)


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Evidence:
    """The sentence that states a fact and its character offsets in the body."""

    sentence: str
    start: int
    end: int


@dataclass
class ArticleMeta:
    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    dateline_place: str | None = None
    source: str | None = None
    # Read from web pages and feeds; left out of the facts JSON when not known.
    author: str | None = None
    language: str | None = None


#: Article metadata written only when known (a text file's header never gives them).
OPTIONAL_META = ("author", "language")


@dataclass
class Entity:
    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Fact:
    """One fact: its kind, its fields (ids, dates, numbers, texts) and its evidence."""

    kind: str
    fields: dict[str, Any]
    evidence: Evidence | None = None
    rule: str | None = None  # the extraction rule that found it
    confidence: float | None = None  # that rule's measured precision, 0..1

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass
class Document:
    """One article's facts."""

    article: ArticleMeta
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    # -- JSON ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The facts format as plain JSON data, in a stable order."""
        art = {k: v for k, v in vars(self.article).items()
               if v is not None or k not in OPTIONAL_META}
        ents = []
        for e in self.entities:
            d: dict[str, Any] = {
                "id": e.id,
                "type": e.type.value,
                "name": e.name,
                "aliases": list(e.aliases),
                "wikidata": e.wikidata,
            }
            if e.mentions:
                d["mentions"] = [vars(m).copy() for m in e.mentions]
            ents.append(d)
        facts = []
        for f in self.facts:
            d = {"kind": f.kind}
            for spec in FACT_KINDS[f.kind]:
                if spec.name in f.fields and f.fields[spec.name] not in (None, [], ""):
                    d[spec.name] = f.fields[spec.name]
            if f.evidence is not None:
                d["evidence"] = vars(f.evidence).copy()
            if f.rule is not None:
                d["rule"] = f.rule
            if f.confidence is not None:
                d["confidence"] = f.confidence
            facts.append(d)
        return {"article": art, "entities": ents, "facts": facts}

    @classmethod
    def from_json(cls, text: str | bytes, path: str | None = None) -> Document:
        """Parse and check a facts document from JSON text; any problem is a
        :class:`FactsError` (bad JSON, too deeply nested, not the facts format)."""
        try:
            data = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FactsError(f"not a JSON facts file: {exc}", path) from None
        except RecursionError:
            raise FactsError("not a JSON facts file: nested too deeply", path) from None
        return cls.from_dict(data, path)

    @classmethod
    def from_dict(cls, data: Any, path: str | None = None) -> Document:
        """Read and check a facts document; raises :class:`FactsError` saying what is wrong."""

        def fail(msg: str) -> FactsError:
            return FactsError(msg, path)

        if not isinstance(data, dict):
            raise fail("a facts document must be a JSON object")
        art = data.get("article")
        if not isinstance(art, dict) or not isinstance(art.get("id"), str) or not art["id"]:
            raise fail("'article' must be an object with a non-empty 'id'")
        meta_fields = {
            k: art.get(k) for k in ("id", "url", "title", "published", "dateline_place", "source",
                                    *OPTIONAL_META)
        }
        for k, v in meta_fields.items():
            if v is not None and not isinstance(v, str):
                raise fail(f"article.{k} must be a string")
        pub = meta_fields["published"]
        if pub not in (None, "unknown") and not DATE_RE.match(str(pub)):
            raise fail(f"article.published is not an ISO date: {_show(pub)}")
        meta = ArticleMeta(**meta_fields)  # type: ignore[arg-type]

        entities: list[Entity] = []
        by_id: dict[str, Entity] = {}
        raw_entities = data.get("entities", [])
        if not isinstance(raw_entities, list):
            raise fail("'entities' must be a list")
        for i, e in enumerate(raw_entities):
            where = f"entities[{i}]"
            if not isinstance(e, dict):
                raise fail(f"{where} must be an object")
            eid, etype, name = e.get("id"), e.get("type"), e.get("name")
            if not isinstance(eid, str) or not eid:
                raise fail(f"{where}: 'id' must be a non-empty string")
            if eid in by_id:
                raise fail(f"{where}: duplicate entity id {_show(eid)}")
            try:
                t = EntityType(etype if isinstance(etype, str) else "")
            except ValueError:
                raise fail(f"{where}: unknown entity type {_show(etype)}") from None
            if not isinstance(name, str) or not name.strip():
                raise fail(f"{where}: 'name' must be a non-empty string")
            aliases = e.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise fail(f"{where}: 'aliases' must be a list of strings")
            qid = e.get("wikidata")
            if qid is not None and (not isinstance(qid, str) or not QID_RE.match(qid)):
                raise fail(f"{where}: 'wikidata' must be a Q-identifier or null, not {_show(qid)}")
            raw_mentions = e.get("mentions") or []
            if not isinstance(raw_mentions, list):
                raise fail(f"{where}: 'mentions' must be a list")
            mentions = [_mention(m, f"{where}.mentions", fail) for m in raw_mentions]
            ent = Entity(eid, t, name, list(aliases), qid, mentions)
            entities.append(ent)
            by_id[eid] = ent

        facts: list[Fact] = []
        raw_facts = data.get("facts", [])
        if not isinstance(raw_facts, list):
            raise fail("'facts' must be a list")
        for i, f in enumerate(raw_facts):
            facts.append(_fact(f, f"facts[{i}]", by_id, fail))
        return cls(meta, entities, facts)


def _mention(m: Any, where: str, fail: Any) -> Mention:
    if (
        not isinstance(m, dict)
        or not isinstance(m.get("text"), str)
        or not isinstance(m.get("start"), int)
        or not isinstance(m.get("end"), int)
    ):
        raise fail(f"{where}: a mention needs text, start and end")
    return Mention(m["text"], m["start"], m["end"])


_GROUP = FieldSpec("group", "entity", "organization", True, BODY)


def _fact(f: Any, where: str, by_id: dict[str, Entity], fail: Any) -> Fact:
    if not isinstance(f, dict):
        raise fail(f"{where} must be an object")
    kind = f.get("kind")
    if not isinstance(kind, str) or kind not in FACT_KINDS:
        raise fail(f"{where}: unknown fact kind {_show(kind)}")
    specs = FACT_KINDS[kind]
    known = specs.names | {"kind", "evidence", "rule", "confidence"}
    extra = sorted(set(f) - known)
    if extra:
        raise fail(f"{where}: unknown field {_show(extra[0])} for a {kind} fact")

    def ref(value: Any, spec: FieldSpec) -> str:
        if not isinstance(value, str) or value not in by_id:
            raise fail(f"{where}: {spec.name!r} refers to an unknown entity {_show(value)}")
        if by_id[value].type not in spec.classes:
            wanted = " or ".join(sorted(c.value for c in spec.classes))
            raise fail(
                f"{where}: {spec.name!r} refers to {value}, a {by_id[value].type.value},"
                f" not a {wanted}"
            )
        return value

    fields: dict[str, Any] = {}
    for spec in specs:
        if spec.name not in f or f[spec.name] is None:
            if spec.required:
                raise fail(f"{where}: a {kind} fact needs {spec.name!r}")
            continue
        v = f[spec.name]
        if spec.type == "entity":
            fields[spec.name] = ref(v, spec)
        elif spec.type == "entities":
            if not isinstance(v, list):
                raise fail(f"{where}: {spec.name!r} must be a list of entity ids")
            fields[spec.name] = [ref(x, spec) for x in v]
        elif spec.type == "date":
            if not isinstance(v, str) or not DATE_RE.match(v):
                raise fail(f"{where}: {spec.name!r} is not an ISO date "
                           f"(YYYY, YYYY-MM, YYYY-MM-DD): {_show(v)}")
            fields[spec.name] = v
        elif spec.type == "int":
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise fail(f"{where}: {spec.name!r} must be a non-negative integer")
            fields[spec.name] = v
        elif spec.type == "text":
            if not isinstance(v, str) or not v.strip():
                raise fail(f"{where}: {spec.name!r} must be a non-empty string")
            fields[spec.name] = v
        elif spec.type == "texts":
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise fail(f"{where}: {spec.name!r} must be a list of strings")
            fields[spec.name] = list(v)
        elif spec.type == "form":
            if v not in FORMS:
                raise fail(f"{where}: 'form' must be 'moratorium' or 'suspension'")
            fields[spec.name] = v
        elif spec.type == "groups":
            if not isinstance(v, list):
                raise fail(f"{where}: 'signatory_groups' must be a list")
            groups = []
            for g in v:
                if not isinstance(g, dict) or not isinstance(g.get("count"), int):
                    raise fail(f"{where}: a signatory group needs 'group' and an integer 'count'")
                groups.append(
                    {
                        "group": ref(g.get("group"), _GROUP),
                        "count": g["count"],
                    }
                )
            fields[spec.name] = groups
    ev = f.get("evidence")
    evidence = None
    if ev is not None:
        if (
            not isinstance(ev, dict)
            or not isinstance(ev.get("sentence"), str)
            or not isinstance(ev.get("start"), int)
            or not isinstance(ev.get("end"), int)
        ):
            raise fail(f"{where}: 'evidence' needs sentence, start and end")
        evidence = Evidence(ev["sentence"], ev["start"], ev["end"])
    rule, confidence = f.get("rule"), f.get("confidence")
    if rule is not None and (not isinstance(rule, str) or not rule):
        raise fail(f"{where}: 'rule' must be a non-empty string")
    if confidence is not None and (isinstance(confidence, bool) or not isinstance(
            confidence, int | float) or not 0 <= confidence <= 1):
        raise fail(f"{where}: 'confidence' must be a number from 0 to 1")
    return Fact(kind, fields, evidence, rule, None if confidence is None else float(confidence))

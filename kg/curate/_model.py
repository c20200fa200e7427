"""The curation folder: what an analyst corrects, as plain JSON files (private).

A folder holds ``entities.json`` (corpus-wide entity operations) and ``articles/*.json``
(one file per article: facts to remove, change, add, and facts reviewed as right). Every
operation says who made it and when (``by``, ``when``: on the operation, else on the
file) and may say why (``why``). Anything that does not follow this is an
:class:`kg.InputError` naming the file (and the line, for bad JSON).

>>> import json, tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (Path(d) / "articles").mkdir()
...     _ = (Path(d) / "articles" / "a1.json").write_text(json.dumps({"article": "a1",
...         "by": "anna", "when": "2026-12-01",
...         "remove": [{"key": "signed-0123456789ab", "why": "not a signing"}]}))
...     cur = load_curation(d)
>>> [(op.key, op.made.by, op.made.why) for op in cur.articles["a1"].remove]
[('signed-0123456789ab', 'anna', 'not a signing')]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg._errors import InputError
from kg.schema import FACT_KINDS

__all__ = ["ArticleCuration", "Curation", "EntityOp", "FactOp", "load_curation"]

ENTITY_OPS = ("merge", "split", "wikidata", "label")
_KEY = re.compile(r"^([a-z_]+)-[0-9a-f]{12}\Z")
_PATH = re.compile(r"^(person|state|bloc|organization|treaty|place|meeting|weapon-system)/"
                   r"[a-z0-9][a-z0-9-]*\Z")
_WHEN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
                   r"(T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)?)?\Z")
_QID = re.compile(r"^Q[1-9]\d*\Z")


@dataclass(frozen=True)
class Made:
    """Who made a correction, when, why, and in which file."""

    by: str
    when: str
    why: str | None
    source: str


@dataclass(frozen=True)
class FactOp:
    """A correction of one article's facts: ``remove``, ``change``, ``add`` or ``review``.

    ``key`` names the fact (``holds_position-e71e283d1503``: see :func:`kg.curate.fact_keys`);
    ``fields`` are the fields to set (``change``, None removes a field) or the fact to add
    in the facts format (``add``).
    """

    action: str
    key: str | None
    made: Made
    fields: dict[str, Any] = field(default_factory=dict)

    def canon(self) -> Any:
        return [self.action, self.key, self.fields, self.made.by, self.made.when, self.made.why]


@dataclass(frozen=True)
class EntityOp:
    """A corpus-wide entity correction.

    ``merge``: the entities at ``paths`` are one, named ``label``; ``split``: the entity at
    ``paths[0]`` is another one in ``article`` (named ``label``, else its name and the
    article's id); ``wikidata``: set ``value`` as its Wikidata id; ``label``: prefer
    ``label`` as its name in the graph (``rdfs:label``; the old one becomes a
    ``skos:altLabel``, the node keeps its IRI). Paths are ``class/slug`` as in
    entity IRIs (``person/sergey-lavrov``).
    """

    op: str
    paths: tuple[str, ...]
    made: Made
    label: str | None = None
    value: str | None = None
    article: str | None = None

    def canon(self) -> Any:
        return [self.op, list(self.paths), self.label, self.value, self.article,
                self.made.by, self.made.when, self.made.why]

    @property
    def digest(self) -> str:
        """A short stable id of the operation (its IRI is ``{base}curation/{digest}``)."""
        text = json.dumps(self.canon(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def describe(self) -> str:
        what = {"merge": f"merge {' + '.join(self.paths)} as {self.label!r}",
                "split": f"split {self.paths[0]} in {self.article}",
                "wikidata": f"wikidata {self.value} for {self.paths[0]}",
                "label": f"label {self.label!r} for {self.paths[0]}"}[self.op]
        return f"{self.made.source}: {what}"


@dataclass
class ArticleCuration:
    """The corrections of one article (``articles/ID.json``)."""

    article: str
    source: str
    remove: list[FactOp] = field(default_factory=list)
    change: list[FactOp] = field(default_factory=list)
    add: list[FactOp] = field(default_factory=list)
    reviewed: list[FactOp] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    raw: Any = None

    def canon(self) -> Any:
        return self.raw


@dataclass
class Curation:
    """A loaded curation folder: per-article corrections and entity operations."""

    folder: Path
    articles: dict[str, ArticleCuration] = field(default_factory=dict)
    entity_ops: list[EntityOp] = field(default_factory=list)

    def ops_for(self, article_id: str, paths: set[str]) -> list[EntityOp]:
        """The entity operations that touch an article whose entities have ``paths``."""
        return [op for op in self.entity_ops
                if (op.article == article_id if op.op == "split" else bool(paths & set(op.paths)))]

    def article_hash(self, article_id: str, paths: set[str]) -> str | None:
        """The hash of what curation does to one article; None when it does nothing."""
        own = self.articles.get(article_id)
        ops = self.ops_for(article_id, paths)
        if own is None and not ops:
            return None
        text = json.dumps([own.canon() if own else None, [op.canon() for op in ops]],
                          ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_curation(folder: str | os.PathLike[str]) -> Curation:
    """Read and check a curation folder; :class:`kg.InputError` names what is wrong."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("no such curation folder" if not root.exists()
                         else "not a folder (give the curation folder)", str(root))
    cur = Curation(root)
    ents = root / "entities.json"
    if ents.exists():
        cur.entity_ops = _entity_ops(_read(ents), str(ents), "entities.json")
    arts = root / "articles"
    for path in sorted(arts.glob("*.json")) if arts.is_dir() else []:
        ac = _article(_read(path), str(path), f"articles/{path.name}")
        if ac.article in cur.articles:
            raise InputError(f"a second curation of article {ac.article!r} "
                             f"(also {cur.articles[ac.article].source})", str(path))
        cur.articles[ac.article] = ac
    return cur


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", str(path),
                         exc.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", str(path)) from None


def _made(item: dict[str, Any], top: dict[str, Any], where: str, source: str,
          rel: str | None = None) -> Made:
    by, when, why = (item.get("by", top.get("by")), item.get("when", top.get("when")),
                     item.get("why"))
    if not isinstance(by, str) or not by.strip():
        raise InputError(f"{where}: 'by' (who made the correction) must be a non-empty "
                         "string, on the operation or the file", source)
    if not isinstance(when, str) or not _WHEN.match(when):
        raise InputError(f"{where}: 'when' must be an ISO date or date-time "
                         f"(2026-12-04 or 2026-12-04T18:30:00Z), not {when!r}", source)
    if why is not None and not isinstance(why, str):
        raise InputError(f"{where}: 'why' must be a string", source)
    return Made(by.strip(), when, why, rel or source)


def _items(data: dict[str, Any], name: str, source: str) -> list[dict[str, Any]]:
    items = data.get(name, [])
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise InputError(f"{name!r} must be a list of objects", source)
    return items


def _path(value: Any, where: str, source: str) -> str:
    if isinstance(value, str) and "/id/" in value:  # a whole entity IRI
        value = value.rsplit("/id/", 1)[1]
    if not isinstance(value, str) or not _PATH.match(value):
        raise InputError(f"{where}: an entity is named by its IRI path, class/slug "
                         f"(person/sergey-lavrov), not {value!r}", source)
    return value


def _entity_ops(data: Any, source: str, rel: str) -> list[EntityOp]:
    if not isinstance(data, dict):
        raise InputError("entities.json must be a JSON object with 'operations'", source)
    ops = []
    for i, item in enumerate(_items(data, "operations", source)):
        where = f"operations[{i}]"
        op = item.get("op")
        if op not in ENTITY_OPS:
            raise InputError(f"{where}: 'op' must be one of {', '.join(ENTITY_OPS)}, "
                             f"not {op!r}", source)
        made = _made(item, data, where, source, rel)
        label, value, article = item.get("label"), item.get("wikidata"), item.get("article")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise InputError(f"{where}: 'label' must be a non-empty string", source)
        if op == "merge":
            raw = item.get("entities")
            if not isinstance(raw, list) or len(raw) < 2:
                raise InputError(f"{where}: a merge needs 'entities', two or more", source)
            paths = tuple(_path(p, where, source) for p in raw)
            if len({p.split("/")[0] for p in paths}) > 1:
                raise InputError(f"{where}: merged entities must be of one class", source)
            if label is None:
                raise InputError(f"{where}: a merge needs the 'label' of the one entity",
                                 source)
        else:
            paths = (_path(item.get("entity"), where, source),)
        if op == "split" and (not isinstance(article, str) or not article):
            raise InputError(f"{where}: a split needs the 'article' (its id)", source)
        if op == "wikidata" and (not isinstance(value, str) or not _QID.match(value)):
            raise InputError(f"{where}: 'wikidata' must be a Q-identifier, not {value!r}",
                             source)
        if op == "label" and label is None:
            raise InputError(f"{where}: a label operation needs 'label'", source)
        ops.append(EntityOp(op, paths, made, label, value, article))
    return ops


def _key(item: dict[str, Any], where: str, source: str) -> str:
    key = item.get("key")
    m = _KEY.match(key) if isinstance(key, str) else None
    if m is None or m.group(1) not in FACT_KINDS:
        raise InputError(f"{where}: 'key' must be a fact key, kind-hash "
                         f"(holds_position-e71e283d1503), not {key!r}", source)
    return str(key)


def _article(data: Any, source: str, rel: str | None = None) -> ArticleCuration:
    """One article's curation file; ``source`` names it in errors, ``rel`` (its path in
    the folder) in what the build records."""
    if not isinstance(data, dict) or not isinstance(data.get("article"), str) \
            or not data["article"]:
        raise InputError("an article's curation must be a JSON object with 'article' "
                         "(the article's id)", source)
    known = {"article", "by", "when", "remove", "change", "add", "reviewed", "entities"}
    extra = sorted(set(data) - known)
    if extra:
        raise InputError(f"unknown field {extra[0]!r} (known: {', '.join(sorted(known))})",
                         source)
    ac = ArticleCuration(data["article"], source, raw=data)
    rel = rel or source
    for name, target in (("remove", ac.remove), ("reviewed", ac.reviewed)):
        for i, item in enumerate(_items(data, name, source)):
            where = f"{name}[{i}]"
            target.append(FactOp(name if name == "remove" else "review",
                                 _key(item, where, source),
                                 _made(item, data, where, source, rel)))
    for i, item in enumerate(_items(data, "change", source)):
        where = f"change[{i}]"
        sets = item.get("set")
        if not isinstance(sets, dict) or not sets:
            raise InputError(f"{where}: 'set' must be an object of the fields to change",
                             source)
        ac.change.append(FactOp("change", _key(item, where, source),
                                _made(item, data, where, source, rel), dict(sets)))
    for i, item in enumerate(_items(data, "add", source)):
        where = f"add[{i}]"
        fact = item.get("fact")
        if not isinstance(fact, dict) or fact.get("kind") not in FACT_KINDS:
            raise InputError(f"{where}: 'fact' must be a fact in the facts format, "
                             "with a known 'kind'", source)
        ac.add.append(FactOp("add", None, _made(item, data, where, source, rel), dict(fact)))
    ac.entities = _items(data, "entities", source)
    from kg.facts import Document

    Document.from_dict({"article": {"id": ac.article}, "entities": ac.entities}, source)
    return ac

"""RDF -> facts: read one article's graph back into a Document (private)."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg._errors import FactsError
from kg.facts import FACT_KINDS, ArticleMeta, Document, Entity, EntityType, Evidence, Fact, Mention
from kg.map._to_rdf import article_iri
from kg.map._vocab import (
    ENTITY_CLASS,
    FORM_IRI,
    KGO,
    KGR,
    LIST_PROP,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD,
    field_prop,
)
from kg.vocab import DEFAULT_BASE

_CLASS_TYPE: dict[Node, EntityType] = {v: k for k, v in ENTITY_CLASS.items()}
_IRI_FORM: dict[Node, str] = {v: k for k, v in FORM_IRI.items()}


def _objs(g: Graph, s: Node, p: URIRef) -> list[Node]:
    """The objects of ``s p``, in a deterministic order."""
    return sorted(g.objects(s, p), key=lambda n: (type(n).__name__, str(n)))


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    values = _objs(g, s, p)
    return values[0] if values else None


def _text(g: Graph, s: Node, p: URIRef) -> str | None:
    v = _one(g, s, p)
    return None if v is None else str(v)


def _int(g: Graph, s: Node, p: URIRef) -> int:
    v = _one(g, s, p)
    if not isinstance(v, Literal):
        raise FactsError(f"{s} has no integer {p}")
    return int(str(v))


def _list(g: Graph, head: Node | None) -> list[Node]:
    items: list[Node] = []
    seen: set[Node] = set()
    while head is not None and head != RDF.nil and head not in seen:
        seen.add(head)
        first = _one(g, head, RDF.first)
        if first is None:
            break
        items.append(first)
        head = _one(g, head, RDF.rest)
    return items


def _selectors(g: Graph, node: Node) -> tuple[str, int, int]:
    """The quote and offsets of a selection: on the node itself, or (graphs made before
    the compact article graph) on its two oa:hasSelector nodes."""
    if (node, OA.exact, None) in g:
        return _text(g, node, OA.exact) or "", _int(g, node, OA.start), _int(g, node, OA.end)
    exact, start, end = "", 0, 0
    for sel in _objs(g, node, OA.hasSelector):
        if (sel, RDF.type, OA.TextQuoteSelector) in g:
            exact = _text(g, sel, OA.exact) or ""
        if (sel, RDF.type, OA.TextPositionSelector) in g:
            start, end = _int(g, sel, OA.start), _int(g, sel, OA.end)
    return exact, start, end


class _Reader:
    def __init__(self, g: Graph, article_id: str, base: str) -> None:
        self.g = g
        self.art = article_iri(article_id, base)
        self.ids: dict[Node, str] = {}

    def meta(self) -> ArticleMeta:
        g, a = self.g, self.art
        art_id = _text(g, a, KGO.articleId)
        if art_id is None:
            raise FactsError(f"the graph holds no article {a}")
        published = _text(g, a, SCHEMA.datePublished) or _text(g, a, KGO.publishedNote)
        url = _text(g, a, SCHEMA.url) or _text(g, a, KGO.urlNote)
        return ArticleMeta(id=art_id, url=url, title=_text(g, a, SCHEMA.headline),
                           published=published,
                           dateline_place=_text(g, a, KGO.datelinePlace),
                           source=_text(g, a, KGO.sourceName),
                           author=_text(g, a, KGO.authorName),
                           language=_text(g, a, SCHEMA.inLanguage))

    def entities(self) -> list[Entity]:
        g = self.g
        out: list[Entity] = []
        # without a list, the entities are in the order of their IRIs (kg.map._mapping)
        listed = _list(g, _one(g, self.art, KGO.entityList)) or sorted(
            {s for s in g.subjects(KGO.localId, None) if isinstance(s, URIRef)}, key=str)
        for iri in listed:
            local = _text(g, iri, KGO.localId)
            types = [_CLASS_TYPE[t] for t in _objs(g, iri, RDF.type) if t in _CLASS_TYPE]
            if local is None or not types:
                raise FactsError(f"entity {iri} lacks its local id or its class")
            aliases = [str(x) for x in _list(g, _one(g, iri, KGO.aliasList))]
            if not aliases:
                aliases = sorted(str(x) for x in g.objects(iri, SKOS.altLabel))
            qid = None
            for same in _objs(g, iri, OWL.sameAs):
                if str(same).startswith(str(WD)):
                    qid = str(same)[len(str(WD)):]
            mentions = []
            for node in g.objects(iri, KGO.mention):
                if (node, OA.hasSource, self.art) not in g:
                    continue
                text, start, end = _selectors(g, node)
                # an index where the offsets do not give the order (kg.map._mapping)
                index = _int(g, node, KGO.itemIndex) if (node, KGO.itemIndex, None) in g else 0
                mentions.append(((index, start, end), Mention(text, start, end)))
            mentions.sort(key=lambda m: m[0])
            self.ids[iri] = local
            out.append(Entity(local, EntityType(types[0]), _text(g, iri, RDFS.label) or "",
                              aliases, qid, [m for _, m in mentions]))
        return out

    def facts(self) -> list[Fact]:
        g = self.g
        nodes = []
        for node in g.subjects(PROV.wasDerivedFrom, self.art):
            kind = _text(g, node, KGO.kind)
            if kind in FACT_KINDS:
                nodes.append((_int(g, node, KGO.factIndex), str(node), node, kind))
        nodes.sort()
        return [self.fact(node, kind) for _, _, node, kind in nodes]

    def ref(self, node: Node) -> str:
        if node not in self.ids:
            raise FactsError(f"{node} is not an entity of this article")
        return self.ids[node]

    def fact(self, node: Node, kind: str) -> Fact:
        g = self.g
        fields: dict[str, Any] = {}
        for spec in FACT_KINDS[kind]:
            prop = field_prop(kind, spec.name)
            if spec.type in ("entities", "texts"):
                items = _list(g, _one(g, node, LIST_PROP[prop]))
                if not items:
                    items = _objs(g, node, prop)
                if items:
                    fields[spec.name] = ([self.ref(x) for x in items] if spec.type == "entities"
                                         else [str(x) for x in items])
                continue
            if spec.type == "groups":
                groups = []
                for grp in g.objects(node, prop):
                    group = _one(g, grp, KGO.group)
                    if group is None:
                        raise FactsError(f"signatory group {grp} names no group")
                    groups.append((_int(g, grp, KGO.itemIndex),
                                   {"group": self.ref(group), "count": _int(g, grp, KGO["count"])}))
                if groups:
                    fields[spec.name] = [d for _, d in sorted(groups, key=lambda x: x[0])]
                continue
            value = _one(g, node, prop)
            if value is None:
                continue
            if spec.type == "entity":
                fields[spec.name] = self.ref(value)
            elif spec.type == "int":
                fields[spec.name] = int(str(value))
            elif spec.type == "form":
                fields[spec.name] = _IRI_FORM.get(value, str(value))
            else:
                fields[spec.name] = str(value)
        evidence = None
        ev = _one(g, node, KGO.evidence)
        if ev is not None:
            evidence = Evidence(*_selectors(g, ev))
        plan = _one(g, node, KGO.extractionRule)
        rule = (_text(g, plan, RDFS.label) or str(plan).removeprefix(str(KGR))) if plan else None
        conf = _one(g, node, KGO.confidence)
        return Fact(kind, fields, evidence, rule, float(str(conf)) if conf is not None else None)


def from_graph(graph: Graph, article_id: str, base: str = DEFAULT_BASE) -> Document:
    """Read one article's facts back from its graph (the inverse of :func:`to_graph`).

    >>> from kg.map import to_graph
    >>> doc = Document.from_dict({"article": {"id": "a1", "title": "T"},
    ...     "entities": [{"id": "cfe", "type": "Treaty", "name": "CFE"}],
    ...     "facts": [{"kind": "entered_into_force", "treaty": "cfe", "when": "1992"}]})
    >>> from_graph(to_graph(doc), "a1").to_dict() == doc.to_dict()
    True

    Raises :class:`kg.FactsError` when the graph does not hold that article.
    """
    r = _Reader(graph, article_id, base)
    meta = r.meta()
    entities = r.entities()
    return Document(meta, entities, r.facts())

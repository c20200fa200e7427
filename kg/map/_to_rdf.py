"""Facts -> RDF: IRIs and the graph of one article (private)."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import unicodedata
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.facts import DATE_RE, FACT_KINDS, Document, Entity, Evidence, Mention
from kg.map._vocab import (
    ENTITY_CLASS,
    ENTITY_SLUG,
    FACT_CLASS,
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
    XSD,
    field_prop,
)
from kg.vocab import DEFAULT_BASE, check_base, safe_http_iri

MAX_SLUG = 80
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _hash(text: str, n: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def _ascii(c: str) -> str:
    """ASCII as is; accents and other scripts' letters dropped; other marks a space."""
    if c.isascii():
        return c
    return "" if unicodedata.category(c)[0] in "LMN" else " "


def slug(text: str, max_len: int = MAX_SLUG) -> str:
    """A readable, IRI-safe slug: ASCII, lower case, words joined by hyphens, never empty.

    >>> slug("Sergéy  LAVROV"), slug('"}<>'), slug("x" * 200)[-11:]
    ('sergey-lavrov', 'x-757ae05cf3', '-aa20c23e32')
    """
    ascii_ = "".join(_ascii(c) for c in unicodedata.normalize("NFKD", text))
    s = _NON_ALNUM.sub("-", ascii_.casefold()).strip("-")
    key = " ".join(text.casefold().split())
    if not s:
        return "x-" + _hash(key)
    if len(s) > max_len:
        s = s[: max_len - 11].rstrip("-") + "-" + _hash(key)
    return s


def short_hash(text: str, n: int = 10) -> str:
    """The first ``n`` hex digits of the SHA-256 of ``text`` (what IRIs and keys carry).

    >>> short_hash("a1", 6)
    'f55ff1'
    """
    return _hash(text, n)


def article_slug(article_id: str) -> str:
    """The IRI segment of an article id (``{base}article/{slug}``).

    >>> article_slug("00-tass-cfe"), article_slug("a b")[:4]
    ('00-tass-cfe', 'a-b-')
    """
    return _id_slug(article_id)


def _id_slug(article_id: str) -> str:
    """Article ids are kept as they are when safe, else slugged with a hash (injective)."""
    if _SAFE_ID.match(article_id):
        return article_id
    return slug(article_id, 60) + "-" + _hash(article_id, 8)


def article_iri(article_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an article, also the IRI of its named graph.

    >>> str(article_iri("00-tass-cfe"))
    'https://kg.example.org/article/00-tass-cfe'
    """
    return URIRef(f"{check_base(base)}article/{_id_slug(article_id)}")


def entity_iri(entity: Entity, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an entity, the same from every article: ``{base}id/{class}/{name-slug}``.

    >>> from kg.facts import EntityType
    >>> str(entity_iri(Entity("x", EntityType.PERSON, "Sergey Lavrov")))
    'https://kg.example.org/id/person/sergey-lavrov'
    """
    return URIRef(f"{check_base(base)}id/{ENTITY_SLUG[entity.type]}/{slug(entity.name)}")


def position_iri(title: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a post such as "Minister of Foreign Affairs" (``{base}id/position/...``)."""
    return URIRef(f"{check_base(base)}id/position/{slug(title)}")


def publisher_iri(name: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a news source such as "TASS" (``{base}id/publisher/...``)."""
    return URIRef(f"{check_base(base)}id/publisher/{slug(name)}")


def fact_key(kind: str, fields: dict[str, Any], iris: dict[str, str]) -> str:
    """The stable hash of a fact: its kind and field values, entity ids as entity IRIs."""
    def norm(v: Any) -> Any:
        if isinstance(v, str) and v in iris:
            return iris[v]
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, dict):
            return {k: norm(x) for k, x in sorted(v.items())}
        return v

    specs = [s for s in FACT_KINDS[kind] if fields.get(s.name) not in (None, [], "")]
    canon: dict[str, Any] = {}
    for s in specs:
        v = fields[s.name]
        canon[s.name] = v if s.type in ("text", "texts", "date", "int", "form") else norm(v)
    return _hash(json.dumps([kind, canon], sort_keys=True, ensure_ascii=False), 12)


def date_bounds(value: str) -> tuple[str, str]:
    """The earliest and latest day an ISO date at its precision can mean.

    >>> date_bounds("1990"), date_bounds("2008-02"), date_bounds("2014-11-18")
    (('1990-01-01', '1990-12-31'), ('2008-02-01', '2008-02-29'), ('2014-11-18', '2014-11-18'))
    """
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        days = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
        return f"{value}-01", f"{value}-{days:02d}"
    return value, value


def date_literal(value: str) -> Literal:
    """An ISO date at its precision: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``.

    >>> date_literal("2007-12").datatype == XSD.gYearMonth
    True
    """
    dt = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=dt)


class _Builder:
    def __init__(self, doc: Document, base: str) -> None:
        self.doc = doc
        self.base = check_base(base)
        self.g = Graph()
        self.art = article_iri(doc.article.id, base)
        self.iris: dict[str, URIRef] = {}
        self.ns = _hash(str(self.art), 8)

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def rdf_list(self, owner: Node, prop: URIRef, items: list[Node]) -> None:
        """An ordered rdf:List with deterministic blank-node cells."""
        if not items:
            return
        tag = _hash(f"{owner}|{prop}", 8)
        cells = [BNode(f"l{self.ns}{tag}n{i}") for i in range(len(items))]
        self.add(owner, prop, cells[0])
        for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
            self.add(cell, RDF.first, item)
            self.add(cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil)

    def selectors(self, node: URIRef, text: str, start: int, end: int) -> None:
        """Web Annotation target: source article, quote and position selectors."""
        q, p = URIRef(f"{node}-quote"), URIRef(f"{node}-position")
        self.add(node, OA.hasSource, self.art)
        self.add(node, OA.hasSelector, q)
        self.add(node, OA.hasSelector, p)
        self.add(q, RDF.type, OA.TextQuoteSelector)
        self.add(q, OA.exact, Literal(text))
        self.add(p, RDF.type, OA.TextPositionSelector)
        # xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores every derived integer
        # type as xsd:integer, so a narrower type would not survive the store.
        self.add(p, OA.start, Literal(start, datatype=XSD.integer))
        self.add(p, OA.end, Literal(end, datatype=XSD.integer))

    # -- parts -------------------------------------------------------------------
    def article(self) -> None:
        a, m = self.art, self.doc.article
        self.add(a, RDF.type, SCHEMA.NewsArticle)
        self.add(a, RDF.type, PROV.Entity)
        self.add(a, KGO.articleId, Literal(m.id))
        if m.title is not None:
            self.add(a, SCHEMA.headline, Literal(m.title))
        if m.published is not None:
            if DATE_RE.match(m.published):
                self.add(a, SCHEMA.datePublished, date_literal(m.published))
            else:
                self.add(a, KGO.publishedNote, Literal(m.published))
        if m.url is not None:
            if safe_http_iri(m.url):
                self.add(a, SCHEMA.url, URIRef(m.url))
            else:
                self.add(a, KGO.urlNote, Literal(m.url))
        if m.source is not None:
            pub = publisher_iri(m.source, self.base)
            self.add(a, SCHEMA.publisher, pub)
            self.add(pub, RDF.type, SCHEMA.Organization)
            self.add(pub, RDFS.label, Literal(m.source))
            self.add(a, KGO.sourceName, Literal(m.source))
        if m.author is not None:
            self.add(a, KGO.authorName, Literal(m.author))
        if m.language is not None:
            self.add(a, SCHEMA.inLanguage, Literal(m.language))
        if m.dateline_place is not None:
            self.add(a, KGO.datelinePlace, Literal(m.dateline_place))
            key = m.dateline_place.casefold()
            for e in self.doc.entities:
                if e.type.value in ("Place", "State") and key in {
                        n.casefold() for n in [e.name, *e.aliases]}:
                    self.add(a, SCHEMA.locationCreated, self.iris[e.id])
                    break

    def entities(self) -> None:
        seen: dict[URIRef, str] = {}
        for e in self.doc.entities:
            iri = entity_iri(e, self.base)
            if iri in seen:  # two local entities with one name: keep them apart
                iri = URIRef(f"{iri}-{slug(e.id, 40)}-{_hash(e.id, 6)}")
            seen[iri] = e.id
            self.iris[e.id] = iri
        self.rdf_list(self.art, KGO.entityList, list(self.iris.values()))
        for idx, e in enumerate(self.doc.entities):
            iri = self.iris[e.id]
            self.add(iri, RDF.type, ENTITY_CLASS[e.type])
            self.add(iri, RDFS.label, Literal(e.name))
            self.add(iri, KGO.localId, Literal(e.id))
            for alias in e.aliases:
                self.add(iri, SKOS.altLabel, Literal(alias))
            self.rdf_list(iri, KGO.aliasList, [Literal(x) for x in e.aliases])
            if e.wikidata:
                self.add(iri, OWL.sameAs, WD[e.wikidata])
            for i, men in enumerate(e.mentions):
                self.mention(iri, idx, i, men)

    def mention(self, entity: URIRef, idx: int, i: int, men: Mention) -> None:
        node = URIRef(f"{self.art}#mention-{idx}-{i}")
        self.add(entity, KGO.mention, node)
        self.add(node, RDF.type, KGO.Mention)
        self.add(node, KGO.itemIndex, Literal(i))
        self.selectors(node, men.text, men.start, men.end)

    def evidence(self, fact: URIRef, ev: Evidence) -> None:
        node = URIRef(f"{fact}#evidence")
        self.add(fact, KGO.evidence, node)
        self.add(node, RDF.type, KGO.Evidence)
        self.selectors(node, ev.sentence, ev.start, ev.end)

    def facts(self) -> None:
        used: set[URIRef] = set()
        prefix = f"{self.base}fact/{_id_slug(self.doc.article.id)}/"
        str_iris = {k: str(v) for k, v in self.iris.items()}
        for index, f in enumerate(self.doc.facts):
            iri = URIRef(f"{prefix}{f.kind}-{fact_key(f.kind, f.fields, str_iris)}")
            n = 2
            base_iri = iri
            while iri in used:
                iri = URIRef(f"{base_iri}-{n}")
                n += 1
            used.add(iri)
            self.add(iri, RDF.type, FACT_CLASS[f.kind])
            self.add(iri, KGO.kind, Literal(f.kind))
            self.add(iri, KGO.factIndex, Literal(index))
            self.add(iri, PROV.wasDerivedFrom, self.art)
            for spec in FACT_KINDS[f.kind]:
                value = f.fields.get(spec.name)
                if value in (None, [], ""):
                    continue
                self.field(iri, f.kind, spec.name, spec.type, value)
            if f.evidence is not None:
                self.evidence(iri, f.evidence)
            self.provenance(iri, f.rule, f.confidence)

    def provenance(self, fact: URIRef, rule: str | None, confidence: float | None) -> None:
        """PROV-O: the fact was generated by an extraction that used the article, with kg
        as its agent following the rule as its plan; the rule's confidence on the fact."""
        if rule is not None:
            plan = KGR[rule]
            act = URIRef(f"{fact}#extraction")
            assoc = URIRef(f"{fact}#association")
            self.add(fact, KGO.extractionRule, plan)
            self.add(fact, PROV.wasGeneratedBy, act)
            self.add(act, RDF.type, KGO.Extraction)
            self.add(act, PROV.used, self.art)
            self.add(act, PROV.qualifiedAssociation, assoc)
            self.add(assoc, RDF.type, PROV.Association)
            self.add(assoc, PROV.agent, KGO.kg)
            self.add(assoc, PROV.hadPlan, plan)
            self.add(plan, RDF.type, KGO.ExtractionRule)
            self.add(plan, RDFS.label, Literal(rule))
            self.add(KGO.kg, RDF.type, PROV.SoftwareAgent)
        if confidence is not None:
            self.add(fact, KGO.confidence,
                     Literal(Decimal(f"{confidence:.3f}").normalize(), datatype=XSD.decimal))

    def field(self, fact: URIRef, kind: str, name: str, type_: str, value: Any) -> None:
        prop = field_prop(kind, name)
        if type_ == "entity":
            self.add(fact, prop, self.iris[value])
        elif type_ == "entities":
            items: list[Node] = [self.iris[v] for v in value]
            for item in items:
                self.add(fact, prop, item)
            self.rdf_list(fact, LIST_PROP[prop], items)
        elif type_ == "date":
            self.add(fact, prop, date_literal(value))
            earliest, latest = date_bounds(value)
            self.add(fact, KGO.earliestDate, Literal(earliest, datatype=XSD.date))
            self.add(fact, KGO.latestDate, Literal(latest, datatype=XSD.date))
        elif type_ == "int":
            self.add(fact, prop, Literal(value, datatype=XSD.integer))
        elif type_ == "text":
            self.add(fact, prop, Literal(value))
            if kind == "holds_position":
                post = position_iri(value, self.base)
                self.add(fact, KGO.role, post)
                self.add(post, RDF.type, KGO.Position)
                self.add(post, RDFS.label, Literal(value))
        elif type_ == "texts":
            lits: list[Node] = [Literal(v) for v in value]
            for lit in lits:
                self.add(fact, prop, lit)
            self.rdf_list(fact, LIST_PROP[prop], lits)
        elif type_ == "form":
            self.add(fact, prop, FORM_IRI[value])
        elif type_ == "groups":
            for i, grp in enumerate(value):
                node = URIRef(f"{fact}#group-{i}")
                self.add(fact, prop, node)
                self.add(node, RDF.type, KGO.SignatoryGroup)
                self.add(node, KGO.itemIndex, Literal(i))
                self.add(node, KGO.group, self.iris[grp["group"]])
                self.add(node, KGO["count"], Literal(grp["count"], datatype=XSD.integer))
        else:  # pragma: no cover - FACT_KINDS knows no other type
            raise ValueError(f"unknown field type {type_!r}")


def to_graph(doc: Document, base: str = DEFAULT_BASE) -> Graph:
    """The RDF of one article: the content of its named graph (:func:`article_iri`).

    >>> from kg.facts import Document
    >>> doc = Document.from_dict({"article": {"id": "a1", "published": "2014-11-18"},
    ...     "entities": [{"id": "ru", "type": "State", "name": "Russia", "wikidata": "Q159"}],
    ...     "facts": []})
    >>> g = to_graph(doc)
    >>> (entity_iri(doc.entities[0]), OWL.sameAs, WD.Q159) in g
    True
    """
    b = _Builder(doc, base)
    for prefix, ns in (("kgo", KGO), ("kgr", KGR), ("oa", OA), ("schema", SCHEMA), ("prov", PROV),
                       ("skos", SKOS), ("owl", OWL), ("wd", WD)):
        b.g.bind(prefix, ns)
    b.entities()
    b.article()
    b.facts()
    return b.g

"""Facts -> RDF, once for both kinds of output: the triples of one article (private).

:class:`Mapper` says which triples an article's graph holds; its subclasses say how a
term is made (:mod:`kg.map._to_rdf`: rdflib terms in a graph, :mod:`kg.map._to_nt`:
N-Triples lines). IRIs are built as strings by the rules of :mod:`kg.map._iris`.
"""

from __future__ import annotations

import itertools
from typing import Any, Generic, TypeVar

from kg.facts import DATE_RE, FACT_KINDS, Document, Evidence, Mention
from kg.map._iris import (
    _hash,
    _id_slug,
    article_ref,
    date_bounds,
    date_type,
    decimal_lexical,
    entity_ref,
    fact_key,
    list_cell,
    position_ref,
    publisher_ref,
    slug,
)
from kg.map._names import (
    ENTITY_CLASS,
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
from kg.vocab import check_base, safe_http_iri

__all__ = ["Mapper"]

T = TypeVar("T")


class Mapper(Generic[T]):
    """The triples of one article; a subclass makes the terms and keeps the triples."""

    def __init__(self, doc: Document, base: str) -> None:
        self.doc = doc
        self.base = check_base(base)
        self.art_ref = article_ref(doc.article.id, base)
        self.art = self.iri(self.art_ref)
        self.refs: dict[str, str] = {}  # entity id -> IRI
        self.iris: dict[str, T] = {}  # entity id -> term
        self._extracted = False  # the article's extraction node is written

    # -- terms and triples: the subclass's ------------------------------------------
    def iri(self, value: str) -> T:
        raise NotImplementedError

    def lit(self, text: str) -> T:
        """A plain (xsd:string) literal."""
        raise NotImplementedError

    def typed(self, lexical: str, datatype: str) -> T:
        """A literal of ``datatype``; ``lexical`` is its canonical form."""
        raise NotImplementedError

    def bnode(self, label: str) -> T:
        raise NotImplementedError

    def add(self, s: T, p: str, o: T) -> None:
        raise NotImplementedError

    # -- the graph ---------------------------------------------------------------
    def run(self) -> None:
        self.entities()
        self.article()
        self.facts()

    def rdf_list(self, owner: str, prop: str, items: list[T], keys: list[str]) -> None:
        """An ordered rdf:List with deterministic blank-node cells, when the order is not
        already given: none for items whose ``keys`` (IRIs, texts) rise strictly, the
        order a reader takes from the flat values (kg.map._from_rdf)."""
        if all(a < b for a, b in itertools.pairwise(keys)):
            return
        cells = [self.bnode(list_cell(self.art_ref, owner, prop, i)) for i in range(len(items))]
        self.add(self.iri(owner), prop, cells[0])
        nil = self.iri(RDF.nil)
        for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
            self.add(cell, RDF.first, item)
            self.add(cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else nil)

    def selectors(self, node: str, text: str, start: int, end: int) -> None:
        """One node per selection (a mention or evidence): its source article and, on the
        node itself, the quote (oa:exact) and position (oa:start, oa:end) selectors' values
        (the ontology makes kgo:Mention and kgo:Evidence both selectors)."""
        n = self.iri(node)
        self.add(n, OA.hasSource, self.art)
        self.add(n, OA.exact, self.lit(text))
        # xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores every derived integer
        # type as xsd:integer, so a narrower type would not survive the store.
        self.add(n, OA.start, self.typed(str(start), XSD.integer))
        self.add(n, OA.end, self.typed(str(end), XSD.integer))

    def article(self) -> None:
        a, m = self.art, self.doc.article
        self.add(a, RDF.type, self.iri(SCHEMA.NewsArticle))
        self.add(a, RDF.type, self.iri(PROV.Entity))
        self.add(a, KGO.articleId, self.lit(m.id))
        if m.title is not None:
            self.add(a, SCHEMA.headline, self.lit(m.title))
        if m.published is not None:
            if DATE_RE.match(m.published):
                self.add(a, SCHEMA.datePublished, self.typed(m.published, date_type(m.published)))
            else:
                self.add(a, KGO.publishedNote, self.lit(m.published))
        if m.url is not None:
            if safe_http_iri(m.url):
                self.add(a, SCHEMA.url, self.iri(m.url))
            else:
                self.add(a, KGO.urlNote, self.lit(m.url))
        if m.source is not None:
            pub = self.iri(publisher_ref(m.source, self.base))
            self.add(a, SCHEMA.publisher, pub)
            self.add(pub, RDF.type, self.iri(SCHEMA.Organization))
            self.add(pub, RDFS.label, self.lit(m.source))
            self.add(a, KGO.sourceName, self.lit(m.source))
        if m.author is not None:
            self.add(a, KGO.authorName, self.lit(m.author))
        if m.language is not None:
            self.add(a, SCHEMA.inLanguage, self.lit(m.language))
        if m.dateline_place is not None:
            self.dateline(m.dateline_place)

    def dateline(self, place: str) -> None:
        self.add(self.art, KGO.datelinePlace, self.lit(place))
        key = place.casefold()
        for e in self.doc.entities:
            if e.type.value in ("Place", "State") and key in {
                    n.casefold() for n in [e.name, *e.aliases]}:
                self.add(self.art, SCHEMA.locationCreated, self.iris[e.id])
                break

    def entities(self) -> None:
        seen: set[str] = set()
        for e in self.doc.entities:
            ref = entity_ref(e, self.base)
            if ref in seen:  # two local entities with one name: keep them apart
                ref = f"{ref}-{slug(e.id, 40)}-{_hash(e.id, 6)}"
            seen.add(ref)
            self.refs[e.id] = ref
            self.iris[e.id] = self.iri(ref)
        self.rdf_list(self.art_ref, KGO.entityList, list(self.iris.values()),
                      [self.refs[e.id] for e in self.doc.entities])
        for idx, e in enumerate(self.doc.entities):
            ref, iri = self.refs[e.id], self.iris[e.id]
            self.add(iri, RDF.type, self.iri(ENTITY_CLASS[e.type]))
            self.add(iri, RDFS.label, self.lit(e.name))
            self.add(iri, KGO.localId, self.lit(e.id))
            aliases = [self.lit(x) for x in e.aliases]
            for alias in aliases:
                self.add(iri, SKOS.altLabel, alias)
            self.rdf_list(ref, KGO.aliasList, aliases, list(e.aliases))
            if e.wikidata:
                self.add(iri, OWL.sameAs, self.iri(WD[e.wikidata]))
            # an index only where the offsets do not give the order (kg.map._from_rdf)
            indexed = not all(a < b for a, b in itertools.pairwise(
                (m.start, m.end) for m in e.mentions))
            for i, men in enumerate(e.mentions):
                self.mention(iri, idx, i, men, indexed)

    def mention(self, entity: T, idx: int, i: int, men: Mention, indexed: bool) -> None:
        ref = f"{self.art_ref}#mention-{idx}-{i}"
        node = self.iri(ref)
        self.add(entity, KGO.mention, node)
        self.add(node, RDF.type, self.iri(KGO.Mention))
        if indexed:
            self.add(node, KGO.itemIndex, self.typed(str(i), XSD.integer))
        self.selectors(ref, men.text, men.start, men.end)

    def evidence(self, fact: str, ev: Evidence) -> None:
        ref = f"{fact}#evidence"
        node = self.iri(ref)
        self.add(self.iri(fact), KGO.evidence, node)
        self.add(node, RDF.type, self.iri(KGO.Evidence))
        self.selectors(ref, ev.sentence, ev.start, ev.end)

    def facts(self) -> None:
        used: set[str] = set()
        prefix = f"{self.base}fact/{_id_slug(self.doc.article.id)}/"
        for index, f in enumerate(self.doc.facts):
            ref = base_ref = f"{prefix}{f.kind}-{fact_key(f.kind, f.fields, self.refs)}"
            n = 2
            while ref in used:
                ref = f"{base_ref}-{n}"
                n += 1
            used.add(ref)
            iri = self.iri(ref)
            self.add(iri, RDF.type, self.iri(FACT_CLASS[f.kind]))
            self.add(iri, KGO.kind, self.lit(f.kind))
            self.add(iri, KGO.factIndex, self.typed(str(index), XSD.integer))
            self.add(iri, PROV.wasDerivedFrom, self.art)
            for spec in FACT_KINDS[f.kind]:
                value = f.fields.get(spec.name)
                if value in (None, [], ""):
                    continue
                self.field(ref, iri, f.kind, spec.name, spec.type, value)
            if f.evidence is not None:
                self.evidence(ref, f.evidence)
            self.provenance(ref, iri, f.rule, f.confidence)

    def provenance(self, ref: str, fact: T, rule: str | None, confidence: float | None) -> None:
        """PROV-O: the fact was generated by the article's extraction, following its rule
        (kgo:extractionRule, a prov:Plan); the rule's confidence on the fact."""
        if rule is not None:
            plan = self.iri(KGR[rule])
            self.add(fact, KGO.extractionRule, plan)
            self.add(fact, PROV.wasGeneratedBy, self.extraction())
            self.add(plan, RDF.type, self.iri(KGO.ExtractionRule))
            self.add(plan, RDFS.label, self.lit(rule))
        if confidence is not None:
            self.add(fact, KGO.confidence, self.typed(decimal_lexical(confidence), XSD.decimal))

    def extraction(self) -> T:
        """The article's extraction (PROV-O): one activity that used the article, with kg
        as its agent; each fact it generated names the rule followed."""
        act = self.iri(f"{self.art_ref}#extraction")
        if not self._extracted:
            self._extracted = True
            kg = self.iri(KGO.kg)
            self.add(act, RDF.type, self.iri(KGO.Extraction))
            self.add(act, PROV.used, self.art)
            self.add(act, PROV.wasAssociatedWith, kg)
            self.add(kg, RDF.type, self.iri(PROV.SoftwareAgent))
        return act

    def field(self, ref: str, fact: T, kind: str, name: str, type_: str, value: Any) -> None:
        prop = field_prop(kind, name)
        if type_ in ("entities", "texts"):
            items = [self.iris[v] for v in value] if type_ == "entities" else [
                self.lit(v) for v in value]
            for item in items:
                self.add(fact, prop, item)
            self.rdf_list(ref, LIST_PROP[prop], items, [self.refs[v] for v in value]
                          if type_ == "entities" else list(value))
        elif type_ == "entity":
            self.add(fact, prop, self.iris[value])
        elif type_ == "date":
            self.add(fact, prop, self.typed(value, date_type(value)))
            earliest, latest = date_bounds(value)
            self.add(fact, KGO.earliestDate, self.typed(earliest, XSD.date))
            self.add(fact, KGO.latestDate, self.typed(latest, XSD.date))
        elif type_ == "int":
            self.add(fact, prop, self.typed(str(int(value)), XSD.integer))
        elif type_ == "text":
            self.add(fact, prop, self.lit(value))
            if kind == "holds_position":
                post = self.iri(position_ref(value, self.base))
                self.add(fact, KGO.role, post)
                self.add(post, RDF.type, self.iri(KGO.Position))
                self.add(post, RDFS.label, self.lit(value))
        elif type_ == "form":
            self.add(fact, prop, self.iri(FORM_IRI[value]))
        elif type_ == "groups":
            self.groups(ref, fact, prop, value)
        else:  # pragma: no cover - FACT_KINDS knows no other type
            raise ValueError(f"unknown field type {type_!r}")

    def groups(self, ref: str, fact: T, prop: str, value: list[dict[str, Any]]) -> None:
        for i, grp in enumerate(value):
            node = self.iri(f"{ref}#group-{i}")
            self.add(fact, prop, node)
            self.add(node, RDF.type, self.iri(KGO.SignatoryGroup))
            self.add(node, KGO.itemIndex, self.typed(str(i), XSD.integer))
            self.add(node, KGO.group, self.iris[grp["group"]])
            self.add(node, KGO["count"], self.typed(str(int(grp["count"])), XSD.integer))

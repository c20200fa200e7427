"""Facts -> RDF: the IRIs as rdflib terms and the rdflib graph of one article (private).

The triples are :class:`kg.map._mapping.Mapper`'s, the IRI rules :mod:`kg.map._iris`'s;
:func:`kg.map.to_ntriples` writes the same triples as N-Triples lines without rdflib.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.facts import Document, Entity
from kg.map._iris import article_ref, date_type, entity_ref, position_ref, publisher_ref
from kg.map._mapping import Mapper
from kg.map._vocab import KGO, KGR, OA, OWL, PROV, SCHEMA, SKOS, WD
from kg.vocab import DEFAULT_BASE


def article_iri(article_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an article, also the IRI of its named graph.

    >>> str(article_iri("00-tass-cfe"))
    'https://kg.example.org/article/00-tass-cfe'
    """
    return URIRef(article_ref(article_id, base))


def entity_iri(entity: Entity, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an entity, the same from every article: ``{base}id/{class}/{name-slug}``.

    >>> from kg.facts import EntityType
    >>> str(entity_iri(Entity("x", EntityType.PERSON, "Sergey Lavrov")))
    'https://kg.example.org/id/person/sergey-lavrov'
    """
    return URIRef(entity_ref(entity, base))


def position_iri(title: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a post such as "Minister of Foreign Affairs" (``{base}id/position/...``)."""
    return URIRef(position_ref(title, base))


def publisher_iri(name: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a news source such as "TASS" (``{base}id/publisher/...``)."""
    return URIRef(publisher_ref(name, base))


def date_literal(value: str) -> Literal:
    """An ISO date at its precision: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``.

    >>> date_literal("2007-12").datatype.endswith("#gYearMonth")
    True
    """
    return Literal(value, datatype=URIRef(date_type(value)))


class _GraphMapper(Mapper[Node]):
    """The mapper's triples as rdflib terms in an rdflib graph."""

    def __init__(self, doc: Document, base: str) -> None:
        self.g = Graph()
        self._props: dict[str, URIRef] = {}
        super().__init__(doc, base)

    def iri(self, value: str) -> Node:
        return URIRef(value)

    def lit(self, text: str) -> Node:
        return Literal(text)

    def typed(self, lexical: str, datatype: str) -> Node:
        return Literal(lexical, datatype=URIRef(datatype))

    def bnode(self, label: str) -> Node:
        return BNode(label)

    def add(self, s: Node, p: str, o: Node) -> None:
        prop = self._props.get(p)
        if prop is None:
            prop = self._props[p] = URIRef(p)
        self.g.add((s, prop, o))


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
    b = _GraphMapper(doc, base)
    for prefix, ns in (("kgo", KGO), ("kgr", KGR), ("oa", OA), ("schema", SCHEMA), ("prov", PROV),
                       ("skos", SKOS), ("owl", OWL), ("wd", WD)):
        b.g.bind(prefix, ns)
    b.run()
    return b.g

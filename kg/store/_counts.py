"""What the store holds, counted one way everywhere (private; see :mod:`kg.store`).

``kg build``, the VoID, the home page of ``kg serve`` and ``kg publish``, the
entity-resolution report and ``kg export`` all count with these functions:

* **articles**: the article graphs (named graphs other than the corpus graphs).
* **entities**: the distinct IRIs typed, in the entities graph (``urn:kg:entities``,
  where each is described once), with one of the eight
  entity classes of the facts model (``kgo:Person``, ``State``, ``Bloc``,
  ``Organization``, ``Treaty``, ``Place``, ``Meeting``, ``WeaponSystem``). One entity
  named by many articles counts once; positions, publishers, facts and articles are
  not entities.
* **facts**: the distinct fact IRIs (subjects of ``kgo:kind``) in the article graphs;
  a fact IRI names its article, so each article's facts count apart.
* **triples**: the statements of the article graphs, of the entities graph and of
  the events graph (``urn:kg:events``, :mod:`kg.events`), a statement counted once in
  each graph that holds it: what N-Quads and TriG exports write, and what
  ``SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER (?g != <urn:kg:index>) }``
  answers. The query index (``urn:kg:index``, :mod:`kg.index`) is left out: it says
  nothing the other graphs do not (it is in the union of the graphs, as they are).
* **distinct triples**: the triples once each, whichever graphs hold them: what the
  formats without named graphs (N-Triples, Turtle, RDF/XML) write; fewer than
  *triples* when graphs state the same triple.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.facts import EntityType
from kg.vocab import KGO as _KGO
from kg.vocab import META_GRAPH

if TYPE_CHECKING:
    from kg.store._store import Store

__all__ = ["ENTITY_CLASSES", "Counts", "counts", "distinct_triples"]

#: The classes whose members are entities (the facts model's entity types).
ENTITY_CLASSES = tuple(_KGO + t.value for t in EntityType)
_COUNTS = """
SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?f) AS ?facts) WHERE {{
  {{ GRAPH ?g {{ ?e a ?type }} VALUES ?type {{ {classes} }} }}
  UNION {{ GRAPH ?g {{ ?f <{kgo}kind> ?kind }} }}
  FILTER(?g != <{meta}>)
}}"""


@dataclass(frozen=True)
class Counts:
    """What a store holds (see the module's documentation for each definition)."""

    articles: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0


def counts(store: Store) -> Counts:
    """Count the store's articles, entities, facts and triples (a writable store keeps
    them until it is next written to, so an unchanged build does not count again).

    >>> import tempfile
    >>> from kg.pipeline import build
    >>> from kg.store import open_store
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = build(None, d)
    ...     with open_store(d, read_only=True) as s:
    ...         counts(s)
    Counts(articles=1, entities=14, facts=6, triples=580)
    """
    kept = store.kept_counts()
    if kept is not None and len(kept) == 4:
        return Counts(*kept)
    query = _COUNTS.format(classes=" ".join(f"<{c}>" for c in ENTITY_CLASSES), kgo=_KGO,
                           meta=META_GRAPH)
    row = next(iter(store.query(query, union=False)))
    found = Counts(articles=len(store.graphs()), entities=int(row["entities"].value),
                   facts=int(row["facts"].value), triples=store.triple_count())
    if not store.read_only:  # kept until the next write (Store forgets them first)
        store.keep_counts([found.articles, found.entities, found.facts, found.triples])
    return found


def distinct_triples(store: Store) -> int:
    """The number of distinct triples of the article graphs (each once, whatever the
    graphs that hold it)."""
    return len({str(q.triple) for q in store.quads()})

"""The state of a running ``kg serve`` (private; see :mod:`kg.serve._routes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kg.serve._worker import QueryPool
from kg.vocab import ONTOLOGY_IRI, check_base
from kg.web import Description, Linker, Stats, class_key, describe, labels, split_fragment, stats

if TYPE_CHECKING:
    from kg.serve._app import ServeConfig

__all__ = ["State"]


class State:
    """What every request of one server reads: the store (read-only), its statistics,
    the ontology's description, the query workers; opened by the app's lifespan and
    kept on ``app.state.kg``."""

    def __init__(self, config: ServeConfig) -> None:
        import pyoxigraph as ox

        from kg._resources import ontology_path
        from kg.query import named_queries
        from kg.store import open_store, store_path
        from kg.vocab import prefixes

        self.config = config
        self.base = check_base(config.base, served=True)
        self.base_path = urlsplit(self.base).path
        self.store = open_store(config.store, read_only=True)
        self.prefixes = prefixes(self.base)
        self.rdf_prefixes = {k: v for k, v in self.prefixes.items() if k != "kg"}
        self.stats: Stats = stats(self.store, self.base)
        self.resources = set(self.stats.resources)
        self.examples = named_queries()
        self.onto = ox.Store()
        self.onto.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        self.onto_desc: Description = describe(self.onto, ONTOLOGY_IRI, scan_fragments=True)
        self.class_keys = {class_key(c, self.prefixes): c for c in self.stats.classes}
        self.member_labels = labels(self.store.ox, [m for ms in self.stats.members.values()
                                                     for m in ms])
        self.pool = QueryPool(str(store_path(config.store)), size=config.workers,
                              timeout=config.timeout, max_rows=config.max_rows,
                              max_memory=config.max_memory * 1024 * 1024)

    def close(self) -> None:
        self.pool.close()
        self.store.close()

    def href(self, iri: str) -> str | None:
        if iri.startswith(ONTOLOGY_IRI + "#") or iri == ONTOLOGY_IRI:
            return "/ontology" + iri[len(ONTOLOGY_IRI):]
        if iri.startswith(self.base) and split_fragment(iri) in self.resources:
            return self.base_path + iri[len(self.base):]
        return None

    def linker(self) -> Linker:
        return Linker(href=self.href, asset=lambda n: "/static/" + n, home="/",
                      prefixes=self.prefixes,
                      nav=[("query", "/query"), ("ontology", "/ontology"),
                           ("VoID", "/.well-known/void")])

"""What a store answers: its graphs, hashes, quads and queries (private; the reading
half of :class:`kg.store.Store`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg._errors import QueryError, StoreBusyError, StoreError
from kg.store._graphdata import _HASH, SOURCE_HASH
from kg.store._lines import graph_lines, hash_lines
from kg.store._shared import article_lines, kept_counts, visible_quads
from kg.store._terms import to_rdflib

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

__all__ = ["Reading", "store_error"]

META_GRAPH = vocab.META_GRAPH
_BUSY_MARKERS = ("lock", "resource temporarily unavailable", "lock hold")


def store_error(exc: BaseException, path: Path) -> StoreError:
    text = str(exc)
    low = text.lower()
    if any(m in low for m in _BUSY_MARKERS):
        return StoreBusyError(f"store is busy: {path} is open in another process ({text})")
    return StoreError(f"cannot use the store {path}: {text}")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


class Reading:
    """The reading methods of :class:`kg.store.Store`."""

    _ox: ox.Store | None
    _meta: ox.Store
    path: Path
    read_only: bool

    @property
    def ox(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`."""
        if self._ox is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._ox

    # -- reading ---------------------------------------------------------------
    def graphs(self) -> list[str]:
        """The IRIs of the article graphs, sorted."""
        try:
            names = [g.value for g in self.ox.named_graphs()]
        except OSError as exc:
            raise store_error(exc, self.path) from None
        return sorted(n for n in names if n not in vocab.CORPUS_GRAPHS)

    def stored_hash(self, graph_iri: str) -> str | None:
        """The content hash recorded for a graph, or None."""
        import pyoxigraph as ox

        for q in self._meta.quads_for_pattern(ox.NamedNode(graph_iri), ox.NamedNode(_HASH),
                                              None, ox.NamedNode(META_GRAPH)):
            return str(getattr(q.object, "value", ""))
        return None

    def hash_of(self, graph_iri: str) -> str:
        """The content hash of a graph as the store holds it now (its triples read back,
        :func:`kg.store.content_hash`); :meth:`stored_hash` is the one recorded."""
        import pyoxigraph as ox

        quads = self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))
        return hash_lines(graph_lines(graph_iri, quads))

    def source_hashes(self) -> dict[str, str]:
        """Every article graph's source hash (see :func:`write_batch`), by graph IRI."""
        return self.graph_meta(SOURCE_HASH)

    def graph_meta(self, predicate: str) -> dict[str, str]:
        """One metadata property of every article graph that has it (such as
        :data:`SOURCE_HASH`), by graph IRI."""
        import pyoxigraph as ox

        out: dict[str, str] = {}
        for q in self._meta.quads_for_pattern(None, ox.NamedNode(predicate), None,
                                              ox.NamedNode(META_GRAPH)):
            out[str(getattr(q.subject, "value", ""))] = str(getattr(q.object, "value", ""))
        return out

    def own_lines(self, graph_iri: str) -> list[str]:
        """An article graph's own lines as stored (sorted; not what it says of the
        corpus's resources, which the entities graph holds)."""
        import pyoxigraph as ox

        return graph_lines(graph_iri, self.ox.quads_for_pattern(None, None, None,
                                                                ox.NamedNode(graph_iri)))

    def quads(self) -> Iterator[Any]:
        """Every quad of the article graphs and of the corpus's (the events and entities
        graphs); not the metadata's, nor the lines of the entities graph left to sweep
        (:meth:`needs_sweep`), so exports, pushes and ``kg validate`` see the store as
        the next build leaves it."""
        return visible_quads(self.ox, self._meta)

    def triple_count(self) -> int:
        """The number of triples in the article graphs and the corpus's, not counting the
        query index (:mod:`kg.index`)."""
        rows = self._query(self.ox, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{vocab.INDEX_GRAPH}> "
                           "{ ?s ?p ?o } }", False)
        return len(self.ox) - int(next(iter(rows))["n"].value)

    def query(self, sparql: str, *, union: bool = True) -> Any:
        """Run a SPARQL query; with ``union`` the default graph is every article graph
        (Oxigraph's union of the graphs: the metadata is in a store of its own).

        Returns pyoxigraph's result (solutions, triples or a boolean); use
        :func:`kg.query.run_query` for a tabular result. Raises :class:`QueryError`.
        """
        return self._query(self.ox, sparql, union)

    def meta_query(self, sparql: str) -> Any:
        """Run a SPARQL query over the metadata store (``GRAPH <urn:kg:meta>``)."""
        return self._query(self._meta, sparql, False)

    @staticmethod
    def _query(target: Any, sparql: str, union: bool) -> Any:
        try:
            return target.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as exc:
            from kg._sparql import syntax_message

            raise QueryError(syntax_message(sparql, exc)) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def dump(self, fmt: str = "nq") -> bytes:
        """The article graphs as ``nq`` or ``trig`` (or one of ``nt``/``ttl``/``jsonld``
        for the union of them), in store order; :mod:`kg.export` sorts."""
        import pyoxigraph as ox

        formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                   "nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE,
                   "jsonld": ox.RdfFormat.JSON_LD}
        if fmt not in formats:
            from kg._errors import FormatError

            raise FormatError(f"unknown format {fmt!r} (known: {', '.join(formats)})")
        f = formats[fmt]
        data: Iterable[Any] = self.quads()
        if not f.supports_datasets:
            data = (q.triple for q in self.quads())
        return ox.serialize(data, format=f) or b""

    def to_rdflib_dataset(self) -> rdflib.Dataset:
        """The article graphs as an rdflib Dataset (default graph = their union)."""
        import rdflib

        ds = rdflib.Dataset(default_union=True)
        for q in self.quads():
            ctx = ds.graph(rdflib.URIRef(q.graph_name.value))
            ctx.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return ds

    def article_graph(self, graph_iri: str) -> rdflib.Graph:
        """One article's graph as the mapper made it, with what it said of its entities
        (kept once in the entities graph): what :func:`kg.map.from_graph` reads back."""
        import rdflib

        g = rdflib.Graph(identifier=rdflib.URIRef(graph_iri))
        return g.parse(data="\n".join(article_lines(self.ox, self._meta, graph_iri)),
                       format="nt")

    def kept_counts(self) -> tuple[int, ...] | None:
        """The counts :func:`kg.store.counts` kept, if nothing was written since."""
        return kept_counts(self._meta)

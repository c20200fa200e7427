"""The pyoxigraph store wrapper (private; see :mod:`kg.store`)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg._errors import StoreError
from kg.store._graphdata import GraphData, _parse_nt
from kg.store._lines import graph_lines, hash_lines
from kg.store._reading import Reading, store_error
from kg.store._shared import (
    forget_counts,
    held_keys,
    is_dirty,
    keep_counts,
    keys_nquads,
    keys_of,
    mark_dirty,
    shared_nquads,
    stored_keys,
    sweep,
    unhash_update,
)
from kg.store._terms import ntriples
from kg.store._update import delete_data, drop_update, replace_update

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

#: The named graph that holds one content hash per article graph (not exported).
META_GRAPH = vocab.META_GRAPH
#: The folder, inside the store folder, of the metadata store: the metadata graph is
#: kept apart from the article graphs, so that a query's default graph can be the
#: union of every graph of the data store (Oxigraph's own union, fast at any size).
META_FOLDER = "meta"

#: The most quads a batch of new graphs may have to be bulk-loaded (see write_batch):
#: below the 1,000,000 quads pyoxigraph's bulk loader adds in one step. A build makes
#: its batches no bigger (:func:`kg.pipeline.build`).
BULK_QUADS = 900_000
#: The lines of a corpus graph bulk-loaded at a time (the text of each is built, encoded
#: and loaded apart: a graph of millions of long lines is not held twice over).
_CORPUS_CHUNK = 200_000


class Store(Reading):
    """One article per named graph, plus a metadata graph of content hashes kept in a
    store of its own (``meta/`` in the store folder).

    Use :func:`open_store` to get one; close it (or use ``with``) to release the lock.

    Every write changes the metadata in its own transactions around the one that changes
    the article graphs: first the hashes of the graphs to change are removed, then the
    graphs are written, then their new hashes. A write stopped at any point (even by
    SIGKILL) leaves each article graph old or new, never mixed, and never with a hash
    that does not match it: a graph without its hash is rebuilt by the next build.
    """

    def __init__(self, ox_store: ox.Store, path: Path, *, read_only: bool = False,
                 meta: ox.Store | None = None) -> None:
        import pyoxigraph as ox

        self._ox: ox.Store | None = ox_store
        #: keys of lines the entities graph holds (None: not read yet, or removed from)
        self._held: set[bytes] | None = None
        self._counts_kept: bool | None = None  # False: known to be forgotten
        self._meta: ox.Store = meta if meta is not None else ox.Store()
        self.path = path
        self.read_only = read_only

    # -- life cycle ------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (its lock goes with the last reference).

        A store written to is then opened and closed once more: RocksDB keeps its
        write-ahead log (``*.log``, as big as what was written) after a flush and drops
        it only when the store is opened again, which takes milliseconds then.
        """
        if self._ox is not None and not self.read_only:
            import gc

            import pyoxigraph as ox

            with contextlib.suppress(OSError):
                self._ox.flush()
                self._meta.flush()
            self._ox = None
            self._meta = ox.Store()
            gc.collect()  # the last references go, and the locks with them
            # RocksDB deletes its write-ahead log when a store is opened again: open
            # each once more, so that none is left behind
            with contextlib.suppress(OSError, RuntimeError, ValueError):
                ox.Store(str(self.path))  # another process may have the store by now
                ox.Store(str(self.path / META_FOLDER))
        if self._ox is not None:  # read-only
            import pyoxigraph as ox

            self._meta = ox.Store()
        self._ox = None

    def _migrate(self) -> None:
        """Move the metadata graph of a store written by kg 0.x (where it lived among the
        article graphs) into the metadata store: copied first, then dropped."""
        import pyoxigraph as ox

        g = ox.NamedNode(META_GRAPH)
        old = list(self.ox.quads_for_pattern(None, None, None, g))
        if old:
            self._meta.extend(old)
            self._meta.flush()
            self._update(f"DROP SILENT GRAPH <{META_GRAPH}>")

    # -- writing ---------------------------------------------------------------
    def replace_graph(self, graph_iri: str,
                      data: rdflib.Graph | Iterable[tuple[Any, Any, Any]]) -> bool:
        """Replace one article's named graph atomically; False if it was unchanged.

        One SPARQL update removes the old graph and its hash, and inserts the new
        triples and hash. pyoxigraph runs an update as one transaction, so a reader
        sees the old graph or the new one, never a mix, and a failure writes nothing.
        What the graph says of the corpus's resources goes to the entities graph
        (:meth:`GraphData.apart`), which is swept after a replacement; the query index
        (:mod:`kg.index`) is updated.
        """
        import pyoxigraph as ox

        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        try:
            g = ox.NamedNode(graph_iri)
        except ValueError as exc:
            raise StoreError(f"not a valid graph IRI {graph_iri!r}: {exc}") from None
        lines = graph_lines(g.value, _parse_nt(ntriples(data)))
        d = GraphData(g.value, tuple(lines), hash_lines(lines)).apart()
        if (self.stored_hash(graph_iri) == d.content_hash
                and stored_keys(self._meta, graph_iri) == keys_of(d)):
            return False
        if self.ox.contains_named_graph(g):
            mark_dirty(self._meta)
        self._unhash([d.graph])
        self._update(replace_update([d], meta=False, create=True))
        self._hash([d])
        if self.needs_sweep():
            self.sweep_entities()
        self._reindex()
        return True

    def replace_graph_lines(self, graph_iri: str, lines: Sequence[str]) -> bool:
        """Replace a graph of the corpus (not an article's, such as :mod:`kg.events`'),
        given as N-Triples lines without blank nodes; False if it was unchanged.

        Only the difference is written (:meth:`patch_graph`), from whatever the graph
        holds.
        """
        import pyoxigraph as ox

        ordered = tuple(sorted(set(lines)))
        digest = hash_lines(list(ordered))
        if self.stored_hash(graph_iri) == digest:
            return False
        held = set(graph_lines(graph_iri, self.ox.quads_for_pattern(
            None, None, None, ox.NamedNode(graph_iri))))
        gone = sorted(held.difference(ordered))
        new = [line for line in ordered if line not in held]
        del held
        return self.patch_graph(graph_iri, digest, gone, new)

    def patch_graph(self, graph_iri: str, digest: str, removed: Sequence[str],
                    added: Sequence[str]) -> bool:
        """Change a graph of the corpus (not an article's) by lines (N-Triples without
        blank nodes): ``removed`` deleted, then ``added`` loaded in bulk, in updates of
        bounded size; its hash becomes ``digest`` (False, and nothing written, if it was
        that). The hash goes first and comes back last, so a stopped write leaves the
        graph to be written again."""
        if self.stored_hash(graph_iri) == digest:
            return False
        self._unhash([graph_iri])
        self._create(graph_iri)
        for text in delete_data(graph_iri, removed):
            self._update(text)
        self._add_lines(graph_iri, added)
        self._hash([GraphData(graph_iri, (), digest)])
        return True

    def _create(self, graph_iri: str) -> ox.NamedNode:
        """Make a graph exist (empty if it is new): a corpus graph exists once written."""
        import pyoxigraph as ox

        g = ox.NamedNode(graph_iri)
        self._written()
        try:
            self.ox.add_graph(g)
        except (OSError, RuntimeError) as exc:
            raise store_error(exc, self.path) from None
        return g

    def _add_lines(self, graph_iri: str, lines: Sequence[str]) -> None:
        """Bulk-load lines into a graph, a chunk at a time (none held twice over)."""
        g = f"<{graph_iri}> .\n"
        for start in range(0, len(lines), _CORPUS_CHUNK):
            self._load(self.ox, "".join(line[:-1] + g for line in
                                        lines[start:start + _CORPUS_CHUNK]), bulk=True)

    def rewrite_graph(self, graph_iri: str, digest: str,
                      parts: Iterable[Sequence[str]]) -> bool:
        """Replace a graph of the corpus (not an article's) unless its recorded hash is
        ``digest`` (then False): emptied a chunk of lines at a time (one transaction
        removing millions of quads holds them all in memory), then loaded part by part
        (N-Triples lines without blank nodes, in bulk), so that a graph of millions of
        lines is never held whole. Its hash goes first and comes back last, so a
        stopped write leaves it to be written again."""
        if self.stored_hash(graph_iri) == digest:
            return False
        self._unhash([graph_iri])
        g = self._create(graph_iri)
        while chunk := graph_lines(graph_iri, itertools.islice(
                self.ox.quads_for_pattern(None, None, None, g), _CORPUS_CHUNK)):
            for text in delete_data(graph_iri, chunk):
                self._update(text)
        for lines in parts:
            self._add_lines(graph_iri, lines)
        self._hash([GraphData(graph_iri, (), digest)])
        return True

    def compact(self) -> None:
        """Compact the data store's files (RocksDB, pyoxigraph's ``optimize``): bulk
        loads leave files whose keys overlap, and every lookup reads each of them until
        they are merged (at 100,000 articles, a query index lookup took 3-4 times as
        long before)."""
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        try:
            self.ox.optimize()
        except (OSError, RuntimeError) as exc:
            raise store_error(exc, self.path) from None

    def remove_graph(self, graph_iri: str) -> None:
        """Remove one article graph (atomically) and its hash; the query index follows."""
        import pyoxigraph as ox

        ox.NamedNode(graph_iri)  # a ValueError for an invalid IRI
        mark_dirty(self._meta)
        self._unhash([graph_iri])
        self._update(drop_update([graph_iri], meta=False))
        self._reindex()

    def _reindex(self) -> None:
        """After one graph was replaced or removed: the query index follows (a build
        updates it once, at its end)."""
        from kg.index import update_index

        update_index(self)

    def write_batch(self, graphs: Sequence[GraphData]) -> None:
        """Write many article graphs in one transaction (each replaces its old graph),
        with the lines they add to the entities graph (:attr:`GraphData.shared`; each
        graph is split by :meth:`GraphData.apart` if it was not). A batch that replaces
        graphs leaves the lines no article adds any more to :meth:`sweep_entities`.

        The batch is all-or-nothing, so no article is ever half-written. A batch of graphs
        the store does not hold yet is bulk-loaded as N-Quads (pyoxigraph's
        ``bulk_load``: its files are written aside and added to the store in one step, and
        no write-ahead log is written; tests/test_crash_safety.py kills such loads); a
        batch that replaces a graph runs as one SPARQL update instead. The hashes go to
        the metadata store around it (see :class:`Store`).
        """
        import pyoxigraph as ox

        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        if not graphs:
            return
        graphs = [d.apart() for d in graphs]  # as given when the build split them already
        existing = [d.graph for d in graphs if self.ox.contains_named_graph(ox.NamedNode(d.graph))]
        if existing:
            mark_dirty(self._meta)
        # the hashes go; the new keys join the old ones while the graphs are written, so
        # a stopped write leaves every line a stored graph needs live (see _shared.py)
        self._unhash([d.graph for d in graphs], keep_keys=True)
        keys = keys_nquads(graphs)
        self._load(self._meta, keys)
        if not existing:
            parts: list[str] = []
            quads = sum(len(d.lines) + len(d.shared) for d in graphs)
            for d in graphs:
                g = f"<{d.graph}>"
                parts.extend(line[:-1] + f"{g} .\n" for line in d.lines)
            if self._held is None:
                self._held = held_keys(self.ox)
            shared, added = shared_nquads(graphs, self._held)
            parts.append(shared)
            # the bulk loader adds what it parsed in one step only up to its batch
            # of 1,000,000 quads; a bigger batch is loaded in one transaction
            self._load(self.ox, "".join(parts), bulk=quads <= BULK_QUADS)
            self._held |= added
        else:
            self._update(replace_update(graphs, existing, meta=False))
        self._hash(graphs, keys)

    def _hash(self, graphs: Sequence[GraphData], keys: str | None = None) -> None:
        """Record the hashes (and other metadata) of graphs just written, and the keys of
        the lines each added to the entities graph (only those; ``keys``: their quads)."""
        self._unhash([d.graph for d in graphs], keys_only=True)
        self._load(self._meta, "".join(d.meta_nquads() for d in graphs)
                   + (keys_nquads(graphs) if keys is None else keys))

    def needs_sweep(self) -> bool:
        """Whether articles were replaced or removed since the entities graph was swept."""
        return is_dirty(self._meta)

    def sweep_entities(self) -> int:
        """Remove from the entities graph (``urn:kg:entities``) every line that no stored
        article adds any more (see :mod:`kg.store._shared`); the number removed."""
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        return sweep(self.ox, self._meta, self._update)

    def _unhash(self, graphs: Sequence[str], *, keep_keys: bool = False,
                keys_only: bool = False) -> None:
        """Remove the metadata of graphs about to be replaced or removed (but the keys of
        their shared lines, or only those)."""
        for start in range(0, len(graphs), 200):
            self._update(unhash_update(graphs[start:start + 200], keep_keys, keys_only),
                         self._meta)

    def keep_counts(self, values: Sequence[int]) -> None:
        keep_counts(self._meta, values)
        self._counts_kept = True

    def _written(self) -> None:
        """Before a write to the data store: the kept counts go (once per open store)."""
        if self._counts_kept is not False:
            forget_counts(self._meta)
            self._counts_kept = False

    def _load(self, target: Any, nquads: str, *, bulk: bool = False) -> None:
        import pyoxigraph as ox

        if target is self._ox:
            self._written()
        try:
            load = target.bulk_load if bulk else target.load
            load(input=nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise store_error(exc, self.path) from None

    def prune(self, keep: Iterable[str]) -> list[str]:
        """Remove every article graph whose IRI is not in ``keep``; the removed IRIs.

        Each graph goes in one transaction, after its hashes.
        """
        keep_set = set(keep)
        gone = [g for g in self.graphs() if g not in keep_set]
        if gone:
            mark_dirty(self._meta)
        for start in range(0, len(gone), 200):
            chunk = gone[start:start + 200]
            self._unhash(chunk)
            self._update(drop_update(chunk, meta=False))
        return gone

    def set_meta(self, subject: str, predicate: str, values: Sequence[str]) -> None:
        """Replace the literal values of one property of ``subject`` in the metadata
        graph (``urn:kg:meta``), in one transaction."""
        import pyoxigraph as ox

        body = " ".join(f"<{subject}> <{predicate}> {ox.Literal(v)} ." for v in values)
        self._update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{subject}> <{predicate}> ?v }} }}"
                     + (f" ;\nINSERT DATA {{ GRAPH <{META_GRAPH}> {{ {body} }} }}" if values
                        else ""), self._meta)

    def _update(self, update: str, target: Any = None) -> None:
        if target is None:
            self._held = None  # an update may remove lines of the entities graph
            self._written()
        try:
            (self.ox if target is None else target).update(update)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise store_error(exc, self.path) from None


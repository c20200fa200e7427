"""What the store keeps of an article graph: its canonical lines and hashes (private; see
:mod:`kg.store`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg._errors import StoreError
from kg.store._terms import canonical_lines, ntriples

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

META_GRAPH = vocab.META_GRAPH
_HASH = "urn:kg:contentHash"
#: The hash of the input an article graph was built from (text, metadata, kg version).
SOURCE_HASH = "urn:kg:sourceHash"


def content_hash(data: rdflib.Graph | Iterable[tuple[Any, Any, Any]] | str) -> str:
    """A SHA-256 of a graph's content, the same for isomorphic graphs.

    ``data`` is an rdflib graph, rdflib triples, or N-Triples text.
    """
    nt = data if isinstance(data, str) else ntriples(data)
    return _hash_lines(canonical_lines(_parse_nt(nt)))


def _hash_lines(lines: list[str]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _parse_nt(nt: str) -> list[ox.Quad]:
    import pyoxigraph as ox

    try:
        return list(ox.parse(nt, ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:  # pragma: no cover - rdflib wrote it
        raise StoreError(f"cannot convert the graph to N-Triples: {exc}") from None


@dataclass(frozen=True)
class GraphData:
    """One article graph ready to store: canonical N-Triples lines and its hashes.

    ``lines`` end in `` .``; their blank nodes must be unique to this graph (see
    :func:`graph_data`), because a batch is loaded in one go.
    """

    graph: str
    lines: tuple[str, ...]
    content_hash: str
    source_hash: str | None = None
    #: More metadata of the graph (predicate IRI, text), such as curation's notes.
    meta: tuple[tuple[str, str], ...] = ()

    def _more(self) -> list[str]:
        import pyoxigraph as ox

        return [f"<{self.graph}> <{p}> {ox.Literal(text)}" for p, text in self.meta]

    def meta_triples(self) -> str:
        t = f'<{self.graph}> <{_HASH}> "{self.content_hash}" .'
        if self.source_hash:
            t += f' <{self.graph}> <{SOURCE_HASH}> "{self.source_hash}" .'
        return t + "".join(f" {x} ." for x in self._more())

    def meta_nquads(self) -> str:
        g = f"<{self.graph}>"
        out = f'{g} <{_HASH}> "{self.content_hash}" <{META_GRAPH}> .\n'
        if self.source_hash:
            out += f'{g} <{SOURCE_HASH}> "{self.source_hash}" <{META_GRAPH}> .\n'
        return out + "".join(f"{x} <{META_GRAPH}> .\n" for x in self._more())


_BNODE_START = re.compile(r"^_:c14n(\d+) ")
_BNODE_END = re.compile(r" _:c14n(\d+) \.$")


def graph_data(graph_iri: str, nt: str, source_hash: str | None = None,
               meta: tuple[tuple[str, str], ...] = ()) -> GraphData:
    """Canonicalise an article's N-Triples for :meth:`Store.write_batch`.

    The content hash is :func:`content_hash` of the graph; blank nodes are then named
    after the graph, so graphs loaded together never share one.
    """
    import pyoxigraph as ox

    try:
        ox.NamedNode(graph_iri)
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI {graph_iri!r}: {exc}") from None
    lines = canonical_lines(_parse_nt(nt))
    digest = _hash_lines(lines)
    tag = hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:12]
    start, end = f"_:k{tag}n", f" _:k{tag}n"
    out = []
    for line in lines:
        if line.startswith("_:c14n"):
            line = _BNODE_START.sub(lambda m: f"{start}{m.group(1)} ", line, count=1)
        if line.endswith(" .") and "_:c14n" in line:
            line = _BNODE_END.sub(lambda m: f"{end}{m.group(1)} .", line, count=1)
        out.append(line)
    return GraphData(graph_iri, tuple(out), digest, source_hash, meta)

"""What the store keeps of an article graph: its sorted lines and hashes (private; see
:mod:`kg.store`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg._errors import StoreError
from kg.store._lines import graph_lines, hash_lines
from kg.store._terms import ntriples

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

META_GRAPH = vocab.META_GRAPH
_HASH = "urn:kg:contentHash"
#: The hash of the input an article graph was built from (text, metadata, kg version).
SOURCE_HASH = "urn:kg:sourceHash"


def content_hash(data: rdflib.Graph | Iterable[tuple[Any, Any, Any]] | str,
                 graph: str = "") -> str:
    """A SHA-256 of a graph's content: of its sorted N-Triples lines, blank nodes named
    as kg names them in the graph ``graph`` (see :func:`graph_lines`), so the same for
    the same triples in any order and however the list cells were labelled.

    ``data`` is an rdflib graph, rdflib triples, or N-Triples text.
    """
    nt = data if isinstance(data, str) else ntriples(data)
    return hash_lines(graph_lines(graph, _parse_nt(nt)))


def _parse_nt(nt: str) -> list[ox.Quad]:
    import pyoxigraph as ox

    try:
        return list(ox.parse(nt, ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:  # pragma: no cover - rdflib wrote it
        raise StoreError(f"cannot convert the graph to N-Triples: {exc}") from None


@dataclass(frozen=True)
class GraphData:
    """One article graph ready to store: sorted N-Triples lines and its hashes.

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


def graph_data(graph_iri: str, nt: str, source_hash: str | None = None,
               meta: tuple[tuple[str, str], ...] = ()) -> GraphData:
    """An article's N-Triples, in any order and with any blank-node labels, ready for
    :meth:`Store.write_batch`: its lines as :func:`graph_lines` gives them and their
    :func:`content_hash`. Blank nodes are named after the graph, so graphs loaded
    together never share one.
    """
    _check_iri(graph_iri)
    lines = graph_lines(graph_iri, _parse_nt(nt))
    return GraphData(graph_iri, tuple(lines), hash_lines(lines), source_hash, meta)


def graph_data_lines(graph_iri: str, lines: Sequence[str], source_hash: str | None = None,
                     meta: tuple[tuple[str, str], ...] = ()) -> GraphData:
    """:func:`graph_data` for lines already as :func:`graph_lines` gives them (sorted,
    distinct, blank nodes named by kg's rule), such as :func:`kg.map.to_ntriples`'s: they
    are hashed as they are, without parsing them again.

    >>> d = graph_data_lines("https://x.org/article/a", ['<urn:s> <urn:p> "o" .'])
    >>> d.content_hash == graph_data(d.graph, '<urn:s>  <urn:p> "o" .').content_hash
    True
    """
    _check_iri(graph_iri)
    return GraphData(graph_iri, tuple(lines), hash_lines(lines), source_hash, meta)


def _check_iri(graph_iri: str) -> None:
    import pyoxigraph as ox

    try:
        ox.NamedNode(graph_iri)
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI {graph_iri!r}: {exc}") from None

"""What the store keeps of an article graph: its sorted lines and hashes (private; see
:mod:`kg.store`)."""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
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
#: The keys (:func:`line_key`) of the lines an article adds to the entities graph.
SHARED_LINES = "urn:kg:sharedLines"
#: What an article adds to the query index (:mod:`kg.index`), as JSON; kept by the local
#: store only (a server pushed to gets the index graph itself).
INDEX_ROWS = vocab.INDEX_ROWS
#: What describes a resource once for the corpus, not once per article: the predicates
#: of the lines that go to the entities graph (of subjects that are not the article's).
_SHARED_PREDICATES = tuple(f"<{p}>" for p in (
    vocab.RDF + "type", vocab.RDFS + "label", vocab.SKOS + "altLabel", vocab.OWL + "sameAs"))
_KEY_BYTES = 9  # 72 bits of SHA-256 per line, 12 characters of base64


@functools.lru_cache(maxsize=1 << 16)
def line_key(line: str) -> bytes:
    """The short key of an N-Triples line that an article adds to the entities graph
    (remembered for the lines seen last: most articles name the same states and blocs).

    >>> len(line_key('<urn:s> <urn:p> "o" .'))
    9
    """
    return hashlib.sha256(line.encode("utf-8")).digest()[:_KEY_BYTES]


def encode_keys(keys: Iterable[bytes]) -> str:
    """Line keys as one base64 text (what the metadata store keeps per article).

    >>> k = [line_key("a"), line_key("b")]
    >>> decode_keys(encode_keys(k)) == sorted(k)
    True
    """
    return base64.b64encode(b"".join(sorted(keys))).decode("ascii")


def decode_keys(text: str) -> list[bytes]:
    raw = base64.b64decode(text)
    return [raw[i:i + _KEY_BYTES] for i in range(0, len(raw), _KEY_BYTES)]


def split_shared(graph_iri: str, lines: Iterable[str]) -> tuple[tuple[str, ...],
                                                                   tuple[str, ...]]:
    """An article's lines as (its own, those describing resources of the corpus).

    A line is the corpus's when its predicate is rdf:type, rdfs:label, skos:altLabel or
    owl:sameAs and its subject is an IRI that is neither the article's (``{graph}`` and
    its fragments) nor one of its facts' (``{base}fact/{article}/...``): entities, posts,
    publishers, extraction rules and kg itself, described once in the entities graph.

    >>> g, label = "https://x.org/article/a", "<http://www.w3.org/2000/01/rdf-schema#label>"
    >>> split_shared(g, [f'<https://x.org/id/state/p> {label} "P" .',
    ...                  f'<{g}#mention-0-0> {label} "m" .'])[1]
    ('<https://x.org/id/state/p> <http://www.w3.org/2000/01/rdf-schema#label> "P" .',)
    """
    own_prefixes = [f"<{graph_iri}>", f"<{graph_iri}#"]
    cut = graph_iri.rfind("/article/")
    if cut >= 0:
        own_prefixes.append(f"<{graph_iri[:cut]}/fact/{graph_iri[cut + 9:]}/")
    own_t, shared = tuple(own_prefixes), []
    own: list[str] = []
    for line in lines:
        s, _, rest = line.partition(" ")
        if (s[0] == "<" and not s.startswith(own_t)
                and rest.startswith(_SHARED_PREDICATES)):
            shared.append(line)
        else:
            own.append(line)
    return tuple(own), tuple(shared)


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
    #: The lines this article adds to the entities graph (``urn:kg:entities``): what it
    #: says of the resources described once for the corpus (see :meth:`apart`).
    shared: tuple[str, ...] = ()
    #: Whether the shared lines were split off (by :meth:`apart`): then it is a no-op.
    split: bool = False
    #: What the article adds to the query index (the JSON of
    #: :func:`kg.index.rows_of_lines`, packed by :func:`kg.index.pack_rows`), or None:
    #: then the index reads it from the stored graph.
    index_rows: str | None = None

    def apart(self) -> GraphData:
        """This graph with the descriptions of the corpus's resources (entities' types,
        labels, aliases and Wikidata links; posts, publishers, rules) moved to
        ``shared`` (:func:`split_shared`); the content hash is of the lines left.

        >>> d = graph_data_lines("https://x.org/article/a", [
        ...     '<https://x.org/id/state/p> <http://www.w3.org/2000/01/rdf-schema#label> "P" .'])
        >>> (len(d.lines), len(d.apart().lines), len(d.apart().shared))
        (1, 0, 1)
        """
        if self.split:
            return self
        d = _apart(self.graph, self.lines, self.source_hash, self.meta, self.shared)
        return d if self.index_rows is None else dataclasses.replace(d, index_rows=self.index_rows)

    def all_lines(self) -> tuple[str, ...]:
        """The article's own lines and its shared ones: the graph the mapper made."""
        return self.lines + self.shared if self.shared else self.lines

    def nquads(self) -> str:
        """The graph as the store holds it, as N-Quads: its own lines in its graph, the
        shared ones in the entities graph (load them into any store to query it as kg
        does).

        >>> d = graph_data_lines("https://x.org/article/a", [
        ...     '<https://x.org/id/state/p> <http://www.w3.org/2000/01/rdf-schema#label> "P" .'])
        >>> print(d.apart().nquads().replace("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
        ...       end="")
        <https://x.org/id/state/p> <rdfs:label> "P" <urn:kg:entities> .
        """
        own, corpus = f"<{self.graph}> .\n", f"<{vocab.ENTITIES_GRAPH}> .\n"
        return ("".join(line[:-1] + own for line in self.lines)
                + "".join(line[:-1] + corpus for line in self.shared))

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
        if self.index_rows is not None:
            import pyoxigraph as ox

            out += f"{g} <{INDEX_ROWS}> {ox.Literal(self.index_rows)} <{META_GRAPH}> .\n"
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
                     meta: tuple[tuple[str, str], ...] = (), *, apart: bool = False
                     ) -> GraphData:
    """:func:`graph_data` for lines already as :func:`graph_lines` gives them (sorted,
    distinct, blank nodes named by kg's rule), such as :func:`kg.map.to_ntriples`'s: they
    are hashed as they are, without parsing them again.

    With ``apart``, it is :meth:`GraphData.apart` at once (hashed once, after the split).

    >>> d = graph_data_lines("https://x.org/article/a", ['<urn:s> <urn:p> "o" .'])
    >>> d.content_hash == graph_data(d.graph, '<urn:s>  <urn:p> "o" .').content_hash
    True
    """
    _check_iri(graph_iri)
    if apart:
        return _apart(graph_iri, lines, source_hash, meta)
    return GraphData(graph_iri, tuple(lines), hash_lines(lines), source_hash, meta)


def _apart(graph_iri: str, lines: Iterable[str], source_hash: str | None,
           meta: tuple[tuple[str, str], ...], shared: Iterable[str] = ()) -> GraphData:
    """A graph's lines split (:func:`split_shared`) and its own lines hashed, once."""
    own, more = split_shared(graph_iri, lines)
    return GraphData(graph_iri, own, hash_lines(own), source_hash, meta,
                     tuple(sorted({*shared, *more})), split=True)


def _check_iri(graph_iri: str) -> None:
    import pyoxigraph as ox

    try:
        ox.NamedNode(graph_iri)
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI {graph_iri!r}: {exc}") from None

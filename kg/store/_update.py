"""The SPARQL updates that replace and drop article graphs, written in one place
(private; see :func:`kg.store.replace_update`).

The store runs them (one update is one transaction in Oxigraph), ``kg build --push``
posts them to a SPARQL server, ``kg push --update`` posts them without the metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from kg.vocab import ENTITIES_GRAPH, META_GRAPH

if TYPE_CHECKING:
    from kg.store._graphdata import GraphData

__all__ = ["delete_data", "drop_update", "replace_update"]

_CHUNK = 5_000  # lines per DELETE DATA


def delete_data(graph: str, lines: Sequence[str]) -> Iterator[str]:
    """Updates that delete ``lines`` (N-Triples without blank nodes) from ``graph``, a
    few thousand lines each.

    >>> print(next(delete_data("urn:g", ["<urn:s> <urn:p> <urn:o> ."])))
    DELETE DATA { GRAPH <urn:g> {
    <urn:s> <urn:p> <urn:o> .
    } }
    """
    for start in range(0, len(lines), _CHUNK):
        body = "\n".join(lines[start:start + _CHUNK])
        yield f"DELETE DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


def _drop(graph: str, meta: bool = True) -> str:
    drop = f"DROP SILENT GRAPH <{graph}>"
    if not meta:
        return drop
    return f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> ?p ?h }} }} ;\n{drop}"


def drop_update(graphs: Iterable[str], *, meta: bool = True) -> str:
    """One update that removes each graph and its metadata (hashes; not with
    ``meta=False``, for a store that keeps them elsewhere).

    >>> print(drop_update(["https://x.org/article/a"]))
    DELETE WHERE { GRAPH <urn:kg:meta> { <https://x.org/article/a> ?p ?h } } ;
    DROP SILENT GRAPH <https://x.org/article/a>
    """
    return " ;\n".join(_drop(g, meta) for g in graphs)


def replace_update(graphs: Sequence[GraphData], replaced: Iterable[str] | None = None, *,
                   meta: bool = True, create: bool = False) -> str:
    """One update that replaces each of ``graphs``: the graphs in ``replaced`` (default:
    all of them) are dropped with their metadata, then the new content is inserted
    with its metadata (its hashes; none with ``meta=False``, for a server that keeps no
    ``urn:kg:meta``). ``create`` makes each graph exist even when it is empty.

    >>> from kg.store import graph_data
    >>> d = graph_data("https://x.org/article/a", "<urn:s> <urn:p> <urn:o> .\\n")
    >>> print(replace_update([d], meta=False))
    DROP SILENT GRAPH <https://x.org/article/a> ;
    INSERT DATA {
     GRAPH <https://x.org/article/a> {
      <urn:s> <urn:p> <urn:o> .
     }
    }
    """
    drops = [d.graph for d in graphs] if replaced is None else list(replaced)
    ops = [(_drop(g) if meta else f"DROP SILENT GRAPH <{g}>") + " ;\n" for g in drops]
    if create:
        ops.extend(f"CREATE SILENT GRAPH <{d.graph}> ;\n" for d in graphs)
    body = []
    for d in graphs:
        body.append(f" GRAPH <{d.graph}> {{\n" + "".join(f"  {x}\n" for x in d.lines) + " }\n")
        if meta:
            body.append(f" GRAPH <{META_GRAPH}> {{ {d.meta_triples()} }}\n")
    shared = sorted({line for d in graphs for line in d.shared})
    if shared:  # what the articles say of the resources described once
        body.append(f" GRAPH <{ENTITIES_GRAPH}> {{\n" + "".join(f"  {x}\n" for x in shared)
                    + " }\n")
    return "".join(ops) + "INSERT DATA {\n" + "".join(body) + "}"

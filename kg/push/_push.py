"""Graph Store Protocol and SPARQL Update client (private; see :mod:`kg.push`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kg._errors import KgError
from kg._http import auth_header, check_url, send
from kg.vocab import ENTITIES_GRAPH, EVENTS_GRAPH, INDEX_GRAPH

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["PushError", "PushResult", "auth_header", "push"]


class PushError(KgError):
    """The SPARQL server could not be reached or refused a graph."""


@dataclass
class PushResult:
    """What was uploaded: graphs and triples."""

    graphs: int = 0
    triples: int = 0


def _send(url: str, method: str, body: bytes, ctype: str, auth: str | None,
          timeout: float) -> int:
    try:
        return send(url, method, body, ctype, timeout=timeout, agent="kg-push", auth=auth)
    except KgError as exc:  # kg._http's HttpError, Unreachable: a PushError for callers
        raise PushError(str(exc)) from None


def push(store: Store, endpoint: str, *, update: bool = False, timeout: float = 60.0,
         env: Mapping[str, str] | None = None,
         progress: Callable[[str, int, int], Any] | None = None) -> PushResult:
    """Replace each article graph of ``store`` on the server at ``endpoint`` (and the
    graphs of the corpus, ``urn:kg:events``, ``urn:kg:entities`` and the query index
    ``urn:kg:index``, when the store has them: the shipped queries run there too).

    ``progress(graph, triples, http_status)`` is called after each graph. Raises
    :class:`PushError` at the first refusal (graphs sent before it stay sent).
    """
    import pyoxigraph as ox

    from kg.store import GraphData, replace_update

    check_url(endpoint, "--endpoint", PushError)
    auth = auth_header(env)
    result = PushResult()
    corpus = [g for g in (ENTITIES_GRAPH, EVENTS_GRAPH, INDEX_GRAPH)
              if store.ox.contains_named_graph(ox.NamedNode(g))]
    for g in [*store.graphs(), *corpus]:
        node = ox.NamedNode(g)
        triples = [q.triple for q in store.ox.quads_for_pattern(None, None, None, node)]
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        if update:
            # N-Triples lines end in "\n" (a literal may hold U+2028: not splitlines())
            lines = tuple(x for x in nt.decode("utf-8").split("\n") if x)
            body = replace_update([GraphData(g, lines, "")], meta=False).encode("utf-8")
            status = _send(endpoint, "POST", body, "application/sparql-update", auth, timeout)
        else:
            sep = "&" if "?" in endpoint else "?"
            url = f"{endpoint}{sep}graph={quote(g, safe='')}"
            status = _send(url, "PUT", nt, "application/n-triples", auth, timeout)
        result.graphs += 1
        result.triples += len(triples)
        if progress is not None:
            progress(g, len(triples), status)
    return result

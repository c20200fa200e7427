"""Graph Store Protocol and SPARQL Update client (private; see :mod:`kg.push`)."""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from kg._errors import KgError

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


def auth_header(env: Mapping[str, str] | None = None) -> str | None:
    """The ``Authorization`` header from ``KG_PUSH_TOKEN`` or ``KG_PUSH_USER``/``_PASSWORD``."""
    env = os.environ if env is None else env
    token = env.get("KG_PUSH_TOKEN")
    if token:
        return f"Bearer {token}"
    user = env.get("KG_PUSH_USER")
    if user:
        pair = f"{user}:{env.get('KG_PUSH_PASSWORD', '')}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--endpoint must be an http(s) URL, not {endpoint!r}")


def _send(url: str, method: str, body: bytes, ctype: str, auth: str | None,
          timeout: float) -> int:
    headers = {"Content-Type": ctype, "User-Agent": "kg-push"}
    if auth:
        headers["Authorization"] = auth
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach {url}: {reason}") from None


def push(store: Store, endpoint: str, *, update: bool = False, timeout: float = 60.0,
         env: Mapping[str, str] | None = None,
         progress: Callable[[str, int, int], Any] | None = None) -> PushResult:
    """Replace each article graph of ``store`` on the server at ``endpoint``.

    ``progress(graph, triples, http_status)`` is called after each graph. Raises
    :class:`PushError` at the first refusal (graphs sent before it stay sent).
    """
    import pyoxigraph as ox

    _check_endpoint(endpoint)
    auth = auth_header(env)
    result = PushResult()
    for g in store.graphs():
        node = ox.NamedNode(g)
        triples = [q.triple for q in store.ox.quads_for_pattern(None, None, None, node)]
        nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        if update:
            body = (f"DROP SILENT GRAPH {node} ;\nINSERT DATA {{ GRAPH {node} {{\n".encode()
                    + nt + b"}}\n")
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

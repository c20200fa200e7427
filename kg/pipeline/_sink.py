"""Where built graphs go: the local store, or an external SPARQL server (private)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import urlsplit

from kg._errors import KgError, StoreError
from kg.store import META_GRAPH, GraphData

__all__ = ["PushSink", "update_text"]


def update_text(graphs: Sequence[GraphData]) -> str:
    """One SPARQL update that replaces each graph (and its hashes) with the new content."""
    ops = []
    body = []
    for d in graphs:
        ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{d.graph}> ?p ?h }} }} ;\n"
                   f"DROP SILENT GRAPH <{d.graph}> ;\n")
        body.append(f" GRAPH <{d.graph}> {{\n" + "".join(f"  {x}\n" for x in d.lines) + " }\n")
        body.append(f" GRAPH <{META_GRAPH}> {{ {d.meta_triples()} }}\n")
    return "".join(ops) + "INSERT DATA {\n" + "".join(body) + "}"


class PushSink:
    """Posts each batch as one SPARQL 1.1 Update to ``url`` (its update endpoint).

    Authorisation comes from ``KG_PUSH_TOKEN`` or ``KG_PUSH_USER``/``KG_PUSH_PASSWORD``.
    """

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KgError(f"--push must be an http(s) URL, not {url!r}")
        self.url = url
        self.timeout = timeout

    def write(self, graphs: Sequence[GraphData]) -> None:
        from kg.push import auth_header

        if not graphs:
            return
        headers = {"Content-Type": "application/sparql-update", "User-Agent": "kg-build"}
        auth = auth_header()
        if auth:
            headers["Authorization"] = auth
        req = urllib.request.Request(self.url, data=update_text(graphs).encode("utf-8"),
                                     method="POST", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{self.url} refused the update: HTTP {exc.code}") from None
        except (OSError, urllib.error.URLError) as exc:
            raise StoreError(f"cannot reach {self.url}: {exc}") from None

"""Where built graphs go when not into the local store: an external SPARQL server
(private; see ``kg build --push``)."""

from __future__ import annotations

from collections.abc import Sequence

from kg._errors import KgError, StoreError
from kg._http import HttpError, Unreachable, auth_header, check_url, send
from kg.store import GraphData, replace_update

__all__ = ["PushSink"]


class PushSink:
    """Posts each batch as one SPARQL 1.1 Update to ``url`` (its update endpoint), which
    replaces each graph and its hashes (:func:`kg.store.replace_update`).

    Authorisation comes from ``KG_PUSH_TOKEN`` or ``KG_PUSH_USER``/``KG_PUSH_PASSWORD``.
    """

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = check_url(url, "--push", KgError)
        self.timeout = timeout

    def write(self, graphs: Sequence[GraphData]) -> None:
        if not graphs:
            return
        body = replace_update(graphs).encode("utf-8")
        try:
            send(self.url, "POST", body, "application/sparql-update", timeout=self.timeout,
                 agent="kg-build", auth=auth_header())
        except HttpError as exc:
            raise StoreError(f"{self.url} refused the update: HTTP {exc.status}") from None
        except Unreachable as exc:
            raise StoreError(f"cannot reach {self.url}: {exc.reason}") from None

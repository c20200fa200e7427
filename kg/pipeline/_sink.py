"""Where built graphs go: the writer thread before the store, or an external SPARQL
server instead (private; see ``kg build --push``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from kg._errors import KgError, StoreError
from kg._http import HttpError, Unreachable, auth_header, check_url, send
from kg.store import GraphData, replace_update

__all__ = ["Background", "PushSink"]


class Background:
    """Writes each batch with ``write`` on a thread of its own, one batch at a time, so
    the build takes the next results while a batch is stored (the store's bulk load
    and a server's answer let the thread go). An error of a write is raised by the next
    call or by :meth:`close`, which waits for the last write.

    >>> done = []
    >>> sink = Background(done.append)
    >>> sink([1]); sink([2]); sink.close()
    >>> done
    [[1], [2]]
    """

    def __init__(self, write: Callable[[list[GraphData]], None]) -> None:
        self._write = write
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="kg-writer")
        self._pending: Future[None] | None = None

    def __call__(self, batch: Sequence[GraphData]) -> None:
        self.wait()
        self._pending = self._pool.submit(self._write, list(batch))

    def wait(self) -> None:
        """Wait for the batch being written (its error, if it failed, is raised here)."""
        pending = self._pending
        if pending is None:
            return
        try:
            pending.result()
        finally:
            if pending.done():  # a Ctrl-C while it runs leaves it to wait for again
                self._pending = None

    def close(self) -> None:
        """Wait for the last batch, then stop the thread."""
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True)


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

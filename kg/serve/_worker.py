"""SPARQL queries in killable worker processes (private).

pyoxigraph cannot cancel a running query, so each query runs in one of a few
worker processes, each with its own read-only snapshot of the store. The server
waits at most the time limit for the answer; past it, the worker is killed and
replaced, and the client gets a clear error. Results are counted while they are
read, so a huge result stops at the size limit instead of filling memory.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from kg._sparql import (
    UPDATE_REFUSED,
    is_update,
    service_refusal,
    syntax_message,
)
from kg.serve._negotiate import GRAPH_TYPES, RESULT_TYPES, choose
from kg.web import RDF_MEDIA, RESULT_MEDIA, TooLarge

__all__ = ["Answer", "QueryPool"]


@dataclass
class Answer:
    """An HTTP answer: status, media type and body."""

    status: int
    media_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _execute(store: Any, graphs: list[Any] | None, sparql: str, accept: str | None,
             max_rows: int) -> Answer:
    """One query's answer: refused, failed, or its results in the format ``accept`` asks."""
    refused = _refusal(sparql)
    if refused is not None:
        return refused
    answer = _run(store, graphs, sparql, accept, max_rows)
    if isinstance(answer, Answer):
        return answer
    try:
        return _results(answer, accept, max_rows)
    except TooLarge as exc:
        return Answer.error(413, str(exc))
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        return Answer.error(400, f"query failed: {' '.join(str(exc).split())}")


def _refusal(sparql: str) -> Answer | None:
    if not sparql.strip():
        return Answer.error(400, "the query is empty")
    if is_update(sparql):
        return Answer.error(403, UPDATE_REFUSED)
    refusal = service_refusal(sparql, "SERVICE (federated query) is off on this server")
    return None if refusal is None else Answer.error(400, refusal)


def _run(store: Any, graphs: list[Any] | None, sparql: str, accept: str | None,
         max_rows: int) -> Any:
    """The query's pyoxigraph results, or the whole answer (a SELECT pyoxigraph
    serialises itself, or an error)."""
    from kg.web import select_by_pyoxigraph

    try:
        media = choose(accept, list(RESULT_TYPES))
        fast = select_by_pyoxigraph(store, graphs, sparql, RESULT_TYPES[media], max_rows) \
            if media is not None else None
        if fast is not None:
            return Answer(200, RESULT_MEDIA[RESULT_TYPES[str(media)]], fast)
        if graphs is None:
            return store.query(sparql, use_default_graph_as_union=True)
        return store.query(sparql, default_graph=graphs, named_graphs=graphs)
    except SyntaxError as exc:
        return Answer.error(400, syntax_message(sparql, exc))
    except TooLarge as exc:
        return Answer.error(413, str(exc))
    except (OSError, RuntimeError, ValueError) as exc:
        return Answer.error(400, f"query failed: {' '.join(str(exc).split())}")


def _results(answer: Any, accept: str | None, max_rows: int) -> Answer:
    """Triples, a boolean or rows, serialised in the format ``accept`` asks."""
    import pyoxigraph as ox

    from kg.web import serialize_graph, serialize_solutions, take

    if isinstance(answer, ox.QueryTriples):
        media = choose(accept, list(GRAPH_TYPES))
        if media is None:
            return Answer.error(406, "not acceptable: offer " + ", ".join(GRAPH_TYPES))
        fmt = GRAPH_TYPES[media]
        triples = take(answer, max_rows, "triples")
        return Answer(200, RDF_MEDIA[fmt], serialize_graph(triples, fmt))
    media = choose(accept, list(RESULT_TYPES))
    if media is None:
        return Answer.error(406, "not acceptable: offer " + ", ".join(RESULT_TYPES))
    fmt = RESULT_TYPES[media]
    if isinstance(answer, ox.QueryBoolean):
        return Answer(200, RESULT_MEDIA[fmt], serialize_solutions(fmt, [], None, bool(answer)))
    names = [v.value for v in answer.variables]
    rows = [tuple(s[n] for n in names) for s in take(answer, max_rows, "rows")]
    return Answer(200, RESULT_MEDIA[fmt], serialize_solutions(fmt, names, rows))


def _limit_memory(max_memory: int) -> None:
    """Cap this process's address space (bytes; 0: no cap): past it an allocation fails
    and the worker dies, instead of the query filling the machine's memory."""
    if max_memory <= 0:
        return
    try:
        import resource
    except ImportError:  # not on Windows
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))


def _worker_main(conn: Connection, store_dir: str, max_rows: int, max_memory: int = 0) -> None:

    from kg.store import open_store

    _limit_memory(max_memory)

    store = open_store(store_dir, read_only=True)
    conn.send("ready")
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        sparql, accept = msg
        # the default graph is the union of the article graphs (Oxigraph's own: the
        # metadata is in a store of its own), fast at any number of articles
        conn.send(_execute(store.ox, None, sparql, accept, max_rows))


class _Worker:
    def __init__(self, ctx: Any, store_dir: str, max_rows: int, max_memory: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, store_dir, max_rows, max_memory),
                                daemon=True, name="kg-query-worker")
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if not self.ready and self.conn.poll(timeout):
            self.ready = self.conn.recv() == "ready"
        if not self.ready:
            self.kill()
            raise RuntimeError("a query worker did not start")

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """``size`` worker processes answering queries with a time and a size limit."""

    def __init__(self, store_dir: str, *, size: int = 2, timeout: float = 10.0,
                 max_rows: int = 10_000, max_memory: int = 0) -> None:
        self.store_dir = store_dir
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_memory = max_memory
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        for _ in range(max(1, size)):
            self._add()
        for w in list(self._all):
            w.wait_ready(60)

    def _add(self) -> _Worker:
        w = _Worker(self._ctx, self.store_dir, self.max_rows, self.max_memory)
        with self._lock:
            self._all.append(w)
        self._idle.put(w)
        return w

    def run(self, sparql: str, accept: str | None) -> Answer:
        """Run one query; an :class:`Answer` whatever happens."""
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.error(503, "the server is busy: every query worker is running a "
                                f"query; try again ({self.timeout:g} s limit)")
        try:
            w.wait_ready(60)
            w.conn.send((sparql, accept))
            if w.conn.poll(self.timeout):
                answer: Answer = w.conn.recv()
                self._idle.put(w)
                return answer
            died = False
        except (EOFError, OSError, RuntimeError):
            died = True
        # Too slow (or the worker died): kill it and start a fresh one.
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)
        self._add()
        if died:
            return Answer.error(503, "the query's worker process died, most likely out of "
                                "memory (kg serve --max-memory); the query was stopped")
        return Answer.error(503, f"the query exceeded the time limit of {self.timeout:g} s "
                            "(kg serve --timeout) and was stopped")

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            with contextlib.suppress(Exception):
                w.conn.send(None)
            w.kill()

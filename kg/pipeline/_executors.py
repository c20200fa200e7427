"""Where the per-article work runs: in process, a local process pool, or Dask (private)."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any

from kg.pipeline._work import Built, build_chunk, ignore_sigint

if TYPE_CHECKING:
    from kg.pipeline._options import Work
    from kg.read import Article

__all__ = ["CONNECT_TIMEOUT", "run_dask", "run_inline", "run_pool"]

#: Seconds to wait for the Dask scheduler to answer.
CONNECT_TIMEOUT = 30.0


def run_inline(chunks: Iterable[list[Article]], work: Work) -> Iterator[list[Built]]:
    """Each chunk in this process, in order."""
    for chunk in chunks:
        yield build_chunk(chunk, work)


def run_pool(chunks: Iterable[list[Article]], work: Work, workers: int
             ) -> Iterator[list[Built]]:
    """The chunks on ``workers`` local processes, at most ``4 * workers`` in flight.

    Chunks are submitted as results come back, so the input is streamed, never held
    whole. Results come in the order they finish. Closing the generator (on Ctrl-C)
    cancels what has not started.
    """
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=ignore_sigint)
    pending: set[Future[list[Built]]] = set()
    source = iter(chunks)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 4 * workers:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.add(pool.submit(build_chunk, chunk, work))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(chunks: Iterable[list[Article]], work: Work, scheduler: str
             ) -> Iterator[list[Built]]:
    """The chunks as tasks on the Dask cluster whose scheduler is at ``scheduler``.

    Every worker must have kg installed (the same version). At most four chunks per
    worker thread are in flight.
    """
    from kg._errors import KgError

    try:
        import distributed
    except ImportError:
        raise KgError("the dask executor needs dask.distributed: "
                      "pip install 'kg[dask]'") from None
    try:
        make_client: Any = distributed.Client
        client: Any = make_client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        slots = max(1, sum(client.nthreads().values())) * 4
        source = iter(chunks)
        make_queue: Any = distributed.as_completed
        queue: Any = make_queue()
        inflight = 0
        for chunk in source:
            queue.add(client.submit(build_chunk, chunk, work, pure=False))
            inflight += 1
            if inflight >= slots:
                break
        for fut in queue:
            inflight -= 1
            result: list[Built] = fut.result()
            fut.release()
            nxt = next(source, None)
            if nxt is not None:
                queue.add(client.submit(build_chunk, nxt, work, pure=False))
                inflight += 1
            yield result
    finally:
        client.close()

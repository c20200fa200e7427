"""How a build runs, and what the work on each article needs (private; see
:mod:`kg.pipeline`)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg._errors import InputError

if TYPE_CHECKING:
    from kg.curate import Curation
    from kg.read import FetchOptions

__all__ = ["COMPACT_AFTER", "EXECUTORS", "BuildOptions", "Work"]

#: Where the per-article work runs: this machine's processes, or a Dask cluster.
EXECUTORS = ("local", "dask")


#: The articles a build loads from which it compacts the store at its end by default.
COMPACT_AFTER = 1000


@dataclass(frozen=True)
class BuildOptions:
    """The options of :func:`kg.pipeline.build` (``kg build``'s, less where the input
    and the store are).

    ``base`` is the instance base IRI (None: ``$KG_BASE``, else the default, see
    :func:`kg.vocab.default_base`). The work runs on ``workers`` local processes, or
    with ``executor="dask"`` on the Dask cluster whose scheduler is at ``scheduler``,
    ``chunk_size`` articles per task; graphs are written ``batch_size`` per store
    transaction (fewer when their quads would pass :data:`kg.store.BULK_QUADS`, so that
    a batch of new graphs is one bulk load), or into the SPARQL Update endpoint ``push``
    instead of the store.
    ``validate``: SHACL-check each graph before it is written. ``prune``: drop the
    graphs of articles no longer in the input. ``wait``: seconds to wait for a store
    another build holds. ``min_confidence``: leave out the facts of less precise rules.
    ``skip_bad``: build the good records and report the bad ones. ``globs``: which files
    of a folder are articles; ``fetch``: how URLs are fetched. ``curation``: a curation
    folder whose corrections are applied to each article's facts (see :mod:`kg.curate`).
    ``mentions``: False leaves out the mention layer (where the text names each entity,
    a third of an article graph); the entities, the facts and their evidence stay.
    ``compact``: compact the store's files at the end (see :meth:`kg.store.Store.compact`);
    None (the default): when the build loaded at least :data:`COMPACT_AFTER` articles.

    >>> BuildOptions(workers=4).workers
    4
    >>> BuildOptions(executor="dask").check()
    Traceback (most recent call last):
    ...
    kg._errors.InputError: --executor dask needs --scheduler ADDRESS
    """

    base: str | None = None
    workers: int = 1
    prune: bool = False
    batch_size: int = 4096
    chunk_size: int = 32
    validate: bool = True
    executor: str = "local"
    scheduler: str | None = None
    push: str | None = None
    wait: float = 0.0
    min_confidence: float = 0.0
    skip_bad: bool = False
    globs: Sequence[str] | None = None
    fetch: FetchOptions | None = None
    curation: str | os.PathLike[str] | None = None
    mentions: bool = True
    compact: bool | None = None

    def check(self) -> BuildOptions:
        """These options, or :class:`kg.InputError` for ones that cannot run."""
        if self.executor not in EXECUTORS:
            raise InputError(f"unknown executor {self.executor!r} (known: local, dask)")
        if self.executor == "dask" and not self.scheduler:
            raise InputError("--executor dask needs --scheduler ADDRESS")
        return self


@dataclass(frozen=True)
class Work:
    """What the work on each article needs (picklable: it goes with every chunk to a
    worker process or a Dask worker): the instance ``base``, whether to ``validate``,
    the least confidence a fact must have, the curation read from its folder, whether
    to keep the mention layer."""

    base: str
    validate: bool = True
    min_confidence: float = 0.0
    curation: Curation | None = None
    mentions: bool = True

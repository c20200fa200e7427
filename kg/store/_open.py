"""Opening a store: its folder, the one writer's lock, read-only snapshots (private;
see :mod:`kg.store`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg._errors import StoreBusyError, StoreError
from kg.store._reading import store_error
from kg.store._store import META_FOLDER, Store

if TYPE_CHECKING:
    import pyoxigraph as ox

#: The store folder used when neither ``--store`` nor ``KG_STORE`` says otherwise.
DEFAULT_STORE = "kg-store"


def store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: ``path`` if given, else ``$KG_STORE``, else ``./kg-store``."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get("KG_STORE")
    return Path(env) if env else Path(DEFAULT_STORE)


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
               wait: float = 0.0) -> Store:
    """Open (and create if needed) the store; see :func:`store_path` for the folder.

    ``read_only=True`` opens a snapshot that works while another process writes; the
    folder must then already hold a store. Only one process at a time opens a store
    for writing: while another holds it, the open is retried for ``wait`` seconds and
    then fails with :class:`StoreBusyError` ("store is busy"). Other failures raise
    :class:`StoreError`.
    """
    import time

    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            return _open_store(path, read_only=read_only)
        except StoreBusyError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def _open_store(path: str | os.PathLike[str] | None, *, read_only: bool) -> Store:
    import pyoxigraph as ox

    p = store_path(path)
    if read_only:
        if not (p / "CURRENT").is_file():
            raise StoreError(f"no store at {p}: run `kg build` first")
        data = _read_only_snapshot(p)
        m = p / META_FOLDER
        meta = _read_only_snapshot(m) if (m / "CURRENT").is_file() else ox.Store()
        return Store(data, p, read_only=True, meta=meta)
    if p.exists() and not p.is_dir():
        raise StoreError(f"cannot use the store {p}: it is a file, not a folder")
    try:
        data = ox.Store(str(p))
        store = Store(data, p, read_only=False, meta=ox.Store(str(p / META_FOLDER)))
    except (OSError, RuntimeError, ValueError) as exc:
        raise store_error(exc, p) from None
    store._migrate()
    return store


def _read_only_snapshot(p: Path, attempts: int = 20) -> ox.Store:
    """Open a read-only snapshot, retrying while a writer moves files under it.

    A snapshot lists the store's files and then opens them; a build that compacts the
    store meanwhile may delete one of them (RocksDB then says "No such file"). Opening
    again sees the new list, so such a race is retried, not reported.
    """
    import time

    import pyoxigraph as ox

    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(p))
        except (OSError, RuntimeError, ValueError) as exc:
            if "no such file" not in str(exc).lower() or attempt == attempts - 1:
                raise store_error(exc, p) from None
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover

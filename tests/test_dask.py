"""The Dask executor: a real LocalCluster of worker processes builds the same graphs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_build_scale import _graphs

from kg.pipeline import build, seed_article

distributed = pytest.importorskip("distributed")

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "dev" / "articles"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       silence_logs=40)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_dask_build_equals_local_build(scheduler: str, tmp_path: Path) -> None:
    if not DEV.is_dir():
        pytest.skip(f"no dev articles at {DEV}")
    remote = build([DEV], tmp_path / "dask", executor="dask", scheduler=scheduler,
                   chunk_size=3, batch_size=5)
    local = build([DEV], tmp_path / "local", workers=1)
    assert sorted(remote.loaded) == sorted(local.loaded) and len(local.loaded) == 14
    assert (remote.triples, remote.facts, remote.entities) == \
        (local.triples, local.facts, local.entities)
    assert _graphs(tmp_path / "dask") == _graphs(tmp_path / "local")  # isomorphic per article
    again = build([DEV], tmp_path / "dask", executor="dask", scheduler=scheduler)
    assert (again.skipped, again.loaded) == (14, [])


def test_dask_seed_and_bad_scheduler(scheduler: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with seed_article() as seed:
        r = build([Path(seed)], tmp_path / "s", executor="dask", scheduler=scheduler)
    assert r.loaded == ["00-tass-cfe"]
    from kg import KgError
    from kg.pipeline import _executors

    monkeypatch.setattr(_executors, "CONNECT_TIMEOUT", 2.0)

    with pytest.raises(KgError, match="Dask scheduler"):
        build(None, tmp_path / "t", executor="dask", scheduler="tcp://127.0.0.1:9")

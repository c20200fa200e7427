"""Crashes and concurrent use: a killed build loses nothing, two builds take turns.

The builds here are real ``kg`` processes. A build is killed with SIGKILL at random
moments (fixed seed) while it replaces every article of a store with a new version;
the reopened store must hold each article either exactly as before or exactly as
rebuilt, its recorded hash (when it has one: a graph whose hash was being rewritten has
none, and is rebuilt by the next build) must match its content, and ``kg validate`` must
pass.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from _servers import KG, ROOT

from kg.read import parse_article
from kg.store import graph_lines, open_store
from kg.store._graphdata import _HASH, META_GRAPH
from kg.vocab import CORPUS_GRAPHS, ENTITIES_GRAPH, EVENTS_GRAPH, INDEX_GRAPH

ARTICLES = 24
OLD = parse_article((ROOT / "kg/data/00-tass-cfe.txt").read_text("utf-8"), "old").body
NEW = parse_article((ROOT / "tests/fixtures/eval/articles/ost-exit.txt").read_text("utf-8"),
                    "new").body


def _corpus(path: Path, version: int, n: int = ARTICLES, prefix: str = "a") -> Path:
    """``n`` articles; version 1 tells the CFE story, version 2 another one."""
    recs = [{"id": f"{prefix}{i:03d}", "title": f"{prefix}{i} v{version}",
             "published": "2014-11-18", "source": "TASS",
             "body": OLD if version == 1 else NEW}
            for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def _kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=timeout,
                          check=False)


def _lines(store: Any, graph: str) -> set[str]:
    return set(graph_lines(graph, store.ox.quads_for_pattern(None, None, None,
                                                             ox.NamedNode(graph))))


def _graph_hashes(store_dir: Path) -> dict[str, tuple[str, str | None]]:
    """Per article graph: the hash of its content as read back, and the hash recorded."""
    out: dict[str, tuple[str, str | None]] = {}
    with open_store(store_dir, read_only=True) as store:
        for g in store.graphs():
            out[g] = (store.hash_of(g), store.stored_hash(g))
    return out


def _build(corpus: Path, store_dir: Path, *extra: str) -> None:
    done = _kg("build", str(corpus), "--store", str(store_dir), "--workers", "1",
               "--no-progress", *extra)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Version 1 and version 2 of the corpus, each built completely into its own store."""
    d = tmp_path_factory.mktemp("versions")
    paths = {"v1": _corpus(d / "v1.jsonl", 1), "v2": _corpus(d / "v2.jsonl", 2)}
    for name, corpus in list(paths.items()):
        _build(corpus, d / f"store-{name}")
        paths[f"store-{name}"] = d / f"store-{name}"
    return paths


def test_killed_builds_leave_every_article_old_or_new(versions: dict[str, Path],
                                                      tmp_path: Path) -> None:
    old = _graph_hashes(versions["store-v1"])
    new = _graph_hashes(versions["store-v2"])
    assert len(old) == len(new) == ARTICLES
    assert all(old[g][0] != new[g][0] for g in old), "the versions must differ per article"
    rng = random.Random(20261127)
    seen_mixed = False
    kills = 0
    for attempt in range(8):  # until 4 kills, one of them mid-build (timing varies)
        if kills >= 4 and seen_mixed:
            break
        store_dir = tmp_path / f"store{attempt}"
        shutil.copytree(versions["store-v1"], store_dir)
        proc = subprocess.Popen([KG, "build", str(versions["v2"]), "--store", str(store_dir),
                                 "--workers", "1", "--batch-size", "2", "--no-progress"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill once a random number of articles is rebuilt, a random moment later
        _wait_for_new(store_dir, {h for h, _ in new.values()}, rng.randrange(1, ARTICLES - 4),
                      proc)
        time.sleep(rng.uniform(0, 0.1))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(30)
        now = _graph_hashes(store_dir)
        assert set(now) == set(old), "an article graph was lost or added"
        for g, (content, recorded) in now.items():
            assert content in (old[g][0], new[g][0]), f"{g} is neither the old nor the new graph"
            assert recorded in (content, None), f"{g}: the recorded hash does not match it"
        n_new = sum(now[g][0] == new[g][0] for g in now)
        seen_mixed |= 0 < n_new < ARTICLES
        check = _kg("validate", "--store", str(store_dir))
        assert check.returncode == 0, check.stdout + check.stderr
        # the next build goes on from where the killed one stopped
        _build(versions["v2"], store_dir)
        assert _graph_hashes(store_dir) == new
    assert kills >= 3, "the builds ended before they could be killed: make the corpus bigger"
    assert seen_mixed, "no kill landed mid-build: the test did not test anything"


def _wait_for_new(store_dir: Path, new_hashes: set[str], count: int,
                  proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Wait until ``count`` articles hold their new content (read from a snapshot)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with open_store(store_dir, read_only=True) as store:
            done = sum(r["h"].value in new_hashes for r in store.meta_query(
                f"SELECT ?h {{ GRAPH <{META_GRAPH}> {{ ?g <{_HASH}> ?h }} }}"))
        if done >= count:
            return
        time.sleep(0.02)


def test_store_metadata_survives_a_kill(versions: dict[str, Path], tmp_path: Path) -> None:
    """After a kill, only article graphs exist (no stray graphs; the metadata is in a store
    of its own), and every hash recorded is of one of them."""

    store_dir = tmp_path / "store"
    shutil.copytree(versions["store-v1"], store_dir)
    proc = subprocess.Popen([KG, "build", str(versions["v2"]), "--store", str(store_dir),
                             "--workers", "1", "--batch-size", "1", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    proc.kill()
    proc.wait(30)
    with open_store(store_dir, read_only=True) as store:
        names = {g.value for g in store.ox.named_graphs()} - set(CORPUS_GRAPHS)
        hashed = {r["g"].value for r in store.meta_query(
            f"SELECT DISTINCT ?g {{ GRAPH <{META_GRAPH}> {{ ?g ?p ?h }} }}")}
    assert names == set(_graph_hashes(versions["store-v1"]))
    # the events graph of the corpus, made after the articles, and the entities graph's
    # mark that replaced articles left lines to sweep
    hashed -= {EVENTS_GRAPH, INDEX_GRAPH, "urn:kg:corpus"}
    assert hashed <= names and len(names - hashed) <= 1  # at most the batch being written


#: Writes batches of new graphs (bulk-loaded) for ever, saying when each write starts
#: and ends.
_BULK_WRITER = """
import sys
from kg.store import graph_data_lines, open_store
n, size, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open_store(path) as store:
    for b in range(10 ** 6):
        batch = [graph_data_lines(f"https://ex.org/g{b}-{i}", sorted(
            f'<https://ex.org/s{j}> <https://ex.org/p> "{b} {i} {j}" .' for j in range(size)))
            for i in range(n)]
        print("start", b, flush=True)
        store.write_batch(batch)
        print("done", b, flush=True)
"""


def test_a_killed_bulk_load_leaves_no_partial_graph(tmp_path: Path) -> None:
    """Batches of new graphs are bulk-loaded: killed mid-load, a batch is all there or
    not at all, each graph whole with its hash (or without one, when the kill came
    between the load and the hashes)."""
    n, size = 32, 1000
    rng = random.Random(17)
    mid_load = 0
    store_dir = tmp_path / "store"
    for _attempt in range(4):
        proc = subprocess.Popen([str(Path(KG).parent / "python"), "-c", _BULK_WRITER, str(n),
                                 str(size), str(store_dir)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("start")
        time.sleep(rng.uniform(0.2, 2.0))
        os.kill(proc.pid, signal.SIGKILL)
        out = proc.communicate(30)[0].split("\n")
        said = [line for line in out if line]
        mid_load += bool(said) and said[-1].startswith("start")
        with open_store(store_dir, read_only=True) as store:
            graphs = store.graphs()
            batches: dict[str, int] = {}
            for g in graphs:
                batches[g.rsplit("-", 1)[0]] = batches.get(g.rsplit("-", 1)[0], 0) + 1
                # a batch killed after its load and before its hashes has none: whole
                # (the counts below), and rebuilt by the next build
                assert store.stored_hash(g) in (store.hash_of(g), None), f"{g} is partial"
            assert set(batches.values()) <= {n}, "a batch is partly loaded"
            assert store.triple_count() == len(graphs) * size
    assert mid_load >= 2, "the kills did not land during bulk loads: the test tested nothing"


def test_a_build_leaves_no_write_ahead_log(versions: dict[str, Path], tmp_path: Path) -> None:
    """RocksDB's write-ahead log (``NNNNNN.log``) is gone after a build: after the first
    (bulk-loaded) and after one that replaces every article (SPARQL updates)."""
    def logs(store_dir: Path) -> dict[str, int]:
        return {p.name: p.stat().st_size for p in store_dir.glob("*.log")}

    assert all(size < 1000 for size in logs(versions["store-v1"]).values()), \
        logs(versions["store-v1"])
    store_dir = tmp_path / "store"
    shutil.copytree(versions["store-v1"], store_dir)
    _build(versions["v2"], store_dir, "--batch-size", "4")
    assert all(size < 1000 for size in logs(store_dir).values()), logs(store_dir)


def test_second_build_says_the_store_is_busy(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 1, n=12)
    store_dir = tmp_path / "store"
    first = subprocess.Popen([KG, "build", str(corpus), "--store", str(store_dir),
                              "--workers", "1", "--no-progress"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_build_lock(store_dir, first)
        second = _kg("build", str(corpus), "--store", str(store_dir))
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kg: error: store is busy"), second.stderr
        assert "Traceback" not in second.stderr
    finally:
        _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert len(_graph_hashes(store_dir)) == 12


def test_two_builds_with_wait_take_turns(tmp_path: Path) -> None:
    """Both succeed; each corpus is stored once, nothing lost or duplicated."""
    a = _corpus(tmp_path / "a.jsonl", 1, n=10, prefix="a")
    b = _corpus(tmp_path / "b.jsonl", 2, n=10, prefix="b")
    store_dir = tmp_path / "store"
    procs = [subprocess.Popen([KG, "build", str(c), "--store", str(store_dir), "--workers", "1",
                               "--wait", "120", "--no-progress"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in (a, b)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    both = _graph_hashes(store_dir)
    alone_a, alone_b = tmp_path / "sa", tmp_path / "sb"
    _build(a, alone_a)
    _build(b, alone_b)
    assert both == {**_graph_hashes(alone_a), **_graph_hashes(alone_b)}
    with open_store(store_dir, read_only=True) as s, open_store(alone_a, read_only=True) as sa, \
            open_store(alone_b, read_only=True) as sb:
        entities = [_lines(x, ENTITIES_GRAPH) for x in (s, sa, sb)]
    assert entities[0] == entities[1] | entities[2]  # each entity described once


# -- exports and the published site: a crash never leaves half a file -------------------
# The writing process kills itself (SIGKILL) at the worst moments: halfway through
# writing the data, or after writing it all but before the rename.
_KILL_HOOKS = {
    "mid-write": """
import os, signal
real = os.fdopen
class Half:
    def __init__(self, fh): self.fh = fh
    def __enter__(self): return self
    def __exit__(self, *a): return False
    def fileno(self): return self.fh.fileno()
    def flush(self): self.fh.flush()
    def write(self, data):
        self.fh.write(data[: len(data) // 2]); self.fh.flush()
        os.kill(os.getpid(), signal.SIGKILL)
os.fdopen = lambda fd, *a, **k: Half(real(fd, *a, **k))
""",
    "before-rename": """
import os, signal
os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
""",
    "mid-site": """
import os, pathlib, signal
real = pathlib.Path.write_bytes
calls = []
def write_bytes(self, data):
    calls.append(1)
    if len(calls) == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, data)
pathlib.Path.write_bytes = write_bytes
""",
}


def _killed_kg(hook: str, *args: str) -> int:
    code = _KILL_HOOKS[hook] + "\nimport sys\nfrom kg.cli import main\nsys.argv = ['kg'] + " \
        + repr(list(args)) + "\nmain()\n"
    done = subprocess.run([str(Path(KG).parent / "python"), "-c", code], capture_output=True,
                          timeout=120, check=False)
    return done.returncode


def _snapshot(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("hook", ["mid-write", "before-rename"])
@pytest.mark.parametrize("fmt", ["ttl", "graphml", "html"])
def test_killed_export_keeps_the_old_file(versions: dict[str, Path], tmp_path: Path,
                                          fmt: str, hook: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    done = _kg("export", "-f", fmt, "-o", str(out), "--store", str(versions["store-v1"]))
    assert done.returncode == 0, done.stderr
    before = out.read_bytes()
    code = _killed_kg(hook, "export", "-f", fmt, "-o", str(out),
                      "--store", str(versions["store-v2"]))
    assert code == -signal.SIGKILL
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == [out.name]
    # and without a kill, the new export replaces it whole
    done = _kg("export", "-f", fmt, "-o", str(out), "--store", str(versions["store-v2"]))
    assert done.returncode == 0 and out.read_bytes() != before


@pytest.mark.parametrize("hook", ["mid-site", "before-rename"])
def test_killed_publish_keeps_the_old_site(versions: dict[str, Path], tmp_path: Path,
                                           hook: str) -> None:
    site = tmp_path / "site"
    done = _kg("publish", "-o", str(site), "--store", str(versions["store-v1"]))
    assert done.returncode == 0, done.stderr
    before = _snapshot(site)
    assert len(before) > 5
    code = _killed_kg(hook, "publish", "-o", str(site), "--store", str(versions["store-v2"]))
    assert code == -signal.SIGKILL
    assert _snapshot(site) == before


def test_readers_are_not_blocked_by_a_build(versions: dict[str, Path], tmp_path: Path) -> None:
    """While a build writes, queries and exports run on a consistent snapshot."""
    store_dir = tmp_path / "store"
    shutil.copytree(versions["store-v1"], store_dir)
    proc = subprocess.Popen([KG, "build", str(versions["v2"]), "--store", str(store_dir),
                             "--workers", "1", "--batch-size", "2", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    counts = []
    try:
        _wait_for_build_lock(store_dir, proc)
        while proc.poll() is None and len(counts) < 5:
            done = _kg("query", "--store", str(store_dir), "-f", "csv",
                       "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a "
                       "<https://schema.org/NewsArticle> } }")
            assert done.returncode == 0, done.stderr
            counts.append(int(done.stdout.split()[-1]))
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert counts and all(n == ARTICLES for n in counts), counts


def _wait_for_build_lock(store_dir: Path, proc: subprocess.Popen[str],
                         timeout: float = 30) -> None:
    """Wait (without taking the lock) until ``proc`` has the store open for writing."""
    import fcntl

    deadline = time.monotonic() + timeout
    lock = store_dir / "LOCK"
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the build ended before it could be observed"
        if not lock.exists():
            time.sleep(0.05)
            continue
        with lock.open("rb") as fh:
            # F_GETLK asks who holds a lock without taking it; l_type F_UNLCK means nobody
            probe = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0)
            held = struct.unpack("hhqqi", fcntl.fcntl(fh, fcntl.F_GETLK, probe))[0]
            if held != fcntl.F_UNLCK:
                return
        time.sleep(0.05)
    pytest.fail("the build never opened the store")

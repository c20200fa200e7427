"""``kg publish`` writes a site that a web server running as another user can read:
folders 755 and files 644 (as the umask says), not the 700 of a temporary folder."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from _servers import build_seed

from kg.publish import publish
from kg.store import open_store

NOBODY = 65534


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.mktemp("publish-modes") / "store")


@pytest.fixture
def public_dir() -> Iterator[Path]:
    """A folder every user may enter (pytest's tmp_path is 700, so no other user could
    reach a site inside it whatever its modes)."""
    d = Path(tempfile.mkdtemp(prefix="kg-publish-modes-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _publish(store: Path, out: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        with open_store(store, read_only=True) as s:
            publish(s, out)
    finally:
        os.umask(old)


def _modes(site: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(site.stat().st_mode)}
    for p in site.rglob("*"):
        found[str(p.relative_to(site))] = stat.S_IMODE(p.lstat().st_mode)
    return found


@pytest.mark.parametrize(("umask", "folder", "file"), [(0o022, 0o755, 0o644),
                                                       (0o027, 0o750, 0o640)])
def test_modes_follow_the_umask(seed_store: Path, public_dir: Path, umask: int, folder: int,
                                file: int) -> None:
    site = public_dir / "site"
    for _ in range(2):  # a new site, then one replacing it
        _publish(seed_store, site, umask)
        modes = _modes(site)
        for rel, mode in modes.items():
            want = folder if (site / rel).is_dir() else file
            assert mode == want, f"{rel}: {oct(mode)}, not {oct(want)}"
        assert len(modes) > 50


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="reading as another user needs root to switch users")
def test_another_user_reads_the_site(seed_store: Path, public_dir: Path) -> None:
    site = public_dir / "site"
    _publish(seed_store, site, 0o022)
    # find and cat as nobody: every folder entered, every file read
    done = subprocess.run(["find", str(site), "-type", "f", "-exec", "cat", "{}", "+"],
                          user=NOBODY, group=NOBODY, capture_output=True, timeout=60,
                          cwd=str(public_dir))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) > 50
    assert len(done.stdout) == sum(p.stat().st_size for p in files)

"""The committed exports/ files are what `python -m kg.export.regen` makes now.

Every file is compared byte for byte, the graph views too: the projection is sorted,
the picture's layout has a fixed seed and matplotlib writes no date, so the SVG and
the PNG are reproducible (checked: two runs in separate processes give equal bytes).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import HAVE_MAP, HAVE_VALIDATE

from kg.export import RdfFormat
from kg.export.regen import regenerate
from kg.graph import GraphFormat

EXPORTS = Path(__file__).resolve().parents[1] / "exports"
NAMES = [f"seed.{f.value}" for f in RdfFormat] + [f"seed.{f.value}" for f in GraphFormat]


@pytest.mark.skipif(not (HAVE_MAP and HAVE_VALIDATE),
                    reason="the mapper and validator have not landed yet")
def test_committed_exports_are_fresh(tmp_path: Path) -> None:
    regenerate(tmp_path)
    stale = []
    for name in NAMES:
        committed = EXPORTS / name
        fresh_bytes = (tmp_path / name).read_bytes()
        old_bytes = committed.read_bytes() if committed.exists() else b""
        if old_bytes == fresh_bytes:
            continue
        if name.endswith(".png"):
            stale.append(f"exports/{name} differs ({len(old_bytes)} bytes committed, "
                         f"{len(fresh_bytes)} regenerated)")
            continue
        old, fresh = old_bytes.decode("utf-8"), fresh_bytes.decode("utf-8")
        diff = "".join(list(difflib.unified_diff(
            old.splitlines(True), fresh.splitlines(True), f"exports/{name}",
            f"regenerated/{name}"))[:60])
        stale.append(diff or f"exports/{name} is missing")
    assert not stale, ("exports/ is stale; run `.venv/bin/python -m kg.export.regen`:\n"
                       + "\n".join(stale))

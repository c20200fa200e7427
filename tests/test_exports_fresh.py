"""The committed exports/ files are what `python -m kg.export.regen` makes now."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import HAVE_MAP, HAVE_VALIDATE

from kg.export import RdfFormat
from kg.export.regen import regenerate

EXPORTS = Path(__file__).resolve().parents[1] / "exports"


@pytest.mark.skipif(not (HAVE_MAP and HAVE_VALIDATE),
                    reason="the mapper and validator have not landed yet")
def test_committed_exports_are_fresh(tmp_path: Path) -> None:
    regenerate(tmp_path)
    stale = []
    for fmt in RdfFormat:
        name = f"seed.{fmt.value}"
        committed = EXPORTS / name
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        old = committed.read_text(encoding="utf-8") if committed.exists() else ""
        if old != fresh:
            diff = "".join(list(difflib.unified_diff(
                old.splitlines(True), fresh.splitlines(True), f"exports/{name}",
                f"regenerated/{name}"))[:60])
            stale.append(diff or f"exports/{name} is missing")
    assert not stale, ("exports/ is stale; run `.venv/bin/python -m kg.export.regen`:\n"
                       + "\n".join(stale))

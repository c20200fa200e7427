"""Regenerate the committed example exports from the bundled seed article.

Run from the repository root::

    .venv/bin/python -m kg.export.regen            # writes exports/seed.*
    .venv/bin/python -m kg.export.regen OUT_DIR    # somewhere else

It builds the seed into a temporary store (never ``./kg-store``) and exports it in
every RDF format (``seed.{ttl,nt,jsonld,trig,nq}``) and every graph-view format
(``seed.{graphml,gexf,cyjs,dot,html,svg,png,timeline.html}``, see :mod:`kg.graph`);
``tests/test_exports_fresh.py`` checks the committed files are current.
"""

from __future__ import annotations

import json
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from kg.export._export import RdfFormat, export

__all__ = ["VERSIONS_FILE", "regenerate", "renderer_versions"]

#: The libraries whose output the exports depend on, and their versions at regeneration.
VERSIONS_FILE = "seed.versions.json"
_RENDERERS = ("rdflib", "pyoxigraph", "networkx", "matplotlib")


def renderer_versions() -> dict[str, str]:
    """The installed versions of the libraries that write the exports."""
    return {name: metadata.version(name) for name in _RENDERERS}


def regenerate(out_dir: Path, base: str | None = None) -> list[Path]:
    """Build the seed article into a fresh store and write ``seed.<ext>`` for every RDF
    format and every graph format."""
    from kg.graph import GraphFormat, export_graph
    from kg.pipeline import build
    from kg.store import open_store
    from kg.vocab import default_base

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="kg-regen-") as tmp:
        build(None, tmp, base=base)
        with open_store(tmp, read_only=True) as store:
            for fmt in RdfFormat:
                path = out_dir / f"seed.{fmt.value}"
                export(store, fmt, path, default_base(base))
                written.append(path)
            for gfmt in GraphFormat:
                path = out_dir / f"seed.{gfmt.extension}"
                # the pictures drawn by kg itself, so that they are the same on every
                # machine (with or without Graphviz)
                export_graph(store, gfmt, path, graphviz=False)
                written.append(path)
    versions = out_dir / VERSIONS_FILE
    versions.write_text(json.dumps(renderer_versions(), indent=1, sort_keys=True) + "\n")
    written.append(versions)
    return written


if __name__ == "__main__":  # pragma: no cover - exercised by tests/test_exports_fresh.py
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("exports")
    for p in regenerate(target):
        print(p)

"""The committed exports/ files are what `python -m kg.export.regen` makes now.

With the same versions of the libraries that write them (``exports/seed.versions.json``)
every file is compared byte for byte, the pictures too: the projection is sorted, the
layout has a fixed seed and matplotlib writes no date. With other versions (a newer
rdflib or matplotlib on a later install) the files are compared by meaning instead:
RDF graphs by isomorphism, GraphML and GEXF by their nodes, edges and attributes, and
the files kg writes itself (Cytoscape JSON, DOT, HTML) byte for byte; the pictures are
then only checked to exist.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import RdfFormat
from kg.export.regen import VERSIONS_FILE, regenerate, renderer_versions
from kg.graph import GraphFormat

EXPORTS = Path(__file__).resolve().parents[1] / "exports"
NAMES = [f"seed.{f.value}" for f in RdfFormat] + [f"seed.{f.extension}" for f in GraphFormat]
RDF_PARSERS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads",
               "xml": "xml"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("regen")
    regenerate(out)
    return out


def _same_versions() -> bool:
    recorded = EXPORTS / VERSIONS_FILE
    return recorded.exists() and json.loads(recorded.read_text()) == renderer_versions()


def _differs_in_meaning(name: str, old: Path, new: Path) -> str | None:
    ext = name.rsplit(".", 1)[1]
    if ext in RDF_PARSERS:
        a, b = rdflib.Dataset(), rdflib.Dataset()
        a.parse(old, format=RDF_PARSERS[ext])
        b.parse(new, format=RDF_PARSERS[ext])
        return None if isomorphic(a, b) else f"exports/{name}: another graph"
    if ext in ("graphml", "gexf"):
        read = nx.read_graphml if ext == "graphml" else nx.read_gexf
        ga, gb = read(old), read(new)
        edges_a = sorted(map(repr, ga.edges(data=True)))
        edges_b = sorted(map(repr, gb.edges(data=True)))
        same = dict(ga.nodes(data=True)) == dict(gb.nodes(data=True)) and edges_a == edges_b
        return None if same else f"exports/{name}: other nodes, edges or attributes"
    if ext in ("svg", "png"):
        return None if old.stat().st_size > 0 else f"exports/{name} is empty"
    return "bytes"


def test_committed_exports_are_fresh(fresh: Path) -> None:
    exact = _same_versions()
    stale = []
    for name in NAMES:
        committed, regenerated = EXPORTS / name, fresh / name
        if not committed.exists():
            stale.append(f"exports/{name} is missing")
            continue
        if committed.read_bytes() == regenerated.read_bytes():
            continue
        problem = "bytes" if exact else _differs_in_meaning(name, committed, regenerated)
        if problem is None:
            continue
        if name.endswith(".png"):
            stale.append(f"exports/{name} differs")
            continue
        diff = "".join(list(difflib.unified_diff(
            committed.read_text("utf-8").splitlines(True),
            regenerated.read_text("utf-8").splitlines(True),
            f"exports/{name}", f"regenerated/{name}"))[:60])
        stale.append(diff if problem == "bytes" else problem)
    assert not stale, ("exports/ is stale; run `.venv/bin/python -m kg.export.regen`:\n"
                       + "\n".join(stale))


def test_the_versions_of_the_writers_are_recorded(fresh: Path) -> None:
    assert json.loads((fresh / VERSIONS_FILE).read_text()) == renderer_versions()
    assert (EXPORTS / VERSIONS_FILE).exists()

"""Shared fixtures. Tests never need /work/shared; those that use it skip without it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import rdflib

from kg.store import Store, open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"
BASE = "https://kg.example.org/"
EX = rdflib.Namespace("https://ex.org/")


@dataclass
class FakeReport:
    conforms: bool = True
    results: list[Any] = field(default_factory=list)

    def text(self) -> str:
        return "Conforms." if self.conforms else "1 violation: something is wrong"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's KG_STORE, KG_BASE or KG_CURATION."""
    monkeypatch.delenv("KG_STORE", raising=False)
    monkeypatch.delenv("KG_BASE", raising=False)
    monkeypatch.delenv("KG_CURATION", raising=False)
    yield


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_dir: Path) -> Iterator[Store]:
    with open_store(store_dir) as s:
        yield s


def make_graph(n: int = 3, label: str = "x", bnodes: bool = True) -> rdflib.Graph:
    """A small hand-made graph: n subjects with a label, a number and a blank node."""
    g = rdflib.Graph()
    for i in range(n):
        s = EX[f"s{i}"]
        g.add((s, rdflib.RDFS.label, rdflib.Literal(f"{label} {i} — é", lang="en")))
        g.add((s, EX.number, rdflib.Literal(i)))
        g.add((s, EX.when, rdflib.Literal("2014-11-18", datatype=rdflib.XSD.date)))
        if bnodes:
            b = rdflib.BNode()
            g.add((s, EX.selector, b))
            g.add((b, EX.start, rdflib.Literal(i * 10)))
    return g


@pytest.fixture
def graph_factory() -> Callable[..., rdflib.Graph]:
    return make_graph


def store_snapshot(path: Path) -> str:
    """Every quad of a store (its metadata too) as sorted text; '' if there is no store."""
    if not (path / "CURRENT").exists():
        return ""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(path))
    try:
        quads = [q for q in s]
        ds = ox.Dataset(quads)
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return "\n".join(sorted(str(q) for q in ds))
    finally:
        del s


@pytest.fixture
def snapshot() -> Callable[[Path], str]:
    return store_snapshot


def write_article(path: Path, body: str, published: str = "2014-11-18",
                  title: str = "Test article", encoding: str = "utf-8") -> Path:
    text = f"title: {title}\npublished: {published}\nsource: TEST\n\n{body}\n"
    path.write_bytes(text.encode(encoding))
    return path


SEED_BODY = ("MINSK, November 18. /TASS/. The Treaty on Conventional Armed Forces in Europe "
             "(CFE) cannot be revived, Russian Foreign Minister Sergey Lavrov said on Tuesday.")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write_article(tmp_path / "a1.txt", SEED_BODY)

"""Shared fixtures. Tests never need /work/shared; those that use it skip without it.

Until the mapper (``kg.map``) and validator (``kg.validate``) exist, the
``pipeline_parts`` fixture stands in minimal versions of them, so the store, CLI and
pipeline tests run either way.
"""

from __future__ import annotations

import importlib
import sys
import types
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


def _real(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


#: Whether the colleagues' modules exist (checked once, before any stand-in is installed).
HAVE_MAP = _real("kg.map")
HAVE_VALIDATE = _real("kg.validate")


def _fake_map() -> types.ModuleType:
    m = types.ModuleType("kg.map")
    m.DEFAULT_BASE = BASE  # type: ignore[attr-defined]

    def article_iri(article_id: str, base: str) -> rdflib.URIRef:
        return rdflib.URIRef(f"{base}article/{article_id}")

    def to_graph(doc: Any, base: str) -> rdflib.Graph:
        g = rdflib.Graph()
        art = article_iri(doc.article.id, base)
        g.add((art, rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle")))
        if doc.article.title:
            g.add((art, rdflib.URIRef("https://schema.org/headline"),
                   rdflib.Literal(doc.article.title)))
        for e in doc.entities:
            node = rdflib.URIRef(f"{base}id/{e.type.value.lower()}/{e.id}")
            g.add((node, rdflib.RDFS.label, rdflib.Literal(e.name)))
        for i, f in enumerate(doc.facts):
            node = rdflib.URIRef(f"{base}fact/{doc.article.id}/{i}")
            g.add((node, rdflib.URIRef(f"{base}ontology#kind"), rdflib.Literal(f.kind)))
            if f.evidence is not None:
                sel = rdflib.BNode()
                g.add((node, rdflib.URIRef("http://www.w3.org/ns/oa#hasSelector"), sel))
                g.add((sel, rdflib.URIRef("http://www.w3.org/ns/oa#exact"),
                       rdflib.Literal(f.evidence.sentence)))
        return g

    m.article_iri = article_iri  # type: ignore[attr-defined]
    m.to_graph = to_graph  # type: ignore[attr-defined]
    return m


@dataclass
class FakeReport:
    conforms: bool = True
    results: list[Any] = field(default_factory=list)

    def text(self) -> str:
        return "Conforms." if self.conforms else "1 violation: something is wrong"


def _fake_validate() -> types.ModuleType:
    m = types.ModuleType("kg.validate")
    m.validate = lambda data: FakeReport(True)  # type: ignore[attr-defined]
    return m


@pytest.fixture(autouse=True)
def pipeline_parts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stand-ins for kg.map / kg.validate while they are missing; the real ones otherwise."""
    if not _real("kg.map"):
        monkeypatch.setitem(sys.modules, "kg.map", _fake_map())
    if not _real("kg.validate"):
        monkeypatch.setitem(sys.modules, "kg.validate", _fake_validate())
    monkeypatch.delenv("KG_STORE", raising=False)
    monkeypatch.delenv("KG_BASE", raising=False)
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

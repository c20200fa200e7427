"""Exports: every format round-trips, output is deterministic, files are atomic."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from conftest import make_graph

from kg import FormatError
from kg.export import RdfFormat, export, serialize
from kg.store import Store, open_store

G1 = "https://kg.example.org/article/a1"
G2 = "https://kg.example.org/article/a2"


@pytest.fixture
def filled(store: Store) -> Store:
    store.replace_graph(G1, make_graph(3, label="one"))
    store.replace_graph(G2, make_graph(2, label="two"))
    return store


def _diff(a: rdflib.Graph, b: rdflib.Graph) -> str:
    _, only_a, only_b = rdflib.compare.graph_diff(rdflib.compare.to_isomorphic(a),
                                                 rdflib.compare.to_isomorphic(b))
    return ("only in export:\n" + only_a.serialize(format="nt")
            + "\nonly in store:\n" + only_b.serialize(format="nt"))


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.value)
def test_round_trip(filled: Store, fmt: RdfFormat, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt.value}"
    export(filled, fmt, out)
    expected = filled.to_rdflib_dataset()
    if fmt.supports_datasets:
        back = rdflib.Dataset()
        back.parse(out, format=fmt.rdflib_name)
        for iri in (G1, G2):
            a, b = back.graph(rdflib.URIRef(iri)), expected.graph(rdflib.URIRef(iri))
            assert rdflib.compare.isomorphic(a, b), _diff(a, b)
    else:
        back_g = rdflib.Graph().parse(out, format=fmt.rdflib_name)
        union = rdflib.Graph()
        for t in expected.triples((None, None, None)):
            union.add(t)
        assert rdflib.compare.isomorphic(back_g, union), _diff(back_g, union)


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.value)
def test_deterministic_whatever_the_insert_order(tmp_path: Path, fmt: RdfFormat) -> None:
    outputs = []
    for i, order in enumerate([(G1, G2), (G2, G1)]):
        with open_store(tmp_path / f"s{i}") as s:
            for g in order:
                s.replace_graph(g, make_graph(3, label=g[-2:]))
            outputs.append(serialize(s, fmt))
    assert outputs[0] == outputs[1]
    assert outputs[0]


def test_turtle_is_readable(filled: Store) -> None:
    ttl = serialize(filled, RdfFormat.TURTLE).decode()
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in ttl
    assert "@prefix xsd:" in ttl
    nt_lines = serialize(filled, RdfFormat.N_TRIPLES).decode().splitlines()
    assert nt_lines == sorted(nt_lines)


@pytest.mark.parametrize(("name", "fmt"), [
    ("ttl", RdfFormat.TURTLE), ("turtle", RdfFormat.TURTLE), ("NT", RdfFormat.N_TRIPLES),
    ("jsonld", RdfFormat.JSON_LD), ("json-ld", RdfFormat.JSON_LD), ("trig", RdfFormat.TRIG),
    ("nq", RdfFormat.N_QUADS), (".nq", RdfFormat.N_QUADS), ("xml", RdfFormat.RDF_XML),
    ("rdf", RdfFormat.RDF_XML), (".rdf", RdfFormat.RDF_XML), ("RDF/XML", RdfFormat.RDF_XML)])
def test_from_name(name: str, fmt: RdfFormat) -> None:
    assert RdfFormat.from_name(name) is fmt


@pytest.mark.parametrize("bad", ["xls", "", "owl", "ttl2"])
def test_unknown_names(bad: str) -> None:
    with pytest.raises(FormatError, match="unknown RDF format"):
        RdfFormat.from_name(bad)


def test_from_extension() -> None:
    assert RdfFormat.from_extension("a/b/graph.TTL") is RdfFormat.TURTLE
    assert RdfFormat.from_extension("x.json") is RdfFormat.JSON_LD
    with pytest.raises(FormatError, match="extension"):
        RdfFormat.from_extension("x.owl")
    with pytest.raises(FormatError, match="no extension"):
        RdfFormat.from_extension("README")


def test_atomic_write_replaces_and_leaves_no_temp(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    out.write_text("old content")
    data = export(filled, "ttl", out)
    assert out.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["g.ttl"]


def test_failed_write_keeps_old_file(filled: Store, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "g.nt"
    out.write_text("old content")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.export._export.os.replace", boom)
    with pytest.raises(Exception, match="cannot write"):
        export(filled, "nt", out)
    assert out.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["g.nt"]


def test_export_rdf_xml_on_the_command_line(filled: Store, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    path = filled.path
    filled.close()
    runner = CliRunner()
    r = runner.invoke(app, ["export", "--format", "xml", "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF ')
    nt = runner.invoke(app, ["export", "--format", "nt", "--store", str(path)]).stdout
    back = rdflib.Graph().parse(data=r.stdout, format="xml")
    assert rdflib.compare.isomorphic(back, rdflib.Graph().parse(data=nt, format="nt"))

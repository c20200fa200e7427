"""Dates that are not dates are SHACL violations with a readable message, and
``kg validate`` prints no library traceback for them. ``tests/fixtures/bad.ttl`` is the
README's ``kg validate bad.ttl`` example."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import pytest
from _servers import KG
from conftest import BASE

from kg.facts import Document
from kg.map import to_graph
from kg.store import graph_data, open_store
from kg.validate import validate

BAD = Path(__file__).parent / "fixtures" / "bad.ttl"
XSD = "http://www.w3.org/2001/XMLSchema#"


@functools.cache
def _seed() -> Document:
    from kg.pipeline import extract_file, seed_article

    with seed_article() as path:
        return extract_file(path)


def _with_date(lexical: str, datatype: str) -> object:
    import rdflib

    graph = to_graph(_seed(), BASE)  # its signing is dated "1990"^^xsd:gYear
    kgo = rdflib.Namespace(BASE + "ontology#")
    (fact,) = graph.subjects(kgo.kind, rdflib.Literal("signed"))
    graph.remove((fact, kgo.date, None))
    graph.add((fact, kgo.date, rdflib.Literal(lexical, datatype=rdflib.URIRef(XSD + datatype))))
    return graph


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("1990-13", "gYearMonth"), ("1990-00", "gYearMonth"), ("1990-1", "gYearMonth"),
    ("199x", "gYear"), ("90", "gYear"), ("1990-12", "gYear"),
    ("2014-13-45", "date"), ("2014-02-30", "date"), ("2014-1-5", "date"),
    ("18 November 2014", "date")])
def test_ill_formed_dates_are_violations(lexical: str, datatype: str) -> None:
    report = validate(_with_date(lexical, datatype))  # type: ignore[arg-type]
    assert not report.conforms
    (v,) = report.violations
    assert v.value == lexical
    assert v.message == ("the date of a signing must be an ISO date: xsd:date, "
                         "xsd:gYearMonth or xsd:gYear")


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("1990", "gYear"), ("2007-12", "gYearMonth"), ("2014-11-18", "date"),
    ("2014-11-18Z", "date"), ("2014-11-18+03:00", "date")])
def test_iso_dates_conform(lexical: str, datatype: str) -> None:
    report = validate(_with_date(lexical, datatype))  # type: ignore[arg-type]
    assert report.violations == []


def test_validate_bad_ttl() -> None:
    done = subprocess.run([KG, "validate", str(BAD)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert done.stderr == ""
    out = done.stdout
    assert out.startswith("Conforms: no (4 violation(s), 0 other result(s))\n")
    for value in ("1990-13", "199x", "2007-12-32"):
        assert f"  value:      {value}\n" in out
    assert "a signing must name its treaty" in out
    assert "Traceback" not in out


def test_validate_store_with_a_bad_date(tmp_path: Path) -> None:
    # a store written by another tool: kg build would not have loaded it
    nt = (f'<{BASE}article/x> <https://schema.org/datePublished> '
          f'"2014-13-45"^^<{XSD}date> .\n'
          f'<{BASE}article/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
          f'<https://schema.org/NewsArticle> .\n'
          f'<{BASE}article/x> <{BASE}ontology#articleId> "x" .\n')
    with open_store(tmp_path / "s") as s:
        s.write_batch([graph_data(f"{BASE}article/x", nt)])
    done = subprocess.run([KG, "validate", "--store", str(tmp_path / "s")], capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stderr) == (1, "")
    assert "  value:      2014-13-45\n" in done.stdout

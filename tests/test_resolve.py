"""Entity resolution across articles: one node per entity, and the report."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEED_BODY
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.resolve import normalise, resolution_report
from kg.store import open_store

BODY2 = ("GENEVA, May 1. Russia's Foreign Minister Sergey Lavrov said the Treaty on "
         "Conventional Armed Forces in Europe (CFE) was dead.")


def _two(tmp_path: Path) -> Path:
    recs = [{"id": "r1", "body": SEED_BODY}, {"id": "r2", "body": BODY2}]
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return p


def test_same_entity_from_two_articles_is_one_node(tmp_path: Path, store_dir: Path) -> None:
    build([_two(tmp_path)], store_dir)
    with open_store(store_dir, read_only=True) as s:
        report = resolution_report(s)
        rows = list(s.query("SELECT DISTINCT ?e WHERE { ?e <http://www.w3.org/2000/01/"
                            "rdf-schema#label> \"Sergey Lavrov\" }"))
    assert len(rows) == 1
    merged = {m.iri.rsplit("/", 1)[1]: m for m in report.merges}
    assert merged["sergey-lavrov"].articles == 2 and merged["sergey-lavrov"].type == "Person"
    assert report.mentions > report.nodes


def test_likely_duplicates_are_listed(tmp_path: Path, store_dir: Path) -> None:
    import rdflib

    build(None, store_dir)
    kgo = rdflib.Namespace("https://kg.example.org/ontology#")
    g = rdflib.Graph()
    e = rdflib.URIRef("https://kg.example.org/id/state/russian-federation")
    g.add((e, rdflib.RDF.type, kgo.State))
    g.add((e, rdflib.RDFS.label, rdflib.Literal("Russian Federation")))
    g.add((e, kgo.localId, rdflib.Literal("rf")))
    g.add((e, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q159")))
    with open_store(store_dir) as s:
        s.replace_graph("https://kg.example.org/article/x", g)
        report = resolution_report(s)
    reasons = [d["reason"] for d in report.duplicates]
    assert "same Wikidata id Q159" in reasons


def test_normalise() -> None:
    assert normalise("The Warsaw  Pact") == normalise("warsaw pact") == "warsaw pact"


def test_cli_writes_the_report(tmp_path: Path, store_dir: Path) -> None:
    out = tmp_path / "resolution.json"
    r = CliRunner().invoke(app, ["build", str(_two(tmp_path)), "--store", str(store_dir),
                                 "--resolution", str(out), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "resolution: " in r.stdout and "merged across articles" in r.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"summary", "merges", "likely_duplicates"} <= set(data)

"""Why each fact is there: the rule that found it and its confidence, in kg extract's
output, in the RDF (PROV-O), through SHACL, in kg eval --by-rule, and as a build filter."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import confidence_table, evaluate, rule_table
from kg.extract import extract
from kg.extract._confidence import confidence, smoothed, table
from kg.extract.rules import all_rules
from kg.facts import Document
from kg.map import from_graph, to_graph
from kg.read import parse_article, read_article
from kg.validate import validate

KGO = "https://kg.example.org/ontology#"
KGR = "https://kg.example.org/ontology/rule/"
FIXTURES = Path(__file__).parent / "fixtures" / "eval"
runner = CliRunner()


def _doc() -> Document:
    return extract(parse_article("published: 2022-06-15\n\nRussia withdrew from the CFE "
                                 "Treaty on Monday.", "t"))


def test_every_fact_names_its_rule_and_confidence() -> None:
    doc = _doc()
    assert doc.facts
    for f in doc.facts:
        assert f.rule in {r.name for r in all_rules()}
        assert f.confidence == confidence(f.rule)
    d = doc.to_dict()["facts"][0]
    assert d["rule"] == "withdrew.verb" and 0 <= d["confidence"] <= 1


def test_the_rdf_says_which_extraction_and_rule_made_a_fact() -> None:
    doc = _doc()
    g = to_graph(doc)
    fact = next(g.subjects(URIRef(KGO + "kind"), Literal("withdrew")))
    rule = URIRef(KGR + "withdrew.verb")
    assert (fact, URIRef(KGO + "extractionRule"), rule) in g
    act = g.value(fact, PROV.wasGeneratedBy)
    assert (act, RDF.type, URIRef(KGO + "Extraction")) in g
    assert (act, PROV.used, g.value(fact, PROV.wasDerivedFrom)) in g
    assert (act, PROV.wasAssociatedWith, URIRef(KGO + "kg")) in g
    assert (rule, RDF.type, URIRef(KGO + "ExtractionRule")) in g
    # one extraction per article, whatever the number of facts and rules
    assert set(g.subjects(RDF.type, URIRef(KGO + "Extraction"))) == {act}
    conf = g.value(fact, URIRef(KGO + "confidence"))
    assert conf.datatype == XSD.decimal and Decimal(str(conf)) == Decimal(
        str(doc.facts[0].confidence))
    assert validate(g).conforms


def test_rule_and_confidence_survive_the_round_trip() -> None:
    doc = _doc()
    back = from_graph(to_graph(doc), "t")
    assert [(f.rule, f.confidence) for f in back.facts] == \
        [(f.rule, f.confidence) for f in doc.facts]


@pytest.mark.parametrize(("change", "message"), [
    ({"confidence": 1.5}, "must be a number from 0 to 1"),
    ({"rule": ""}, "'rule' must be a non-empty string"),
])
def test_a_bad_rule_or_confidence_is_refused(change: dict[str, object], message: str) -> None:
    data = _doc().to_dict()
    data["facts"][0].update(change)
    with pytest.raises(Exception, match=message):
        Document.from_dict(data)


def test_shacl_refuses_a_confidence_above_one_and_a_rule_without_extraction() -> None:
    g = to_graph(_doc())
    fact = next(g.subjects(URIRef(KGO + "kind"), Literal("withdrew")))
    g.set((fact, URIRef(KGO + "confidence"), Literal(Decimal("1.5"), datatype=XSD.decimal)))
    assert not validate(g).conforms
    g = to_graph(_doc())
    fact = next(g.subjects(URIRef(KGO + "kind"), Literal("withdrew")))
    g.remove((fact, PROV.wasGeneratedBy, None))
    assert not validate(g).conforms


def test_the_confidence_table_is_each_rules_smoothed_precision() -> None:
    assert smoothed(0, 0) == 0.5 and smoothed(3, 1) == 0.667
    shipped = table()
    assert shipped, "kg/data/rule-confidence.tsv is shipped"
    assert set(shipped) <= {r.name for r in all_rules()}, "a rule in the table is gone"
    assert all(0 < v < 1 for v in shipped.values())


def test_kg_eval_by_rule_counts_each_rules_facts() -> None:
    res = evaluate(FIXTURES / "gold", lambda p: extract(read_article(p)).to_dict())
    text = rule_table(res)
    assert "withdrew.verb" in text
    line = next(x for x in text.splitlines() if x.startswith("withdrew.verb"))
    assert line.split()[1:3] == ["1", "0"], line  # one fact found, right
    assert "withdrew.verb\t1\t0\t0.667" in confidence_table(res)
    r = runner.invoke(app, ["eval", str(FIXTURES / "gold"), "--by-rule"])
    assert r.exit_code == 0 and "withdrew.verb" in r.output, r.output


def test_kg_build_min_confidence_leaves_out_the_less_sure_facts(tmp_path: Path) -> None:
    low = runner.invoke(app, ["build", "--store", str(tmp_path / "all")])
    high = runner.invoke(app, ["build", "--store", str(tmp_path / "sure"),
                               "--min-confidence", "0.99"])
    assert low.exit_code == 0 and high.exit_code == 0, (low.output, high.output)
    assert "facts: 0" in high.output and "facts: 0" not in low.output
    q = runner.invoke(app, ["query", "-n", "confidence", "--store", str(tmp_path / "all"),
                            "-f", "json"])
    rows = json.loads(q.output)["results"]["bindings"]
    assert rows and all(0 <= float(r["confidence"]["value"]) <= 1 for r in rows)
    bad = runner.invoke(app, ["build", "--store", str(tmp_path / "x"), "--min-confidence", "2"])
    assert bad.exit_code == 2

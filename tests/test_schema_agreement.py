"""One schema, FACT_KINDS (kg/schema.py): every kind has its ontology class and
properties, a SHACL shape, its mapping, its scorer entry, its graph label and a rule.
A new kind added in one place and not the others fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg._resources import ontology_path, shapes_path
from kg.evaluate._score import OPTIONAL, REQUIRED
from kg.extract.rules import all_rules
from kg.graph._project import KIND_LABELS
from kg.map._vocab import FACT_CLASS, field_prop
from kg.schema import FACT_KINDS

KGO = "https://kg.example.org/ontology#"
SH = "http://www.w3.org/ns/shacl#"
SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_path())


@pytest.mark.parametrize("kind", sorted(FACT_KINDS))
def test_every_kind_agrees_everywhere(kind: str, ontology: Graph, shapes: Graph) -> None:
    spec = FACT_KINDS[kind]
    cls = URIRef(KGO + spec.cls)
    assert (cls, RDF.type, OWL.Class) in ontology, f"no ontology class for {kind}"
    assert FACT_CLASS[kind] == cls
    assert (None, URIRef(SH + "targetClass"), cls) in shapes, f"no shape for {kind}"
    for f in spec:
        prop = field_prop(kind, f.name)
        assert (prop, RDF.type, None) in ontology, f"{kind}.{f.name}: {prop} not declared"
    assert REQUIRED[kind] == list(spec.required)
    assert OPTIONAL[kind] == [f.name for f in spec.optional_fields]
    assert KIND_LABELS[kind] == spec.label
    assert any(r.kind == kind for r in all_rules()), f"no extraction rule for {kind}"


def test_the_shared_scorer_knows_the_same_kinds() -> None:
    if not SHARED_SCORER.is_file():
        pytest.skip("the shared scorer is not beside this clone")
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert set(mod.KINDS) == set(FACT_KINDS)
    for kind, (required, optional) in mod.KINDS.items():
        assert list(required) == REQUIRED[kind] and list(optional) == OPTIONAL[kind], kind

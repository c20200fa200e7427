"""``kg eval`` scores the extractor on annotated articles; the shared evaluation sets
(present in CI, absent from a user's clone) hold the extractor to its targets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import evaluate, score_documents
from kg.extract import extract
from kg.read import read_article

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
runner = CliRunner()


def _extract(path: Path) -> dict[str, object]:
    return extract(read_article(path)).to_dict()


def test_gold_scored_against_itself_is_perfect() -> None:
    gold = json.loads((FIXTURES / "gold" / "ost-exit.json").read_text())
    res = score_documents([("a", gold, gold)])
    assert res.total(res.facts) == (1.0, 1.0, 1.0)
    assert res.total(res.entities) == (1.0, 1.0, 1.0)
    assert res.field_accuracy == 1.0


def test_an_empty_prediction_scores_zero() -> None:
    gold = json.loads((FIXTURES / "gold" / "ost-exit.json").read_text())
    res = score_documents([("a", gold, {"entities": [], "facts": []})])
    assert res.total(res.facts)[2] == 0.0
    assert len(res.misses) == 4


def test_fixture_article_is_read_in_full() -> None:
    res = evaluate(FIXTURES / "gold", _extract)
    assert res.total(res.facts)[2] == 1.0, res.table()


def test_kg_eval_prints_the_tables() -> None:
    r = runner.invoke(app, ["eval", str(FIXTURES / "gold")])
    assert r.exit_code == 0, r.output
    assert "fact kind" in r.output and "entity type" in r.output
    assert re.search(r"facts F1 1\.000", r.output), r.output


def test_kg_eval_on_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    r = runner.invoke(app, ["eval", str(tmp_path / "nope")])
    assert r.exit_code == 2


@pytest.mark.parametrize(("subset", "facts_f1", "entities_f1", "fields"), [
    ("seed", 0.95, 0.90, 0.0),
    ("dev", 0.80, 0.85, 0.70),
])
def test_shared_evaluation_targets(subset: str, facts_f1: float, entities_f1: float,
                                   fields: float) -> None:
    gold = SHARED / subset / "gold"
    if not gold.is_dir():
        pytest.skip("the shared evaluation set is not beside this clone")
    res = evaluate(gold, _extract)
    assert res.total(res.facts)[2] >= facts_f1, res.table()
    assert res.total(res.entities)[2] >= entities_f1, res.table()
    assert res.field_accuracy >= fields, res.table()

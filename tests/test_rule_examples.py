"""Tests generated from the rules' own examples (kg/extract/rules/<kind>.py).

Every rule finds the fact of each of its examples, and that fact records the rule;
every counter-example holds the rule's trigger and yields no fact of the rule's kind.
The sentences are written for the rules, none taken from an evaluation article.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.extract.rules import Example, Rule, all_rules, triggers
from kg.facts import Document
from kg.read import parse_article
from kg.schema import FACT_KINDS


def _run(text: str, published: str) -> Document:
    return extract(parse_article(f"published: {published}\n\n{text}", "t"))


def _names(doc: Document) -> dict[str, set[str]]:
    return {e.id: {e.name, *e.aliases} for e in doc.entities}


def _agrees(value: Any, expected: Any, names: dict[str, set[str]]) -> bool:
    """A fact's value agrees with an example's: an entity id by its name or an alias."""
    if isinstance(expected, list):
        return isinstance(value, list) and len(value) == len(expected) and all(
            _agrees(v, e, names) for v, e in zip(value, expected, strict=True))
    if isinstance(value, str) and value in names:
        return expected in names[value]
    return bool(value == expected)


def _shown(doc: Document, kind: str) -> list[dict[str, Any]]:
    label = {e.id: e.name for e in doc.entities}
    return [{"rule": f.rule, **{k: label.get(v, v) if isinstance(v, str) else v
                                for k, v in f.fields.items()}}
            for f in doc.facts if f.kind == kind]


EXAMPLES = [(r, e) for r in all_rules() for e in r.examples]
COUNTERS = [(r, c) for r in all_rules() for c in r.counter]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES,
                         ids=[f"{r.name}-{i}" for i, (r, _) in enumerate(EXAMPLES)])
def test_rule_finds_its_example(rule: Rule, example: Example) -> None:
    doc = _run(example.text, example.published)
    names = _names(doc)
    found = [f for f in doc.facts if f.kind == rule.kind and all(
        _agrees(f.fields.get(k), v, names) for k, v in example.fields.items())]
    assert found, f"{rule.name}: {dict(example.fields)} not in {_shown(doc, rule.kind)}"
    assert any(f.rule == rule.name for f in found), \
        f"found by {[f.rule for f in found]}, not {rule.name}"


@pytest.mark.parametrize(("rule", "text"), COUNTERS,
                         ids=[f"{r.name}-{i}" for i, (r, _) in enumerate(COUNTERS)])
def test_rule_reads_nothing_in_its_counter_example(rule: Rule, text: str) -> None:
    if rule.scope == "sentence":  # a near miss: the rule's trigger is there
        assert triggers(rule, text.lower()), f"{rule.name}: no trigger word in {text!r}"
    doc = _run(text, "2022-06-15")
    assert _shown(doc, rule.kind) == [], f"{rule.name} read {_shown(doc, rule.kind)}"


@pytest.mark.parametrize("rule", all_rules(), ids=[r.name for r in all_rules()])
def test_every_rule_has_examples_and_counter_examples(rule: Rule) -> None:
    if rule.parts:  # a driver: its parts carry the examples
        return
    assert len(rule.examples) >= 1, f"{rule.name} has no example"
    assert len(rule.counter) >= 1, f"{rule.name} has no counter-example"


def test_every_fact_kind_has_a_rule() -> None:
    assert {r.kind for r in all_rules()} == set(FACT_KINDS)


def test_a_broken_rule_is_refused() -> None:
    bad = Rule("withdrew.x", "?", lambda *a: None, trigger=("x",), slots=("speaker",))
    with pytest.raises(ValueError, match="no fields of withdrew"):
        bad.check()
    with pytest.raises(ValueError, match="no fact kind"):
        Rule("nothing.x", "?", lambda *a: None, trigger=("x",)).check()
    with pytest.raises(ValueError, match="unknown guards"):
        Rule("withdrew.x", "?", lambda *a: None, trigger=("x",), guards=("luck",)).check()

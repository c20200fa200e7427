"""The extraction rules: one module per fact kind, each with its list ``RULES``.

:func:`rules` is the registry, in the order the rules run (by phase, then as listed);
:func:`rule` finds one by name:

>>> [r.name for r in rules()][:2]
['holds_position.post', 'signed.listed']
>>> rule("withdrew.verb").trigger[:2]
('withdr', 'pulled')


Adding a rule: write its function and its :class:`Rule` (name, trigger, guards,
slots, examples, counter-examples) in the module of its kind; a new kind gets a new
module listed in ``_MODULES`` (and its entry in :data:`kg.schema.FACT_KINDS`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from itertools import groupby

from kg.extract._context import Context
from kg.extract._sink import Sink
from kg.extract.rules._rule import GUARDS, Example, Rule, ex

__all__ = ["GUARDS", "RULES", "Example", "Rule", "all_rules", "ex", "rule", "rules", "run",
           "triggers"]


#: The rule modules, in the order their rules are listed within a phase.
_MODULES = ("holds_position", "signed", "signed_labels", "entered_into_force",
            "ratified_nominal", "ratified",
            "suspended", "withdrew", "party_to", "party_to_bound", "accused", "accused_quoted",
            "member_of", "member_of_lists", "meeting", "statement")


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, in the order they run; each checked against the schema."""
    found: list[Rule] = []
    for name in _MODULES:
        found += import_module(f"kg.extract.rules.{name}").RULES
    names = [x.name for r in found for x in (r, *r.parts)]
    if len(set(names)) != len(names):
        raise ValueError("two rules share a name")
    for r in found:
        for x in (r, *r.parts):
            x.check()
    return tuple(sorted(found, key=lambda r: r.phase))  # a stable sort keeps the listed order


def __getattr__(name: str) -> object:  # RULES is built on first use, not at import
    if name == "RULES":
        return rules()
    raise AttributeError(name)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule and every part a rule drives."""
    return tuple(x for r in rules() for x in (r, *r.parts))


def rule(name: str) -> Rule:
    """The rule (or part) of that name."""
    for r in all_rules():
        if r.name == name:
            return r
    raise KeyError(name)


# a yes/no question, outside quotation marks: "Has Russia withdrawn from the treaty?"
_QUESTION = re.compile(r"(?:Has|Have|Had|Did|Does|Do|Will|Would|Is|Are|Was|Were|Can|Could|"
                       r"Should|Shall)\s[^\"“”]*\?\s*$")


def triggers(r: Rule, lower: str) -> bool:
    """Whether a sentence (in lower case) holds one of a rule's trigger words."""
    return any(w in lower for w in r.trigger)


def run(ctx: Context, sink: Sink, kinds: set[str] | None = None) -> None:
    """Run every rule (of ``kinds``, if given) over one article: document rules once,
    sentence rules on each sentence whose words include one of their triggers."""
    chosen = [r for r in rules() if kinds is None or r.kind in kinds]
    for _, group in groupby(chosen, key=lambda r: r.phase):
        phase = list(group)
        for r in phase:
            if r.scope == "document":
                sink.rule = r.name
                r.apply(ctx, sink)
        per_sentence = [r for r in phase if r.scope == "sentence"]
        if not per_sentence:
            continue
        for sent in ctx.sents:
            if _QUESTION.match(sent.text):
                continue  # the "question" guard: "Has Russia left the treaty?" tells nothing
            lower = sent.text.lower()
            for r in per_sentence:
                if triggers(r, lower):
                    sink.rule = r.name
                    r.apply(ctx, sink, sent)
    sink.rule = ""

"""What an extraction rule is: a name, a trigger, guards, the slots it fills, and the
sentences that show what it does and does not read.


A rule is data (as spaCy's Matcher patterns, duckling's and HeidelTime's rules are):


* ``name`` is ``<kind>.<pattern>``, unique; every fact records the rule that found it;
* ``trigger`` is the words, one of which a sentence must hold for the rule to run
  (a cheap filter: the rule's own patterns decide);
* ``guards`` name the checks that veto a match (see :data:`GUARDS`);
* ``slots`` are the fields of its kind that it fills;
* ``examples`` are sentences with the fact the rule must find in them, and
  ``counter`` sentences that hold the trigger but must give no fact of the kind.
  ``tests/test_rule_examples.py`` runs every one of them.


``apply`` does the work: ``apply(ctx, sink, sent)`` for a rule of ``scope``
``"sentence"``, ``apply(ctx, sink)`` for one of ``scope`` ``"document"`` (a rule that
needs what came before in the article, as statements and positions do). A document
rule may drive ``parts``: rules of scope ``"part"`` that it tries in turn (who speaks
with a speech verb, which post a title names), each fact recording the part that
found it; a part's ``apply`` takes what its driver gives it. Rules run by ``phase``,
then in the order they are listed; a sentence rule runs on every sentence before the
next phase starts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.schema import FACT_KINDS

__all__ = ["GUARDS", "Example", "Rule", "ex"]


#: The guards a rule may name, and what each vetoes.
GUARDS: dict[str, str] = {
    "negation": "a negated verb: 'did not sign', 'has never ratified', 'refused to'",
    "modality": "what may or will happen: 'may withdraw', 'plans to', 'threatened to', 'if'",
    "law": "a law, decree or bill is signed, not a treaty",
    "not-the-treaty": "the treaty only qualifies another thing: 'the New START talks'",
    "other-act": "the treaty is the object of another act in a clause of its own",
    "former": "a title its holder no longer holds: 'former', 'ex-'",
    "occasion": "a post of a meeting, not of a state: 'the conference's president'",
    "habitual": "a standing position with no occasion: 'has long warned that'",
    "quoted": "a name inside a quotation is not the actor",
    "opening-phrase": "a name in an opening phrase ('In London,', 'According to') is no actor",
    "denial": "a charge denied or dismissed: 'denied allegations of violations by Moscow'",
    "question": "a yes/no question asks, it does not tell: 'Has Russia left the treaty?' (every "
                "sentence rule: kg.extract.rules.run skips such sentences)",
}


#: The publication date examples are read against (a Wednesday).
EXAMPLE_DATE = "2022-06-15"


@dataclass(frozen=True)
class Example:
    """A sentence (or a few) and the fields of the fact a rule must find in it; entity
    fields are given by the entity's name or one of its aliases."""

    text: str
    fields: Mapping[str, Any]
    published: str = EXAMPLE_DATE


def ex(text: str, published: str = EXAMPLE_DATE, **fields: Any) -> Example:
    """An example: ``ex("Russia ratified the CTBT in 2000.", party="Russia", when="2000")``."""
    return Example(text, fields, published)


@dataclass(frozen=True)
class Rule:
    name: str
    doc: str
    apply: Callable[..., Any]
    trigger: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    counter: tuple[str, ...] = ()
    scope: str = "sentence"
    phase: int = 20
    parts: tuple[Rule, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.name.split(".", 1)[0]

    def check(self) -> None:
        """Raise ValueError when the rule's data is inconsistent with the schema."""
        if self.kind not in FACT_KINDS:
            raise ValueError(f"{self.name}: no fact kind {self.kind!r}")
        unknown = set(self.slots) - FACT_KINDS[self.kind].names
        if unknown:
            raise ValueError(f"{self.name}: slots {sorted(unknown)} are no fields of {self.kind}")
        bad = set(self.guards) - set(GUARDS)
        if bad:
            raise ValueError(f"{self.name}: unknown guards {sorted(bad)}")
        if self.scope not in ("sentence", "document", "part"):
            raise ValueError(f"{self.name}: scope must be 'sentence', 'document' or 'part'")
        if self.parts and self.scope != "document":
            raise ValueError(f"{self.name}: only a document rule applies parts")
        if self.scope == "sentence" and not self.trigger:
            raise ValueError(f"{self.name}: a sentence rule needs trigger words")
        for e in self.examples:
            extra = set(e.fields) - FACT_KINDS[self.kind].names
            if extra:
                raise ValueError(f"{self.name}: example fields {sorted(extra)} unknown")

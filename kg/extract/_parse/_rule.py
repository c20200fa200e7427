"""A dependency rule as named data: the lemmas that trigger it, the function that reads
the facts off the parse around a trigger, and sentences it must and must not fire on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.extract._parse._nlp import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

Fields = dict[str, Any]
Finder = Callable[[Parsed, "Token"], list[Fields]]


@dataclass(frozen=True)
class Rule:
    """``name`` is ``parse.<kind>.<pattern>``. ``examples`` pair a sentence with the fields
    of the fact it states (entities by name); ``counter`` sentences state no such fact."""

    name: str
    triggers: str  # a group of kg/data/lexicon/parse-words.tsv
    pos: tuple[str, ...]  # the trigger's part of speech: VERB, NOUN, ...
    find: Finder
    examples: tuple[tuple[str, Fields], ...] = ()
    counter: tuple[str, ...] = ()
    factual: bool = True  # skip triggers that are negated, modal or conditional

    @property
    def kind(self) -> str:
        return self.name.split(".")[1]

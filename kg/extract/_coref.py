"""Persons named by a description: "the Russian president", "the US secretary of state".

A description stands for the person of the article that holds that post of that state:
one the text already gave it, else a known office holder (kg/data/lexicon/persons.tsv)
in office at the time whom the article names.

>>> from kg.extract._entities import Recognizer
>>> r = Recognizer("Vladimir Putin spoke. Later the Russian president left.", "2020-05-01")
>>> [(m.text, m.key, m.info["title"]) for m in r.run() if m.role == "anaphor"]
[('the Russian president', 'person:vladimir putin', 'president')]
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from kg.extract._entities import T

if TYPE_CHECKING:
    from kg.extract._entities import EntityInfo, Recognizer

__all__ = ["described_persons"]


@cache
def _described() -> re.Pattern[str]:
    from kg.extract._entities import trie_regex
    from kg.extract._refbase import refbase

    titles = trie_regex(sorted(refbase().titles)).replace(r"\ ", r"\s+")
    return re.compile(rf"\b[Tt]he\s+(?P<q>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:['’]s)?\s+"
                      rf"(?P<t>{titles})\b(?!\s+[A-Z]|-)")


def described_persons(r: Recognizer) -> None:
    """Add a mention for each description that stands for a person of the article."""
    if not any(e.type is T.PERSON for e in r.entities.values()):
        return
    year = int(r.published[:4]) if r.published[:4].isdigit() else None
    for m in _described().finditer(r.body):
        state = r._ref_state(r.rb.surfaces.get(m.group("q"), []))
        title = re.sub(r"\s+", " ", m.group("t"))
        position = r.rb.titles[title][0]
        if state is None:
            continue
        person = _holder(r, state.name, position, year)
        if person is None:
            continue
        r.add(m.start(), m.end(), person.key, T.PERSON, "anaphor", title=title,
              title_start=str(m.start("t")), of_state=m.group("q"), described="1")


def _holder(r: Recognizer, state: str, position: str, year: int | None) -> EntityInfo | None:
    """The one person of the article known to hold ``position`` of ``state`` that year."""
    found = [e for e in r.entities.values() if e.type is T.PERSON and e.known is not None
             and state in e.known.states and e.known.in_office(year, position)]
    return found[0] if len(found) == 1 else None

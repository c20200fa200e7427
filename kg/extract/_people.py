"""Well-known office holders (``kg/data/lexicon/persons.tsv``): who a bare surname or a
title means, and which state a title with no state written is of.

The text decides what a fact says; this list only picks among readings the text
leaves open: "President Bush" in 1990 is George H. W. Bush, "Foreign Minister Igor
Ivanov" with no state written is Russia's.

>>> p = resolve("Bush", "President", 1990)
>>> p.name, p.qid, p.state
('George H. W. Bush', 'Q23505', 'United States')
>>> resolve("Bush", "President", 2005).name
'George W. Bush'
>>> resolve("Lavrov", None, 2014).state
'Russia'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.extract._entities import fold

__all__ = ["KnownPerson", "by_name", "known_surnames", "resolve", "surname_of"]

#: Name parts that do not make a surname.
_SUFFIXES = ("Jr.", "Sr.", "Jr", "Sr", "I", "II", "III", "IV", "V", "VI")
_PARTICLES = ("Le", "La", "De", "de", "van", "von", "bin", "al")
_POST = re.compile(r"^(?P<title>.+?)\s+(?P<start>\d{4})(?:-(?P<end>\d{4})?)?$")


@dataclass(frozen=True)
class KnownPerson:
    name: str
    aliases: tuple[str, ...]
    states: tuple[str, ...]  # the states (or bodies) served, in the order of the posts
    posts: tuple[tuple[str, int, int | None], ...]  # (title, first year, last year or None)
    qid: str | None

    @property
    def state(self) -> str:
        return self.states[0]

    def in_office(self, year: int | None, title: str | None = None) -> bool:
        """Whether the person held a post (that title, if given) in that year (any year,
        if unknown)."""
        return any((title is None or t.lower() == title.lower())
                   and (year is None or (a - 1 <= year <= (b if b is not None else 9999) + 1))
                   for t, a, b in self.posts)

    def distance(self, year: int | None) -> int:
        """How many years the nearest post is from ``year`` (0 when in office)."""
        if year is None:
            return 0
        return min(0 if a <= year <= (b or 9999) else min(abs(year - a), abs(year - (b or a)))
                   for _, a, b in self.posts) if self.posts else 99


def _regnal(name: str) -> bool:
    """A monarch's name: one name and a numeral ("George VI", "King Charles III")."""
    parts = [w for w in name.split() if w not in ("King", "Queen", "Pope", "Emperor", "Tsar")]
    return len(parts) == 2 and parts[1] in _SUFFIXES[4:]


def surname_of(name: str, family_first: frozenset[str] = frozenset()) -> str:
    """The part of a full name a later mention uses: "Lavrov", "Xi", "von der Leyen"."""
    parts = [w for w in name.replace(",", "").split() if w not in _SUFFIXES]
    if len(parts) < 2:
        return parts[0] if parts else name
    if parts[0] in family_first and len(parts) <= 3:
        return parts[0]
    for i in range(1, len(parts) - 1):
        if parts[i] in _PARTICLES:
            return " ".join(parts[i:])
    return parts[-1]


def _row(line: str) -> KnownPerson | None:
    cols = (line.split("\t") + [""] * 5)[:5]
    name, aliases, state, posts, qid = (c.strip() for c in cols)
    if not name or not state:
        return None
    held = []
    for p in (x.strip() for x in posts.split("|") if x.strip()):
        m = _POST.match(p)
        if m:
            end = m.group("end")
            held.append((m.group("title"), int(m.group("start")),
                         int(end) if end else (None if p.endswith("-") else int(m.group("start")))))
    return KnownPerson(name, tuple(a for a in aliases.split("|") if a),
                       tuple(x.strip() for x in state.split("|") if x.strip()), tuple(held),
                       qid or None)


@cache
def _people() -> tuple[KnownPerson, ...]:
    text = resources.files("kg").joinpath("data", "lexicon", "persons.tsv").read_text("utf-8")
    rows = (_row(line) for line in text.splitlines() if line.strip() and line[0] != "#")
    return tuple(p for p in rows if p is not None)


@cache
def by_name() -> dict[str, KnownPerson]:
    """Every full name and alias, folded, to its person."""
    out: dict[str, KnownPerson] = {}
    for p in _people():
        for n in (p.name, *p.aliases):
            out.setdefault(fold(n), p)
    return out


@cache
def known_surnames() -> dict[str, tuple[KnownPerson, ...]]:
    """Each surname (as written) to the people who bear it."""
    from kg.extract._refbase import family_first

    out: dict[str, list[KnownPerson]] = {}
    for p in _people():
        for n in (p.name, *p.aliases):
            if _regnal(n):
                continue  # "George VI", "King George VI": "George" is no surname
            s = surname_of(n, family_first())
            if len(s) < 3 or not s[:1].isupper():
                continue  # "Moon Jae In" is no "In"
            if p not in out.setdefault(s, []):
                out[s].append(p)
    return {k: tuple(v) for k, v in out.items()}


def resolve(name: str, title: str | None, year: int | None) -> KnownPerson | None:
    """The known person a name means: a full name or alias, else a surname borne by
    people of whom the one in office that year (with that title, if one fits) is chosen."""
    hit = by_name().get(fold(name))
    if hit is not None:
        return hit
    parts = name.split()
    cands = known_surnames().get(name, ())
    if not cands and len(parts) > 1:  # "George Bush": a Bush named George
        cands = tuple(p for p in known_surnames().get(parts[-1], ())
                      if fold(p.name.split()[0]) == fold(parts[0]))
    if not cands:
        return None
    if title:
        fits = [p for p in cands if p.in_office(None, title)]
        cands = tuple(fits) or cands
    return min(cands, key=lambda p: p.distance(year))

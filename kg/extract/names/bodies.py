"""Bodies, ministries, weapon systems and places named by their form: 'the Russian Foreign
Ministry', 'Valdai Discussion Club', 'Fort Greely', '9M729', a name with its acronym."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract._entities import (
    MONTHS,
    T,
    fold,
)
from kg.extract.names._common import (
    DEFENCE_HEADS,
    MINISTRY_HEADS,
    ORG_HEAD,
    ORG_HEADS,
    PLACE_HEADS,
    Candidate,
    ending_at,
    named_payload,
)

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer
    from kg.extract._refbase import RefEntity


# -- ministries ---------------------------------------------------------------------
_MINISTRY = re.compile(
    r"\b(?:(?P<adj>[A-Z][a-z]+)(?:'s)?\s+(?:and\s+(?P<adj2>[A-Z][a-z]+)\s+)?)?"
    r"(?P<kind>[Ff]oreign|[Dd]efen[cs]e)\s+[Mm]inistr(?:y|ies)\Z"
)


_MINISTRY_OF = re.compile(
    r"\bMinistry\s+of\s+(?P<kind>Foreign\s+Affairs|Defen[cs]e)"
    r"(?:\s+of\s+(?:the\s+)?(?P<state>[A-Z][\w ]+?))?(?=[\s,.;]|$)"
)


def ministry_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    for m in ending_at(_MINISTRY, MINISTRY_HEADS, r.body, 60):
        kind = "Foreign Affairs" if m.group("kind").lower() == "foreign" else "Defence"
        states = []
        for g in ("adj", "adj2"):
            word = m.group(g)
            if word:
                cands = r.rb.surfaces.get(word, [])
                st = r._ref_state(cands)
                if st is not None:
                    states.append((st, m.start(g), m.end(g)))
        start = m.start("kind") if m.group("adj") and not states else m.start()
        out.append((start, m.end(), "ministry", _ministry_payload(r, start, m.end(), kind, states)))
    for m in _MINISTRY_OF.finditer(r.body) if "Ministry of" in r.body else ():
        kind = "Foreign Affairs" if m.group("kind").startswith("Foreign") else "Defence"
        st = r._ref_state(r.rb.surfaces.get(m.group("state") or "", []))
        states = [(st, m.start("state"), m.end("state"))] if st else []
        out.append(
            (m.start(), m.end(), "ministry", _ministry_payload(r, m.start(), m.end(), kind, states))
        )
    return out


def _ministry_payload(
    r: Recognizer, start: int, end: int, kind: str, states: list[tuple[RefEntity, int, int]]
) -> Callable[[], None]:
    def run() -> None:
        if not states:
            name = (
                f"{kind.split()[0]} Ministry"
                if kind == "Defence"
                else "Ministry of Foreign Affairs"
            )
            key = "org:" + fold(name)
            r.entity(key, T.ORGANIZATION, name)
            r.add(start, end, key, T.ORGANIZATION)
            return
        for st, s0, s1 in states:
            r.entity(st.key, T.STATE, st.name, st)
            r.add(s0, s1, st.key, T.STATE, "demonym")
            name = f"Ministry of {kind} of {st.name}"
            key = "org:" + fold(name)
            r.entity(key, T.ORGANIZATION, name)
            if len(states) == 1:
                r.add(start, end, key, T.ORGANIZATION)
            else:
                r.add(s0, s1, key, T.ORGANIZATION, "part")

    return run


# -- weapon systems -----------------------------------------------------------------
_DESIGNATION = re.compile(r"(?<![\w-])(\d[A-Z]\d{2,4}[A-Z]?)(?![\w-])")


_DEFENCE_SYSTEM = re.compile(
    r"(?:\b(?:global|national|European|[A-Z][\w]*-based|strategic|US|American|NATO)\s+)*"
    r"\bmissile\s+defen[cs]e\s+system\Z"
)


def weapon_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _DESIGNATION.finditer(r.body):
        out.append((m.start(1), m.end(1), "weapon", _weapon_payload(r, m.start(1), m.end(1), None)))
    for m in ending_at(_DEFENCE_SYSTEM, DEFENCE_HEADS, r.body, 80):
        start = m.start()
        text = m.group(0)
        if text.startswith(("US ", "American ", "NATO ")):
            start += len(text.split()[0]) + 1
        out.append(
            (start, m.end(), "weapon", _weapon_payload(r, start, m.end(), "missile-defence"))
        )
    return out


def _weapon_payload(r: Recognizer, start: int, end: int, group: str | None) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        if group:
            key = "weapon:" + group  # one missile defence system per article
        else:
            ref = r.rb.by_name(text)
            key = ref.key if ref else "weapon:" + fold(text)
        r.entity(key, T.WEAPON_SYSTEM, text)
        r.add(start, end, key, T.WEAPON_SYSTEM)

    return run


_ORG_NAME = re.compile(rf"(?<![\w-])((?:[A-Z][\w-]*\s+){{1,4}}){ORG_HEAD}\Z")


# "Council of the Federation", "Cabinet Committee on Security", "Committee on Foreign
# Relations"; not "Exchange on Wednesday"
_TAIL_WORD = r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|" \
             r"April|May|June|July|August|September|October|November|December)\b)[A-Z][\w-]*"
_ORG_TAIL = re.compile(rf"\s+(?:of\s+the|on|for|of(?=\s+(?:Governors|Directors|Trustees)\b))"
                       rf"\s+({_TAIL_WORD}(?:\s+(?:and\s+)?"
                       rf"{_TAIL_WORD})*)\b")


# "Fort Greely", "Kaliningrad region": found from their head word like the others
_PLACE_FORM = re.compile(r"(?<![\w-])(?:(?:Fort|Camp|Cape|Lake|Mount|Port)\s+[A-Z][a-z]+|"
                         r"[A-Z][a-z]+\s+(?:region|oblast|Region|Oblast|province|Province|krai|"
                         r"Krai)|"
                         # "the Presidential Palace", "Vandenberg Space Force Base",
                         # "the Wagah-Attari border crossing"
                         r"(?!The\b)[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}\s+"
                         r"(?:Palace|Library|Castle)|"
                         r"(?!The\b)[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}\s+(?:Air|Force|Naval|"
                         r"Military|Missile)\s+Base|"
                         r"(?!The\b)[A-Z][a-z]+-[A-Z][a-z]+\s+(?:border\s+)?[Cc]rossing)\Z")


_NOT_ORG_START = {"The", "A", "An", "In", "On", "At", "As", "But", "And", "When", "While", "Its",
                  "His", "Her", "Their", "This", "That", "Earlier", "Later"}


def _known_at(r: Recognizer, pos: int) -> bool:
    """Whether a name of the reference base (a state, its adjective, a body) starts at
    ``pos``."""
    m = re.match(r"[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|the|on|and|in)){0,7}",
                 r.body[pos : pos + 100])  # "Organisation for the Prohibition of ..."
    if m is None:
        return False
    words = m.group(0).split()
    return any(r.rb.surfaces.get(" ".join(words[:n])) for n in range(len(words), 0, -1))


def body_candidates(r: Recognizer) -> list[Candidate]:
    """Organisations named by their form ("Political Consultative Committee", "CSTO
    Collective Security Council", "Valdai Discussion Club") and places ("Fort Greely",
    "Kaliningrad region")."""
    out: list[Candidate] = []
    for m in ending_at(_ORG_NAME, ORG_HEADS, r.body, 80):
        tail = _ORG_TAIL.match(r.body, m.end())
        if tail is not None and _known_at(r, tail.start(1)):
            tail = None  # "Council of the Union State ...": a name of its own follows
        end = tail.end() if tail else m.end()
        words = m.group(1).split()
        while words and (words[0] in _NOT_ORG_START or words[0].endswith(("'s", "’s"))
                         or words[0] in MONTHS):
            words.pop(0)
        if not words:
            continue
        start = m.start(1) + m.group(1).index(words[0])
        text = r.body[start:end]
        if r.rb.surfaces.get(text) or len(text.split()) < 2:
            continue  # the reference base knows it; the gazetteer claims it
        closes = r.body[end : end + 1] in (")", "/")
        if 0 < start < 200 and r.body[start - 1] in "(/" and closes:
            continue  # the news agency in the dateline: "WASHINGTON (Capital Wire) —"
        am = _ACRONYM.match(r.body, end + 1) if r.body[end : end + 1] == " " else None
        payload = _acronym_payload(r, start, end, am.group(1)) \
            if am and not r.rb.surfaces.get(am.group(1)) \
            else named_payload(r, start, end, T.ORGANIZATION)
        out.append((start, end, "org", payload))  # "Warsaw Stock Exchange (WSE)": and WSE
    for pm in _ACRONYM.finditer(r.body):  # "International Campaign to ... (ICAN)"
        lo = max(0, pm.start() - 120)
        nm = _ACRONYMED.search(r.body[lo : pm.start()])
        if nm is None:
            continue
        words, acronym = nm.group(1), pm.group(1)
        start, end = lo + nm.start(1), lo + nm.end(1)
        while words.split()[0] in _NOT_ORG_START or words.split()[0][0] != acronym[0]:
            first = words.split()[0]  # "The Federation of ... (FCP)": from the word it names
            if len(words.split()) < 3:
                break
            cut = words.index(first) + len(first)
            cut += len(words[cut:]) - len(words[cut:].lstrip())
            words, start = words[cut:], start + cut
        initials = "".join(w[0] for w in words.split() if w[0].isupper())
        if not _initials_fit(acronym, initials) or r.rb.surfaces.get(acronym) \
                or r.rb.surfaces.get(words) or _NOT_ACRONYMED.search(words) \
                or not words[:1].isupper():
            continue
        out.append((start, end, "org", _acronym_payload(r, start, end, acronym)))
    for m in ending_at(_PLACE_FORM, PLACE_HEADS, r.body, 30):
        out.append((m.start(), m.end(), "place", named_payload(r, m.start(), m.end(), T.PLACE)))
    return out


_ACRONYM = re.compile(r"\(([A-ZÀ-ÖØ-ÞĀ-Ž]{3,6})\)")


_ACRONYMED = re.compile(r"(?<![\w-])((?:[A-Z][\w-]+\s+)(?:(?:[A-Z][\w-]+|of|for|to|on|and|the|in)"
                        r"\s+){0,7}[A-Z][\w-]+)\s+\Z")


# a treaty, a meeting or a state is found by its own rules
_NOT_ACRONYMED = re.compile(r"\b(?:Treaty|Convention|Agreement|Accord|Protocol|Summit|Conference|"
                            r"Republic|Kingdom|States|Union)\b")


def _initials_fit(acronym: str, initials: str) -> bool:
    """The acronym's letters are the initials of the name's words, in order, from the first:
    ICAN for "International Campaign to Abolish Nuclear Weapons"."""
    if not initials or acronym[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in acronym) and len(acronym) >= len(initials) - 2


def _acronym_payload(r: Recognizer, start: int, end: int, acronym: str) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        key = "organization:" + fold(text)
        e = r.entity(key, T.ORGANIZATION, text)
        if acronym not in e.aliases:
            e.aliases.append(acronym)
        r.add(start, end, key, T.ORGANIZATION)
        for am in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", r.body):
            r.add(am.start(), am.end(), key, T.ORGANIZATION, "acronym")

    return run

"""Meetings the text describes rather than names: "at a Kremlin ceremony", "the signing
ceremony at the Presidential Palace", "talks in Vienna", "Negotiations ... had begun".

A gathering noun (``words/meeting-heads.txt``) makes a meeting when the text tells of
one: a preposition or verb of attending before it (``meeting-contexts``), a verb of
taking place after it (``meeting-events``), or a place or year that it is "in". Its
name is the noun with its modifiers and first complement ("signing ceremony at the old
Royal Palace"); the shorter forms are its aliases.

>>> from kg.extract._entities import Recognizer
>>> r = Recognizer("They met at a signing ceremony at the Palace on Monday.", "2020-05-01")
>>> _ = r.run()
>>> [(e.name, e.aliases) for e in r.entities.values() if e.type.value == "Meeting"]
[('signing ceremony at the Palace', ['signing ceremony', 'ceremony at the Palace'])]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from kg.extract._entities import T, fold
from kg.extract._lexicon import rx, words
from kg.extract.names._common import Candidate

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer

__all__ = ["described_meetings"]

_DET = r"(?:a|an|the|their|his|her|its|this|these|that|those|our|[A-Z][\w.-]*['’]s)"
_WORD = r"[A-Za-z0-9][\w'’-]*"
@cache
def _stop() -> frozenset[str]:
    return frozenset(words("meeting-stop-words"))


@cache
def _head() -> re.Pattern[str]:
    return rx(r"\b(?P<head>{meeting-heads})\b", re.I)


@cache
def _context() -> re.Pattern[str]:
    return rx(r"\b(?:{meeting-contexts})\s+(?:" + _DET + r"\s+)?\Z", re.I)


@cache
def _event() -> re.Pattern[str]:
    return rx(r"(?:,[^,;]{1,80},)?\s+(?:had\s+|have\s+|has\s+|was\s+|were\s+|finally\s+)?"
              r"(?:{meeting-events})\b")


# the first complement of the head: "of ...", "at the ...", "in X", "on the treaty", "to
# review the NPT", "that led to the signing of ...", up to a comma, a verb or a clause
_COMPLEMENT = re.compile(r"\s+(?:(?:of|at|in|on|between|with|among|from|to(?!\s+(?:be|have)\b)|"
                         r"for)\s+|"
                         r"that\s+(?=\w+ed\b))"
                         r"[^,.;:()“”\"]{2,90}?(?=\s*[,.;:()“”\"]|"
                         # "between Khan and Singh gives hope": a verb after the names
                         r"(?<=[A-Za-z])\s+[a-z]{3,}s\s+(?:the|a|an|that|to|its|no)\b|"
                         r"\s+(?:and\s+[a-z]+(?:ed|s)\b|"
                         r"but|which|who|that|had|has|have|was|were|is|are|will|would|took|got|"
                         r"shortly|said|says)\b|(?<!\ba)(?<!\ban)(?<!\bthe)(?<!\bits)(?<!\btheir)(?<!\bhis)"
                         r"(?<!\bher)\s+(?!that\s)[a-z]+ed\b|\s+(?:on|in)\s+(?:\d{1,2}\s+)?"
                         r"(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|"
                         r"Dec)\b|\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
                         r"\s+(?:last|this|next)\s+(?:week|month|year|spring|summer|autumn|fall|winter|weekend)\b|\s+(?:earlier|later|yesterday|today)\b|"
                         r"\s*$)")
_WHEN_ONLY = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?(?:\d{1,2}\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|"
                        r"Satur|Sun)day|January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|morning|afternoon|evening)\b")
_PP = re.compile(r"\s+(?:of|at|in|on|between|with|among|from|to|for)\s+")
_PLACE_OR_YEAR = re.compile(r"\s+in\s+(?:[A-Z][a-z]+|\d{4})\b")


_GERUND_BEFORE = re.compile(r"\b(?:before|after|by|without|while|for|of|in|on|against|"
                            r"about|from)\s+\Z")


def _modifiers(body: str, head_start: int) -> int:
    """Where the modifiers before a head start: up to three words that are no function
    word, verb or determiner ("signing", "Kremlin", "month-long", "initial")."""
    start = head_start
    for _ in range(3):
        m = re.search(rf"({_WORD})\s+\Z", body[max(0, start - 40) : start])
        if m is None:
            break
        w = m.group(1)
        if w.lower() in _stop() or (w.endswith("ed") and w[:1].islower()) or (w.isdigit() and \
                len(w) != 4):
            break
        wstart = max(0, start - 40) + m.start(1)
        if w.endswith("ing") and w[:1].islower() and \
                _GERUND_BEFORE.search(body, max(0, wstart - 20), wstart):
            break  # "before tabling negotiations": a verb taking the head as its object
        start = wstart
    return start


# "met in Geneva on Friday for talks": the talks they met for
_MET_FOR = re.compile(r"\b(?:met|meet|meets|gathered|convened|sat\s+down)\b[^.;]{0,40}\bfor\s+"
                      r"(?:(?:a|an|the|their|its)\s+)?\Z")


# "the meeting between Khan and Singh": who met, named
_BETWEEN_NAMES = re.compile(r"\s+between\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s+and\s+"
                            r"(?:the\s+)?[A-Z]")


def _is_event(body: str, start: int, head_end: int, end: int, head: str) -> bool:
    before = body[max(0, start - 40) : start]
    first = body[start:head_end].split()[0].lower()
    if first in words("not-meeting-mods"):
        return False
    if head == "vote" and not body.startswith(" on ", head_end):
        return False  # "by a vote of 13 to one" is a tally, not a meeting
    if head in ("call", "conversation") and not re.search(
            r"(?:tele)?phone\s+\Z|video\s+\Z", body[start : head_end - len(head)]):
        return False  # "a phone call", "a telephone conversation"; not "a call for restraint"
    return bool(_context().search(before) or _event().match(body, end) or _MET_FOR.search(before)
                or _BETWEEN_NAMES.match(body, head_end)
                or _PLACE_OR_YEAR.match(body, head_end) or re.search(r"\d{4}\s+\Z|['’]s\s+\Z",
                                                                      before[-10:]))


def described_meetings(r: Recognizer, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates for the meetings described in the body, outside the ``taken`` spans of
    the meetings named there."""
    out: list[Candidate] = []
    body = r.body
    for hm in _head().finditer(body):
        if any(a <= hm.start() < b for a, b in taken):
            continue
        start = _modifiers(body, hm.start())
        cm = _COMPLEMENT.match(body, hm.end())
        if cm is not None and _WHEN_ONLY.match(body, hm.end()):
            cm = None  # "the summit on Tuesday": a date, no complement
        end = cm.end() if cm else hm.end()
        if start == hm.start() and cm is None:
            continue  # a bare "the summit" is one named before, if any (anaphora)
        if start == hm.start() and hm.group("head").lower() == "meeting" and re.search(
                r"(?:,|\b(?:is|are|was|were|be|been|after|before|while|when))\s*\Z",
                body[max(0, start - 8) : start]):
            continue  # "the ministers, meeting in Minsk, said": a verb, no meeting
        if not _is_event(body, start, hm.end(), end, hm.group("head").lower()):
            continue
        out.append((start, end, "meeting", _payload(r, start, hm.end(), end)))
    return out


def _payload(r: Recognizer, start: int, head_end: int, end: int) -> Callable[[], None]:
    def run() -> None:
        core = r.body[start:head_end]
        cuts = [m.start() for m in _PP.finditer(r.body, head_end, end) if m.start() > head_end]
        forms = [r.body[start:c] for c in cuts] + [r.body[start:end]]
        name = forms[0]
        key = "meeting:" + fold(r.body[start:end])
        e = r.entity(key, T.MEETING, name)
        head = core.split()[-1]
        plain = [re.sub(r"\b(?:their|its|his|her)\s+", "", f) for f in forms]
        for alias in dict.fromkeys([core, *forms, *plain, head + r.body[head_end:end]]):
            if alias != e.name and alias not in e.aliases:
                e.aliases.append(alias)
        r.add(start, end, key, T.MEETING, described="1")

    return run

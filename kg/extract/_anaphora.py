"""Definite descriptions resolved to their entities: "the treaty" (the last one spoken of
in the paragraph, "the original treaty" or "the adapted accord" picking among them), "the
alliance" (the bloc named most, "the Western alliance" NATO), "the minister", "the
senior Russian diplomat", "the ministry", "the summit".

>>> from kg.extract._entities import Recognizer
>>> r = Recognizer("NATO met. The alliance said it would act.", "2020-05-01")
>>> [(m.text, m.key) for m in r.run() if m.role == "anaphor"]
[('The alliance', 'org:north-atlantic-treaty-organisation')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from kg.extract._entities import Mention, T

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer

__all__ = ["resolve_anaphora"]

_ANAPHORS = {
    "minister": T.PERSON,
    "alliance": T.BLOC,
    "Alliance": T.BLOC,  # as NATO and many outlets write it: "joined the Alliance"
    "bloc": T.BLOC,
    "treaty": T.TREATY,
    "pact": T.TREATY,
    "accord": T.TREATY,
    "agreement": T.TREATY,
    "deal": T.TREATY,
    "protocol": T.TREATY,
    "convention": T.TREATY,
    "memorandum": T.TREATY,
    "document": T.TREATY,  # "ratified the document": the treaty spoken of, if there is one
    "Treaty": T.TREATY,
    "Convention": T.TREATY,
    "ministry": T.ORGANIZATION,
    "summit": T.MEETING,
    "session": T.MEETING,
    "meeting": T.MEETING,
    "gathering": T.MEETING,
    "conference": T.MEETING,
    "organization": T.BLOC,
    "organisation": T.BLOC,
}


#: How many mentions back "the treaty", "the alliance" look for what they mean: a long
#: article stays linear to resolve; a news article has far fewer mentions.
_LOOKBACK = 1000

# "the treaty", "the original treaty", "the adapted accord": an optional adjective that
# can pick among candidates
_ANAPHOR_RE = re.compile(
    # "the 1987 accord": the treaty of that year (signed then) among those named before
    r"\b(?:the|The)\s+(?:(?P<year>(?:1[89]|20)\d\d)\s+)?"
    r"(?:(?P<adj>original|adapted|amended|new|old|same|landmark|bilateral|nuclear|"
    r"Cold\s+War-era|Cold\s+War)\s+)?"
    # descriptive modifiers of a bloc: "the Western military alliance", "the Russian-led bloc"
    r"(?P<mods>(?:(?:Western|Eastern|Atlantic|transatlantic|military|defen[cs]e|security|"
    r"political|[A-Z][a-z]+-led|US-led)\s+){0,2})"
    r"(?P<word>" + "|".join(_ANAPHORS) + r")\b"
    # "the Treaty on Open Skies" is a name; "the summit on Tuesday" is not
    r"(?!\s+(?:of|on)\s+(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d)[A-Z])"
)
# what makes a treaty "adapted" or "new" rather than the original
_REVISION = re.compile(r"adapt|amend|revis|new\b|protocol", re.IGNORECASE)


def _bloc_for(rec: Recognizer, prev: list[Mention], mods: str) -> str | None:
    """The bloc "the alliance" means: the one named most often so far (the latest on a
    tie); "the Western alliance" is NATO, "the Russian-led bloc" is another."""
    nato = "org:north-atlantic-treaty-organisation"
    western = re.search(r"Western|Atlantic|transatlantic|US-led", mods) is not None
    led = re.search(r"[A-Z][a-z]+-led", mods) is not None and not western
    if western or led:
        prev = [k for k in prev if (k.key == nato) == western] or prev
    if not prev:
        return nato if nato in rec.entities and not led else None
    counts: dict[str, int] = {}
    for k in prev:
        counts[k.key] = counts.get(k.key, 0) + 1
    return max(reversed(prev), key=lambda k: counts[k.key]).key

def _signed_in(rec: Recognizer, prev: list[Mention], year: str) -> list[Mention]:
    """The treaties among ``prev`` signed in ``year`` (by the reference base)."""
    out = []
    for k in prev:
        ref = rec.entities[k.key].ref
        if ref is not None and (ref.signed or "").startswith(year):
            out.append(k)
    return out


def resolve_anaphora(rec: Recognizer) -> None:
    """Resolve "the treaty", "the alliance", "the minister", "the summit" to the entity
    they stand for, adding an anaphor mention for each."""
    known = sorted(rec.mentions, key=lambda m: m.start)
    starts = [k.start for k in known]
    ministers = {k.key for k in known if "minister" in k.info.get("title", "").lower()}
    treaty_refs: list[Mention] = []  # "the treaty" mentions resolved so far
    for m in _ANAPHOR_RE.finditer(rec.body):
        word, adjective = m.group("word"), (m.group("adj") or "").lower()
        mods = m.group("mods") or ""
        etype = _ANAPHORS[word]
        i = bisect_right(starts, m.start("word"))  # a name already covers "the treaty"?
        if any(k.start <= m.start("word") < k.end for k in known[max(0, i - 10) : i]):
            continue
        # the antecedents: the mentions before, the last _LOOKBACK of them at most
        j = bisect_left(starts, m.start())
        before = known[max(0, j - _LOOKBACK) : j]
        prev = [k for k in before if k.end <= m.start() and k.type is etype]
        if m.group("year"):
            if etype is not T.TREATY:
                continue
            prev = _signed_in(rec, prev, m.group("year"))
        if word == "protocol":  # "the protocol": a treaty called a protocol, if any
            prev = [k for k in prev if "protocol" in rec.entities[k.key].name.lower()] or prev
        if etype is T.TREATY and adjective in ("original", "adapted", "amended", "new"):
            revised = [k for k in prev if _REVISION.search(" ".join(
                [rec.entities[k.key].name, *rec.entities[k.key].aliases]))]
            original = [k for k in prev if k not in revised]
            prev = (original if adjective == "original" else revised) or prev
        if word == "minister":
            prev = [k for k in prev if k.key in ministers]
        if word in ("organization", "organisation"):
            prev = [
                k for k in before if k.end <= m.start() and k.type in (T.BLOC, T.ORGANIZATION)
            ]
        if word == "ministry":
            prev = [k for k in prev if "inistry" in rec.entities[k.key].name]
        if etype is T.BLOC:
            chosen = _bloc_for(rec, prev, mods)
            if chosen is None:
                continue
            key = chosen
        elif etype is T.TREATY and prev and not adjective:
            key = _treaty_for(rec, prev, treaty_refs, m.start())
        elif prev:
            key = prev[-1].key
        else:
            continue
        added = rec.add(m.start(), m.end(), key, rec.entities[key].type, "anaphor")
        if etype is T.TREATY:
            treaty_refs.append(added)
    _diplomats(rec, known, starts)
    _lead_description(rec, known)


# "North Korea withdrew from the global nuclear arms control treaty today ... the NPT":
# a treaty described before any is named stands for the one named next
_DESCRIBED_TREATY = re.compile(r"\b(?:the|The)\s+((?:[a-z][\w-]*\s+){1,5})(?:treaty|pact|accord|"
                               r"agreement|convention)\b(?!\s+(?:on|of|between|with)\b)")


def _lead_description(rec: Recognizer, known: list[Mention]) -> None:
    treaties = [k for k in known if k.type is T.TREATY and k.role != "anaphor"]
    if not treaties:
        return
    first = treaties[0]
    for m in _DESCRIBED_TREATY.finditer(rec.body, 0, first.start):
        if m.end() > first.start or first.start - m.end() > 600:
            break
        if re.search(r"\b(?:new|proposed|possible|future|another|similar|bilateral)\b",
                     m.group(1)):
            continue  # "a new treaty", "another accord": not the one named after
        rec.add(m.start(), m.end(), first.key, T.TREATY, "anaphor")


# "the senior Russian diplomat said", "the top diplomat": the last person with a post in
# diplomacy (a minister, ambassador, envoy, spokesperson) named before
_DIPLOMAT = re.compile(r"\b(?:the|The)\s+(?:(?:senior|top|chief|veteran|leading|"
                       r"[A-Z][a-z]+(?:an|ese|ish|ic|i))\s+){0,2}diplomat\b(?!\s+(?:of|from)\b)")
_DIPLOMATIC_POST = re.compile(r"minister|ambassador|envoy|diplomat|secretary\s+of\s+state|"
                              r"spokes|representative|negotiator", re.IGNORECASE)


def _diplomats(rec: Recognizer, known: list[Mention], starts: list[int]) -> None:
    for m in _DIPLOMAT.finditer(rec.body):
        j = bisect_left(starts, m.start())
        prev = [k for k in known[max(0, j - _LOOKBACK) : j] if k.type is T.PERSON
                and k.end <= m.start() and (_DIPLOMATIC_POST.search(k.info.get("title", ""))
                                            or _DIPLOMATIC_POST.search(" ".join(
                                                rec.body[k.end : k.end + 60].split(",")[1:2])))]
        if prev:
            rec.add(m.start(), m.end(), prev[-1].key, T.PERSON, "anaphor")

def _treaty_for(rec: Recognizer, prev: list[Mention], refs: list[Mention], at: int) -> str:
    """The treaty "the treaty" means: the last one spoken of (by name or as "the treaty")
    in the same paragraph; at the start of a paragraph, the one spoken of most so far
    (the latest on a tie), not one named in passing at the end of the paragraph before."""
    last = prev[-1] if not refs or refs[-1].start < prev[-1].start else refs[-1]
    if "\n\n" not in rec.body[last.end : at]:
        return last.key
    cands = sorted([*prev, *refs], key=lambda k: k.start)
    counts: dict[str, int] = {}
    for k in cands:
        counts[k.key] = counts.get(k.key, 0) + 1
    return max(reversed(cands), key=lambda k: counts[k.key]).key

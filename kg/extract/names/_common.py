"""What the name patterns share: the head words that end a name, the search that runs
a pattern backwards from each head, and the payloads that register a mention."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.extract._entities import T, fold

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer
    from kg.extract._refbase import RefEntity


Candidate = tuple[int, int, str, Callable[[], None]]


CONNECT = {
    "of",
    "on",
    "the",
    "and",
    "in",
    "for",
    "to",
    "between",
    "their",
    "with",
    "at",
    "under",
    "water",
    "outer",
    "space",
    "its",
    "from",
}


TREATY_HEAD = r"(?:Treaty|Agreement|Convention|Protocol|Accord)"


TREATY_HEADS = re.compile(rf"\b(?:treaty|{TREATY_HEAD})\b")


MINISTRY_HEADS = re.compile(r"\b[Mm]inistr(?:y|ies)\b")
MEETING_HEADS = re.compile(
    r"\b(?:summit|session|meeting|conference|Conference|Summit|Session)\b(?!s)"
)
DEFENCE_HEADS = re.compile(r"\bmissile\s+defen[cs]e\s+system\b(?!s)")
# -- bodies and places named by their form --------------------------------------------
ORG_HEAD = (r"(?:Committee|Council|Commission|Club|Agency|Assembly|Group|Forum|Secretariat|Board|"
             r"Directorate|Office|Service|Command|Court|Bureau|Bank|Exchange|Fund|Institute|"
             r"Foundation|Corporation|Company|Endowment|Association|Federation|Campaign)")


ORG_HEADS = re.compile(rf"\b{ORG_HEAD}\b")


PLACE_HEADS = re.compile(r"\b(?:(?:Fort|Camp|Cape|Lake|Mount|Port)\s+[A-Z][a-z]+|region|oblast|"
                          r"Region|Oblast|province|Province|krai|Krai|Palace|Library|Base|"
                          r"Castle|Crossing|crossing)\b")


def ending_at(pattern: re.Pattern[str], heads: re.Pattern[str], body: str, span: int
               ) -> list[re.Match[str]]:
    out = []
    for start, end in _head_spans(body).get(heads.pattern, ()):
        m = pattern.search(body, max(0, start - span), end)
        if m is not None:
            out.append(m)
    return out


@lru_cache(maxsize=2)
def _head_spans(body: str) -> dict[str, list[tuple[int, int]]]:
    """Every head word of the body, found in one scan, by the head pattern it belongs to."""
    heads = _all_heads()
    out: dict[str, list[tuple[int, int]]] = {}
    for m in heads[0].finditer(body):
        for key, rx in heads[1]:
            if rx.fullmatch(m.group(0)):
                out.setdefault(key, []).append(m.span())
    return out


@cache
def _all_heads() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]]:
    """One pattern for every kind of head, and per kind its own pattern to sort them."""
    kinds = [TREATY_HEADS, MINISTRY_HEADS, MEETING_HEADS, DEFENCE_HEADS, ORG_HEADS,
             PLACE_HEADS]
    one = re.compile("|".join(f"(?:{rx.pattern})" for rx in kinds))
    # a lookahead past the word cannot be checked on the word alone: drop it to classify
    return one, [(rx.pattern, re.compile(rx.pattern.replace(r"(?!s)", ""))) for rx in kinds]


def ref_payload(r: Recognizer, start: int, end: int, ref: RefEntity) -> Callable[[], None]:
    def run() -> None:
        e = r.entity(ref.key, ref.type, ref.name, ref)
        r.add(start, end, e.key, e.type)

    return run


def named_payload(r: Recognizer, start: int, end: int, etype: T) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        key = f"{etype.value.lower()}:" + fold(text)
        r.entity(key, etype, text)
        r.add(start, end, key, etype)

    return run

"""Relation patterns: one function per fact kind, over the sentences of one article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._entities import Mention
from kg.extract._refbase import refbase
from kg.schema import FACT_KINDS

NEGATION = re.compile(
    r"\b(?:not|never|n't|no longer|refused to|declined to|failed to|"
    r"did not|has not|have not|had not|will not|would not)\b",
    re.I,
)
MODAL = re.compile(
    r"\b(?:may|might|could|would|will|should|must|threaten(?:s|ed)? to|"
    r"plans? to|planning to|intends? to|wants? to|only after|until|unless|if)\b",
    re.I,
)
_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "sixteen": 16,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
}


def number(word: str) -> int | None:
    word = word.lower().removeprefix("then-").replace(",", "")
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


@dataclass
class Draft:
    kind: str
    fields: dict[str, Any]
    sent: Sent
    key: tuple[Any, ...] = ()
    rule: str = ""  # the name of the rule that found the fact


#: The fields that make two drafts of a kind one fact (the schema's required fields); a
#: signing is one per treaty and time (below), meetings and statements merge elsewhere.
_KEYS = {kind: spec.required for kind, spec in FACT_KINDS.items()
         if kind not in ("signed", "meeting", "statement")}


@dataclass
class Sink:
    facts: list[Draft] = field(default_factory=list)

    def add(self, kind: str, sent: Sent, rule: str = "", **fields: Any) -> Draft | None:
        fields = {k: v for k, v in fields.items() if v not in (None, [], "")}
        required = _KEYS.get(kind, ())
        key = (kind, *(fields.get(r) for r in required))
        if required and any(fields.get(r) is None for r in required):
            return None
        if required:
            for d in self.facts:
                if d.key == key:
                    for k, v in fields.items():  # fill what the first mention lacked
                        d.fields.setdefault(k, v)
                    return None
        if kind == "signed":  # one signing of a treaty told twice is one event
            for d in self.facts:
                if d.kind == "signed" and d.fields["treaty"] == fields["treaty"] and \
                        _same_time(d.fields.get("when"), fields.get("when")):
                    for k, v in fields.items():
                        d.fields.setdefault(k, v)
                    return None
        d = Draft(kind, fields, sent, key, rule)
        self.facts.append(d)
        return d


def _same_time(a: str | None, b: str | None) -> bool:
    """Two dates that may name the same day: one missing, or one a prefix of the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def local_window(sent: Sent, start: int, end: int) -> str:
    return sent.text[max(0, sent.local(start)) : max(0, sent.local(end))]


def clause_before(sent: Sent, pos: int) -> str:
    """The text of the clause that ends at ``pos`` (from the last , ; — or sentence start)."""
    text = sent.text[: sent.local(pos)]
    cut = max(text.rfind(", "), text.rfind("; "), text.rfind(" — "), text.rfind(" - "))
    return text[cut + 1 :] if cut >= 0 else text


def nearest(
    mentions: list[Mention], pos: int, types: tuple[T, ...], before: bool = True, window: int = 200
) -> Mention | None:
    if before:
        cands = [m for m in mentions if m.end <= pos and pos - m.end <= window and m.type in types]
        return cands[-1] if cands else None
    cands = [m for m in mentions if m.start >= pos and m.start - pos <= window and m.type in types]
    return cands[0] if cands else None


def subject(sent: Sent, pos: int, types: tuple[T, ...] = BODIES) -> Mention | None:
    """The actor that governs a verb at ``pos``: the nearest one before it in the clause,
    skipping possessives ("Russia's withdrawal") and mentions nested in a prepositional phrase."""
    # a name nested in a longer one ("Russian" in "the Russian-led bloc") is no subject
    nested = sent.nested
    cands = [m for m in sent.mentions if m.end <= pos and m.type in types and id(m) not in nested]
    for m in reversed(cands):
        between = sent.text[sent.local(m.end) : sent.local(pos)]
        if between[:2] in ("'s", "’s"):  # a possessive qualifies a noun; it is no subject
            continue
        if re.search(
            r"\b(?:of|from|to|with|against|under|by|in|on)\s+(?:the\s+)?$",
            sent.text[: sent.local(m.start)],
        ):
            continue
        if re.search(r"[;:]", between):
            break
        tm = _APPOSED_TITLE.fullmatch(between)
        if tm and tm.group(1).lower() in refbase().titles:
            continue  # "John Bolton, the US national security adviser, said": US qualifies
        return m
    return None


_APPOSED_TITLE = re.compile(r"(?:'s|’s)?\s+((?:[A-Za-z-]+\s+){0,4}[A-Za-z-]+),\s*")


def main_subject(sent: Sent, types: tuple[T, ...] = BODIES) -> Mention | None:
    """The subject of a sentence's main clause: its first actor outside quotations and
    introductory phrases ("In a statement issued in Brussels, the alliance ...")."""
    for m in sorted(sent.mentions, key=lambda x: (x.start, -x.end)):
        if m.type not in types or m.role in ("demonym", "part"):
            continue
        if any(q.start <= m.start < q.end for q in sent.quotes):
            continue
        if sent.text[sent.local(m.end) : sent.local(m.end) + 2] in ("'s", "’s"):
            continue
        return m
    return None


def state_of(ctx: Context, m: Mention) -> str | None:
    """The state a body or place belongs to (State Duma -> Russia, White House -> US)."""
    e = ctx.entities[m.key]
    if e.type is T.STATE:
        return e.key
    owner = e.ref.belongs_to if e.ref else None
    if owner:
        st = ctx.rec.rb.by_name(owner)
        if st is not None:
            ctx.rec.entity(st.key, st.type, st.name, st)
            return st.key
    name = e.name
    mm = re.search(r" of ([A-Z][\w ]+)$", name)
    if mm:
        st = ctx.rec.rb.by_name(mm.group(1))
        if st is not None:
            return st.key
    return None

"""Clause-level helpers shared by the rules: negation and modality, the clause before a
word, the subject of a verb, and what qualifies a title."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._entities import Mention
from kg.extract._lexicon import pairs, rx
from kg.extract._refbase import refbase

NEGATION = rx(r"\b{negation}\b", re.I)
MODAL = rx(r"\b{modal}\b")  # case matters: "May 23" is a month


def number(word: str) -> int | None:
    """The value of a number written in digits or words ("six", "then-16")."""
    word = word.lower().removeprefix("then-").replace(",", "")
    if word.isdigit():
        return int(word)
    tens, _, units = word.partition("-")  # "sixty-seven"
    if units:
        t, u = pairs("numbers").get(tens), pairs("numbers").get(units)
        return int(t) + int(u) if t and u and int(t) >= 20 and int(u) < 10 else None
    value = pairs("numbers").get(word)
    return int(value) if value else None


def negated(text: str) -> bool:
    return bool(NEGATION.search(text))


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
    # "Maria Zakharova, a spokeswoman for Russia's foreign ministry, told": the subject
    # comes before the apposition
    ap = _APPOSITION.search(sent.text, 0, sent.local(pos))
    if ap is not None and ap.start() > 0:
        inner = subject(sent, sent.s.start + ap.start(), types)
        if inner is not None and inner.end == sent.s.start + ap.start():
            return inner
    # a name nested in a longer one ("Russian" in "the Russian-led bloc") is no subject
    nested = sent.nested
    cands = [m for m in sent.mentions if m.end <= pos and m.type in types and id(m) not in nested]
    for m in reversed(cands):
        between = sent.text[sent.local(m.end) : sent.local(pos)]
        if between[:2] in ("'s", "’s"):  # a possessive qualifies a noun; it is no subject
            continue
        if re.search(
            r"\b(?:of|from|to|with|against|under|by|in|on|bordering|neighbouring|neighboring|"
            r"near|facing|like|than)\s+(?:the\s+)?$",
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


_APPOSITION = re.compile(r",\s+(?:a|an|the|its|his|her|their)\s+[^,;“”\"]{1,80},\s*\Z")
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


def year_adjective(ctx: Context, d: DateMention) -> bool:
    """A bare year that qualifies a name, "the 1949 North Atlantic Treaty", or a treaty
    spoken of after a determiner: "the 1987 accord", "its 2015 nuclear deal" (a year of
    the treaty, not of what the sentence tells)."""
    if len(d.value) != 4 or d.text.strip() != d.value:
        return False
    if re.match(r"\s+[A-Z]", ctx.body[d.end : d.end + 2]):
        return True
    return bool(rx(r"(?:^|\W)(?:the|a|an|its|their|this|that)\s+$", re.IGNORECASE).search(
        ctx.body[max(0, d.start - 8) : d.start])) and bool(rx(
            r"\s+(?:[a-z][\w-]*\s+){0,2}{treaty-nouns}s?\b").match(ctx.body, d.end))


def qualifies_title(ctx: Context, sent: Sent, x: Mention) -> bool:
    """Whether a state only qualifies the title of the person after it ("US President")."""
    if x.type is not T.STATE:
        return False
    nxt = next((y for y in sent.mentions if y.start >= x.end), None)
    return nxt is not None and nxt.type is T.PERSON and bool(
        re.fullmatch(r"(?:'s)?\s+(?:[A-Z][\w-]*\s+)+", ctx.body[x.end : nxt.start]))


def segment_end(text: str, start: int) -> int:
    m = re.search(
        r"[;.]|,\s+(?:and|which|who|but|when)\b|\s+and\s+(?!the\s+[A-Z]|[A-Z]|"
        r"(?:his|her)\s+(?:[A-Z]\w+\s+)?counterpart)", text[start:]
    )
    return start + m.start() if m else len(text)


# what may stand between a qualifier and the speaker it qualifies: "Russian Foreign
# Minister", "European Union envoy", "Kremlin chief spokesman"
DESCRIPTION = re.compile(r"(?:'s)?\s+(?:(?:[A-Z][\w-]*|chief|envoy|negotiator|spokes(?:man|woman|"
                          r"person)|official|aide|adviser|advisor|ambassador|leader)\s+)*")


def qualifies_person(ctx: Context, sent: Sent, m: Mention) -> bool:
    """A state or body written before a person's title: "US" in "US Secretary of State
    Antony Blinken"."""
    if m.type is T.PERSON:
        return False
    nxt = next((x for x in sent.mentions if x.start >= m.end), None)
    if nxt is None or nxt.type is not T.PERSON:
        return False
    if DESCRIPTION.fullmatch(ctx.body, m.end, nxt.start) is not None:
        return True
    from kg.extract._entities import title_re

    between = ctx.body[m.end : nxt.start].removeprefix("'s").removeprefix("’s").strip()
    return title_re().fullmatch(between) is not None


def possessive(ctx: Context, m: Mention) -> bool:
    return ctx.body[m.end : m.end + 2] in ("'s", "’s")


def quoted(sent: Sent, x: Mention) -> bool:
    return any(q.start <= x.start < q.end for q in sent.quotes)

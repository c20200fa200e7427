"""Coordinated lists of actors: "Poland, Hungary and the Czech Republic", "NATO and the
EU", "60 have ratified it, including A, B and C"."""

from __future__ import annotations

import re
from itertools import pairwise

from kg.extract._context import ACTORS, BODIES, Context, Sent, T
from kg.extract._entities import Mention

_INCLUDING = re.compile(r"\s+(?:to\s+)?(?:it|the\s+(?:treaty|convention|pact|accord|agreement|"
                        r"protocol|[A-Z][\w-]*))?,?\s+including\s+(?:the\s+)?")


# a number or a quantity as the subject: "60 have", "More than 100 countries are"
COUNTED = re.compile(r"(?:^|\b(?:and|but|,))\s*(?:(?:[Mm]ore|[Ff]ewer)\s+than\s+|[Ss]ome\s+|"
                      r"[Oo]ver\s+|[Nn]early\s+|[Aa]bout\s+)?(?:\d+|[a-z]+ty|[Dd]ozens|[Mm]ost|"
                      r"[Mm]any)\s+(?:(?:countries|states|nations|members|of\s+them)\s+)?"
                      r"(?:have|has|had|are|were)\s+$")


def including(sent: Sent, end: int) -> list[str]:
    """The states listed after a counted subject's verb: "60 have ratified it, including
    A, B and C" (``end`` the local end of the verb phrase)."""
    im = _INCLUDING.match(sent.text, end)
    if im is None:
        return []
    out: list[str] = []
    pos = sent.s.start + im.end()
    for x in sorted(sent.mentions, key=lambda x: x.start):
        if x.start < pos or x.type is not T.STATE or x.role == "demonym":
            continue
        if x.start != pos:
            break
        out.append(x.key)
        gap = re.match(r",\s+(?:and\s+)?(?:the\s+)?|,?\s+and\s+(?:the\s+)?", sent.text[
            sent.local(x.end) :])
        if gap is None:
            break
        pos = x.end + gap.end()
    return out


def state_list_before(ctx: Context, sent: Sent, pos: int) -> list[Mention]:
    """The states listed right before ``pos``: "Poland, Hungary and the Czech Republic"."""
    states = [
        x for x in sent.mentions if x.end <= pos and x.type is T.STATE and x.role != "demonym"
    ]
    out: list[Mention] = []
    cur = pos
    for x in reversed(states):
        gap = ctx.body[x.end : cur]
        if out and not re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?", gap):
            break
        if not out and not re.fullmatch(
            r"\s*(?:,[^,;]{1,60},|,\s+which)?\s*(?:has\s+|have\s+|had\s+|"
            r"formally\s+|officially\s+)*",
            gap,
        ):
            break
        out.insert(0, x)
        cur = x.start
    return out


def state_list_after(ctx: Context, sent: Sent, pos: int) -> list[Mention]:
    """The states listed from ``pos`` on: "Britain, China, France, Germany and Russia"."""
    out: list[Mention] = []
    cur = pos
    for x in sent.mentions:
        if x.start < cur or x.type is not T.STATE or x.role == "demonym":
            continue
        gap = ctx.body[cur : x.start]
        if out and not re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?", gap):
            break
        if not out and gap.strip():
            break
        out.append(x)
        cur = x.end
    return out


def last_list(ctx: Context, sent: Sent, pos: int, n: int) -> list[Mention]:
    """The last ``n`` states named together ("Estonia, Latvia, Lithuania and Poland") before
    ``pos``, in this sentence or the ten before it."""
    for s in reversed(ctx.sents[max(0, sent.index - 10) : sent.index + 1]):
        states = [x for x in s.mentions if x.type is T.STATE and x.role != "demonym"
                  and x.end <= pos]
        run: list[Mention] = []
        for x in reversed(states):
            if run and not re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?",
                                        ctx.body[x.end : run[0].start]):
                if len(run) == n:
                    return run
                run = []
            run.insert(0, x)
        if len(run) == n:
            return run
    return []


def pair_before(ctx: Context, sent: Sent, pos: int) -> list[str]:
    """The last two states named together ("Finland and Sweden", "Helsinki and Stockholm")
    in this sentence or the two before it."""
    for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
        states = [x for x in s.mentions if x.type is T.STATE and x.end <= pos]
        for a, b in reversed(list(pairwise(states))):
            if a.key != b.key and re.fullmatch(r"\s+and\s+(?:the\s+)?", ctx.body[a.end : b.start]):
                return [a.key, b.key]
    return []


_COORDINATED = re.compile(r"(?:,|,?\s+and)\s+(?:the\s+)?")


def coordinated_after(ctx: Context, sent: Sent, first: Mention) -> list[Mention]:
    """The actors listed after ``first``: "NATO and the EU", "Washington, London and Paris"."""
    out: list[Mention] = []
    cur = first
    for x in sent.mentions:
        if x.start < cur.end or x is first:
            continue
        if x.type not in ACTORS or x.role in ("demonym", "part") or \
                not _COORDINATED.fullmatch(ctx.body, cur.end, x.start):
            break
        out.append(x)
        cur = x
    return out


def coordinated_before(ctx: Context, sent: Sent, last: Mention) -> list[Mention]:
    """The actors listed before ``last``: "Washington and London" before "have accused"."""
    out: list[Mention] = []
    cur = last
    for x in reversed(sent.mentions):
        if x.end > cur.start:
            continue
        if x.type not in BODIES or x.role in ("demonym", "part") or \
                not _COORDINATED.fullmatch(ctx.body, x.end, cur.start):
            break
        out.insert(0, x)
        cur = x
    return out

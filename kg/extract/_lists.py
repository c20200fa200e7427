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


# what may stand between a list of states and its verb: an apposition, "which", auxiliaries,
# adverbs, a day ("today", "on Monday")
_BEFORE_VERB = re.compile(r"\s*(?:,[^,;]{1,60},|,\s+which)?\s*(?:(?:has|have|had|formally|"
                          r"officially|today|yesterday|jointly|together|also|finally|now|"
                          r"for\s+the\s+first\s+time|at\s+last|on\s+\w+day|\w+day|\w+ly)\s+)*"
                          # "have signed and ratified": a verb coordinated before this one
                          r"(?:(?:signed|ratified|joined|approved)\s+and\s+)?")


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
        if not out and not _BEFORE_VERB.fullmatch(gap):
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


# a state after one of these words is an object, not part of the subject: "countries
# bordering Russia", "allies of the US", "troops from Poland"
_OBJECT_BEFORE = re.compile(r"\b(?:of|from|to|with|against|under|by|in|on|at|into|near|over|"
                            r"bordering|neighbouring|neighboring|including\s+in|facing|toward|"
                            r"towards|than|like|versus)\s+(?:the\s+)?\Z")
_CLAUSE_CUT = re.compile(r";|,\s+(?:and|but|while|whereas)\s+")
_VERBISH = re.compile(r"\b(?!(?:and|or|the|of|notably|including|such|as|namely|especially|"
                      r"particularly|both|also)\b)[a-z]{2,}\b")
_LIST_MARK = re.compile(r"\b(?:notably|including|namely|such\s+as|especially|particularly)\b|"
                        r"[—–:]|\s-\s")


def subject_states(ctx: Context, sent: Sent, pos: int) -> list[Mention]:
    """The states that are the subject of a verb at ``pos`` when the subject lists them:
    "Countries bordering Russia, notably Ukraine, Finland and the Baltic states - Estonia,
    Latvia and Lithuania - have withdrawn" gives Ukraine, Finland, Estonia, Latvia and
    Lithuania (Russia is the object of "bordering"); [] when the subject lists none."""
    start = 0  # after a clause of its own: "A and B have never joined, and C withdrew"
    for cut in _CLAUSE_CUT.finditer(sent.text, 0, sent.local(pos)):
        if cut.group(0) == ";" or _VERBISH.search(sent.text, start, cut.start()):
            start = cut.end()
    head = sent.text[start : sent.local(pos)]
    if not _LIST_MARK.search(head) and not re.search(r",\s+\w+.*\band\b", head):
        return []
    out: list[Mention] = []
    for x in sent.mentions:
        if not (sent.s.start + start <= x.start and x.end <= pos) or x.type is not T.STATE \
                or x.role == "demonym" or ctx.body[x.end : x.end + 2] in ("'s", "’s"):
            continue
        if _OBJECT_BEFORE.search(ctx.body, max(sent.s.start, x.start - 24), x.start):
            continue
        if x.key not in {y.key for y in out}:
            out.append(x)
    return out if len(out) > 1 else []


# "Arms makers that have signed and ratified it include A, B and C"
_INCLUDE_AFTER = re.compile(r"(?:\s+and\s+\w+)?\s+(?:it|them|the\s+(?:treaty|convention|pact|"
                            r"accord|agreement))\s+(?:include|includes|included|are)\s+"
                            r"(?:the\s+)?")
_RELATIVE_HAVE = re.compile(r"\b(?:that|which|who)\s+(?:have|had)\s+(?:\w+\s+and\s+)?\Z")


def listed_as_including(ctx: Context, sent: Sent, start: int, end: int) -> list[Mention]:
    """The states a relative clause's verb at ``start``-``end`` (body offsets) lists after
    "include": "Arms makers that have signed and ratified it include A, B and C"."""
    im = _INCLUDE_AFTER.match(ctx.body, end)
    if im is None or not _RELATIVE_HAVE.search(ctx.body, max(sent.s.start, start - 40), start):
        return []
    return state_list_after(ctx, sent, im.end())

"""Parts of bodies in posts: "Chairman of the Arms Committee of the Senate" holds a post
written with the part it heads, of the body the part belongs to."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._entities import Mention
from kg.extract._lexicon import rx
from kg.extract.rules._titles import Post, context_state, title_key

#: "the Russian delegation": a post of a delegation, of the state it speaks for
DELEGATION = re.compile(r"\s+delegation\b")

# the capitalised name of a part of a body, and what it is part of: "CIS Affairs Committee
# of the Russian State Duma", "Non-Proliferation Project at the Carnegie Endowment"
_SUB_BODY = r"((?:[A-Z][\w'-]*\s+)(?:(?:[A-Z][\w'-]*|on|for|of|and)\s+){0,6}?" \
            r"(?:{sub-body-heads}))\b(?:(?:\s+(?:of|at|in)\s+(?:the\s+)?))?"


_ON_TAIL = re.compile(r"\s+on\s+(?:[A-Z][\w-]*\s*)+")


def sub_body_post(ctx: Context, sent: Sent, m: Mention, position: str, at: int
                  ) -> tuple[str, str, int] | None:
    """The post, its body and where it is written, for a title followed at ``at`` by the
    name of a part of a body; None when no part is named there."""
    sb = rx(_SUB_BODY).match(ctx.body, at)
    if sb is None:
        return None
    part = sb.group(1)
    tail = _ON_TAIL.match(ctx.body, sb.end(1))  # "... on Arms"
    if tail and sb.end() == sb.end(1):
        part += tail.group(0).rstrip()
    parent = next((x for x in sent.mentions if x.start == sb.end() and sb.end() > sb.end(1)
                   and x.type in BODIES), None)
    if parent is not None and parent.role == "demonym":  # "of the Russian State Duma"
        parent = next((x for x in sent.mentions if x.start == parent.end + 1
                       and x.type in (T.BLOC, T.ORGANIZATION)), parent)
    inside = next((x for x in sent.mentions if at <= x.start < sb.end(1)
                   and x.type in (T.STATE, T.BLOC) and x.end < sb.end(1)), None)
    of = parent.key if parent else inside.key if inside else None
    of = of or part_of(ctx, part) or context_state(ctx, sent, m)
    if of is None:
        return None
    if inside is not None and part.startswith(inside.text):  # "CSTO Collective Security ..."
        part = part[len(inside.text) :].strip()
    return f"{position} of the {part}", of, at


def part_of(ctx: Context, part: str) -> str | None:
    """The body a part belongs to, as the article names it somewhere: "the Executive
    Council of the OPCW" or "the OPCW Executive Council"."""
    memo: dict[str, str | None] = ctx.memo.setdefault("part_of", {})
    if part not in memo:
        memo[part] = _part_of(ctx, part)
    return memo[part]


def _part_of(ctx: Context, part: str) -> str | None:
    index = ctx.memo.get("bodies_at")
    if index is None:  # the bodies by where they start and end, once per article
        bodies = [x for x in ctx.rec.mentions if x.type in BODIES and x.role != "demonym"]
        index = ctx.memo["bodies_at"] = ({x.start: x for x in reversed(bodies)},
                                         {x.end: x for x in reversed(bodies)})
    starts, ends = index
    for pm in re.finditer(re.escape(part) + r"\s+of\s+(?:the\s+)?", ctx.body):
        if pm.end() in starts:
            return starts[pm.end()].key
    for pm in re.finditer(r"(?<=\s)" + re.escape(part) + r"\b", ctx.body):
        if pm.start() - 1 in ends:
            return ends[pm.start() - 1].key
    return None


def whole_of(ctx: Context, key: str) -> tuple[str, str] | None:
    """The name of a part of a body and the key of the whole, for an organisation named
    like a part ("Executive Council") when the article names the whole it belongs to."""
    info = ctx.entities.get(key)
    if info is None or info.type is not T.ORGANIZATION or \
            not rx(r"\b(?:{sub-body-heads})$").search(info.name):
        return None
    whole = part_of(ctx, info.name)
    if whole is None:  # "CSTO Collective Security Council": the whole's name opens it
        head, _, rest = info.name.partition(" ")
        rb = ctx.rec.rb
        ref = next((rb.entities[k] for k, role in rb.surfaces.get(head, []) if role == "name"
                    and rb.entities[k].type in (T.BLOC, T.ORGANIZATION)), None)
        if ref is not None and rest:
            ctx.rec.entity(ref.key, ref.type, ref.name, ref)
            return rest, ref.key
    return (info.name, whole) if whole and whole != key else None


# "Armenia's Prime Minister and Chairman of the CSTO Collective Security Council Nikol
# Pashinyan": one title, or two joined by "and", of a body named right before the name
_TITLES_OF = re.compile(r"(?:(?P<t1>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+and\s+)?"
                        r"(?P<t2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+of\s+(?:the\s+)?\Z")


def titles_of_body(ctx: Context, sent: Sent, m: Mention) -> list[Post]:
    """ "Prime Minister and Chairman of the CSTO Collective Security Council Nikol
    Pashinyan": the post of the body written before the name, and the post joined to it
    (of the state whose possessive opens the phrase, or the person's)."""
    if m.info.get("title"):
        return []
    org = next((x for x in sent.mentions if x.end == m.start - 1 and x.type in BODIES
                and x.role != "demonym"), None)
    tm = _TITLES_OF.search(ctx.body, max(sent.s.start, org.start - 80), org.start) \
        if org else None
    titles = ctx.rec.rb.titles
    if org is None or tm is None or title_key(tm.group("t2")) not in titles:
        return []
    position = titles[title_key(tm.group("t2"))][0]
    whole = whole_of(ctx, org.key)
    posts = [Post(f"{position} of the {whole[0]}", whole[1], tm.start("t2")) if whole
             else Post(position, org.key, tm.start("t2"))]
    first = tm.group("t1")
    if first and title_key(first) in titles:
        owner = next((x for x in sent.mentions if x.type is T.STATE and x.role != "demonym"
                      and ctx.body[x.end : tm.start()] in ("'s ", "’s ")), None)
        of = owner.key if owner else context_state(ctx, sent, m)
        if of is not None:
            posts.insert(0, Post(titles[title_key(first)][0], of, tm.start("t1")))
    return posts

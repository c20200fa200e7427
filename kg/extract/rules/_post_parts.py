"""The ways a text gives a person's post, tried in turn by the holds_position rule: an
apposition, a title after or before the name, a description standing for the person."""

from __future__ import annotations

import re
from functools import cache

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import state_of
from kg.extract._entities import Mention
from kg.extract._lexicon import rx
from kg.extract.rules._body_parts import DELEGATION, sub_body_post, whole_of
from kg.extract.rules._titles import (
    OF_AN_OCCASION,
    Post,
    appositive_title,
    chamber,
    context_state,
    headline,
    jurisdiction,
    known_state,
    main_body,
    qualifier,
    title_key,
)

__all__ = ["ambassador_of", "apposition", "description", "listed_after_title", "title_after",
           "title_before"]


def apposition(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "Sergei Ryabkov, Russia's deputy foreign minister,": the state before the title."""
    if m.info.get("title"):
        return None
    app = appositive_title(ctx, sent, m)
    return Post(app[0], app[1], m.end) if app else None


_TITLE_AFTER = re.compile(r",\s+(?:then\s+|the\s+|an?\s+|who\s+(?:is|was)\s+)?"
                          r"(?:([A-Z][a-z]+)'s\s+)?([A-Za-z][A-Za-z -]+?)\s+(?:of|at|for)\s+"
                          r"(?:the\s+)?")


def title_after(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "Jens Stoltenberg, Secretary General of NATO,": the body after the title; "Jon Roe,
    chairman of the Arms Committee of the Senate,": the post written with the part of a
    body it heads, of that body (or of the state the part belongs to)."""
    if m.info.get("title"):
        return None
    after = _TITLE_AFTER.match(ctx.body, m.end, m.end + 80)
    if not after or title_key(after.group(2)) not in ctx.rec.rb.titles:
        return None
    tstart = m.end + after.start(2) - after.start()
    if _guarded(ctx, tstart):
        return None
    position = ctx.rec.rb.titles[title_key(after.group(2))][0]
    at = m.end + after.end() - after.start()
    sub = sub_body_post(ctx, sent, m, position, at)
    if sub is not None:
        return Post(*sub)
    org = next((x for x in sent.mentions if x.start == at), None)
    if position.startswith("Spokes"):
        spoke = _ministry_spokesperson(ctx, sent, at)
        if spoke is not None:  # "a spokeswoman for Russia's foreign ministry"
            return Post(spoke[0], spoke[1], tstart)
    if org is not None and org.role == "demonym" and DELEGATION.match(ctx.body, org.end):
        position = f"{position} of Delegation"  # "the head of the Russian delegation"
    return Post(position, org.key, tstart) if org else None


_MINISTRY = re.compile(r"\b(?:(?P<f>[Ff]oreign)\s+[Mm]inistry|"
                       r"[Mm]inistry\s+of\s+(?P<fa>[Ff]oreign)|"
                       r"(?:[Dd]efen[cs]e)\s+[Mm]inistry|[Mm]inistry\s+of\s+[Dd]efen[cs]e)")


def _ministry_spokesperson(ctx: Context, sent: Sent, at: int) -> tuple[str, str] | None:
    """ "spokeswoman for Russia's foreign ministry", "spokesman for the Russian Defence
    Ministry": the ministry's spokesperson, of its state (as "Foreign Ministry spokeswoman")."""
    mm = _MINISTRY.search(ctx.body, at, at + 40)
    if mm is None or ctx.body[at : mm.start()].count(" ") > 3:
        return None
    state = next((x for x in sent.mentions if at <= x.start < mm.end() and x.type is T.STATE),
                 None)
    key = state.key if state is not None else None
    if key is None:
        org = next((x for x in sent.mentions if x.start <= mm.start() < x.end
                    and x.type is T.ORGANIZATION), None)
        key = state_of(ctx, org) if org is not None else None
    if key is None:
        return None
    kind = "Foreign" if mm.group("f") or mm.group("fa") else "Defence"
    return f"{kind} Ministry Spokesperson", key


def description(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "Vladimir Putin ... the Russian president": the post a description gives the
    person it stands for."""
    if m.role != "anaphor" or not m.info.get("described"):
        return None
    st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(m.info["of_state"], []))
    if st is None:
        return None
    ctx.rec.entity(st.key, st.type, st.name, st)
    position = ctx.rec.rb.titles[title_key(m.info["title"])][0]
    return Post(position, st.key, int(m.info["title_start"]))


def title_before(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "Russian Foreign Minister Sergey Lavrov", "President Bush": the title before the
    name, of the state or body written before it, named by the post itself ("Secretary
    of State"), known for the person, or told by the sentence and the article."""
    title = m.info.get("title")
    if not title:
        return None
    tstart = int(m.info.get("title_start", m.start))
    if _guarded(ctx, tstart):
        return None
    rb = ctx.rec.rb
    position, organ = rb.titles[title_key(title)]
    if m.info.get("title_tail"):  # the post as written with the field it covers
        position = headline(title + m.info["title_tail"])
    rank = _RANK_BEFORE.search(ctx.body, max(0, tstart - 20), tstart)
    if rank is not None:  # "Deputy Secretary of Defense", "Acting President"
        position = f"{rank.group(1).title()} {position}"
        tstart = rank.start(1)
    of = jurisdiction(ctx, title)
    if of is None and m.info.get("of_state"):  # "... respectively", "President of Belarus X"
        st = ctx.rec._ref_state(rb.surfaces.get(m.info["of_state"], []))
        if st is not None:
            ctx.rec.entity(st.key, st.type, st.name, st)
            of = st.key
    if of is None:
        of = qualifier(ctx, sent, tstart, organ, m)
        whole = whole_of(ctx, of) if of else None
        if whole is not None:  # "the Chairperson of the Executive Council" of the OPCW
            position, of = f"{position} of the {whole[0]}", whole[1]
    if position == "Senator" and of is not None:
        of = chamber(ctx, of, "Senate") or of  # "US Senator X": of the United States Senate
    guessed = False
    if of is None and organ == "state":
        of, guessed = context_state(ctx, sent, m), known_state(ctx, m) is None
    if of is None and organ == "body" and _unnamed_body().search(ctx.body, max(0, tstart - 20),
                                                                   tstart):
        return None  # "citing committee spokesman X": of a body the text does not name here
    if of is None and organ == "body":
        prev = [x for x in sent.mentions if x.end <= tstart and x.type in (T.BLOC, T.ORGANIZATION)
                and not x.key.startswith("media:")]  # "Tasnim reported, citing spokesman X"
        of = prev[-1].key if prev else main_body(ctx)
    return Post(position, of, tstart, guessed) if of else None


@cache
def _unnamed_body() -> re.Pattern[str]:
    """A lower-case body word before a title: "committee spokesman", "ministry spokeswoman"."""
    return rx(r"\b(?=[a-z])(?:{body-words})\s+\Z", re.I)


# a rank the titles list has not with this post: "Deputy Secretary of Defense Robert Work"
_RANK_BEFORE = re.compile(r"\b(Deputy|Under|Assistant|Acting|Vice|Interim|First\s+Deputy|"
                          r"deputy|acting|interim)\s+\Z")


def _guarded(ctx: Context, tstart: int) -> bool:
    """ "former U.S. ambassador John Bolton", "the late Soviet leader X", "incoming
    Chancellor X", "the conference's president, X": no post (held no longer or not yet)."""
    return bool(re.search(r"\b(?:[Ff]ormer|[Ee]x-|(?<=[Tt]he\s)late|[Ii]ncoming)\s*"
                          r"(?:[\w.]+(?:'s)?\s+)?$", ctx.body[max(0, tstart - 30) : tstart])) \
        or bool(OF_AN_OCCASION.search(ctx.body, max(0, tstart - 30), tstart))


# "Chairperson of the Executive Council, Ambassador Ana Ruiz of Peru": the
# rank before the name is a post too, of the state after it
_AMBASSADOR_BEFORE = re.compile(r"\bAmbassador\s+\Z")
_OF_STATE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")


def ambassador_of(ctx: Context, sent: Sent, m: Mention) -> list[Post] | None:
    """ "Ambassador X of Ecuador": Ambassador of that state, with the post a title before
    the rank gives ("the Chairperson of the Council, Ambassador X of Ecuador")."""
    if not _AMBASSADOR_BEFORE.search(ctx.body, max(0, m.start - 12), m.start):
        return None
    om = _OF_STATE_AFTER.match(ctx.body, m.end)
    state = next((x for x in sent.mentions if om and x.start == om.end()
                  and x.type is T.STATE and x.role != "demonym"), None)
    if state is None:
        return None
    other = title_before(ctx, sent, m)
    return [Post("Ambassador", state.key, m.start - len("Ambassador ")),
            *([other] if other is not None else [])]


# "Sens. A of Rhode Island, B of Vermont and C of Pennsylvania": a plural title for a list
_LISTED = re.compile(r"(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?:,|,?\s+and)\s+")


def listed_after_title(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """A person listed after one who holds a plural title ("Sens.", "Senators",
    "Foreign Ministers"): the same post, of the same body or state."""
    if m.info.get("title") or m.role != "name":
        return None
    people = [x for x in sent.mentions if x.type is T.PERSON and x.end <= m.start
              and x.role == "name"]
    cur = m
    for p in reversed(people):
        if not _LISTED.fullmatch(ctx.body, p.end, cur.start):
            return None
        title = p.info.get("title", "")
        if title:
            post = ctx.entities[p.key].title
            plural = re.search(r"[a-z]s\.?\Z", title) is not None
            return Post(post[0], post[1], m.start) if post and plural else None
        cur = p
    return None

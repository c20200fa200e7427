"""Which state or body a title is of: the qualifier written before it, the state a
post names on its own, the person's known state, the sentence's and the article's."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._discourse import main_state, person_state, state_of
from kg.extract._entities import Mention
from kg.extract._sink import Sink
from kg.extract._syntax import qualifies_person, quoted


@dataclass
class Post:
    position: str
    of: str
    tstart: int  # where the title is written
    guessed: bool = False  # its state guessed from context
    when: str | None = None


def title_key(title: str) -> str:
    return re.sub(r"\s+", " ", title.lower())


def headline(text: str) -> str:
    """ "special representative for the Biological Weapons Convention" in headline case."""
    small = ("of", "for", "and", "the", "to", "on", "in")
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in text.split())


OF_AN_OCCASION = re.compile(r"\b(?:conference|meeting|session|summit|talks|assembly|committee|"
                            r"board|panel|forum|negotiations)(?:'s|’s|')\s+\Z")


def drop_rival_guesses(ctx: Context, sink: Sink, guessed: set[str]) -> None:
    """A state guessed from context for a title is wrong when another person named in the
    same sentence holds that very post of that state: "President George Bush and Soviet
    President Mikhail Gorbachev" are not both Soviet presidents."""
    for d in list(sink.facts):
        if d.kind != "holds_position" or d.fields["person"] not in guessed:
            continue
        held = (d.fields["position"], d.fields["of"])
        if any(x.type is T.PERSON and x.key != d.fields["person"]
               and ctx.entities[x.key].title == held for x in d.sent.mentions):
            # the post of the state the article names most after the rival's
            counts = Counter(x.key for s in ctx.sents for x in s.mentions
                             if x.type is T.STATE and x.key != held[1])
            rival = (held[0], counts.most_common(1)[0][0]) if counts else None
            if rival is None or any(ctx.entities[x.key].title == rival for x in d.sent.mentions
                                    if x.type is T.PERSON):
                sink.facts.remove(d)
                ctx.entities[d.fields["person"]].title = None
            else:
                d.fields["of"] = rival[1]
                ctx.entities[d.fields["person"]].title = rival


_APPOSITION = re.compile(r",\s+(?:then\s+|who\s+(?:is|was)\s+)?(?:the\s+)?")


_TITLE_WORDS = re.compile(r"(?:'s|’s)?\s+((?:[A-Za-z-]+\s+){0,4}?[A-Za-z-]+)"
                          r"(?=\s*[,.;]|\s+(?:said|says|told|warned|accused|added)\b)")


def appositive_title(ctx: Context, sent: Sent, m: Mention) -> tuple[str, str] | None:
    """A title set after a name with its state or body before it: "Sergei Ryabkov, Russia's
    deputy foreign minister,", "John Bolton, the US national security adviser, said"."""
    app = _APPOSITION.match(ctx.body, m.end, m.end + 20)
    if app is None:
        return None
    q = next((x for x in sent.mentions if x.start == app.end() and x.type in BODIES), None)
    if q is None:
        leader = _leaders_aide(ctx, sent, app.end())
        return leader if leader is not None else _bare_apposition(ctx, sent, m, app.end())
    tm = _TITLE_WORDS.match(ctx.body, q.end, q.end + 60)
    if tm is None:
        return None
    words = re.sub(r"\s+", " ", tm.group(1).lower())
    found = ctx.rec.rb.titles.get(words)
    if found is None and _COLOUR.match(words):  # "Belarus's authoritarian leader"
        found = ctx.rec.rb.titles.get(_COLOUR.sub("", words, count=1))
    if found is None:
        return None
    position, organ = found
    if organ == "state":
        if q.type is T.STATE:
            return position, q.key
        st = state_of(ctx, q)
        return (position, st) if st else None
    return position, q.key


# "Tom Hale, Biden's nuclear envoy,": a leader's aide, of the leader's state
_AIDE = re.compile(r"['’]s\s+((?:[a-z][a-z-]*\s+){0,3}(?:envoy|adviser|advisor|spokesman|"
                   r"spokeswoman|spokesperson|negotiator|representative|emissary))(?=\s*,)")


def _leaders_aide(ctx: Context, sent: Sent, at: int) -> tuple[str, str] | None:
    leader = next((x for x in sent.mentions if x.start == at and x.type is T.PERSON), None)
    am = _AIDE.match(ctx.body, leader.end) if leader is not None else None
    if leader is None or am is None:
        return None
    st = person_state(ctx, sent, leader)
    return (headline(am.group(1)), st) if st else None


# a word of colour before a title, no part of it: "authoritarian leader", "long-time president"
_COLOUR = re.compile(r"(?:authoritarian|veteran|long-?time|longtime|embattled|hardline|"
                     r"hard-line|outgoing|incoming|powerful|reformist|pro-western|"
                     r"pro-russian|nationalist|populist|conservative|liberal|new|current|"
                     r"acting|interim)\s+")


_BARE_TITLE = re.compile(r"([A-Za-z][A-Za-z -]{2,60}?)(?=,|\s+(?:and|said|says|told)\b)")


def _bare_apposition(ctx: Context, sent: Sent, m: Mention, at: int) -> tuple[str, str] | None:
    """ "George Shultz, the secretary of state, and ...": a title in apposition with no
    state written, of the state the post names, or one the article makes plain."""
    if not re.search(r"\bthe\s+\Z", ctx.body[max(0, at - 5) : at]):
        return None
    tm = _BARE_TITLE.match(ctx.body, at)
    found = ctx.rec.rb.titles.get(re.sub(r"\s+", " ", tm.group(1).lower())) if tm else None
    if tm is None or found is None or found[1] != "state":
        return None
    of = jurisdiction(ctx, tm.group(1)) or context_state(ctx, sent, m)
    return (found[0], of) if of else None


def jurisdiction(ctx: Context, title: str) -> str | None:
    """A title that names one state's post on its own ("Secretary of State": the US),
    from the positions of the reference base."""
    from kg.extract._refbase import positions_by_alias

    key = re.sub(r"\s+", " ", title).lower()
    state = positions_by_alias().get(key)
    if state is None:  # "Deputy Secretary of State": the state of the post it deputises
        rank = re.match(r"(?:deputy|under|assistant|principal\s+deputy)\s+(?=secretary\b)", key)
        state = positions_by_alias().get(key[rank.end():]) if rank else None
    if state is None:
        return None
    ref = ctx.rec.rb.by_name(state)
    if ref is None:
        return None
    ctx.rec.entity(ref.key, ref.type, ref.name, ref)
    return ref.key


def chamber(ctx: Context, state_key: str, word: str) -> str | None:
    """The chamber of a state's legislature the reference base names with ``word``
    ("United States Senate" for the United States and "Senate"), registered for the
    article; None when the key is no state or the base knows no such chamber."""
    info = ctx.entities.get(state_key)
    if info is None or info.type is not T.STATE:
        return None
    rb = ctx.rec.rb
    ref = next((e for e in rb.entities.values() if e.type is T.ORGANIZATION
                and e.belongs_to == info.name and re.search(rf"\b{word}\b", e.name)
                and not re.search(r"\bCommittee\b", e.name)), None)
    if ref is None:
        return None
    ctx.rec.entity(ref.key, ref.type, ref.name, ref)
    return ref.key


def qualifier(ctx: Context, sent: Sent, tstart: int, organ: str, person: Mention) -> str | None:
    """The state or body written just before a title: "Russian", "US", "NATO", "Russia's"."""
    inside = [
        x
        for x in sent.mentions
        if x.start >= tstart and x.end <= person.start and x.type is T.ORGANIZATION
    ]
    if organ == "body":  # "the Director-General of the OPCW, Ahmet Uzumcu"
        body_of = next((x for x in sent.mentions if tstart < x.start < person.start
                        and x.type in (T.BLOC, T.ORGANIZATION) and re.search(
                            r"\sof\s+(?:the\s+)?$", ctx.body[max(0, x.start - 9) : x.start])),
                       None)
        if body_of is not None:
            return body_of.key
    if inside:  # "State Duma Chairman"
        st = state_of(ctx, inside[0])
        if st:
            return st
    if re.search(r"\bthe\s+country's\s+$", ctx.body[max(0, tstart - 20) : tstart]):
        prior = [
            x
            for s in ctx.sents
            for x in s.mentions
            if x.end <= tstart and x.type is T.STATE and not quoted(s, x)
        ]
        return prior[-1].key if prior else None
    # "NATO Secretary General", "Russia's President"; not "... of Montenegro, Secretary General"
    prev = [x for x in sent.mentions if x.end <= tstart and tstart - x.end <= 3
            and ctx.body[x.end : tstart].strip() in ("", "'s", "’s")]
    if not prev:
        # "Armenia, whose Prime Minister"
        w = re.search(r"([A-Z][\w]+),\s+whose\s+$", ctx.body[max(0, tstart - 40) : tstart])
        if w:
            prev = [x for x in sent.mentions if x.text == w.group(1)]
        if not prev:
            return None
    q = prev[-1]
    if q.type in (T.STATE, T.BLOC, T.ORGANIZATION) and organ == "body":
        return q.key
    if q.type is T.STATE:
        return q.key
    if q.type in (T.PLACE, T.ORGANIZATION, T.BLOC):
        return state_of(ctx, q) if organ == "state" else q.key
    return None


def context_state(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """A national title with no state written before it: a state named before it in the
    sentence ("The Soviet delegation was led by Vice President ..."), else in the sentence
    before it in the paragraph, else after it in the sentence ("... signed the law on
    Russia's withdrawal"), else the state the article is mostly about."""
    # "in Moscow" places a person, it does not qualify a title; "his Russian counterpart"
    # says whose the person's title is not
    other = re.search(r"\b(?:his|her)\s+([A-Z][a-z]+)\s+counterparts?\b", sent.text)
    not_his = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(other.group(1), [])) if other else None
    known = known_state(ctx, m)
    if known is not None and (not_his is None or known != not_his.key):
        return known
    person = ctx.entities[m.key].known
    if person is not None and person.states[0] in _state_names():
        return None  # a known office holder of a state the article does not name: no guess
    states = [x for x in sent.mentions if x.type is T.STATE and not quoted(sent, x)
              and not (x.role == "capital" and x.info.get("locative"))
              and not _LOCATIVE.search(ctx.body, max(0, x.start - 16), x.start)
              and not (not_his is not None and x.key == not_his.key)]
    before = [x for x in states if x.end <= m.start]
    # a state named outright beats an adjective ("the alliance of former Soviet states")
    named = [x for x in before if x.role != "demonym"]
    if named:
        return named[-1].key
    if before:
        return before[-1].key
    # "President Donald Trump pulled the United States out of the deal": the state a
    # leader acts for is the object of withdrawing, leading or committing it
    for x in states:
        if x.start >= m.end and re.search(
                r"\b(?:pulled|took|withdrew|led|brought|committed|steered)\s+(?:the\s+)?$",
                ctx.body[max(m.end, x.start - 30) : x.start]):
            return x.key
    i = sent.index
    if i > 0 and ctx.sents[i - 1].s.paragraph == sent.s.paragraph:
        prev = ctx.sents[i - 1]
        prior = [x for x in prev.mentions if x.type is T.STATE and not quoted(prev, x)
                 and not (not_his is not None and x.key == not_his.key)]
        if prior:
            return prior[-1].key
    # "President X and Soviet leader Y": a state qualifying another person is not X's
    after = [x for x in states if x.start >= m.end and not qualifies_person(ctx, sent, x)]
    if after:
        return after[0].key
    main = main_state(ctx)
    if not_his is not None and main == not_his.key:
        # "President X and his Russian counterpart" in an article mostly about Russia: X is
        # of the state named most after it
        counts = Counter(x.key for s in ctx.sents for x in s.mentions
                         if x.type is T.STATE and x.key != not_his.key)
        return counts.most_common(1)[0][0] if counts else None
    return main


# "speaking in Canada", "arrived in Moscow": a state a person is in, not whose he is
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|into|near|visit(?:ed|ing|s)?|toward|towards|across|"
                       r"outside|inside|through)\s+(?:the\s+)?\Z")


@cache
def _state_names() -> frozenset[str]:
    from kg.extract._refbase import refbase

    return frozenset(e.name for e in refbase().entities.values() if e.type is T.STATE)


def known_state(ctx: Context, m: Mention) -> str | None:
    """The state a person in the list of known office holders served, when the article
    names that state."""
    known = ctx.entities[m.key].known
    if known is None:
        return None
    for state in known.states:
        ref = ctx.rec.rb.by_name(state)
        if ref is not None and ref.type is T.STATE and ref.key in ctx.entities:
            return ref.key  # the text must name the state; the list only picks among those
    return None


def act_date(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """The date of the act the person is shown in: the date nearest the name, not one of
    another clause ("X said the test came weeks after the US quit the treaty on Aug. 2")."""
    dates = [d for d in sent.dates if d.end <= m.start
             or not _OTHER_CLAUSE.search(ctx.body, m.end, d.start)]
    if dates:
        return min(dates, key=lambda d: min(abs(d.start - m.end), abs(m.start - d.end))).value
    return None


# a clause of its own between a person and a date: the date is of what that clause tells
_OTHER_CLAUSE = re.compile(r"\b(?:that|after|before|since|when|which|who|because|while)\b|"
                           r"\b[a-z]+ed\b[^.;]*\b[a-z]+ed\b")


def main_body(ctx: Context) -> str | None:
    """The organisation or bloc an article names most (for a "Chief Executive" with no
    body written)."""
    counts = Counter(m.key for s in ctx.sents for m in s.mentions
                     if m.type in (T.ORGANIZATION, T.BLOC) and m.role != "part"
                     and not m.key.startswith("media:"))  # a paper that reports holds no post
    return counts.most_common(1)[0][0] if counts else None

"""What the text is about: the treaty a pronoun means, the bloc or state an article is
mostly about, the state a body belongs to."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract._context import Context, Sent, T
from kg.extract._entities import Mention
from kg.extract._refbase import RefEntity, content_words, treaties_by_words
from kg.extract._syntax import MODAL, clause_before, negated, qualifies_person, subject


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


def person_state(ctx: Context, sent: Sent, person: Mention) -> str | None:
    """The state a person acts for: the one their title names ("US President George W.
    Bush"), else the state of the known person."""
    for x in sent.mentions:
        if x.end > person.start:
            break
        if x.type is T.STATE and qualifies_person(ctx, sent, x) and next(
                (y for y in sent.mentions if y.start >= x.end), None) is person:
            return x.key
    e = ctx.entities[person.key]
    if e.title is not None and e.title[1] in ctx.entities \
            and ctx.entities[e.title[1]].type is T.STATE:
        return e.title[1]
    st = ctx.rec.rb.by_name(e.known.state) if e.known is not None else None
    if st is None or st.type is not T.STATE:
        return None
    ctx.rec.entity(st.key, st.type, st.name, st)
    return st.key


# "the Trump administration", "the Biden White House": a leader's government acts for the
# leader's state
_ADMINISTRATION = re.compile(r"\b(?:[Tt]he\s+)?(?P<who>[A-Z][a-z]+)\s+(?:administration|"
                             r"government|White\s+House|Kremlin)\b")


_LEADERS = ("President", "Prime Minister", "Chancellor")


def administration_state(ctx: Context, sent: Sent, pos: int) -> Mention | None:
    """The state of "the Trump administration" when it is the subject before ``pos``."""
    found = list(_ADMINISTRATION.finditer(ctx.body, pos - len(clause_before(sent, pos)), pos))
    if not found:
        return None
    am = found[-1]
    person = next((x for x in sent.mentions if x.type is T.PERSON
                   and x.start == am.start("who")), None)
    if person is not None:
        key = person_state(ctx, sent, person)
    else:  # "the Trump administration": a leader the list of known people has
        from kg.extract._people import resolve

        year = int(ctx.published[:4]) if ctx.published and ctx.published[:4].isdigit() else None
        known = resolve(am.group("who"), None, year)
        if known is not None and not any(known.in_office(year, t) for t in _LEADERS):
            known = None  # an administration is a leader's: a president's, a premier's
        st = ctx.rec.rb.by_name(known.state) if known is not None else None
        key = st.key if st is not None and st.type is T.STATE else None
        if st is not None and key is not None:
            ctx.rec.entity(st.key, st.type, st.name, st)
    return Mention(am.start(), am.end(), am.group(0), key, T.STATE, "anaphor") if key else None


def treaty_in(ctx: Context, sent: Sent, pos: int | None = None) -> Mention | None:
    ts = sent.of_type(T.TREATY)
    if not ts:
        return None
    if pos is None:
        return ts[0]
    before = [m for m in ts if m.end <= pos]
    after = [m for m in ts if m.start >= pos]
    return before[-1] if before else (after[0] if after else None)


def recent_treaty(ctx: Context, sent: Sent) -> Mention | None:
    """The treaty a pronoun or an elliptic sentence refers to: the last one named in this
    sentence or the two before it, within the paragraph."""
    i = sent.index
    for s in reversed(ctx.sents[max(0, i - 2) : i + 1]):
        if s.s.paragraph != sent.s.paragraph and s is not sent:
            break
        ts = s.of_type(T.TREATY)
        if ts:
            return ts[-1]
    return None


def focus_treaty(ctx: Context, sent: Sent) -> Mention | None:
    """The treaty spoken of most up to this sentence (the latest on a tie): what "it" means
    in a paragraph that names none."""
    seen = [x for s in ctx.sents[: sent.index + 1] for x in s.of_type(T.TREATY)]
    counts = Counter(x.key for x in seen)
    return max(reversed(seen), key=lambda x: counts[x.key]) if seen else None


def main_treaty(ctx: Context) -> Mention | None:
    """The treaty the whole article speaks of most (its first mention)."""
    seen = [x for s in ctx.sents for x in s.of_type(T.TREATY)]
    counts = Counter(x.key for x in seen)
    return max(seen, key=lambda x: counts[x.key]) if seen else None


#: "A landmark treaty regulating the arms trade came into force": an accord described
#: at the start of a clause, to be read as the treaty the article is about
UNNAMED_TREATY = re.compile(r"(?:^|[,;]\s+)(?:[Aa]|[Tt]he)\s+(?:[\w-]+\s+){0,3}?(?:treaty|accord|"
                            r"convention|pact|agreement)\b[^,;]{0,80}$")


def main_bloc(ctx: Context) -> str | None:
    """The bloc an article is mostly about (counting "the alliance" and the like)."""
    from collections import Counter

    counts = Counter(m.key for s in ctx.sents for m in s.mentions if m.type is T.BLOC)
    return counts.most_common(1)[0][0] if counts else None


def as_place(ctx: Context, m: Mention) -> str:
    if m.type is T.STATE and m.role == "capital" and m.info.get("place"):
        ref = ctx.rec.rb.entities[m.info["place"]]
        ctx.rec.entity(ref.key, T.PLACE, ref.name, ref)
        m.info["used_as_place"] = "1"
        return ref.key
    return m.key


def is_group(ctx: Context, x: Mention) -> bool:
    """Whether states can be members of what a mention names: a bloc, or an international
    organisation from the reference base (the SCO, the OPCW), not a national body."""
    if x.type is T.BLOC:
        return True
    e = ctx.entities[x.key]
    return x.type is T.ORGANIZATION and e.ref is not None and not e.ref.belongs_to


def last_titled(ctx: Context, sent: Sent, title: str, n: int) -> list[Mention]:
    seen: list[Mention] = []
    for s in ctx.sents:
        if s.s.start > sent.s.start:
            break
        for m in s.mentions:
            e = ctx.entities[m.key]
            if (
                m.type is T.PERSON
                and e.title
                and e.title[0] == title
                and m.key not in [x.key for x in seen]
            ):
                seen.append(m)
    return seen[-n:]


def main_state(ctx: Context) -> str | None:
    """The state an article is mostly about: the dateline's, else the most mentioned."""
    if ctx.dateline and any(
        role == "capital" for _, role in ctx.rec.rb.surfaces.get(ctx.dateline, [])
    ):
        st = ctx.rec._ref_state(ctx.rec.rb.surfaces[ctx.dateline])
        if st is not None and st.key in ctx.entities:
            return st.key
    counts = Counter(m.key for s in ctx.sents for m in s.mentions if m.type is T.STATE)
    return counts.most_common(1)[0][0] if counts else None


# "Iran joined last year.": what was joined is the group or treaty spoken of just before
_JOINED_BARE = re.compile(r"\bjoined(?=\s+(?:in|on|last|this|earlier|later|a\s+year|two|three)\b"
                          r"|\s*[.;])")


def joined_bare(ctx: Context, sent: Sent) -> list[tuple[Mention, Mention, int]]:
    """(who, what, where) for each 'X joined' with no object: what was joined is the bloc,
    organisation or treaty spoken of last, in this sentence or the two before it."""
    out = []
    for m in _JOINED_BARE.finditer(sent.text):
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)
        if negated(clause[-30:]) or MODAL.search(clause[-20:]):
            continue
        subj = subject(sent, pos, (T.STATE,))
        if subj is None or subj.end < pos - len(clause) - 2:
            continue
        for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
            if s.s.paragraph != sent.s.paragraph:
                break
            cands = [x for x in s.mentions if x.end <= pos and x.key != subj.key
                     and (x.type is T.TREATY or is_group(ctx, x))]
            if cands:
                out.append((subj, cands[-1], pos))
                break
    return out


# "an agreement on mutual security guarantees", "a pact on joint defence cooperation", "a
# declaration that neither side would use force first": an accord the text describes
_DESCRIBED = re.compile(r"\s*(?:on\s+)?(?:a|an)\s+(?:(?:[\w-]+)\s+){0,3}?"
                        r"(?P<head>agreement|treaty|pact|accord|deal|convention|protocol|"
                        r"memorandum|declaration|charter)"
                        # "signed a treaty Tuesday to eliminate ...": the day told between
                        r"(?P<day>\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\s+today)?"
                        r"(?P<tail>\s+(?:on|to|that|creating|establishing|banning|against|of|"
                        r"for|slashing|cutting|limiting|reducing|eliminating|prohibiting|"
                        r"ending|regulating|governing|committing|allowing|capping|making)\s+"
                        r"[^,.;:()“”\"]{3,100}?)?(?=[,.;:()]|\s+(?:and|which|who|but|for\s+the|"
                        r"with\s+the|with\s+a\s+view|by|in|at|during|after|before)\b|$)")


def described_treaty(ctx: Context, sent: Sent, pos: int) -> Mention | None:
    """An accord described, not named, at ``pos`` (right after "signed"): a Treaty entity
    named by the description, its head and what it is on ("agreement on mutual security
    guarantees"); a bare "a treaty" with nothing after it is none."""
    m = _DESCRIBED.match(ctx.body, pos, sent.s.end)
    if m is None or not m.group("tail"):
        return None
    start, end = m.start("head"), m.end("tail")
    if any(x.start < end and start < x.end and x.type is T.TREATY for x in sent.mentions):
        return None
    name = ctx.body[start : m.end("head")] + m.group("tail")
    phrase = re.match(r"[^,.;:()“”\"]{0,160}", ctx.body[start:]).group(0)  # type: ignore[union-attr]
    ref = known_treaty_like(ctx, phrase)
    if ref is not None:  # "a pact making Central Asia a zone free of nuclear weapons"
        ctx.rec.entity(ref.key, T.TREATY, ref.name, ref)
        key = ref.key
    else:
        key = "treaty:" + name.lower()
        ctx.rec.entity(key, T.TREATY, name)
    mention = ctx.rec.add(start, end, key, T.TREATY, described="1")
    sent.mentions.append(mention)
    sent.mentions.sort(key=lambda x: x.start)
    return mention


def known_treaty_like(ctx: Context, phrase: str) -> RefEntity | None:
    """The known treaty a description names all but literally: every content word of one
    of its names (three at least) is in the phrase ("a pact making Central Asia a zone free
    of nuclear weapons" is the Treaty on a Nuclear-Weapon-Free Zone in Central Asia)."""
    words = content_words(phrase)
    hits = {key for names, keys in treaties_by_words().items() if names <= words
            for key in keys}
    return ctx.rec.rb.entities[hits.pop()] if len(hits) == 1 else None

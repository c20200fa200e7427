"""Who speaks with a speech verb: the attribution patterns the statement rule tries in
turn. Each takes ``(ctx, sent, vpos, vend, last)`` (the verb's body offsets and the
last speaker) and returns None when it does not apply, ``[]`` when it applies and
finds that nobody speaks, else the speakers."""

from __future__ import annotations

import re

from kg.extract._context import ACTORS, Context, Sent, T
from kg.extract._entities import Mention, title_re
from kg.extract._lexicon import rx
from kg.extract._lists import last_list
from kg.extract._syntax import DESCRIPTION, number, possessive, qualifies_person, quoted

Speakers = list[Mention] | None

_GAP = re.compile(
    r"\s*(?:,[^,;\"“”]{1,120},|,)?\s*(?:(?:also|repeatedly|later|earlier|first|has|have|"
    r"had|allies|members|leaders|officials|spokes(?:man|woman|person)|on\s+\w+|"
    r"in\s+a\s+statement|"
    r"(?:was|were)\s+quoted\s+as|"
    r"in\s+a\s+(?:\w+\s+)?(?:address|interview|statement))\s*,?\s*)*"
)
# an open phrase set off by a comma: "X, speaking in Canada during a meeting of the G8, said"
_PHRASE_OPEN = re.compile(r"\w,\s+(?:[a-z]+ing|in|at|during|after|before|while|on)\b[^,;\"“”]*$")
# an open relative clause set off by a comma: "X, whose government hosts the ..."
_RELATIVE_OPEN = re.compile(r",\s+(?:whose|who|which|where)\b[^,;\"“”]*$")
# "during a telephone conversation with his British counterpart, Jack Straw,": the person
# met, set off by commas, is no speaker
_WITH_COUNTERPART = re.compile(r",\s+[^,;\"“”]*\b(?:with|to|from)\s+(?:his|her|their|the)\s+"
                               r"(?:[\w-]+\s+){0,2}counterparts?,\s*$")
_GOVERNMENT = re.compile(r"\s+(?:government|authorities|leadership|side)\s+(?:also\s+|has\s+|"
                         r"had\s+)?")
# "the ministers said", "the two presidents told reporters"
_PLURAL_HOLDERS = re.compile(r"\b[Tt]he\s+(?:(?:two|three|four|five|six|\w+\s+)\s*)?"
                             r"(minister|president|secretarie|chancellor)s\s+(?:also\s+)?$")
_PLURAL_WORDS = re.compile(r"(?:minister|president|secretarie|chancellor)s\b")
OPENING = re.compile(r"(?:In|At|On|During|After|Following|Under|According\s+to)\s"
                     r"[^,;\"“”]{0,150},")
# what lies between a person and the body or state of his post or origin: "X of",
# "X, chairman of the", "X, a senior fellow at the", "X, Head of the CIS Affairs Committee
# of the"
HOLDER_GAP = re.compile(r"\s+of\s+(?:the\s+)?|,\s+[^,;\"“”]{1,90}?\s(?:of|for|at|in|on)\s+"
                        r"(?:the\s+)?(?:[A-Z][\w-]*(?:['’]s)?\s+)?")
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|He|She)\s+(?:also\s+|then\s+|later\s+)?$")


def _candidates(sent: Sent, vpos: int) -> list[Mention]:
    return [m for m in sent.mentions if m.end <= vpos and m.type in ACTORS
            and m.role != "part" and not quoted(sent, m)]


def holder_of(ctx: Context, cands: list[Mention], m: Mention) -> Mention:
    """The person whose post or origin ``m`` names speaks, not ``m``: "Rep. Jane Roe,
    chairman of the House Armed Services Committee, said", "Jan Kowal of Poland said"."""
    if m.type is T.PERSON:
        return m
    people = [x for x in cands if x.type is T.PERSON and x.end <= m.start]
    if people and HOLDER_GAP.fullmatch(ctx.body, people[-1].end, m.start):
        return people[-1]
    return m


#: "In a statement, X ...", "In an interview on Monday, X ...": X speaks, whatever the verb.
IN_A_STATEMENT = re.compile(r"(?:In|in)\s+(?:a|an|its|his|her|their)\s+(?:\w+\s+){0,2}?"
                            r"(?:statement|interview|address|speech|letter|message|post|video|"
                            r"tweet|briefing)\b[^,;\"“”]{0,80},\s+")


def in_a_statement(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
                   ) -> Speakers:
    if not IN_A_STATEMENT.fullmatch(ctx.body, vpos, vend):
        return None
    near = [x for x in sent.mentions if vend <= x.start <= vend + 80 and x.type in ACTORS
            and x.role not in ("demonym", "part")]
    person = next((x for x in near if x.type is T.PERSON), None)
    first = near[0] if near and near[0].start <= vend + 2 else None
    if person is not None and (first is None or qualifies_person(ctx, sent, first)
                               or first is person):
        return [person]
    return [first] if first is not None else []


#: "Washington's unilateral declaration last year that it would pull out", "Putin's
#: public assurance that": what a speaker declared, told by its noun
POSSESSED = re.compile(r"['’]s\s+(?:(?:public|unilateral|formal|repeated|written|joint|latest|"
                       r"earlier)\s+)?(?:declaration|announcement|statement|pledge|warning|"
                       r"assurances?|promise|claim)\b(?=[^.;]{0,40}?\bthat\b)")


def possessed(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
              ) -> Speakers:
    """ "Washington's declaration that ...": the owner of the declaration."""
    pm = POSSESSED.match(ctx.body, vpos)
    if pm is None or pm.end() != vend:
        return None
    owner = next((x for x in sent.mentions if x.end == vpos and x.type in ACTORS), None)
    return [owner] if owner is not None else []


def plural_holders(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
                   ) -> Speakers:
    """ "the ministers said": every person the text gave that title."""
    if not _PLURAL_WORDS.search(sent.text):
        return None
    pm = _PLURAL_HOLDERS.search(sent.text, 0, vpos - sent.s.start)
    if pm is None:
        return None
    noun = pm.group(1).lower().replace("secretarie", "secretary")
    holders = [e.key for e in ctx.entities.values() if e.type is T.PERSON and e.title
               and noun in e.title[0].lower().split()]
    if len(holders) < 2:
        return None
    return [Mention(vpos, vpos, "", k, T.PERSON, "anaphor") for k in holders]


_COUNTED_STATES = re.compile(r"\b[Tt]he\s+(two|three|four|five|six|seven|eight|nine|ten)\s+"
                             r"(?:countries|nations|states|governments)\s+"
                             r"(?:\w+ly\s+|also\s+|have\s+|had\s+)*\Z")


def counted_states(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
                   ) -> Speakers:
    """ "The three countries said": the last three states the text named together."""
    cm = _COUNTED_STATES.search(ctx.body, max(sent.s.start, vpos - 50), vpos)
    if cm is None:
        return None
    listed = last_list(ctx, sent, vpos, number(cm.group(1)) or 0)
    return listed or None


def main_clause(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
                ) -> Speakers:
    """ ", telling the meeting", "by telling", "and said": the main clause's subject."""
    text, lv = sent.text, vpos - sent.s.start
    cands = _candidates(sent, vpos)
    if re.search(r"(?:,|\bby)\s*$", text[:lv]) and text[lv:].split(" ", 1)[0].endswith("ing"):
        first = [m for m in cands if m.role in ("name", "surname", "anaphor")
                 and id(m) not in sent.nested and not possessive(ctx, m)
                 and not qualifies_person(ctx, sent, m)]
        return first[:1]
    if not re.search(r"\band\s+(?:also\s+)?$", text[:lv]):
        return None
    if re.match(r"(?:He|She)\s", text):  # "He accused NATO ... and said": the person
        people = [x for s in ctx.sents[max(0, sent.index - 3) : sent.index]  # named last
                  for x in s.mentions if x.type is T.PERSON and x.role != "part"]
        found = people[-1] if people else last
        return [found] if found else []
    # "X accused Tehran of ... and said": the subject of the main clause speaks, not one
    # in an opening phrase ("In a statement carried by the agency Y, X accused")
    opening = OPENING.match(text)
    for m in sorted(sent.mentions, key=lambda x: (x.start, -x.end)):
        if m.start >= vpos:
            break
        if opening and m.end <= sent.s.start + opening.end() < vpos:
            continue
        if m.type not in ACTORS or m.role in ("demonym", "part") or possessive(ctx, m) \
                or quoted(sent, m) or qualifies_person(ctx, sent, m) \
                or re.search(r"\b(?:[Ii]n|[Aa]t|[Ff]rom)\s+(?:the\s+)?$",
                             ctx.body[max(0, m.start - 9) : m.start]):
            continue  # "In London, X said ... and urged": a place is no speaker
        if re.search(r"\b(?:about|of|on|with|against|over|into|towards?)\s+(?:the\s+)?$",
                     ctx.body[max(0, m.start - 12) : m.start]) \
                and "," not in ctx.body[sent.s.start : m.start]:
            return []  # "The two sides voiced concern about X and said": no subject
        if re.search(r"\bthat\b", ctx.body[sent.s.start : m.start]):
            return []  # "Several speakers noted that the UN ... and expressed": no subject
        return [m]
    return []


_ACCORDING = re.compile(r"[Aa]ccording\s+to\s+(?:(?P<pron>him|her|them)\b|(?:a|the|an)\s+"
                        r"(?:\w+\s+)?statement\s+(?:(?:released|issued|published)\s+)?"
                        r"(?:by|from)\s+(?:the\s+)?|(?P<det>(?:a|an|the)\s+)?)")


def according_to(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
                 ) -> Speakers:
    """ "according to him", "according to a statement released by X", "according to X"
    when X is a person: X speaks; a news agency or a body cited so only relays."""
    text, lv = sent.text, vpos - sent.s.start
    m = _ACCORDING.match(text, lv)
    if m is None:
        return None
    if m.group("pron"):
        found = antecedent(ctx, sent, vpos, last)
        return [found] if found is not None else []
    at = sent.s.start + m.end()
    near = [x for x in sent.mentions if at <= x.start <= at + 4 and x.type in ACTORS]
    # "the Russian Foreign Ministry": the longest name there, not the adjective in it
    after = max(near, key=lambda x: (x.end - x.start, -x.start)) if near else None
    if after is None:
        return []
    if "statement" in m.group(0) or after.type is T.PERSON:
        return [after]
    if m.group("det") and re.match(r"\s+(?:joint\s+)?statement\b", ctx.body[after.end :]):
        return [after]  # "according to a Foreign Ministry statement": the ministry's
    return []


def subject(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
            ) -> Speakers:
    """ "X said", with "on Friday", adverbs or an apposition between."""
    text, lv = sent.text, vpos - sent.s.start
    cands = _candidates(sent, vpos)
    for m in list(reversed(cands))[:4]:
        gap = text[m.end - sent.s.start : lv]
        if _GAP.fullmatch(gap):
            if gap.lstrip().startswith(",") and (_RELATIVE_OPEN.search(
                    text, 0, m.start - sent.s.start) or _PHRASE_OPEN.search(
                    text, 0, m.start - sent.s.start)):
                continue  # "X, whose government hosts the organisation, said": X speaks;
                # "X, speaking during a meeting of the Group of Eight, said": X
            wc = _WITH_COUNTERPART.search(text, 0, m.start - sent.s.start) \
                if gap.lstrip().startswith(",") else None
            if wc is not None:  # "X, during a call with his British counterpart, Y, said": X
                x = next((c for c in reversed(cands)
                          if c.end - sent.s.start == wc.start() and c.type is T.PERSON), None)
                return [x] if x is not None else None
            if m.role == "demonym":
                return None
            return [holder_of(ctx, cands, m)]
        if m.role == "demonym" and _GOVERNMENT.fullmatch(gap):
            return [m]  # "the North Korean government said": the state speaks
    return None


def title_holder(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
                 ) -> Speakers:
    """ "Russian Foreign Minister said", "Russia's top diplomat said": the one person the
    text gave that title."""
    text, lv = sent.text, vpos - sent.s.start
    titles = list(title_re().finditer(text[max(0, lv - 60) : lv]))
    tm = titles[-1] if titles else None
    position = None
    if tm is not None and re.fullmatch(r"\s*", text[max(0, lv - 60) + tm.end() : lv]):
        position = ctx.rec.rb.titles.get(re.sub(r"\s+", " ", tm.group(0).lower()), ("", ""))[0]
    elif re.search(r"\btop\s+diplomat\s*$", text[:lv]):
        position = "Minister of Foreign Affairs"
    if not position:
        return None
    holders = [e for e in ctx.entities.values() if e.title and e.title[0] == position]
    if len(holders) != 1:
        return None
    return [Mention(vpos, vpos, "", holders[0].key, T.PERSON, "anaphor")]


def inverted(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
             ) -> Speakers:
    """ "..., said Lavrov." / "says Russia's Foreign Minister" """
    text = sent.text
    after = [m for m in sent.mentions
             if m.start >= vend and m.type in ACTORS and ctx.body[m.end : m.end + 2] != "'s"]
    if not after:
        return None
    # "said Senate Majority Leader Jim Hart of Utah": the person after the title,
    # not the body the title names
    people = [m for m in after if m.type is T.PERSON]
    for cand in ([people[0]] if people else []) + [after[0]]:
        gap = text[vend - sent.s.start : cand.start - sent.s.start]
        tail = ctx.body[cand.end : cand.end + 12]
        ends = re.match(r"\s*(?:[,.;]|$|\s+(?:on|in|at|during|of)\b)", tail)
        if (re.fullmatch(r"\s*(?:[A-Z][\w']*\s+)*", gap)
                or (cand.type is T.PERSON and _TITLE_GAP.fullmatch(gap))) \
                and cand.role != "demonym" and ends:
            return [cand]
    return None


# "said Kremlin spokesman Dmitry Peskov", "said Russian deputy foreign minister X": the
# title between the verb and the person who speaks
_TITLE_GAP = re.compile(r"\s*(?:the\s+)?(?:(?:[A-Z][\w'’.-]*|spokes(?:man|woman|person)|"
                        r"minister|foreign|deputy|defen[cs]e|secretary|general|adviser|advisor|"
                        r"envoy|ambassador|chief|senior|official|president|prime|vice|of|for|"
                        r"state|press|security|national|top|negotiator|representative)\s+)*")


def pronoun(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
            ) -> Speakers:
    """ "he said", "she told reporters": the person the pronoun stands for."""
    if not _PRONOUN_BEFORE.search(sent.text, 0, vpos - sent.s.start):
        return None
    found = antecedent(ctx, sent, vpos, last)
    return [found] if found is not None else None


_AFTER_PREPOSITION = re.compile(r"\b(?:of|to|with|by|from|against|for|about|on|at|in|and)\s+"
                                r"(?:[A-Z][\w.-]*\s+){0,4}$")


def antecedent(ctx: Context, sent: Sent, pos: int, last: Mention | None) -> Mention | None:
    """The person "he" or "she" at ``pos`` stands for: the subject of the nearest sentence
    (this one, or up to two before it) that names a person, the last speaker when that
    sentence is his; a person named after a preposition only when no other is."""
    for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
        people = [x for x in s.mentions if x.type is T.PERSON and x.end <= pos
                  and x.role != "part" and not quoted(s, x)]
        if not people:
            continue
        if last is not None and any(x.key == last.key for x in people):
            return last
        subjects = [x for x in people if not _AFTER_PREPOSITION.search(
            ctx.body, s.s.start, int(x.info.get("title_start", x.start)))]
        return (subjects or people)[0] if subjects else people[-1]
    return last


def quoted_by(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
              ) -> Speakers:
    """ "BelTA quotes CSTO spokesman X": the person quoted speaks, not the outlet."""
    if not re.match(r"quote[sd]?\b", sent.text[vpos - sent.s.start :]):
        return None
    if re.search(r"\b(?:was|were|is|are|been)\s+$", sent.text[: vpos - sent.s.start]):
        # "X was quoted as saying by the RIA news agency": X speaks
        before = [x for x in _candidates(sent, vpos) if x.type is T.PERSON]
        if before and re.fullmatch(r"\s+(?:was|were|is|are|has\s+been|have\s+been)\s+",
                                   ctx.body[before[-1].end : vpos]):
            return [before[-1]]
    person = next((x for x in sent.mentions if x.start >= vend and x.type is T.PERSON), None)
    return [person] if person is not None else []


_THROUGH = rx(r"\s+through\s+(?:(?:its|their|the)\s+)?")


def through(ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
            ) -> Speakers:
    """ "X declared through Executive Director Y that ...": Y speaks for X."""
    m = _THROUGH.match(ctx.body, vend)
    if m is None:
        return None
    person = next((x for x in sent.mentions if m.end() <= x.start <= m.end() + 60
                   and x.type is T.PERSON), None)
    return [person] if person is not None else None


def in_attribution(sent: Sent, x: Mention, speaker: Mention, vpos: int) -> bool:
    """A mention that is part of the speaker's description ("Russian" in "Russian Foreign
    Minister") or of the place/occasion phrase after the verb."""
    if x.end <= speaker.start and x.type in (T.STATE, T.PLACE, T.BLOC, T.ORGANIZATION) \
            and DESCRIPTION.fullmatch(sent.text, sent.local(x.end), sent.local(speaker.start)):
        return True
    if speaker.type is T.PERSON and speaker.end <= x.start < vpos and x.type in ACTORS \
            and HOLDER_GAP.fullmatch(sent.text, sent.local(speaker.end), sent.local(x.start)):
        return True  # "Jane Roe, chairman of the Committee, said": her post, not her topic
    occasion = x.start >= vpos and not sent.quotes
    if occasion and re.search(r"\b(?:at|during)\s+(?:the|a)\b", sent.text[
            sent.local(vpos) : sent.local(x.start)]):
        return True
    return not quoted(sent, x) and x.type is T.PERSON and x.key == speaker.key


# "A, and acting President of the Islamic Republic of Iran, B,": the title of the next
_COORDINATED_GAP = re.compile(r"\s*(?:,|,?\s+and)\s+(?:(?:[A-Z][\w'-]*|of|the|for|acting|"
                              r"deputy|vice|interim),?\s+)*")


def coordinated(ctx: Context, sent: Sent, one: Mention, vpos: int) -> list[Mention]:
    """The persons listed with the speaker before the verb: "A, B and C said"."""
    if one.type is not T.PERSON or one.end > vpos:
        return [one]
    out = [one]
    cur = one
    persons = [x for x in sent.mentions if x.type is T.PERSON and x.end <= one.start
               and x.role == "name"]
    for x in reversed(persons):
        gap = ctx.body[x.end : int(cur.info.get("title_start", cur.start))]
        if not _COORDINATED_GAP.fullmatch(gap):
            break
        out.insert(0, x)
        cur = x
    return out

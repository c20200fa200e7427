"""meeting: the meetings an article names, with date, place, participants and topics."""

from __future__ import annotations

import re
from functools import cache

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    as_place,
)
from kg.extract._entities import Mention
from kg.extract._lexicon import rx
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    qualifies_title,
    year_adjective,
)
from kg.extract.rules._rule import Rule, ex


def meetings(ctx: Context, sink: Sink) -> None:
    """Each meeting at its first mention, with its date, place, participants and topics."""
    firsts: dict[str, tuple[Sent, Mention]] = {}
    for sent in ctx.sents:
        for m in sent.mentions:
            if m.type is T.MEETING and m.key not in firsts and m.role == "name":
                firsts[m.key] = (sent, m)
    found = []
    for key, (sent, m) in firsts.items():
        when = _when(ctx, sink, sent, m)
        where = _where(ctx, sent, m)
        if where is None and ctx.dateline and when == ctx.published \
                and _kind(ctx.entities[key].name) not in ("call", "conversation"):
            ref = ctx.rec.rb.by_name(ctx.dateline)
            if ref is not None and ref.type is T.PLACE:
                ctx.rec.entity(ref.key, T.PLACE, ref.name, ref)
                where = ref.key
        found.append((key, sent, m, when, where))
    merged: dict[str, str] = {}
    for key, sent, m, when, where in found:
        same = _told_before(ctx, found, key, m, when, where)
        same = merged.get(same, same) if same is not None else None
        if same is not None:  # "a two-day summit" in Vilnius that day: the Vilnius summit
            merged[key] = same
            ctx.entities[same].aliases.append(ctx.entities[key].name)
            for x in ctx.rec.mentions:
                if x.key == key:
                    x.key = same
            continue
        participants, topics = _who_and_what(ctx, key, sent, m, where)
        rule = "meeting.described" if m.info.get("described") else "meeting.named"
        sink.add("meeting", sent, rule=rule, meeting=key, when=when, where=where,
                 participants=participants, topics=topics)


def _told_before(ctx: Context, found: list[tuple[str, Sent, Mention, str | None, str | None]],
                 key: str, m: Mention, when: str | None, where: str | None) -> str | None:
    """A meeting described ("a two-day summit") that another of the article's meetings of
    the same kind, place and day already is: a named one, or a described one told first."""
    head = _kind(ctx.entities[key].name)
    if not m.info.get("described") or head is None:
        return None
    for k, _, _x, w, p in found:
        if k == key:
            break
        if (p == where or p is None) and (w == when or w is None or when is None) \
                and _same_kind(_kind(ctx.entities[k].name), head):
            return k
    for k, _, x, w, p in found:  # a named meeting told later in the article
        if k != key and not x.info.get("described") and (p == where or p is None) \
                and (w == when or w is None or when is None) \
                and _same_kind(_kind(ctx.entities[k].name), head):
            return k
    return None


def _same_kind(a: str | None, b: str) -> bool:
    """The same kind of gathering; a summit is a meeting (a ceremony or a call is not)."""
    return a == b or {a, b} == {"summit", "meeting"}


def _kind(name: str) -> str | None:
    """What kind of gathering a meeting's name says: its head word ("summit", "talks")."""
    hm = _heads().search(name)
    return hm.group(0).lower() if hm else None


@cache
def _heads() -> re.Pattern[str]:
    return rx(r"\b(?:{meeting-heads})\b", re.I)


def _when(ctx: Context, sink: Sink, sent: Sent, m: Mention) -> str | None:
    """The date after the meeting (or first in its sentence); "opened on"; "last year's";
    else a date another fact of the sentence has, else the last of the sentence before."""
    dates = [x for x in sent.dates if not year_adjective(ctx, x)]
    d = next((x for x in dates if m.end <= x.start <= m.end + 60), None) or (
        dates[0] if dates else None)
    om = re.search(r"\bopened\s+on\s+", ctx.body[m.end : sent.s.end])
    if om:
        d = sent.date_after(m.end + om.end() - 1, 5) or d
    if re.search(r"\blast\s+year's\s*$", ctx.body[max(0, m.start - 15) : m.start]) \
            and ctx.published:
        return str(int(ctx.published[:4]) - 1)  # "last year's summit in Yerevan"
    if d is not None:
        return d.value
    # "The protocol was signed in Prague at ... the last meeting"
    dated = next((f for f in sink.facts if f.sent is sent and f.fields.get("when")), None)
    if dated is not None:
        return str(dated.fields["when"])
    if sent.index > 0:  # a meeting told of after its day was given
        # not a year that qualifies a name there ("the 1972 ABM treaty")
        prev = [x for x in ctx.sents[sent.index - 1].dates if not year_adjective(ctx, x)]
        return prev[-1].value if prev else None
    return None


def _where(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """ "in X" inside or right after the meeting's name, else later in the sentence, else
    before it in the same clause ("in Prague at ... the last meeting")."""
    for x in ctx.rec.mentions:
        if m.start <= x.start < m.end + 25 and x.type in (T.PLACE, T.STATE) \
                and x.role in ("name", "capital") \
                and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start]):
            return as_place(ctx, x)
    lead = next((x for x in ctx.rec.mentions if x.start == m.start and x.end < m.end
                 and (x.type is T.PLACE or x.role == "capital")), None)
    if lead is not None:  # "Vienna talks", "the Geneva summit": the city that names it
        return as_place(ctx, lead)
    for x in sent.mentions:
        if x.start >= m.end and x.type is T.PLACE \
                and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start]):
            return x.key
    clause_start = m.start - len(clause_before(sent, m.start))
    before = [x for x in sent.mentions if clause_start <= x.start < m.start
              and x.type in (T.PLACE, T.STATE) and x.role in ("name", "capital")
              and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])]
    return as_place(ctx, before[-1]) if before else None


_ATTENDING = re.compile(r"\b(?:attended|joined|told|speaking\s+at|addressing|chaired|said\s+at|"
                        r"hosted|during)\b", re.I)
_TOPICAL = re.compile(r"\b(?:discussed|dominated\s+by)\b")


def _who_and_what(ctx: Context, key: str, sent: Sent, m: Mention, where: str | None
                  ) -> tuple[list[str], list[str]]:
    participants: list[str] = []
    topics: list[str] = []
    for s in ctx.sents:
        refs = [x for x in s.mentions if x.key == key]
        if not refs:
            continue
        if _ATTENDING.search(s.text):
            participants += [x.key for x in s.mentions if x.type is T.PERSON and x.role != "part"]
        participants += [x.key for x in s.mentions if x.role == "part"
                         and x.type is T.ORGANIZATION and refs[0].start <= x.start < refs[0].end]
        dm = _TOPICAL.search(s.text)
        if dm:
            topics += [x.key for x in s.mentions if x.start > s.s.start + dm.end()
                       and x.type in (T.WEAPON_SYSTEM, T.TREATY, T.PLACE) and x.key != where]
    if m.info.get("described"):  # "summit of Reagan and Gorbachev", "vote on the treaty"
        inside = [x for x in sent.mentions if m.start <= x.start and x.end <= m.end
                  and x.key != key]
        about = [x for x in inside if _ABOUT.search(ctx.body, max(m.start, x.start - 12),
                                                    x.start)]  # "talks on Ukraine"
        participants += [x.key for x in inside if x.type in (T.PERSON, T.STATE, T.BLOC)
                         and x.role != "demonym" and x not in about]
        topics += [x.key for x in inside if x.type is T.TREATY or x in about]
    participants += _holders(ctx, sent, m)
    if not [p for p in participants if ctx.entities[p].type is T.PERSON]:
        # "The six members — the Soviet Union, Poland ... — had agreed ... at a meeting"
        states = [x.key for x in sent.mentions if x.start < m.start and x.type is T.STATE
                  and x.role != "demonym" and not qualifies_title(ctx, sent, x)]
        if len(states) > 1 and re.search(r"\bat\s+(?:a|the)\s+(?:\w+\s+)?$",
                                         ctx.body[max(0, m.start - 25) : m.start]):
            participants += states
    return list(dict.fromkeys(participants)), list(dict.fromkeys(topics))


_ABOUT = re.compile(r"\b(?:on|about|over|concerning)\s+(?:the\s+)?\Z")
# "Putin and Biden held a phone call", "A and B met in Geneva for talks": who holds it
_HOLD = re.compile(r"\b(?:held|hold|holds|had|have|has|met|meet|meets|conducted)\b")


def _holders(ctx: Context, sent: Sent, m: Mention) -> list[str]:
    """The persons the clause names before "held" or "met" when the meeting follows."""
    clause_start = m.start - len(clause_before(sent, m.start))
    found = list(_HOLD.finditer(ctx.body, clause_start, m.start))
    if not found:
        return []
    hm = found[-1]
    return [x.key for x in sent.mentions if clause_start <= x.start and x.end <= hm.start()
            and x.type is T.PERSON and x.role != "part"]


def _named(m: Mention) -> bool:
    return not m.info.get("described")


def _described(m: Mention) -> bool:
    return bool(m.info.get("described"))


_SLOTS = ("meeting", "participants", "where", "when", "topics")

RULES = (
    Rule(
        name="meeting.gathering",
        doc="Each meeting the text names or describes, at its first mention, with its date, "
            "place, participants and topics from the sentences that speak of it.",
        apply=meetings,
        scope="document",
        phase=30,
        slots=_SLOTS,
        parts=(
            Rule(
                name="meeting.named",
                doc="A meeting named by its form: 'the annual meeting of X', 'the Vilnius "
                    "summit', 'a summit in Istanbul' (kg/extract/names/meetings.py).",
                apply=_named,
                scope="part",
                slots=_SLOTS,
                examples=(
                    ex("Montenegro joined on Monday, at a meeting of NATO defence ministers in "
                       "Brussels under the 1949 North Atlantic Treaty.",
                       when="2022-06-13",
                       where="Brussels"),
                    ex("Foreign ministers met at the session of the OSCE Ministerial Council "
                       "in Lodz on 1 December.",
                       when="2022-12-01"),
                    ex("Lavrov attended the annual meeting of the Shanghai Cooperation "
                       "Organisation in Tashkent on Friday.",
                       when="2022-06-10"),
                ),
                counter=(
                    "NATO officials want new talks on the treaty in Geneva.",
                ),
            ),
            Rule(
                name="meeting.described",
                doc="A meeting the text describes: 'at a Kremlin ceremony', 'the signing "
                    "ceremony at the Palace', 'talks in Vienna' (kg/extract/names/described.py).",
                apply=_described,
                scope="part",
                slots=_SLOTS,
                examples=(
                    ex("Bush and Gorbachev signed the treaty at a Kremlin ceremony on Monday.",
                       meeting="Kremlin ceremony", when="2022-06-13"),
                    ex("The two sides held talks in Vienna on the treaty on Friday.",
                       meeting="talks in Vienna", when="2022-06-10"),
                    ex("MINSK, June 15 (Agency) - The two ministers held talks on security in "
                       "Minsk yesterday.",
                       published="2022-06-16",
                       meeting="talks on security", when="2022-06-14"),
                    ex("Negotiations that led to the signing of the treaty had begun in May 1982.",
                       meeting="Negotiations", when="1982-05"),
                    ex("NATO leaders gathered in Vilnius for a two-day summit on Tuesday.",
                       meeting="two-day summit", where="Vilnius", when="2022-06-14"),
                    ex("To save the regime, Moscow initiated talks on adapting the CFE Treaty.",
                       meeting="talks on adapting the CFE Treaty"),
                    ex("Ivan Petrov, who leads the Polish delegation to Geneva talks on missile "
                       "limits, said the CFE Treaty was dead.",
                       meeting="Geneva talks on missile limits", where="Geneva"),
                    ex("The forum opened with a signing ceremony for two new members of the SCO.",
                       meeting="signing ceremony for two new members"),
                    ex("Foreign Minister Li Wen of China, during a telephone conversation with "
                       "his British counterpart, Tom Hale, raised the treaty on Monday.",
                       meeting="telephone conversation with his British counterpart",
                       participants=["Li Wen", "Tom Hale"], when="2022-06-13"),
                    ex("Bush said on Thursday the US would leave the 1972 ABM Treaty. In a news "
                       "briefing at the White House, he said the time had come.",
                       meeting="news briefing at the White House", when="2022-06-09"),
                ),
                counter=(
                    "Russia is interested in continuing talks with the United States.",
                    "The council adopted the resolution by a vote of 13 to one.",
                ),
            ),
        ),
    ),
)

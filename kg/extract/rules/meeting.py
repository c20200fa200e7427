"""meeting: the meetings an article names, with date, place, participants and topics."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    as_place,
)
from kg.extract._entities import Mention
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    qualifies_title,
    year_adjective,
)
from kg.extract.rules._rule import Rule, ex


def meetings(ctx: Context, sink: Sink) -> None:
    firsts: dict[str, tuple[Sent, Mention]] = {}
    for sent in ctx.sents:
        for m in sent.mentions:
            if m.type is T.MEETING and m.key not in firsts and m.role == "name":
                firsts[m.key] = (sent, m)
    for key, (sent, m) in firsts.items():
        e = ctx.entities[key]
        when = None
        dates = [x for x in sent.dates if not year_adjective(ctx, x)]
        d = next((x for x in dates if m.end <= x.start <= m.end + 60), None) or (
            dates[0] if dates else None)
        om = re.search(r"\bopened\s+on\s+", ctx.body[m.end : sent.s.end])
        if om:
            d = sent.date_after(m.end + om.end() - 1, 5) or d
        if re.search(r"\blast\s+year's\s*$", ctx.body[max(0, m.start - 15) : m.start]) \
                and ctx.published:
            when = str(int(ctx.published[:4]) - 1)  # "last year's summit in Yerevan"
        elif d is not None:
            when = d.value
        where = None
        for x in ctx.rec.mentions:
            if (
                m.start <= x.start < m.end + 25
                and x.type in (T.PLACE, T.STATE)
                and x.role in ("name", "capital")
                and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])
            ):
                where = as_place(ctx, x)
                break
        if where is None:
            for x in sent.mentions:
                if (
                    x.start >= m.end
                    and x.type in (T.PLACE,)
                    and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])
                ):
                    where = x.key
                    break
        participants: list[str] = []
        topics: list[str] = []
        for s in ctx.sents:
            refs = [x for x in s.mentions if x.key == key]
            if not refs:
                continue
            for x in s.mentions:
                if (
                    x.type is T.PERSON
                    and x.key not in participants
                    and re.search(
                        r"\b(?:attended|joined|told|speaking\s+at|addressing|chaired|said\s+at|"
                        r"hosted|during)\b",
                        s.text,
                        re.I,
                    )
                    and x.role != "part"
                ):
                    participants.append(x.key)
            for x in s.mentions:
                if (
                    x.role == "part"
                    and x.type is T.ORGANIZATION
                    and x.key not in participants
                    and refs[0].start <= x.start < refs[0].end
                ):
                    participants.append(x.key)
            dm = re.search(r"\b(?:discussed|dominated\s+by)\b", s.text)
            if dm:
                for x in s.mentions:
                    if (
                        x.start > s.s.start + dm.end()
                        and x.type in (T.WEAPON_SYSTEM, T.TREATY, T.PLACE)
                        and x.key not in topics
                        and x.key != where
                    ):
                        topics.append(x.key)
        if when is None:  # "The protocol was signed in Prague at ... the last meeting"
            dated = next((f for f in sink.facts if f.sent is sent and f.fields.get("when")), None)
            when = dated.fields["when"] if dated else None
        if when is None and sent.index > 0:  # a meeting told of after its day was given
            prev = ctx.sents[sent.index - 1].dates
            when = prev[-1].value if prev else None
        if where is None:  # "in Prague at ... the last meeting": a place before it, same clause
            clause_start = m.start - len(clause_before(sent, m.start))
            before = [x for x in sent.mentions if clause_start <= x.start < m.start
                      and x.type in (T.PLACE, T.STATE) and x.role in ("name", "capital")
                      and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])]
            if before:
                where = as_place(ctx, before[-1])
        if not [p for p in participants if ctx.entities[p].type is T.PERSON]:
            # "The six members — the Soviet Union, Poland ... — had agreed ... at a meeting"
            states = [x.key for x in sent.mentions if x.start < m.start and x.type is T.STATE
                      and x.role != "demonym" and not qualifies_title(ctx, sent, x)]
            if len(states) > 1 and re.search(r"\bat\s+(?:a|the)\s+(?:\w+\s+)?$",
                                             ctx.body[max(0, m.start - 25) : m.start]):
                participants += [s for s in dict.fromkeys(states) if s not in participants]
        if where is None and ctx.dateline and when == ctx.published:
            ref = ctx.rec.rb.by_name(ctx.dateline)
            if ref is not None and ref.type is T.PLACE:
                ctx.rec.entity(ref.key, T.PLACE, ref.name, ref)
                where = ref.key
        sink.add(
            "meeting",
            sent,
            meeting=key,
            when=when,
            where=where,
            participants=participants,
            topics=topics,
        )
        del e


RULES = (
    Rule(
        name="meeting.named",
        doc="A meeting named in the text (summit, session, conference ...), with its date, "
            "place, participants and topics from the sentences that speak of it.",
        apply=meetings,
        scope="document",
        phase=30,
        slots=("meeting", "participants", "where", "when", "topics"),
        examples=(
            ex("Montenegro joined on Monday, at a meeting of NATO defence ministers in "
               "Brussels under the 1949 North Atlantic Treaty.",
               when="2022-06-13",
               where="Brussels"),
            ex("Foreign ministers met at the session of the OSCE Ministerial Council in Lodz "
               "on 1 December.",
               when="2022-12-01"),
            ex("Lavrov attended the annual meeting of the Shanghai Cooperation Organisation in "
               "Tashkent on Friday.",
               when="2022-06-10"),
        ),
        counter=(
            "NATO officials held a telephone conference on the treaty.",
        ),
    ),
)

"""statement: who said what, when, where and at which meeting."""

from __future__ import annotations

import re

from kg.extract._context import ACTORS, Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._entities import Mention
from kg.extract._lexicon import alt
from kg.extract._sink import Sink
from kg.extract._syntax import (
    DESCRIPTION,
    possessive,
    qualifies_person,
)
from kg.extract.rules._rule import Rule, ex

# a trie-shaped alternation: the verbs are looked for in every sentence
SPEECH = alt("speech-verbs")
_SPEECH_RE = re.compile(rf"\b(?:{SPEECH})\b")


_PRONOUN = re.compile(r"\b(?:he|she|He|She)\s+(?:also\s+)?(?:" + SPEECH + r")\b")


# -- statements -------------------------------------------------------------------
def statements(ctx: Context, sink: Sink) -> None:
    last_speaker: Mention | None = None
    speaker_dates: dict[str, str] = {}
    document_date: str | None = None  # "a joint statement issued this month" ... "In the statement"
    for sent in ctx.sents:
        if sent.dates and "statement" in sent.text:
            document_date = sent.dates[0].value
        verbs = list(_SPEECH_RE.finditer(sent.text))
        if any(not v.group(0).endswith("ing") for v in verbs):
            verbs = [v for v in verbs if not v.group(0).endswith("ing")]
        if sent.quotes:  # the attribution next to a quotation comes first
            spans = [(q.start - sent.s.start, q.end - sent.s.start) for q in sent.quotes]
            verbs.sort(
                key=lambda v: (
                    0 if any(0 <= v.start() - e <= 60 for _, e in spans) else 1,
                    min(min(abs(v.start() - e), abs(s0 - v.end())) for s0, e in spans),
                )
            )
        for vm in verbs:
            vpos = sent.s.start + vm.start()
            speakers = _speakers(ctx, sent, vpos, vm.end() + sent.s.start, last_speaker)
            if not speakers:
                continue
            if vm.group(0) == "accused" and not any(q.start > vpos for q in sent.quotes):
                continue  # an accusation is a statement only with its own quotation
            if vm.group(0) == "reported" and not re.match(r"\s+(?:to\s+[^,.;\"“]{1,40}?\s+)?"
                                                          r"that\b", sent.text[vm.end() :]):
                continue  # "reported to the president that ...", not "Reuters reported"
            if vm.group(0) == "declared" and not sent.quotes and re.match(
                    r"\s+(?:the|a|an|its|their|his|her|war)\b", sent.text[vm.end() :]):
                continue  # "declared the two largest stockpiles", "declared a moratorium"
            if (
                vm.group(0) in ("called", "asked", "described", "condemned", "calling",
                                "describing")
                and not sent.quotes
                and not re.match(
                    r"\s+(?:that|it|for)\b|\s+(?:the|this|his|her|its)\b[^.]{0,60}?"
                    r"\s(?:a|an)\s",
                    sent.text[vm.end() :],
                )
            ):
                continue
            speaker = speakers[-1]
            dates = _speech_dates(ctx, sent)
            d = next((x for x in dates if vpos <= x.start <= vpos + 40), None) or \
                (dates[0] if dates else None)
            habitual = re.search(r"\b(?:has|have)\s+(?:long\s+|repeatedly\s+|also\s+)?$",
                                 sent.text[: vm.start()]) or vm.group(0) in ("says", "warns") \
                or (vm.group(0).endswith("ing") and re.search(
                    r"\b(?:has|have)\s+(?:long\s+|repeatedly\s+|also\s+)?\w+ed\b[^.;]*,\s*$",
                    sent.text[: vm.start()]))  # "The US has blamed Moscow ..., saying"
            if habitual and d is None and not sent.quotes and speaker.key not in speaker_dates:
                continue  # "The IAEA has warned that ...": a standing position, no occasion
            last_speaker = speaker
            when: str | None
            if (
                d is None
                and document_date
                and re.search(r"\b(?:the|joint|a)\s+statement\b", sent.text)
            ):
                when = document_date
            else:
                when = d.value if d else speaker_dates.get(speaker.key, ctx.published)
            meeting = _meeting_at(ctx, sent, vpos)
            where = _place_of_speech(ctx, sent, sent.s.start + vm.end())
            quotes = [q.text.rstrip(",. ") for q in sent.quotes]
            for sp in speakers:
                speaker_dates.setdefault(sp.key, when or "")
                about = [
                    x.key
                    for x in sent.mentions
                    if x.key not in {s.key for s in speakers}
                    and x.role != "part"
                    and not _in_attribution(sent, x, sp, vpos)
                    and x.type is not T.MEETING
                ]
                _merge_statement(sink, sent, sp.key, when, meeting, about, quotes, where)
            break
        else:
            m = _PRONOUN.search(sent.text)
            if m and last_speaker is not None and sent.quotes:
                _merge_statement(
                    sink,
                    sent,
                    last_speaker.key,
                    speaker_dates.get(last_speaker.key, ctx.published),
                    None,
                    [x.key for x in sent.mentions if x.key != last_speaker.key],
                    [q.text.rstrip(",. ") for q in sent.quotes],
                )


def _speech_dates(ctx: Context, sent: Sent) -> list[DateMention]:
    """The dates that can be a statement's: not one quoted ("especially in 2021"), not the
    start or end of a span ("destroyed since 2002", "not before 2023")."""
    return [d for d in sent.dates if not any(q.start <= d.start < q.end for q in sent.quotes)
            and not _SPAN_DATE.search(ctx.body, max(0, d.start - 12), d.start)]


_SPAN_DATE = re.compile(r"\b(?:since|until|till|before|by|from|through|ahead\s+of)\s+"
                        r"(?:the\s+)?$")


_GAP = re.compile(
    r"\s*(?:,[^,;\"“”]{1,120},|,)?\s*(?:(?:also|repeatedly|later|earlier|first|has|have|"
    r"had|allies|members|leaders|officials|on\s+\w+|in\s+a\s+statement|"
    r"in\s+a\s+(?:\w+\s+)?(?:address|interview|statement))\s*,?\s*)*"
)


# an open relative clause set off by a comma: "X, whose government hosts the ..."
_RELATIVE_OPEN = re.compile(r",\s+(?:whose|who|which|where)\b[^,;\"“”]*$")


# "the ministers said", "the two presidents told reporters"
_PLURAL_HOLDERS = re.compile(r"\b[Tt]he\s+(?:(?:two|three|four|five|six|\w+\s+)\s*)?"
                             r"(minister|president|secretarie|chancellor)s\s+(?:also\s+)?$")


_PLURAL_WORDS = re.compile(r"(?:minister|president|secretarie|chancellor)s\b")


def _speakers(
    ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
) -> list[Mention]:
    """Who speaks with the verb at ``vpos``: one actor, or a list of them ("A, B and C said")."""
    pm = _PLURAL_HOLDERS.search(sent.text, 0, vpos - sent.s.start) \
        if _PLURAL_WORDS.search(sent.text) else None
    if pm:  # "the ministers said": every person the text gave that title
        noun = pm.group(1).lower().replace("secretarie", "secretary")
        holders = [e.key for e in ctx.entities.values() if e.type is T.PERSON and e.title
                   and noun in e.title[0].lower().split()]
        if len(holders) > 1:
            return [Mention(vpos, vpos, "", k, T.PERSON, "anaphor") for k in holders]
    one = _speaker(ctx, sent, vpos, vend, last)
    if one is None:
        return []
    if one.type is not T.PERSON or one.end > vpos:
        return [one]
    out = [one]
    persons = [
        x for x in sent.mentions if x.type is T.PERSON and x.end <= one.start and x.role == "name"
    ]
    cur = one
    for x in reversed(persons):
        gap = ctx.body[x.end : int(cur.info.get("title_start", cur.start))]
        if re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:[A-Z][\w'-]*\s+)*", gap):
            out.insert(0, x)
            cur = x
        else:
            break
    return out


OPENING = re.compile(r"(?:In|At|On|During|After|Following|Under|According\s+to)\s"
                      r"[^,;\"“”]{0,150},")


# what lies between a person and the body or state of his post or origin: "X of",
# "X, chairman of the", "X, a senior fellow at the"
HOLDER_GAP = re.compile(r"\s+of\s+(?:the\s+)?|,\s+(?:the\s+|an?\s+)?(?:[a-z][\w-]*\s+){1,4}"
                         r"(?:of|for|at)\s+(?:the\s+)?")


def _holder_of(ctx: Context, cands: list[Mention], m: Mention) -> Mention:
    """The person whose post or origin ``m`` names speaks, not ``m``: "Rep. Jane Roe,
    chairman of the House Armed Services Committee, said", "Jan Kowal of Poland said"."""
    if m.type is T.PERSON:
        return m
    people = [x for x in cands if x.type is T.PERSON and x.end <= m.start]
    if people and HOLDER_GAP.fullmatch(ctx.body, people[-1].end, m.start):
        return people[-1]
    return m


def _speaker(
    ctx: Context, sent: Sent, vpos: int, vend: int, last: Mention | None
) -> Mention | None:
    text = sent.text
    lv = vpos - sent.s.start
    # "X said" (allowing "on Friday", adverbs, an appositive between)
    cands = [
        m
        for m in sent.mentions
        if m.end <= vpos
        and m.type in ACTORS
        and m.role != "part"
        and not any(q.start <= m.start < q.end for q in sent.quotes)
    ]
    if re.search(r"(?:,|\bby)\s*$", text[:lv]) and text[lv:].split(" ", 1)[0].endswith("ing"):
        # ", telling the meeting ...", "opened it by telling ...": the main clause's subject
        first = [m for m in cands if m.type in ACTORS and m.role in ("name", "surname", "anaphor")
                 and id(m) not in sent.nested and not possessive(ctx, m)
                 and not qualifies_person(ctx, sent, m)]
        return first[0] if first else None
    if text[lv:].startswith("according to"):
        return None  # "according to the document": the speaker, if any, comes after
    if re.search(r"\band\s+(?:also\s+)?$", text[:lv]):
        if re.match(r"(?:He|She)\s", text):  # "He accused NATO ... and said": the person
            people = [x for s in ctx.sents[max(0, sent.index - 3) : sent.index]  # named last
                      for x in s.mentions if x.type is T.PERSON and x.role != "part"]
            return people[-1] if people else last
        # "X accused Tehran of ... and said": the subject of the main clause speaks, not
        # one in an opening phrase ("In a statement carried by the agency Y, X accused")
        opening = OPENING.match(text)
        for m in sorted(sent.mentions, key=lambda x: (x.start, -x.end)):
            if m.start >= vpos:
                break
            if opening and m.end <= sent.s.start + opening.end() < vpos:
                continue
            if m.type not in ACTORS or m.role in ("demonym", "part") or possessive(ctx, m) \
                    or any(q.start <= m.start < q.end for q in sent.quotes) \
                    or qualifies_person(ctx, sent, m) \
                    or re.search(r"\b(?:[Ii]n|[Aa]t|[Ff]rom)\s+(?:the\s+)?$",
                                 ctx.body[max(0, m.start - 9) : m.start]):
                continue  # "In London, X said ... and urged": a place is no speaker
            if re.search(r"\b(?:about|of|on|with|against|over|into|towards?)\s+(?:the\s+)?$",
                         ctx.body[max(0, m.start - 12) : m.start]) \
                    and "," not in ctx.body[sent.s.start : m.start]:
                return None  # "The two sides voiced concern about X and said": no subject
            return m
        return None
    for m in list(reversed(cands))[:4]:
        gap = text[m.end - sent.s.start : lv]
        if _GAP.fullmatch(gap):
            if gap.lstrip().startswith(",") and _RELATIVE_OPEN.search(
                    text, 0, m.start - sent.s.start):
                continue  # "X, whose government hosts the organisation, said": X speaks
            if m.role == "demonym":
                break
            return _holder_of(ctx, cands, m)
    # "Russian Foreign Minister said": the person known by that title
    from kg.extract._entities import title_re

    titles = list(title_re().finditer(text[max(0, lv - 60) : lv]))
    tm = titles[-1] if titles else None
    position = None
    if tm is not None and re.fullmatch(r"\s*", text[max(0, lv - 60) + tm.end() : lv]):
        position = ctx.rec.rb.titles.get(re.sub(r"\s+", " ", tm.group(0).lower()), ("", ""))[0]
    elif re.search(r"\btop\s+diplomat\s*$", text[:lv]):  # "Russia's top diplomat said"
        position = "Minister of Foreign Affairs"
    if position:
        holders = [e for e in ctx.entities.values() if e.title and e.title[0] == position]
        if len(holders) == 1:
            return Mention(vpos, vpos, "", holders[0].key, T.PERSON, "anaphor")
    # inverted: "..., said Lavrov." / "says Russia's Foreign Minister"
    after = [
        m
        for m in sent.mentions
        if m.start >= vend and m.type in ACTORS and ctx.body[m.end : m.end + 2] != "'s"
    ]
    if after:
        gap = text[vend - sent.s.start : after[0].start - sent.s.start]
        tail = ctx.body[after[0].end : after[0].end + 12]
        ends = re.match(r"\s*(?:[,.;]|$|\s+(?:on|in|at|during)\b)", tail)
        if re.fullmatch(r"\s*(?:[A-Z][\w']*\s+)*", gap) and after[0].role != "demonym" and ends:
            return after[0]
    if re.search(r"\b(?:he|she)\s+(?:also\s+)?$", text[:lv]) and last is not None:
        return last
    return None


_OCCASION = re.compile(r"\b(?:at|during)\s+(?:the|a)\b")


def _in_attribution(sent: Sent, x: Mention, speaker: Mention, vpos: int) -> bool:
    """A mention that is part of the speaker's description ("Russian" in "Russian Foreign
    Minister") or of the place/occasion phrase after the verb."""
    if (
        x.end <= speaker.start
        and x.type in (T.STATE, T.PLACE, T.BLOC, T.ORGANIZATION)
        and DESCRIPTION.fullmatch(sent.text, sent.local(x.end), sent.local(speaker.start))
    ):
        return True
    if speaker.type is T.PERSON and speaker.end <= x.start < vpos and x.type in ACTORS \
            and HOLDER_GAP.fullmatch(sent.text, sent.local(speaker.end), sent.local(x.start)):
        return True  # "Jane Roe, chairman of the Committee, said": her post, not her topic
    occasion = x.start >= vpos and not sent.quotes
    if occasion and _OCCASION.search(sent.text, sent.local(vpos), sent.local(x.start)):
        return True
    return (
        any(q.start <= x.start < q.end for q in sent.quotes) is False
        and x.type is T.PERSON
        and x.key == speaker.key
    )


_AT_MEETING = re.compile(r"\b(?:at|during|to|telling|told|addressing|addressed|closing|opening|"
                         r"chairing)\s+(?:(?:the|a|an|its)\s+)?$", re.IGNORECASE)


_TO_AUDIENCE = re.compile(r"\b(?:told|telling|addressed|addressing)\s+(?:the\s+|his\s+|her\s+)?"
                          r"(?:delegates|participants|gathering|leaders|counterparts|summit|"
                          r"meeting|session|conference)\b")


_SPOKEN_FROM = re.compile(r"\s+(?:\w+\s+){0,4}?(?:in|at|from)\s+(?:the\s+)?$")


def _meeting_at(ctx: Context, sent: Sent, vpos: int) -> str | None:
    """The meeting a statement was made at: one the sentence names as the occasion
    ("Speaking at the summit", "telling the annual meeting of ..."), or the meeting just
    spoken of when the speaker "told the delegates"."""
    for m in sent.mentions:
        if m.type is T.MEETING and _AT_MEETING.search(ctx.body[max(0, m.start - 30) : m.start]):
            return m.key
    if _TO_AUDIENCE.search(sent.text):
        i = sent.index
        for s in reversed(ctx.sents[max(0, i - 3) : i + 1]):
            meetings = [m for m in s.mentions if m.type is T.MEETING]
            if meetings:
                return meetings[-1].key
    return None


def _place_of_speech(ctx: Context, sent: Sent, vend: int) -> str | None:
    """Where a statement was made when the attribution says so: "said in an address from
    the White House", "said in Brussels"."""
    for x in sent.mentions:
        if x.start >= vend and x.start - vend < 50 and x.type is T.PLACE \
                and _SPOKEN_FROM.fullmatch(ctx.body[vend : x.start]):
            return x.key
    return None


def _merge_statement(
    sink: Sink,
    sent: Sent,
    speaker: str,
    when: str | None,
    meeting: str | None,
    about: list[str],
    quotes: list[str],
    where: str | None = None,
) -> None:
    for d in sink.facts:
        if (
            d.kind == "statement"
            and d.fields["speaker"] == speaker
            and (d.fields.get("when") == when or (meeting and d.fields.get("meeting") == meeting))
        ):
            for a in about:
                if a not in d.fields.setdefault("about", []):
                    d.fields["about"].append(a)
            for q in quotes:
                if q not in d.fields.setdefault("quotes", []):
                    d.fields["quotes"].append(q)
            if meeting and not d.fields.get("meeting"):
                d.fields["meeting"] = meeting
            if where and not d.fields.get("where"):
                d.fields["where"] = where
            return
    sink.add(
        "statement",
        sent,
        speaker=speaker,
        when=when,
        where=where,
        meeting=meeting,
        about=list(dict.fromkeys(about)),
        quotes=quotes,
    )


RULES = (
    Rule(
        name="statement.speech_verb",
        doc="A speaker with a speech verb (said, told, warned ...), with the quotes, the date, "
            "the place and the meeting of the occasion; one statement per speaker and occasion.",
        apply=statements,
        scope="document",
        phase=40,
        guards=("habitual", "quoted", "opening-phrase"),
        slots=("speaker", "when", "where", "meeting", "about", "quotes"),
        examples=(
            ex("Russian Foreign Minister Sergey Lavrov arrived in Minsk on Monday. Russia's "
               "top diplomat said the CFE Treaty was dead.",
               speaker="Sergey Lavrov",
               when="2022-06-15"),
            ex("“We will not accept this,” Polish Foreign Minister Zbigniew Rau said on Monday.",
               speaker="Zbigniew Rau",
               when="2022-06-13",
               quotes=["We will not accept this"]),
            ex("French President Emmanuel Macron said on Wednesday that Europe needed its own "
               "nuclear deterrence debate.",
               speaker="Emmanuel Macron",
               when="2022-06-15"),
            ex("In a joint statement on Monday, US President Joe Biden and British Prime "
               "Minister Boris Johnson said the AUKUS partnership would grow.",
               speaker="Boris Johnson"),
            ex("The OSCE summit in Vienna opened on Monday. Speaking at the summit on Tuesday, "
               "Austrian Chancellor Karl Nehammer said Europe needed arms control.",
               speaker="Karl Nehammer",
               where="Vienna"),
            ex("President Joe Biden said in an address from the White House on Friday that the "
               "treaty would stand.",
               speaker="Joe Biden",
               where="White House"),
            ex("Defence Minister Carl Lindqvist II said on Monday the CFE Treaty was dead.",
               speaker="Carl Lindqvist II",
               when="2022-06-13"),
            ex("“The ban is working,” said Maria Lindgren, a researcher, on Monday about the "
               "CTBT.",
               speaker="Maria Lindgren"),
            ex("Poland's foreign ministry criticised Minsk on Monday, saying the drills broke "
               "the CFE Treaty.",
               speaker="Ministry of Foreign Affairs of Poland",
               when="2022-06-13"),
            ex("Czech Prime Minister Petr Fiala rejected the plan on Tuesday, calling it \"a "
               "threat to the treaty\".",
               speaker="Petr Fiala",
               quotes=["a threat to the treaty"]),
            ex("Polish Defence Minister Jan Kowal toured the base on Friday and said the CFE "
               "Treaty was dead.",
               speaker="Jan Kowal",
               when="2022-06-10"),
            ex("NATO Secretary General Mark Rutte opened the summit by telling leaders that "
               "the alliance \"will not be divided\" over the treaty.",
               speaker="Mark Rutte",
               quotes=["will not be divided"]),
            ex("US Secretary of State Antony Blinken called the move \"reckless\" and said the "
               "New START treaty mattered.",
               speaker="Antony Blinken",
               quotes=["reckless"]),
            ex("Chinese Foreign Minister Wang Yi spoke in Vienna on Monday. He accused NATO of "
               "\"Cold War thinking\" and said the NPT was at risk.",
               speaker="Wang Yi",
               quotes=["Cold War thinking"]),
            ex("Iran's envoy Kazem Gharibabadi met the press on Tuesday. She blamed the EU for "
               "the impasse and said the JCPOA \"is not dead\".",
               speaker="Kazem Gharibabadi",
               quotes=["is not dead"]),
            ex("Chinese Foreign Minister Wang Yi met Yang Jiechi in Beijing. On Monday, Wang "
               "said the NPT was \"the cornerstone\".",
               speaker="Wang Yi",
               quotes=["the cornerstone"]),
            ex("South Korean President Yoon Suk Yeol arrived in Vienna. Yoon told reporters on "
               "Friday the NPT \"must hold\".",
               speaker="Yoon Suk Yeol",
               quotes=["must hold"]),
            ex("Polish Foreign Minister Radek Nowak accused Moscow on Monday of \"nuclear "
               "blackmail\" over the CFE Treaty.",
               speaker="Radek Nowak",
               quotes=["nuclear blackmail"],
               when="2022-06-13"),
            ex("Ana Ruiz, head of the inspection team, reported to the council on Friday that "
               "Syria had breached the CWC.",
               speaker="Ana Ruiz",
               when="2022-06-10"),
            ex("Defence Minister Jan Kowal reported that the CFE Treaty limits were met.",
               speaker="Jan Kowal"),
            ex("The foreign ministers of Norway and Denmark, Espen Barth Eide and Lars Løkke "
               "Rasmussen respectively, met on Monday. \"The CTBT must enter into force,\" the "
               "ministers said in a joint statement.",
               speaker="Lars Løkke Rasmussen",
               quotes=["The CTBT must enter into force"]),
            ex("The foreign ministers of Norway and Denmark, Espen Barth Eide and Lars Løkke "
               "Rasmussen respectively, met on Monday. \"The CTBT must enter into force,\" the "
               "two ministers told reporters.",
               speaker="Espen Barth Eide"),
            ex("In Vienna, Austrian Foreign Minister Karl Auer said on Monday the NPT was \"at "
               "risk\" and urged Iran to comply.",
               speaker="Karl Auer",
               quotes=["at risk"]),
            ex("At NATO headquarters, Polish Defence Minister Jan Kowal said on Friday the CFE "
               "Treaty was \"dead\" and urged allies to act.",
               speaker="Jan Kowal"),
        ),
        counter=(
            "The International Atomic Energy Agency has warned that Iran is enriching uranium "
            "under the JCPOA.",
            "Moscow has long opposed the deployment, which it says breaks the INF Treaty.",
            "Putin signed a decree on the CFE Treaty on Monday, according to the document "
            "published online.",
            "The US has long blamed Moscow for the INF Treaty's collapse, saying its missile "
            "broke the treaty.",
            "Defence Minister Jan Kowal accused Moscow of violating the CFE Treaty.",
            "The Kommersant daily reported on Monday the CFE Treaty was dead.",
            "Russia and the United States, both parties to the CWC, declared the largest "
            "stockpiles in 1997.",
            "Belarus declared a moratorium on the CFE Treaty on Monday.",
        ),
    ),
)

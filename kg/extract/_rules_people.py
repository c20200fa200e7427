"""Positions held and statements: who is what, and who said what, when and where."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract._context import ACTORS, BODIES, Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._entities import Mention, fold, trie_regex
from kg.extract._relations import Sink

_SPEECH_WORDS = (
    "said", "says", "told", "added", "stressed", "noted", "warned", "urged", "welcomed",
    "acknowledged", "argued", "declared", "insisted", "stated", "explained", "complained",
    "condemned", "described", "reaffirmed", "called", "asked", "emphasised", "emphasized",
    "replied", "responded", "wrote", "telling", "adding", "warning", "arguing", "according to",
    "saying", "calling", "describing", "accused", "reported",
)
# a trie-shaped alternation: the verbs are looked for in every sentence
SPEECH = trie_regex(list(_SPEECH_WORDS))
_SPEECH_RE = re.compile(rf"\b(?:{SPEECH})\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\s+(?:also\s+)?(?:" + SPEECH + r")\b")


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


def positions(ctx: Context, sink: Sink) -> None:
    seen: set[str] = set()
    guessed: set[str] = set()  # persons whose title's state was guessed from context
    rb = ctx.rec.rb
    for sent in ctx.sents:
        for m in sent.mentions:
            # a later mention by surname may carry the title: "Gorbachev, the general
            # secretary of the Soviet Communist Party,"
            if m.type is not T.PERSON or m.role not in ("name", "surname") or m.key in seen:
                continue
            surname = m.role == "surname"
            title = m.info.get("title")
            tstart = int(m.info.get("title_start", m.start))
            after = None
            cp = re.search(
                r"\b(?:his|her|their)\s+(\w+)\s+counterparts?,?\s*$",
                ctx.body[max(0, m.start - 40) : m.start],
            )
            if not title and cp and not surname:
                prev = [
                    x
                    for x in sent.mentions
                    if x.type is T.PERSON and x.end <= m.start and ctx.entities[x.key].title
                ]
                st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(cp.group(1), []))
                if prev and st is not None:
                    position = ctx.entities[prev[-1].key].title[0]  # type: ignore[index]
                    ctx.entities[m.key].title = (position, st.key)
                    seen.add(m.key)
                    sink.add(
                        "holds_position",
                        sent,
                        person=m.key,
                        position=position,
                        of=st.key,
                        when=_act_date(ctx, sent, m) or ctx.published,
                    )
                    continue
            if not title:
                app = _appositive_title(ctx, sent, m)
                if app is not None:  # "Sergei Ryabkov, Russia's deputy foreign minister,"
                    ctx.entities[m.key].title = app
                    seen.add(m.key)
                    sink.add("holds_position", sent, person=m.key, position=app[0], of=app[1],
                             when=_act_date(ctx, sent, m))
                    continue
                after = re.match(
                    r",\s+(?:then\s+|the\s+|who\s+(?:is|was)\s+)?(?:([A-Z][a-z]+)'s\s+)?"
                    r"([A-Za-z][A-Za-z -]+?)\s+of\s+(?:the\s+)?",
                    ctx.body[m.end : m.end + 80],
                )
                if not after or after.group(2).lower() not in rb.titles:
                    continue
                title = after.group(2)
            if re.search(r"\b(?:[Ff]ormer|[Ee]x-)\s*(?:[\w.]+(?:'s)?\s+)?$",
                         ctx.body[max(0, tstart - 30) : tstart]):
                continue  # "former U.S. ambassador John Bolton" holds the post no more
            if _OF_AN_OCCASION.search(ctx.body, max(0, tstart - 30), tstart):
                continue  # "the conference's president, X": he chairs a meeting, no state
            position, organ = rb.titles[re.sub(r"\s+", " ", title.lower())]
            if m.info.get("title_tail"):  # the post as written with the field it covers
                position = _headline(title + m.info["title_tail"])
            of = _jurisdiction(ctx, title)
            if of is None and m.info.get("of_state"):  # "... respectively"
                st = ctx.rec._ref_state(rb.surfaces.get(m.info["of_state"], []))
                if st is not None:
                    ctx.rec.entity(st.key, st.type, st.name, st)
                    of = st.key
            if after is not None:
                tail = m.end + after.end()
                org = next((x for x in sent.mentions if x.start == tail), None)
                of = org.key if org else None
            elif of is None:
                of = _qualifier(ctx, sent, tstart, organ, m)
            if of is None and organ == "state":
                of = _context_state(ctx, sent, m)
                guessed.add(m.key)
            if of is None and organ == "body":
                prev = [
                    x
                    for x in sent.mentions
                    if x.end <= tstart and x.type in (T.BLOC, T.ORGANIZATION)
                ]
                of = prev[-1].key if prev else None
            if of is None:
                continue
            ctx.entities[m.key].title = (position, of)
            seen.add(m.key)
            when = _act_date(ctx, sent, m)
            sink.add("holds_position", sent, person=m.key, position=position, of=of, when=when)
    _drop_rival_guesses(ctx, sink, guessed)


def _headline(text: str) -> str:
    """ "special representative for the Biological Weapons Convention" in headline case."""
    small = ("of", "for", "and", "the", "to", "on", "in")
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in text.split())


_OF_AN_OCCASION = re.compile(r"\b(?:conference|meeting|session|summit|talks|assembly|committee|"
                            r"board|panel|forum|negotiations)(?:'s|’s|')\s+\Z")


def _drop_rival_guesses(ctx: Context, sink: Sink, guessed: set[str]) -> None:
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


def _appositive_title(ctx: Context, sent: Sent, m: Mention) -> tuple[str, str] | None:
    """A title set after a name with its state or body before it: "Sergei Ryabkov, Russia's
    deputy foreign minister,", "John Bolton, the US national security adviser, said"."""
    app = _APPOSITION.match(ctx.body, m.end, m.end + 20)
    if app is None:
        return None
    q = next((x for x in sent.mentions if x.start == app.end() and x.type in BODIES), None)
    if q is None:
        return None
    tm = _TITLE_WORDS.match(ctx.body, q.end, q.end + 60)
    if tm is None:
        return None
    found = ctx.rec.rb.titles.get(re.sub(r"\s+", " ", tm.group(1).lower()))
    if found is None:
        return None
    position, organ = found
    if organ == "state":
        if q.type is T.STATE:
            return position, q.key
        from kg.extract._relations import state_of

        st = state_of(ctx, q)
        return (position, st) if st else None
    return position, q.key


def _jurisdiction(ctx: Context, title: str) -> str | None:
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


def _qualifier(ctx: Context, sent: Sent, tstart: int, organ: str, person: Mention) -> str | None:
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
        from kg.extract._relations import state_of

        st = state_of(ctx, inside[0])
        if st:
            return st
    if re.search(r"\bthe\s+country's\s+$", ctx.body[max(0, tstart - 20) : tstart]):
        prior = [
            x
            for s in ctx.sents
            for x in s.mentions
            if x.end <= tstart and x.type is T.STATE and not _quoted(s, x)
        ]
        return prior[-1].key if prior else None
    prev = [x for x in sent.mentions if x.end <= tstart and tstart - x.end <= 3]
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
        from kg.extract._relations import state_of

        return state_of(ctx, q) if organ == "state" else q.key
    return None


def _quoted(sent: Sent, x: Mention) -> bool:
    return any(q.start <= x.start < q.end for q in sent.quotes)


def _context_state(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """A national title with no state written before it: a state named before it in the
    sentence ("The Soviet delegation was led by Vice President ..."), else in the sentence
    before it in the paragraph, else after it in the sentence ("... signed the law on
    Russia's withdrawal"), else the state the article is mostly about."""
    # "in Moscow" places a person, it does not qualify a title; "his Russian counterpart"
    # says whose the person's title is not
    other = re.search(r"\b(?:his|her)\s+([A-Z][a-z]+)\s+counterparts?\b", sent.text)
    not_his = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(other.group(1), [])) if other else None
    states = [x for x in sent.mentions if x.type is T.STATE and not _quoted(sent, x)
              and not (x.role == "capital" and x.info.get("locative"))
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
        prior = [x for x in prev.mentions if x.type is T.STATE and not _quoted(prev, x)
                 and not (not_his is not None and x.key == not_his.key)]
        if prior:
            return prior[-1].key
    # "President X and Soviet leader Y": a state qualifying another person is not X's
    after = [x for x in states if x.start >= m.end and not _qualifies_person(ctx, sent, x)]
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


def _act_date(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """The date of the act the person is shown in: the date nearest the name."""
    if sent.dates:
        return min(sent.dates, key=lambda d: min(abs(d.start - m.end), abs(m.start - d.end))).value
    return None


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


def _qualifies_person(ctx: Context, sent: Sent, m: Mention) -> bool:
    """A state or body written before a person's title: "US" in "US Secretary of State
    Antony Blinken"."""
    if m.type is T.PERSON:
        return False
    nxt = next((x for x in sent.mentions if x.start >= m.end), None)
    if nxt is None or nxt.type is not T.PERSON:
        return False
    if _DESCRIPTION.fullmatch(ctx.body, m.end, nxt.start) is not None:
        return True
    from kg.extract._entities import _title_re

    between = ctx.body[m.end : nxt.start].removeprefix("'s").removeprefix("’s").strip()
    return _title_re().fullmatch(between) is not None


def _possessive(ctx: Context, m: Mention) -> bool:
    return ctx.body[m.end : m.end + 2] in ("'s", "’s")


_OPENING = re.compile(r"(?:In|At|On|During|After|Following|Under|According\s+to)\s"
                      r"[^,;\"“”]{0,150},")


# what lies between a person and the body or state of his post or origin: "X of",
# "X, chairman of the", "X, a senior fellow at the"
_HOLDER_GAP = re.compile(r"\s+of\s+(?:the\s+)?|,\s+(?:the\s+|an?\s+)?(?:[a-z][\w-]*\s+){1,4}"
                         r"(?:of|for|at)\s+(?:the\s+)?")


def _holder_of(ctx: Context, cands: list[Mention], m: Mention) -> Mention:
    """The person whose post or origin ``m`` names speaks, not ``m``: "Rep. Jane Roe,
    chairman of the House Armed Services Committee, said", "Jan Kowal of Poland said"."""
    if m.type is T.PERSON:
        return m
    people = [x for x in cands if x.type is T.PERSON and x.end <= m.start]
    if people and _HOLDER_GAP.fullmatch(ctx.body, people[-1].end, m.start):
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
                 and id(m) not in sent.nested and not _possessive(ctx, m)
                 and not _qualifies_person(ctx, sent, m)]
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
        opening = _OPENING.match(text)
        for m in sorted(sent.mentions, key=lambda x: (x.start, -x.end)):
            if m.start >= vpos:
                break
            if opening and m.end <= sent.s.start + opening.end() < vpos:
                continue
            if m.type not in ACTORS or m.role in ("demonym", "part") or _possessive(ctx, m) \
                    or any(q.start <= m.start < q.end for q in sent.quotes) \
                    or _qualifies_person(ctx, sent, m) \
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
    from kg.extract._entities import _title_re

    titles = list(_title_re().finditer(text[max(0, lv - 60) : lv]))
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


# what may stand between a qualifier and the speaker it qualifies: "Russian Foreign
# Minister", "European Union envoy", "Kremlin chief spokesman"
_DESCRIPTION = re.compile(r"(?:'s)?\s+(?:(?:[A-Z][\w-]*|chief|envoy|negotiator|spokes(?:man|woman|"
                          r"person)|official|aide|adviser|advisor|ambassador|leader)\s+)*")
_OCCASION = re.compile(r"\b(?:at|during)\s+(?:the|a)\b")


def _in_attribution(sent: Sent, x: Mention, speaker: Mention, vpos: int) -> bool:
    """A mention that is part of the speaker's description ("Russian" in "Russian Foreign
    Minister") or of the place/occasion phrase after the verb."""
    if (
        x.end <= speaker.start
        and x.type in (T.STATE, T.PLACE, T.BLOC, T.ORGANIZATION)
        and _DESCRIPTION.fullmatch(sent.text, sent.local(x.end), sent.local(speaker.start))
    ):
        return True
    if speaker.type is T.PERSON and speaker.end <= x.start < vpos and x.type in ACTORS \
            and _HOLDER_GAP.fullmatch(sent.text, sent.local(speaker.end), sent.local(x.start)):
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


__all__ = ["BODIES", "fold", "main_state", "positions", "statements"]

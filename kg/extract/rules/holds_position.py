"""holds_position: who holds which post, of which state or body."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._discourse import (
    main_state,
    state_of,
)
from kg.extract._entities import Mention
from kg.extract._sink import Sink
from kg.extract._syntax import (
    qualifies_person,
    quoted,
)
from kg.extract.rules._rule import Rule, ex


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
        return state_of(ctx, q) if organ == "state" else q.key
    return None


def _context_state(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """A national title with no state written before it: a state named before it in the
    sentence ("The Soviet delegation was led by Vice President ..."), else in the sentence
    before it in the paragraph, else after it in the sentence ("... signed the law on
    Russia's withdrawal"), else the state the article is mostly about."""
    # "in Moscow" places a person, it does not qualify a title; "his Russian counterpart"
    # says whose the person's title is not
    other = re.search(r"\b(?:his|her)\s+([A-Z][a-z]+)\s+counterparts?\b", sent.text)
    not_his = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(other.group(1), [])) if other else None
    states = [x for x in sent.mentions if x.type is T.STATE and not quoted(sent, x)
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


def _act_date(ctx: Context, sent: Sent, m: Mention) -> str | None:
    """The date of the act the person is shown in: the date nearest the name."""
    if sent.dates:
        return min(sent.dates, key=lambda d: min(abs(d.start - m.end), abs(m.start - d.end))).value
    return None


RULES = (
    Rule(
        name="holds_position.title",
        doc="A person shown with a title, before or after the name, of the state or body the "
            "text writes or implies: 'Russian Foreign Minister Sergey Lavrov', 'Jens "
            "Stoltenberg, Secretary General of NATO'.",
        apply=positions,
        scope="document",
        phase=10,
        guards=("former", "occasion"),
        slots=("person", "position", "of", "when"),
        examples=(
            ex("Russian Defence Minister Sergei Shoigu said on Monday the drills were over.",
               person="Sergei Shoigu",
               position="Minister of Defence",
               of="Russia",
               when="2022-06-13"),
            ex("Germany's Foreign Minister Annalena Baerbock told reporters in Berlin on "
               "Tuesday that the talks would go on.",
               person="Annalena Baerbock",
               position="Minister of Foreign Affairs",
               of="Germany"),
            ex("Jens Stoltenberg, Secretary General of NATO, warned on Friday of new threats.",
               person="Jens Stoltenberg",
               position="Secretary General",
               of="NATO"),
            ex("The nuclear deal was made by Iran and China. Then-President Donald Trump "
               "pulled the United States out of the deal in 2018.",
               person="Donald Trump",
               position="President",
               of="United States"),
            ex("NATO Secretary General Mark Rutte said the alliance stood united.",
               person="Mark Rutte",
               position="Secretary General",
               of="NATO"),
            ex("Hakan Fidan, Turkey's foreign minister, said on Monday the talks on the treaty "
               "were useful.",
               person="Hakan Fidan",
               position="Minister of Foreign Affairs",
               of="Türkiye"),
            ex("On Friday, Jake Sullivan, the US national security adviser, told reporters the "
               "treaty was dead.",
               person="Jake Sullivan",
               position="National Security Adviser",
               of="United States"),
            ex("Mexico backs the treaty.\n\nForeign Minister Pedro Alvarez, who was in Moscow "
               "on Monday, met his Russian counterpart, Sergei Lavrov.",
               person="Pedro Alvarez",
               position="Minister of Foreign Affairs",
               of="Mexico"),
            ex("Secretary of State Walter P. Hughes III told reporters the treaty was sound. "
               "Hughes left for Geneva.",
               person="Walter P. Hughes III",
               position="Secretary of State"),
            ex("“We need the treaty,” said Tomas Varga, executive director of the Federation "
               "of Concerned Physicists (FCP).",
               person="Tomas Varga",
               position="Executive Director",
               of="Federation of Concerned Physicists"),
            ex("Arms Control Watch (ACW) criticised the CTBT delay. Anna Okafor, secretary "
               "general of ACW, said the treaty mattered.",
               person="Anna Okafor",
               of="Arms Control Watch"),
            ex("China's U.N. Ambassador Zhang Jun told reporters on Friday the treaty mattered.",
               person="Zhang Jun",
               position="Ambassador to the United Nations",
               of="China"),
            ex("Kenya's ambassador to the United Nations, Martin Kimani, said on Monday the "
               "treaty held.",
               person="Martin Kimani",
               position="Ambassador to the United Nations",
               of="Kenya"),
            ex("Brazil's ambassador to the U.N., Sergio Danese, said the CTBT vote was close.",
               person="Sergio Danese",
               position="Ambassador to the United Nations"),
            ex("Indian External Affairs Minister Kiran Rao said on Monday the treaty mattered.",
               person="Kiran Rao",
               position="Minister of External Affairs",
               of="India"),
            ex("Kazakhstan has left the military bloc of former Soviet states, Prime Minister "
               "Olzhas Bektenov said on Monday.",
               person="Olzhas Bektenov",
               of="Kazakhstan"),
            ex("Serbia rejected the Russian-led bloc's plan, President Aleksandar Vucic said "
               "on Tuesday of the CSTO.",
               person="Aleksandar Vucic",
               of="Serbia"),
            ex("Russia and Poland ended the CFE Treaty talks. Russia said on Monday it was "
               "pleased.\n\nSigned in Geneva by President Jan Novak and his Russian "
               "counterpart Boris Yeltsin, the CFE Treaty cut tanks.",
               person="Jan Novak",
               of="Poland"),
            ex("Chile and Russia ended the CTBT talks. Russia said it was pleased; Russia will "
               "ratify.\n\nPresident Ana Lopez and her Russian counterpart Ivan Petrov met in "
               "Geneva on Monday.",
               person="Ivan Petrov",
               position="President",
               of="Russia"),
            ex("In Vienna, the Executive Secretary of the Preparatory Commission for the "
               "Comprehensive Nuclear-Test-Ban Treaty Organization (CTBTO), Robert Floyd, "
               "spoke on Monday.",
               person="Robert Floyd",
               position="Executive Secretary"),
            ex("The Secretary General of NATO, Mark Rutte, said on Monday the treaty was dead.",
               person="Mark Rutte",
               position="Secretary General",
               of="NATO"),
            ex("The foreign ministers of Norway, Denmark and Iceland, Espen Barth Eide, Lars "
               "Løkke Rasmussen and Þórdís Gylfadóttir respectively, met on Monday over the "
               "CTBT.",
               person="Þórdís Gylfadóttir",
               position="Minister of Foreign Affairs",
               of="Iceland"),
            ex("The prime ministers of Czechia and Slovakia, Petr Fiala and Robert Fico "
               "respectively, signed a pledge on the CFE Treaty.",
               person="Robert Fico",
               position="Prime Minister",
               of="Slovakia"),
            ex("The United States and the Soviet Union ended the talks. The United States "
               "hailed the deal.\n\nPresident Tom Hale and Soviet President Mikhail Gorbachev "
               "signed the START treaty on Wednesday.",
               person="Tom Hale",
               of="United States"),
            ex("France and Russia ended the CFE talks; France was pleased.\n\nPresident Paul "
               "Marchand and Russian President Boris Yeltsin signed the CFE Treaty on Monday.",
               person="Paul Marchand",
               position="President",
               of="France"),
        ),
        counter=(
            "Olaf Berg, a critic of Russia's foreign minister, said the treaty was dead.",
            "BEIJING, June 14. Foreign Minister Wang Yi, who was in Berlin on Monday, held "
            "talks with his German counterpart about the treaty.",
            "“We need the treaty,” said Monday Times editor Tom Rees of the Nuclear Club "
            "(NUCLUB).",
            "The foreign ministers of Norway, Denmark and Iceland, Espen Barth Eide and Lars "
            "Løkke Rasmussen respectively, met over the CTBT.",
            "The former Secretary General of NATO, Jens Stoltenberg, said on Monday the treaty "
            "was dead.",
            "Former U.S. ambassador to the U.N. John Bolton said the treaty was dead.",
            "Russia's former president Dmitry Medvedev said the treaty was dead.",
        ),
    ),
)

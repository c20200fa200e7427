"""holds_position: who holds which post, of which state or body.

The rule reads each person's mentions in order and tries its parts on each: the first
that finds a post gives the fact (a person may hold several posts, each once)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kg.extract._context import Context, Sent, T
from kg.extract._entities import Mention
from kg.extract._lexicon import rx
from kg.extract._sink import Sink
from kg.extract.rules._body_parts import DELEGATION, sub_body_post, titles_of_body, whole_of
from kg.extract.rules._counterparts import counterpart_after, counterpart_before
from kg.extract.rules._rule import Example, Rule, ex
from kg.extract.rules._titles import (
    OF_AN_OCCASION,
    Post,
    act_date,
    appositive_title,
    chamber,
    context_state,
    drop_rival_guesses,
    headline,
    jurisdiction,
    known_state,
    main_body,
    qualifier,
    title_key,
)


def apposition(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "Sergei Ryabkov, Russia's deputy foreign minister,": the state before the title."""
    if m.info.get("title"):
        return None
    app = appositive_title(ctx, sent, m)
    return Post(app[0], app[1], m.end) if app else None


_TITLE_AFTER = re.compile(r",\s+(?:then\s+|the\s+|an?\s+|who\s+(?:is|was)\s+)?"
                          r"(?:([A-Z][a-z]+)'s\s+)?([A-Za-z][A-Za-z -]+?)\s+(?:of|at)\s+"
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
    if org is not None and org.role == "demonym" and DELEGATION.match(ctx.body, org.end):
        position = f"{position} of Delegation"  # "the head of the Russian delegation"
    return Post(position, org.key, tstart) if org else None


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
    """ "former U.S. ambassador John Bolton", "the conference's president, X": no post."""
    return bool(re.search(r"\b(?:[Ff]ormer|[Ee]x-)\s*(?:[\w.]+(?:'s)?\s+)?$",
                          ctx.body[max(0, tstart - 30) : tstart])) \
        or bool(OF_AN_OCCASION.search(ctx.body, max(0, tstart - 30), tstart))


def positions(ctx: Context, sink: Sink) -> None:
    seen: set[tuple[str, str]] = set()  # (person, position) found
    guessed: set[str] = set()  # persons whose title's state was guessed from context
    for sent in ctx.sents:
        for m in sent.mentions:
            if m.type is not T.PERSON or m.role not in ("name", "surname", "anaphor"):
                continue
            for part in _PARTS:
                found = part.apply(ctx, sent, m)
                if not found:
                    continue
                for post in found if isinstance(found, list) else [found]:
                    if (m.key, post.position) in seen:
                        continue
                    seen.add((m.key, post.position))
                    if post.guessed:
                        guessed.add(m.key)
                    ctx.entities[m.key].title = (post.position, post.of)
                    sink.add("holds_position", sent, rule=part.name, person=m.key,
                             position=post.position, of=post.of,
                             when=post.when or act_date(ctx, sent, m))
                break
    drop_rival_guesses(ctx, sink, guessed)


def _part(name: str, fn: Callable[[Context, Sent, Mention], Post | list[Post] | None],
          examples: tuple[Example, ...] = (), counter: tuple[str, ...] = ()) -> Rule:
    return Rule(name=f"holds_position.{name}", doc=(fn.__doc__ or "").strip(), apply=fn,
                scope="part", slots=("person", "position", "of", "when"),
                guards=("former", "occasion") if name.startswith("title") else (),
                examples=examples, counter=counter)


_PARTS = (
    _part("counterpart_before", counterpart_before,
          examples=(
            ex("Chile and Russia ended the CTBT talks. Russia said it was pleased; Russia will "
               "ratify.\n\nPresident Ana Lopez and her Russian counterpart Ivan Petrov met in "
               "Geneva on Monday.",
               person="Ivan Petrov",
               position="President",
               of="Russia"),
          ),
          counter=(
            "The minister met his Iranian counterpart in Tehran on Monday.",
          )),
    _part("counterpart_after", counterpart_after,
          examples=(
            ex("Secretary of State George Shultz and Andrei Gromyko, his Soviet counterpart, "
               "met in Geneva in January 1985.", published="1985-01-20",
               person="Andrei Gromyko", position="Minister of Foreign Affairs",
               of="Soviet Union"),
          ),
          counter=(
            "Andrei Gromyko, his Soviet counterpart, arrived in Geneva.",
          )),
    _part("apposition", apposition,
          examples=(
            ex("George Shultz, the secretary of state, flew to Geneva in January 1985.",
               published="1985-01-20", person="George Shultz", position="Secretary of State",
               of="United States"),
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
          ),
          counter=(
            "Anna Nowak, Poland's most famous writer, said the treaty was dead.",
          )),
    _part("title_after", title_after,
          examples=(
            ex("Jens Stoltenberg, Secretary General of NATO, warned on Friday of new threats.",
               person="Jens Stoltenberg",
               position="Secretary General",
               of="NATO"),
            ex("“We need the treaty,” said Tomas Varga, executive director of the Federation "
               "of Concerned Physicists (FCP).",
               person="Tomas Varga",
               position="Executive Director",
               of="Federation of Concerned Physicists"),
            ex("Arms Control Watch (ACW) criticised the CTBT delay. Anna Okafor, secretary "
               "general of ACW, said the treaty mattered.",
               person="Anna Okafor",
               of="Arms Control Watch"),
          ),
          counter=(
            "Jens Stoltenberg, a critic of NATO, spoke about the treaty.",
          )),
    _part("description", description,
          examples=(
            ex("Vladimir Putin spoke on Monday. Later the Russian president left Minsk.",
               person="Vladimir Putin", position="President", of="Russia"),
          ),
          counter=(
            "Vladimir Putin spoke on Monday. Later the French president left Minsk.",
          )),
    _part("titles_of_body", titles_of_body,
          examples=(
            ex("Kyrgyzstan's President and Chairman of the CSTO Collective Security Council "
               "Sadyr Japarov spoke on Monday.",
               person="Sadyr Japarov",
               position="Chairman of the Collective Security Council",
               of="Collective Security Treaty Organization"),
            ex("Kyrgyzstan's President and Chairman of the CSTO Collective Security Council "
               "Sadyr Japarov spoke on Monday.",
               person="Sadyr Japarov",
               position="President",
               of="Kyrgyzstan"),
          ),
          counter=(
            "The meeting of the CSTO Collective Security Council Sadyr Japarov chaired ended.",
          )),
    _part("title_before", title_before,
          examples=(
            ex("President of Belarus Alexander Lukashenko said the treaty would protect both "
               "states.", person="Alexander Lukashenko", position="President", of="Belarus"),
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
            ex("The nuclear deal was made by Iran and China. Then-President Donald Trump "
               "pulled the United States out of the deal in 2018.",
               person="Donald Trump",
               position="President",
               of="United States"),
            ex("NATO Secretary General Mark Rutte said the alliance stood united.",
               person="Mark Rutte",
               position="Secretary General",
               of="NATO"),
            ex("Mexico backs the treaty.\n\nForeign Minister Pedro Alvarez, who was in Moscow "
               "on Monday, met his Russian counterpart, Sergei Lavrov.",
               person="Pedro Alvarez",
               position="Minister of Foreign Affairs",
               of="Mexico"),
            ex("Secretary of State Walter P. Hughes III told reporters the treaty was sound. "
               "Hughes left for Geneva.",
               person="Walter P. Hughes III",
               position="Secretary of State"),
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
            "Former U.S. ambassador to the U.N. John Bolton said the treaty was dead.",
          )),
)


RULES = (
    Rule(
        name="holds_position.post",
        doc="A person shown with a title, before or after the name, of the state or body the "
            "text writes or implies; who holds what is found by the first part that applies.",
        apply=positions,
        scope="document",
        phase=10,
        slots=("person", "position", "of", "when"),
        parts=_PARTS,
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

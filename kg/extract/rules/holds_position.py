"""holds_position: who holds which post, of which state or body.

The rule reads each person's mentions in order and tries its parts on each: the first
that finds a post gives the fact (a person may hold several posts, each once)."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract._context import Context, Sent, T
from kg.extract._entities import Mention
from kg.extract._sink import Sink
from kg.extract.rules._body_parts import titles_of_body
from kg.extract.rules._counterparts import counterpart_after, counterpart_before
from kg.extract.rules._post_parts import (
    ambassador_of,
    apposition,
    description,
    listed_after_title,
    title_after,
    title_before,
)
from kg.extract.rules._rule import Example, Rule, ex
from kg.extract.rules._titles import (
    Post,
    act_date,
    drop_rival_guesses,
)


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
    _drop_generic(sink)


#: posts that only say a person leads a body: "UN chief Ban Ki-moon", "the head of X"
_GENERIC = ("Chief", "Head")


def _drop_generic(sink: Sink) -> None:
    """ "UN chief Ban Ki-moon ... UN Secretary-General Ban": the post the text names
    replaces the generic one of the same body."""
    posts = [d for d in sink.facts if d.kind == "holds_position"]
    for d in posts:
        if d.fields["position"] in _GENERIC and any(
                o is not d and o.fields["person"] == d.fields["person"]
                and o.fields.get("of") == d.fields.get("of")
                and o.fields["position"] not in _GENERIC for o in posts):
            sink.facts.remove(d)


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
            ex("Lukashenko, Belarus's authoritarian leader, said the drills would end under the "
               "Vienna Document.",
               person="Alexander Lukashenko", position="Leader", of="Belarus"),
            ex("Tom Hale, Biden's nuclear envoy, said the New START treaty still mattered.",
               person="Tom Hale", position="Nuclear Envoy", of="United States"),
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
            ex("Anna Orlova, a spokeswoman for Russia's foreign ministry, told a briefing the "
               "treaty was dead.",
               person="Anna Orlova", position="Foreign Ministry Spokesperson", of="Russia"),
            ex("Tom Hale, a spokesman for the Pentagon, said the drills were over.",
               person="Tom Hale", position="Spokesman"),
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
    _part("ambassador_of", ambassador_of,
          examples=(
            ex("The Chair of the Council, Ambassador Rosa Diaz of Chile, opened the session on "
               "the Arms Trade Treaty.",
               person="Rosa Diaz", position="Ambassador", of="Chile"),
          ),
          counter=(
            "Ambassador Rosa Diaz spoke on the Arms Trade Treaty.",
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
            ex("President of Belarus Alexander Lukashenko told the assembly the pact would hold.",
               person="Alexander Lukashenko", position="President", of="Belarus"),
            ex("US President George W Bush met his Russian counterpart in Moscow.",
               person="George W. Bush", position="President", of="United States"),
            ex("NATO chief Lars Holm said the North Atlantic Treaty was clear.",
               person="Lars Holm", position="Chief", of="NATO"),
            ex("NATO welcomed Montenegro. Standing alongside President Filip Vujanovic of "
               "Montenegro, Secretary General Jens Stoltenberg said the Alliance was stronger.",
               person="Jens Stoltenberg", position="Secretary General", of="NATO"),
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
    _part("listed_after_title", listed_after_title,
          examples=(
            ex("In the US Senate the treaty was backed by Sens. Tom Reed of Vermont, Ann Lowe "
               "of Ohio and Jim Hart of Utah.",
               person="Jim Hart", position="Senator", of="United States Senate"),
          ),
          counter=(
            "In the US Senate, Tom Reed of Vermont and Ann Lowe of Ohio backed the treaty.",
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
            "The late Soviet leader Mikhail Gorbachev signed the treaty in Washington.",
            "Incoming German Chancellor Friedrich Merz promised to raise defence spending.",
        ),
    ),
)

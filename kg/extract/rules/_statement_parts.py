"""The parts of the statement rule: each finds the speakers of a speech verb in one way,
with its examples and counter-examples; the first that applies gives them."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.rules import _speakers as speak
from kg.extract.rules._rule import Example, Rule, ex


def _part(name: str, fn: Callable[..., speak.Speakers], doc: str,
          examples: tuple[Example, ...] = (), counter: tuple[str, ...] = ()) -> Rule:
    return Rule(name=f"statement.{name}", doc=doc, apply=fn, scope="part", slots=("speaker",),
                examples=examples, counter=counter)


PARTS = (
    _part("possessed", speak.possessed, "'Washington's declaration last year that ...', "
          "'Putin's public assurance that ...': the owner speaks.",
          examples=(
            ex("Moscow echoed Washington's unilateral declaration last year that it would pull "
               "out of the ABM Treaty.",
               speaker="United States", when="2021"),
          ),
          counter=(
            "The declaration last year that the treaty was dead surprised no one.",
          )),
    _part("in_a_statement", speak.in_a_statement, "'In a statement, X hailed ...': X, "
          "whatever the verb.",
          examples=(
            ex("In a statement, UN Secretary-General Antonio Guterres hailed the states "
               "that ratified the treaty.",
               speaker="Antonio Guterres"),
          ),
          counter=(
            "In a statement on the treaty, officials were named.",
          )),
    _part("counted_states", speak.counted_states, "'The three countries said': the last "
          "three states the text named together.",
          examples=(
            ex("Japan, South Korea and the Philippines signed the pact on Monday. The three "
               "countries said they would honour the Arms Trade Treaty.",
               speaker="Philippines"),
          ),
          counter=(
            "Japan and South Korea met on Monday. The three countries said they would talk.",
          )),
    _part("plural_holders", speak.plural_holders, "'the ministers said': each person the text "
          "gave that title.",
          examples=(
            ex("The foreign ministers of Norway and Denmark, Espen Barth Eide and Lars Løkke "
               "Rasmussen respectively, met on Monday. \"The CTBT must enter into force,\" the "
               "ministers said in a joint statement.",
               speaker="Lars Løkke Rasmussen",
               quotes=["The CTBT must enter into force"]),
            ex("The foreign ministers of Norway and Denmark, Espen Barth Eide and Lars Løkke "
               "Rasmussen respectively, met on Monday. \"The CTBT must enter into force,\" the "
               "two ministers told reporters.",
               speaker="Espen Barth Eide"),
          ),
          counter=(
            "The two ministers said the CTBT must enter into force.",
          )),
    _part("according_to", speak.according_to, "'according to him', 'according to a statement "
          "released by X', 'according to' a person (an agency cited so only relays).",
          examples=(
            ex("Armenian Prime Minister Nikol Pashinyan spoke on Monday. According to him, the "
               "decision was taken because of ‘a grave threat’.",
               speaker="Nikol Pashinyan", quotes=["a grave threat"]),
            ex("According to a Foreign Ministry statement, Russia considers the New START "
               "treaty dead.",
               speaker="Ministry of Foreign Affairs"),
            ex("According to a statement by the Russian Foreign Ministry, the New START treaty "
               "is dead.",
               speaker="Ministry of Foreign Affairs of Russia"),
          ),
          counter=(
            "According to the ICRC, mines killed thousands of people in 2023.",
          )),
    _part("main_clause", speak.main_clause, "', telling the meeting', 'by telling', 'and said': "
          "the subject of the main clause.",
          examples=(
            ex("Poland's foreign ministry criticised Minsk on Monday, saying the drills broke "
               "the CFE Treaty.",
               speaker="Ministry of Foreign Affairs of Poland",
               when="2022-06-13"),
            ex("NATO allies condemned the move, saying it undermined the New START treaty.",
               speaker="NATO"),
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
            ex("In Vienna, Austrian Foreign Minister Karl Auer said on Monday the NPT was \"at "
               "risk\" and urged Iran to comply.",
               speaker="Karl Auer",
               quotes=["at risk"]),
            ex("At NATO headquarters, Polish Defence Minister Jan Kowal said on Friday the CFE "
               "Treaty was \"dead\" and urged allies to act.",
               speaker="Jan Kowal"),
          ),
          counter=(
            "The two sides voiced concern about Iran and said the NPT was at risk.",
            "Several speakers noted that a United Nations conference will open in New York "
            "and expressed the hope that it would succeed.",
          )),
    _part("through", speak.through, "'X declared through Executive Director Y that': Y.",
          examples=(
            ex("The Arms Control League declared through Executive Director Anna Berg that the "
               "treaty was a milestone.",
               speaker="Anna Berg"),
          ),
          counter=(
            "The league declared through a spokesman that it would not comment on the treaty.",
          )),
    _part("quoted_by", speak.quoted_by, "'BelTA quotes CSTO spokesman X': the person quoted.",
          examples=(
            ex("“The forces will stay,” the agency quotes CSTO spokesman Ivan Petrov as saying.",
               speaker="Ivan Petrov"),
            ex("“This is a dangerous step for the New START treaty,” Ivan Petrov was quoted as "
               "saying by the RIA news agency.",
               speaker="Ivan Petrov"),
          ),
          counter=(
            "The agency quotes the decree on the CSTO in full.",
          )),
    _part("subject", speak.subject, "'X said', with a date, adverbs or an apposition between.",
          examples=(
            ex("A NATO spokeswoman said the alliance was studying the proposal.",
               speaker="NATO"),
            ex("Germany, a backer of the 2015 nuclear deal, said it remained committed to it.",
               published="2019-03-05",
               speaker="Germany",
               when="2019-03-05"),
            ex("“We will not accept this,” Polish Foreign Minister Zbigniew Rau said on Monday.",
               speaker="Zbigniew Rau",
               when="2022-06-13",
               quotes=["We will not accept this"]),
            ex("French President Emmanuel Macron said on Wednesday that Europe needed its own "
               "nuclear deterrence debate.",
               speaker="Emmanuel Macron",
               when="2022-06-15"),
            ex("The Russian side said the New START treaty was dead.",
               speaker="Russia"),
            ex("“We can no longer remain bound to the NPT,” the North Korean government said in "
               "a statement released by its news agency.",
               speaker="North Korea", quotes=["We can no longer remain bound to the NPT"]),
            ex("Foreign Minister Ivan Petrov, speaking in Canada during a meeting of foreign "
               "ministers of the Group of Eight, said Moscow wanted talks on the ABM Treaty.",
               speaker="Ivan Petrov"),
            ex("Anna Orlova, a spokeswoman for Russia's foreign ministry, told a briefing that "
               "Washington would quit the INF Treaty.",
               speaker="Anna Orlova"),
            ex("Iranian President Ali Karimi announced on Tuesday that Iran would leave the "
               "nuclear deal.",
               speaker="Ali Karimi", when="2022-06-14"),
            ex("Chinese Foreign Minister Li Wen, during a telephone conversation with his "
               "British counterpart, Tom Hale, expressed concern about the CTBT.",
               speaker="Li Wen"),
            ex("Russian Deputy Foreign Minister Ivan Petrov spoke on Monday.\n\n\"We extended "
               "our hand,\" the senior Russian diplomat said.",
               speaker="Ivan Petrov", quotes=["We extended our hand"]),
            ex("In a joint statement on Monday, US President Joe Biden and British Prime "
               "Minister Boris Johnson said the AUKUS partnership would grow.",
               speaker="Boris Johnson"),
            ex("President of Brazil, Luiz Inacio Lula da Silva, and acting President of the "
               "Republic of Chile, Ana Soto, noted Argentina's leading role in the bloc.",
               speaker="Luiz Inacio Lula da Silva"),
            ex("President Sadyr Japarov of the Kyrgyz Republic highlighted the CSTO's growing "
               "role in the region.",
               speaker="Sadyr Japarov"),
            ex("Prime Minister Nikol Pashinyan expressed support for the peace talks.",
               speaker="Nikol Pashinyan"),
            ex("Duma Speaker Ivan Petrov recalled that Russia ratified the CTBT in 2000.",
               speaker="Ivan Petrov",
               when="2022-06-15"),
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
          ),
          counter=(
            "Russian officials said on Monday the New START treaty was dead.",
          )),
    _part("title_holder", speak.title_holder, "'Russia's Foreign Minister said': the one person "
          "the text gave that title.",
          examples=(
            ex("Russian Foreign Minister Sergey Lavrov arrived in Minsk on Monday. Russia's "
               "top diplomat said the CFE Treaty was dead.",
               speaker="Sergey Lavrov",
               when="2022-06-15"),
          ),
          counter=(
            "The Russian foreign minister said the New START treaty was dead.",
          )),
    _part("inverted", speak.inverted, "'..., said Lavrov.'",
          examples=(
            ex("“The ban is working,” said Maria Lindgren, a researcher, on Monday about the "
               "CTBT.",
               speaker="Maria Lindgren"),
            ex("“This is a dangerous step for the New START treaty,” said Kremlin spokesman "
               "Ivan Sokolov.",
               speaker="Ivan Sokolov"),
            ex("“The treaty is dead,” said Russian deputy foreign minister Ivan Sokolov.",
               speaker="Ivan Sokolov"),
          ),
          counter=(
            "“It is over,” said the spokesman of the ministry about the CTBT.",
          )),
    _part("pronoun", speak.pronoun, "'he said', 'she told reporters': the speaker spoken of last.",
          examples=(
            ex("Foreign Minister Anna Kowal said on Monday the treaty was needed. On Tuesday she "
               "told reporters that the talks would go on.",
               speaker="Anna Kowal", when="2022-06-14"),
          ),
          counter=(
            "“We want the treaty,” she said.",
          )),
)

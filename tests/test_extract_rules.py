"""Each extraction rule fires on at least two differently worded sentences, and the
negation, modality and trap cases give no fact. None of these sentences comes from an
evaluation article: they are written for the rules."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.facts import Document
from kg.read import parse_article


def run(body: str, published: str = "2022-06-15") -> Document:
    return extract(parse_article(f"published: {published}\n\n{body}", "t"))


def facts(doc: Document, kind: str) -> list[dict[str, Any]]:
    """The facts of one kind with entity ids replaced by entity names."""
    names = {e.id: e.name for e in doc.entities}

    def name(v: Any) -> Any:
        if isinstance(v, list):
            return [name(x) for x in v]
        if isinstance(v, dict):
            return {k: name(x) for k, x in v.items()}
        return names.get(v, v) if isinstance(v, str) else v

    return [{k: name(v) for k, v in f.fields.items()} for f in doc.facts if f.kind == kind]


def has(doc: Document, kind: str, **expected: Any) -> bool:
    found = facts(doc, kind)
    return any(all(f.get(k) == v for k, v in expected.items()) for f in found)


POSITIVE = [
    # holds_position: qualifier before the title, possessive, appositive, context
    (
        "holds_position",
        "Russian Defence Minister Sergei Shoigu said on Monday the drills were over.",
        {
            "person": "Sergei Shoigu",
            "position": "Minister of Defence",
            "of": "Russia",
            "when": "2022-06-13",
        },
    ),
    (
        "holds_position",
        "Germany's Foreign Minister Annalena Baerbock told reporters in Berlin on "
        "Tuesday that the talks would go on.",
        {"person": "Annalena Baerbock", "position": "Minister of Foreign Affairs", "of": "Germany"},
    ),
    (
        "holds_position",
        "Jens Stoltenberg, Secretary General of NATO, warned on Friday of new threats.",
        {"person": "Jens Stoltenberg", "position": "Secretary General", "of": "NATO"},
    ),
    ("holds_position", "The nuclear deal was made by Iran and China. Then-President Donald "
     "Trump pulled the United States out of the deal in 2018.",
     {"person": "Donald Trump", "position": "President", "of": "United States"}),
    (
        "holds_position",
        "NATO Secretary General Mark Rutte said the alliance stood united.",
        {"person": "Mark Rutte", "position": "Secretary General", "of": "NATO"},
    ),
    ("statement", "Russian Foreign Minister Sergey Lavrov arrived in Minsk on Monday. Russia's top "
     "diplomat said the CFE Treaty was dead.", {"speaker": "Sergey Lavrov", "when": "2022-06-15"}),
    ("accused", "NATO and the CSTO met in Vienna. The Western military alliance accused Belarus "
     "of staging drills.", {"accuser": "NATO", "accused": "Belarus"}),
    ("accused", "NATO and the CSTO met in Vienna. The Russian-led bloc accused Poland of staging "
     "drills.", {"accuser": "Collective Security Treaty Organization", "accused": "Poland"}),
    # statements: quote with attribution after, reported speech, joint statement
    (
        "statement",
        "“We will not accept this,” Polish Foreign Minister Zbigniew Rau said on Monday.",
        {"speaker": "Zbigniew Rau", "when": "2022-06-13", "quotes": ["We will not accept this"]},
    ),
    (
        "statement",
        "French President Emmanuel Macron said on Wednesday that Europe needed its own "
        "nuclear deterrence debate.",
        {"speaker": "Emmanuel Macron", "when": "2022-06-15"},
    ),
    (
        "statement",
        "In a joint statement on Monday, US President Joe Biden and British Prime Minister "
        "Boris Johnson said the AUKUS partnership would grow.",
        {"speaker": "Boris Johnson"},
    ),
    ("statement", "The OSCE summit in Vienna opened on Monday. Speaking at the summit on "
     "Tuesday, Austrian Chancellor Karl Nehammer said Europe needed arms control.",
     {"speaker": "Karl Nehammer", "where": "Vienna"}),
    ("statement", "President Joe Biden said in an address from the White House on Friday that "
     "the treaty would stand.", {"speaker": "Joe Biden", "where": "White House"}),
    # signing: passive with date, place and signatories; active with a count
    (
        "signed",
        "The Treaty on Open Skies was signed in Helsinki in March 1992 by 24 states.",
        {
            "treaty": "Treaty on Open Skies",
            "when": "1992-03",
            "where": "Helsinki",
            "signatory_count": 24,
        },
    ),
    (
        "signed",
        "The Comprehensive Nuclear-Test-Ban Treaty was signed in New York in September 1996.",
        {"treaty": "Comprehensive Nuclear-Test-Ban Treaty", "when": "1996-09", "where": "New York"},
    ),
    # entry into force: "entered into force", "took effect"
    (
        "entered_into_force",
        "The Chemical Weapons Convention entered into force on 29 April 1997.",
        {"when": "1997-04-29"},
    ),
    (
        "entered_into_force",
        "The INF Treaty took effect in June 1988.",
        {
            "treaty": "Treaty Between the United States of America and the Union of Soviet "
            "Socialist Republics on the Elimination of Their Intermediate-Range and "
            "Shorter-Range Missiles",
            "when": "1988-06",
        },
    ),
    # ratification: passive list, active subject, parliament of a state
    (
        "ratified",
        "The Arms Trade Treaty was ratified by Germany and Austria in 2014.",
        {"party": "Germany", "treaty": "Arms Trade Treaty"},
    ),
    (
        "ratified",
        "Kazakhstan ratified the Treaty on the Prohibition of Nuclear Weapons in 2019.",
        {"party": "Kazakhstan", "treaty": "Treaty on the Prohibition of Nuclear Weapons"},
    ),
    ("ratified", "Montenegro's accession protocol was signed in 2016. Slovakia's parliament "
     "ratified the protocol on 3 May, and Croatia's parliament followed two days later.",
     {"party": "Croatia", "when": "2022-05-05"}),
    ("ratified", "Latvia's parliament approved Montenegro's accession protocol in May, and "
     "Estonia's parliament became the last to ratify it on 12 June.",
     {"party": "Estonia", "when": "2022-06-12"}),
    ("ratified", "Moscow signed the Comprehensive Nuclear-Test-Ban Treaty in 1996. Russia ratified "
     "it in 2000.", {"party": "Russia", "when": "2000"}),
    # suspension: "suspended its participation", "moratorium"
    (
        "suspended",
        "Belarus suspended its participation in the CFE Treaty on 1 June.",
        {"party": "Belarus", "form": "suspension", "when": "2022-06-01"},
    ),
    (
        "suspended",
        "Moscow declared a moratorium on the Open Skies Treaty in May 2020.",
        {"party": "Russia", "form": "moratorium", "when": "2020-05"},
    ),
    # withdrawal: "withdrew from", "pulled out of"
    (
        "withdrew",
        "North Korea withdrew from the NPT in January 2003.",
        {"party": "North Korea", "when": "2003-01"},
    ),
    (
        "withdrew",
        "The United States pulled out of the Open Skies Treaty in November 2020.",
        {"party": "United States", "when": "2020-11"},
    ),
    ("withdrew", "President Ronald Reagan withdrew the United States from the SALT II treaty in "
     "1986.", {"party": "United States", "when": "1986"}),
    ("withdrew", "The NPT has 191 parties. Cuba and India never joined, and North Korea withdrew "
     "in 2003.", {"party": "North Korea", "when": "2003"}),
    ("entered_into_force", "The Treaty on Open Skies was signed in 1992. It entered into force on "
     "1 January 2002.", {"when": "2002-01-01"}),
    ("suspended", "Kyiv suspended its obligations under the Open Skies Treaty on 3 March, and "
     "Moscow responded the same day by suspending Belarus's participation as well.",
     {"party": "Belarus", "when": "2022-03-03"}),
    ("party_to", "The Open Skies Treaty is the only accord still binding Ottawa and Madrid.",
     {"party": "Spain"}),
    ("party_to", "The JCPOA was reached in Vienna in 2015 between Iran and three powers — "
     "Britain, France and Germany.", {"party": "Germany"}),
    # party_to: "between X and Y", "became parties"
    (
        "party_to",
        "The New START treaty between Russia and the United States expires in 2026.",
        {"party": "Russia"},
    ),
    (
        "party_to",
        "India and Brazil became parties to the Arms Trade Treaty long ago.",
        {"party": "Brazil", "treaty": "Arms Trade Treaty"},
    ),
    # accusations
    (
        "accused",
        "Washington accused Moscow of violating the INF Treaty in 2014.",
        {"accuser": "United States", "accused": "Russia"},
    ),
    (
        "accused",
        "Lithuania has accused Belarus of staging a migrant crisis on its border.",
        {"accuser": "Lithuania", "accused": "Belarus"},
    ),
    ("accused", "Polish President Andrzej Duda spoke in Warsaw. He accused Belarus of staging "
     "provocations on the border.", {"accuser": "Andrzej Duda", "accused": "Belarus"}),
    ("accused", "In a statement issued in Vienna, the alliance condemned Moscow's decision and "
     "accused Russia of breaking the CFE Treaty. NATO said so on Friday.",
     {"accuser": "NATO", "accused": "Russia"}),
    ("accused", "“We will respond,” Lithuanian President Gitanas Nauseda said on Monday. He "
     "accused Belarus of staging provocations.",
     {"accuser": "Gitanas Nauseda", "accused": "Belarus", "when": "2022-06-13"}),
    ("accused", "Washington accused Moscow of breaching the INF Treaty. Moscow, which denied "
     "it, in turn accused Washington of placing launchers in Romania.",
     {"accuser": "Russia", "accused": "United States",
      "treaty": "Treaty Between the United States of America and the Union of Soviet "
      "Socialist Republics on the Elimination of Their Intermediate-Range and "
      "Shorter-Range Missiles"}),
    # membership: "joined", list after "members", "became the Nth member of"
    (
        "member_of",
        "Montenegro joined NATO in June 2017.",
        {"member": "Montenegro", "group": "NATO", "when": "2017-06"},
    ),
    (
        "member_of",
        "Estonia, Latvia and Lithuania joined NATO in 2004 after years of preparation.",
        {"member": "Latvia", "group": "NATO", "when": "2004"},
    ),
    (
        "member_of",
        "North Macedonia became the 30th member of NATO in March 2020.",
        {"member": "North Macedonia", "group": "NATO"},
    ),
    # meetings
    ("meeting", "Montenegro joined on Monday, at a meeting of NATO defence ministers in Brussels "
     "under the 1949 North Atlantic Treaty.", {"when": "2022-06-13", "where": "Brussels"}),
    (
        "meeting",
        "Foreign ministers met at the session of the OSCE Ministerial Council in Lodz on "
        "1 December.",
        {"when": "2022-12-01"},
    ),
    (
        "meeting",
        "Lavrov attended the annual meeting of the Shanghai Cooperation Organisation in "
        "Tashkent on Friday.",
        {"when": "2022-06-10"},
    ),
    # holds_position: a title in apposition after the name, with its state before it
    ("holds_position", "Hakan Fidan, Turkey's foreign minister, said on Monday the talks on "
     "the treaty were useful.",
     {"person": "Hakan Fidan", "position": "Minister of Foreign Affairs", "of": "Türkiye"}),
    ("holds_position", "On Friday, Jake Sullivan, the US national security adviser, told "
     "reporters the treaty was dead.",
     {"person": "Jake Sullivan", "position": "National Security Adviser", "of": "United States"}),
    # "in Moscow" and "his Russian counterpart" do not say whose minister he is
    ("holds_position", "Mexico backs the treaty.\n\nForeign Minister Pedro Alvarez, who was in "
     "Moscow on Monday, met his Russian counterpart, Sergei Lavrov.",
     {"person": "Pedro Alvarez", "position": "Minister of Foreign Affairs", "of": "Mexico"}),
    # accused: blaming for, charging that a treaty was broken, "both countries", "which"
    ("accused", "Poland's defence ministry blamed Minsk for the collapse of the CFE Treaty "
     "on Monday.", {"accuser": "Ministry of Defence of Poland", "accused": "Belarus"}),
    ("accused", "Kyiv has blamed Moscow for the failure of the Budapest talks.",
     {"accuser": "Ukraine", "accused": "Russia"}),
    ("accused", "Washington has charged that the radar built by Russia in Krasnoyarsk violated "
     "the ABM Treaty.", {"accuser": "United States", "accused": "Russia",
                         "treaty": "Treaty Between the United States of America and the Union "
                         "of Soviet Socialist Republics on the Limitation of Anti-Ballistic "
                         "Missile Systems"}),
    ("accused", "Beijing, for its part, claimed that the drills held by the US near Guam breach "
     "the NPT.", {"accuser": "China", "accused": "United States"}),
    ("accused", "Armenia and Azerbaijan traded fire on Monday. The shelling was condemned by "
     "France, which accused both countries of breaking the ceasefire.",
     {"accuser": "France", "accused": "Azerbaijan"}),
    ("accused", "Greece and Cyprus signed a pact. Ankara, which accused the two countries of "
     "provocation, protested.", {"accuser": "Türkiye", "accused": "Greece"}),
    ("accused", "Belarus hosted the CSTO drills. Lithuania accused the alliance of escalation.",
     {"accuser": "Lithuania", "accused": "Collective Security Treaty Organization"}),
    ("accused", "On Monday, Annalena Baerbock, Germany's foreign minister, accused Moscow of "
     "breaking the CFE Treaty.", {"accuser": "Annalena Baerbock", "accused": "Russia"}),
    # withdrew: "pulled X out of", treaties listed after one verb
    ("withdrew", "Prime Minister Liz Carter pulled Britain out of the Arms Trade Treaty in 2024.",
     {"party": "United Kingdom", "treaty": "Arms Trade Treaty", "when": "2024"}),
    ("withdrew", "Bush, who pulled the United States out of the ABM Treaty in 2002, said little.",
     {"party": "United States", "when": "2002"}),
    ("withdrew", "Russia withdrew from the CFE Treaty in 2023 and the CTBT later that year.",
     {"party": "Russia", "treaty": "Comprehensive Nuclear-Test-Ban Treaty"}),
    ("withdrew", "The ABM Treaty was signed in 1972. Washington pulled out of the treaty on "
     "June 13, 2002.", {"party": "United States", "when": "2002-06-13"}),
    # a day with "last year" / "next year" after it
    ("withdrew", "Washington left the Open Skies Treaty on November 22 last year.",
     {"party": "United States", "when": "2021-11-22"}),
    ("suspended", "Russia suspended the CFE Treaty on 14 July last year, officials said.",
     {"party": "Russia", "when": "2021-07-14"}),
    # ratified: "approved by" a parliament, "voted to ratify", "the 20th country to ratify"
    ("ratified", "The CTBT was approved by the Russian parliament in May 2000.",
     {"party": "Russia", "treaty": "Comprehensive Nuclear-Test-Ban Treaty", "when": "2000-05"}),
    ("ratified", "The Arms Trade Treaty was approved by the Bundestag in 2013.",
     {"party": "Germany", "treaty": "Arms Trade Treaty"}),
    ("ratified", "In April the Japanese parliament voted to ratify the Arms Trade Treaty.",
     {"party": "Japan", "treaty": "Arms Trade Treaty"}),
    ("ratified", "The CWC came into force after Hungary became the 65th state to ratify it.",
     {"party": "Hungary"}),
    # party_to: "are among its states parties", "remains a party", a list after "parties to T"
    ("party_to", "The Arms Trade Treaty took effect in 2014. Ghana, Peru and Norway, which "
     "championed it, are among its 110 states parties.",
     {"party": "Peru", "treaty": "Arms Trade Treaty"}),
    ("party_to", "Chile and Uruguay are among the CTBT's states parties.",
     {"party": "Uruguay", "treaty": "Comprehensive Nuclear-Test-Ban Treaty"}),
    ("party_to", "Washington left the CFE Treaty. Belarus, which remains a party, said little.",
     {"party": "Belarus", "treaty": "Treaty on Conventional Armed Forces in Europe"}),
    ("party_to", "She met the remaining parties to the NPT: Egypt, Brazil and South Africa.",
     {"party": "South Africa", "treaty": "Treaty on the Non-Proliferation of Nuclear Weapons"}),
    ("party_to", "The other parties to the Arms Trade Treaty - Japan and Kenya - objected.",
     {"party": "Japan", "treaty": "Arms Trade Treaty"}),
    # a generational suffix is part of the name, not its surname
    ("holds_position", "Secretary of State Walter P. Hughes III told reporters the treaty was "
     "sound. Hughes left for Geneva.",
     {"person": "Walter P. Hughes III", "position": "Secretary of State"}),
    ("statement", "Defence Minister Carl Lindqvist II said on Monday the CFE Treaty was dead.",
     {"speaker": "Carl Lindqvist II", "when": "2022-06-13"}),
    # a person named after the verb that follows a quotation; a body named with its acronym
    ("statement", "“The ban is working,” said Maria Lindgren, a researcher, on Monday about the "
     "CTBT.", {"speaker": "Maria Lindgren"}),
    ("holds_position", "“We need the treaty,” said Tomas Varga, executive director of the "
     "Federation of Concerned Physicists (FCP).",
     {"person": "Tomas Varga", "position": "Executive Director",
      "of": "Federation of Concerned Physicists"}),
    ("holds_position", "Arms Control Watch (ACW) criticised the CTBT delay. Anna Okafor, "
     "secretary general of ACW, said the treaty mattered.",
     {"person": "Anna Okafor", "of": "Arms Control Watch"}),
    # statements: ", saying", "calling it", "and said", "by telling"
    ("statement", "Poland's foreign ministry criticised Minsk on Monday, saying the drills broke "
     "the CFE Treaty.", {"speaker": "Ministry of Foreign Affairs of Poland", "when": "2022-06-13"}),
    ("statement", "Czech Prime Minister Petr Fiala rejected the plan on Tuesday, calling it \"a "
     "threat to the treaty\".", {"speaker": "Petr Fiala", "quotes": ["a threat to the treaty"]}),
    ("statement", "Polish Defence Minister Jan Kowal toured the base on Friday and said the CFE "
     "Treaty was dead.", {"speaker": "Jan Kowal", "when": "2022-06-10"}),
    ("statement", "NATO Secretary General Mark Rutte opened the summit by telling leaders that "
     "the alliance \"will not be divided\" over the treaty.",
     {"speaker": "Mark Rutte", "quotes": ["will not be divided"]}),
    ("statement", "US Secretary of State Antony Blinken called the move \"reckless\" and said "
     "the New START treaty mattered.", {"speaker": "Antony Blinken", "quotes": ["reckless"]}),
    # suspended by "X's decision to suspend", "X's allies ... by suspending"
    ("suspended", "The step follows Moscow's decision to suspend its obligations under the New "
     "START treaty on 21 February.", {"party": "Russia", "when": "2022-02-21"}),
    ("suspended", "The CSTO's member states answered on Friday by suspending the Vienna Document "
     "2011.", {"party": "Collective Security Treaty Organization"}),
    # a reported breach is an accusation
    ("accused", "Secretary of State Antony Blinken said Moscow had violated the New START treaty.",
     {"accuser": "Antony Blinken", "accused": "Russia"}),
    ("accused", "Beijing insisted that Washington was \"openly\" breaching the NPT.",
     {"accuser": "China", "accused": "United States"}),
    # member lists: "X includes A, B and C", "besides A", "A is also a member of X",
    # "all three countries are members of X" (the three named before), "became a full member"
    ("member_of", "Besides Kazakhstan, the CSTO includes Armenia, Belarus and Russia.",
     {"member": "Kazakhstan", "group": "Collective Security Treaty Organization"}),
    ("member_of", "Besides Kazakhstan, the CSTO includes Armenia, Belarus and Russia.",
     {"member": "Belarus", "group": "Collective Security Treaty Organization"}),
    ("member_of", "The Warsaw Pact comprised Poland, Hungary, Romania and Bulgaria, among others.",
     {"member": "Romania", "group": "Warsaw Treaty Organization"}),
    ("member_of", "Slovakia is also a member of the Shanghai Cooperation Organisation, oddly.",
     {"member": "Slovakia", "group": "Shanghai Cooperation Organisation"}),
    ("member_of", "Norway, Denmark and Iceland backed the CTBT statement. All three countries "
     "are members of NATO.", {"member": "Iceland", "group": "NATO"}),
    ("member_of", "North Macedonia became a full member of NATO in March 2020.",
     {"member": "North Macedonia", "group": "NATO", "when": "2020-03"}),
    # party_to by joining a treaty, or "X and Y, both parties to the treaty"
    ("party_to", "Angola, which joined the Arms Trade Treaty in 2019, exports few weapons.",
     {"party": "Angola", "treaty": "Arms Trade Treaty"}),
    ("party_to", "Peru joined the Comprehensive Nuclear-Test-Ban Treaty as a non-nuclear state.",
     {"party": "Peru"}),
    ("party_to", "Moldova and Georgia, both parties to the Arms Trade Treaty, abstained.",
     {"party": "Georgia", "treaty": "Arms Trade Treaty"}),
    # "withdrew from it": the treaty in focus
    ("withdrew", "Nauru signed the Arms Trade Treaty in 2014. Tuvalu withdrew from it in 2019.",
     {"party": "Tuvalu", "treaty": "Arms Trade Treaty", "when": "2019"}),
    ("withdrew", "The Open Skies Treaty lost a member when Russia withdrew from it on "
     "18 December 2021.", {"party": "Russia", "when": "2021-12-18"}),
    # ratification by a legislature's approval, "completed ratification", "voted in May to"
    ("ratified", "The Canadian Parliament approved the Arms Trade Treaty on 12 May.",
     {"party": "Canada", "treaty": "Arms Trade Treaty", "when": "2022-05-12"}),
    ("ratified", "Brazil signed the CTBT in 1996. The Brazilian Congress approved the treaty "
     "on Nov. 3, 1998.", {"party": "Brazil", "when": "1998-11-03"}),
    ("ratified", "Kenya backed the Arms Trade Treaty. Kenya's parliament completed "
     "ratification in March.", {"party": "Kenya", "treaty": "Arms Trade Treaty",
                                "when": "2022-03"}),
    ("ratified", "Chile's parliament completed ratification of the Ottawa Convention in 2001.",
     {"party": "Chile", "when": "2001"}),
    ("ratified", "Ukraine's parliament voted in August to ratify the Rome Statute.",
     {"party": "Ukraine", "treaty": "Rome Statute of the International Criminal Court",
      "when": "2021-08"}),
    # UN ambassadors and India's external affairs minister; a title in lower case before a
    # capitalised body ("ambassador to the United Nations"), one ending in "U.N."
    ("holds_position", "China's U.N. Ambassador Zhang Jun told reporters on Friday the treaty "
     "mattered.", {"person": "Zhang Jun", "position": "Ambassador to the United Nations",
                   "of": "China"}),
    ("holds_position", "Kenya's ambassador to the United Nations, Martin Kimani, said on Monday "
     "the treaty held.", {"person": "Martin Kimani", "position": "Ambassador to the United Nations",
                          "of": "Kenya"}),
    ("holds_position", "Brazil's ambassador to the U.N., Sergio Danese, said the CTBT vote was "
     "close.", {"person": "Sergio Danese", "position": "Ambassador to the United Nations"}),
    ("holds_position", "Indian External Affairs Minister Kiran Rao said on Monday the treaty "
     "mattered.", {"person": "Kiran Rao", "position": "Minister of External Affairs",
                   "of": "India"}),
    # "He accused ... and said": the person named last speaks, not the accused
    ("statement", "Chinese Foreign Minister Wang Yi spoke in Vienna on Monday. He accused NATO "
     "of \"Cold War thinking\" and said the NPT was at risk.",
     {"speaker": "Wang Yi", "quotes": ["Cold War thinking"]}),
    ("statement", "Iran's envoy Kazem Gharibabadi met the press on Tuesday. She blamed the EU "
     "for the impasse and said the JCPOA \"is not dead\".",
     {"speaker": "Kazem Gharibabadi", "quotes": ["is not dead"]}),
    # accusations by or against several actors; ", accusing" is said by the main subject; a
    # year qualifying a treaty's name is no date of the accusation
    ("accused", "Tehran accused Washington and the EU of breaking the JCPOA.",
     {"accuser": "Iran", "accused": "European Union"}),
    ("accused", "Paris and Berlin have accused Moscow of violating the CFE Treaty.",
     {"accuser": "Germany", "accused": "Russia"}),
    ("accused", "Polish Foreign Minister Radek Nowak spoke in Vienna on 2 March, accusing "
     "Belarus of hosting Russian warheads.",
     {"accuser": "Radek Nowak", "accused": "Belarus", "when": "2022-03-02"}),
    ("accused", "Secretary of State Mike Pompeo accused Russia of violating the 1987 INF "
     "Treaty.", {"accuser": "Mike Pompeo", "accused": "Russia"}),
    # a title's state from context: a state named outright beats an adjective
    ("holds_position", "Kazakhstan has left the military bloc of former Soviet states, Prime "
     "Minister Olzhas Bektenov said on Monday.", {"person": "Olzhas Bektenov", "of": "Kazakhstan"}),
    ("holds_position", "Serbia rejected the Russian-led bloc's plan, President Aleksandar Vucic "
     "said on Tuesday of the CSTO.", {"person": "Aleksandar Vucic", "of": "Serbia"}),
    # "President X and his Russian counterpart Y" in an article mostly about Russia: X is of
    # the other state the article names, Y holds X's title for Russia
    ("holds_position", "Russia and Poland ended the CFE Treaty talks. Russia said on Monday it "
     "was pleased.\n\nSigned in Geneva by President Jan Novak and his Russian counterpart Boris "
     "Yeltsin, the CFE Treaty cut tanks.", {"person": "Jan Novak", "of": "Poland"}),
    ("holds_position", "Chile and Russia ended the CTBT talks. Russia said it was pleased; Russia "
     "will ratify.\n\nPresident Ana Lopez and her Russian counterpart Ivan Petrov met in Geneva "
     "on Monday.", {"person": "Ivan Petrov", "position": "President", "of": "Russia"}),
    # "the <title> of <body>, <Name>,": the person, and the body is the title's
    ("holds_position", "In Vienna, the Executive Secretary of the Preparatory Commission for "
     "the Comprehensive Nuclear-Test-Ban Treaty Organization (CTBTO), Robert Floyd, spoke on "
     "Monday.", {"person": "Robert Floyd", "position": "Executive Secretary"}),
    ("holds_position", "The Secretary General of NATO, Mark Rutte, said on Monday the treaty "
     "was dead.", {"person": "Mark Rutte", "position": "Secretary General", "of": "NATO"}),
    # a family name written first is the name used again: "Wang Yi" ... "Wang said"
    ("statement", "Chinese Foreign Minister Wang Yi met Yang Jiechi in Beijing. On Monday, Wang "
     "said the NPT was \"the cornerstone\".",
     {"speaker": "Wang Yi", "quotes": ["the cornerstone"]}),
    ("statement", "South Korean President Yoon Suk Yeol arrived in Vienna. Yoon told reporters on "
     "Friday the NPT \"must hold\".", {"speaker": "Yoon Suk Yeol", "quotes": ["must hold"]}),
    # an accusation with its own quotation is a statement too; "reported (to X) that"
    ("statement", "Polish Foreign Minister Radek Nowak accused Moscow on Monday of \"nuclear "
     "blackmail\" over the CFE Treaty.",
     {"speaker": "Radek Nowak", "quotes": ["nuclear blackmail"], "when": "2022-06-13"}),
    ("statement", "Ana Ruiz, head of the inspection team, reported to the council on Friday that "
     "Syria had breached the CWC.", {"speaker": "Ana Ruiz", "when": "2022-06-10"}),
    ("statement", "Defence Minister Jan Kowal reported that the CFE Treaty limits were met.",
     {"speaker": "Jan Kowal"}),
    # "T, its treaty with Y": the subject and Y are parties; "left the 1987 T in 2019"
    ("party_to", "Moscow suspended its participation in New START, its last arms treaty with "
     "the United States, in 2023.", {"party": "United States"}),
    ("party_to", "Iran still observes the JCPOA, its 2015 agreement with China, for now.",
     {"party": "Iran", "treaty": "Joint Comprehensive Plan of Action"}),
    ("withdrew", "Russia left the 1987 INF Treaty in 2019.", {"party": "Russia", "when": "2019"}),
    # "the <title>s of A, B and C, P, Q and R respectively": the n-th person, the n-th state
    ("holds_position", "The foreign ministers of Norway, Denmark and Iceland, Espen Barth Eide, "
     "Lars Løkke Rasmussen and Þórdís Gylfadóttir respectively, met on Monday over the CTBT.",
     {"person": "Þórdís Gylfadóttir", "position": "Minister of Foreign Affairs", "of": "Iceland"}),
    ("holds_position", "The prime ministers of Czechia and Slovakia, Petr Fiala and Robert Fico "
     "respectively, signed a pledge on the CFE Treaty.",
     {"person": "Robert Fico", "position": "Prime Minister", "of": "Slovakia"}),
    # "the ministers said": each person the text gave that title
    ("statement", "The foreign ministers of Norway and Denmark, Espen Barth Eide and Lars Løkke "
     "Rasmussen respectively, met on Monday. \"The CTBT must enter into force,\" the ministers "
     "said in a joint statement.", {"speaker": "Lars Løkke Rasmussen",
                                     "quotes": ["The CTBT must enter into force"]}),
    ("statement", "The foreign ministers of Norway and Denmark, Espen Barth Eide and Lars Løkke "
     "Rasmussen respectively, met on Monday. \"The CTBT must enter into force,\" the two "
     "ministers told reporters.", {"speaker": "Espen Barth Eide"}),
    # more legislatures: upper houses, national assemblies
    ("ratified", "New START limits warheads. The Federation Council approved the treaty "
     "unanimously on Jan. 26.", {"party": "Russia", "when": "2022-01-26"}),
    ("ratified", "The Arms Trade Treaty bans some sales. Kenya's National Assembly approved the "
     "treaty in May.", {"party": "Kenya", "treaty": "Arms Trade Treaty"}),
    # joining an international organisation; "became NATO's 29th member"
    ("member_of", "Iran joined the Shanghai Cooperation Organisation in 2023.",
     {"member": "Iran", "group": "Shanghai Cooperation Organisation", "when": "2023"}),
    ("member_of", "Montenegro became NATO's 29th member in June 2017.",
     {"member": "Montenegro", "group": "NATO", "when": "2017-06"}),
    # "President X and Soviet President Y": X is of the state named most after Y's
    ("holds_position", "The United States and the Soviet Union ended the talks. The United "
     "States hailed the deal.\n\nPresident Tom Hale and Soviet President Mikhail Gorbachev "
     "signed the START treaty on Wednesday.", {"person": "Tom Hale", "of": "United States"}),
    ("holds_position", "France and Russia ended the CFE talks; France was pleased.\n\nPresident "
     "Paul Marchand and Russian President Boris Yeltsin signed the CFE Treaty on Monday.",
     {"person": "Paul Marchand", "position": "President", "of": "France"}),
    # "<title> X, whose country became/joined ...": the state of X's title
    ("member_of", "Finnish President Sauli Niinisto, whose country became NATO's 31st member in "
     "April, attended.", {"member": "Finland", "group": "NATO", "when": "2022-04"}),
    ("member_of", "Swedish Prime Minister Ulf Kristersson, whose country joined NATO in March, "
     "spoke.", {"member": "Sweden", "group": "NATO"}),
    # "In Vienna, X said ... and urged ...": the place is no speaker of the second verb
    ("statement", "In Vienna, Austrian Foreign Minister Karl Auer said on Monday the NPT was "
     "\"at risk\" and urged Iran to comply.", {"speaker": "Karl Auer", "quotes": ["at risk"]}),
    ("statement", "At NATO headquarters, Polish Defence Minister Jan Kowal said on Friday the "
     "CFE Treaty was \"dead\" and urged allies to act.", {"speaker": "Jan Kowal"}),
    # "signed by X and his Russian counterpart Y": both sign
    ("signed", "The CFE Treaty was signed in Paris by President Jan Novak and his Russian "
     "counterpart Boris Yeltsin on Monday.", {"signatories": ["Jan Novak", "Boris Yeltsin"]}),
    ("signed", "The INF Treaty was signed by Ronald Reagan and his Soviet counterpart Mikhail "
     "Gorbachev in December 1987.", {"signatories": ["Ronald Reagan", "Mikhail Gorbachev"]}),
    # "X joined last year": the group or treaty spoken of just before
    ("member_of", "The SCO now has ten members. Iran joined last year.",
     {"member": "Iran", "group": "Shanghai Cooperation Organisation", "when": "2021"}),
    ("member_of", "Sweden applied to NATO in 2018 and joined in March 2020.",
     {"member": "Sweden", "group": "NATO", "when": "2020-03"}),
    ("party_to", "The Arms Trade Treaty entered into force in 2014. China joined in 2020.",
     {"party": "China", "treaty": "Arms Trade Treaty"}),
    # "the convention", "the memorandum", "The Treaty": the treaty in focus
    ("signed", "Kenya joined the Biological Weapons Convention in 1976. The convention was "
     "signed in London in April 1972.",
     {"when": "1972-04", "where": "London"}),
    ("entered_into_force", "The Arms Trade Treaty regulates sales of tanks. The Treaty entered "
     "into force in December 2014.", {"treaty": "Arms Trade Treaty", "when": "2014-12"}),
]


@pytest.mark.parametrize(
    ("kind", "body", "expected"), POSITIVE, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(POSITIVE)]
)
def test_rule_fires(kind: str, body: str, expected: dict[str, Any]) -> None:
    doc = run(body)
    assert has(doc, kind, **expected), f"{kind} {expected} not in {facts(doc, kind)}"


ENTITIES = [
    # organisations named by their form, places by theirs, linked states by adjective
    ("Organization",
     "The North Atlantic Council met as the Nuclear Planning Group warned of risks.",
     "Nuclear Planning Group"),
    ("Organization",
     "Putin addressed the Security Council of Russia and then the Valdai Discussion Club in Sochi.",
     "Valdai Discussion Club"),
    ("Place", "Troops were moved to Fort Bragg before the treaty talks.", "Fort Bragg"),
    ("Place", "Shelling hit the Belgorod region, the Russian defence ministry said.",
     "Belgorod region"),
    ("State", "Kyrgyz President Sadyr Japarov met NATO officials on Friday.", "Kyrgyzstan"),
    # persons named after a role that is no post
    ("Person", "Kremlin spokesman Dmitry Peskov said the treaty was dead.", "Dmitry Peskov"),
    ("Person", "European Union envoy Enrique Mora, who chairs the talks, said on Monday the "
     "atmosphere was positive.", "Enrique Mora"),
    ("State", "The Tajik foreign ministry said the treaty was important.", "Tajikistan"),
    # a body named with its acronym in brackets; a person after "said" following a quotation
    ("Organization", "The Federation of Concerned Physicists (FCP) backed the treaty.",
     "Federation of Concerned Physicists"),
    ("Organization", "Experts at Stockholm Peace Research Institute (SPRI) said the treaty held.",
     "Stockholm Peace Research Institute"),
    ("Person", "“It is over,” said Karin Olsen, after the CTBT vote.", "Karin Olsen"),
    # treaties of the reference base beyond arms control
    ("Treaty", "Kyiv recalled the Budapest Memorandum and the Helsinki Final Act.",
     "Memorandum on Security Assurances in Connection with Ukraine's Accession to the Treaty "
     "on the Non-Proliferation of Nuclear Weapons"),
    ("Treaty", "Finland left the Ottawa Treaty, which bans anti-personnel mines.",
     "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
     "Anti-Personnel Mines and on their Destruction"),
    # names in Latin-1 and Latin Extended-A letters
    ("Person", "Lithuanian Defence Minister Dovilė Šakalienė said the Ottawa Convention was "
     "outdated.", "Dovilė Šakalienė"),
    ("Person", "Polish Defence Minister Władysław Kosiniak-Kamysz visited NATO troops.",
     "Władysław Kosiniak-Kamysz"),
    # a treaty named inside a meeting's name
    ("Treaty", "The 9th Review Conference of the Treaty on the Prohibition of Nuclear Weapons "
     "opened in Vienna on 3 March.", "Treaty on the Prohibition of Nuclear Weapons"),
    ("Meeting", "The Second Review Conference of the Convention on Cluster Munitions opened "
     "in Geneva.", "Second Review Conference of the Convention on Cluster Munitions"),
]


@pytest.mark.parametrize("body", [
    "The Strategic Arms Reduction Treaty (START) was signed in 1991.",
    "The Rapid Reaction Force (NATO) drill began under the treaty.",
    "“It is over,” said Russian Foreign Minister Lavrov after the treaty talks.",
])
def test_no_organisation_or_person_from_a_lookalike(body: str) -> None:
    doc = run(body)
    assert not [e for e in doc.entities if e.type.value == "Organization"], doc.entities
    assert not [e for e in doc.entities if e.name.startswith("Russian")], doc.entities


@pytest.mark.parametrize(("etype", "body", "name"), ENTITIES,
                         ids=[f"{t}-{i}" for i, (t, _, _) in enumerate(ENTITIES)])
def test_entity_found(etype: str, body: str, name: str) -> None:
    doc = run(body)
    assert any(e.type.value == etype and e.name == name for e in doc.entities), \
        [(e.type.value, e.name) for e in doc.entities]


@pytest.mark.parametrize("body", [
    "The Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms "
    "(New START) expires in February.",
    "The Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms, "
    "better known as New START, expires in February.",
])
def test_two_names_of_one_treaty_are_one_entity(body: str) -> None:
    treaties = [e for e in run(body).entities if e.type.value == "Treaty"]
    assert len(treaties) == 1, treaties
    assert "New START" in treaties[0].aliases


def test_news_agency_in_the_dateline_is_no_organisation() -> None:
    doc = run("WASHINGTON (Capital Press Service) — NATO allies met on Friday about the treaty.")
    assert all("Press Service" not in e.name for e in doc.entities)


NEGATIVE = [
    ("statement", "The International Atomic Energy Agency has warned that Iran is enriching "
     "uranium under the JCPOA."),
    ("statement", "Moscow has long opposed the deployment, which it says breaks the INF Treaty."),
    ("withdrew", "Russia may withdraw from the Open Skies Treaty if Washington does not return."),
    ("withdrew", "Moscow is not leaving the New START treaty, the Kremlin said on Monday."),
    ("withdrew", "Russia withdrew its troops from the CFE Treaty area last year."),
    ("ratified", "The US Senate refused to ratify the CTBT in 1999."),
    ("ratified", "Israel has not ratified the Comprehensive Nuclear-Test-Ban Treaty."),
    ("ratified", "The protocol must still be ratified by the parliaments of all members."),
    ("signed", "President Putin signed a law on the ratification of the New START treaty."),
    ("signed", "The agreement was opened for signature in 2013."),
    (
        "entered_into_force",
        "The Adapted CFE Treaty will take effect only after all parties ratify it.",
    ),
    (
        "entered_into_force",
        "The Comprehensive Nuclear-Test-Ban Treaty has never entered into force.",
    ),
    ("member_of", "Sweden's pending application to join NATO was held up by Turkey."),
    ("holds_position", "Olaf Berg, a critic of Russia's foreign minister, said the treaty "
     "was dead."),
    ("holds_position", "BEIJING, June 14. Foreign Minister Wang Yi, who was in Berlin on Monday, "
     "held talks with his German counterpart about the treaty."),
    ("accused", "Russia blamed the weather for the delay in the New START inspections."),
    ("accused", "Washington has charged that the Russian inspections under the CFE Treaty were "
     "too costly."),
    ("accused", "Kyiv has not blamed Moscow for the failure of the Budapest talks."),
    ("withdrew", "Paris pulled its troops out of Mali, though it stayed in the Arms Trade "
     "Treaty."),
    ("withdrew", "The president may pull the United States out of the New START treaty."),
    ("ratified", "The New START treaty must still be ratified by the Polish parliament."),
    ("ratified", "Lawmakers voted against a motion to ratify the CTBT in 1999."),
    ("ratified", "The Arms Trade Treaty was approved by the cabinet of Japan in May."),
    ("party_to", "Israel is not a party to the NPT, and India has never signed it."),
    ("party_to", "Serbia would remain a party to the CFE Treaty only if Kosovo stayed out."),
    ("party_to", "Envoys of the parties to the NPT met in Vienna; Egypt chaired the session."),
    ("holds_position", "“We need the treaty,” said Monday Times editor Tom Rees of the Nuclear "
     "Club (NUCLUB)."),
    ("statement", "Putin signed a decree on the CFE Treaty on Monday, according to the document "
     "published online."),
    ("statement", "The US has long blamed Moscow for the INF Treaty's collapse, saying its "
     "missile broke the treaty."),
    ("accused", "Lavrov said Moscow had not violated the CFE Treaty."),
    ("suspended", "Critics of Moscow's decision to keep the New START treaty did not object."),
    ("signed", "Delegates at the party convention signed a pledge on disarmament."),
    ("party_to", "North Korea left the NPT. Israel has never joined."),
    ("member_of", "NATO grew in 2019. Finland may have joined in April."),
    ("member_of", "Swedish Prime Minister Ulf Kristersson, whose country may join NATO, spoke."),
    ("member_of", "Sweden joined the NATO exercises in March."),
    ("member_of", "Ukraine became NATO's closest partner in 2022."),
    ("member_of", "Finland joined the OSCE mission in Ukraine."),
    ("ratified", "New START limits warheads. The Senate approved the treaty's extension on "
     "Monday."),
    ("holds_position", "The foreign ministers of Norway, Denmark and Iceland, Espen Barth Eide and "
     "Lars Løkke Rasmussen respectively, met over the CTBT."),
    ("party_to", "Iran never joined the NPT talks, its failed agreement with China."),
    ("withdrew", "Russia left the talks with Japan on the New START treaty."),
    ("statement", "Defence Minister Jan Kowal accused Moscow of violating the CFE Treaty."),
    ("statement", "The Kommersant daily reported on Monday the CFE Treaty was dead."),
    ("holds_position", "The former Secretary General of NATO, Jens Stoltenberg, said on Monday "
     "the treaty was dead."),
    ("accused", "Paris and Berlin have never accused Moscow of violating the CFE Treaty."),
    ("statement", "Russia and the United States, both parties to the CWC, declared the largest "
     "stockpiles in 1997."),
    ("statement", "Belarus declared a moratorium on the CFE Treaty on Monday."),
    ("holds_position", "Former U.S. ambassador to the U.N. John Bolton said the treaty was dead."),
    ("holds_position", "Russia's former president Dmitry Medvedev said the treaty was dead."),
    ("ratified", "The Senate approved the New START extension on Monday."),
    ("ratified", "The Duma approved a draft law on the Arms Trade Treaty in May."),
    ("ratified", "The government approved the Arms Trade Treaty on Monday."),
    ("ratified", "Ukraine's parliament has yet to complete ratification of the Rome Statute."),
    ("withdrew", "Nauru signed the Arms Trade Treaty. It may withdraw from it in 2030."),
    ("party_to", "Cuba has never joined the Arms Trade Treaty."),
    ("party_to", "Japan joined the New START talks as an observer."),
    ("party_to", "Laos backed the talks, although none of the nine armed states has joined the "
     "Arms Trade Treaty."),
    ("member_of", "NATO's eastern flank includes Poland and Romania, the general said."),
    ("member_of", "Serbia is not a member of NATO, and Austria is neutral."),
    ("member_of", "Norway and Iceland backed the CTBT statement. All three countries are "
     "members of NATO."),
    ("member_of", "Egypt is a dialogue partner rather than a member of the SCO."),
]


@pytest.mark.parametrize(
    ("kind", "body"), NEGATIVE, ids=[f"{k}-{i}" for i, (k, _) in enumerate(NEGATIVE)]
)
def test_no_fact(kind: str, body: str) -> None:
    doc = run(body)
    assert facts(doc, kind) == [], f"unexpected {kind}: {facts(doc, kind)}"


@pytest.mark.parametrize(
    "body",
    [
        "Manchester United beat Arsenal 2-1 on Sunday, with a late goal from the captain.",
        "Heavy rain is expected in Paris on Tuesday, with temperatures falling to 8 degrees.",
    ],
)
def test_article_without_arms_control_yields_no_facts(body: str) -> None:
    assert run(body).facts == []


# "the treaty" at the start of a paragraph means the treaty the article is about, not one
# named in passing at the end of the paragraph before; within a paragraph, the last one
ANAPHORA = [
    ("The Chemical Weapons Convention bans nerve agents. Inspectors say the treaty works, and "
     "the treaty has a secretariat in The Hague.\n\nSyria, which had also joined the Arms Trade "
     "Treaty, was criticised.\n\nThe treaty was signed in Paris in January 1993.",
     "Convention on the Prohibition of the Development, Production, Stockpiling and Use of "
     "Chemical Weapons and on their Destruction"),
    ("Moscow left the CFE Treaty in 2023. Officials said the treaty had long been dead.\n\n"
     "Russia is also bound by the New START treaty.\n\nThe treaty was signed in Paris in "
     "November 1990.", "Treaty on Conventional Armed Forces in Europe"),
    # within one paragraph the last treaty named is meant
    ("Moscow left the CFE Treaty in 2023. Officials said the treaty had long been dead. "
     "Russia is also bound by the Arms Trade Treaty. The treaty was signed in New York in "
     "April 2013.", "Arms Trade Treaty"),
]


@pytest.mark.parametrize(("body", "treaty"), ANAPHORA, ids=range(len(ANAPHORA)))
def test_the_treaty_means_the_salient_one_across_paragraphs(body: str, treaty: str) -> None:
    assert has(run(body), "signed", treaty=treaty), facts(run(body), "signed")


def test_evidence_points_into_the_body() -> None:
    body = (
        "MINSK, June 15. Russian Foreign Minister Sergey Lavrov said on Wednesday the "
        "treaty was dead. “It is over,” Lavrov said."
    )
    doc = run(body)
    assert doc.facts
    for f in doc.facts:
        assert f.evidence is not None
        assert body[f.evidence.start : f.evidence.end] == f.evidence.sentence


def test_a_day_without_a_year_is_of_the_publication_year() -> None:
    doc = run("Washington left the Open Skies Treaty on November 22, a year after its notice.")
    assert has(doc, "withdrew", when="2022-11-22"), facts(doc, "withdrew")


def test_a_roman_numeral_after_a_name_is_no_surname() -> None:
    doc = run("Secretary of State Walter P. Hughes III said the treaty was sound. World War III "
              "was not on the agenda, Hughes said.")
    persons = [e for e in doc.entities if e.type.value == "Person"]
    assert [p.name for p in persons] == ["Walter P. Hughes III"]
    assert "III" not in persons[0].aliases


@pytest.mark.parametrize("body", [
    "PARIS, June 14. President Paul Marchand and Russian President Boris Yeltsin signed the "
    "CFE Treaty.",
    "Yeltsin was Russian President. The CFE Treaty, which Russian President Boris Yeltsin "
    "signed with President Paul Marchand in Moscow, took effect.",
])
def test_a_post_guessed_from_context_is_not_the_one_another_holds(body: str) -> None:
    doc = run(body)
    held = facts(doc, "holds_position")
    assert {"person": "Boris Yeltsin", "position": "President", "of": "Russia"}.items() <= \
        held[0].items(), held
    assert not has(doc, "holds_position", person="Paul Marchand", of="Russia"), held


def test_a_post_guessed_from_context_stays_when_no_one_else_holds_it() -> None:
    doc = run("Russia hosted the talks. President Boris Yeltsin and Foreign Minister Andrei "
              "Kozyrev signed the CFE Treaty.")
    assert has(doc, "holds_position", person="Boris Yeltsin", position="President", of="Russia")


def test_a_state_before_a_title_is_not_the_speaker() -> None:
    doc = run("US Secretary of State Antony Blinken called the move \"reckless\" and said the "
              "New START treaty mattered.")
    assert not has(doc, "statement", speaker="United States"), facts(doc, "statement")


@pytest.mark.parametrize(("body", "when"), [
    # a year inside the quotation is no date of the remarks
    ("\"The alliance has failed us, above all in 2019,\" Prime Minister Ana Brnabic told "
     "reporters on Monday about the CSTO.", "2022-06-13"),
    # "since 2010" dates what was done, not the remarks
    ("Defence Minister Jan Kowal said on Friday the CFE Treaty was dead. Some 300 tanks had "
     "been scrapped since 2010, he said.", "2022-06-10"),
])
def test_a_statement_is_not_dated_by_a_quoted_or_span_date(body: str, when: str) -> None:
    said = facts(run(body), "statement")
    assert said and all(s.get("when") == when for s in said), said


def test_a_year_naming_a_treaty_does_not_date_an_accusation() -> None:
    doc = run("Secretary of State Mike Pompeo accused Russia of violating the 1987 INF Treaty.")
    assert not has(doc, "accused", when="1987"), facts(doc, "accused")


def test_an_adjective_in_passing_is_not_the_state_of_a_title() -> None:
    doc = run("Kazakhstan has left the military bloc of former Soviet states, Prime Minister "
              "Olzhas Bektenov said on Monday.")
    assert not has(doc, "holds_position", of="Soviet Union"), facts(doc, "holds_position")


def test_his_russian_counterpart_is_not_russian() -> None:
    doc = run("Russia and Poland ended the CFE Treaty talks. Russia said on Monday it was "
              "pleased.\n\nSigned in Geneva by President Jan Novak and his Russian counterpart "
              "Boris Yeltsin, the CFE Treaty cut tanks.")
    assert not has(doc, "holds_position", person="Jan Novak", of="Russia")


def test_a_family_name_first_is_not_the_other_persons() -> None:
    doc = run("Chinese Foreign Minister Wang Yi met Yang Jiechi in Beijing. On Monday, Wang said "
              "the NPT was \"the cornerstone\".")
    assert not has(doc, "statement", speaker="Yang Jiechi"), facts(doc, "statement")


def test_a_place_before_the_speaker_does_not_speak() -> None:
    doc = run("In Vienna, Austrian Foreign Minister Karl Auer said on Monday the NPT was "
              "\"at risk\" and urged Iran to comply.")
    assert not has(doc, "statement", speaker="Austria"), facts(doc, "statement")


def test_a_counterpart_in_another_clause_did_not_sign() -> None:
    doc = run("The CFE Treaty was signed by President Jan Novak, and his Russian counterpart "
              "Boris Yeltsin refused to attend.")
    signed = facts(doc, "signed")
    assert signed and all("Boris Yeltsin" not in f.get("signatories", []) for f in signed), signed


@pytest.mark.parametrize(("body", "person"), [
    # a capital inside the family name: "McAllister", "DuPont"
    ("NATO Secretary General Hamish McAllister told reporters on Monday the drills were over.",
     "Hamish McAllister"),
    # a lower-case particle does not count towards the name's four tokens
    ("OSCE Secretary General Ana Paula dos Santos Ferreira said on Monday the talks would go on.",
     "Ana Paula dos Santos Ferreira"),
])
def test_a_name_with_an_inner_capital_or_a_particle_is_one_person(body: str, person: str) -> None:
    doc = run(body)
    assert has(doc, "holds_position", person=person, position="Secretary General"), \
        facts(doc, "holds_position")
    assert has(doc, "statement", speaker=person), facts(doc, "statement")


def test_an_all_capitals_word_is_no_name_token() -> None:
    doc = run("NATO Secretary General SACEUR Planning told reporters on Monday the drills were "
              "over.")
    assert not any(e.name.startswith("SACEUR") for e in doc.entities), doc.entities


@pytest.mark.parametrize(("body", "person", "other"), [
    # the body of a post given in an appositive does not speak
    ("Sen. Mary Holt, chairwoman of the Senate Armed Services Committee, said on Monday the "
     "New START treaty was \"worth keeping\".", "Mary Holt", "Senate Armed Services Committee"),
    # nor the state a person is "of"
    ("\"We need the CTBT,\" the session's chairman, Karl Auer of Austria, said on Tuesday.",
     "Karl Auer", "Austria"),
])
def test_the_person_speaks_not_the_body_or_state_after_his_name(
        body: str, person: str, other: str) -> None:
    said = facts(run(body), "statement")
    assert any(s["speaker"] == person for s in said), said
    assert not any(s["speaker"] == other or other in s.get("about", []) for s in said), said


def test_a_body_after_an_unrelated_clause_still_speaks() -> None:
    said = facts(run("Jan Kowal left early; the Arms Control Association said on Monday the "
                     "CTBT \"matters\"."), "statement")
    assert not any(s["speaker"] == "Jan Kowal" for s in said), said


@pytest.mark.parametrize("body", [
    "The conference's president, Karl Auer of Austria, said on Friday the CTBT \"matters\".",
    "Britain hosted the summit. The summit's president, Hamish McAllister, opened it on Monday.",
])
def test_who_presides_over_a_meeting_holds_no_post(body: str) -> None:
    held = facts(run(body), "holds_position")
    assert not held, held


def test_the_countrys_president_still_holds_a_post() -> None:
    doc = run("Austria hosted the talks. The country's president, Karl Auer, said on Friday the "
              "CTBT \"matters\".")
    assert has(doc, "holds_position", person="Karl Auer", position="President", of="Austria"), \
        facts(doc, "holds_position")


@pytest.mark.parametrize(("body", "body_name"), [
    ("A report by the official Iranian Students News Agency said on Monday the talks were over.",
     "Iranian Students News Agency"),
    ("Analyst Mary Robinson Foundation staff said on Monday the CTBT mattered.",
     "Mary Robinson Foundation"),
])
def test_a_name_ending_in_a_body_word_is_no_person(body: str, body_name: str) -> None:
    doc = run(body)
    assert not any(e.name == body_name and e.type.value == "Person" for e in doc.entities), \
        doc.entities


def test_a_name_after_a_role_word_is_still_a_person() -> None:
    doc = run("The official Karl Auer said on Monday the CTBT \"matters\".")
    assert any(e.name == "Karl Auer" and e.type.value == "Person" for e in doc.entities), \
        doc.entities


@pytest.mark.parametrize(("body", "speaker"), [
    ("In a statement carried by the official news agency of the European Union, Serbia "
     "accused NATO of breaking the CFE Treaty and said it would \"respond\".", "Serbia"),
    ("At talks hosted by Austria, Russia accused the United States of "
     "breaching the INF Treaty and said it was \"ready\".", "Russia"),
])
def test_who_is_named_in_an_opening_phrase_does_not_speak(body: str, speaker: str) -> None:
    said = facts(run(body), "statement")
    assert said and all(s["speaker"] == speaker for s in said), said


def test_the_subject_speaks_without_an_opening_phrase() -> None:
    said = facts(run("Poland accused Russia of breaching the CFE Treaty and said it was "
                     "\"worried\"."), "statement")
    assert any(s["speaker"] == "Poland" for s in said), said


@pytest.mark.parametrize("body", [
    "Austria said on Monday it would sign a United Nations treaty banning cluster bombs.",
    "Poland signed a NATO treaty on air policing in Warsaw on Monday.",
])
def test_a_body_before_treaty_names_no_treaty(body: str) -> None:
    doc = run(body)
    assert not any(e.type.value == "Treaty" for e in doc.entities), doc.entities


def test_a_treatys_short_name_before_treaty_still_names_it() -> None:
    doc = run("Russia said on Monday it would leave the New START treaty in February.")
    assert any(e.name == "New START" or "New START" in e.aliases for e in doc.entities
               if e.type.value == "Treaty"), doc.entities


@pytest.mark.parametrize(("body", "person", "state"), [
    ("WASHINGTON — President Jane Roe and Chinese leader Wang Yi met on Tuesday. The United "
     "States said the talks went well.", "Jane Roe", "United States"),
    ("MOSCOW — President Boris Yeltsin and British envoy Mary Holt signed the CFE Treaty on "
     "Tuesday. Russia said it was pleased.", "Boris Yeltsin", "Russia"),
])
def test_a_state_qualifying_another_person_is_not_the_state_of_a_title(
        body: str, person: str, state: str) -> None:
    doc = run(body)
    assert has(doc, "holds_position", person=person, position="President", of=state), \
        facts(doc, "holds_position")


def test_a_state_after_the_title_still_gives_its_state() -> None:
    doc = run("President Jane Roe signed the CFE Treaty, committing Poland to the cuts.")
    assert not has(doc, "holds_position", person="Jane Roe", of="China"), \
        facts(doc, "holds_position")
    assert has(doc, "holds_position", person="Jane Roe", of="Poland"), facts(doc, "holds_position")


@pytest.mark.parametrize("body", [
    "The NATO allies, meeting in Brussels on Monday, agreed to extend the CFE Treaty talks.",
    "Ministers of the bloc, meeting in Minsk, said the CFE Treaty was dead.",
])
def test_meeting_as_a_verb_is_no_meeting(body: str) -> None:
    held = facts(run(body), "meeting")
    assert not held, held


def test_a_meeting_in_a_city_is_still_a_meeting() -> None:
    doc = run("The allies held a meeting in Brussels on Monday on the CFE Treaty.")
    assert facts(doc, "meeting"), facts(doc, "meeting")


@pytest.mark.parametrize("body", [
    "The CTBT has 180 signatories, and 170 have ratified it, including Poland and Austria.",
    "The CTBT was opened in 1996.\n\nMore than 150 states have ratified the treaty, including "
    "Poland, Austria and Japan, all close allies.",
])
def test_states_listed_after_a_counted_subject_ratified(body: str) -> None:
    doc = run(body)
    for state in ("Poland", "Austria"):
        assert has(doc, "ratified", party=state), facts(doc, "ratified")
    assert not has(doc, "ratified", party="United States"), facts(doc, "ratified")


@pytest.mark.parametrize("body", [
    "More than 100 countries are parties to the CTBT, including Poland and Austria.",
    "The CTBT is in force. Some 60 states are parties to it, including Poland, and Austria.",
])
def test_states_listed_after_a_counted_subject_are_parties(body: str) -> None:
    doc = run(body)
    for state in ("Poland", "Austria"):
        assert has(doc, "party_to", party=state), facts(doc, "party_to")


@pytest.mark.parametrize(("body", "kind"), [
    ("170 have not ratified the CTBT, including Poland and Austria.", "ratified"),
    ("Some 60 states are not parties to the CTBT, including Poland and Austria.", "party_to"),
])
def test_a_negated_counted_subject_lists_no_party(body: str, kind: str) -> None:
    assert not facts(run(body), kind), facts(run(body), kind)


@pytest.mark.parametrize("body", [
    "The two leaders voiced concern about NATO and said they would \"stand together\".",
    "The envoys argued with Austria over the CFE Treaty and said it was \"dead\".",
])
def test_an_object_of_a_preposition_is_no_subject_of_and_said(body: str) -> None:
    said = facts(run(body), "statement")
    assert not any(s["speaker"] in ("NATO", "Austria") for s in said), said


def test_a_subject_before_the_verb_still_speaks_with_and_said() -> None:
    said = facts(run("Poland voiced concern about NATO and said it would \"stand firm\"."),
                 "statement")
    assert any(s["speaker"] == "Poland" for s in said), said


@pytest.mark.parametrize(("body", "when"), [
    ("A CTBT review conference will open in Vienna in March, Austria said.", "2023-03"),
    ("The NATO summit in Vilnius is due to take place in July.", "2022-07"),
    ("NATO leaders will hold a summit in Vilnius in January, Poland said.", "2023-01"),
])
def test_a_bare_month_in_a_future_clause_is_the_next_one(body: str, when: str) -> None:
    doc = run(body, published="2022-06-15")
    assert has(doc, "meeting", when=when), facts(doc, "meeting")


def test_a_bare_month_in_a_past_clause_is_the_last_one() -> None:
    doc = run("A CTBT review conference opened in Vienna in March, Austria said.",
              published="2022-02-15")
    assert has(doc, "meeting", when="2021-03"), facts(doc, "meeting")


@pytest.mark.parametrize(("body", "person", "position"), [
    ("French Special Representative for Nuclear Security Claire Dubois told reporters "
     "on Monday that talks would go on.", "Claire Dubois",
     "Special Representative for Nuclear Security"),
    ("U.N. High Representative for Outer Space Affairs Tomoko Harada urged states to "
     "agree on new rules.", "Tomoko Harada", "High Representative for Outer Space Affairs"),
    ("The German Ambassador to the Conference on Disarmament, Peter Vogel, said the "
     "treaty was at risk.", "Peter Vogel", "Ambassador to the Conference on Disarmament"),
])
def test_a_post_with_the_field_it_covers_before_a_name(
        body: str, person: str, position: str) -> None:
    doc = run(body)
    assert has(doc, "holds_position", person=person, position=position), \
        facts(doc, "holds_position")


def test_a_capitalised_field_written_in_lower_case_elsewhere_is_no_name() -> None:
    doc = run("The Special Representative for the Middle East Peace Process said the "
              "peace process had stalled, Norway said.")
    assert not any(f["person"] == "Peace Process" for f in facts(doc, "holds_position"))
    assert not any(e.name == "Peace Process" for e in doc.entities)


@pytest.mark.parametrize(("body", "person", "position", "of"), [
    ("Leonid Brezhnev arrived in Vienna on Monday. Brezhnev, the general secretary of the "
     "Soviet Communist Party, said the talks were useful.", "Leonid Brezhnev",
     "General Secretary", "Soviet Communist Party"),
    ("Officials met Jens Berg in Geneva. Berg, the secretary general of NATO, said the "
     "alliance was united.", "Jens Berg", "Secretary General", "NATO"),
])
def test_a_later_mention_by_surname_carries_the_title(
        body: str, person: str, position: str, of: str) -> None:
    doc = run(body)
    assert has(doc, "holds_position", person=person, position=position, of=of), \
        facts(doc, "holds_position")


def test_a_surname_set_off_by_no_title_holds_no_post() -> None:
    doc = run("Pavel Orlov spoke in Moscow on Monday. Orlov, the veteran of many talks, "
              "said Russia would not yield.")
    assert not any(f["person"] == "Pavel Orlov" for f in facts(doc, "holds_position"))


@pytest.mark.parametrize(("body", "person", "position"), [
    ("Deputy Secretary of State Laura Pike and her Chinese counterpart met in Oslo on Monday "
     "to discuss missile limits.", "Laura Pike", "Deputy Secretary of State"),
    ("Under Secretary of State Tom Reiner told Russian diplomats in Vienna on Tuesday that "
     "the inspections must resume.", "Tom Reiner", "Under Secretary of State"),
])
def test_a_deputy_to_a_national_post_is_of_that_post_s_state(
        body: str, person: str, position: str) -> None:
    doc = run(body)
    assert has(doc, "holds_position", person=person, position=position, of="United States"), \
        facts(doc, "holds_position")


def test_a_deputy_post_is_not_the_post_it_deputises() -> None:
    doc = run("Deputy Secretary of State Laura Pike met Russian Deputy Foreign Minister Oleg "
              "Markov in Oslo on Monday.")
    assert not has(doc, "holds_position", person="Laura Pike", position="Secretary of State")


@pytest.mark.parametrize("body", [
    "The premier signed with a pen the king had used in 1970 when Norway ratified the "
    "Nuclear Non-Proliferation Treaty.",
    "Sweden signed the declaration in Oslo on Monday, a year after Finland withdrew from the "
    "Ottawa Treaty.",
])
def test_a_treaty_in_a_clause_of_its_own_after_signed_is_not_signed(body: str) -> None:
    doc = run(body)
    assert not facts(doc, "signed"), facts(doc, "signed")


@pytest.mark.parametrize("body", [
    "Norway signed and ratified the Nuclear Non-Proliferation Treaty in 1969.",
    "Norway signed but did not ratify the Comprehensive Nuclear-Test-Ban Treaty.",
])
def test_a_treaty_signed_and_ratified_is_signed(body: str) -> None:
    doc = run(body)
    assert facts(doc, "signed"), doc.facts


@pytest.mark.parametrize(("body", "speaker"), [
    ("Polish Foreign Minister Jan Kowal, whose country borders Russia, said on Monday that NATO "
     "must \"stay the course\" on arms control.", "Jan Kowal"),
    ("Norwegian Defence Minister Anne Lund, who chairs the talks with Iran, said on Friday the "
     "inspectors were \"ready to return\" to the sites.", "Anne Lund"),
])
def test_an_actor_inside_a_relative_clause_is_not_the_speaker(body: str, speaker: str) -> None:
    doc = run(body)
    assert [f["speaker"] for f in facts(doc, "statement")] == [speaker], facts(doc, "statement")


def test_a_speaker_before_a_relative_clause_still_speaks() -> None:
    doc = run("Poland, which hosts the talks, said on Monday that the treaty was \"a good start\".")
    assert [f["speaker"] for f in facts(doc, "statement")] == ["Poland"], facts(doc, "statement")


@pytest.mark.parametrize(("body", "name"), [
    ("Diplomats gathered for a meeting of the Organization for Security and Co-operation in "
     "Europe in Vienna on Thursday.",
     "meeting of the Organization for Security and Co-operation in Europe"),
    ("Arms control was discussed at a session of the Organisation for the Prohibition of "
     "Chemical Weapons in The Hague on Monday.",
     "session of the Organisation for the Prohibition of Chemical Weapons"),
])
def test_a_meeting_of_a_known_body_takes_its_whole_name(body: str, name: str) -> None:
    doc = run(body)
    assert any(e.name == name for e in doc.entities), [e.name for e in doc.entities]


def test_a_meeting_of_an_unknown_body_stops_at_the_city() -> None:
    doc = run("Delegates attended a meeting of the Joint Commission in Geneva on Friday.")
    assert not any("Geneva" in e.name for e in doc.entities if e.name.startswith("meeting")), \
        [e.name for e in doc.entities]

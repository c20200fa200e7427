"""Entities, discourse and traps across rules; each rule's own examples and
counter-examples live beside it and are run by tests/test_rule_examples.py. None of
these sentences comes from an evaluation article: they are written for the rules."""

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


ENTITIES = [
    # organisations named by their form, places by theirs, linked states by adjective
    ("Place", "The leaders signed the treaty at the ornate Presidential Palace on Monday.",
     "Presidential Palace"),
    ("Place", "The missile was launched from Vandenberg Space Force Base in California.",
     "Vandenberg Space Force Base"),
    ("Place", "India closed the Wagah-Attari border crossing after the attack on the treaty.",
     "Wagah-Attari border crossing"),
    ("Organization", "Ministers of the Group of Eight met in Canada on the ABM Treaty.",
     "Group of Eight"),
    ("Organization", "The IAEA Board of Governors passed a resolution on the NPT on Thursday.",
     "IAEA Board of Governors"),
    # a treaty's name as written, linked by its words to the known treaty
    ("Treaty", "North Korea left the Non-Proliferation of Nuclear Weapons Treaty in 2003.",
     "Treaty on the Non-Proliferation of Nuclear Weapons"),
    ("Treaty", "The Convention on the Prohibition of Development, Production and Stockpiling "
     "of Bacteriological and Toxin Weapons and on Their Destruction entered into force in "
     "1975.", "Convention on the Prohibition of the Development, Production and Stockpiling "
     "of Bacteriological (Biological) and Toxin Weapons and on their Destruction"),
    # a meeting's name does not start with a preposition
    ("Meeting", "North Korea suspended the decision and entered into talks with the United "
     "States on the NPT.", "talks with the United States"),
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
    # a body's name runs on through "on"/"for" and capitalised words, and into a known name
    ("Organization", "The Cabinet Committee on Economic Affairs met in Delhi.",
     "Cabinet Committee on Economic Affairs"),
    ("Meeting", "It came after a meeting of the Cabinet Committee on Economic Affairs on "
     "Monday.", "meeting of the Cabinet Committee on Economic Affairs"),
    ("Organization", "The Executive Council of the Organisation for the Prohibition of Chemical "
     "Weapons met.", "Organisation for the Prohibition of Chemical Weapons"),
    # a state's capital told by description; names as texts spell them
    ("Place", "Leaders met in the Romanian capital on Thursday.", "Bucharest"),
    ("Bloc", "Troops of the Collective Security Treaty Organisation arrived.",
     "Collective Security Treaty Organization"),
    ("State", "France and the People’s Republic of China gave assurances.", "China"),
    ("State", "Officials of the former Yugoslav Republic of Macedonia met.", "North Macedonia"),
    # a person named without a title, by a common given name
    ("Person", "Connor Walsh scored twice as Canada beat Finland.", "Connor Walsh"),
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


# Kind-level traps whose words are no rule's trigger (each rule keeps its own
# counter-examples beside it, in kg/extract/rules/<kind>.py).
NEGATIVE = [
    ("withdrew", "Moscow is not leaving the New START treaty, the Kremlin said on Monday."),
    ("signed", "The agreement was opened for signature in 2013."),
    ("withdrew", "The president may pull the United States out of the New START treaty."),
    ("suspended", "Critics of Moscow's decision to keep the New START treaty did not object."),
    ("member_of", "Ukraine became NATO's closest partner in 2022."),
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


def test_a_monarchs_name_is_no_surname() -> None:
    doc = run("President George met the prime minister in Geneva on Monday about the treaty.")
    assert not [e for e in doc.entities if e.name == "George VI"], doc.entities


@pytest.mark.parametrize("body", [
    "The Intermediate Range Nuclear Forces Treaty was signed in 1987.",
    "The Intermediate-Range Nuclear Forces treaty was signed in 1987.",
])
def test_a_treaty_name_without_its_hyphen_or_capital_is_the_treaty(body: str) -> None:
    doc = run(body)
    assert [e.name for e in doc.entities if e.type.value == "Treaty"] == [
        "Treaty Between the United States of America and the Union of Soviet Socialist "
        "Republics on the Elimination of Their Intermediate-Range and Shorter-Range Missiles"]


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
    # a relative clause dates an earlier act, not the remarks
    ("President Ivan Petrov, who signed the treaty with Lee Grant in May 2019, urged the "
     "Duma to approve the accord, which he called \"a pillar of stability\".", "2022-06-15"),
    # ... but a day that week in it is the day of the remarks
    ("President Ivan Petrov, who flew home on Monday after the summit, told the gathering "
     "that the treaty was dead.", "2022-06-13"),
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
    # a middle initial without its point
    ("OSCE Secretary General Mary K Olsen said on Monday the talks would go on.",
     "Mary K Olsen"),
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
    """ "a NATO treaty" is no treaty named "NATO Treaty" (a described one may be found)."""
    doc = run(body)
    assert not any(e.type.value == "Treaty" and ("NATO" in e.name or "United" in e.name)
                   for e in doc.entities), doc.entities


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


@pytest.mark.parametrize("body", [
    "Shares rose on the London Stock Exchange on Wednesday after the report.",
])
def test_a_day_after_a_body_is_not_part_of_its_name(body: str) -> None:
    names = [e.name for e in run(body).entities if e.type.value == "Organization"]
    assert "London Stock Exchange" in names and not any("Wednesday" in n for n in names)


def test_negotiations_to_be_resumed_name_no_meeting() -> None:
    doc = run("They urged the negotiations to be resumed without delay.")
    assert not [e for e in doc.entities if e.type.value == "Meeting"], doc.entities


def test_a_shared_surname_names_the_person_introduced_first() -> None:
    doc = run("Prime Minister Maria Lenz of Austria said the talks went well. \"We made "
              "progress,\" Lenz said. Lenz is the niece of Karl Otto Lenz, who led the "
              "country in 1970. \"It is a new start,\" Lenz said on Monday.")
    speakers = {f.fields["speaker"] for f in doc.facts if f.kind == "statement"}
    assert speakers == {"maria_lenz"}, [f.fields for f in doc.facts]


def test_a_quotation_closed_before_a_capital_ends_the_sentence() -> None:
    doc = run("\"We are ready,\" Prime Minister Ana Lopez of Chile said. \"The step is "
              "taken.\"President Juan Perez of Peru said he agreed.")
    posts = {(f.fields["person"], f.fields["of"]) for f in doc.facts
             if f.kind == "holds_position"}
    assert ("juan_perez", "peru") in posts, posts


@pytest.mark.parametrize(("body", "place"), [
    ("OSLO, May 3. /Wire/. Norway backed the Arms Trade Treaty on Monday.", "Oslo"),
    ("ROME -- Italy signed the Arms Trade Treaty on Monday.", "Rome"),
])
def test_a_dateline_city_is_a_place(body: str, place: str) -> None:
    doc = run(body)
    assert any(e.type.value == "Place" and e.name == place for e in doc.entities), doc.entities


@pytest.mark.parametrize("body", [
    "TEHRAN, May 3. /Wire/. Tehran said it would keep to the JCPOA.",
    "UNITED NATIONS, May 3 (Wire) - The Arms Trade Treaty entered into force.",
])
def test_a_dateline_naming_a_state_or_body_is_no_place(body: str) -> None:
    doc = run(body)
    assert not [e for e in doc.entities if e.type.value == "Place"], doc.entities


@pytest.mark.parametrize(("body", "etype"), [
    ("The White House declined to comment on the New START treaty.", "Organization"),
    ("Kremlin contentions about the INF Treaty were repeated on Monday.", "Organization"),
    ("The INF Treaty was signed at the White House in 1987.", "Place"),
    ("Leaders met at a Kremlin ceremony to sign the treaty.", "Place"),
])
def test_a_seat_of_government_is_a_place_only_where_the_text_is_at_it(body: str,
                                                                      etype: str) -> None:
    seats = [e.type.value for e in run(body).entities if e.name in ("White House", "Kremlin")]
    assert seats == [etype]


def test_a_region_qualifying_states_names_no_place() -> None:
    doc = run("The three Baltic states want the Vienna Document kept. Ships sailed the Baltic.")
    places = [e for e in doc.entities if e.type.value == "Place"]
    assert [len(e.mentions) for e in places] == [1], places


def test_a_family_name_first_named_again_is_not_another_known_person() -> None:
    doc = run("Chinese foreign ministry spokesperson Wang Wenbin spoke on Wednesday. The deal "
              "harms the NPT, Wang said.")
    persons = [e.name for e in doc.entities if e.type.value == "Person"]
    assert persons == ["Wang Wenbin"], persons


def test_a_gerund_taking_a_meeting_as_object_is_not_its_modifier() -> None:
    doc = run("Moscow halted the inspections before tabling talks in Geneva in November.")
    names = [e.name for e in doc.entities if e.type.value == "Meeting"]
    assert names == ["talks in Geneva"], names


def test_a_full_stop_without_its_space_still_ends_a_sentence() -> None:
    doc = run("The ceremony was shown on the alliance website.According to officials, Norway "
              "signed the Arms Trade Treaty on Monday.")
    signed = [f for f in doc.facts if f.kind == "signed"]
    assert [f.evidence.sentence.split()[0] for f in signed] == ["According"], signed


def test_a_senator_holds_the_post_of_the_senate() -> None:
    doc = run("US Senator Tom Reed said on Monday the New START treaty mattered.")
    posts = [(f.fields["position"], f.fields["of"]) for f in doc.facts
             if f.kind == "holds_position"]
    assert posts == [("Senator", "united_states_senate")], posts


def test_a_body_in_a_speakers_apposition_does_not_speak() -> None:
    doc = run("Senator Tom Reed, the top Democrat on the Senate Armed Services Committee, said "
              "the move was reckless.")
    speakers = [f.fields["speaker"] for f in doc.facts if f.kind == "statement"]
    assert speakers == ["tom_reed"], speakers


def test_states_named_by_an_adjective_did_not_ratify() -> None:
    doc = run("The Open Skies Treaty has been ratified by several former Soviet republics.")
    assert not [f for f in doc.facts if f.kind == "ratified"], doc.facts


@pytest.mark.parametrize(("body", "org"), [
    ("Nato Secretary General Mark Rutte said the alliance would meet in The Hague.",
     "NATO"),
    ("The UN nuclear watchdog, the International Atomic Energy Agency, said inspectors "
     "were ready.", "International Atomic Energy Agency"),
])
def test_a_body_is_one_entity_whatever_the_spelling(body: str, org: str) -> None:
    doc = run(body)
    names = [e.name for e in doc.entities if e.type.value in ("Organization", "Bloc")]
    assert names == [org], names


def test_a_news_agency_or_an_unnamed_committee_gives_no_post() -> None:
    doc = run("The committee backed the bill, the Tasnim news agency reported on Monday, "
              "citing committee spokesman Ali Karimi.")
    assert not [f for f in doc.facts if f.kind == "holds_position"], doc.facts


def test_a_possessive_ends_a_sentence() -> None:
    doc = run("Beijing would join if the US cut its arsenal to match China's. \"We are ready,\" "
              "Chinese diplomat Fu Cong said on Wednesday.")
    speakers = [f.fields["speaker"] for f in doc.facts if f.kind == "statement"]
    assert speakers == ["fu_cong"], speakers


def test_an_official_withdrawal_announced_is_a_withdrawal() -> None:
    doc = run("Geng said the test came after the United States announced its official "
              "withdrawal from the INF Treaty on Aug. 2.")
    assert has(doc, "withdrew", party="United States", when="2022-08-02"), facts(doc, "withdrew")


def test_a_post_is_not_dated_by_another_clause() -> None:
    doc = run("Foreign Ministry spokesman Li Wei said on Tuesday the test came weeks after the "
              "United States announced its withdrawal from the INF Treaty on Aug. 2.")
    whens = [f.fields.get("when") for f in doc.facts if f.kind == "holds_position"]
    assert whens == ["2022-06-14"], whens


@pytest.mark.parametrize(("body", "meeting", "participants"), [
    ("Putin and Biden held a phone call on Tuesday to discuss the New START treaty.",
     "phone call", ["Vladimir Putin", "Joe Biden"]),
    ("Foreign Minister Ana Soto and her Peruvian counterpart Luis Vega met in Lima on Friday "
     "for talks on Bolivia.", "talks on Bolivia", ["Ana Soto", "Luis Vega"]),
])
def test_who_holds_a_described_meeting_takes_part(body: str, meeting: str,
                                                  participants: list[str]) -> None:
    found = facts(run(body), "meeting")
    assert [(f["meeting"], f.get("participants")) for f in found] == [(meeting, participants)]


def test_a_call_for_restraint_is_no_meeting() -> None:
    assert not facts(run("Macron made a call for restraint on Monday."), "meeting")


@pytest.mark.parametrize(("body", "meeting"), [
    ("The meeting between Lopez and Vega offers the hope of a new Arms Trade Treaty.",
     "meeting between Lopez and Vega"),
    ("Allies decided to invite Albania to begin accession talks with NATO.",
     "accession talks with NATO"),
])
def test_a_described_meeting_named_by_who_meets_or_what_begins(body: str, meeting: str) -> None:
    assert [f["meeting"] for f in facts(run(body), "meeting")] == [meeting]


def test_a_legislature_named_in_the_subject_ratifies_for_its_state() -> None:
    doc = run("The New START treaty was signed in 2010. The Council of the Republic (the upper "
              "house) of the National Assembly of Belarus ratified the document on Wednesday.")
    assert has(doc, "ratified", party="Belarus", when="2022-06-15"), facts(doc, "ratified")


def test_a_meeting_described_as_one_named_is_one_meeting() -> None:
    doc = run("NATO leaders gathered in Vilnius for a two-day summit on Tuesday. The summit in "
              "Vilnius backed Ukraine on Tuesday, officials said about the North Atlantic Treaty.")
    met = facts(doc, "meeting")
    assert len(met) == 1, met
    names = {e.name: e.aliases for e in doc.entities if e.type.value == "Meeting"}
    assert len(names) == 1 and "two-day summit" in [*names, *next(iter(names.values()))], names


def test_a_generic_post_gives_way_to_the_one_the_text_names() -> None:
    doc = run("UN chief Ana Lind said the Arms Trade Treaty would save lives. UN "
              "Secretary-General Lind said it came into force on Wednesday.")
    posts = [f["position"] for f in facts(doc, "holds_position")]
    assert posts == ["Secretary General"], posts


def test_an_accord_described_in_one_signing_and_named_in_another_is_one() -> None:
    doc = run("President Tom Hale and Soviet leader Ivan Petrov on Tuesday signed a treaty "
              "eliminating an entire class of nuclear weapons. The two leaders signed the INF "
              "Treaty at a table in the White House.")
    signed = facts(doc, "signed")
    assert len(signed) == 1 and signed[0].get("when") == "2022-06-14", signed
    assert [e.name for e in doc.entities if e.type.value == "Treaty"] == [
        "Treaty Between the United States of America and the Union of Soviet Socialist "
        "Republics on the Elimination of Their Intermediate-Range and Shorter-Range Missiles"]


def test_a_call_is_not_placed_at_the_dateline() -> None:
    doc = run("BEIJING, June 15 (Wire) - Foreign Minister Li Wen of China, during a telephone "
              "conversation with his British counterpart, Tom Hale, raised the CTBT on "
              "Wednesday.")
    calls = facts(doc, "meeting")
    assert calls and all("where" not in c for c in calls), calls


@pytest.mark.parametrize(("body", "treaty"), [
    ("Kazakhstan and Uzbekistan today signed a pact making Central Asia a zone free of "
     "nuclear weapons.", "Treaty on a Nuclear-Weapon-Free Zone in Central Asia"),
    # not every word of a known name: an accord of its own
    ("Eight states signed a treaty banning nuclear tests in the Arctic on Monday.",
     "treaty banning nuclear tests"),
])
def test_a_described_accord_is_the_known_treaty_it_names_word_for_word(body: str,
                                                                       treaty: str) -> None:
    assert [f["treaty"] for f in facts(run(body), "signed")] == [treaty]


@pytest.mark.parametrize(("body", "expected"), [
    ("SEOUL -- North Korea withdrew from the global nuclear arms control treaty today. "
     "\"We can no longer remain bound to the NPT,\" the government said.",
     ["Treaty on the Non-Proliferation of Nuclear Weapons"]),
    # a new accord described is not the one named after it
    ("Moscow withdrew from the new strategic arms treaty talks, officials said. The "
     "New START treaty expires in February.", []),
])
def test_a_treaty_described_in_the_lead_is_the_one_named_next(body: str,
                                                                expected: list[str]) -> None:
    assert [f["treaty"] for f in facts(run(body), "withdrew")] == expected


def test_a_named_meeting_is_also_known_as_the_text_tells_it() -> None:
    doc = run("The states parties agreed after a week-long meeting in Geneva to review the BWC, "
              "officials said.")
    meetings = [e for e in doc.entities if e.type.value == "Meeting"]
    assert meetings and "week-long meeting in Geneva to review the BWC" in [
        meetings[0].name, *meetings[0].aliases], meetings

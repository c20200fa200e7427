"""member_of: states that are members of a bloc or international organisation."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    is_group,
    joined_bare,
)
from kg.extract._entities import Mention
from kg.extract._lists import (
    state_list_after,
    state_list_before,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    negated,
)
from kg.extract.rules._rule import Rule, ex


def _joined(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in re.finditer(
        r"\b(?:became|becoming|becomes)\s+(?:(?:the|a|an)\s+)?(?:\w+\s+)?(?:member|ally)\s+of\s+"
        # "Montenegro became NATO's 29th member"
        r"|\b(?:became|becoming|becomes)\s+(?=(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}['’]s\s+"
        r"(?:\w+\s+)?(?:member|ally)\b)"
        # "Finland became its 31st member": the bloc spoken of
        r"|\b(?:became|becoming|becomes)\s+(?=its\s+(?:\w+\s+)?(?:member|ally)\b)"
        r"|\bjoin(?:ed|s)\s+"
        # "Belarus was formally admitted to the SCO"
        r"|\b(?:was|were|has\s+been|have\s+been)\s+(?:formally\s+|officially\s+)?"
        r"admitted\s+(?:as\s+(?:a|the)\s+(?:\w+\s+)?member\s+)?(?:to|into|of)\s+",
        text,
    ):
        pos = sent.s.start + m.start()
        if (
            MODAL.search(text[max(0, m.start() - 15) : m.start()])
            or "appl" in text[max(0, m.start() - 20) : m.start()]
        ):
            continue
        group = next(
            (
                x
                for x in sent.mentions
                if x.start >= sent.s.start + m.end() - 1 and is_group(ctx, x)
            ),
            None,
        )
        if group is not None and _NOT_GROUP_ITSELF.match(ctx.body, group.end):
            continue  # "joined the NATO exercises", "joined the OSCE mission"
        if group is None or group.start - (sent.s.start + m.end()) > 5:
            # "becoming the alliance's 32nd member"
            group = next(
                (
                    x
                    for x in sent.mentions
                    if sent.s.start + m.start() <= x.start
                    and x.type is T.BLOC
                    and ctx.body[x.end : x.end + 2] in ("'s", "’s")
                ),
                None,
            )
            if group is None and text.startswith("its ", m.end()):
                group = _bloc_before(ctx, sent, pos)
            if group is None:
                continue
        members = state_list_before(ctx, sent, pos)
        if not members:
            subj = [
                x
                for x in sent.mentions
                if x.type is T.STATE and x.end <= pos and x.role != "demonym"
                and ctx.body[x.end : x.end + 2] not in ("'s", "’s")  # "Russia's neighbour"
            ]
            members = subj[:1] if subj and re.search(r"\bbecoming\b", m.group(0)) else members
        wm = re.search(r",\s+whose\s+(?:country|nation|state)\s+$", text[: m.start()])
        if not members and wm:  # "Finnish President Sauli Niinisto, whose country became"
            person = next((x for x in sent.mentions if x.end == sent.s.start + wm.start()
                           and x.type is T.PERSON), None)
            title = ctx.entities[person.key].title if person is not None else None
            if title and ctx.entities[title[1]].type is T.STATE:
                members = [Mention(person.start, person.end, "", title[1],  # type: ignore[union-attr]
                                   T.STATE, "anaphor")]
        # "joined NATO in 2004"; "On April 4, 2023, Finland became ...": a date opening the clause
        d = sent.date_after(pos, 60) or sent.date_after(group.end, 30) or next(
            (x for x in sent.dates if x.end <= pos and x.start - sent.s.start < 20), None)
        if d is not None and d.end > sent.clause_end(pos):  # "Sweden, which joined NATO, said"
            d = None
        for x in members:
            sink.add("member_of", sent, member=x.key, group=group.key, when=d.value if d else None)
        if members:
            _followed(ctx, sink, sent, pos, group)


# "Finland became its 31st member in April 2023, and Sweden followed in March 2024"
_FOLLOWED = re.compile(r",?\s+and\s+(?:the\s+)?(?P<who>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+"
                       r"(?:followed|did\s+so|joined)\b(?:\s+suit)?")


def _followed(ctx: Context, sink: Sink, sent: Sent, pos: int, group: Mention) -> None:
    for fm in _FOLLOWED.finditer(ctx.body, pos, sent.s.end):
        x = next((y for y in sent.mentions if y.start == fm.start("who") and y.type is T.STATE
                  and y.role != "demonym"), None)
        if x is not None:
            d = sent.date_after(fm.end(), 30)
            sink.add("member_of", sent, member=x.key, group=group.key,
                     when=d.value if d else None)


def _bloc_before(ctx: Context, sent: Sent, pos: int) -> Mention | None:
    """The bloc "its" stands for: the last one named before, in this sentence or the two
    before it."""
    for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
        blocs = [x for x in s.mentions if x.type is T.BLOC and x.end <= pos]
        if blocs:
            return blocs[-1]
    return None


# the accession as what others ratify, back or block: still to come
_PENDING = re.compile(r"\b(?:ratif|approv|back|block|support|oppos|endors|veto|delay|"
                      r"hold(?:ing)?\s+up|held\s+up)\w*\s+(?:\w+\s+){0,2}?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?$")


def _accession(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "Finland's accession to the alliance in April" """
    text = sent.text
    for m in re.finditer(r"['’]s\s+(?:\w+\s+)?accession\s+(?:to|into)\s+(?:the\s+)?", text):
        member = next(
            (x for x in sent.mentions if x.end == sent.s.start + m.start() and x.type is T.STATE),
            None,
        )
        at = sent.s.start + m.end()
        group = next(
            (x for x in sent.mentions if at - 4 <= x.start <= at and x.type is T.BLOC), None
        )
        if _PENDING.search(text, max(0, m.start() - 60), m.start()):
            continue  # "voted to ratify Finland's accession to NATO": not yet a member
        if member is not None and group is not None:
            d = sent.date_after(group.end, 30)
            sink.add(
                "member_of", sent, member=member.key, group=group.key, when=d.value if d else None
            )




















# what a bloc's or organisation's name may qualify: "the NATO exercises", "the OSCE mission"
_NOT_GROUP_ITSELF = re.compile(r"(?:'s)?\s*(?:exercises?|drills?|talks|negotiations|summit|meeting|"
                               r"mission|operations?|inspectors?|team|delegation|forces|troops|"
                               r"force|command|headquarters|conference|session|forum|"
                               r"secretariat|staff|officials|observers)\b")


def _joined_bare(ctx: Context, sink: Sink, sent: Sent) -> None:
    for subj, last, pos in joined_bare(ctx, sent):
        if last.type is not T.TREATY:
            d = sent.date_after(pos, 30)
            sink.add("member_of", sent, member=subj.key, group=last.key,
                     when=d.value if d else None)


# "A, B and C joined in 2004; D and E in 1999; Spain in 1982 and Greece and Turkey
# joined the Alliance in 1952": lists of states, each with the year it joined
_IN_YEAR = re.compile(r"(?:\s+joined(?:\s+(?:the\s+)?[A-Z][\w-]*)?)?\s+in\s+(1[89]\d\d|20\d\d)\b")


def _joined_by_year(ctx: Context, sink: Sink, sent: Sent) -> None:
    if negated(sent.text) or not re.search(r"\bjoined\b", sent.text):
        return
    groups = [x for s in ctx.sents[max(0, sent.index - 2) : sent.index + 1]
              for x in s.mentions if is_group(ctx, x) and x.start < sent.s.end]
    if not groups:
        return
    for m in _IN_YEAR.finditer(sent.text):
        listed = state_list_before(ctx, sent, sent.s.start + m.start())
        if not listed:
            continue
        named = next((x for x in sent.mentions if sent.s.start + m.start() < x.start
                      < sent.s.start + m.start(1) and is_group(ctx, x)), None)
        group = named or groups[-1]
        for x in listed:
            sink.add("member_of", sent, member=x.key, group=group.key, when=m.group(1))


# "AUKUS, the security partnership formed by Australia, Britain and the United States";
# "NATO was founded in 1949 by 12 countries, including the US, Canada and France"
_FORMED_BY = re.compile(r"\b(?:formed|founded|created|established|set\s+up|launched)\s+"
                        r"(?:in\s+\d{4}\s+)?by\s+(?:(?:\d+|[a-z]+)\s+(?:countries|states|"
                        r"nations),?\s+(?:including|among\s+them)\s+)?(?:the\s+)?")


def _formed_by(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _FORMED_BY.finditer(sent.text):
        pos = sent.s.start + m.start()
        before = ctx.body[sent.s.start : pos]
        group = next((x for x in reversed(sent.mentions) if x.end <= pos and is_group(ctx, x)
                      and re.fullmatch(r"(?:,\s+(?:the|a|an)\s+[^,;]{0,60}?|\s+(?:was|were|"
                                       r"had\s+been|has\s+been))\s+",
                                       before[x.end - sent.s.start :])), None)
        if group is None or negated(before[-30:]):
            continue
        listed = state_list_after(ctx, sent, sent.s.start + m.end())
        d = next((x for x in sent.dates if pos <= x.start <= pos + 20), None) or (
            sent.date_after(listed[-1].end, 20) if listed else None)
        for x in listed:
            sink.add("member_of", sent, member=x.key, group=group.key,
                     when=d.value if d else None)


RULES = (
    Rule(
        name="member_of.formed_by",
        doc="The states that formed a bloc: 'AUKUS, the security partnership formed by "
            "Australia, Britain and the United States'; 'NATO was founded in 1949 by 12 "
            "countries, including the United States, Canada and France'.",
        apply=_formed_by,
        trigger=("formed", "founded", "created", "established", "set up", "launched"),
        guards=("negation",),
        slots=("member", "group", "when"),
        examples=(
            ex("Both sides criticised AUKUS, the security partnership formed by Australia, "
               "Britain and the United States.",
               member="Australia", group="AUKUS"),
            ex("NATO was founded in 1949 by 12 countries, including the United States, Canada "
               "and France.",
               member="Canada", group="NATO", when="1949"),
        ),
        counter=(
            "The treaty was formed by lawyers from Canada and France.",
        ),
    ),
    Rule(
        name="member_of.joined",
        doc="States joined a bloc or became its member: 'Montenegro joined NATO in June 2017', "
            "'became NATO's 29th member'.",
        apply=_joined,
        trigger=("member", "ally", "join", "admitted"),
        guards=("modality", "not-the-treaty"),
        slots=("member", "group", "when"),
        examples=(
            ex("Sweden, which joined NATO, said in 2025 that it would spend more on defence.",
               member="Sweden", group="NATO", when=None),
            ex("Belarus was formally admitted to the Shanghai Cooperation Organisation on "
               "Thursday.",
               member="Belarus", group="Shanghai Cooperation Organisation", when="2022-06-09"),
            ex("NATO ministers met in Brussels. Finland became its 31st member in April 2023, "
               "and Sweden followed in March 2024.",
               member="Sweden", group="NATO", when="2024-03"),
            ex("Montenegro joined NATO in June 2017.",
               member="Montenegro",
               group="NATO",
               when="2017-06"),
            ex("Estonia, Latvia and Lithuania joined NATO in 2004 after years of preparation.",
               member="Latvia",
               group="NATO",
               when="2004"),
            ex("North Macedonia became the 30th member of NATO in March 2020.",
               member="North Macedonia",
               group="NATO"),
            ex("NATO met in Skopje. North Macedonia became the 30th member of the Alliance "
               "on Friday (27 March 2020).",
               member="North Macedonia", group="NATO", when="2020-03-27"),
            ex("North Macedonia became a full member of NATO in March 2020.",
               member="North Macedonia",
               group="NATO",
               when="2020-03"),
            ex("Iran joined the Shanghai Cooperation Organisation in 2023.",
               member="Iran",
               group="Shanghai Cooperation Organisation",
               when="2023"),
            ex("On Tuesday, Sweden became NATO’s 32nd member, officials said.",
               member="Sweden", group="NATO", when="2022-06-14"),
            ex("Montenegro became NATO's 29th member in June 2017.",
               member="Montenegro",
               group="NATO",
               when="2017-06"),
            ex("Finnish President Sauli Niinisto, whose country became NATO's 31st member in "
               "April, attended.",
               member="Finland",
               group="NATO",
               when="2022-04"),
            ex("Swedish Prime Minister Ulf Kristersson, whose country joined NATO in March, "
               "spoke.",
               member="Sweden",
               group="NATO"),
        ),
        counter=(
            "Sweden's pending application to join NATO was held up by Turkey.",
            "NATO grew in 2019. Finland may have joined in April.",
            "Swedish Prime Minister Ulf Kristersson, whose country may join NATO, spoke.",
            "Sweden joined the NATO exercises in March.",
            "Finland joined the OSCE mission in Ukraine.",
            "The flag marked Russia's western neighbour becoming the 31st member of NATO.",
            "Serbia is not a member of NATO, and Austria is neutral.",
            "Norway and Iceland backed the CTBT statement. All three countries are members of "
            "NATO.",
            "Egypt is a dialogue partner rather than a member of the SCO.",
        ),
    ),
    Rule(
        name="member_of.joined_bare",
        doc="'X joined last year' with no object: the bloc or organisation spoken of just "
            "before.",
        apply=_joined_bare,
        trigger=("joined",),
        guards=("negation", "modality"),
        slots=("member", "group", "when"),
        examples=(
            ex("The SCO now has ten members. Iran joined last year.",
               member="Iran",
               group="Shanghai Cooperation Organisation",
               when="2021"),
            ex("Sweden applied to NATO in 2018 and joined in March 2020.",
               member="Sweden",
               group="NATO",
               when="2020-03"),
        ),
        counter=(
            "Sweden applied to NATO in 2018 and has not yet joined.",
        ),
    ),
    Rule(
        name="member_of.joined_by_year",
        doc="Lists of states, each with the year it joined: 'A, B and C joined in 2004; D and "
            "E in 1999; Spain in 1982'.",
        apply=_joined_by_year,
        trigger=("joined",),
        guards=("negation",),
        slots=("member", "group", "when"),
        examples=(
            ex("NATO grew in rounds. Estonia, Latvia and Lithuania joined in 2004; Hungary and "
               "Poland in 1999; Spain in 1982.",
               member="Spain", group="NATO", when="1982"),
            ex("NATO grew in rounds. Estonia, Latvia and Lithuania joined in 2004; Hungary and "
               "Poland in 1999; Spain in 1982.",
               member="Latvia", group="NATO", when="2004"),
        ),
        counter=(
            "NATO grew in rounds. Estonia has not joined in 2004.",
        ),
    ),
    Rule(
        name="member_of.accession",
        doc="'Finland's accession to the alliance in April'.",
        apply=_accession,
        trigger=("accession",),
        slots=("member", "group", "when"),
        examples=(
            ex("Blinken welcomed Sweden’s formal accession into NATO on Thursday.",
               member="Sweden", group="NATO"),
            ex("Finland's accession to NATO in April 2023 doubled its border with Russia.",
               member="Finland", group="NATO", when="2023-04"),
        ),
        counter=(
            "Sweden's accession to the NPT was long debated.",
            "Hungary's parliament voted on Monday to ratify Sweden's accession to NATO.",
            "Ankara kept blocking Sweden's accession to the alliance, NATO said.",
        ),
    ),
)

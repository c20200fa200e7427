"""member_of: states that are members of a bloc or international organisation."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    is_group,
    joined_bare,
    main_bloc,
)
from kg.extract._entities import Mention
from kg.extract._lists import (
    last_list,
    state_list_after,
    state_list_before,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    number,
)
from kg.extract.rules._rule import Rule, ex


def _joined(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in re.finditer(
        r"\b(?:became|becoming|becomes)\s+(?:(?:the|a|an)\s+)?(?:\w+\s+)?(?:member|ally)\s+of\s+"
        # "Montenegro became NATO's 29th member"
        r"|\b(?:became|becoming|becomes)\s+(?=(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}'s\s+"
        r"(?:\w+\s+)?(?:member|ally)\b)"
        r"|\bjoin(?:ed|s)\s+",
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
                    and ctx.body[x.end : x.end + 2] == "'s"
                ),
                None,
            )
            if group is None:
                continue
        members = state_list_before(ctx, sent, pos)
        if not members:
            subj = [
                x
                for x in sent.mentions
                if x.type is T.STATE and x.end <= pos and x.role != "demonym"
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
        d = sent.date_after(pos, 60)
        for x in members:
            sink.add("member_of", sent, member=x.key, group=group.key, when=d.value if d else None)


def _accession(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "Finland's accession to the alliance in April" """
    text = sent.text
    for m in re.finditer(r"'s\s+accession\s+to\s+(?:the\s+)?", text):
        member = next(
            (x for x in sent.mentions if x.end == sent.s.start + m.start() and x.type is T.STATE),
            None,
        )
        at = sent.s.start + m.end()
        group = next(
            (x for x in sent.mentions if at - 4 <= x.start <= at and x.type is T.BLOC), None
        )
        if member is not None and group is not None:
            d = sent.date_after(group.end, 30)
            sink.add(
                "member_of", sent, member=member.key, group=group.key, when=d.value if d else None
            )


def _founding(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "East Germany, a founding member, left the alliance" """
    text = sent.text
    for m in re.finditer(
        r",\s+(?:a|one)\s+(?:founding\s+|former\s+|full\s+)?member(?:\s+of\s+)?", text
    ):
        member = next(
            (
                x
                for x in reversed(sent.mentions)
                if x.end == sent.s.start + m.start() and x.type is T.STATE
            ),
            None,
        )
        group = next(
            (x for x in sent.mentions if x.start >= sent.s.start + m.end() and x.type is T.BLOC),
            None,
        )
        if member is not None and group is not None:
            sink.add("member_of", sent, member=member.key, group=group.key)


def _member_list(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "The CSTO brings together six ...: Russia, Belarus, ..." / "two members, Hungary and
    Turkey" """
    text = sent.text
    lm = re.search(
        r"(?:brings\s+together|members?\s+(?:are|were|include[sd]?)|"
        r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:remaining\s+)?"
        r"(?:members|allies))[^:,—]*[:,—]\s+(?:the\s+)?",
        text,
    )
    if lm:
        pos = sent.s.start + lm.end()
        in_sentence = [x for x in sent.mentions if x.end <= pos and x.type is T.BLOC]
        list_group = in_sentence[-1].key if in_sentence else main_bloc(ctx)
        if list_group is None:
            return
        tail = text[lm.end() :]
        cut = re.search(
            r"\s+—|[;.]|,\s+(?:which|who|but|when)\b|\s+(?:had|have|has|were|are)\b", tail
        )
        end = pos + (cut.start() if cut else len(tail))
        for x in sent.mentions:
            if pos <= x.start < end and x.type is T.STATE and x.role != "demonym":
                sink.add("member_of", sent, member=x.key, group=list_group)


# "the alliance includes Russia, Belarus and ...", "the SCO now comprises China, India, ..."
_COMPRISES = re.compile(r"\s+(?:now\s+|also\s+)?(?:includes|included|comprises|comprised|"
                        r"consists\s+of|consisted\s+of|is\s+made\s+up\s+of)\s+(?:the\s+)?")


_COMPRISE_WORDS = re.compile(r"includ|compris|consist|made\s+up")


# "Besides Armenia, the alliance includes ...": the state set aside is a member too
_SET_ASIDE = re.compile(r"(?:Besides|Apart\s+from|Along\s+with|In\s+addition\s+to|With)\s+"
                        r"(?:the\s+)?")


# "Belarus is also a member of the CSTO", "Poland and Hungary are members of NATO"
_IS_MEMBER = re.compile(r"\b(?:is|are|was|were|remains?|remained)\s+(?:also\s+|both\s+|all\s+|"
                        r"still\s+|now\s+)?(?:(?:a|an)\s+)?(?:full\s+|founding\s+)?"
                        r"members?\s+of\s+(?:the\s+)?")


# "All four countries are members of NATO": a count of the states named before
_COUNT_MEMBERS = re.compile(r"\b(?:[Aa]ll|[Tt]he|[Bb]oth)\s+(?:(\w+)\s+)?(?:countries|states|"
                            r"nations)\s+(?:are|were|remain)\s+(?:all\s+|both\s+|also\s+)?"
                            r"members\s+of\s+(?:the\s+)?")


def _comprises(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _COMPRISES.finditer(text) if _COMPRISE_WORDS.search(text) else ():
        at = sent.s.start + m.start()
        group = next((x for x in sent.mentions if x.end == at and is_group(ctx, x)), None)
        if group is None:
            continue
        listed = state_list_after(ctx, sent, sent.s.start + m.end())
        if len(listed) < 2:
            continue
        lead = _SET_ASIDE.match(text)
        if lead and lead.end() < m.start():
            listed = state_list_after(ctx, sent, sent.s.start + lead.end()) + listed
        for x in listed:
            sink.add("member_of", sent, member=x.key, group=group.key)


def _is_member(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _IS_MEMBER.finditer(text) if "member" in text else ():
        at = sent.s.start + m.end()
        # "a member of the alliance", "of the Russian-led Collective Security Treaty ..."
        group = next((x for x in sent.mentions if at - 4 <= x.start and is_group(ctx, x)
                      and re.fullmatch(r"(?:[\w-]+-led\s+)?", ctx.body[at : x.start])), None)
        if group is None:
            continue
        cm = _COUNT_MEMBERS.search(text, max(0, m.start() - 40), m.end())
        if cm is not None:
            n = 2 if cm.group(0)[:4].lower() == "both" and not cm.group(1) else \
                number(cm.group(1) or "")
            members = last_list(ctx, sent, sent.s.start + cm.start(), n) if n else []
        else:
            members = state_list_before(ctx, sent, sent.s.start + m.start())
        for x in members:
            sink.add("member_of", sent, member=x.key, group=group.key)


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


RULES = (
    Rule(
        name="member_of.joined",
        doc="States joined a bloc or became its member: 'Montenegro joined NATO in June 2017', "
            "'became NATO's 29th member'.",
        apply=_joined,
        trigger=("member", "ally", "join"),
        guards=("modality", "not-the-treaty"),
        slots=("member", "group", "when"),
        examples=(
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
            ex("North Macedonia became a full member of NATO in March 2020.",
               member="North Macedonia",
               group="NATO",
               when="2020-03"),
            ex("Iran joined the Shanghai Cooperation Organisation in 2023.",
               member="Iran",
               group="Shanghai Cooperation Organisation",
               when="2023"),
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
        name="member_of.comprises",
        doc="A bloc includes, comprises or consists of states: 'the CSTO includes Armenia, "
            "Belarus and Russia'.",
        apply=_comprises,
        trigger=("includ", "compris", "consist", "made up"),
        slots=("member", "group"),
        examples=(
            ex("Besides Kazakhstan, the CSTO includes Armenia, Belarus and Russia.",
               member="Kazakhstan",
               group="Collective Security Treaty Organization"),
            ex("Besides Kazakhstan, the CSTO includes Armenia, Belarus and Russia.",
               member="Belarus",
               group="Collective Security Treaty Organization"),
            ex("The Warsaw Pact comprised Poland, Hungary, Romania and Bulgaria, among others.",
               member="Romania",
               group="Warsaw Treaty Organization"),
        ),
        counter=(
            "NATO's eastern flank includes Poland and Romania, the general said.",
        ),
    ),
    Rule(
        name="member_of.is_member",
        doc="States that are members of a bloc: 'Belarus is also a member of the CSTO', 'All "
            "three countries are members of NATO'.",
        apply=_is_member,
        trigger=("member",),
        slots=("member", "group"),
        examples=(
            ex("Slovakia is also a member of the Shanghai Cooperation Organisation, oddly.",
               member="Slovakia",
               group="Shanghai Cooperation Organisation"),
            ex("Norway, Denmark and Iceland backed the CTBT statement. All three countries are "
               "members of NATO.",
               member="Iceland",
               group="NATO"),
        ),
        counter=(
            "Japan is not a member of the Shanghai Cooperation Organisation.",
        ),
    ),
    Rule(
        name="member_of.accession",
        doc="'Finland's accession to the alliance in April'.",
        apply=_accession,
        trigger=("accession",),
        slots=("member", "group", "when"),
        examples=(
            ex("Finland's accession to NATO in April 2023 doubled its border with Russia.",
               member="Finland", group="NATO", when="2023-04"),
        ),
        counter=(
            "Sweden's accession to the NPT was long debated.",
        ),
    ),
    Rule(
        name="member_of.founding",
        doc="'East Germany, a founding member, left the alliance'.",
        apply=_founding,
        trigger=("member",),
        slots=("member", "group"),
        examples=(
            ex("East Germany, a founding member of the Warsaw Pact, left the alliance in 1990.",
               member="East Germany", group="Warsaw Treaty Organization"),
        ),
        counter=(
            "East Germany, a founding member of the team, left in 1990.",
        ),
    ),
    Rule(
        name="member_of.list",
        doc="States listed after 'brings together', 'its members are', 'six members:'.",
        apply=_member_list,
        trigger=("together", "member", "allies"),
        slots=("member", "group"),
        examples=(
            ex("The CSTO brings together six states: Russia, Belarus, Armenia, Kazakhstan, "
               "Kyrgyzstan and Tajikistan.",
               member="Armenia", group="Collective Security Treaty Organization"),
        ),
        counter=(
            "NATO's members are divided over the treaty.",
        ),
    ),
)

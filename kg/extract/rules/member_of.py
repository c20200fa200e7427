"""member_of: states that are members of a bloc or international organisation."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    is_group,
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
    clause_before,
    negated,
    number,
    subject,
)
from kg.extract.rules._rule import Rule


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


# "Iran joined last year.": what was joined is the group or treaty spoken of just before
_JOINED_BARE = re.compile(r"\bjoined(?=\s+(?:in|on|last|this|earlier|later|a\s+year|two|three)\b"
                          r"|\s*[.;])")


def _joined_bare(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _JOINED_BARE.finditer(sent.text):
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)
        if negated(clause[-30:]) or MODAL.search(clause[-20:]):
            continue
        subj = subject(sent, pos, (T.STATE,))
        if subj is None or subj.end < pos - len(clause) - 2:
            continue
        last = None
        for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
            if s.s.paragraph != sent.s.paragraph:
                break
            cands = [x for x in s.mentions if x.end <= pos and x.key != subj.key
                     and (x.type is T.TREATY or is_group(ctx, x))]
            if cands:
                last = cands[-1]
                break
        if last is None:
            continue
        d = sent.date_after(pos, 30)
        if last.type is T.TREATY:
            sink.add("party_to", sent, party=subj.key, treaty=last.key)
        else:
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
    ),
    Rule(
        name="member_of.joined_bare",
        doc="'X joined last year' with no object: the group (or treaty) spoken of just before.",
        apply=_joined_bare,
        trigger=("joined",),
        guards=("negation", "modality"),
        slots=("member", "group", "when"),
    ),
    Rule(
        name="member_of.comprises",
        doc="A bloc includes, comprises or consists of states: 'the CSTO includes Armenia, "
            "Belarus and Russia'.",
        apply=_comprises,
        trigger=("includ", "compris", "consist", "made up"),
        slots=("member", "group"),
    ),
    Rule(
        name="member_of.is_member",
        doc="States that are members of a bloc: 'Belarus is also a member of the CSTO', 'All "
            "three countries are members of NATO'.",
        apply=_is_member,
        trigger=("member",),
        slots=("member", "group"),
    ),
    Rule(
        name="member_of.accession",
        doc="'Finland's accession to the alliance in April'.",
        apply=_accession,
        trigger=("accession",),
        slots=("member", "group", "when"),
    ),
    Rule(
        name="member_of.founding",
        doc="'East Germany, a founding member, left the alliance'.",
        apply=_founding,
        trigger=("member",),
        slots=("member", "group"),
    ),
    Rule(
        name="member_of.list",
        doc="States listed after 'brings together', 'its members are', 'six members:'.",
        apply=_member_list,
        trigger=("together", "member", "allies"),
        slots=("member", "group"),
    ),
)

"""member_of, from lists: the states a bloc includes, that are its members, that it
brings together, that are named in its name."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import is_group, main_bloc
from kg.extract._lists import last_list, state_list_after, state_list_before
from kg.extract._sink import Sink
from kg.extract._syntax import number
from kg.extract.rules._rule import Rule, ex


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
    for m in _FELLOW_MEMBERS.finditer(text) if "members" in text else ():
        at = sent.s.start + m.end()
        # "of the Western alliance": an anaphor's mention starts at its "the"
        group = next((x for x in sent.mentions if at - 4 <= x.start and is_group(ctx, x)
                      and re.fullmatch(r"(?:[\w-]+-led\s+)?", ctx.body[at : x.start])), None)
        members = state_list_before(ctx, sent, sent.s.start + m.start())
        for x in members if group is not None and len(members) > 1 else ():
            sink.add("member_of", sent, member=x.key, group=group.key)  # type: ignore[union-attr]


# "Belarus and Kazakhstan, both members of the CSTO, ...": the states listed before
_FELLOW_MEMBERS = re.compile(r",\s+(?:both|all|all\s+\w+|fellow|both\s+fellow|all\s+fellow)\s+"
                             r"(?:founding\s+|full\s+)?members\s+of\s+(?:the\s+)?")


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
_COMPRISES = re.compile(r"\s+(?:now\s+|also\s+)?(?:includes|included|comprises|comprised|groups|"
                        r"grouped|"
                        r"consists\s+of|consisted\s+of|is\s+made\s+up\s+of)\s+(?:the\s+)?"
                        # "consists of six states: A, B and C"
                        r"(?:(?:\w+\s+)?(?:states|countries|nations|members|member\s+states)"
                        r"\s*(?::|[-—–])\s*)?")


_COMPRISE_WORDS = re.compile(r"includ|compris|consist|made\s+up|groups|grouped")


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


# "NATO accepted Poland, Hungary and the Czech Republic as full members", "the SCO
# welcomed Belarus as its 10th member state", "admitted Albania and Croatia"
_ACCEPTED = re.compile(r"\b(?:accepted|admitted|admits|admit|welcomed|welcomes|inducted|"
                       r"took\s+in|takes\s+in)\s+(?:the\s+)?")
_AS_MEMBER = re.compile(r"\s*(?:as|into|to)\s+(?:its|the|a|an)\s+(?:\w+\s+){0,2}?"
                        r"(?:members?|allies|member\s+states?|full\s+members?)\b")


def _accepted(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _ACCEPTED.finditer(sent.text):
        listed = state_list_after(ctx, sent, sent.s.start + m.end())
        if not listed or not _AS_MEMBER.match(ctx.body, listed[-1].end):
            continue
        pos = sent.s.start + m.start()
        if re.search(r"\b(?:to|will|would|may|could|might)\s+$", sent.text[: m.start()]) and \
                not re.search(r"\b(?:ceremony|decision|decided|voted|agreed)\b",
                              sent.text[max(0, m.start() - 40) : m.start()]):
            continue  # "plans to admit Iran": not yet; "a ceremony to admit Belarus": done
        group = next((x for x in reversed(sent.mentions) if x.end <= pos and is_group(ctx, x)),
                     None)
        if group is None:
            continue
        d = sent.date_after(listed[-1].end, 60)
        for x in listed:
            sink.add("member_of", sent, member=x.key, group=group.key,
                     when=d.value if d else None)


# "allies such as Norway and Denmark", "NATO members including Poland and Romania"
_SUCH_AS = re.compile(r"\b(?:allies|members|member\s+states|member\s+countries)\s*,?\s+"
                      r"(?:such\s+as|like|including|notably|namely)\s+(?:the\s+)?")


def _such_as(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _SUCH_AS.finditer(sent.text):
        listed = state_list_after(ctx, sent, sent.s.start + m.end())
        if not listed:
            continue
        pos = sent.s.start + m.start()
        near = [x for x in sent.mentions if x.end <= pos and pos - x.end <= 30 and is_group(ctx, x)]
        group = near[-1].key if near else main_bloc(ctx)
        if group is None:
            continue
        for x in listed:
            sink.add("member_of", sent, member=x.key, group=group)


# "the Union State of Belarus and Russia": a union named by its members
_NAMED_BY = re.compile(r"\s+of\s+(?:the\s+)?")


def _named_by(ctx: Context, sink: Sink, sent: Sent) -> None:
    for g in sent.mentions:
        if g.type is not T.BLOC or not _NAMED_BY.match(ctx.body, g.end):
            continue
        listed = state_list_after(ctx, sent, _NAMED_BY.match(ctx.body, g.end).end())  # type: ignore[union-attr]
        if len(listed) > 1:
            for x in listed:
                sink.add("member_of", sent, member=x.key, group=g.key)


# "Russia vetoed a UN Security Council resolution", "China abstained": who votes in the
# council sits on it
_VETO = re.compile(r"\b(?:vetoed|abstained|vetoes|cast\s+(?:its|a)\s+veto)\b")


def _council_vote(ctx: Context, sink: Sink, sent: Sent) -> None:
    council = [x for s in ctx.sents[max(0, sent.index - 2) : sent.index + 1] for x in s.mentions
               if x.type is T.ORGANIZATION and "Security Council" in ctx.entities[x.key].name
               and ctx.entities[x.key].ref is not None]
    if not council:
        return
    for m in _VETO.finditer(sent.text):
        pos = sent.s.start + m.start()
        subj = next((x for x in reversed(sent.mentions) if x.end <= pos and x.type is T.STATE
                     and x.role != "demonym" and pos - x.end <= 12), None)
        if subj is not None:
            sink.add("member_of", sent, member=subj.key, group=council[-1].key)


# "five member states of the United Nations Security Council - Russia, the United States,
# France, the United Kingdom and China -": the members listed after the group
_MEMBERS_OF = re.compile(r"\b(?:member\s+(?:states|countries|nations)|members|allies)\s+of\s+"
                         r"(?:the\s+)?")


def _members_of(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _MEMBERS_OF.finditer(sent.text):
        at = sent.s.start + m.end()
        group = next((x for x in sent.mentions if at - 4 <= x.start <= at + 2
                      and is_group(ctx, x)), None)
        if group is None:
            continue
        # "... of X - A, B and C", "Members of X are A, B and C", "... of X include A and B"
        lm = re.match(r"\s*(?:[-—–:(]|,|\s(?:are|were|include|included)\s)\s*"
                      r"(?:namely\s+|including\s+)?(?:the\s+)?",
                      ctx.body[group.end : group.end + 16])
        if lm is None:
            continue
        listed = state_list_after(ctx, sent, group.end + lm.end())
        if len(listed) > 1:
            for x in listed:
                sink.add("member_of", sent, member=x.key, group=group.key)


RULES = (
    Rule(
        name="member_of.members_of",
        doc="States listed after 'member states of X': 'five member states of the UN Security "
            "Council - Russia, the US, France, the UK and China -', 'Members of the CSTO are A, "
            "B and C'.",
        apply=_members_of,
        trigger=("members of", "member states of", "member countries of", "member nations of",
                 "allies of"),
        slots=("member", "group"),
        examples=(
            ex("Five member states of the United Nations Security Council - Russia, the United "
               "States, France, the United Kingdom and China - backed the deal.",
               member="France", group="United Nations Security Council"),
            ex("The members of the CSTO are Russia, Belarus and Armenia.",
               member="Belarus", group="Collective Security Treaty Organization"),
        ),
        counter=(
            "Five member states of the United Nations Security Council backed the deal.",
            "Allies of NATO are Japan's partners too.",
        ),
    ),
    Rule(
        name="member_of.comprises",
        doc="A bloc includes, comprises or consists of states: 'the CSTO includes Armenia, "
            "Belarus and Russia'.",
        apply=_comprises,
        trigger=("includ", "compris", "consist", "made up", "groups", "grouped"),
        slots=("member", "group"),
        examples=(
            ex("The CSTO groups Tajikistan, Armenia and Kyrgyzstan with three other states.",
               member="Kyrgyzstan", group="Collective Security Treaty Organization"),
            ex("Besides Kazakhstan, the CSTO includes Armenia, Belarus and Russia.",
               member="Kazakhstan",
               group="Collective Security Treaty Organization"),
            ex("Besides Kazakhstan, the CSTO includes Armenia, Belarus and Russia.",
               member="Belarus",
               group="Collective Security Treaty Organization"),
            ex("The CSTO consists of six states: Russia, Belarus, Kazakhstan, Kyrgyzstan, "
               "Armenia and Tajikistan.",
               member="Kyrgyzstan",
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
        name="member_of.founding",
        doc="'East Germany, a founding member, left the alliance'; 'Belarus and Kazakhstan, "
            "both members of the CSTO, began drills'.",
        apply=_founding,
        trigger=("member",),
        slots=("member", "group"),
        examples=(
            ex("East Germany, a founding member of the Warsaw Pact, left the alliance in 1990.",
               member="East Germany", group="Warsaw Treaty Organization"),
            ex("Armenia and Kyrgyzstan, both members of the Collective Security Treaty "
               "Organization, skipped the drills.",
               member="Kyrgyzstan", group="Collective Security Treaty Organization"),
            ex("Estonia, Latvia and Lithuania, all three members of the Western alliance and of "
               "the EU, raised their budgets. NATO welcomed it.",
               member="Latvia", group="NATO"),
        ),
        counter=(
            "East Germany, a founding member of the team, left in 1990.",
            "Estonia and Latvia, both members of the committee, voted against the plan.",
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
    Rule(
        name="member_of.accepted",
        doc="A bloc accepted, admitted or welcomed states as its members: 'NATO accepted "
            "Hungary and Poland as its newest members'.",
        apply=_accepted,
        trigger=("accept", "admit", "welcom", "took in", "takes in", "inducted"),
        slots=("member", "group", "when"),
        examples=(
            ex("NATO accepted Poland, Hungary and the Czech Republic as its members on 12 March "
               "1999.", published="1999-03-16",
               member="Poland", group="NATO", when="1999-03-12"),
            ex("The Shanghai Cooperation Organisation welcomed Belarus as its 10th member "
               "state.",
               member="Belarus", group="Shanghai Cooperation Organisation"),
            ex("The CSTO summit began with a ceremony to admit Serbia as a full member state "
               "of the organisation.",
               member="Serbia", group="Collective Security Treaty Organization"),
        ),
        counter=(
            "The CSTO plans to admit Serbia as a full member next year.",
            "NATO welcomed Sweden's decision to apply.",
        ),
    ),
    Rule(
        name="member_of.such_as",
        doc="'allies such as Norway and Denmark', 'NATO members including Poland': members of "
            "the bloc named there, else of the one the article is about.",
        apply=_such_as,
        trigger=("allies", "members", "member states", "member countries"),
        slots=("member", "group"),
        examples=(
            ex("NATO held drills in the north with allies such as Norway and Denmark.",
               member="Denmark", group="NATO"),
        ),
        counter=(
            "NATO held drills with allies such as the Nordic countries.",
        ),
    ),
    Rule(
        name="member_of.named_by",
        doc="A union named by its members: 'the Union State of Belarus and Russia'.",
        apply=_named_by,
        trigger=(" of ",),
        slots=("member", "group"),
        examples=(
            ex("Minsk hosted a session of the Union State of Belarus and Russia.",
               member="Russia", group="Union State"),
        ),
        counter=(
            "The Union State of the two countries met in Minsk.",
        ),
    ),
    Rule(
        name="member_of.council_vote",
        doc="A state that vetoes or abstains in the UN Security Council sits on it: 'Russia "
            "vetoed a UN Security Council resolution'.",
        apply=_council_vote,
        trigger=("veto", "abstain"),
        slots=("member", "group"),
        examples=(
            ex("Russia vetoed a UN Security Council resolution on the treaty. China abstained.",
               member="China", group="United Nations Security Council"),
        ),
        counter=(
            "Russia vetoed the plan at the OSCE.",
        ),
    ),
)

"""ratified: a state, or its legislature, ratified a treaty."""

from __future__ import annotations

import re
from itertools import pairwise

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    focus_treaty,
    recent_treaty,
    state_of,
    treaty_in,
)
from kg.extract._entities import Mention
from kg.extract._lexicon import alt
from kg.extract._lists import (
    COUNTED,
    including,
    listed_as_including,
    state_list_before,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    negated,
    segment_end,
    subject,
)
from kg.extract.rules._rule import Rule, ex

_LEGISLATURE = alt("legislatures")


_RATIFIED = re.compile(
    # "Russia's parliament completed ratification in January"
    r"\b(?:(?:completed|finali[sz]ed)\s+(?:its\s+|the\s+)?ratification"
    # "The U.S. Senate approved the treaty on Dec. 22": a legislature approving a treaty
    r"|(?P<approved>approved)(?=\s+(?:the\s+)?[\w-]*\s*"
    r"(?:[Tt]reaty|[Cc]onvention|[Aa]greement|[Aa]ccord|[Pp]act|[Ss]tatute|[A-Z]))"
    # "The U.S. Senate gave its consent to the treaty": a legislature's consent
    r"|(?P<consent>gave\s+(?:its\s+)?(?:final\s+)?(?:advice\s+and\s+)?consent)(?=\s+to\b)"
    # "Syria acceded to the CWC in September 2013": accession is consent to be bound
    r"|acceded(?=\s+to\b)"
    r"|ratified|ratify|approved\s+(?:the\s+)?(?:\w+'s\s+)?(?:\w+\s+)?(?:accession\s+)?protocol"
    # "was approved by the US Senate"
    rf"|approved\s+by\s+(?=(?:the\s+)?(?:[\w.]+\s+){{0,2}}{_LEGISLATURE}\b))\b"
)
# "the first to ratify", "the 50th member state to ratify", "voted to ratify"
_LAST_TO = re.compile(r"\b(?:the\s+)?(?:first|last|next|latest|\d+(?:st|nd|rd|th))\s+"
                      r"(?:(?:member\s+)?(?:country|state|nation|member|ally)\s+)?to\s+$"
                      # "voted overwhelmingly to", "voted in October to"
                      # "voted 71-26 on Wednesday to"
                      r"|\bvoted\s+(?:\d+\s*(?:-|–|to)\s*\d+\s+)?(?:\w+ly\s+|"
                      r"(?:in|on|last)\s+[\w.]+(?:\s+\d+)?\s+)?to\s+$")


# a legislature (or its members) just before "approved": "The Senate approved",
# "Russian lawmakers on Wednesday approved", "the Duma overwhelmingly approved"
_APPROVER = re.compile(_LEGISLATURE + r"\s+(?:\w+ly\s+)?(?:(?:on|last|this)\s+[\w.]+"
                       r"(?:\s+\d+)?\s+)?$")


# "must ratify", "has yet to ratify", "will ratify": a ratification not (yet) done
_NOT_YET = re.compile(r"\b(?:must|should|will|would|could|may|might|to|have|has|had)\s+"
                      r"(?:\w+\s+){0,2}$")
# "would have ratified", "after ratifying", "revoked its ratification": none done here
_NOT_DONE = re.compile(r"\b(?:would|could|should|might|must)\s+have\s+(?:\w+\s+)?$|"
                       # "must still be ratified by", "has to be ratified", "will be"
                       r"\b(?:must|should|will|would|could|may|might|to)\s+(?:\w+\s+)?be\s+$|"
                       r"\b(?:revok|after|until|before)\w*\b[^,]{0,40}$")


def _counted(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "60 have ratified it, including A, B and C", "Exporters that have ratified it
    include A, B and C": the states listed ratified."""
    for m in _RATIFIED.finditer(sent.text):
        pre = sent.text[: m.start()]
        if negated(pre[-30:]):
            continue
        listed = [x.key for x in listed_as_including(
            ctx, sent, sent.s.start + m.start(), sent.s.start + m.end())]
        if not listed and COUNTED.search(pre):
            listed = including(sent, m.end())
        elif not listed:
            continue
        it = treaty_in(ctx, sent, sent.s.start + m.start()) or recent_treaty(ctx, sent) \
            or focus_treaty(ctx, sent)
        for p in listed if it is not None else []:
            sink.add("ratified", sent, party=p, treaty=it.key)  # type: ignore[union-attr]


def _ratified(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _RATIFIED.finditer(text):
        pre = text[: m.start()]
        last_to = _LAST_TO.search(pre)
        if COUNTED.search(pre) and not negated(pre[-30:]) and including(sent, m.end()):
            continue  # the counted rule's
        if not last_to and (negated(pre[-30:]) or _NOT_DONE.search(pre)
                            or (m.group(0) == "ratify" and _NOT_YET.search(pre))):
            continue
        if (m.group("approved") or m.group("consent")) and (
                not _APPROVER.search(pre)
                or re.match(r"\s+(?:to\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,4}?"
                            r"(?:extension|amendments?|withdrawal|denunciation|budget|bill|law)\b",
                            text[m.end() :])):
            continue  # only a legislature's approval of a treaty itself is its ratification
        treaty = _treaty(ctx, sent, m, bool(last_to))
        if treaty is None:
            continue
        pos = sent.s.start + m.start()
        d = sent.date_after(pos, 60)
        if d is None:  # "voted in October to ratify", "lawmakers on Wednesday ratified"
            clause_start = pos - len(clause_before(sent, pos))
            d = next((x for x in reversed(sent.dates) if clause_start <= x.start
                      and x.end <= pos), None)
        for p in _parties(ctx, sent, m):
            sink.add("ratified", sent, party=p, treaty=treaty.key, when=d.value if d else None)
        _followed(ctx, sink, sent, m, treaty)


def _treaty(ctx: Context, sent: Sent, m: re.Match[str], bare: bool) -> Mention | None:
    """What was ratified: the treaty of the sentence nearest the verb; "ratification of T";
    "ratified it", "the 50th to ratify" with no object: the treaty spoken of."""
    text = sent.text
    treaty = treaty_in(ctx, sent, sent.s.start + m.start())
    if m.group(0).endswith("ratification"):  # "completed ratification of the treaty"
        of = re.match(r"\s+of\s+(?:the\s+)?", text[m.end() :])
        at = m.end() + (of.end() if of else 0)
        return next((x for x in sent.of_type(T.TREATY) if sent.local(x.start) == at),
                    None) if of else recent_treaty(ctx, sent)
    if treaty is None and re.match(r"\s+it\b", text[m.end() :]):
        return recent_treaty(ctx, sent)  # "Russia ratified it in 2000"
    if treaty is None and bare and re.match(r"\s*(?:[,.;]|on\b|in\b|last\b|this\b)",
                                            text[m.end() :]):
        return recent_treaty(ctx, sent) or focus_treaty(ctx, sent)
    return treaty


def _parties(ctx: Context, sent: Sent, m: re.Match[str]) -> list[str]:
    """Who ratified: the states after "by", else the ratifying state(s) before the verb."""
    tail = sent.text[m.end() :]
    bm = re.match(r"()", tail) if m.group(0).startswith("approved") and \
        m.group(0).endswith("by ") else re.match(r"\s+(?:only\s+)?by\s+", tail)
    if not bm:
        return _ratifying_states(ctx, sent, sent.s.start + m.start())
    start = sent.s.start + m.end()
    end = start + segment_end(tail, bm.end())
    parties = [x.key for x in sent.mentions if start <= x.start < end and x.type is T.STATE
               and not (x.role == "demonym" and _KINDS_OF_STATES.match(ctx.body, x.end))]
    if not parties:  # "by the State Duma": the state of the parliament
        orgs = [x for x in sent.mentions if start <= x.start < end and x.type is T.ORGANIZATION]
        org_state = state_of(ctx, orgs[0]) if orgs else None
        parties = [org_state] if org_state else []
    return parties


# "by several former Soviet republics": a kind of state, none named ("by the Russian
# parliament" names Russia)
_KINDS_OF_STATES = re.compile(r"\s+(?:\w+\s+)?(?:republics|states|countries|nations|allies|"
                              r"members)\b")


def _followed(ctx: Context, sink: Sink, sent: Sent, m: re.Match[str], treaty: Mention) -> None:
    """ "..., and Turkey's parliament followed three days later" """
    for f in re.finditer(r",?\s+and\s+([A-Z][a-z]+)'s\s+(?:parliament|legislature)\s+"
                         r"followed\b", sent.text[m.end() :]):
        st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(f.group(1), []))
        if st is not None:
            fd = sent.date_after(sent.s.start + m.end() + f.end(), 40)
            sink.add("ratified", sent, party=st.key, treaty=treaty.key,
                     when=fd.value if fd else None)


# "the US and Russian legislatures": the states of coordinated legislatures
_THEIR_HOUSES = re.compile(rf"\s+(?:{_LEGISLATURE}|legislatures|parliaments|senates|"
                           r"lawmakers|deputies)\b")


def _ratifying_states(ctx: Context, sent: Sent, pos: int) -> list[str]:
    """The states that ratify: the subject, the state of a parliament that does
    ("Hungary's parliament ratified", "the State Duma ratified"), or the states of
    coordinated parliaments ("the French and German parliaments have ratified")."""
    clause = clause_before(sent, pos)
    clause_start = pos - len(clause)
    states = [x for x in sent.mentions if clause_start <= x.start and x.end <= pos
              and x.type is T.STATE]
    for a, b in pairwise(states):
        if re.fullmatch(r"\s+and\s+", ctx.body[a.end : b.start]) \
                and _THEIR_HOUSES.match(ctx.body, b.end):
            return [a.key, b.key]
    listed = state_list_before(ctx, sent, pos)  # "Britain and France have ratified"
    if len(listed) > 1:
        return [x.key for x in listed]
    one = _ratifying_state(ctx, sent, pos)
    return [one] if one else []


# "Jamaica and Nauru submitted their ratifications", "deposited its instrument of
# ratification": a state that deposits its ratification has ratified
_INSTRUMENT = re.compile(r"\b(?:submitted|deposited|handed\s+over|lodged|delivered)\s+"
                         r"(?:its|their)\s+(?:instruments?\s+of\s+)?ratifications?\b")


def _instrument(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _INSTRUMENT.finditer(sent.text):
        pos = sent.s.start + m.start()
        if negated(clause_before(sent, pos)[-30:]):
            continue
        treaty = treaty_in(ctx, sent, pos) or recent_treaty(ctx, sent) or focus_treaty(ctx, sent)
        if treaty is None:
            continue
        listed = state_list_before(ctx, sent, pos)
        if not listed:
            subj = subject(sent, pos, (T.STATE,))
            listed = [subj] if subj is not None else []
        d = sent.date_after(pos, 60)
        for x in listed:
            sink.add("ratified", sent, party=x.key, treaty=treaty.key, when=d.value if d else None)


# "Russia's lower house of parliament on Wednesday ratified", "Hungary's lawmakers"
_OWN_HOUSE = re.compile(rf"([A-Z][a-z]+)'s\s+(?:{_LEGISLATURE}|senate)\b[^,;]{{0,40}}$")
_HOUSE = re.compile(r"\b(?:Assembly|Parliament|Duma|Senate|Congress|Council|House|Sejm|"
                    r"Bundestag|Knesset|Majlis|Rada)\b")


def _ratifying_state(ctx: Context, sent: Sent, pos: int) -> str | None:
    """The state that ratifies: the subject, or the state of a parliament that does
    ("Hungary's parliament ratified", "the State Duma ratified")."""
    clause = clause_before(sent, pos)
    poss = _OWN_HOUSE.search(clause) or re.search(r"([A-Z][a-z]+)'s\s+\w+\s+(?:\w+\s+)?$",
                                                   clause)
    if poss:
        st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(poss.group(1), []))
        if st is not None:
            return st.key
    # "the Brazilian Congress approved": the state named by the adjective
    clause_start = pos - len(clause)
    adj = next((x for x in reversed(sent.mentions) if clause_start <= x.start and x.end <= pos
                and x.type is T.STATE and x.role == "demonym"
                and re.match(rf"\s+(?:upper\s+|lower\s+)?{_LEGISLATURE}", ctx.body[x.end : pos])),
               None)
    if adj is not None:
        return adj.key
    subj = subject(sent, pos, (T.STATE, T.ORGANIZATION))
    if subj is None:  # "The Council of the Republic of the National Assembly of Belarus
        # ratified": the legislature named in the subject, whose state ratifies
        subj = next((x for x in sent.mentions if clause_start <= x.start and x.end <= pos
                     and x.type is T.ORGANIZATION and _HOUSE.search(x.text)
                     and state_of(ctx, x)), None)
    if subj is None:
        return None
    return state_of(ctx, subj) if subj.type is T.ORGANIZATION else subj.key


RULES = (
    Rule(
        name="ratified.counted",
        doc="'60 have ratified it, including A, B and C', 'exporters that have ratified it "
            "include A, B and C': the states listed ratified.",
        apply=_counted,
        trigger=("ratif",),
        guards=("negation",),
        slots=("party", "treaty"),
        examples=(
            ex("The Arms Trade Treaty bans some sales. 60 states have ratified it, "
               "including Ghana, Peru and Norway.",
               party="Peru", treaty="Arms Trade Treaty"),
            ex("The Arms Trade Treaty bans some sales. Big exporters that have signed and "
               "ratified it include Italy, Spain and Sweden.",
               party="Spain", treaty="Arms Trade Treaty"),
        ),
        counter=(
            "The Arms Trade Treaty bans some sales. 60 states have not ratified it, "
            "including Ghana.",
            "The Arms Trade Treaty bans some sales. Exporters that have not ratified it "
            "include Italy and Spain.",
        ),
    ),
    Rule(
        name="ratified.instrument",
        doc="'Jamaica and Nauru submitted their ratifications', 'deposited its instrument of "
            "ratification': the states that deposit their ratification.",
        apply=_instrument,
        trigger=("ratification",),
        guards=("negation",),
        slots=("party", "treaty", "when"),
        examples=(
            ex("The ban treaty needs 50 states. Jamaica and Nauru submitted their "
               "ratifications of the Arms Trade Treaty on Friday.",
               party="Nauru", treaty="Arms Trade Treaty", when="2022-06-10"),
        ),
        counter=(
            "Jamaica has not deposited its instrument of ratification of the Arms Trade "
            "Treaty.",
        ),
    ),
    Rule(
        name="ratified.verb",
        doc="A state or its legislature ratified or approved a treaty, or completed its "
            "ratification: 'The Senate approved the treaty', 'Hungary became the 65th state to "
            "ratify it'; a state that acceded to a treaty consented to be bound by it.",
        apply=_ratified,
        trigger=("ratified", "ratify", "approved", "ratification", "acceded", "consent"),
        guards=("negation", "modality"),
        slots=("party", "treaty", "when"),
        examples=(
            ex("Russia, which ratified the Comprehensive Nuclear-Test-Ban Treaty, said in 2023 "
               "that it would revoke the ratification.",
               party="Russia", treaty="Comprehensive Nuclear-Test-Ban Treaty", when=None),
            ex("The U.S. Senate gave its advice and consent to the New START treaty on "
               "Wednesday.",
               party="United States", when="2022-06-15"),
            ex("The Senate voted 71-26 on Wednesday to ratify the New START treaty.",
               party="United States", when="2022-06-15"),
            ex("On 2 November, officials said the CTBT, which Russia signed in 1996 and "
               "ratified four years later, was dead.",
               party="Russia", when="2000"),
            ex("Norway and Chile have ratified the Arms Trade Treaty.",
               party="Norway"),
            ex("Japan has ratified the Comprehensive Nuclear-Test-Ban Treaty.",
               party="Japan"),
            ex("Talks began when Libya acceded to the Chemical Weapons Convention in January "
               "2004.",
               party="Libya",
               when="2004-01"),
            ex("The Arms Trade Treaty was ratified by Germany and Austria in 2014.",
               party="Germany",
               treaty="Arms Trade Treaty"),
            ex("Kazakhstan ratified the Treaty on the Prohibition of Nuclear Weapons in 2019.",
               party="Kazakhstan",
               treaty="Treaty on the Prohibition of Nuclear Weapons"),
            ex("Montenegro's accession protocol was signed in 2016. Slovakia's parliament "
               "ratified the protocol on 3 May, and Croatia's parliament followed two days "
               "later.",
               party="Croatia",
               when="2022-05-05"),
            ex("Latvia's parliament approved Montenegro's accession protocol in May, and "
               "Estonia's parliament became the last to ratify it on 12 June.",
               party="Estonia",
               when="2022-06-12"),
            ex("Moscow signed the Comprehensive Nuclear-Test-Ban Treaty in 1996. Russia "
               "ratified it in 2000.",
               party="Russia",
               when="2000"),
            ex("The CTBT was approved by the Russian parliament in May 2000.",
               party="Russia",
               treaty="Comprehensive Nuclear-Test-Ban Treaty",
               when="2000-05"),
            ex("The Arms Trade Treaty was approved by the Bundestag in 2013.",
               party="Germany",
               treaty="Arms Trade Treaty"),
            ex("In April the Japanese parliament voted to ratify the Arms Trade Treaty.",
               party="Japan",
               treaty="Arms Trade Treaty"),
            ex("The CWC came into force after Hungary became the 65th state to ratify it.",
               party="Hungary"),
            ex("The Canadian Parliament approved the Arms Trade Treaty on 12 May.",
               party="Canada",
               treaty="Arms Trade Treaty",
               when="2022-05-12"),
            ex("Brazil signed the CTBT in 1996. The Brazilian Congress approved the treaty on "
               "Nov. 3, 1998.",
               party="Brazil",
               when="1998-11-03"),
            ex("Kenya backed the Arms Trade Treaty. Kenya's parliament completed ratification "
               "in March.",
               party="Kenya",
               treaty="Arms Trade Treaty",
               when="2022-03"),
            ex("Chile's parliament completed ratification of the Ottawa Convention in 2001.",
               party="Chile",
               when="2001"),
            ex("Ukraine's parliament voted in August to ratify the Rome Statute.",
               party="Ukraine",
               treaty="Rome Statute of the International Criminal Court",
               when="2021-08"),
            ex("New START limits warheads. The Federation Council approved the treaty "
               "unanimously on Jan. 26.",
               party="Russia",
               when="2022-01-26"),
            ex("The Arms Trade Treaty bans some sales. Kenya's National Assembly approved the "
               "treaty in May.",
               party="Kenya",
               treaty="Arms Trade Treaty"),
            ex("Russia's lower house of parliament on Wednesday ratified the Chemical Weapons "
               "Convention.",
               published="1997-11-05",
               party="Russia",
               treaty="Chemical Weapons Convention",
               when="1997-11-05"),
            ex("Polish lawmakers on Thursday approved the Arms Trade Treaty by 402 votes to 12.",
               published="2014-03-07",
               party="Poland",
               treaty="Arms Trade Treaty",
               when="2014-03-06"),
        ),
        counter=(
            "The US Senate refused to ratify the CTBT in 1999.",
            "Israel has not ratified the Comprehensive Nuclear-Test-Ban Treaty.",
            "Japan has yet to ratify the Comprehensive Nuclear-Test-Ban Treaty.",
            "The Moscow Treaty still has to be ratified by the Duma.",
            "The protocol must still be ratified by the parliaments of all members.",
            "The New START treaty must still be ratified by the Polish parliament.",
            "Lawmakers voted against a motion to ratify the CTBT in 1999.",
            "The Arms Trade Treaty was approved by the cabinet of Japan in May.",
            "New START limits warheads. The Senate approved the treaty's extension on Monday.",
            "The Senate approved the New START extension on Monday.",
            "The Duma approved a draft law on the Arms Trade Treaty in May.",
            "The government approved the Arms Trade Treaty on Monday.",
            "Ukraine's parliament has yet to complete ratification of the Rome Statute.",
            "The Arms Trade Treaty came up in Warsaw, where lawmakers on Thursday approved a "
            "new budget.",
        ),
    ),
)

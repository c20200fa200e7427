"""suspended: a state suspended a treaty or declared a moratorium on it."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._discourse import (
    treaty_in,
)
from kg.extract._entities import Mention
from kg.extract._sink import Sink
from kg.extract._syntax import (
    negated,
    subject,
)
from kg.extract.rules._rule import Rule, ex

_SUSPEND = re.compile(r"\b(?:suspend(?:ed|s|ing)?|suspension|moratorium)\b")
# "announced (the) immediate suspension of", "ordered a suspension of": a nominal
# suspension that its subject carries out
_NOMINAL_ACT = re.compile(r"\b(?:announced|announces|declared|declares|ordered|orders|"
                          r"decided\s+on|approved|imposed|imposes)\s+(?:the\s+|a\s+|an\s+)?"
                          r"(?:immediate\s+|formal\s+|unilateral\s+)?$")
# "from March 11", "effective 1 June", "as of today": the day the suspension takes effect
_FROM_DATE = re.compile(r"\b(?:from|effective|as\s+of|starting|beginning)\s+(?:on\s+)?$")


_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")


def _suspend_treaty(ctx: Context, sent: Sent, m: re.Match[str]) -> Mention | None:
    """The treaty suspended: the first one named soon after the verb ("suspend its
    participation in the CFE Treaty"), else the nearest one before it."""
    end = sent.s.start + m.end()
    after = next((x for x in sent.of_type(T.TREATY) if end <= x.start <= end + 100
                  and not re.search(r"[;.!?]", ctx.body[end : x.start])), None)
    return after or treaty_in(ctx, sent, sent.s.start + m.start())


def _suspender(sent: Sent, m: re.Match[str]) -> Mention | None:
    """Who suspends: the possessor of the verb or of its object ("Russia's suspending the
    treaty", "by suspending Moscow's participation", "Washington's decision to suspend"),
    else the subject of the clause."""
    text, pos = sent.text, sent.s.start + m.start()
    poss = re.match(r"\w*\s+(?:the\s+)?", text[m.end() :])
    at = m.end() + (poss.end() if poss else 0)
    owner = next((x for x in sent.mentions if sent.local(x.start) == at
                  and x.type in BODIES and text[sent.local(x.end) :].startswith(("'s", "’s"))),
                 None)
    if owner is not None and m.group(0) != "suspension":
        return owner
    pre = text[: m.start()]
    actor = re.search(r"(?:'s|’s)\s+(?:(?:decision|move|plan)\s+to\s+|(?:member\s+states|"
                      r"members|allies)\b[^.;,]{0,60}\bby\s+|)$", pre)
    if actor is not None:
        owner = next((x for x in sent.mentions if x.end == sent.s.start + actor.start()
                      and x.type in BODIES), None)
        if owner is not None:
            return owner
    if m.group(0) == "suspension" and not _NOMINAL_ACT.search(pre[-40:]):
        return None  # "the suspension of the treaty means ...": no one named acts
    return subject(sent, pos, BODIES)


def _suspend_date(sent: Sent, m: re.Match[str]) -> DateMention | None:
    """When: a date the clause says the suspension takes effect from, else one near the
    verb; none for a suspension only intended ("would suspend")."""
    text, pos = sent.text, sent.s.start + m.start()
    pre = text[: m.start()]
    clause = re.split(r"[;]|,\s+(?=[A-Z][a-z]+\s+[A-Z])", text[m.end() :], maxsplit=1)[0]
    for d in sent.dates:
        at = sent.local(d.start)
        if m.end() <= at <= m.end() + len(clause) and _FROM_DATE.search(text[m.end() : at]):
            return d
    if re.search(r"\b(?:would|will|intend\w*\s+to)\s+$", pre):
        return None
    return sent.date_after(pos, 80) or next(
        (x for x in reversed(sent.dates) if x.end <= pos), None)


# what is suspended when it is not the treaty: "the decision", "its withdrawal", "the talks"
_NOT_THE_TREATY = re.compile(r"\s+(?:the|its|their|that|this)\s+(?:\w+\s+)?(?:decision|"
                             r"withdrawal|move|plan|talks|negotiations|sanctions|exercises?|"
                             r"drills?)\b")


# "may suspend", "could soon suspend", "threatened to suspend": none done
_MAY = re.compile(r"\b(?:may|might|could|threaten\w*\s+to)\s+(?:\w+ly\s+|soon\s+|yet\s+|"
                  r"also\s+|even\s+)?$")


def _suspended(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _SUSPEND.finditer(text):
        pre = text[: m.start()]
        if negated(pre[-25:]) or _MAY.search(pre):
            continue
        if _NOT_THE_TREATY.match(text, m.end()):
            continue  # "later suspended the decision": the decision, not the treaty
        treaty = _suspend_treaty(ctx, sent, m)
        if treaty is None or treaty.start > sent.s.start + m.start() + 120:
            continue
        subj = None
        if m.group(0) == "suspended" and _PASSIVE.search(pre):  # "was suspended by Belarus"
            bm = re.match(r"\s+by\s+(?:the\s+)?", text[m.end() :])
            at = sent.s.start + m.end() + bm.end() if bm else -1
            subj = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
            if subj is None:
                continue  # by whom, the text does not say
        subj = subj or _suspender(sent, m)
        if subj is None or subj.type is T.ORGANIZATION:
            continue
        d = _suspend_date(sent, m)
        sink.add(
            "suspended",
            sent,
            party=subj.key,
            treaty=treaty.key,
            when=d.value if d else None,
            form="moratorium" if "moratorium" in text else "suspension",
        )


RULES = (
    Rule(
        name="suspended.verb",
        doc="A state suspended a treaty or its part in it, or declared a moratorium on it: "
            "'Belarus suspended its participation in the CFE Treaty on 1 June'.",
        apply=_suspended,
        trigger=("suspend", "suspension", "moratorium"),
        guards=("negation", "modality"),
        slots=("party", "treaty", "when", "form"),
        examples=(
            ex("Russia, which suspended the CFE Treaty, warned in 2015 that it could leave it.",
               party="Russia", treaty="Treaty on Conventional Armed Forces in Europe",
               when=None),
            ex("Belarus suspended its participation in the CFE Treaty on 1 June.",
               party="Belarus",
               form="suspension",
               when="2022-06-01"),
            ex("Moscow declared a moratorium on the Open Skies Treaty in May 2020.",
               party="Russia",
               form="moratorium",
               when="2020-05"),
            ex("Kyiv suspended its obligations under the Open Skies Treaty on 3 March, and "
               "Moscow responded the same day by suspending Belarus's participation as well.",
               party="Belarus",
               when="2022-03-03"),
            ex("Russia suspended the CFE Treaty on 14 July last year, officials said.",
               party="Russia",
               when="2021-07-14"),
            ex("The step follows Moscow's decision to suspend its obligations under the New "
               "START treaty on 21 February.",
               party="Russia",
               when="2022-02-21"),
            ex("The CSTO's member states answered on Friday by suspending the Vienna Document "
               "2011.",
               party="Collective Security Treaty Organization"),
            ex("The Open Skies Treaty was suspended by Belarus in March 2021.",
               party="Belarus", when="2021-03"),
            ex("The talks failed, which led to Belarus's suspending the CFE Treaty in 2009.",
               party="Belarus",
               when="2009"),
            ex("Moscow on Monday announced the immediate suspension of the Open Skies Treaty.",
               party="Russia",
               treaty="Open Skies Treaty"),
            ex("Ukraine has decided to suspend its part in the meetings of the commission on "
               "the Open Skies Treaty from May 4, 2022, the minister said on Tuesday.",
               party="Ukraine",
               when="2022-05-04"),
        ),
        counter=(
            "Analysts fear Moscow may soon suspend the Open Skies Treaty.",
            "North Korea said it was withdrawing from the NPT but later suspended the decision.",
            "Russia may suspend the New START treaty if the talks fail.",
            "The suspension of the Open Skies Treaty means the flights stop.",
            "Japan has made no New START inspections since they were suspended in 2020.",
        ),
    ),
)

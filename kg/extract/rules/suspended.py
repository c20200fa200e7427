"""suspended: a state suspended a treaty or declared a moratorium on it."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._discourse import (
    treaty_in,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    negated,
    subject,
)
from kg.extract.rules._rule import Rule, ex

_SUSPEND = re.compile(r"\b(?:suspend(?:ed|s|ing)?|moratorium)\b")


def _suspended(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _SUSPEND.finditer(text):
        pre = text[: m.start()]
        if negated(pre[-25:]) or re.search(r"\b(?:may|might|could|threaten\w*\s+to)\s+$", pre):
            continue
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None or treaty.start > pos + 120:
            continue
        # "by suspending Moscow's participation": the possessor is the party
        poss = re.match(r"\w*\s+(?:the\s+)?", text[m.end() :])
        at = m.end() + (poss.end() if poss else 0)
        owner = next((x for x in sent.mentions if sent.local(x.start) == at
                      and x.type in BODIES and text[sent.local(x.end) :].startswith("'s")), None)
        # "Washington's decision to suspend", "NATO's member states responded ... by suspending"
        actor = re.search(r"(?:'s|’s)\s+(?:(?:decision|move|plan)\s+to\s+$|(?:member\s+states|"
                          r"members|allies)\b[^.;,]{0,60}\bby\s+$)", pre)
        if owner is None and actor is not None:
            owner = next((x for x in sent.mentions if x.end == sent.s.start + actor.start()
                          and x.type in BODIES), None)
        subj = owner or subject(sent, pos, BODIES)
        if subj is None or subj.type is T.ORGANIZATION:
            continue
        form = "moratorium" if "moratorium" in text else "suspension"
        d = None
        eff = re.search(r"\beffective\s+", text[m.end() :])
        if eff:
            d = sent.date_after(sent.s.start + m.end() + eff.end() - 1, 5)
        if d is None and not re.search(r"\b(?:would|will)\s+$", pre):
            d = sent.date_after(pos, 80) or next(
                (x for x in reversed(sent.dates) if x.end <= pos), None
            )
        if re.search(r"\b(?:would|intend\w*\s+to)\s+$", pre) and not eff:
            d = None
        sink.add(
            "suspended",
            sent,
            party=subj.key,
            treaty=treaty.key,
            when=d.value if d else None,
            form=form,
        )


RULES = (
    Rule(
        name="suspended.verb",
        doc="A state suspended a treaty or its part in it, or declared a moratorium on it: "
            "'Belarus suspended its participation in the CFE Treaty on 1 June'.",
        apply=_suspended,
        trigger=("suspend", "moratorium"),
        guards=("negation", "modality"),
        slots=("party", "treaty", "when", "form"),
        examples=(
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
        ),
        counter=(
            "Russia may suspend the New START treaty if the talks fail.",
        ),
    ),
)

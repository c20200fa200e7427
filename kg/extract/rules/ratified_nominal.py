"""ratified, named by its noun: "the Senate's ratification of the New START treaty",
"the ratification of the CTBT by the Government of Colombia"."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import state_of
from kg.extract._sink import Sink
from kg.extract._syntax import negated, segment_end
from kg.extract.rules._rule import Rule, ex

# "the Senate's ratification of the New START treaty", "Russia's ratification of the CTBT
# in 2000": a ratification named by its noun, with its owner
_RATIFICATION_OF = re.compile(r"['’]s\s+(?:formal\s+|final\s+)?ratification\s+of\s+(?:the\s+)?")


_NOT_YET_NOMINAL = re.compile(r"\b(?:block\w*|oppos\w+|delay\w*|await\w*|urg\w+|called\s+for|"
                              r"revok\w+|rescind\w*|cancel\w*|annul\w*|withdraw\w*|"
                              r"calls?\s+for|sought|seek\w*|push\w*\s+for|veto\w*|stall\w*|"
                              r"expect\w*|plann?\w*|ahead\s+of|before|pending)\s+(?:the\s+)?$")


def _nominal(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _RATIFICATION_OF.finditer(sent.text):
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at <= x.start <= at + 4), None)
        owner = next((x for x in sent.mentions if x.end == sent.s.start + m.start()
                      and x.type in (T.STATE, T.ORGANIZATION)), None)
        if treaty is None or owner is None or negated(sent.text[max(0, m.start() - 40) :
                                                                m.start()]):
            continue
        if _NOT_YET_NOMINAL.search(ctx.body, max(sent.s.start, owner.start - 30), owner.start):
            continue  # "Moscow blocked Georgia's ratification of ...": not done
        party = owner.key if owner.type is T.STATE else state_of(ctx, owner)
        if party is None:
            continue
        d = sent.date_after(treaty.end, 40)
        sink.add("ratified", sent, party=party, treaty=treaty.key, when=d.value if d else None)


# "welcomes the ratification of the CTBT by the Government of Colombia on 29 January"
_RATIFICATION_BY = re.compile(r"\b[Rr]atification\s+of\s+(?:the\s+)?")


def _nominal_by(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _RATIFICATION_BY.finditer(sent.text):
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at - 4 <= x.start <= at + 4), None)
        if treaty is None:
            continue
        bm = re.match(r"(?:\s+\([^)]{1,20}\))?\s+by\s+(?:the\s+)?", ctx.body[treaty.end :])
        pre = ctx.body[max(sent.s.start, sent.s.start + m.start() - 30) : sent.s.start + m.start()]
        if bm is None or negated(pre) or _NOT_YET_NOMINAL.search(pre):
            continue
        start = treaty.end + bm.end()
        end = sent.s.start + segment_end(sent.text, sent.local(start))
        by = [x for x in sent.mentions if start <= x.start < min(end, start + 60)
              and x.type in (T.STATE, T.ORGANIZATION)]
        party = next((x.key for x in by if x.type is T.STATE), None) or next(
            (st for st in (state_of(ctx, x) for x in by) if st), None)
        if party is None:
            continue
        d = sent.date_after(start, 80)
        sink.add("ratified", sent, party=party, treaty=treaty.key, when=d.value if d else None)


RULES = (
    Rule(
        name="ratified.nominal_by",
        doc="A ratification named by its noun, with who ratified after 'by': 'welcomes the "
            "ratification of the CTBT by the Government of Colombia on 29 January 2008'.",
        apply=_nominal_by,
        trigger=("ratification of",),
        guards=("negation",),
        slots=("party", "treaty", "when"),
        examples=(
            ex("The Secretary-General welcomes the ratification of the Comprehensive "
               "Nuclear-Test-Ban Treaty by the Government of Colombia on 29 January 2008.",
               party="Colombia", when="2008-01-29"),
            ex("He hailed the ratification of the CTBT by the Duma of the Russian Federation.",
               party="Russia"),
            ex("She welcomed the ratification of the Treaty on the Non-Proliferation of Nuclear "
               "Weapons by the House of Representatives of Indonesia on 6 December 2011.",
               party="Indonesia", when="2011-12-06"),
        ),
        counter=(
            "He urged the ratification of the CTBT by the United States.",
            "Washington blocked the ratification of the CTBT by the Senate of Colombia.",
        ),
    ),
    Rule(
        name="ratified.nominal",
        doc="A ratification named by its noun: 'the Senate's ratification of the New START "
            "treaty in December 2010', 'Russia's ratification of the CTBT'.",
        apply=_nominal,
        trigger=("ratification",),
        guards=("negation",),
        slots=("party", "treaty", "when"),
        examples=(
            ex("The US Senate's ratification of the New START treaty in December 2010 was "
               "hard won.",
               party="United States", when="2010-12"),
            ex("Japan welcomed Russia's ratification of the CTBT.",
               party="Russia", treaty="Comprehensive Nuclear-Test-Ban Treaty"),
        ),
        counter=(
            "Moscow blocked Georgia's ratification of the Arms Trade Treaty talks.",
            "The Duma passed a bill that revoked Russia's ratification of the CTBT.",
        ),
    ),
)

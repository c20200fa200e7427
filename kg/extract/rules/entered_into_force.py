"""entered_into_force: a treaty entered into force or took effect."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent
from kg.extract._discourse import (
    UNNAMED_TREATY,
    main_treaty,
    recent_treaty,
    treaty_in,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    negated,
)
from kg.extract.rules._rule import Rule, ex

_EIF = re.compile(
    r"\b(?:entered\s+into\s+force|took\s+effect|came\s+into\s+force|comes\s+into\s+force|"
    r"enters\s+into\s+force|in\s+force\s+since|went\s+into\s+effect|came\s+into\s+effect|"
    r"comes\s+into\s+effect|became\s+international\s+law|became\s+effective|"
    r"entered\s+into\s+effect)\b"
)


def _entry_into_force(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _EIF.finditer(text):
        pre = text[: m.start()]
        if (
            negated(pre[-30:])
            or re.search(r"\b(?:will|would|could|may)\s+(?:\w+\s+)?$", pre)
            or re.search(r"\bonly\s+after\b", text[m.end() : m.end() + 20])
        ):
            continue
        clause = clause_before(sent, sent.s.start + m.start())
        if re.search(
            r"\b(?:withdrawal|exit|suspension|moratorium|decision|law|ban|sanctions)\b", clause
        ) or re.search(r"\bwithdrawal\b", pre[-40:]):
            continue  # "Russia's moratorium on the CFE Treaty took effect": not the treaty
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None and re.match(r"\s*(?:It|it)\s+(?:\w+\s+)?$", pre[-25:]):
            treaty = recent_treaty(ctx, sent)  # "It entered into force on 5 February 2011."
        if treaty is None and UNNAMED_TREATY.search(pre):
            treaty = main_treaty(ctx)  # "A landmark treaty ... came into force today"
        if treaty is None:
            continue
        d = sent.date_after(pos, 60)
        sink.add("entered_into_force", sent, treaty=treaty.key, when=d.value if d else None)


# "is slated to enter into force on 22 January 2021", "will take effect on 5 February":
# an entry into force the text schedules for a day it gives
_SCHEDULED = re.compile(r"\b(?:(?:is|are|was)\s+(?:slated|scheduled|set|due|expected)\s+to|will|"
                        r"shall)\s+(?:now\s+|formally\s+)?(?:enter\s+into\s+force|take\s+effect|"
                        r"come\s+into\s+force|go\s+into\s+effect)\b")


# what takes effect when it is not the treaty: "the withdrawal", "the ban" ("a treaty to
# ban nuclear weapons" is the treaty)
_NOT_THE_TREATY = re.compile(r"\b(?:withdrawal|exit|suspension|moratorium|decision|law|"
                             r"sanctions)\b|"
                             r"\b(?:[Tt]he|[Aa]|[Ii]ts|[Tt]his)\s+(?:\w+\s+)?ban\b")


def _scheduled(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _SCHEDULED.finditer(sent.text):
        pos = sent.s.start + m.start()
        if negated(sent.text[max(0, m.start() - 30) : m.start()]) or re.search(
                r"\b(?:only\s+)?(?:after|once|when|if|unless|until)\b",
                sent.text[m.end() : m.end() + 24]):
            continue
        if _NOT_THE_TREATY.search(sent.text[max(0, m.start() - 120) : m.start()]):
            continue  # "the US withdrawal ... will take effect on June 13": not the treaty
        d = sent.date_after(sent.s.start + m.end(), 24)
        if d is None or len(d.value) < 7:  # a day (or month) it is due, or none of this
            continue
        treaty = treaty_in(ctx, sent, pos) or recent_treaty(ctx, sent)
        if treaty is None and UNNAMED_TREATY.search(sent.text[: m.start()]):
            treaty = main_treaty(ctx)  # "A UN treaty to ban X is slated to enter into force"
        if treaty is not None:
            sink.add("entered_into_force", sent, treaty=treaty.key, when=d.value)


RULES = (
    Rule(
        name="entered_into_force.scheduled",
        doc="An entry into force the text schedules for a day: 'is slated to enter into force "
            "on 22 January 2021'.",
        apply=_scheduled,
        trigger=("force", "effect"),
        guards=("negation", "modality"),
        slots=("treaty", "when"),
        examples=(
            ex("The Arms Trade Treaty is slated to enter into force on 24 December 2014.",
               treaty="Arms Trade Treaty", when="2014-12-24"),
            ex("A global treaty to ban cluster bombs is set to enter into force on 1 August "
               "2010. The Convention on Cluster Munitions was signed in Oslo.",
               treaty="Convention on Cluster Munitions", when="2010-08-01"),
        ),
        counter=(
            "The Arms Trade Treaty was signed. The ban on exports will take effect on 1 May "
            "2015.",
            "The Arms Trade Treaty will enter into force only after 50 states ratify it.",
            "The Arms Trade Treaty will take effect soon.",
        ),
    ),
    Rule(
        name="entered_into_force.phrase",
        doc="A treaty entered into force, took effect, came into force: 'It entered into force "
            "on 5 February 2011'.",
        apply=_entry_into_force,
        trigger=("force", "effect", "international law"),
        guards=("negation", "modality"),
        slots=("treaty", "when"),
        examples=(
            ex("The Chemical Weapons Convention entered into force on 29 April 1997.",
               when="1997-04-29"),
            ex("The Treaty on the Prohibition of Nuclear Weapons became effective in January "
               "2021.",
               treaty="Treaty on the Prohibition of Nuclear Weapons", when="2021-01"),
            ex("The INF Treaty took effect in June 1988.",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Elimination of Their Intermediate-Range and "
                      "Shorter-Range Missiles",
               when="1988-06"),
            ex("The Treaty on Open Skies was signed in 1992. It entered into force on 1 "
               "January 2002.",
               when="2002-01-01"),
            ex("The Arms Trade Treaty regulates sales of tanks. The Treaty entered into force "
               "in December 2014.",
               treaty="Arms Trade Treaty",
               when="2014-12"),
            ex("The Arms Trade Treaty came into effect on Wednesday, a UN spokesman said.",
               treaty="Arms Trade Treaty", when="2022-06-15"),
            ex("The Treaty on the Prohibition of Nuclear Weapons became international law on "
               "Friday.",
               when="2022-06-10"),
        ),
        counter=(
            "The Adapted CFE Treaty will take effect only after all parties ratify it.",
            "The Comprehensive Nuclear-Test-Ban Treaty has never entered into force.",
            "Russia's moratorium on the CFE Treaty took effect on Wednesday.",
        ),
    ),
)

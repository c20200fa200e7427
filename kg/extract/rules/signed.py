"""signed: a treaty signed, with its date, place and signatories."""

from __future__ import annotations

import re

from kg.extract._context import ACTORS, Context, Sent, T
from kg.extract._discourse import (
    as_place,
    last_titled,
    main_bloc,
    treaty_in,
)
from kg.extract._lists import (
    state_list_before,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    negated,
    number,
    qualifies_title,
    segment_end,
    subject,
)
from kg.extract.rules._rule import Rule, ex

_SIGNED = re.compile(r"\b(?:[Ss]igned|inked)\b")


# a president signing a law or decree is no treaty signing
_LAW_AFTER = re.compile(r"\s+(?:a|the|an)\s+(?:\w+\s+){0,2}(?:law|decree|bill|order)\b")


_LAW_BEFORE = re.compile(r"\b(?:law|decree|bill)\b[^.;]{0,40}$")


# a clause of its own, with another act on a treaty, between "signed" and the treaty after
# it: the treaty is that act's object ("signed ... when the US ratified the treaty"), while
# "signed and ratified the treaty" keeps it
_OTHER_ACT = re.compile(r"\b(?:when|after|before|while|since|because|as|where)\s[^.;]*?"
                        r"\b(?:ratif(?:y|ied|ies|ying)|withdr[ae]w\w*|quit|pulled\s+out|"
                        r"violat\w+|breach\w*|suspend\w*|abandon\w*|renounc\w+|"
                        r"denounc\w+)\b")


def _signed(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _SIGNED.finditer(text):
        pre = text[max(0, m.start() - 40) : m.start()]
        if _LAW_AFTER.match(text, m.end()) or _LAW_BEFORE.search(pre):
            continue  # a law or decree, not a treaty
        if negated(pre[-25:]) or re.search(r"\b(?:refused|declined)\s+to\s+$", pre):
            continue
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None:
            continue
        if treaty.start >= pos and _OTHER_ACT.search(
                ctx.body, sent.s.start + m.end(), treaty.start):
            continue  # "signed with the pen used when the US ratified the treaty": not signed
        tail = text[m.end() :]
        when = _signing_date(ctx, sent, pos)
        where = None
        wm = re.match(r"[^.;]{0,60}?\b(?:in|at)\s+(?:the\s+)?", tail)
        if wm:
            at = sent.s.start + m.end() + wm.end()
            place = next((x for x in sent.mentions if x.start == at), None)
            if place is not None and place.type in (T.PLACE, T.STATE):
                where = as_place(ctx, place)
        signatories: list[str] = []
        count = None
        groups: list[dict[str, object]] = []
        bm = re.search(r"\bby\s+", tail[:40])
        if bm:  # "... was signed by X and Y", "by 22 states (16 NATO members and ...)"
            start = sent.s.start + m.end() + bm.end()
            end = sent.s.start + segment_end(text, m.end() + bm.end())
            for x in sent.mentions:
                if start <= x.start < end and x.type in ACTORS and x.role != "demonym" \
                        and x.type is not T.BLOC and not qualifies_title(ctx, sent, x) \
                        and x.key not in signatories:
                    signatories.append(x.key)
            cm = re.match(r"(\d+|[a-z]+)\s+(?:states|countries|nations|members|signatories)",
                          text[m.end() + bm.end() :])
            if cm:
                count = number(cm.group(1))
                signatories = []
            groups = _groups(ctx, sent, start)
        elif not re.search(r"(?:,|\b(?:was|were|been|being|be))\s*$", pre):
            # an active subject: "Russia and the US signed", "its six members signed"
            listed = state_list_before(ctx, sent, pos)
            cm = re.search(r"\b(\w+)\s+(?:remaining\s+|founding\s+)?(states|countries|nations|"
                           r"members)\s+(?:have\s+|had\s+)?$", text[: m.start()])
            subj = subject(sent, pos, ACTORS)
            if cm and number(cm.group(1)):
                count = number(cm.group(1))
                bloc = main_bloc(ctx) if cm.group(2) == "members" else None
                if bloc is not None:
                    groups = [{"group": bloc, "count": count}]
            elif len(listed) > 1:
                signatories = [x.key for x in listed]
            elif re.search(r"\btwo\s+(?:presidents|leaders)\s+$", text[: m.start()]):
                signatories = [p.key for p in last_titled(ctx, sent, "President", 2)]
            elif subj is not None and subj.end > pos - 40:
                signatories = [subj.key]
        if groups and count is None:
            count = sum(int(g["count"]) for g in groups)  # type: ignore[call-overload]
        sink.add("signed", sent, treaty=treaty.key, when=when, where=where,
                 signatories=signatories, signatory_count=count, signatory_groups=groups)
        return


def _signing_date(ctx: Context, sent: Sent, pos: int) -> str | None:
    """The date of a signing: after the verb, else earlier in the same clause; a year
    that qualifies a treaty name ("the Warsaw Treaty of 1955") is not it."""
    for d in sent.dates:
        of_year = ctx.body[max(0, d.start - 3) : d.start] == "of "
        if pos <= d.start <= pos + 120 and not of_year:
            return d.value
    clause_start = pos - len(clause_before(sent, pos))
    before = [d for d in sent.dates if clause_start <= d.start and d.end <= pos]
    return before[-1].value if before else None


def _groups(ctx: Context, sent: Sent, pos: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seg = ctx.body[pos : sent.s.end]
    for gm in re.finditer(
        r"(?<![\w-])(?:then-)?(\d+|[a-z]+)\s+(?:(?:members\s+)?of\s+(?:the\s+)?)?", seg
    ):
        n = number(gm.group(1))
        if n is None:
            continue
        at = pos + gm.end()
        bloc = next((x for x in sent.mentions if x.start == at and x.type is T.BLOC), None)
        if bloc is not None and not any(g["group"] == bloc.key for g in out):
            out.append({"group": bloc.key, "count": n})
    return out if len(out) >= 1 else []


RULES = (
    Rule(
        name="signed.verb",
        doc="A treaty signed, active or passive, with its date, place and signatories: "
            "'The treaty was signed in Paris in 1990 by 22 states', 'Russia and the US signed'.",
        apply=_signed,
        trigger=("signed", "inked"),
        guards=("negation", "law", "other-act"),
        slots=("treaty", "when", "where", "signatories", "signatory_count", "signatory_groups"),
        examples=(
            ex("The Treaty on Open Skies was signed in Helsinki in March 1992 by 24 states.",
               treaty="Treaty on Open Skies",
               when="1992-03",
               where="Helsinki",
               signatory_count=24),
            ex("The Comprehensive Nuclear-Test-Ban Treaty was signed in New York in September "
               "1996.",
               treaty="Comprehensive Nuclear-Test-Ban Treaty",
               when="1996-09",
               where="New York"),
            ex("The CFE Treaty was signed in Paris by President Jan Novak and his Russian "
               "counterpart Boris Yeltsin on Monday.",
               signatories=["Jan Novak", "Boris Yeltsin"]),
            ex("The INF Treaty was signed by Ronald Reagan and his Soviet counterpart Mikhail "
               "Gorbachev in December 1987.",
               signatories=["Ronald Reagan", "Mikhail Gorbachev"]),
            ex("Kenya joined the Biological Weapons Convention in 1976. The convention was "
               "signed in London in April 1972.",
               when="1972-04",
               where="London"),
        ),
        counter=(
            "President Putin signed a law on the ratification of the New START treaty.",
            "Delegates at the party convention signed a pledge on disarmament.",
        ),
    ),
)

"""signed, told by a noun or a label: "the signing of the Budapest Memorandum", "the 28th
anniversary of the signing of T" on a date, "the 1972 ABM Treaty", "the Ottawa Treaty of
December 1997", "Open Skies, a 1992 treaty"."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._sink import Sink
from kg.extract._syntax import negated
from kg.extract.rules._rule import Rule, ex

# "the 1972 ABM Treaty", "the Ottawa Treaty of December 1997": a year or date that names a
# treaty is the year it was signed, unless what follows is a meeting or talks about it
_YEAR_BEFORE = re.compile(r"\b(?:the|its|a|an)\s+(?P<y>1[89]\d\d|20\d\d)\s+\Z")
# "Open Skies, a 1992 treaty that ...": the year in an apposition after the name
_YEAR_APPOSED = re.compile(r",\s+(?:a|an|the)\s+(?P<y>1[89]\d\d|20\d\d)\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:treaty|accord|agreement|pact|convention|deal)\b")
_NOT_ITSELF = re.compile(r"(?:['’]s)?\s+(?:[Rr]eview|[Cc]onference|talks|negotiations|summit|"
                         r"framework|regime|extension|commission|meeting|process|[Ss]ession)\b")


def _year_label(ctx: Context, sink: Sink, sent: Sent) -> None:
    for t in sent.of_type(T.TREATY):
        if t.role != "name" or _NOT_ITSELF.match(ctx.body, t.end) or t.text[:1].islower():
            continue  # "protocol terminating the Warsaw Treaty of 1955": the year is another's
        when = None
        yb = _YEAR_BEFORE.search(ctx.body, max(0, t.start - 12), t.start) \
            or _YEAR_APPOSED.match(ctx.body, t.end)
        if yb is not None:
            when = yb.group("y")
        elif ctx.body.startswith(" of ", t.end):
            d = next((x for x in sent.dates if x.start == t.end + 4), None)
            when = d.value if d is not None and not d.relative else None
        if when is not None:
            sink.add("signed", sent, treaty=t.key, when=when)


# "the signing of the Budapest Memorandum", "the 28th anniversary of the signing of T":
# a signing named by its noun; an anniversary on a date gives the signing's date
_SIGNING_OF = re.compile(r"\b(?:(?P<n>\d+)(?:st|nd|rd|th)\s+anniversary\s+of\s+the\s+)?"
                         r"signing\s+of\s+(?:the\s+)?")


def _nominal(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _SIGNING_OF.finditer(sent.text):
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at - 4 <= x.start <= at + 2
                       and x.role == "name"), None)  # not "the signing of the pact"
        if treaty is None or negated(sent.text[max(0, m.start() - 25) : m.start()]):
            continue
        when = None
        if m.group("n"):
            d = next((x for x in sent.dates if not x.relative or len(x.value) == 10), None)
            if d is not None and int(d.value[:4]) > int(m.group("n")):
                when = f"{int(d.value[:4]) - int(m.group('n')):04d}{d.value[4:]}"
        else:
            after = sent.date_after(treaty.end, 30)
            when = after.value if after is not None and ctx.body.startswith(
                (" on ", " in "), treaty.end) else None
        sink.add("signed", sent, treaty=treaty.key, when=when)


def merge_described_signings(ctx: Context, sink: Sink) -> None:
    """ "Reagan and Gorbachev signed a treaty eliminating a class of weapons ... The two
    leaders signed the INF Treaty": an accord described in one signing and named in
    another of the same day and signers is the named one."""
    signings = [d for d in sink.facts if d.kind == "signed"]
    described = {m.key for m in ctx.rec.mentions if m.type is T.TREATY and m.info.get("described")}
    for d in signings:
        if d.fields["treaty"] not in described:
            continue
        same = next((o for o in signings if o is not d and o.fields["treaty"] not in described
                     and _same_time(o.fields.get("when"), d.fields.get("when"))
                     and _share_signers(o.fields, d.fields)), None)
        if same is None:
            continue
        old, new = d.fields["treaty"], same.fields["treaty"]
        for k, v in d.fields.items():
            same.fields.setdefault(k, v)
        sink.facts.remove(d)
        for m in ctx.rec.mentions:
            if m.key == old:
                m.key = new


def _same_time(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _share_signers(a: dict[str, object], b: dict[str, object]) -> bool:
    sa, sb = set(a.get("signatories") or []), set(b.get("signatories") or [])  # type: ignore[call-overload]
    return bool(sa & sb) or not sa or not sb


RULES = (
    Rule(
        name="signed.nominal",
        doc="A signing named by its noun: 'the signing of the Budapest Memorandum'; 'the 28th "
            "anniversary of the signing of T' on a date gives the day it was signed.",
        apply=_nominal,
        trigger=("signing of",),
        guards=("negation",),
        slots=("treaty", "when"),
        examples=(
            ex("On 5 December 2024, Ukraine observed the 30th anniversary of the signing of the "
               "Budapest Memorandum.",
               treaty="Budapest Memorandum", when="1994-12-05"),
        ),
        counter=(
            "Kyiv did not attend the signing of the treaty on cluster bombs.",
        ),
    ),
    Rule(
        name="signed.year_label",
        doc="A year or date that names a treaty is the year it was signed: 'the 1972 ABM "
            "Treaty', 'the Ottawa Treaty of December 1997'.",
        apply=_year_label,
        trigger=("19", "20"),
        guards=("not-the-treaty",),
        slots=("treaty", "when"),
        examples=(
            ex("Washington left the 1972 ABM Treaty in 2002.",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Limitation of Anti-Ballistic Missile Systems",
               when="1972"),
            ex("The Ottawa Treaty of December 1997 bans anti-personnel mines.",
               treaty="Convention on the Prohibition of the Use, Stockpiling, Production and "
                      "Transfer of Anti-Personnel Mines and on their Destruction",
               when="1997-12"),
        ),
        counter=(
            "Delegates at the 2010 NPT Review Conference agreed on a final document.",
        ),
    ),
)

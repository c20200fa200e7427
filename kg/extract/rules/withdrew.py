"""withdrew: a state withdrew from a treaty."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._discourse import (
    recent_treaty,
    treaty_in,
)
from kg.extract._entities import Mention
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    clause_before,
    negated,
    subject,
    year_adjective,
)
from kg.extract.rules._rule import Rule, ex

_WITHDREW = re.compile(
    r"\b(?:withdrew|withdrawn|withdrawal|withdrawing|pulled\s+out|quit|"
    r"left|exit)\b"
    # "pulled the U.S. out of the treaty"
    r"|\bpulled(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+out\s+of\b)"
)


# "out of the INF Treaty in 2019 and the Iran nuclear deal the year before"
_AND_TREATY = re.compile(r"(?:\s+(?:in|on)\s+[\w ]{1,20}?)?,?\s+and\s+"
                         r"(?:the\s+|from\s+(?:the\s+)?)?")


def _withdrew(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _WITHDREW.finditer(text):
        word = m.group(0)
        pre = text[: m.start()]
        post = text[m.end() :]
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)  # "have never joined, and North Korea withdrew"
        if negated(clause[-30:]) or MODAL.search(clause[-20:]):
            continue
        if re.match(r"\s+(?:its|their)\s+(?:troops|forces)", post):
            continue
        if word in ("withdrawal", "exit"):
            # "X's withdrawal from T took effect" / "completed its withdrawal"
            if not re.search(
                r"\b(?:took\s+effect|completed|came\s+into\s+effect|became\s+effective)\b", text
            ) or re.search(r"\blaw\b", pre[-30:]):
                continue
        elif word == "left" and not re.match(r"\s+the\s+", post):
            continue
        treaty = treaty_in(ctx, sent, pos)
        if word in ("left", "quit") and treaty is not None and not re.fullmatch(
                r"\s+(?:the\s+)?(?:\d{4}\s+|landmark\s+|Cold\s+War-era\s+)?",
                ctx.body[pos + len(word) : treaty.start]):
            continue  # "left the talks with Japan on the treaty": not the treaty that is left
        if treaty is None and word == "withdrew" and \
                re.match(r"\s+(?:in|on|last|that|,|\.|from\s+it\b)", post):
            # "... and North Korea withdrew in 2003.", "North Korea withdrew from it in 2003."
            treaty = recent_treaty(ctx, sent)
        if treaty is None:
            continue
        obj: Mention | None = None
        subj: Mention | None
        if word == "pulled":  # "pulled the U.S. out of the deal"
            om = re.match(r"\s+(?:the\s+)?", post)
            at = pos + len(word) + (om.end() if om else 0)
            obj = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
            if obj is None:
                continue
        if word == "withdrew":  # "withdrew the United States from the JCPOA"
            om = re.match(r"\s+(?:the\s+)?", post)
            at = pos + len(word) + (om.end() if om else 0)
            obj = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
            if obj is not None and not re.match(r"\s+from\b", ctx.body[obj.end : obj.end + 6]):
                obj = None
        if obj is not None:
            subj = obj
        elif word in ("withdrawal", "exit"):
            poss = [
                x
                for x in sent.mentions
                if x.end <= pos
                and x.type in BODIES
                and (
                    ctx.body[x.end : x.end + 2] == "'s"
                    or re.match(r"\s+completed", ctx.body[x.end : x.end + 12])
                )
            ]
            subj = poss[-1] if poss else subject(sent, pos, BODIES)
        else:
            subj = subject(sent, pos, BODIES)
        if subj is None:
            continue
        dates = [x for x in sent.dates if not year_adjective(ctx, x)]  # "the 1987 INF Treaty"
        d = next((x for x in dates if pos <= x.start <= pos + 80), None) or \
            next((x for x in dates if x.end <= pos), None)
        if word in ("withdrawal", "exit"):
            te = re.search(r"\btook\s+effect\b", text)
            if te:
                d = sent.date_after(sent.s.start + te.start(), 40) or d
        sink.add("withdrew", sent, party=subj.key, treaty=treaty.key, when=d.value if d else None)
        if treaty.start < pos:
            continue
        cur = treaty
        for x in sent.of_type(T.TREATY):  # "... from A in 2019 and B the year before"
            if x.start <= cur.start:
                continue
            if not _AND_TREATY.fullmatch(ctx.body, cur.end, x.start):
                break
            dx = sent.date_after(x.end, 30)
            sink.add("withdrew", sent, party=subj.key, treaty=x.key, when=dx.value if dx else None)
            cur = x


RULES = (
    Rule(
        name="withdrew.verb",
        doc="A state withdrew from, pulled out of, quit or left a treaty, or its withdrawal "
            "took effect: 'North Korea withdrew from the NPT in January 2003'.",
        apply=_withdrew,
        trigger=("withdr", "pulled", "quit", "left", "exit"),
        guards=("negation", "modality", "not-the-treaty"),
        slots=("party", "treaty", "when"),
        examples=(
            ex("North Korea withdrew from the NPT in January 2003.",
               party="North Korea",
               when="2003-01"),
            ex("The United States pulled out of the Open Skies Treaty in November 2020.",
               party="United States",
               when="2020-11"),
            ex("President Ronald Reagan withdrew the United States from the SALT II treaty in "
               "1986.",
               party="United States",
               when="1986"),
            ex("The NPT has 191 parties. Cuba and India never joined, and North Korea withdrew "
               "in 2003.",
               party="North Korea",
               when="2003"),
            ex("Prime Minister Liz Carter pulled Britain out of the Arms Trade Treaty in 2024.",
               party="United Kingdom",
               treaty="Arms Trade Treaty",
               when="2024"),
            ex("Bush, who pulled the United States out of the ABM Treaty in 2002, said little.",
               party="United States",
               when="2002"),
            ex("Russia withdrew from the CFE Treaty in 2023 and the CTBT later that year.",
               party="Russia",
               treaty="Comprehensive Nuclear-Test-Ban Treaty"),
            ex("The ABM Treaty was signed in 1972. Washington pulled out of the treaty on June "
               "13, 2002.",
               party="United States",
               when="2002-06-13"),
            ex("Washington left the Open Skies Treaty on November 22 last year.",
               party="United States",
               when="2021-11-22"),
            ex("Nauru signed the Arms Trade Treaty in 2014. Tuvalu withdrew from it in 2019.",
               party="Tuvalu",
               treaty="Arms Trade Treaty",
               when="2019"),
            ex("The Open Skies Treaty lost a member when Russia withdrew from it on 18 "
               "December 2021.",
               party="Russia",
               when="2021-12-18"),
            ex("Russia left the 1987 INF Treaty in 2019.",
               party="Russia",
               when="2019"),
        ),
        counter=(
            "Russia may withdraw from the Open Skies Treaty if Washington does not return.",
            "Russia withdrew its troops from the CFE Treaty area last year.",
            "Paris pulled its troops out of Mali, though it stayed in the Arms Trade Treaty.",
            "Russia left the talks with Japan on the New START treaty.",
            "Nauru signed the Arms Trade Treaty. It may withdraw from it in 2030.",
        ),
    ),
)

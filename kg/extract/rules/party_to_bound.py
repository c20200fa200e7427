"""party_to, told by what binds a state to a treaty: its own treaty ("Australia's
safeguards agreement", "its treaty with X"), its accession, its obligations under it."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._entities import Mention
from kg.extract._lists import subject_states
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    clause_before,
    negated,
    subject,
)
from kg.extract.rules._rule import Rule, ex

# "New START, its last nuclear arms treaty with the United States": both sides are parties
_ITS_TREATY_WITH = re.compile(r",\s+(?:its|their)\s+(?:[\w-]+\s+){0,4}?(?:treaty|agreement|"
                              r"accord|pact)\s+with\s+(?:the\s+)?")
# "suspended the Indus Waters Treaty with Pakistan"; "discussed T with X" is a talk, not a bond
_NAMED_WITH = re.compile(r"\s+with\s+(?:the\s+)?")
_TALK = re.compile(r"\b(?:discuss\w*|rais\w+|talk\w*|negotiat\w+|consult\w*|rais\w+|debat\w+|"
                   r"review\w*|met|meet\w*)\b")
# "the treaty talks", "the NPT review": not the treaty itself
_NOT_ITSELF = re.compile(r"\s*(?:talks|negotiations|process|review|conference|commission|"
                         r"summit|meeting|debate|campaign|regime|framework)\b")


def _state_at(sent: Sent, at: int) -> Mention | None:
    return next((x for x in sent.mentions if x.start == at and x.type is T.STATE
                 and x.role != "demonym"), None)


def _treaty_with(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _ITS_TREATY_WITH.finditer(text):
        at = sent.s.start + m.start()
        treaty = next((x for x in sent.of_type(T.TREATY) if x.end == at), None)
        partner = _state_at(sent, sent.s.start + m.end())
        owner = subject(sent, treaty.start, (T.STATE,)) if treaty is not None else None
        if treaty is None or partner is None or owner is None or owner.key == partner.key:
            continue
        if negated(clause_before(sent, owner.end)):
            continue
        for x in (owner, partner):
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


def _named_with(ctx: Context, sink: Sink, sent: Sent) -> None:
    for treaty in sent.of_type(T.TREATY):
        wm = _NAMED_WITH.match(ctx.body, treaty.end)
        partner = _state_at(sent, wm.end()) if wm else None
        if partner is None:
            continue
        clause = clause_before(sent, treaty.start)
        owner = subject(sent, treaty.start, (T.STATE,))
        if owner is None or owner.key == partner.key or owner.role == "demonym" or \
                negated(clause[-30:]) or _TALK.search(clause):
            continue
        for x in (owner, partner):
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


# "Australia's Comprehensive Safeguards Agreement", "Ukraine's accession to the NPT"
_ACCESSION = re.compile(r"(?:['’]s\s+(?:formal\s+)?accession\s+to\s+(?:the\s+)?|"
                        r"['’]s\s+(?:own\s+)?)")
# "a bid for Finland's accession", "the path to Sweden's accession": not yet a party
_NOT_YET = re.compile(r"\b(?:bid|application|path|road|way|prospects?|hopes?|plans?|talks|"
                      r"possible|planned|future|proposed|awaiting|await|block\w*|veto\w*)\b"
                      r"[\w\s]{0,20}$")


def _possessed(ctx: Context, sink: Sink, sent: Sent) -> None:
    treaties = sent.of_type(T.TREATY)
    for x in sent.mentions:
        if x.type is not T.STATE or x.role == "demonym":
            continue
        pm = _ACCESSION.match(ctx.body, x.end)
        if pm is None:
            continue
        treaty = next((t for t in treaties if t.start == pm.end()), None)
        if treaty is None or _NOT_ITSELF.match(ctx.body, treaty.end):
            continue
        if "accession" in pm.group(0) and _NOT_YET.search(ctx.body[sent.s.start : x.start]):
            continue
        sink.add("party_to", sent, party=x.key, treaty=treaty.key)


# "violated its obligations under the Budapest Memorandum", "fulfil its CWC obligations"
_OBLIGED = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:obligations|commitments)\s+"
                      r"(?:under|to)\s+")
_OBLIGED_NAMED = re.compile(r"\s+(?:obligations|commitments)\b")


def _obliged(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    found: list[tuple[int, Mention]] = []
    for m in _OBLIGED.finditer(text):
        at = sent.s.start + m.end()
        # "under the Open Skies Treaty", "under the treaty" (the one spoken of)
        treaty = next((t for t in sent.of_type(T.TREATY) if at <= t.start <= at + 4), None)
        if treaty is not None:
            found.append((sent.s.start + m.start(), treaty))
    for t in sent.of_type(T.TREATY):  # "its CWC obligations"
        om = re.search(r"\b(?:its|their)\s+(?:the\s+)?$", ctx.body[max(0, t.start - 12) : t.start])
        if om and _OBLIGED_NAMED.match(ctx.body, t.end):
            found.append((t.start - 12 + om.start(), t))
    for pos, treaty in found:
        parties = subject_states(ctx, sent, pos) or [
            s for s in [subject(sent, pos, (T.STATE,))] if s is not None]
        for p in parties:
            if p.role != "demonym":
                sink.add("party_to", sent, party=p.key, treaty=treaty.key)


# "As a party to the NPT, Iran is bound ...": the subject after the comma is a party
_AS_PARTY = re.compile(r"\b[Aa]s\s+(?:a|an)\s+(?:state\s+|founding\s+|full\s+)?(?:party|signatory"
                       r"\s+and\s+party)\s+to\s+(?:the\s+)?")
# "Britain, France and Russia remain in the 2015 nuclear deal with Iran"
_REMAIN_IN = re.compile(r"\b(?:remain|remains|remained)\s+in\s+(?:the\s+)?(?:\d{4}\s+)?")


def _as_party(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _AS_PARTY.finditer(sent.text):
        at = sent.s.start + m.end()
        treaty = next((t for t in sent.of_type(T.TREATY) if at - 4 <= t.start <= at + 4), None)
        if treaty is None or _NOT_ITSELF.match(ctx.body, treaty.end):
            continue
        cm = re.match(r"[^,;]{0,40}?,\s+(?:the\s+)?", ctx.body[treaty.end:])
        party = _state_at(sent, treaty.end + cm.end()) if cm else None
        if party is not None:
            sink.add("party_to", sent, party=party.key, treaty=treaty.key)
    for m in _REMAIN_IN.finditer(sent.text):
        pos, at = sent.s.start + m.start(), sent.s.start + m.end()
        treaty = next((t for t in sent.of_type(T.TREATY) if at - 4 <= t.start <= at + 24), None)
        clause = clause_before(sent, pos)
        if treaty is None or _NOT_ITSELF.match(ctx.body, treaty.end) or negated(clause[-30:]) \
                or MODAL.search(clause[-20:]):
            continue
        parties = subject_states(ctx, sent, pos) or [
            x for x in [subject(sent, pos, (T.STATE,))] if x is not None]
        wm = _NAMED_WITH.match(ctx.body, treaty.end)
        partner = _state_at(sent, wm.end()) if wm else None
        for x in [*parties, *([partner] if partner is not None else [])]:
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


RULES = (
    Rule(
        name="party_to.as_party",
        doc="'As a party to the NPT, Iran ...'; 'Britain, France and Russia remain in the "
            "nuclear deal with Iran': the states bound by the treaty.",
        apply=_as_party,
        trigger=("party to", "remain"),
        guards=("negation",),
        slots=("party", "treaty"),
        examples=(
            ex("As a party to the NPT, Iran is bound not to seek nuclear weapons.",
               party="Iran", treaty="Treaty on the Non-Proliferation of Nuclear Weapons"),
            ex("Britain, France, Germany, China and Russia remain in the Iran nuclear deal.",
               party="Germany", treaty="Joint Comprehensive Plan of Action"),
            ex("Britain, France and Russia remain in the Joint Comprehensive Plan of Action "
               "with Iran.",
               party="Iran"),
        ),
        counter=(
            "Britain did not remain in the nuclear deal with Iran.",
            "As a party to the NPT talks, Iran sent a delegation.",
            "Britain said it might remain in the Iran nuclear deal.",
        ),
    ),
    Rule(
        name="party_to.treaty_with",
        doc="'T, its treaty with X': both the owner and the partner are parties.",
        apply=_treaty_with,
        trigger=("treaty with", "agreement with", "accord with", "pact with"),
        guards=("negation",),
        slots=("party", "treaty"),
        examples=(
            ex("Moscow suspended its participation in New START, its last arms treaty with the "
               "United States, in 2023.",
               party="United States"),
            ex("Iran still observes the JCPOA, its 2015 agreement with China, for now.",
               party="Iran",
               treaty="Joint Comprehensive Plan of Action"),
        ),
        counter=(
            "New START, its treaty with the United States, expires in 2026.",
        ),
    ),
    Rule(
        name="party_to.named_with",
        doc="'A suspended T with B': a named treaty with a partner binds the subject and the "
            "partner; a treaty discussed with someone does not.",
        apply=_named_with,
        trigger=(" with ",),
        guards=("negation",),
        slots=("party", "treaty"),
        examples=(
            ex("On Monday Moscow froze the New START treaty with the United States.",
               party="United States",
               treaty="New START"),
            ex("Japan will honour the Comprehensive Safeguards Agreement with Iran, he said.",
               party="Japan"),
        ),
        counter=(
            "Japan discussed the Arms Trade Treaty with Brazil on Monday.",
            "Russia has not signed the Open Skies Treaty with Georgia.",
        ),
    ),
    Rule(
        name="party_to.possessive",
        doc="A state's own treaty or its accession to one: 'Norway's Comprehensive Safeguards "
            "Agreement', 'Kazakhstan's accession to the NPT'.",
        apply=_possessed,
        trigger=("'s", "’s"),
        slots=("party", "treaty"),
        examples=(
            ex("Inspectors checked Norway's Comprehensive Safeguards Agreement last year.",
               party="Norway",
               treaty="Comprehensive Safeguards Agreement"),
            ex("The letter came after Kazakhstan's accession to the Non-Proliferation Treaty.",
               party="Kazakhstan",
               treaty="Treaty on the Non-Proliferation of Nuclear Weapons"),
        ),
        counter=(
            "Officials discussed a bid for Serbia's accession to the Arms Trade Treaty.",
            "Brazil's New START talks are going nowhere.",
        ),
    ),
    Rule(
        name="party_to.obligations",
        doc="A state with obligations under a treaty is a party to it: 'Russia violated its "
            "obligations under the INF Treaty', 'urged Syria to meet its CWC obligations'.",
        apply=_obliged,
        trigger=("obligations", "commitments"),
        slots=("party", "treaty"),
        examples=(
            ex("Washington says Moscow has breached its obligations under the Open Skies "
               "Treaty.",
               party="Russia",
               treaty="Open Skies Treaty"),
            ex("The council asked Libya to meet its Chemical Weapons Convention obligations.",
               party="Libya",
               treaty="Chemical Weapons Convention"),
        ),
        counter=(
            "The obligations under the Open Skies Treaty are heavy, Russia said.",
        ),
    ),
)

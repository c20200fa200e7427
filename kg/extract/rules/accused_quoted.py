"""accused, told in a speaker's own words: a quoted charge that another actor breaks,
dodges or undermines a treaty ("the allies keep dodging the CFE Treaty's limits,"
he said) is the speaker's accusation."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._discourse import recent_treaty
from kg.extract._entities import Mention
from kg.extract._lists import coordinated_before
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    clause_before,
    negated,
    subject,
)
from kg.extract.rules._rule import Rule, ex

_BREACH = re.compile(r"\b(?:violat(?:ed|es|ing|e)|breach(?:ed|es|ing)?|dodg(?:ed|es|ing|e)|"
                     r"flout(?:ed|s|ing)?|circumvent(?:ed|s|ing)?|undermin(?:ed|es|ing|e)|"
                     r"prevent(?:ed|s|ing)?(?=[^.;]{0,80}?\bfrom\s+(?:coming|entering)\s+"
                     r"in(?:to)?\s+(?:effect|force)))\b")
# "violated its obligations under the treaty", "dodge CFE provisions": the treaty broken
_OBJECT = re.compile(r"\s+(?:(?:its|their|the)\s+)?(?:(?:obligations|commitments)\s+under\s+"
                     r"(?:the\s+)?)?")
_QUOTE_OPEN = ('"', "“", "'", "‘")


def _speakers(ctx: Context, sent: Sent) -> list[Mention]:
    """Who says the sentence: its own speaker, or, for a quotation that runs on from
    earlier sentences, the speaker of the last one that names one (three at most)."""
    from kg.extract.rules.statement import sentence_speakers

    found = sentence_speakers(ctx, sent)
    i = sent.index
    while not found and i > 0 and sent.index - i < 3 and \
            ctx.sents[i].text.lstrip().startswith(_QUOTE_OPEN):
        i -= 1
        found = sentence_speakers(ctx, ctx.sents[i])
    return found


def _broken(ctx: Context, sent: Sent, m: re.Match[str]) -> Mention | None:
    """The treaty the verb governs: named right after it, or within a few words."""
    end = sent.s.start + m.end()
    om = _OBJECT.match(ctx.body, end)
    at = om.end() if om else end
    return next((t for t in sent.of_type(T.TREATY) if at <= t.start <= at + 4
                 or (m.group(0).startswith("prevent") and end <= t.start <= end + 40)), None)


# "Washington has broken the INF Treaty for a decade, Ivan Petrov said.": a charge told
# in reported speech, its attribution closing the sentence
_ATTRIBUTED_AFTER = re.compile(r",\s+(?:the\s+)?[^,;\"“”]{0,60}?\b(?:said|says|stated|added|"
                               r"claimed|charged|told\s+[a-z]+)\b[^,;]{0,40}[.!]?\s*$")


def _quoted_breach(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _BREACH.finditer(sent.text):
        pos = sent.s.start + m.start()
        if not any(q.start <= pos < q.end for q in sent.quotes) \
                and not _ATTRIBUTED_AFTER.search(sent.text, m.end()):
            continue  # neither quoted nor told as reported ("..., the ministry said.")
        clause = clause_before(sent, pos)
        if negated(clause[-30:]) or MODAL.search(clause[-20:]):
            continue
        treaty = _broken(ctx, sent, m)
        accused = subject(sent, pos, BODIES)
        if treaty is None or accused is None:
            continue
        for by in _speakers(ctx, sent):
            if by.key != accused.key:
                sink.add("accused", sent, accuser=by.key, accused=accused.key,
                         treaty=treaty.key)


# "reminded the Council that Syria had not declared its full programme", "said Iran has
# failed to comply with the NPT": a speaker who reports another's failure to comply
_FAILED = re.compile(r"\b(?:(?:has|had|have)\s+not\s+(?:yet\s+|fully\s+)?|"
                     r"(?:has|had|have)\s+failed\s+to\s+(?:fully\s+)?|failed\s+to\s+|"
                     r"(?:is|was|are|were)\s+not\s+(?:fully\s+)?(?=complying))"
                     r"(?:declared?|compl(?:ied|y|ying)|fulfill?(?:ed)?|met|meet|honou?r(?:ed)?|"
                     r"implemented|implement|destroyed|destroy|disclosed|disclose)\b")


_SAID = re.compile(r"\b(?:said|says|stated|noted|warned|insisted|claimed|charged)\s+"
                   r"(?:the\s+)?\Z")


def _reported_failure(ctx: Context, sink: Sink, sent: Sent) -> None:
    from kg.extract.rules.statement import sentence_speakers

    for m in _FAILED.finditer(sent.text):
        pos = sent.s.start + m.start()
        accused = subject(sent, pos, BODIES)
        if accused is None:
            continue
        if not re.search(r"\bthat\b", sent.text[max(0, m.start() - 80) : m.start()]) and \
                not _SAID.search(ctx.body, max(sent.s.start, accused.start - 30), accused.start):
            continue  # the failure is what someone says, not the narrator's own
        treaty = next((t for t in sent.of_type(T.TREATY) if t.start > pos), None)
        for by in sentence_speakers(ctx, sent):
            if by.key != accused.key and by.end <= accused.start:
                sink.add("accused", sent, accuser=by.key, accused=accused.key,
                         treaty=treaty.key if treaty else None)


# "the information provided by Belarus so far has been insufficient": a speaker who finds
# what another actor owes under a treaty wanting
_WANTING = re.compile(r"\b(?:information|data|explanations?|answers|clarifications?|"
                      r"declarations?|reports?)\s+(?:provided|given|submitted|supplied)\s+by\s+"
                      r"(?:the\s+)?(?=[A-Z])")
_POOR = re.compile(r"[^.;]{0,80}?\b(?:insufficient|inadequate|incomplete|unsatisfactory|"
                   r"not\s+(?:enough|sufficient|adequate|credible)|unconvincing)\b")


def _found_wanting(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _WANTING.finditer(sent.text):
        at = sent.s.start + m.end()
        accused = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
        if accused is None or not _POOR.match(ctx.body, accused.end):
            continue
        treaty = next(iter(sent.of_type(T.TREATY)), None) or recent_treaty(ctx, sent)
        for by in _speakers(ctx, sent):
            if by.key != accused.key:
                sink.add("accused", sent, accuser=by.key, accused=accused.key,
                         treaty=treaty.key if treaty else None)


# "violations of the treaty by the United States", "Russia's breaches of the INF Treaty":
# a speaker who tells of another's violations accuses it
_VIOLATIONS = re.compile(r"\b(?:violations?|breach(?:es)?)\s+of\s+(?:the\s+)?")
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|"
                     r"groundless|unfounded|baseless|no\s+evidence|never|alleged)\b")


def _violations_by(ctx: Context, sink: Sink, sent: Sent) -> None:
    if _DENIAL.search(sent.text):
        return  # "denied allegations of violations by Moscow": no charge of the speaker's
    for m in _VIOLATIONS.finditer(sent.text):
        at = sent.s.start + m.end()
        treaty = next((t for t in sent.of_type(T.TREATY) if at - 4 <= t.start <= at + 4), None)
        if treaty is None:
            continue
        bm = re.match(r"\s+by\s+(?:the\s+)?", ctx.body[treaty.end : treaty.end + 10])
        start = sent.s.start + m.start()
        accused = next((x for x in sent.mentions if x.type in BODIES and (
            (bm is not None and x.start == treaty.end + bm.end())
            or (x.end <= start and re.fullmatch(r"['’]s\s+", ctx.body[x.end : start])))), None)
        if accused is None:
            continue
        speakers = _speakers(ctx, sent)
        for by in [x for sp in speakers for x in (
                [*coordinated_before(ctx, sent, sp), sp] if sp.type is not T.PERSON else [sp])]:
            if by.key != accused.key and not (by.start <= accused.start < by.end):
                sink.add("accused", sent, accuser=by.key, accused=accused.key,
                         treaty=treaty.key)


RULES = (
    Rule(
        name="accused.violations_by",
        doc="A speaker tells of another actor's violations of a treaty: 'violations of the "
            "treaty by the United States', 'Russia's breaches of the INF Treaty'.",
        apply=_violations_by,
        trigger=("violation", "breach"),
        guards=("denial",),
        slots=("accuser", "accused", "treaty"),
        examples=(
            ex("Anna Orlova said that Russia had seen violations of the INF Treaty by the "
               "United States itself.",
               accuser="Anna Orlova", accused="United States", treaty="INF Treaty"),
            ex("The INF Treaty is in trouble. Anna Orlova said Moscow had seen violations of "
               "the treaty by Washington for years.",
               accuser="Anna Orlova", accused="United States", treaty="INF Treaty"),
            ex("\"We have documented Russia's breaches of the Open Skies Treaty,\" Mike Pompeo "
               "said.",
               accuser="Mike Pompeo", accused="Russia"),
            ex("Britain and France condemned Russia's violation of the Chemical Weapons "
               "Convention.",
               accuser="United Kingdom", accused="Russia"),
        ),
        counter=(
            "The Russian Foreign Ministry denied allegations of violations of the INF Treaty "
            "by Moscow.",
            "Violations of the INF Treaty by both sides were reported in 2014.",
        ),
    ),
    Rule(
        name="accused.found_wanting",
        doc="A speaker finds what another actor provided insufficient: 'the information "
            "provided by Belarus so far has been insufficient, she said'.",
        apply=_found_wanting,
        trigger=("provided by", "given by", "submitted by", "supplied by"),
        slots=("accuser", "accused", "treaty"),
        examples=(
            ex("Estonia asked Russia about the drills under the Vienna Document. \"The data "
               "provided by Russia so far has been inadequate,\" Kaja Kallas said.",
               accuser="Kaja Kallas", accused="Russia", treaty="Vienna Document"),
        ),
        counter=(
            "\"The data provided by Russia so far has been complete,\" Kaja Kallas said.",
        ),
    ),
    Rule(
        name="accused.reported_failure",
        doc="A speaker reports that another actor has not declared, complied with or met "
            "what a treaty asks: 'X reminded the Council that Syria had not declared its "
            "programme'.",
        apply=_reported_failure,
        trigger=("not", "failed"),
        slots=("accuser", "accused", "treaty"),
        examples=(
            ex("Director-General Ahmet Uzumcu reminded the Council that Libya had not declared "
               "its full stockpile.",
               accuser="Ahmet Uzumcu", accused="Libya"),
            ex("Secretary of State Mike Pompeo said that Iran has failed to comply with the "
               "Non-Proliferation Treaty.",
               accuser="Mike Pompeo", accused="Iran"),
            ex("Secretary of State Mike Pompeo said Iran was not complying with the "
               "Non-Proliferation Treaty.",
               accuser="Mike Pompeo", accused="Iran"),
        ),
        counter=(
            "Libya had not declared its full stockpile by then.",
        ),
    ),
    Rule(
        name="accused.quoted_breach",
        doc="A speaker's quoted or reported words ('..., the ministry said') say another "
            "actor breaks, dodges or undermines a treaty, or keeps it from coming into force: "
            "the speaker accuses that actor.",
        apply=_quoted_breach,
        trigger=("violat", "breach", "dodg", "flout", "circumvent", "undermin", "prevent"),
        guards=("negation", "modality"),
        slots=("accuser", "accused", "treaty"),
        examples=(
            ex("\"Sadly, Washington has flouted the Open Skies Treaty for years,\" Sergei "
               "Ryabkov said.",
               accuser="Sergei Ryabkov",
               accused="United States",
               treaty="Open Skies Treaty"),
            ex("\"We kept our word,\" Sergei Ryabkov said on Monday. \"But NATO has used every "
               "excuse to prevent the Arms Trade Treaty from coming into force.\"",
               accuser="Sergei Ryabkov",
               accused="NATO"),
            ex("\"Moscow has violated its obligations under the INF Treaty,\" Mike Pompeo said.",
               accuser="Mike Pompeo",
               accused="Russia"),
            ex("Washington has breached the INF Treaty for a decade, Deputy Foreign Minister "
               "Ivan Petrov said.",
               accuser="Ivan Petrov", accused="United States"),
        ),
        counter=(
            "\"Moscow has never violated the INF Treaty,\" Sergei Ryabkov said.",
            "\"Washington could undermine the Open Skies Treaty,\" Sergei Ryabkov said.",
            "Washington has flouted the Open Skies Treaty for years, the paper wrote.",
            "Washington has flouted the Open Skies Treaty, and Moscow may leave it.",
        ),
    ),
)

"""statement: who said what, when, where and at which meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from kg.extract._context import Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._entities import Mention
from kg.extract._lexicon import rx, words
from kg.extract._sink import Draft, Sink
from kg.extract._syntax import year_adjective
from kg.extract.rules import _speakers as speak
from kg.extract.rules._rule import Rule
from kg.extract.rules._speakers import coordinated, in_attribution
from kg.extract.rules._statement_parts import PARTS


@cache
def _speech_re() -> re.Pattern[str]:
    return rx(r"\b{speech-verbs}\b")


@cache
def _pronoun_re() -> re.Pattern[str]:
    return rx(r"\b(?:he|she|He|She)\s+(?:also\s+)?{speech-verbs}\b")


# A speech verb that also takes a thing as object reports words only with these after it
# ("announced that", "called the move a mistake", "described it as").
_REPORTS = re.compile(r"\s+(?:that|it|for|as)\b|\s*:|"
                      # "highlighted the SCO's role", "noted Kazakhstan's positive role",
                      # "expressed support for": a view stated, told by what it is about
                      r"\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*(?:'s|’s)\s|"
                      r"\s+(?:the\s+)?(?:importance|need|role|support|concern|hope|readiness|"
                      r"commitment|confidence|satisfaction|regret)\b|"
                      r"\s+to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|this\b)[a-z]+\b|"
                      r"\s+through\s+[^,.;]{0,60}?\s+that\b|"
                      r"\s+(?:the|this|his|her|its)\b[^.]{0,60}?\s(?:a|an)\s")


def _reports_words(sent: Sent, vm: re.Match[str]) -> bool:
    verb = vm.group(0)
    if speak.IN_A_STATEMENT.fullmatch(verb) or speak.IN_A_STATEMENT.match(sent.text) \
            or speak.POSSESSED.match(sent.text, vm.start()) is not None:
        return True  # "In a statement, X commended ...": whatever X did, X said it
    if verb == "accused":  # an accusation is a statement only with its own quotation
        return any(q.start > sent.s.start + vm.start() for q in sent.quotes)
    if verb == "reported":  # "reported to the president that ...", "..., the WSE reported on
        # Tuesday." (the words before), not "the agency reported an attack"
        return bool(re.match(r"\s+(?:to\s+[^,.;\"“]{1,40}?\s+)?that\b|\s*(?:[.;]|$)|"
                             r"\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*[.;]",
                             sent.text[vm.end() :]))
    if verb in words("object-verbs"):
        # "announced on Tuesday that": a day between the verb and what it reports
        dm = _WHEN_AFTER.match(sent.text, vm.end())
        return bool(sent.quotes) or bool(_REPORTS.match(sent.text, dm.end() if dm else vm.end()))
    return True


_WHEN_AFTER = re.compile(r",?\s+(?:on\s+\w+day|on\s+\d{1,2}\s+[A-Z]\w+|on\s+[A-Z]\w+\.?\s+\d{1,2}|"
                         r"(?:last|this|earlier|late)\s+(?:week|month|year|\w+day)|today|"
                         r"yesterday)(?=[\s,])")


def _verbs(sent: Sent) -> list[re.Match[str]]:
    """The speech verbs of a sentence, finite ones first, the one next to a quotation
    before the others; an opening "In a statement," counts as one."""
    opening = speak.IN_A_STATEMENT.match(sent.text)
    verbs = list(_speech_re().finditer(sent.text))
    if opening and not verbs:
        return [opening]
    verbs += list(speak.POSSESSED.finditer(sent.text))
    after: list[re.Match[str]] = []
    if any(not v.group(0).endswith("ing") for v in verbs):
        # finite verbs first; "condemned the move, saying ...": a participle after them
        # only when they report no words
        after = [v for v in verbs if v.group(0).endswith("ing") and not sent.quotes
                 and sent.text[max(0, v.start() - 2) : v.start()] == ", "]
        verbs = [v for v in verbs if not v.group(0).endswith("ing")]
    if sent.quotes:  # the attribution next to a quotation comes first
        spans = [(q.start - sent.s.start, q.end - sent.s.start) for q in sent.quotes]
        verbs.sort(key=lambda v: (
            0 if any(0 <= v.start() - e <= 60 for _, e in spans) else 1,
            min(min(abs(v.start() - e), abs(s0 - v.end())) for s0, e in spans)))
    return verbs + after


def _who(ctx: Context, sent: Sent, vm: re.Match[str], last: Mention | None
         ) -> tuple[list[Mention], str]:
    """The speakers of a speech verb and the part that found them."""
    vpos, vend = sent.s.start + vm.start(), sent.s.start + vm.end()
    for part in PARTS:
        found = part.apply(ctx, sent, vpos, vend, last)
        if found is None:
            continue
        if len(found) == 1 and part.name != "statement.plural_holders":
            found = coordinated(ctx, sent, found[0], vpos)
        return found, part.name
    return [], ""


@dataclass
class _State:
    """What the statement rule remembers while it reads an article."""

    last: Mention | None = None  # the last speaker
    dates: dict[str, str] = field(default_factory=dict)  # each speaker's first date
    document_date: str | None = None  # "a joint statement issued this month" ... "In it"
    draft: Draft | None = None  # the last statement found
    at: int = -1  # the sentence it was found in


def sentence_speakers(ctx: Context, sent: Sent) -> list[Mention]:
    """Who speaks in a sentence, by its first speech verb with a speaker (for rules that
    need the one who makes a claim)."""
    for vm in _verbs(sent):
        speakers, _ = _who(ctx, sent, vm, None)
        speakers = [x for x in speakers if not x.key.startswith("media:")]
        if speakers and _reports_words(sent, vm):
            return speakers
    return []


def statements(ctx: Context, sink: Sink) -> None:
    st = _State()
    for sent in ctx.sents:
        spoken = _speech_dates(ctx, sent)
        if spoken and "statement" in sent.text:
            st.document_date = spoken[0].value
        if not _attributed(ctx, sink, sent, st) and not _pronoun_quote(ctx, sink, sent, st):
            _continued_quote(sent, st)


def _attributed(ctx: Context, sink: Sink, sent: Sent, st: _State) -> bool:
    """The first speech verb of the sentence with a speaker: its statement."""
    for vm in _verbs(sent):
        speakers, rule = _who(ctx, sent, vm, st.last)
        # a news agency that carries the words only relays them
        speakers = [x for x in speakers if not x.key.startswith("media:")]
        if not speakers or not _reports_words(sent, vm):
            continue
        vpos = sent.s.start + vm.start()
        standing, when = _when(ctx, sent, vm, speakers[-1], st.dates, st.document_date)
        if standing:
            continue  # "The IAEA has warned that ...": a standing position, no occasion
        st.last = speakers[-1]
        meeting = _meeting_at(ctx, sent, vpos)
        where = _place_of_speech(ctx, sent, sent.s.start + vm.end())
        quotes = [q.text.rstrip(",. ") for q in sent.quotes]
        for who in speakers:
            st.dates.setdefault(who.key, when or "")
            about = [x.key for x in sent.mentions
                     if x.key not in {s.key for s in speakers} and x.role != "part"
                     and not in_attribution(sent, x, who, vpos) and x.type is not T.MEETING]
            st.draft = _merge_statement(sink, sent, who.key, when, meeting, about, quotes, where,
                                        rule)
            st.at = sent.index
        return True
    return False


def _pronoun_quote(ctx: Context, sink: Sink, sent: Sent, st: _State) -> bool:
    """A quotation with "he said" that no verb above attributed."""
    m = _pronoun_re().search(sent.text)
    found = speak.pronoun(ctx, sent, sent.s.start + m.start(), sent.s.start + m.start(),
                          st.last) if m and sent.quotes else None
    if not found:
        return False
    who = found[0].key
    st.draft = _merge_statement(
        sink, sent, who, st.dates.get(who, ctx.published), None,
        [x.key for x in sent.mentions if x.key != who],
        [q.text.rstrip(",. ") for q in sent.quotes], None, "statement.pronoun")
    st.at = sent.index
    return True


def _continued_quote(sent: Sent, st: _State) -> None:
    """A sentence that is one quotation and nothing else, right after a statement (or
    after 'X said:'), goes on with what that speaker said."""
    if st.draft is None or not sent.quotes or sent.index - st.at > 2:
        return
    q = sent.quotes[0]
    outside = sent.text[: q.start - sent.s.start - 1] + sent.text[q.end - sent.s.start + 1 :]
    if outside.strip(" .,;:") or (sent.mentions and any(
            not (q.start <= x.start < q.end) for x in sent.mentions)):
        return
    quotes = st.draft.fields.setdefault("quotes", [])
    text = q.text.rstrip(",. ")
    if text not in quotes:
        quotes.append(text)
    st.at = sent.index


def _when(ctx: Context, sent: Sent, vm: re.Match[str], speaker: Mention,
          speaker_dates: dict[str, str], document_date: str | None
          ) -> tuple[bool, str | None]:
    """Whether ``vm`` tells a standing position rather than an occasion, and the date of
    what the speaker said."""
    vpos, vend = sent.s.start + vm.start(), sent.s.start + vm.end()
    # a date in what is reported is not the day it was said: "recalled that Russia
    # ratified the treaty in 2000", "said Moscow quit it in 2007"
    dates = [x for x in _speech_dates(ctx, sent) if (x.end <= vpos and not _relative(
             ctx, x, ctx.body[sent.s.start : x.start], ctx.body[x.end : vpos]))
             or (x.start >= vend and not _reported(ctx.body[vend : x.start]))]
    d = next((x for x in dates if vpos <= x.start <= vpos + 40), None) or \
        (dates[0] if dates else None)
    habitual = re.search(r"\b(?:has|have)\s+(?:long\s+|repeatedly\s+|also\s+)?$",
                         sent.text[: vm.start()]) or vm.group(0) in ("says", "warns") \
        or (vm.group(0).endswith("ing") and re.search(
            r"\b(?:has|have)\s+(?:long\s+|repeatedly\s+|also\s+)?\w+ed\b[^.;]*,\s*$",
            sent.text[: vm.start()]))  # "The US has blamed Moscow ..., saying"
    if habitual and d is None and not sent.quotes and speaker.key not in speaker_dates:
        return True, None
    if d is None and document_date and re.search(r"\b(?:the|joint|a)\s+statement\b", sent.text):
        return False, document_date
    return False, d.value if d else speaker_dates.get(speaker.key, ctx.published)


_REPORTED = re.compile(r"\b(?:that|who|which|whose)\b|\b[a-z]+ed\b(?<!\binterviewed)|"
                       r"\b(?:is|was|were|are|has|have|had|will|would)\b")


def _relative(ctx: Context, d: DateMention, before: str, after: str) -> bool:
    """Whether a date before the speech verb is in a relative clause set off by commas
    that dates another, earlier act ("Putin, who signed the treaty in May 2002, urged";
    "this year"), not the day of the saying ("Petrov, who flew home on Monday, told")."""
    if re.search(r",\s+(?:who|which|whose)\b[^,;]*$", before) is None or "," not in after:
        return False
    if len(d.value) < 10 or not ctx.published:
        return True
    return abs((date.fromisoformat(d.value) - date.fromisoformat(ctx.published)).days) > 7


def _reported(between: str) -> bool:
    """Whether a date this far after a speech verb is in what was said (a clause of its
    own), not in a "when" clause that dates the saying ("called it a mistake when it was
    announced last December")."""
    rm = _REPORTED.search(between)
    return rm is not None and not re.search(r"\bwhen\b", between[: rm.start()])


def _speech_dates(ctx: Context, sent: Sent) -> list[DateMention]:
    """The dates that can be a statement's: not one quoted ("especially in 2021"), not the
    start or end of a span ("destroyed since 2002", "not before 2023"), not the year of a
    treaty ("the 2015 nuclear deal")."""
    return [d for d in sent.dates if not any(q.start <= d.start < q.end for q in sent.quotes)
            and not _SPAN_DATE.search(ctx.body, max(0, d.start - 12), d.start)
            and not year_adjective(ctx, d)]


_SPAN_DATE = re.compile(r"\b(?:since|until|till|before|by|from|through|ahead\s+of)\s+"
                        r"(?:the\s+)?$")


_AT_MEETING = re.compile(r"\b(?:at|during|to|telling|told|addressing|addressed|closing|opening|"
                         r"chairing)\s+(?:(?:the|a|an|its)\s+)?$", re.IGNORECASE)


_TO_AUDIENCE = re.compile(r"\b(?:told|telling|addressed|addressing)\s+(?:the\s+|his\s+|her\s+)?"
                          r"(?:delegates|participants|gathering|leaders|counterparts|summit|"
                          r"meeting|session|conference)\b")


_SPOKEN_FROM = re.compile(r"\s+(?:\w+\s+){0,4}?(?:in|at|from)\s+(?:the\s+)?$")


def _meeting_at(ctx: Context, sent: Sent, vpos: int) -> str | None:
    """The meeting a statement was made at: one the sentence names as the occasion
    ("Speaking at the summit", "telling the annual meeting of ..."), or the meeting just
    spoken of when the speaker "told the delegates"."""
    for m in sent.mentions:
        if m.type is T.MEETING and _AT_MEETING.search(ctx.body[max(0, m.start - 30) : m.start]) \
                and not (m.start > vpos and re.search(r"\bthat\b", ctx.body[vpos : m.start])):
            return m.key  # not the meeting of what is reported ("recalled that ... during")
    if _TO_AUDIENCE.search(sent.text):
        i = sent.index
        for s in reversed(ctx.sents[max(0, i - 3) : i + 1]):
            meetings = [m for m in s.mentions if m.type is T.MEETING]
            if meetings:
                return meetings[-1].key
    return None


def _place_of_speech(ctx: Context, sent: Sent, vend: int) -> str | None:
    """Where a statement was made when the attribution says so: "said in an address from
    the White House", "said in Brussels"."""
    for x in sent.mentions:
        if x.start >= vend and x.start - vend < 50 and x.type is T.PLACE \
                and _SPOKEN_FROM.fullmatch(ctx.body[vend : x.start]):
            return x.key
    return None


def _merge_statement(
    sink: Sink,
    sent: Sent,
    speaker: str,
    when: str | None,
    meeting: str | None,
    about: list[str],
    quotes: list[str],
    where: str | None = None,
    rule: str = "",
) -> Draft | None:
    for d in sink.facts:
        if (
            d.kind == "statement"
            and d.fields["speaker"] == speaker
            and (d.fields.get("when") == when or (meeting and d.fields.get("meeting") == meeting))
        ):
            for a in about:
                if a not in d.fields.setdefault("about", []):
                    d.fields["about"].append(a)
            for q in quotes:
                if q not in d.fields.setdefault("quotes", []):
                    d.fields["quotes"].append(q)
            if meeting and not d.fields.get("meeting"):
                d.fields["meeting"] = meeting
            if where and not d.fields.get("where"):
                d.fields["where"] = where
            return d
    return sink.add(
        "statement",
        sent,
        speaker=speaker,
        when=when,
        where=where,
        meeting=meeting,
        about=list(dict.fromkeys(about)),
        quotes=quotes,
        rule=rule,
    )


RULES = (
    Rule(
        name="statement.speech",
        doc="A speaker with a speech verb (said, told, warned ...), with the quotes, the date, "
            "the place and the meeting of the occasion; one statement per speaker and occasion. "
            "Who speaks is found by the first of its parts that applies.",
        apply=statements,
        scope="document",
        phase=40,
        guards=("habitual", "quoted", "opening-phrase"),
        slots=("speaker", "when", "where", "meeting", "about", "quotes"),
        parts=PARTS,
        counter=(
            "The International Atomic Energy Agency has warned that Iran is enriching uranium "
            "under the JCPOA.",
            "Moscow has long opposed the deployment, which it says breaks the INF Treaty.",
            "Putin signed a decree on the CFE Treaty on Monday, according to the document "
            "published online.",
            "The US has long blamed Moscow for the INF Treaty's collapse, saying its missile "
            "broke the treaty.",
            "Defence Minister Jan Kowal accused Moscow of violating the CFE Treaty.",
            "The Kommersant daily reported on Monday the CFE Treaty was dead.",
            "Russia and the United States, both parties to the CWC, declared the largest "
            "stockpiles in 1997.",
            "Belarus declared a moratorium on the CFE Treaty on Monday.",
        ),
    ),
)

"""What the relation patterns see: sentences with their mentions and resolved dates."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kg.extract._dates import DateMention, find_dates
from kg.extract._entities import EntityInfo, Mention, Recognizer
from kg.extract._text import Quote, Sentence, quotes, sentences
from kg.facts import EntityType

T = EntityType
ACTORS = (T.PERSON, T.STATE, T.BLOC, T.ORGANIZATION)
BODIES = (T.STATE, T.BLOC, T.ORGANIZATION)


# a relative clause opened after a comma, up to its verb: ", which ratified"
_RELATIVE = re.compile(r",\s+(?:who|which)\s+(?:had\s+|has\s+|have\s+)?$")


@dataclass
class Sent:
    s: Sentence
    mentions: list[Mention]
    dates: list[DateMention]  # offsets relative to the body
    quotes: list[Quote]
    index: int = 0  # the sentence's place in the article

    @property
    def text(self) -> str:
        return self.s.text

    def local(self, pos: int) -> int:
        return pos - self.s.start

    def date_after(self, pos: int, window: int = 80) -> DateMention | None:
        """The first date within ``window`` after ``pos`` and within the relative clause
        a verb at ``pos`` opens (:meth:`clause_end`)."""
        end = self.clause_end(pos)
        for d in self.dates:
            if pos <= d.start <= pos + window and d.end <= end:
                return d
        return None

    def clause_end(self, pos: int) -> int:
        """Where the relative clause of a verb at ``pos`` ends when the verb opens one
        after a comma ("Russia, which ratified the CTBT, said in 2023": the comma before
        "said", whose date is the main clause's); else the sentence's end."""
        at = self.local(pos)
        if not _RELATIVE.search(self.text, max(0, at - 40), at):
            return self.s.end
        comma = self.text.find(", ", at)
        return self.s.start + comma if comma >= 0 else self.s.end

    def first_date(self) -> DateMention | None:
        return self.dates[0] if self.dates else None

    @cached_property
    def nested(self) -> set[int]:
        """The ids of the mentions that lie inside a longer mention of the sentence."""
        out: set[int] = set()
        reach = -1
        longest: Mention | None = None
        for m in self.mentions:  # sorted by start
            if longest is not None and m.end <= reach and m is not longest and (
                    m.start > longest.start or m.end < longest.end):
                out.add(id(m))
            if m.end > reach:
                reach, longest = m.end, m
        return out

    def of_type(self, *types: EntityType) -> list[Mention]:
        return [m for m in self.mentions if m.type in types]


@dataclass
class Context:
    body: str
    published: str | None
    dateline: str | None
    rec: Recognizer
    sents: list[Sent] = field(default_factory=list)
    #: what helpers work out once per article (their own keys), so that a rule applied
    #: at each of many mentions stays linear in the article
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def entities(self) -> dict[str, EntityInfo]:
        return self.rec.entities


# words of the expressions that take their date from an earlier one
_ANCHORED = re.compile(r"\b(?:[Ll]ater|[Ee]arlier|same|following|next|previous|before|after)\b"
                       r"|\bthat\s+(?:day|week|month|year|[A-Z][a-z]+)\b")


def _dates_in(text: str, pub: datetime.date | None, anchor: str | None) -> list[DateMention]:
    """The dates of a sentence. A relative date after another date is anchored on it:
    "on 27 March, and Turkey's parliament followed three days later"."""
    found = find_dates(text, pub, anchor)  # returns at once when no date word is there
    first = found[0] if found else None
    if first is None or not _ANCHORED.search(text, first.end):
        return found
    # each date after the first is anchored on the one before it: "signed in 1996 and
    # ratified four years later" is 2000 whatever date opens the sentence
    out = [first]
    while True:
        at = out[-1].end
        rest = find_dates(text[at:], pub, out[-1].value)
        if not rest:
            return out
        d = rest[0]
        out.append(DateMention(d.start + at, d.end + at, d.text, d.value, d.relative))


# "MINSK, June 15 (Agency) -": a wire's dateline, the place and then the day it was filed
_DATELINE = re.compile(r"\s*[A-Z][A-Za-z .'’-]{1,30}(?:\s*\([^)]{1,30}\))?,\s+")


def _story_date(body: str, published: datetime.date, dateline: str | None) -> datetime.date:
    """The day relative dates ("yesterday", "on Tuesday") count from: the day of the
    dateline (its place found by the reader, ``dateline``) when it gives one up to a
    week before the publication (a copy posted the next day), else the publication's.

    >>> day = datetime.date(2022, 6, 16)
    >>> _story_date("MINSK, June 15 (Agency) - He left yesterday.", day, "Minsk")
    datetime.date(2022, 6, 15)
    >>> _story_date("On Tuesday, June 14, he left.", day, None)
    datetime.date(2022, 6, 16)
    """
    m = _DATELINE.match(body)
    if m is None or not dateline or not body.lstrip().upper().startswith(dateline.upper()):
        return published
    found = find_dates(body[m.end() : m.end() + 30], published)
    # a day and month ("June 15", its year from the publication), not "Tuesday"
    if not found or found[0].start != 0 or len(found[0].value) != 10 \
            or not re.search(r"\d", found[0].text):
        return published
    day = datetime.date.fromisoformat(found[0].value)
    return day if 0 < (published - day).days <= 7 else published


def build_context(body: str, published: str | None, dateline: str | None) -> Context:
    rec = Recognizer(body, published)
    mentions = rec.run()
    pub = None
    if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        pub = _story_date(body, datetime.date.fromisoformat(published), dateline)
    ctx = Context(body, published, dateline, rec)
    all_quotes = quotes(body)
    anchor: str | None = None
    starts = [m.start for m in mentions]  # mentions come sorted by start
    qstarts = [q.start for q in all_quotes]  # so do quotes
    for s in sentences(body):
        ms = mentions[bisect_left(starts, s.start) : bisect_left(starts, s.end)]
        ds = []
        for d in _dates_in(s.text, pub, anchor):
            value = d.value
            ds.append(DateMention(d.start + s.start, d.end + s.start, d.text, value, d.relative))
            if not d.relative or len(value) >= len(anchor or ""):
                anchor = value
        qs = all_quotes[bisect_left(qstarts, s.start) : bisect_left(qstarts, s.end)]
        ctx.sents.append(Sent(s, ms, ds, qs, len(ctx.sents)))
    return ctx

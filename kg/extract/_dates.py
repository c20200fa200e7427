"""Date expressions in English news sentences, normalised to ISO 8601.

Each expression is resolved at the precision the text gives: ``"1990"``,
``"2007-12"`` or ``"2014-11-18"``.  Expressions that need a reference point are
resolved against the article's publication date (``"on Tuesday"``, ``"last
month"``, ``"27 March"``) or against an *anchor*, the most recent date the
discourse talked about (``"the following June"``, ``"three days later"``).
Expressions that cannot be resolved are left out.

>>> import datetime
>>> pub = datetime.date(2014, 11, 18)
>>> text = "Lavrov said on Tuesday that the 8 December 1987 treaty was over"
>>> [(m.text, m.value) for m in find_dates(text, pub)]
[('Tuesday', '2014-11-18'), ('8 December 1987', '1987-12-08')]
>>> [(m.text, m.value) for m in find_dates("Two days later they met.", pub, "2019-02-01")]
[('Two days later', '2019-02-03')]
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "precision", "weekday_before"]


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets in the given text
    end: int
    text: str
    value: str  # ISO at the text's precision: "YYYY", "YYYY-MM", "YYYY-MM-DD"
    relative: bool  # resolved against published/anchor rather than written out


# --------------------------------------------------------------------------- helpers

_Anchor = tuple[int, int | None, int | None]  # year, month, day


def precision(value: str) -> str:
    """``"year"``, ``"month"`` or ``"day"`` for an ISO value of that precision.

    >>> precision("1990"), precision("2007-12"), precision("2014-11-18")
    ('year', 'month', 'day')
    """
    parts = value.count("-")
    if parts == 0:
        return "year"
    if parts == 1:
        return "month"
    return "day"


def weekday_before(published: datetime.date, weekday_index: int) -> datetime.date:
    """The most recent date on or before *published* whose ``weekday()`` is *weekday_index*.

    >>> weekday_before(datetime.date(2014, 11, 18), 1)  # a Tuesday itself
    datetime.date(2014, 11, 18)
    >>> weekday_before(datetime.date(2014, 11, 18), 4)
    datetime.date(2014, 11, 14)
    """
    return published - datetime.timedelta(days=(published.weekday() - weekday_index) % 7)


def _parse_anchor(anchor: str | None) -> _Anchor | None:
    if not anchor:
        return None
    m = _ANCHOR_RE.fullmatch(anchor.strip())
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if month is not None and day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
    return (year, month, day)


def _iso_day(d: datetime.date) -> str:
    return d.isoformat()


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _iso_year(year: int) -> str:
    return f"{year:04d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_WEEKDAY_NUM = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "ninety": 90, "hundred": 100, "a couple of": 2, "a couple": 2,
}  # fmt: skip


def _month_of(name: str) -> int:
    return _MONTH_NUM[name.rstrip(".").lower()[:3]]


def _number(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


# --------------------------------------------------------------------------- patterns
#
# Scanning works from *trigger tokens* (digit runs, month and weekday names, a few
# keywords) found by two cheap regexes; each trigger is then checked with anchored
# regexes forward and with a look at the few words before it.  A regex per
# construction run over the whole sentence would be several times slower.

_ANCHOR_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MON = rf"(?P<mon>(?:{_FULL})\b|(?:{_ABBR})\b\.?)"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_ANY = r"(?P<y>[12]\d{3})"
_END_NUM = r"\b(?![.,:]?\d)"  # not "1,700", "2019.5", "20:15"
_OPT_YEAR = rf"(?:,?\s+{_YEAR_ANY}{_END_NUM})?"

_DIGITS = re.compile(r"[0-9]+")
_KEYWORDS = (
    "today|Today|tonight|Tonight|yesterday|Yesterday|tomorrow|Tomorrow|days|day|weeks|week"
    "|months|month|years|year|hours|hour|Hours|Hour|minutes|minute|Minutes|moments|moment|Moments"
)
_WORD_TRIGGER = re.compile(rf"(?:{_WD}|{_FULL}|{_ABBR}|{_KEYWORDS})\b")

# "8 December 1987", "1st of July 1968", "27 March"
_DAY_MONTH = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MON}{_OPT_YEAR}")
# "December 8, 1987", "Dec. 8", "March 27"
_MONTH_DAY = re.compile(rf"{_MON}\s+{_DAY}(?:\b,?\s+{_YEAR_ANY}{_END_NUM}|{_END_NUM})")
# "May 1972", "December of 2007"
_MONTH_YEAR = re.compile(rf"{_MON},?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d){_END_NUM}")
# "Tuesday, December 8, 1987", "Friday, 5 October", "Tuesday the 8th of December"
# "Friday, 27 March", "Friday (27 March 2020)": the day written out is the date
_WD_DATE = re.compile(
    rf"(?:{_WD}),?\s+(?P<paren>\()?(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}{_OPT_YEAR}"
    rf"|(?P<mon2>(?:{_FULL})\b|(?:{_ABBR})\b\.?)\s+(?P<d2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    rf"(?:\b,?\s+(?P<y2>[12]\d{{3}}){_END_NUM}|{_END_NUM}))(?(paren)\))"
)
# "June this year", "October of that year"
_MONTH_REL_YEAR = re.compile(
    r",?\s+(?:of\s+)?(?P<rel>(?i:this|last|next|that|the\s+same|the\s+following|the\s+next"
    r"|the\s+previous)\s+year)\b(?!-)"
)
# what follows a unit: "days later", "a year ago", "the day before."
_AFTER_UNIT = re.compile(
    r"\s+(?P<dir>(?i:later|earlier|afterwards?|ago|before|after))\b(?P<end>\s*(?:[,.;:)]|$))?"
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words that make a preceding number a count or a measure, not a year or a day.
_UNITS = _words(
    """km kms kilometre kilometres kilometer kilometers mile miles nm metre metres meter meters
    m kg kilogram kilograms kilogrammes ton tons tonne tonnes kt kiloton kilotons megaton
    megatons lb lbs pound pounds feet ft foot mw megawatts mph
    missile missiles troop troops warhead warheads tank tanks people persons soldiers
    personnel launcher launchers weapon weapons aircraft jet jets plane planes drone drones
    rocket rockets shell shells rounds unit units site sites servicemen inspectors
    inspections times centrifuge centrifuges men women children residents refugees votes
    delegates dollars euros barrels percent per % gmt utc bst est edt cet cest msk local
    hours hrs member members strong states countries nations vehicles ships submarines
    bombers fighters"""
)
# Adjectives that may sit between a count and its unit ("2000 nuclear warheads").
_MODIFIERS = _words(
    """nuclear strategic tactical deployed non-deployed active additional more new
    ballistic cruise russian american us u.s. foreign military combat armed nato
    intermediate-range short-range long-range medium-range modern"""
)
# Words that make a following number an identifier ("Resolution 2094", "Flight 2019").
_ID_WORDS = _words(
    """resolution resolutions no number nos article articles flight route page pages
    paragraph section chapter model type code room serial item items annex
    decree order law bill act protocol"""
)
_YEAR_PREPS = _words("in since until till by before after during from of")
_MONTH_PREPS = _words(
    "in since until till by from through throughout during before after of for between and or to"
)
_MONTH_MODS = _words("early mid late last next this")
_PERIOD_MODS = _words("early mid late")
_BAD_WEEKDAY_PREFIX = _words("good black bloody super cyber")
_STEP_WORDS = {"following": 1, "next": 1, "subsequent": 1, "previous": -1, "preceding": -1}
_FEW_WORDS = _words("several some few")
_OPENERS = "(\"'“‘["

_NEXT_WORDS = re.compile(r"[\s\-]*([A-Za-z%$][A-Za-z.\-]*|%)?(?:\s+([A-Za-z][A-Za-z.\-]*))?")


def _next_words(text: str, end: int) -> tuple[str, str]:
    m = _NEXT_WORDS.match(text, end)
    if m is None:  # pragma: no cover - the pattern always matches
        return "", ""
    first = (m.group(1) or "").lower().rstrip(".,")
    second = (m.group(2) or "").lower().rstrip(".,")
    return first, second


def _word_before(text: str, end: int) -> tuple[int, str]:
    """(start, lowercased word) of the whitespace-separated word before *end*; (end, "") if none."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0:
        return end, ""
    lo = max(0, i - 30)
    j = max(text.rfind(" ", lo, i), text.rfind("\n", lo, i), lo - 1) + 1
    while j < i and text[j] in _OPENERS:
        j += 1
    return j, text[j:i].lower()


def _words_before(text: str, end: int, k: int) -> list[tuple[int, str]]:
    """Up to *k* words before *end*, nearest first."""
    out: list[tuple[int, str]] = []
    pos = end
    for _ in range(k):
        start, word = _word_before(text, pos)
        if not word:
            break
        out.append((start, word))
        pos = start
    return out


def _hyphen_prefix(text: str, start: int) -> tuple[int, str]:
    """(start, word) for "mid-" in "mid-2019" when text[start-1] is a hyphen; else (start, "")."""
    if start < 2 or text[start - 1] != "-":
        return start, ""
    j = start - 1
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return j, text[j : start - 1].lower()


def _is_measure(text: str, start: int, end: int) -> bool:
    """Whether the number text[start:end] is a count or a measure ("2000 km")."""
    first, second = _next_words(text, end)
    if first in _UNITS:
        return True
    if first in _MODIFIERS and second in _UNITS:
        return _word_before(text, start)[1] not in _YEAR_PREPS
    return False


def _count_before(text: str, end: int) -> tuple[int, int] | None:
    """(start, n) for a count word or number right before *end* ("three", "12", "a couple of")."""
    words = _words_before(text, end, 3)
    if not words:
        return None
    start, w = words[0]
    if w == "of" and [x[1] for x in words[1:3]] == ["couple", "a"]:
        return words[2][0], 2
    if w == "couple" and len(words) > 1 and words[1][1] == "a":
        return words[1][0], 2
    if w.isdigit() and len(w) <= 3:
        return start, int(w)
    n = _NUMBER_WORDS.get(w)
    return (start, n) if n is not None else None


# --------------------------------------------------------------------------- resolution

_Cand = tuple[int, int, int, str, bool]  # start, end, rank, value, relative


def _offset(year: int, month: int | None, day: int | None, unit: str, n: int) -> str | None:
    """(year, month, day) moved by n units, at the precision of the unit."""
    if unit == "year":
        return _iso_year(year + n)
    if month is None:
        return None
    if unit == "month":
        return _iso_month(*_shift_month(year, month, n))
    if day is None:
        return None
    days = n * 7 if unit == "week" else n
    try:
        d = datetime.date(year, month, day) + datetime.timedelta(days=days)
    except OverflowError:
        return None
    return _iso_day(d)


def _day_month_value(
    day: str, mon: str, year: str | None, pub: datetime.date | None
) -> tuple[str, bool] | None:
    if year is not None:
        d = _safe_date(int(year), _month_of(mon), int(day))
        return (_iso_day(d), False) if d else None
    if pub is None:
        return None
    d = _safe_date(pub.year, _month_of(mon), int(day))
    return (_iso_day(d), True) if d else None


def _day_rel_year(text: str, m: re.Match[str], pub: datetime.date | None
                   ) -> tuple[int, str] | None:
    """A day without a year followed by "last year", "this year", "next year":
    "on May 8 last year"."""
    if m.group("y") or pub is None or not m.group("mon") or not m.group("d"):
        return None
    rm = _MONTH_REL_YEAR.match(text, m.end())
    rel = " ".join(rm.group("rel").lower().split()) if rm else ""
    step = {"this year": 0, "last year": -1, "next year": 1}.get(rel)
    if rm is None or step is None:
        return None
    d = _safe_date(pub.year + step, _month_of(m.group("mon")), int(m.group("d")))
    return (rm.end(), _iso_day(d)) if d else None


def _at_digits(text: str, p: int, e: int, pub: datetime.date | None, out: list[_Cand]) -> None:
    prev = text[p - 1] if p else " "
    if prev.isalnum() or prev in ",.":
        return
    m = _DAY_MONTH.match(text, p)
    if m is not None:
        rel_day = _day_rel_year(text, m, pub)
        got = _day_month_value(m.group("d"), m.group("mon"), m.group("y"), pub)
        if rel_day is not None:
            out.append((p, rel_day[0], 0, rel_day[1], True))
        elif got is not None:
            out.append((p, m.end(), 0, *got))
    if e - p != 4 or prev in "$€£#/" or not ("1900" <= text[p:e] <= "2099"):
        return
    nxt = text[e : e + 2]
    if nxt[:1].isalnum() or (len(nxt) == 2 and nxt[0] in ".,:" and nxt[1].isdigit()):
        return
    if _is_measure(text, p, e):
        return
    start, mod = _hyphen_prefix(text, p)
    if not mod:
        start, mod = _word_before(text, p)
    if mod not in _PERIOD_MODS:
        if mod.rstrip(".") in _ID_WORDS:
            return  # "Resolution 2094", "No. 2019"
        start = p
    out.append((start, e, 6, text[p:e], False))


def _at_month(
    text: str,
    p: int,
    e: int,
    pub: datetime.date | None,
    anc: _Anchor | None,
    out: list[_Cand],
) -> None:
    if p and text[p - 1].isalnum():
        return
    m = _MONTH_DAY.match(text, p)
    if m is not None and (m.group("y") or not _is_measure(text, m.start("d"), m.end())):
        rel_day = _day_rel_year(text, m, pub)
        got = _day_month_value(m.group("d"), m.group("mon"), m.group("y"), pub)
        if rel_day is not None:
            out.append((p, rel_day[0], 1, rel_day[1], True))
        elif got is not None:
            out.append((p, m.end(), 1, *got))
    pstart, pmod = _hyphen_prefix(text, p)
    if not pmod:
        pstart, pmod = _word_before(text, p)
    m = _MONTH_YEAR.match(text, p)
    if m is not None and not _is_measure(text, m.start("y"), m.end()):
        start = pstart if pmod in _PERIOD_MODS else p
        out.append(
            (start, m.end(), 2, _iso_month(int(m.group("y")), _month_of(m.group("mon"))), False)
        )
    name = text[p:e]
    if name not in _FULL_NAMES:
        return
    month = _month_of(name)
    words = _words_before(text, p, 2)
    w1 = words[0][1] if words else ""
    w2 = words[1][1] if len(words) > 1 else ""
    # anchor: "that October", "the following June", "the previous March"
    if w1 == "that" or (w2 == "the" and w1 in _STEP_WORDS):
        if anc is not None:
            out.append(
                (words[0 if w1 == "that" else 1][0], e, 3, _anchor_month(anc, w1, month), True)
            )
        return
    # published: "in June", "last July", "early June", "March this year"
    mod = pmod if pmod in _MONTH_MODS else ""
    start = pstart if mod else p
    prep = _word_before(text, pstart)[1] if mod else w1
    rm = _MONTH_REL_YEAR.match(text, e)
    rel = " ".join(rm.group("rel").lower().split()) if rm else ""
    if not (mod or rel or prep in _MONTH_PREPS):
        return
    if name == "May" and not (mod or rel) and prep in {"and", "or", "to", "by", "of"}:
        return  # "Johnson and May", "a speech by May"
    end = rm.end() if rm else e
    if rel in {"that year", "the same year", "the following year", "the next year",
               "the previous year"}:  # fmt: skip
        if anc is not None:
            offset = {"the following year": 1, "the next year": 1, "the previous year": -1}
            out.append((start, end, 3, _iso_month(anc[0] + offset.get(rel, 0), month), True))
        return
    if pub is None:
        return
    if rel:
        year = pub.year + {"this year": 0, "last year": -1, "next year": 1}[rel]
    elif mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    elif _FUTURE.search(text[max(0, p - 80) : p].rsplit(". ", 1)[-1]):
        year = pub.year if month >= pub.month else pub.year + 1  # "will open in March"
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    out.append((start, end, 4, _iso_month(year, month), True))


# a clause about what is to come: a bare month name in it is the next such month
_FUTURE = re.compile(r"\b(?:will|shall|would|(?:is|are)\s+(?:due|set|scheduled|expected)\s+to|"
                     r"upcoming|forthcoming|to\s+be\s+held)\b")


def _anchor_month(anc: _Anchor, word: str, month: int) -> str:
    year, amonth = anc[0], anc[1]
    step = _STEP_WORDS.get(word, 0)
    if step == 0:  # "that October"
        return _iso_month(year, month)
    if step < 0:
        if amonth is None:
            return _iso_month(year - 1, month)
        return _iso_month(year if month < amonth else year - 1, month)
    if amonth is None:
        return _iso_month(year + 1, month)
    return _iso_month(year if month > amonth else year + 1, month)


def _at_weekday(text: str, p: int, e: int, pub: datetime.date | None, out: list[_Cand]) -> None:
    if p and text[p - 1].isalnum():
        return
    m = _WD_DATE.match(text, p)
    if m is not None:
        if m.group("d2"):
            got = _day_month_value(m.group("d2"), m.group("mon2"), m.group("y2"), pub)
        else:
            got = _day_month_value(m.group("d"), m.group("mon"), m.group("y"), pub)
        if got is not None:
            out.append((p, m.end(), 0, *got))
    if pub is None:
        return
    start, mod = _word_before(text, p)
    if mod in _BAD_WEEKDAY_PREFIX:
        return
    idx = _WEEKDAY_NUM[text[p:e].lower()]
    if mod in {"last", "past"}:
        d = weekday_before(pub - datetime.timedelta(days=1), idx)
    elif mod in {"next", "coming"}:
        d = pub + datetime.timedelta(days=(idx - pub.weekday() - 1) % 7 + 1)
    else:
        d = weekday_before(pub, idx)
        if mod != "this":
            start = p
    out.append((start, e, 5, _iso_day(d), True))


def _at_unit(
    text: str,
    p: int,
    e: int,
    pub: datetime.date | None,
    anc: _Anchor | None,
    out: list[_Cand],
) -> None:
    if (p and text[p - 1].isalnum()) or text[e : e + 1] == "-":
        return
    word = text[p:e].lower()
    unit = word.rstrip("s")
    after = _AFTER_UNIT.match(text, e)
    direction = after.group("dir").lower() if after else ""
    if unit in {"hour", "minute", "moment"}:
        if anc is None or direction not in {"later", "earlier", "afterward", "afterwards"}:
            return
        start = p
        cnt = _count_before(text, p)
        if cnt is not None:
            start = cnt[0]
        else:
            ws = _words_before(text, p, 2)
            if ws and ws[0][1] in _FEW_WORDS:
                few_a = ws[0][1] == "few" and len(ws) > 1 and ws[1][1] == "a"
                start = ws[1][0] if few_a else ws[0][0]
        value = _offset(*anc, "day", 0)
        if value is not None and after is not None:
            out.append((start, after.end("dir"), 7, value, True))
        return
    if word in {"today", "tonight", "yesterday", "tomorrow"}:
        if pub is not None:
            delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
            out.append((p, e, 8, _iso_day(pub + datetime.timedelta(days=delta)), True))
        return
    # "three days later", "a year ago", "two weeks earlier"
    if after is not None and direction in {"later", "earlier", "afterward", "afterwards", "ago"}:
        cnt = _count_before(text, p)
        if cnt is not None:
            start, n = cnt
            if direction == "ago":
                value = None if pub is None else _offset(pub.year, pub.month, pub.day, unit, -n)
            else:
                step = -n if direction == "earlier" else n
                value = None if anc is None else _offset(*anc, unit, step)
            if value is not None:
                out.append((start, after.end("dir"), 7, value, True))
            return
    if word != unit or unit == "week":
        return
    words = _words_before(text, p, 3)
    w = [x[1] for x in words] + ["", "", ""]
    # published: "last month", "this year", "earlier this year"
    if w[0] in {"this", "last", "next"} and unit in {"year", "month"}:
        if w[1] == "the" or pub is None:
            return
        start = words[0][0]
        if w[0] == "this" and w[1] in {"earlier", "later"}:
            start = words[1][0]
        step = {"this": 0, "last": -1, "next": 1}[w[0]]
        if unit == "year":
            value = _iso_year(pub.year + step)
        else:
            value = _iso_month(*_shift_month(pub.year, pub.month, step))
        out.append((start, e, 8, value, True))
        return
    if anc is None:
        return
    # anchor: "that day", "the same day", "later that year", "that same month"
    start = -1
    if w[0] == "that":
        start = words[0][0]
    elif (w[0] == "same" and w[1] in {"the", "that"}) or (w[0] == "very" and w[1] == "the"):
        start = words[1][0]
    if start >= 0:
        k = 1 if w[0] == "that" else 2
        if w[k - 1] == "that" and w[k] in {"later", "earlier"}:
            start = words[k][0]
        value = _offset(*anc, unit, 0)
        if value is not None:
            out.append((start, e, 7, value, True))
        return
    # anchor: "the following day", "the previous year"
    if w[0] in _STEP_WORDS and w[1] == "the":
        value = _offset(*anc, unit, _STEP_WORDS[w[0]])
        if value is not None:
            out.append((words[1][0], e, 7, value, True))
        return
    # anchor: "the day before.", "the day after,"
    if (
        w[0] == "the"
        and after is not None
        and after.group("end") is not None
        and direction in {"before", "after"}
    ):
        value = _offset(*anc, unit, -1 if direction == "before" else 1)
        if value is not None:
            out.append((words[0][0], after.end("dir"), 7, value, True))


_FULL_NAMES = frozenset(_FULL.split("|"))
_WEEKDAY_NAMES = frozenset(_WD.split("|"))

# "On this day in 1985" (an anniversary piece): that year, on the publication's day
_THIS_DAY = re.compile(r"\b[Oo]n\s+this\s+(?:day|date)\s+in\s+(?P<y>1[89]\d\d|20\d\d)\b")


def _on_this_day(text: str, pub: datetime.date, out: list[_Cand]) -> None:
    for m in _THIS_DAY.finditer(text):
        d = _safe_date(int(m.group("y")), pub.month, pub.day)
        if d is not None and d <= pub:
            out.append((m.start(), m.end(), 0, _iso_day(d), True))


def find_dates(
    text: str, published: datetime.date | None, anchor: str | None = None
) -> list[DateMention]:
    """All date expressions in text, in order, non-overlapping (longest match wins).

    *published* resolves "on Tuesday", "last month", "27 March"; *anchor* (ISO at
    any precision) resolves "the following June", "three days later".  Expressions
    that cannot be resolved are skipped.

    >>> import datetime
    >>> [m.value for m in find_dates("in June and in 1990", datetime.date(2021, 12, 18))]
    ['2021-06', '1990']
    >>> [m.value for m in find_dates("On this day in 1985, they met", datetime.date(2012, 11, 19))]
    ['1985-11-19']
    """
    if not text:
        return []
    anc = _parse_anchor(anchor)
    found: list[_Cand] = []
    for m in _DIGITS.finditer(text):
        _at_digits(text, m.start(), m.end(), published, found)
    if published is not None:
        _on_this_day(text, published, found)
    for m in _WORD_TRIGGER.finditer(text):
        p, e = m.span()
        token = m.group()
        if token in _WEEKDAY_NAMES:
            _at_weekday(text, p, e, published, found)
        elif token[0].isupper() and token[:3] in _MONTH_ABBRS:
            _at_month(text, p, e, published, anc, found)
        else:
            _at_unit(text, p, e, published, anc, found)
    if not found:
        return []
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    chosen: list[_Cand] = []
    for cand in found:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    chosen.sort()
    return [DateMention(s, e, text[s:e], value, rel) for s, e, _, value, rel in chosen]


_MONTH_ABBRS = frozenset(a[:3] for a in _ABBR.split("|")) | {"May"}

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
from collections.abc import Callable
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

_ANCHOR_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MON = rf"(?P<mon>(?:{_FULL})\b|(?:{_ABBR})\b\.?)"
_FULLMON = rf"(?P<mon>(?:{_FULL}))\b"
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WD_PREFIX = rf"(?:(?:{_WD}),?\s+(?:the\s+)?)?"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_ANY = r"(?P<y>[12]\d{3})"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_NUM = (
    r"(?P<n>\d{1,3}|a\s+couple(?:\s+of)?|an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|thirty|forty|fifty|sixty|ninety|hundred)"
)
_END_NUM = r"\b(?![.,:]?\d)"  # not "1,700", "2019.5", "20:15"

# "8 December 1987", "Tuesday, 1st of July 1968"
_DMY = re.compile(rf"(?<![\d,.])\b{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR_ANY}{_END_NUM}")
# "December 8, 1987", "Dec. 8, 1987"
_MDY = re.compile(rf"\b{_WD_PREFIX}{_MON}\s+{_DAY}\b,?\s+{_YEAR_ANY}{_END_NUM}")
# "27 March" (year from published)
_DM = re.compile(rf"(?<![\d,.])\b{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MON}")
# "March 27" (year from published)
_MD = re.compile(rf"\b{_WD_PREFIX}{_MON}\s+{_DAY}{_END_NUM}")
# "May 1972", "mid-December 2019", "December of 2007"
_MY = re.compile(
    rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?\b{_MON},?\s+(?:of\s+)?{_YEAR}{_END_NUM}"
)
# "1990", "mid-2019", "early 2020"
_Y = re.compile(
    rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?(?<![\d,.$€£#/])\b{_YEAR}{_END_NUM}(?!\s*%)"
)
# "in June", "last July", "early June", "March this year", "in October that year"
_BARE_MON = re.compile(
    r"(?:\b(?P<prep>(?i:in|since|until|till|by|from|through|throughout|during|before|after"
    r"|of|for|between|and|or|to))\s+)?"
    rf"(?P<m>(?:\b(?P<mod>(?i:early|mid|late|last|next|this))[\s-]+)?{_FULLMON}"
    r"(?:,?\s+(?:of\s+)?(?P<rel>(?i:this|last|next|that|the\s+same|the\s+following"
    r"|the\s+next|the\s+previous)\s+year)\b)?)"
)
# "on Tuesday", "last Friday", "Tuesday's"
_WEEKDAY = re.compile(rf"(?:\b(?P<mod>(?i:last|next|this|coming|past))\s+)?\b(?P<wd>{_WD})\b")
# "today", "last month", "earlier this year", "a year ago"
_PUB_REL = re.compile(
    r"(?<![Tt]he )(?<![Tt]he past )\b(?i:(?P<kw>today|tonight|yesterday|tomorrow)"
    r"|(?P<ty>(?:earlier|later)\s+this|this|last|next)\s+(?P<tu>year|month)"
    rf"|{_NUM}\s+(?P<u>day|week|month|year)s?\s+ago)\b(?!-)"
)
# "the following June", "that October", "the previous March"
_ANCHOR_MON = re.compile(
    rf"\b(?P<rel>(?i:the\s+(?:following|next|subsequent|previous|preceding)|that))\s+{_FULLMON}"
)
# "the same day", "the next day", "later that year", "a week later", "hours later"
_ANCHOR_REL = re.compile(
    r"\b(?i:(?P<same>(?:(?:later|earlier)\s+)?(?:that|the\s+same|the\s+very)(?:\s+same)?)"
    r"\s+(?P<su>day|month|year)"
    r"|the\s+(?P<fw>following|next|subsequent|previous|preceding)\s+(?P<fu>day|month|year)"
    r"|the\s+(?P<du>day|month|year)\s+(?P<dd>before|after)"
    rf"|{_NUM}\s+(?P<u>day|week|month|year)s?\s+(?P<dir>later|earlier|afterwards?)"
    r"|(?P<hours>(?:(?:a\s+few|several|some|a\s+couple\s+of|\d{1,2}|an?|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?:hours?|minutes?|moments?)"
    r"\s+(?:later|earlier|afterwards?)))\b(?!-)"
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
    paragraph section chapter model type code room serial $ € £ # item items annex
    decree order law bill act protocol"""
)
_YEAR_PREPS = _words("in since until till by before after during from of")
_BAD_WEEKDAY_PREFIX = _words("good black bloody super cyber")

_NEXT_WORDS = re.compile(r"[\s\-]*([A-Za-z%$][A-Za-z.\-]*|%)?(?:\s+([A-Za-z][A-Za-z.\-]*))?")
_PREV_WORD = re.compile(r"([^\s\d]+)\s*$")


def _next_words(text: str, end: int) -> tuple[str, str]:
    m = _NEXT_WORDS.match(text, end)
    if m is None:  # pragma: no cover - the pattern always matches
        return "", ""
    first = (m.group(1) or "").lower().rstrip(".,")
    second = (m.group(2) or "").lower().rstrip(".,")
    return first, second


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower().rstrip(".,") if m else ""


def _is_measure(text: str, start: int, end: int) -> bool:
    """Whether the number text[start:end] is a count or a measure ("2000 km")."""
    first, second = _next_words(text, end)
    if first in _UNITS:
        return True
    if first in _MODIFIERS and second in _UNITS:
        return _prev_word(text, start) not in _YEAR_PREPS
    return False


# --------------------------------------------------------------------------- resolvers

_Resolved = tuple[str, bool] | None  # value, relative
_Resolver = Callable[[re.Match[str], str, datetime.date | None, _Anchor | None], _Resolved]


def _r_dmy(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    d = _safe_date(int(m.group("y")), _month_of(m.group("mon")), int(m.group("d")))
    return (_iso_day(d), False) if d else None


def _r_dm(m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None) -> _Resolved:
    if pub is None:
        return None
    d = _safe_date(pub.year, _month_of(m.group("mon")), int(m.group("d")))
    return (_iso_day(d), True) if d else None


def _r_md(m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None) -> _Resolved:
    if pub is None or _is_measure(text, m.start("d"), m.end()):
        return None
    d = _safe_date(pub.year, _month_of(m.group("mon")), int(m.group("d")))
    return (_iso_day(d), True) if d else None


def _r_my(m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None) -> _Resolved:
    if _is_measure(text, m.start("y"), m.end()):
        return None
    return _iso_month(int(m.group("y")), _month_of(m.group("mon"))), False


def _r_year(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    start = m.start("y")
    if _is_measure(text, start, m.end()):
        return None
    if m.group("mod") is None and _prev_word(text, start) in _ID_WORDS:
        return None
    return m.group("y"), False


def _r_bare_mon(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    prep = (m.group("prep") or "").lower()
    mod = (m.group("mod") or "").lower()
    rel = " ".join((m.group("rel") or "").lower().split())
    mon_name = m.group("mon")
    if not (prep or mod or rel):
        return None
    if mon_name == "May" and not (mod or rel) and prep in {"and", "or", "to", "by", "of"}:
        return None  # "Johnson and May", "a speech by May"
    month = _month_of(mon_name)
    if rel in {"that year", "the same year", "the following year", "the next year",
               "the previous year"}:  # fmt: skip
        if anc is None:
            return None
        offset = {"the following year": 1, "the next year": 1, "the previous year": -1}
        return _iso_month(anc[0] + offset.get(rel, 0), month), True
    if pub is None:
        return None
    if rel:
        year = pub.year + {"this year": 0, "last year": -1, "next year": 1}[rel]
    elif mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return _iso_month(year, month), True


def _r_weekday(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    if pub is None or _prev_word(text, m.start()) in _BAD_WEEKDAY_PREFIX:
        return None
    idx = _WEEKDAY_NUM[m.group("wd").lower()]
    mod = (m.group("mod") or "").lower()
    if mod in {"last", "past"}:
        d = weekday_before(pub - datetime.timedelta(days=1), idx)
    elif mod in {"next", "coming"}:
        d = pub + datetime.timedelta(days=(idx - pub.weekday() - 1) % 7 + 1)
    else:
        d = weekday_before(pub, idx)
    return _iso_day(d), True


def _r_pub_rel(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    if pub is None:
        return None
    kw = (m.group("kw") or "").lower()
    if kw:
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[kw]
        return _iso_day(pub + datetime.timedelta(days=delta)), True
    if m.group("tu"):
        ty = m.group("ty").lower().split()[-1]
        step = {"this": 0, "last": -1, "next": 1}[ty]
        if m.group("tu").lower() == "year":
            return _iso_year(pub.year + step), True
        return _iso_month(*_shift_month(pub.year, pub.month, step)), True
    n = _number(m.group("n"))
    if n is None:  # pragma: no cover - the pattern only admits known numbers
        return None
    return _offset(pub.year, pub.month, pub.day, m.group("u").lower(), -n)


def _offset(year: int, month: int | None, day: int | None, unit: str, n: int) -> _Resolved:
    """(year, month, day) moved by n units, at the precision of the unit."""
    if unit == "year":
        return _iso_year(year + n), True
    if month is None:
        return None
    if unit == "month":
        return _iso_month(*_shift_month(year, month, n)), True
    if day is None:
        return None
    days = n * 7 if unit == "week" else n
    try:
        d = datetime.date(year, month, day) + datetime.timedelta(days=days)
    except OverflowError:
        return None
    return _iso_day(d), True


def _anchor_value(anc: _Anchor, unit: str) -> _Resolved:
    return _offset(anc[0], anc[1], anc[2], unit, 0)


def _r_anchor_mon(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    if anc is None:
        return None
    rel = m.group("rel").lower().split()[-1]
    month = _month_of(m.group("mon"))
    year, amonth = anc[0], anc[1]
    if rel == "that":
        return _iso_month(year, month), True
    if rel in {"previous", "preceding"}:
        if amonth is None:
            return _iso_month(year - 1, month), True
        return _iso_month(year if month < amonth else year - 1, month), True
    if amonth is None:
        return _iso_month(year + 1, month), True
    return _iso_month(year if month > amonth else year + 1, month), True


def _r_anchor_rel(
    m: re.Match[str], text: str, pub: datetime.date | None, anc: _Anchor | None
) -> _Resolved:
    if anc is None:
        return None
    if m.group("su"):
        return _anchor_value(anc, m.group("su").lower())
    if m.group("fu"):
        step = -1 if m.group("fw").lower() in {"previous", "preceding"} else 1
        return _offset(*anc, m.group("fu").lower(), step)
    if m.group("du"):
        step = -1 if m.group("dd").lower() == "before" else 1
        return _offset(*anc, m.group("du").lower(), step)
    if m.group("hours"):
        return _anchor_value(anc, "day")
    n = _number(m.group("n"))
    if n is None:  # pragma: no cover - the pattern only admits known numbers
        return None
    if m.group("dir").lower() == "earlier":
        n = -n
    return _offset(*anc, m.group("u").lower(), n)


# Ordered; ties in length go to the earlier rule.
_RULES: tuple[tuple[re.Pattern[str], _Resolver, str | None], ...] = (
    (_DMY, _r_dmy, None),
    (_MDY, _r_dmy, None),
    (_MY, _r_my, None),
    (_DM, _r_dm, None),
    (_MD, _r_md, None),
    (_ANCHOR_MON, _r_anchor_mon, None),
    (_BARE_MON, _r_bare_mon, "m"),
    (_ANCHOR_REL, _r_anchor_rel, None),
    (_PUB_REL, _r_pub_rel, None),
    (_WEEKDAY, _r_weekday, None),
    (_Y, _r_year, None),
)

# Cheap pre-check: every rule needs a digit or one of these words.
_TRIGGER = re.compile(
    rf"\d|{_FULL}|{_ABBR}|{_WD}|(?i:today|tonight|yesterday|tomorrow|year|month|week|day"
    r"|hours?|minutes?|moments?)"
)


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
    """
    if not text or _TRIGGER.search(text) is None:
        return []
    anc = _parse_anchor(anchor)
    found: list[tuple[int, int, int, str, bool]] = []  # start, end, rule, value, relative
    for rank, (pattern, resolve, group) in enumerate(_RULES):
        for m in pattern.finditer(text):
            resolved = resolve(m, text, published, anc)
            if resolved is None:
                continue
            start, end = m.span(group) if group else m.span()
            found.append((start, end, rank, *resolved))
    if not found:
        return []
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    chosen: list[tuple[int, int, int, str, bool]] = []
    for cand in found:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    chosen.sort()
    return [DateMention(s, e, text[s:e], value, rel) for s, e, _, value, rel in chosen]

"""Date expressions resolved against the publication date and the discourse anchor."""

from __future__ import annotations

import datetime
import doctest
import itertools

import pytest

from kg.extract import _dates
from kg.extract._dates import DateMention, find_dates, precision, weekday_before

D = datetime.date
PUB = D(2014, 11, 18)  # a Tuesday

Case = tuple[str, datetime.date | None, str | None, list[tuple[str, str]]]


def pairs(text: str, published: datetime.date | None, anchor: str | None) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in find_dates(text, published, anchor)]


ABSOLUTE: list[Case] = [
    ("the treaty signed on 8 December 1987", PUB, None, [("8 December 1987", "1987-12-08")]),
    ("signed December 8, 1987, in Washington", PUB, None, [("December 8, 1987", "1987-12-08")]),
    ("signed Dec. 8, 1987, in Washington", PUB, None, [("Dec. 8, 1987", "1987-12-08")]),
    ("It withdrew on 2 February 2019.", PUB, None, [("2 February 2019", "2019-02-02")]),
    ("the SALT I accord of May 1972", PUB, None, [("May 1972", "1972-05")]),
    ("talks began in December 2007", PUB, None, [("December 2007", "2007-12")]),
    ("November 2020 was the deadline", PUB, None, [("November 2020", "2020-11")]),
    ("the treaty entered into force in 1990", PUB, None, [("1990", "1990")]),
    ("since 2002, when the US withdrew", PUB, None, [("2002", "2002")]),
    ("the 1991 deadline passed", PUB, None, [("1991", "1991")]),
    ("opened for signature on 1 July 1968", PUB, None, [("1 July 1968", "1968-07-01")]),
    ("entered into force on 5 March 1970", PUB, None, [("5 March 1970", "1970-03-05")]),
    ("by mid-2019 it had collapsed", PUB, None, [("mid-2019", "2019")]),
    ("in early 2020 and late 2021", PUB, None, [("early 2020", "2020"), ("late 2021", "2021")]),
    ("in mid-December 2019", PUB, None, [("mid-December 2019", "2019-12")]),
    ("in December of 2007", PUB, None, [("December of 2007", "2007-12")]),
    ("on the 1st of July 1968", PUB, None, [("1st of July 1968", "1968-07-01")]),
    ("Tuesday, December 8, 1987", PUB, None, [("Tuesday, December 8, 1987", "1987-12-08")]),
    ("on Jan. 20, 2021", PUB, None, [("Jan. 20, 2021", "2021-01-20")]),
    ("on Sept. 11, 2001", PUB, None, [("Sept. 11, 2001", "2001-09-11")]),
    ("on Sept 11, 2001", PUB, None, [("Sept 11, 2001", "2001-09-11")]),
    ("in Aug. 2019", PUB, None, [("Aug. 2019", "2019-08")]),
    ("in Feb 2019", PUB, None, [("Feb 2019", "2019-02")]),
    ("from 1987 to 2019", PUB, None, [("1987", "1987"), ("2019", "2019")]),
    ("the 1987-2019 treaty", PUB, None, [("1987", "1987"), ("2019", "2019")]),
    (
        "5 February 2026 is when New START expires",
        D(2025, 3, 1),
        None,
        [("5 February 2026", "2026-02-05")],
    ),
    # absolute dates need no publication date
    ("on 8 December 1987", None, None, [("8 December 1987", "1987-12-08")]),
    ("in 1990", None, None, [("1990", "1990")]),
    # impossible calendar dates are dropped
    ("on 31 February 2019", PUB, None, [("February 2019", "2019-02")]),
]

DAY_MONTH: list[Case] = [
    ("The talks resume on 27 March.", D(2019, 3, 1), None, [("27 March", "2019-03-27")]),
    ("talks on 27 April", D(2019, 3, 1), None, [("27 April", "2019-04-27")]),
    ("effective 7 December", D(2019, 8, 2), None, [("7 December", "2019-12-07")]),
    (
        "on 5 October, and on 18 October",
        D(2019, 11, 1),
        None,
        [("5 October", "2019-10-05"), ("18 October", "2019-10-18")],
    ),
    ("extended until 22 May", D(2020, 1, 5), None, [("22 May", "2020-05-22")]),
    ("on December 8 the envoys met", D(2019, 12, 20), None, [("December 8", "2019-12-08")]),
    ("on Dec. 8 the envoys met", D(2019, 12, 20), None, [("Dec. 8", "2019-12-08")]),
    ("on Friday, 5 October", D(2018, 10, 9), None, [("Friday, 5 October", "2018-10-05")]),
    # the day written out in brackets after the weekday is the date
    ("joined on Monday (5 June 2017) when", PUB, None,
     [("Monday (5 June 2017)", "2017-06-05")]),
    ("on Friday (the day after)", PUB, None, [("Friday", "2014-11-14")]),
    # an anniversary piece: that year, on the day of publication
    ("On this day in 1985, the two leaders met", PUB, None,
     [("On this day in 1985", "1985-11-18")]),
    # without a publication date the year is unknown
    ("on 27 March", None, None, []),
    ("on 30 February", D(2019, 3, 1), None, []),
]

WEEKDAY: list[Case] = [
    ("Lavrov said on Tuesday", PUB, None, [("Tuesday", "2014-11-18")]),
    ("the ministers met on Friday", PUB, None, [("Friday", "2014-11-14")]),
    ("Earlier on Thursday, officials said", PUB, None, [("Thursday", "2014-11-13")]),
    ("Later on Tuesday, the ministry said", PUB, None, [("Tuesday", "2014-11-18")]),
    ("On Monday the envoys arrived", PUB, None, [("Monday", "2014-11-17")]),
    ("Tuesday's talks were cut short", PUB, None, [("Tuesday", "2014-11-18")]),
    ("Wednesday's meeting", PUB, None, [("Wednesday", "2014-11-12")]),
    ("as he said last Friday", PUB, None, [("last Friday", "2014-11-14")]),
    ("as he said last Tuesday", PUB, None, [("last Tuesday", "2014-11-11")]),
    ("talks are due next Monday", PUB, None, [("next Monday", "2014-11-24")]),
    ("the Good Friday Agreement", PUB, None, []),
    ("on Tuesday", None, None, []),
]

PUBLISHED_RELATIVE: list[Case] = [
    ("Moscow said today", PUB, None, [("today", "2014-11-18")]),
    ("Moscow said yesterday", PUB, None, [("yesterday", "2014-11-17")]),
    ("the talks due tomorrow", PUB, None, [("tomorrow", "2014-11-19")]),
    ("tests this month", PUB, None, [("this month", "2014-11")]),
    ("tests last month", D(2020, 1, 10), None, [("last month", "2019-12")]),
    ("talks next month", D(2020, 12, 10), None, [("next month", "2021-01")]),
    ("this year's review", PUB, None, [("this year", "2014")]),
    ("last year's summit in Helsinki", PUB, None, [("last year", "2013")]),
    ("Last year the treaty lapsed", PUB, None, [("Last year", "2013")]),
    ("talks next year", PUB, None, [("next year", "2015")]),
    ("earlier this year", PUB, None, [("earlier this year", "2014")]),
    ("a year ago", PUB, None, [("a year ago", "2013")]),
    ("two years ago", PUB, None, [("two years ago", "2012")]),
    ("three days ago", PUB, None, [("three days ago", "2014-11-15")]),
    ("a month ago", D(2020, 1, 10), None, [("a month ago", "2019-12")]),
    ("last December", PUB, None, [("last December", "2013-12")]),
    ("last December", D(2015, 1, 3), None, [("last December", "2014-12")]),
    ("in March this year", PUB, None, [("March this year", "2014-03")]),
    ("in March last year", PUB, None, [("March last year", "2013-03")]),
    ("in January", D(2024, 3, 7), None, [("January", "2024-01")]),
    ("in June", D(2021, 12, 18), None, [("June", "2021-06")]),
    ("in June", D(2021, 3, 18), None, [("June", "2020-06")]),
    ("in March", D(2021, 3, 18), None, [("March", "2021-03")]),
    ("last July", D(2021, 12, 18), None, [("last July", "2021-07")]),
    ("last July", D(2021, 7, 18), None, [("last July", "2020-07")]),
    ("next July", D(2021, 7, 18), None, [("next July", "2022-07")]),
    ("in early June", D(2021, 12, 18), None, [("early June", "2021-06")]),
    ("from March to June", D(2021, 12, 18), None, [("March", "2021-03"), ("June", "2021-06")]),
    ("since May", D(2021, 12, 18), None, [("May", "2021-05")]),
    ("over the last year", PUB, None, []),
    ("in the past month", PUB, None, []),
    ("today", None, None, []),
    ("in June", None, None, []),
]

ANCHOR_RELATIVE: list[Case] = [
    ("The following June it lapsed.", PUB, "2007-12", [("The following June", "2008-06")]),
    ("the following June", PUB, "2007-03-02", [("the following June", "2007-06")]),
    ("the following June", PUB, "2007", [("the following June", "2008-06")]),
    ("that October", PUB, "2007-03", [("that October", "2007-10")]),
    ("the previous March", PUB, "2007-10", [("the previous March", "2007-03")]),
    ("on the same day", PUB, "2019-02-01", [("the same day", "2019-02-01")]),
    ("that day", PUB, "2019-02-01", [("that day", "2019-02-01")]),
    ("later that day", PUB, "2019-02-01", [("later that day", "2019-02-01")]),
    ("the following day", PUB, "2019-02-28", [("the following day", "2019-03-01")]),
    ("the next day", PUB, "2019-12-31", [("the next day", "2020-01-01")]),
    ("the day before", PUB, "2019-03-01", [("the day before", "2019-02-28")]),
    ("a week later", PUB, "2019-02-01", [("a week later", "2019-02-08")]),
    ("a week later", PUB, "2019-02", []),
    ("three days later", PUB, "2019-02-01", [("three days later", "2019-02-04")]),
    ("3 days later", PUB, "2019-02-01", [("3 days later", "2019-02-04")]),
    ("two weeks later", PUB, "2019-02-01", [("two weeks later", "2019-02-15")]),
    ("six months later", PUB, "2019-08-02", [("six months later", "2020-02")]),
    ("a year later", PUB, "2019", [("a year later", "2020")]),
    ("two days earlier", PUB, "2019-02-01", [("two days earlier", "2019-01-30")]),
    ("Hours later, Moscow replied.", PUB, "2019-02-01", [("Hours later", "2019-02-01")]),
    ("a few hours later", PUB, "2019-02-01", [("a few hours later", "2019-02-01")]),
    ("later that year", PUB, "2019-02-01", [("later that year", "2019")]),
    ("that year", PUB, "2019-02", [("that year", "2019")]),
    ("the following year", PUB, "2019-02", [("the following year", "2020")]),
    ("later that month", PUB, "2019-02-01", [("later that month", "2019-02")]),
    ("in October that year", PUB, "2019-02-01", [("October that year", "2019-10")]),
    # no anchor: skipped (and the published date is not used instead)
    ("the following June", PUB, None, []),
    ("that October", PUB, None, []),
    ("the same day", PUB, None, []),
    ("that day", PUB, None, []),
    ("the next day", PUB, None, []),
    ("the following day", PUB, None, []),
    ("a week later", PUB, None, []),
    ("three days later", PUB, None, []),
    ("Hours later", PUB, None, []),
    ("later that year", PUB, None, []),
    # anchor too coarse for the unit: skipped
    ("the same day", PUB, "2019", []),
    ("three days later", PUB, "2019-02", []),
    ("Hours later", PUB, "2019-02", []),
    ("the same day", PUB, "not a date", []),
]

NEGATIVE: list[Case] = [
    ("Russia has 2,692 missiles", PUB, None, []),
    ("a range of 500 km", PUB, None, []),
    ("a range of 480 kilometres", PUB, None, []),
    ("a range of 2000 km", PUB, None, []),
    ("a 2000-km range", PUB, None, []),
    ("22 states have ratified", PUB, None, []),
    ("the 31st member of the alliance", PUB, None, []),
    ("the 30-year-old accord", PUB, None, []),
    ("the next six months", PUB, None, []),
    ("F-16 jets and 9M729 missiles", PUB, None, []),
    ("Mk 41 launchers", PUB, None, []),
    ("between 1,700 and 2,200 warheads", PUB, None, []),
    ("for more than three decades", PUB, None, []),
    ("a five-year extension", PUB, None, []),
    ("after 36 years", PUB, None, []),
    ("some 2000 troops", PUB, None, []),
    ("1990 warheads and 2010 missiles", PUB, None, []),
    ("about 2000 nuclear warheads", PUB, None, []),
    ("1900 GMT", PUB, None, []),
    ("Resolution 2094 was adopted", PUB, None, []),
    ("a 2019.5 index", PUB, None, []),
    ("the 1990s", PUB, None, []),
    ("the year 1850 and 2150", PUB, None, []),
    ("20 percent", PUB, None, []),
    ("Theresa May said", PUB, None, []),
    ("Johnson and May agreed", PUB, None, []),
    ("the March on Washington", PUB, None, []),
    ("Later, officials said", PUB, None, []),
    ("in December 30 people died", D(2019, 12, 31), None, [("December", "2019-12")]),
    ("", PUB, None, []),
    ("no date words here at all", PUB, None, []),
]

EDGES: list[Case] = [
    ("The day before, Moscow said.", PUB, "2019-03-01", [("The day before", "2019-02-28")]),
    ("The day before the vote, it said.", PUB, "2019-03-01", []),  # relative to the vote
    ("that same day", PUB, "2019-03-01", [("that same day", "2019-03-01")]),
    ("a couple of days later", PUB, "2019-03-01", [("a couple of days later", "2019-03-03")]),
    ("several hours later", PUB, "2019-03-01", [("several hours later", "2019-03-01")]),
    ("2 hours later", PUB, "2019-03-01", [("2 hours later", "2019-03-01")]),
    ("Three years later", PUB, "1987-12-08", [("Three years later", "1990")]),
    ("10 years ago", PUB, None, [("10 years ago", "2004")]),
    ("No. 2019 and Flight 2019 and $2000", PUB, None, []),
    ('(in June) and "Today" it said', PUB, None, [("June", "2014-06"), ("Today", "2014-11-18")]),
    ("He met Mr. May in June", PUB, None, [("June", "2014-06")]),
    (
        "the March 2019 talks; in March, 2019",
        PUB,
        None,
        [("March 2019", "2019-03"), ("March, 2019", "2019-03")],
    ),
    ("this Tuesday", PUB, None, [("this Tuesday", "2014-11-18")]),
    ("(last Friday)", PUB, None, [("last Friday", "2014-11-14")]),
    ("said\nin June", PUB, None, [("June", "2014-06")]),
    ("on Tuesday 8 December", PUB, None, [("Tuesday 8 December", "2014-12-08")]),
    (
        "2nd December; December 2nd, 2019",
        PUB,
        None,
        [("2nd December", "2014-12-02"), ("December 2nd, 2019", "2019-12-02")],
    ),
    ("the 1990-91 talks", PUB, None, [("1990", "1990")]),
    ("the 2020s and the 1980s treaty", PUB, None, []),
    ("a month-long review, a 30-day notice, the day-long talks", PUB, "1987-12-08", []),
    ("a decade later", PUB, "1987-12-08", []),
    ("a few days later", PUB, "1987-12-08", []),  # imprecise
    ("the next June", PUB, None, []),  # anchor-relative: no anchor, no guess
]

REAL: list[Case] = [
    (
        "Russian Foreign Minister Sergey Lavrov said on Tuesday that the treaty, signed on "
        "8 December 1987, was over.",
        PUB,
        None,
        [("Tuesday", "2014-11-18"), ("8 December 1987", "1987-12-08")],
    ),
    (
        "The United States suspended its obligations on 2 February 2019 and withdrew "
        "six months later, citing the 9M729 missile with a range of 500 km.",
        D(2019, 8, 2),
        "2019-02-02",
        [("2 February 2019", "2019-02-02"), ("six months later", "2019-08")],
    ),
    (
        "New START, signed in April 2010 and extended in 2021 for five years, limits each "
        "side to 1,550 deployed warheads and expires on 5 February 2026.",
        D(2025, 3, 1),
        None,
        [("April 2010", "2010-04"), ("2021", "2021"), ("5 February 2026", "2026-02-05")],
    ),
    (
        "Sweden became the 32nd member of NATO in March this year, a year after Finland.",
        D(2024, 3, 7),
        None,
        [("March this year", "2024-03")],
    ),
    (
        "Earlier on Thursday, the ministry said talks held last month in Geneva would "
        "resume next year.",
        D(2019, 1, 17),
        None,
        [("Thursday", "2019-01-17"), ("last month", "2018-12"), ("next year", "2020")],
    ),
    # a bare month in what is to come: the next such month
    (
        "He added that allies would meet at the upcoming summit in Riga in July.",
        D(2023, 4, 4),
        None,
        [("July", "2023-07")],
    ),
    (
        "The ministers met in Riga in July.",
        D(2023, 4, 4),
        None,
        [("July", "2022-07")],
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "anchor", "expected"),
    ABSOLUTE + DAY_MONTH + WEEKDAY + PUBLISHED_RELATIVE + ANCHOR_RELATIVE + NEGATIVE + EDGES + REAL,
)
def test_find_dates(
    text: str,
    published: datetime.date | None,
    anchor: str | None,
    expected: list[tuple[str, str]],
) -> None:
    assert pairs(text, published, anchor) == expected


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("on 8 December 1987", False),
        ("in May 1972", False),
        ("in 1990", False),
        ("on 27 March", True),
        ("on Tuesday", True),
        ("last month", True),
        ("in June", True),
    ],
)
def test_relative_flag(text: str, relative: bool) -> None:
    (m,) = find_dates(text, PUB)
    assert m.relative is relative


def test_offsets_point_into_text() -> None:
    text = "On Monday, a week after the 8 December 1987 signing in 1990, they met."
    found = find_dates(text, PUB)
    assert found
    for m in found:
        assert isinstance(m, DateMention)
        assert text[m.start : m.end] == m.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_longest_match_wins() -> None:
    (m,) = find_dates("last year's summit", PUB)
    assert (m.text, m.value) == ("last year", "2013")
    (m,) = find_dates("on 8 December 1987", PUB)
    assert m.text == "8 December 1987"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1990", "year"), ("2007-12", "month"), ("2014-11-18", "day")],
)
def test_precision(value: str, expected: str) -> None:
    assert precision(value) == expected


@pytest.mark.parametrize(
    ("published", "weekday", "expected"),
    [
        (D(2014, 11, 18), 1, D(2014, 11, 18)),  # the same weekday: published itself
        (D(2014, 11, 18), 0, D(2014, 11, 17)),
        (D(2014, 11, 18), 2, D(2014, 11, 12)),
        (D(2014, 11, 18), 6, D(2014, 11, 16)),
    ],
)
def test_weekday_before(published: datetime.date, weekday: int, expected: datetime.date) -> None:
    assert weekday_before(published, weekday) == expected


def test_doctests() -> None:
    result = doctest.testmod(_dates)
    assert result.attempted > 0
    assert result.failed == 0

"""Sentences and quotations, with character offsets into the body."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "mk",
    "vs",
    "u.s",
    "u.k",
    "u.n",
    "u.s.a",
    "jr",
    "sr",
    "prof",
    "gov",
    "sen",
    "rep",
    "adm",
    "maj",
    "capt",
}
# a full stop before a capital, or a quotation closed right before one ('Pakistan."Prime
# Minister ...') or a word ('website.According to'): a space the page lost
_BOUNDARY = re.compile(r"[.!?]+[\"”’]?(?=\s+[\"“‘(]?[A-Z0-9])|[.!?]+[\"”](?=[A-Z])"
                       # "the NATO website.According to ...": a space the page lost
                       r"|(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,}\s)")
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]+[\"”’]?$")
_WINDOW = 64


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Quote:
    start: int  # offsets of the quoted text, without the quotation marks
    end: int
    text: str


def sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences; paragraphs (line breaks) always end a sentence."""
    out: list[Sentence] = []
    pos = 0
    for pi, para in enumerate(body.split("\n")):
        start = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        begin = 0
        depth = scanned = 0  # quotation marks in para[begin:scanned]
        for m in _BOUNDARY.finditer(para):
            end = m.end()
            # the word before the boundary; a window of the text keeps a long run of
            # skipped boundaries linear (a longer word is no abbreviation either way)
            word = _LAST_WORD.search(para, max(begin, end - _WINDOW), end)
            token = word.group(1).lower().rstrip(".") if word else ""
            possessive = word is not None and para[word.start(1) - 1 : word.start(1)] in "'’" \
                and word.start(1) > 0  # "to match China's." ends the sentence
            if token in _ABBREV or (len(token) == 1 and token.isalpha() and not possessive):
                continue
            # stay inside an open quotation unless the quote closes here
            depth += _quote_depth(para[scanned:end])
            scanned = end
            if depth % 2 == 1:
                continue
            out.extend(_pieces(body, start + begin, start + end, pi))
            begin = end
            depth = 0
        if para[begin:].strip():
            out.extend(_pieces(body, start + begin, start + len(para), pi))
    return out


def _quote_depth(text: str) -> int:
    return text.count("“") + text.count("”") + text.count('"')


#: The longest sentence, in characters; a longer run of text (no sentence ends in it) is
#: cut at a space into pieces no longer, which keeps the rules' work per sentence bounded.
#: News sentences are a few hundred characters.
MAX_SENTENCE = 1000


def _pieces(body: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = body.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut >= 0 else start + MAX_SENTENCE
        out.append(_sentence(body, start, cut, paragraph))
        start = cut
    out.append(_sentence(body, start, end, paragraph))
    return [s for s in out if s.text]


def _sentence(body: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Sentence(start, end, body[start:end], paragraph)


# Quotation styles: "straight", “curly”, ‘single curly’, 'single straight', ``TeX-like'',
# «guillemets». A single quotation mark is an apostrophe when a letter follows it
# ("Russia’s"), so it closes a quotation only before a non-letter.
_QUOTE = re.compile(
    r"[\"“]([^\"“”\n]{2,}?)[\"”]"
    r"|``([^`\n]{2,}?)''"
    r"|«([^«»\n]{2,}?)»"
    r"|(?<![\w‘’'])‘((?:[^‘’\n]|’(?=\w))+?)’(?![\w])"
    r"|(?<![\w'`])'(?=[A-Za-z])((?:[^'\n]|'(?=\w))+?[^\s'])'(?![\w'])"
)


def quotes(body: str) -> list[Quote]:
    """Every quoted passage in the body, without its quotation marks.

    >>> [q.text for q in quotes("He said ‘a limited period’ and ``no more'' today.")]
    ['a limited period', 'no more']
    >>> [q.text for q in quotes("Kazakhstan’s forces, the ‘peacekeepers’, stay.")]
    ['peacekeepers']
    """
    out = []
    for m in _QUOTE.finditer(body):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        out.append(Quote(m.start(g), m.end(g), m.group(g)))
    return out

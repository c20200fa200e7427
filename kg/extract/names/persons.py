"""Persons: after a title or a role word, after 'said' following a quotation, from a known given
name."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from kg.extract._entities import (
    MONTHS,
    NAME_TOKEN,
    NOT_NAME,
    T,
    fold,
    person_key,
    title_re,
    trie_regex,
)
from kg.extract._refbase import refbase
from kg.extract.names._common import (
    Candidate,
)

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer


# -- persons ------------------------------------------------------------------------
# a lower-case particle does not count towards the four tokens: "Luiz Filipe de Macedo Soares"
_NAME = re.compile(rf"{NAME_TOKEN}(?:\s+(?:(?:de|da|dos|van|von|der)\s+)?{NAME_TOKEN}){{1,3}}")


@cache
def _given() -> re.Pattern[str]:
    names = trie_regex(sorted(refbase().given_names))
    return re.compile(rf"(?<![\w-])({names})\s")


def _name_at(body: str, pos: int) -> tuple[int, int] | None:
    """The span of a person's name starting at ``pos`` (two to four name tokens)."""
    m = _NAME.match(body, pos)
    if not m:
        return None
    words = m.group(0).split()
    keep: list[str] = []
    for i, w in enumerate(words):
        month_as_name = (
            w in MONTHS
            and i > 0
            and not re.match(r"\s*\d", body[m.start() + len(" ".join(words[: i + 1])) :][:3])
        )
        if (w in NOT_NAME or w.rstrip("'s") in NOT_NAME) and not month_as_name:
            break
        keep.append(w)
    if len(keep) < 2 or keep[-1].endswith("."):
        return None
    if _BODY_WORD.fullmatch(keep[-1]):  # "official Korean Central News Agency": a body
        return None
    end = pos + len(" ".join(keep))
    suffix = _NAME_SUFFIX.match(body, end)  # "James A. Baker III", "Martin Luther King Jr."
    return pos, suffix.end() if suffix else end


_BODY_WORD = re.compile(r"Committee|Council|Commission|Agency|Assembly|Group|Forum|Secretariat|"
                        r"Directorate|Office|Service|Command|Court|Bureau|Institute|Association|"
                        r"Ministry|Party|Union|Organi[sz]ation|Foundation|Network|Center|Centre")


_NAME_SUFFIX = re.compile(r"\s+(?:III|II|IV)(?![\w.])")


_ROLE_WORDS = ("spokesman", "spokeswoman", "spokesperson", "envoy", "negotiator", "aide",
               "adviser", "advisor", "senator", "lawmaker", "commander", "ambassador", "official",
               "analyst")


_ROLE_TITLES = ("General", "Admiral", "Colonel", "Gen.", "Adm.", "Col.", "Sen.", "Rep.")


@cache
def _role() -> re.Pattern[str]:
    """Role words that are no post and precede a name: "EU envoy Enrique Mora"."""
    words = [*_ROLE_WORDS, *(w.capitalize() for w in _ROLE_WORDS), *_ROLE_TITLES]
    return re.compile(rf"\b(?:{trie_regex(words)})\s+(?=[A-Z])")


# "The defence ministers of Estonia, Latvia and Poland, Hanno Pevkur, Andris Sprūds and
# Władysław Kosiniak-Kamysz respectively": the n-th person holds the title of the n-th state
_RESPECTIVELY = re.compile(r"\b([A-Za-z][a-z]+(?:\s+[a-z]+)?)s\s+of\s+([^.;:()]{3,300}?),?\s+"
                           r"respectively\b")


_LIST_SEP = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def _respective_persons(r: Recognizer, seen: set[int]) -> list[Candidate]:
    out: list[Candidate] = []
    body = r.body
    for m in _RESPECTIVELY.finditer(body):
        title = m.group(1).lower()
        if title not in r.rb.titles:
            continue
        items: list[tuple[int, int]] = []
        pos = m.start(2)
        for sep in _LIST_SEP.finditer(body, pos, m.end(2)):
            items.append((pos, sep.start()))
            pos = sep.end()
        items.append((pos, m.end(2)))
        n = len(items) // 2
        if n < 2 or len(items) != 2 * n:
            continue
        states = [body[a:b].removeprefix("the ") for a, b in items[:n]]
        if not all(any(r.rb.entities[k].type is T.STATE for k, _ in r.rb.surfaces.get(st, []))
                   for st in states):
            continue
        spans = [_name_at(body, a) for a, _ in items[n:]]
        if any(sp is None or sp[1] != b for sp, (_, b) in zip(spans, items[n:], strict=True)):
            continue
        for sp, st in zip(spans, states, strict=True):
            assert sp is not None
            if sp[0] in seen:
                continue
            seen.add(sp[0])
            out.append((*sp, "person", _person_payload(
                r, *sp, None, {"title": title, "title_start": str(m.start(1)), "of_state": st})))
    return out


_TITLE_OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w-]*"
                            r"(?:\s+(?:[A-Z][\w-]*|of|for|the|and|on))*"
                            r"(?:\s+\([A-Z]{2,6}\))?,\s")


_SAID_NAME = re.compile(r"[,”\"]\s+(?:said|says|added|wrote)\s+(?=[A-Z])")


# a post whose holder is named with the field it covers written after it: "Special
# Representative for the Biological Weapons Convention", "Ambassador to Japan"
_POST_HEADS = re.compile(r"(?i:.*\b(?:representative|ambassador|secretary|director|"
                         r"director[- ]general|secretary[- ]general|coordinator|commissioner))")


_POST_FOR = re.compile(r"\s+(?:for|to)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w.-]*|of|for|the|"
                       r"and|on|in))*")


def _post_for(r: Recognizer, t: re.Match[str], pos: int) -> tuple[int, int] | None:
    """(end of the field, start of the name) after a post and its "for/to ..." field, the
    name either set off by a comma or closing the capitalised run: its given name known,
    else its last two words, when the text writes neither in lower case."""
    if not _POST_HEADS.fullmatch(t.group(0)):
        return None
    m = _POST_FOR.match(r.body, pos)
    if m is None:
        return None
    body = r.body
    if body[m.end() : m.end() + 2] == ", ":
        return m.end(), m.end() + 2
    words = list(re.finditer(r"\S+", body[pos : m.end()]))
    words = words[2:] if words[1].group(0) == "the" else words[1:]
    if not all(w.group(0)[:1].isupper() for w in words[-2:]):
        return None
    i = next((k for k, w in enumerate(words) if k and w.group(0) in r.rb.given_names), 0)
    if not i:  # a word the text also writes in lower case is no name: "Peace Process"
        i = len(words) - 2
        if i < 1 or any(re.search(rf"\b{re.escape(w.group(0).lower())}\b", body)
                        for w in words[i:]):
            return None
    start = pos + words[i].start()
    if not re.fullmatch(r"(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*", body[start : m.end()]):
        return None
    end = pos + words[i - 1].end()
    if re.search(r"\s(?:the|and|of|for|on|in)\Z", body[pos:end]):
        return None
    return end, start


def person_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    body = r.body
    seen: set[int] = set()
    for t in title_re().finditer(body):
        pos = t.end()
        # "the Director-General of the Organisation for ... (OPCW), Ahmet Uzumcu,"
        of = _TITLE_OF_BODY.match(body, pos)
        if of is not None:
            pos = of.end() - 2
        tail = _post_for(r, t, pos) if of is None else None
        if tail is not None:  # "U.N. High Representative for Disarmament Affairs Izumi ..."
            phrase_end, name_start = tail
            span = _name_at(body, name_start)
            if span is None or span[0] in seen or r.rb.surfaces.get(body[span[0] : span[1]]):
                continue
            seen.add(span[0])
            out.append((*span, "person", _person_payload(
                r, *span, t, {"title_tail": body[pos:phrase_end]})))
            continue
        if body[pos : pos + 2] == ", ":  # "the country's prime minister, Viktor Orban"
            pos += 1
        while pos < len(body) and body[pos] == " ":
            pos += 1
        span = _name_at(body, pos)
        if span is None or span[0] in seen or r.rb.surfaces.get(body[span[0] : span[1]]):
            continue
        seen.add(span[0])
        out.append((*span, "person", _person_payload(r, *span, t)))
    # a person named after a role that is no post: "EU envoy Enrique Mora",
    # "Kremlin spokesman Dmitry Peskov", "chief negotiator Ali Bagheri Kani"
    for t in _role().finditer(body):
        span = _name_at(body, t.end())
        if span is None or span[0] in seen or r.rb.surfaces.get(body[span[0] : span[1]]):
            continue
        seen.add(span[0])
        out.append((*span, "person", _person_payload(r, *span, None)))
    # the speaker after a quotation: '"...," said Beatrice Fihn, executive director of ...'
    for m in _SAID_NAME.finditer(body):
        span = _name_at(body, m.end())
        if span is None or span[0] in seen or r.rb.surfaces.get(body[span[0] : span[1]]):
            continue
        if not re.match(r"\s*[,.;]", body[span[1] : span[1] + 2]):
            continue
        if title_re().search(body, span[0], span[1]) or any(
                r.rb.surfaces.get(w) for w in body[span[0] : span[1]].split()):
            continue  # "said Russian Foreign Minister ...": a title, a state, not a name
        seen.add(span[0])
        out.append((*span, "person", _person_payload(r, *span, None)))
    if "respectively" in body:
        out += _respective_persons(r, seen)
    given = r.rb.given_names
    for m in _given().finditer(body):
        if m.group(1) not in given or m.start() in seen:
            continue
        span = _name_at(body, m.start())
        if span is None:
            continue
        seen.add(m.start())
        out.append((*span, "person", _person_payload(r, *span, None)))
    return out


def _person_payload(
    r: Recognizer, start: int, end: int, title: re.Match[str] | None,
    info: dict[str, str] | None = None,
) -> Callable[[], None]:
    def run() -> None:
        name = r.body[start:end]
        key = person_key(name)
        for e in r.entities.values():  # Sergei/Sergey, same surname and initial
            if (
                e.type is T.PERSON
                and fold(e.name.split()[-1]) == fold(name.split()[-1])
                and fold(e.name)[0] == fold(name)[0]
            ):
                key = e.key
        r.entity(key, T.PERSON, name)
        extra = {"title": title.group(0), "title_start": str(title.start()), **(info or {})} \
            if title else (info or {})
        r.add(start, end, key, T.PERSON, "name", **extra)

    return run

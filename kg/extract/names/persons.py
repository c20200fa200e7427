"""Persons: after a title or a role word, after 'said' following a quotation, from a known given
name."""

from __future__ import annotations

import re
from bisect import bisect_right
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
from kg.extract._lexicon import rx, words
from kg.extract._people import known_surnames, resolve
from kg.extract._refbase import family_first, refbase
from kg.extract.names._common import (
    Candidate,
)


def _same_person(r: Recognizer, name: str) -> str | None:
    """The key of a person already found whom ``name`` also names: the same surname and
    initial ("Sergei" and "Sergey Lavrov"), or the same surname when one of the two is a
    surname alone ("President Bush", "George Bush")."""
    sur = fold(name.split()[-1])
    for e in r.entities.values():
        if e.type is not T.PERSON:
            continue
        words = e.name.split()
        if fold(words[-1]) != sur:
            # "Ban" for "Ban Ki-moon": a family name written first
            if " " not in name and len(words) > 1 and fold(words[0]) == sur \
                    and "-" in words[1]:
                return e.key
            continue
        if fold(e.name)[0] == fold(name)[0] or " " not in name or " " not in e.name:
            return e.key
    return None


if TYPE_CHECKING:
    from kg.extract._entities import Recognizer


# -- persons ------------------------------------------------------------------------
# a lower-case particle does not count towards the four tokens: "Luiz Filipe de Macedo Soares"
# a middle initial may come without its point: "George W Bush", "John F Kennedy"
_NAME = re.compile(rf"{NAME_TOKEN}(?:\s+(?:(?:de|da|dos|van|von|der)\s+)?"
                   rf"(?:{NAME_TOKEN}|[A-Z](?=\s+{NAME_TOKEN}))){{1,3}}")


@cache
def _given() -> re.Pattern[str]:
    names = trie_regex(sorted(refbase().given_names))
    return re.compile(rf"(?<![\w-])({names})\s")


def _name_at(body: str, pos: int, single: bool = False) -> tuple[int, int] | None:
    """The span of a person's name starting at ``pos`` (two to four name tokens; one
    with ``single``, after a title or an honorific: "President Bush", "Mr. Havel")."""
    m = _NAME.match(body, pos)
    if not m:
        return _surname_at(body, pos) if single else None
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
    if single and len(keep) == 1 and not keep[0].endswith("."):
        return _surname_at(body, pos)
    if len(keep) < 2 or keep[-1].endswith("."):
        return None
    if _body_word(keep[-1]):  # "official Korean Central News Agency": a body
        return None
    end = pos + len(" ".join(keep))
    suffix = _NAME_SUFFIX.match(body, end)  # "James A. Baker III", "Martin Luther King Jr."
    return pos, suffix.end() if suffix else end


_ONE_NAME = re.compile(rf"{NAME_TOKEN}(?![\w-])")


def _surname_at(body: str, pos: int) -> tuple[int, int] | None:
    """One name token at ``pos`` that is no month, day, common capitalised word or body
    word, and that no further name token follows."""
    m = _ONE_NAME.match(body, pos)
    if m is None or len(m.group(0)) < 3 or m.group(0).endswith("."):
        return None
    word = m.group(0)
    if word in NOT_NAME or word in MONTHS or _body_word(word) or word.isupper():
        return None
    if re.match(r"\s+[A-Z][a-z]", body[m.end() : m.end() + 3]):
        return None  # "President Bush Sr" is not read as one token
    return m.start(), m.end()


def _body_word(word: str) -> bool:
    return word in words("body-words")


_NAME_SUFFIX = re.compile(r"\s+(?:III|II|IV)(?![\w.])")


_ROLE_WORDS = ("envoy", "negotiator", "aide",
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


_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _of_state(r: Recognizer, pos: int) -> tuple[str, int] | None:
    """(the state, where the name starts) after a title written "of" a state with the
    name right after: "President of Belarus Alexander Lukashenko"."""
    from kg.extract._entities import gazetteer

    m = _OF.match(r.body, pos)
    g = gazetteer().match(r.body, m.end()) if m else None
    if g is None or not any(r.rb.entities[k].type is T.STATE for k, _ in
                            r.rb.surfaces.get(g.group(0), [])):
        return None
    gap = re.match(r"\s+(?=[A-Z])", r.body[g.end() : g.end() + 3])
    return (g.group(0), g.end() + gap.end()) if gap else None


def person_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    body = r.body
    seen: set[int] = set()
    for t in title_re().finditer(body):
        pos = t.end()
        ofs = _of_state(r, pos)  # "President of Belarus Alexander Lukashenko"
        if ofs is not None:
            span = _name_at(body, ofs[1])
            if span is not None and span[0] not in seen:
                seen.add(span[0])
                out.append((*span, "person", _person_payload(r, *span, t, {"of_state": ofs[0]})))
                continue
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
        rank = _RANK.match(body, pos)  # "spokesman Maj. Gen. Igor Konashenkov", "Ambassador X"
        if rank is not None:
            pos = rank.end()
        span = _name_at(body, pos, single=body[t.start()].isupper())
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
    out += _named_speakers(r, seen)
    if "respectively" in body:
        out += _respective_persons(r, seen)
    out += _honoured(r, seen)
    out += _known(r, seen)
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


@cache
def _before_speech() -> re.Pattern[str]:
    """What follows a speaker's name: a speech verb (perhaps after an apposition), or an
    apposition of a lower-case role ("Jon Wolfsthal, deputy director of ...")."""
    return rx(r"\s*(?:,\s+[^,;“”\"]{1,120},\s*|,\s*)?(?:{speech-verbs})\b"
              r"|,\s+(?:the\s+|a\s+|an\s+)?(?:[a-z-]+\s+){0,3}{appositive-roles}\b")


def _named_speakers(r: Recognizer, seen: set[int]) -> list[Candidate]:
    """ "Setsuko Thurlow, a survivor, told ...", "Jon Wolfsthal, deputy director ...": two to
    four capitalised words that are no title, place, body or known name, before a speech
    verb or a role in apposition."""
    out: list[Candidate] = []
    body = r.body
    titled = [t.span() for t in title_re().finditer(body)]  # sorted, not overlapping
    starts = [a for a, _ in titled]
    for m in _NAME.finditer(body):
        i = bisect_right(starts, m.start()) - 1
        if re.search(r"[A-Z][\w.'’-]*\s+(?:(?:for|of|on|and|the|to|de|in)\s+)*\Z",
                     body[max(0, m.start() - 40) : m.start()]) \
                or (i >= 0 and m.start() < titled[i][1]):
            continue  # inside a longer capitalised run: "Secretary of State Antony Blinken"
        span = _name_at(body, m.start())
        if span is None or span[0] in seen or not _before_speech().match(body, span[1]):
            continue
        text = body[span[0] : span[1]]
        if r.rb.surfaces.get(text) or title_re().search(text) \
                or any(r.rb.surfaces.get(w) or _body_word(w) for w in text.split()):
            continue
        seen.add(span[0])
        out.append((*span, "person", _person_payload(r, *span, None)))
    return out


# "Mr. Gorbachev", "Maj. Gen. Igor Konashenkov", "Sen. Jesse Helms": a name after
# honorifics and ranks, one name token enough
_HONORIFIC = re.compile(r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Mme|Dr|Prof|Sens?|Reps?|Gov|Amb|Gen|Lt|Maj|Col|"
                        r"Adm|"
                        r"Brig|Capt|Sgt)\.\s+|(?:Mr|Mrs|Ms|Dr)\s+|"
                        r"(?:Mister|Madame|Senator|General|Admiral|Colonel)\s+)+(?=[A-Z])")


# ranks and styles between a title and the name: "Director-General, Ambassador Fernando
# Arias", "President Field Marshal Ayub Khan"
_RANK = re.compile(_HONORIFIC.pattern.replace(
    r"(?:Mister|Madame|Senator|General|Admiral|Colonel)",
    r"(?:Mister|Madame|Senator|General|Admiral|Colonel|Ambassador|Field\s+Marshal|Marshal|"
    r"Lieutenant\s+General|Major\s+General|Brigadier\s+General|Air\s+Marshal)"))


def _honoured(r: Recognizer, seen: set[int]) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _HONORIFIC.finditer(r.body):
        # one name token is enough after "Mr." and the like, not after "General"
        single = bool(re.search(r"(?:Mr|Mrs|Ms|Mme|Dr|Prof|Sen|Rep|Gov)\.?\s+$", m.group(0)))
        span = _name_at(r.body, m.end(), single=single)
        if span is None or span[0] in seen or r.rb.surfaces.get(r.body[span[0] : span[1]]):
            continue
        seen.add(span[0])
        out.append((*span, "person", _person_payload(r, *span, None)))
    return out


@cache
def _known_re() -> re.Pattern[str]:
    """Full names and aliases of the known people, and their surnames (but surnames that
    are common English words, as "May" or "Rice")."""
    common = set(words("surname-words"))
    names = {n for n in by_name_surfaces()} | {s for s in known_surnames() if s not in common}
    return re.compile(rf"(?<![\w-])(?:{trie_regex(sorted(names))})(?![\w-])")


@cache
def by_name_surfaces() -> tuple[str, ...]:
    from kg.extract._people import _people

    return tuple(n for p in _people() for n in (p.name, *p.aliases))


def _known(r: Recognizer, seen: set[int]) -> list[Candidate]:
    """Known people named in full, or by a surname no other name token touches."""
    out: list[Candidate] = []
    body = r.body
    for m in _known_re().finditer(body):
        if m.start() in seen or r.rb.surfaces.get(m.group(0)):
            continue
        if " " not in m.group(0) and (
                re.search(rf"[A-Z][\w.]*\s+{re.escape(m.group(0))}\b", body)
                or (m.group(0) in family_first()
                    and re.search(rf"\b{re.escape(m.group(0))}\s+[A-Z][a-z]", body))):
            continue  # the text names him in full too ("Wang Wenbin"): found from that
        if " " not in m.group(0) and (re.search(r"[A-Z][\w.]*\s+\Z", body[max(0, m.start() - 20):
                                                                     m.start()])
                                      or re.match(r"\s+[A-Z]", body[m.end() : m.end() + 2])):
            continue  # a surname inside a longer run of names is someone else's
        seen.add(m.start())
        out.append((m.start(), m.end(), "person", _person_payload(r, m.start(), m.end(), None)))
    return out


def _person_payload(
    r: Recognizer, start: int, end: int, title: re.Match[str] | None,
    info: dict[str, str] | None = None,
) -> Callable[[], None]:
    def run() -> None:
        name = r.body[start:end]
        year = int(r.published[:4]) if r.published[:4].isdigit() else None
        title_text = title.group(0) if title else (info or {}).get("title")
        position = r.rb.titles.get(re.sub(r"\s+", " ", title_text.lower()), (None,))[0] \
            if title_text else None
        known = resolve(name, position, year)
        key = _same_person(r, name) or (person_key(known.name) if known else person_key(name))
        e = r.entity(key, T.PERSON, name if " " in name or not known else known.name)
        if " " in name and " " not in e.name:
            e.aliases.append(e.name)  # "President Bush" first, "George Bush" later
            e.name = name
        if known is not None:
            e.qid = e.qid or known.qid
            e.known = known
            if known.name != e.name and known.name not in e.aliases:
                e.aliases.append(known.name)
        extra = {"title": title.group(0), "title_start": str(title.start()), **(info or {})} \
            if title else (info or {})
        r.add(start, end, key, T.PERSON, "name", **extra)

    return run

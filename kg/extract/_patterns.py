"""Patterns for entities the reference base does not list: persons, treaties, meetings,
ministries and weapon systems. Each returns candidate spans; the recogniser keeps the
longest non-overlapping ones and then calls their payload to register the mention."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.extract._entities import (
    _MONTHS,
    _NOT_NAME,
    NAME_TOKEN,
    T,
    fold,
    person_key,
    title_re,
    trie_regex,
)
from kg.extract._refbase import refbase

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer
    from kg.extract._refbase import RefEntity

Candidate = tuple[int, int, str, Callable[[], None]]

_CONNECT = {
    "of",
    "on",
    "the",
    "and",
    "in",
    "for",
    "to",
    "between",
    "their",
    "with",
    "at",
    "under",
    "water",
    "outer",
    "space",
    "its",
    "from",
}
_TREATY_HEAD = r"(?:Treaty|Agreement|Convention|Protocol|Accord)"
_TREATY_OF = re.compile(
    rf"\b{_TREATY_HEAD}\s+(?:on|of|for|[Bb]etween|Banning|on\s+the)\s+[A-Z\w][\w,()'’-]*"
    r"(?:\s+[\w,()'’-]+){0,25}"
)
_CAP_TREATY = re.compile(
    rf"(?<![\w-])((?:(?:[A-Z][\w-]*|\d{{4}})\s+){{1,6}})(?:\(([A-Z]{{2,6}})\)\s+)?([Tt]reaty|{_TREATY_HEAD})\b"
)
# Patterns that end in a head word run backwards from each head ("... Treaty",
# "... summit") over a short window: much faster than trying them at every position.
_CAP_TREATY_END = re.compile(_CAP_TREATY.pattern + r"\Z")
_TREATY_HEADS = re.compile(rf"\b(?:treaty|{_TREATY_HEAD})\b")


def _ending_at(pattern: re.Pattern[str], heads: re.Pattern[str], body: str, span: int
               ) -> list[re.Match[str]]:
    out = []
    for start, end in _head_spans(body).get(heads.pattern, ()):
        m = pattern.search(body, max(0, start - span), end)
        if m is not None:
            out.append(m)
    return out


@lru_cache(maxsize=2)
def _head_spans(body: str) -> dict[str, list[tuple[int, int]]]:
    """Every head word of the body, found in one scan, by the head pattern it belongs to."""
    heads = _all_heads()
    out: dict[str, list[tuple[int, int]]] = {}
    for m in heads[0].finditer(body):
        for key, rx in heads[1]:
            if rx.fullmatch(m.group(0)):
                out.setdefault(key, []).append(m.span())
    return out


@cache
def _all_heads() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]]:
    """One pattern for every kind of head, and per kind its own pattern to sort them."""
    kinds = [_TREATY_HEADS, _MINISTRY_HEADS, _MEETING_HEADS, _DEFENCE_HEADS, _ORG_HEADS,
             _PLACE_HEADS]
    one = re.compile("|".join(f"(?:{rx.pattern})" for rx in kinds))
    # a lookahead past the word cannot be checked on the word alone: drop it to classify
    return one, [(rx.pattern, re.compile(rx.pattern.replace(r"(?!s)", ""))) for rx in kinds]


_ACCESSION = re.compile(r"\b([A-Z][a-z]+)'s\s+accession\s+protocol\b")
_PROTOCOL = re.compile(
    r"\b(?:the\s+)?(protocol\s+(?:terminating|on|dissolving|ending)\s+the\s+"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})"
)


def _trim_name(words: list[str]) -> list[str]:
    """Drop what trails a name: connectors and a year ("... Weapons in 2019")."""
    while words and (
        words[-1].lower() in _CONNECT
        or words[-1] in ("(", ")")
        or re.fullmatch(r"\d{4}", words[-1])
    ):
        words.pop()
    return words


def treaty_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    body = r.body
    for m in _TREATY_OF.finditer(body):
        words: list[str] = []
        end = m.start()
        tokens = list(re.finditer(r"[^\s]+", body[m.start() : m.end()]))
        for i, w in enumerate(tokens):
            token = w.group(0)
            bare = token.rstrip(",.;:")
            if not (bare[:1].isupper() or bare.lower() in _CONNECT or bare[:1].isdigit()):
                break
            if bare.startswith("("):
                break
            words.append(token if token.endswith(",") else bare)
            end = m.start() + w.start() + len(bare)
            # "Friendship, Cooperation and Mutual Assistance": a comma inside a name
            nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
            if bare != token and not (
                token.endswith(",")
                and nxt[:1].isupper()
                and i + 2 < len(tokens)
                and re.search(r"\band\b", body[m.start() + w.end() : m.end()][:40])
            ):
                break
        words = _trim_name(
            [w.rstrip(",") if i == len(words) - 1 else w for i, w in enumerate(words)]
        )
        if len(words) < 3:
            continue
        text = " ".join(words)
        end = m.start() + len(text)
        out.append((m.start(), end, "treaty", _treaty_payload(r, m.start(), end, text)))
    for m in _ending_at(_CAP_TREATY_END, _TREATY_HEADS, body, 120):
        names = m.group(1).split()
        while names and (names[0] in _NOT_NAME or names[0].isdigit() or names[0] in ("The", "A")
                         or names[0].endswith("-led")):  # "the Russian-led Collective ..."
            names.pop(0)
        if not names:
            continue
        acronym = m.group(2)
        head = m.group(3)
        start = m.start(1) + m.group(1).index(names[0])
        words = [*names, head[0].upper() + head[1:]]
        text = " ".join(words)
        # "Warsaw Treaty states|members" names the bloc, not the treaty
        after = body[m.end() : m.end() + 12]
        if re.match(r"\s+(?:states|members|countries|allies|Organi[sz]ation)\b", after):
            bloc = r.rb.by_name(text + " Organization")
            if bloc is not None:
                out.append((start, m.end(), "bloc", _ref_payload(r, start, m.end(), bloc)))
            continue
        # "the INF treaty" names a treaty; "a United Nations treaty" only says whose it is
        known = r.rb.by_name(" ".join(names))
        if head[0].islower() and (known is None or known.type is not T.TREATY) and not acronym:
            continue
        out.append(
            (
                start,
                m.end(),
                "treaty",
                _treaty_payload(r, start, m.end(), text, acronym, " ".join(names)),
            )
        )
    for m in _ACCESSION.finditer(body) if "accession" in body else ():
        out.append(
            (m.start(), m.end(), "treaty", _treaty_payload(r, m.start(), m.end(), m.group(0)))
        )
    for m in _PROTOCOL.finditer(body) if "protocol" in body else ():
        out.append(
            (m.start(1), m.end(1), "treaty", _treaty_payload(r, m.start(1), m.end(1), m.group(1)))
        )
    return out


def _ref_payload(r: Recognizer, start: int, end: int, ref: RefEntity) -> Callable[[], None]:
    def run() -> None:
        e = r.entity(ref.key, ref.type, ref.name, ref)
        r.add(start, end, e.key, e.type)

    return run


def _treaty_payload(
    r: Recognizer,
    start: int,
    end: int,
    text: str,
    acronym: str | None = None,
    bare: str | None = None,
) -> Callable[[], None]:
    def run() -> None:
        ref = None
        for cand in (text, bare, acronym, re.sub(r"\s+treaty$", " Treaty", text)):
            if cand:
                ref = r.rb.by_name(cand)
                if ref is not None and ref.type is T.TREATY:
                    break
                ref = None
        if ref is None and acronym:
            key = "treaty:" + fold(acronym)
        elif ref is None:
            key = "treaty:" + fold(text)
        else:
            key = ref.key
        existing = r.entities.get(key)
        if existing is None and ref is None:
            # an acronym introduced earlier names the same treaty ("(CFE)" then "CFE Treaty")
            for e in r.entities.values():
                if e.type is T.TREATY and (fold(text) in map(fold, [e.name, *e.aliases])):
                    key = e.key
        e = r.entity(key, T.TREATY, ref.name if ref else text, ref)
        r.add(start, end, key, T.TREATY)
        if acronym:
            if acronym not in e.aliases:
                e.aliases.append(acronym)
            surface = r.body[start:end]
            if surface not in e.aliases:
                e.aliases.append(surface)

    return run


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
            w in _MONTHS
            and i > 0
            and not re.match(r"\s*\d", body[m.start() + len(" ".join(words[: i + 1])) :][:3])
        )
        if (w in _NOT_NAME or w.rstrip("'s") in _NOT_NAME) and not month_as_name:
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


# -- ministries ---------------------------------------------------------------------
_MINISTRY = re.compile(
    r"\b(?:(?P<adj>[A-Z][a-z]+)(?:'s)?\s+(?:and\s+(?P<adj2>[A-Z][a-z]+)\s+)?)?"
    r"(?P<kind>[Ff]oreign|[Dd]efen[cs]e)\s+[Mm]inistr(?:y|ies)\Z"
)
_MINISTRY_HEADS = re.compile(r"\b[Mm]inistr(?:y|ies)\b")
_MINISTRY_OF = re.compile(
    r"\bMinistry\s+of\s+(?P<kind>Foreign\s+Affairs|Defen[cs]e)"
    r"(?:\s+of\s+(?:the\s+)?(?P<state>[A-Z][\w ]+?))?(?=[\s,.;]|$)"
)


def ministry_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _ending_at(_MINISTRY, _MINISTRY_HEADS, r.body, 60):
        kind = "Foreign Affairs" if m.group("kind").lower() == "foreign" else "Defence"
        states = []
        for g in ("adj", "adj2"):
            word = m.group(g)
            if word:
                cands = r.rb.surfaces.get(word, [])
                st = r._ref_state(cands)
                if st is not None:
                    states.append((st, m.start(g), m.end(g)))
        start = m.start("kind") if m.group("adj") and not states else m.start()
        out.append((start, m.end(), "ministry", _ministry_payload(r, start, m.end(), kind, states)))
    for m in _MINISTRY_OF.finditer(r.body) if "Ministry of" in r.body else ():
        kind = "Foreign Affairs" if m.group("kind").startswith("Foreign") else "Defence"
        st = r._ref_state(r.rb.surfaces.get(m.group("state") or "", []))
        states = [(st, m.start("state"), m.end("state"))] if st else []
        out.append(
            (m.start(), m.end(), "ministry", _ministry_payload(r, m.start(), m.end(), kind, states))
        )
    return out


def _ministry_payload(
    r: Recognizer, start: int, end: int, kind: str, states: list[tuple[RefEntity, int, int]]
) -> Callable[[], None]:
    def run() -> None:
        if not states:
            name = (
                f"{kind.split()[0]} Ministry"
                if kind == "Defence"
                else "Ministry of Foreign Affairs"
            )
            key = "org:" + fold(name)
            r.entity(key, T.ORGANIZATION, name)
            r.add(start, end, key, T.ORGANIZATION)
            return
        for st, s0, s1 in states:
            r.entity(st.key, T.STATE, st.name, st)
            r.add(s0, s1, st.key, T.STATE, "demonym")
            name = f"Ministry of {kind} of {st.name}"
            key = "org:" + fold(name)
            r.entity(key, T.ORGANIZATION, name)
            if len(states) == 1:
                r.add(start, end, key, T.ORGANIZATION)
            else:
                r.add(s0, s1, key, T.ORGANIZATION, "part")

    return run


# -- meetings -----------------------------------------------------------------------
_MEETING_MODS = {
    "joint",
    "annual",
    "last",
    "final",
    "extraordinary",
    "emergency",
    "informal",
    "ministerial",
    "plenary",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "review",
    "special",
    "regular",
    "formal",
}
_MEETING_TAIL = {
    "of",
    "and",
    "the",
    "foreign",
    "defence",
    "defense",
    "ministers",
    "ministries",
    "collegiums",
    "collegium",
    "leaders",
    "heads",
    "state",
    "government",
    "parliaments",
    "officials",
    "chiefs",
    "staff",
    "its",
    "member",
    "states",
}
_MEETING = re.compile(
    r"\b(?:(?:the|a|an|this|last year's|next year's)\s+)?"
    r"((?:[\w-]+\s+){0,3}?)(summit|session|meeting|conference|Conference|"
    r"Summit|Session)\b(?!s)"
)
_MEETING_END = re.compile(_MEETING.pattern + r"\Z")
_MEETING_HEADS = re.compile(
    r"\b(?:summit|session|meeting|conference|Conference|Summit|Session)\b(?!s)"
)


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
_IN_CITY = re.compile(r"\s+in\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")


def meeting_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    body = r.body
    for m in _ending_at(_MEETING_END, _MEETING_HEADS, body, 60):
        mods = m.group(1).split()
        while mods and not (
            mods[0].lower() in _MEETING_MODS
            or mods[0][:1].isupper()
            or re.fullmatch(r"\d{4}|\d+(?:st|nd|rd|th)", mods[0])
        ):
            mods.pop(0)
        if mods and mods[0] in ("The", "A", "An"):
            mods.pop(0)
        if any(
            not (
                w.lower() in _MEETING_MODS
                or w[:1].isupper()
                or re.fullmatch(r"\d{4}|\d+(?:st|nd|rd|th)", w)
            )
            for w in mods
        ):
            mods = []
        start = m.start(2) - (len(" ".join(mods)) + 1 if mods else 0)
        end = m.end(2)
        pos = end
        tail_named = False
        # "of [the] X ..." and/or "in City"
        tm = _OF_THE.match(body, pos)
        if tm:
            words: list[tuple[str, int]] = []
            p2 = tm.end()
            for w in re.finditer(r"[^\s,.;:()“”\"]+", body[p2 : p2 + 120]):
                if body[p2 + w.start() - 1 : p2 + w.start()] not in (" ", "") and w.start() > 0:
                    break
                token = w.group(0)
                possessive = re.fullmatch(r"[a-z]+['’]s", token) is not None  # "the pact's"
                # "Review Conference of the Treaty on the Non-Proliferation of ..."
                treaty_on = token == "on" and bool(words) and words[-1][0] in ("Treaty",
                                                                                "Convention")
                if token[:1].isupper() or token in _MEETING_TAIL or possessive or treaty_on:
                    words.append((token, p2 + w.end()))
                    if token[:1].isupper():
                        tail_named = True
                    continue
                break
            while words and (words[-1][0] in ("of", "and", "the", "its", "their")
                             or words[-1][0].endswith(("'s", "’s"))):
                words.pop()
            known = _known_name_at(r, tm.end())
            if known and (not words or known > words[-1][1]):
                # "meeting of the Organization for Security and Co-operation in Europe": a
                # name the reference base knows is taken whole, lower-case words and all
                words = [(body[tm.end() : known], known)]
                tail_named = True
            if words and tail_named:
                end = words[-1][1]
        cm = _IN_CITY.match(body, end)
        city = None
        if (
            cm
            and cm.group(1) not in r.rb.surfaces.get(cm.group(1), [("", "")])[0][0]
            and cm.group(1) not in ("December", "November")
        ):
            city = cm.group(1)
        named = tail_named or any(w[:1].isupper() for w in mods) or city
        if not named:
            continue
        if city and not tail_named:
            end = cm.end()  # type: ignore[union-attr]
        if re.search(r"(?:telephone|phone|video)\s*$", body[max(0, start - 12) : start]):
            continue
        if not mods and body[m.start(2) : m.end(2)] == "meeting" and \
                re.search(r",\s*$", body[max(0, start - 3) : start]):
            continue  # "the board, meeting in Vienna, adopted": a verb, no meeting's name
        # "a summit in Istanbul of the 54-nation Organization for ... (OSCE)": "OSCE summit"
        om = _MEETING_OF_ORG.match(body, end)
        host = om.group(1) if om else None
        out.append((start, end, "meeting", _meeting_payload(r, start, end, len(mods), host)))
    return out


def _known_name_at(r: Recognizer, pos: int) -> int | None:
    """The end of the longest organisation or bloc name of the reference base written at
    ``pos`` with a lower-case word inside it, if any."""
    toks = list(re.finditer(r"[^\s,.;:()“”\"]+", r.body[pos : pos + 120]))
    for n in range(len(toks), 2, -1):
        text = r.body[pos : pos + toks[n - 1].end()]
        if not any(t.group(0)[:1].islower() for t in toks[1 : n - 1]):
            continue
        keys = r.rb.surfaces.get(re.sub(r"\s+", " ", text), [])
        if any(k.startswith(("org:", "bloc:")) for k, _ in keys):
            return pos + toks[n - 1].end()
    return None


_MEETING_OF_ORG = re.compile(r"\s+of\s+the\s+[^.;()]{0,90}?\(([A-Z]{2,6})\)")


def _meeting_payload(r: Recognizer, start: int, end: int, n_mods: int, host: str | None
                     ) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        key = "meeting:" + fold(text)
        e = r.entity(key, T.MEETING, text)
        words = text.split()
        aliases = []
        if n_mods:
            aliases += [" ".join(words[n_mods:]), " ".join(words[: n_mods + 1])]
        # "meeting of their foreign ministers", "meeting of the pact's committee": also
        # without the possessive
        plain = re.sub(r"\b(?:their|its)\s+|\b[a-z]+['’]s\s+", "", text)
        if plain != text:
            aliases += [plain, " ".join(plain.split()[n_mods:])]
        if host:
            head = words[n_mods] if n_mods < len(words) else words[-1]
            rest = text.split(head, 1)[1]
            aliases += [f"{host} {head}{rest}", f"{host} {head}"]
        for alias in aliases:
            if alias and alias != e.name and alias not in e.aliases:
                e.aliases.append(alias)
        r.add(start, end, key, T.MEETING)

    return run


# -- weapon systems -----------------------------------------------------------------
_DESIGNATION = re.compile(r"(?<![\w-])(\d[A-Z]\d{2,4}[A-Z]?)(?![\w-])")
_DEFENCE_SYSTEM = re.compile(
    r"(?:\b(?:global|national|European|[A-Z][\w]*-based|strategic|US|American|NATO)\s+)*"
    r"\bmissile\s+defen[cs]e\s+system\Z"
)
_DEFENCE_HEADS = re.compile(r"\bmissile\s+defen[cs]e\s+system\b(?!s)")


def weapon_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _DESIGNATION.finditer(r.body):
        out.append((m.start(1), m.end(1), "weapon", _weapon_payload(r, m.start(1), m.end(1), None)))
    for m in _ending_at(_DEFENCE_SYSTEM, _DEFENCE_HEADS, r.body, 80):
        start = m.start()
        text = m.group(0)
        if text.startswith(("US ", "American ", "NATO ")):
            start += len(text.split()[0]) + 1
        out.append(
            (start, m.end(), "weapon", _weapon_payload(r, start, m.end(), "missile-defence"))
        )
    return out


def _weapon_payload(r: Recognizer, start: int, end: int, group: str | None) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        if group:
            key = "weapon:" + group  # one missile defence system per article
        else:
            ref = r.rb.by_name(text)
            key = ref.key if ref else "weapon:" + fold(text)
        r.entity(key, T.WEAPON_SYSTEM, text)
        r.add(start, end, key, T.WEAPON_SYSTEM)

    return run


# -- bodies and places named by their form --------------------------------------------
_ORG_HEAD = (r"(?:Committee|Council|Commission|Club|Agency|Assembly|Group|Forum|Secretariat|"
             r"Directorate|Office|Service|Command|Court|Bureau)")
_ORG_NAME = re.compile(rf"(?<![\w-])((?:[A-Z][\w-]*\s+){{1,4}}){_ORG_HEAD}\Z")
_ORG_HEADS = re.compile(rf"\b{_ORG_HEAD}\b")
_ORG_TAIL = re.compile(r"\s+of\s+the\s+[A-Z][\w-]*\b")
# "Fort Greely", "Kaliningrad region": found from their head word like the others
_PLACE_FORM = re.compile(r"(?<![\w-])(?:(?:Fort|Camp|Cape|Lake|Mount|Port)\s+[A-Z][a-z]+|"
                         r"[A-Z][a-z]+\s+(?:region|oblast|Region|Oblast|province|Province|krai|"
                         r"Krai))\Z")
_PLACE_HEADS = re.compile(r"\b(?:(?:Fort|Camp|Cape|Lake|Mount|Port)\s+[A-Z][a-z]+|region|oblast|"
                          r"Region|Oblast|province|Province|krai|Krai)\b")
_NOT_ORG_START = {"The", "A", "An", "In", "On", "At", "As", "But", "And", "When", "While", "Its",
                  "His", "Her", "Their", "This", "That", "Earlier", "Later"}


def body_candidates(r: Recognizer) -> list[Candidate]:
    """Organisations named by their form ("Political Consultative Committee", "CSTO
    Collective Security Council", "Valdai Discussion Club") and places ("Fort Greely",
    "Kaliningrad region")."""
    out: list[Candidate] = []
    for m in _ending_at(_ORG_NAME, _ORG_HEADS, r.body, 80):
        tail = _ORG_TAIL.match(r.body, m.end())
        end = tail.end() if tail else m.end()
        words = m.group(1).split()
        while words and (words[0] in _NOT_ORG_START or words[0].endswith(("'s", "’s"))
                         or words[0] in _MONTHS):
            words.pop(0)
        if not words:
            continue
        start = m.start(1) + m.group(1).index(words[0])
        text = r.body[start:end]
        if r.rb.surfaces.get(text) or len(text.split()) < 2:
            continue  # the reference base knows it; the gazetteer claims it
        closes = r.body[end : end + 1] in (")", "/")
        if 0 < start < 200 and r.body[start - 1] in "(/" and closes:
            continue  # the news agency in the dateline: "WASHINGTON (Capital Wire) —"
        out.append((start, end, "org", _named_payload(r, start, end, T.ORGANIZATION)))
    for pm in _ACRONYM.finditer(r.body):  # "International Campaign to ... (ICAN)"
        lo = max(0, pm.start() - 120)
        nm = _ACRONYMED.search(r.body[lo : pm.start()])
        if nm is None:
            continue
        words, acronym = nm.group(1), pm.group(1)
        start, end = lo + nm.start(1), lo + nm.end(1)
        while words.split()[0] in _NOT_ORG_START or words.split()[0][0] != acronym[0]:
            first = words.split()[0]  # "The Federation of ... (FCP)": from the word it names
            if len(words.split()) < 3:
                break
            cut = words.index(first) + len(first)
            cut += len(words[cut:]) - len(words[cut:].lstrip())
            words, start = words[cut:], start + cut
        initials = "".join(w[0] for w in words.split() if w[0].isupper())
        if not _initials_fit(acronym, initials) or r.rb.surfaces.get(acronym) \
                or r.rb.surfaces.get(words) or _NOT_ACRONYMED.search(words) \
                or not words[:1].isupper():
            continue
        out.append((start, end, "org", _acronym_payload(r, start, end, acronym)))
    for m in _ending_at(_PLACE_FORM, _PLACE_HEADS, r.body, 30):
        out.append((m.start(), m.end(), "place", _named_payload(r, m.start(), m.end(), T.PLACE)))
    return out


_ACRONYM = re.compile(r"\(([A-Z]{3,6})\)")
_ACRONYMED = re.compile(r"(?<![\w-])((?:[A-Z][\w-]+\s+)(?:(?:[A-Z][\w-]+|of|for|to|on|and|the|in)"
                        r"\s+){0,7}[A-Z][\w-]+)\s+\Z")
# a treaty, a meeting or a state is found by its own rules
_NOT_ACRONYMED = re.compile(r"\b(?:Treaty|Convention|Agreement|Accord|Protocol|Summit|Conference|"
                            r"Republic|Kingdom|States|Union)\b")


def _initials_fit(acronym: str, initials: str) -> bool:
    """The acronym's letters are the initials of the name's words, in order, from the first:
    ICAN for "International Campaign to Abolish Nuclear Weapons"."""
    if not initials or acronym[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in acronym) and len(acronym) >= len(initials) - 2


def _acronym_payload(r: Recognizer, start: int, end: int, acronym: str) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        key = "organization:" + fold(text)
        e = r.entity(key, T.ORGANIZATION, text)
        if acronym not in e.aliases:
            e.aliases.append(acronym)
        r.add(start, end, key, T.ORGANIZATION)
        for am in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", r.body):
            r.add(am.start(), am.end(), key, T.ORGANIZATION, "acronym")

    return run


def _named_payload(r: Recognizer, start: int, end: int, etype: T) -> Callable[[], None]:
    def run() -> None:
        text = r.body[start:end]
        key = f"{etype.value.lower()}:" + fold(text)
        r.entity(key, etype, text)
        r.add(start, end, key, etype)

    return run

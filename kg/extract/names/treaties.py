"""Treaties the reference base does not list, named by their form: 'Treaty on X', 'the X Treaty
(XT)', accession protocols."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract._entities import (
    NOT_NAME,
    T,
    fold,
)
from kg.extract.names._common import (
    CONNECT,
    TREATY_HEAD,
    TREATY_HEADS,
    Candidate,
    ending_at,
    ref_payload,
)

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer
    from kg.extract._refbase import RefEntity


_TREATY_OF = re.compile(
    rf"\b{TREATY_HEAD}\s+(?:on|of|for|[Bb]etween|Banning|on\s+the)\s+[A-Z\w][\w,()'’-]*"
    r"(?:\s+[\w,()'’-]+){0,25}"
)


_CAP_TREATY = re.compile(
    rf"(?<![\w-])((?:(?:[A-Z][\w-]*|\d{{4}})\s+){{1,6}})(?:\(([A-Z]{{2,6}})\)\s+)?([Tt]reaty|{TREATY_HEAD})\b"
)


# Patterns that end in a head word run backwards from each head ("... Treaty",
# "... summit") over a short window: much faster than trying them at every position.
_CAP_TREATY_END = re.compile(_CAP_TREATY.pattern + r"\Z")


_ACCESSION = re.compile(r"\b([A-Z][a-z]+)'s\s+accession\s+protocol\b")


_PROTOCOL = re.compile(
    r"\b(?:the\s+)?(protocol\s+(?:terminating|on|dissolving|ending)\s+the\s+"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})"
)


def _trim_name(words: list[str]) -> list[str]:
    """Drop what trails a name: connectors and a year ("... Weapons in 2019")."""
    while words and (
        words[-1].lower() in CONNECT
        or words[-1] in ("(", ")")
        or re.fullmatch(r"\d{4}", words[-1])
    ):
        words.pop()
    return words


_DAY_OR_MONTH = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|"
                           r"April|May|June|July|August|September|October|November|December")


def _before_date(words: list[str]) -> list[str]:
    """A name stops before a day or month ("the Treaty of Moscow on Friday")."""
    for i, w in enumerate(words):
        if _DAY_OR_MONTH.fullmatch(w.rstrip(",")):
            return words[:i]
    return words


def _known_prefix(r: Recognizer, words: list[str]) -> list[str]:
    """A treaty the reference base knows, then a place ("the Treaty of Moscow in the
    Kremlin"): the known name."""
    if r.rb.surfaces.get(" ".join(words)):
        return words
    for i in range(len(words) - 1, 2, -1):
        if words[i] in ("in", "at", "on", "with", "for") and any(
                r.rb.entities[k].type is T.TREATY
                for k, _ in r.rb.surfaces.get(" ".join(words[:i]), [])):
            return words[:i]
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
            if not (bare[:1].isupper() or bare.lower() in CONNECT or bare[:1].isdigit()):
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
        words = _trim_name(_known_prefix(r, _before_date(
            [w.rstrip(",") if i == len(words) - 1 else w for i, w in enumerate(words)])))
        if len(words) < 3:
            continue
        text = " ".join(words)
        end = m.start() + len(text)
        out.append((m.start(), end, "treaty", _treaty_payload(r, m.start(), end, text)))
    for m in ending_at(_CAP_TREATY_END, TREATY_HEADS, body, 120):
        names = m.group(1).split()
        while names and (names[0] in NOT_NAME or names[0].isdigit() or names[0] in ("The", "A")
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
                out.append((start, m.end(), "bloc", ref_payload(r, start, m.end(), bloc)))
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


def _known_by_words(r: Recognizer, start: int, end: int) -> RefEntity | None:
    """The known treaty whose name has the very content words of this one, with the
    words just before it ("Non-Proliferation of" before "Nuclear Weapons Treaty")."""
    from kg.extract._refbase import content_words, treaties_by_words

    seg = r.body[max(0, start - 50) : start]
    the = seg.rfind(" the ")
    cut = max([the + 4 if the >= 0 else -1, *(seg.rfind(c) for c in ".;:,(\"“")])
    words = content_words(seg[cut + 1 :] + r.body[start:end])
    keys = treaties_by_words().get(words, ())
    if not keys and len(words) >= 5:  # a long official name with a word left out or added
        keys = tuple({k for names, ks in treaties_by_words().items() if len(names) >= 5
                      and len(names & words) / len(names | words) >= 0.85 for k in ks})
    return r.rb.entities[keys[0]] if len(keys) == 1 else None


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
        if ref is None:  # "the Non-Proliferation of Nuclear Weapons Treaty": the NPT
            ref = _known_by_words(r, start, end)
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

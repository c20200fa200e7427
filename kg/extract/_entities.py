"""Entity mentions: the reference base, name and title patterns, linking, anaphora."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from kg.extract._refbase import _LATIN, RefBase, RefEntity, family_first, refbase

if TYPE_CHECKING:
    from kg.extract._people import KnownPerson
from kg.facts import EntityType

T = EntityType


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str
    type: EntityType
    role: str = "name"  # name | demonym | capital | surname | anaphor | acronym
    info: dict[str, str] = field(default_factory=dict)


@dataclass
class EntityInfo:
    key: str
    type: EntityType
    name: str
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)
    ref: RefEntity | None = None
    title: tuple[str, str] | None = None  # (position, organ key) a person was shown with
    known: KnownPerson | None = None  # who the person is in the list of known people


# capitals and small letters of Latin-1 and Latin Extended-A ("Šakalienė", "Władysław")
_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿĀ-ž"
NAME_TOKEN = (
    rf"(?:(?:[{_UP}][{_LOW}]+(?:['’]?[{_UP}][{_LOW}]{{2,}})?(?:-[{_UP}]?[{_LOW}]+)*|Le|La|De|de|van|"
    r"von|bin|al-[A-Z][a-z]+)(?![\w])|[A-Z]\.)"
)
MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}
NOT_NAME = MONTHS | {
    "The",
    "On",
    "In",
    "At",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "Earlier",
    "Later",
    "Hours",
    "Speaking",
    "Closing",
    "After",
    "Before",
    "While",
    "When",
    "With",
    # prepositions and determiners that open a sentence before a name ("Under
    # Additional Protocol II, the five ...")
    "Under",
    "By",
    "From",
    "For",
    "Of",
    "As",
    "Since",
    "Until",
    "Without",
    "Through",
    "During",
    "Against",
    "Unlike",
    "Its",
    "Our",
    "Both",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
}
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|from|to|near|outside|inside|into|visit(?:ed|ing)?|via)\s+(?:the\s+)?)$"
)
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case, accents and transliteration variants folded, for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'")
    text = re.sub(r"(?<=[a-z])ei\b", "ey", text)  # Sergei/Sergey, Andrei/Andrey
    text = re.sub(r"(?<=[a-z])i\b", "y", text) if text.endswith("dmitri") else text
    return re.sub(r"\s+", " ", text).strip()


def trie_regex(words: list[str]) -> str:
    """One regular expression for many literal strings, shaped as a trie so that the
    engine does not try every alternative at every position; longer matches first."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


@cache
def gazetteer() -> re.Pattern[str]:
    rb = refbase()
    surfaces = [s for s in rb.surfaces if len(s) > 1]
    return re.compile(rf"(?<![\w])(?:{trie_regex(surfaces)})(?![\w])")


@cache
def title_re() -> re.Pattern[str]:
    # lower case, Title Case and Sentence case of each title: a case-sensitive trie is
    # several times faster than IGNORECASE
    forms = set()
    small = ("of", "for", "and", "the", "to", "on")
    for t in refbase().titles:
        words = t.split()
        head = [w if w in small else w.title() for w in words]
        headline = " ".join(head)
        # "ambassador to the United Nations": a lower-case title before a name
        forms |= {t, t.title(), t[:1].upper() + t[1:], headline, t[:1] + headline[1:]}
        # "Foreign Ministry spokeswoman": the first words capitalised, the rest not
        forms |= {" ".join(head[:k] + words[k:]) for k in range(1, len(words))}
        if "." in t:  # "ambassador to the U.N.": an abbreviation stays in capitals
            up = " ".join(w.upper() if "." in w else w for w in t.split())
            forms |= {up, up[:1].upper() + up[1:]}
    alternation = trie_regex(sorted(forms)).replace(r"\ ", r"\s+")
    return re.compile(rf"\b(?:{alternation})(?:\b|(?<=\.))")


_DATELINE_AGENCY = re.compile(r"[(/]\s*(?:[\w.-]+\s+){0,3}\Z")


def _in_dateline(body: str, m: re.Match[str]) -> bool:
    """A news agency written in brackets or slashes in the dateline, before the story."""
    return m.start() < 300 and bool(_DATELINE_AGENCY.search(body, max(0, m.start() - 30),
                                                            m.start())) \
        and body[m.end() : m.end() + 3].lstrip(" ,")[:1] in (")", "/", "")


_COMPANY_HEADS = frozenset(("Group", "Corporation", "Company", "Holdings", "Inc", "plc", "PLC",
                            "Ltd", "Limited"))


def person_key(name: str) -> str:
    return "person:" + fold(name)


class Recognizer:
    """Finds and links the entity mentions of one article body."""

    def __init__(self, body: str, published: str | None) -> None:
        self.body = body
        self.published = published or "9999"
        self.rb: RefBase = refbase()
        self.mentions: list[Mention] = []
        self.entities: dict[str, EntityInfo] = {}

    # -- entities ---------------------------------------------------------------
    def entity(
        self, key: str, etype: EntityType, name: str, ref: RefEntity | None = None
    ) -> EntityInfo:
        info = self.entities.get(key)
        if info is None:
            qid = ref.qid if ref else None
            aliases = [a for a in dict.fromkeys(ref.aliases) if _LATIN.match(a)] if ref else []
            info = EntityInfo(key, etype, name, qid, aliases, ref)
            self.entities[key] = info
        return info

    def add(
        self, start: int, end: int, key: str, etype: EntityType, role: str = "name", **info: str
    ) -> Mention:
        m = Mention(start, end, self.body[start:end], key, etype, role, dict(info))
        self.mentions.append(m)
        if role in ("name", "surname", "acronym", "demonym", "capital"):
            e = self.entities.get(key)
            if e is not None and m.text != e.name and m.text not in e.aliases:
                e.aliases.append(m.text)
        return m

    def _ref_state(self, candidates: list[tuple[str, str]]) -> RefEntity | None:
        """Among states sharing a surface (Moscow, Soviet/Russian), the one of that time."""
        states = [self.rb.entities[k] for k, _ in candidates if self.rb.entities[k].type is T.STATE]
        for s in states:
            if s.valid_to and (s.valid_from or "0") <= self.published <= s.valid_to:
                return s
        current = [s for s in states if not s.valid_to]
        return current[0] if current else (states[0] if states else None)

    # -- passes -----------------------------------------------------------------
    def run(self) -> list[Mention]:
        spans: list[tuple[int, int, str]] = []  # claimed spans that may still overlap
        for start, end, kind, payload in sorted(self._candidates(), key=lambda c: (c[0], -c[1])):
            # candidates come by start, so a span that ended before this one never clashes
            spans = [sp for sp in spans if sp[1] > start]
            clash = [(s, e, k) for s, e, k in spans if s < end]
            # names nested in a meeting's name are mentions too ("session of ... ministries")
            if clash and not all(
                k == "meeting" and s <= start and end <= e and kind != "meeting"
                for s, e, k in clash
            ):
                continue
            spans.append((start, end, kind))
            payload()
        self._surnames()
        self._short_forms()
        self._same_as()
        from kg.extract._anaphora import resolve_anaphora
        from kg.extract._coref import described_persons

        resolve_anaphora(self)
        described_persons(self)
        self.mentions.sort(key=lambda m: m.start)
        return self.mentions

    def _candidates(self) -> list[tuple[int, int, str, Callable[[], None]]]:
        from kg.extract import names as p

        out: list[tuple[int, int, str, Callable[[], None]]] = []
        out += p.meeting_candidates(self)
        out += p.treaty_candidates(self)
        out += p.ministry_candidates(self)
        out += p.person_candidates(self)
        out += p.weapon_candidates(self)
        out += p.body_candidates(self)
        for m in gazetteer().finditer(self.body):
            out.append((m.start(), m.end(), "gazetteer", partial(self._gazetteer_hit, m)))
        return out

    def _gazetteer_hit(self, m: re.Match[str]) -> None:
        surface = m.group(0)
        cands = self.rb.surfaces[surface]
        if all(k.startswith("media:") for k, _ in cands) and _in_dateline(self.body, m):
            return  # "MINSK, Dec. 6 (Xinhua) --", "/TASS/": who filed the story, no entity
        roles = {r for _, r in cands}
        if "capital" in roles:
            state = self._ref_state([c for c in cands if c[1] == "capital"])
            place = next(
                (
                    self.rb.entities[k]
                    for k, r in cands
                    if r == "name" and self.rb.entities[k].type is T.PLACE
                ),
                None,
            )
            before = self.body[max(0, m.start() - 25) : m.start()]
            locative = bool(_LOCATIVE.search(before)) and not self.body.startswith("'s", m.end())
            dateline = m.start() < 200 and self.body[m.start() : m.end()].isupper()
            if dateline:
                return
            if state is not None:
                self.add(
                    m.start(),
                    m.end(),
                    state.key,
                    T.STATE,
                    "capital",
                    locative="1" if locative else "",
                    place=place.key if place else "",
                )
                return
        if "demonym" in roles and "name" not in roles:
            state = self._ref_state(cands)
            if state is not None:
                self.entity(state.key, T.STATE, state.name, state)
                self.add(m.start(), m.end(), state.key, T.STATE, "demonym")
            return
        names = [self.rb.entities[k] for k, r in cands if r == "name"]
        ref = (
            self._ref_state([(e.key, "name") for e in names])
            if any(e.type is T.STATE for e in names)
            else names[0]
        )
        if ref is None:
            return
        if ref.type is T.PLACE and _PLACE_AS_MODIFIER.match(self.body, m.end()):
            return  # "the three Baltic states": a kind of state, no place named
        self.entity(ref.key, ref.type, ref.name, ref)
        self.add(m.start(), m.end(), ref.key, ref.type, "name")

    def _surnames(self) -> None:
        persons = [e for e in self.entities.values() if e.type is T.PERSON]
        taken = sorted((m.start, m.end) for m in self.mentions)
        starts = [s for s, _ in taken]
        reach = list(accumulate((t for _, t in taken), max))  # furthest end so far

        def covered(at: int) -> bool:  # inside any taken span (s <= at < t)
            i = bisect_right(starts, at)
            return i > 0 and reach[i - 1] > at

        # a surname two persons share names the one the text introduced first ("Bhutto"
        # is Benazir Bhutto, not her father Zulfikar Ali Bhutto, named later)
        first = {m.key: m.start for m in reversed(self.mentions)}
        owners: dict[str, EntityInfo] = {}
        for e in sorted(persons, key=lambda e: first.get(e.key, len(self.body))):
            surname = _surname_of(e.name)
            if surname is not None:
                owners.setdefault(surname, e)
        for surname, e in owners.items():
            body, at = self.body, self.body.find(surname)
            while at >= 0:
                end = at + len(surname)
                whole = (at == 0 or not (body[at - 1].isalnum() or body[at - 1] == "-")) and (
                    end == len(body) or not (body[end].isalnum() or body[end] == "-"))
                if whole and not covered(at):
                    self.add(at, end, e.key, T.PERSON, "surname")
                at = body.find(surname, end)

    def _short_forms(self) -> None:
        """ "Quarto" for "Quarto Group": a company named by its first word alone."""
        for e in [e for e in self.entities.values() if e.type is T.ORGANIZATION and e.ref is None]:
            words = e.name.split()
            if len(words) != 2 or words[1] not in _COMPANY_HEADS or len(words[0]) < 4:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(words[0])}(?![\w-])(?!\s+{words[1]})",
                                 self.body):
                if not any(x.start <= m.start() < x.end for x in self.mentions):
                    self.add(m.start(), m.end(), e.key, T.ORGANIZATION, "acronym")

    def _same_as(self) -> None:
        """Two names the text says are one: "A, better known as B", "A, as B was formally
        known", "A, officially B", "A (B)": B's mentions become A's."""
        rx = re.compile(
            r"^,?\s+(?:(?:better|also|commonly|formerly)\s+known\s+as|officially|"
            r"as)\s+(?:the\s+)?$|^\s*\($"
        )
        ms = sorted(self.mentions, key=lambda m: m.start)
        for a, b in pairwise(ms):
            if (
                a.type is not b.type
                or a.key == b.key
                or a.type not in (T.TREATY, T.BLOC, T.ORGANIZATION)
            ):
                continue
            if not rx.match(self.body[a.end : b.start]):
                continue
            if self.body[a.end : b.start].strip() == "(" and self.body[b.end : b.end + 1] != ")":
                continue
            if b.start - a.end > 40:
                continue
            tail = self.body[b.end : b.end + 40]
            if self.body[a.end : b.start].strip(", ").startswith("as") and not re.match(
                r"\s+(?:was|is)\s+(?:\w+\s+)?known", tail
            ):
                continue
            keep, drop = (
                (a, b) if self.entities[a.key].ref or not self.entities[b.key].ref else (b, a)
            )
            info = self.entities.pop(drop.key)
            target = self.entities[keep.key]
            for alias in [info.name, *info.aliases]:
                if alias != target.name and alias not in target.aliases:
                    target.aliases.append(alias)
            old = drop.key
            for m in self.mentions:
                if m.key == old:
                    m.key = keep.key


#: a lower-case plural of actors after a region's name: it qualifies them ("Baltic states")
_PLACE_AS_MODIFIER = re.compile(r"\s+(?:states|countries|nations|republics|governments|"
                                r"allies|members|leaders)\b")


def _surname_of(name: str) -> str | None:
    """The surname a person is named by alone: "Le Drian", "Xi" (family name first), the
    last word; None for a one-word name."""
    parts = [w for w in name.replace(",", "").split()
             if w not in ("Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV")]
    if len(parts) < 2:
        return None
    if parts[-2] in ("Le", "La", "De", "de", "van", "von"):
        return " ".join(parts[-2:])
    return parts[0] if parts[0] in family_first() and len(parts) <= 3 else parts[-1]

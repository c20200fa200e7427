"""Meetings named by their form: 'the annual meeting of X', 'the Vilnius summit', 'a summit in
Istanbul'."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract._entities import (
    T,
    fold,
)
from kg.extract._lexicon import words as word_list
from kg.extract.names._common import (
    MEETING_HEADS,
    Candidate,
    ending_at,
)
from kg.extract.names.described import described_meetings

if TYPE_CHECKING:
    from kg.extract._entities import Recognizer


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


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


_IN_CITY = re.compile(r"\s+in\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")


def meeting_candidates(r: Recognizer) -> list[Candidate]:
    out: list[Candidate] = []
    body = r.body
    for m in ending_at(_MEETING_END, MEETING_HEADS, body, 60):
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
            heads = word_list("sub-body-heads")
            words: list[tuple[str, int]] = []
            p2 = tm.end()
            for w in re.finditer(r"[^\s,.;:()“”\"]+", body[p2 : p2 + 120]):
                if body[p2 + w.start() - 1 : p2 + w.start()] not in (" ", "") and w.start() > 0:
                    break
                token = w.group(0)
                possessive = re.fullmatch(r"[a-z]+['’]s", token) is not None  # "the pact's"
                # "Review Conference of the Treaty on the Non-Proliferation of ...",
                # "meeting of the Cabinet Committee on Security"
                treaty_on = token in ("on", "for") and bool(words) and (
                    words[-1][0] in ("Treaty", "Convention") or words[-1][0] in heads)
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
    return out + described_meetings(r, [(c[0], c[1]) for c in out])


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
        aliases += _told_as(r, start, end, text)
        for alias in aliases:
            if alias and alias != e.name and alias not in e.aliases:
                e.aliases.append(alias)
        r.add(start, end, key, T.MEETING)

    return run


# "a week-long meeting in Geneva to review the BWC": the meeting as the text tells it,
# with the words of colour before it and its purpose after it
_PURPOSE = re.compile(r"\s+(to\s+[a-z]+(?:\s+[\w'’-]+){0,5}?)(?=\s+(?:that|which|who|and|but|on|in|"
                      r"at|after|before)\b|\s*[,.;:)]|\s*$)")


def _told_as(r: Recognizer, start: int, end: int, text: str) -> list[str]:
    from kg.extract._lexicon import words as lexicon_words

    stop = frozenset(lexicon_words("meeting-stop-words"))
    pm = re.search(r"((?:[a-z][\w-]*\s+){1,2})\Z", r.body[max(0, start - 30) : start])
    mods = [w for w in (pm.group(1).split() if pm else []) if w not in stop]
    lead = " ".join(mods[-2:])
    purpose = _PURPOSE.match(r.body, end)
    out = []
    if lead:
        out.append(f"{lead} {text}")
    if purpose:
        out.append(f"{text} {purpose.group(1)}")
        if lead:
            out.append(f"{lead} {text} {purpose.group(1)}")
    return out

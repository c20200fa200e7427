"""Dependency rules for statements: who speaks, by the subject of a speech verb, "according
to X", "X was quoted as saying", "the appeal of X"; one statement per speaker and day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._context import ACTORS, T
from kg.extract._entities import Mention
from kg.extract._parse._args import actor, child, lemma, prep_objects, subjects, when, words
from kg.extract._parse._nlp import Parsed
from kg.extract._parse._rule import Fields, Rule
from kg.extract._sink import Sink

if TYPE_CHECKING:
    from spacy.tokens import Token


def _said(p: Parsed, speakers: list[Token], verb: Token) -> list[Fields]:
    """The speakers a phrase names: its mentions, or "he"/"she" (not "they", "it", nor
    "Russian officials": a statement is a named speaker's)."""
    day = when(p, verb)
    if day is None and _standing(p, verb):
        return []
    out = []
    for s in speakers:
        if s.pos_ == "PRON" and s.lower_ not in ("he", "she"):
            continue
        for t in [s, *s.conjuncts]:
            m = _speaker_of(p, t)
            if m is not None:
                out.append({"speaker": m.key, "when": day, "_phrase": {x.i for x in s.subtree}})
    return out


def _speaker_of(p: Parsed, tok: Token) -> Mention | None:
    """A speaker is named: a mention, "he"/"she", the person a title phrase names, or the
    state of plural officials ("U.S. officials said"); not "the Russian official" (a person
    the text does not name here) nor "countries, notably A and B"."""
    m = p.mention(tok)
    if m is not None:
        return m if m.type in ACTORS else None
    if tok.pos_ == "PRON" or lemma(tok) in words("leader"):
        a = actor(p, tok, ACTORS)
        if a is not None and (a.type is T.PERSON or tok.tag_ in ("NNS", "NNPS")):
            return a
    return None


def _standing(p: Parsed, verb: Token) -> bool:
    """"Moscow has warned of a response", "Moscow denies the charge, saying ...": a
    standing position (a perfect or a present with no date and no quotation), not a
    statement on one occasion."""
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        verb = verb.head
    perfect = any(c.dep_ == "aux" and lemma(c) == "have" for c in verb.children)
    return (perfect or verb.tag_ in ("VBZ", "VBP")) and not p.sent.quotes


def _not_speech(tok: Token) -> bool:
    """"declared a moratorium" (an act, not words); "called" only as "called X a Y",
    "called for", "called on"."""
    if lemma(tok) == "declare":
        return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in tok.children)
    if lemma(tok) == "call":
        return not (child(tok, "oprd", "ccomp") or any(
            c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children))
    return False


def said_subject(p: Parsed, tok: Token) -> list[Fields]:
    """X said (told, added, warned, ...), also inverted ("..., said X") and through a
    spokesman ("declared through its director X"); "X was quoted as saying"."""
    if tok.tag_ == "VBG" and any(q.start <= p.sent.s.start + tok.idx < q.end
                                 for q in p.sent.quotes):
        return []  # "“..., telling the conservatives ...”": a quoted participle, no attribution
    if _not_speech(tok) or tok.dep_ == "relcl":
        return []  # "Moscow, which denied the charges, ...": background, not the news
    if lemma(tok) == "quote":  # "BelTA quotes X": X speaks; "he was quoted as saying"
        return _said(p, child(tok, "nsubjpass") or child(tok, "dobj"), tok)
    through = [o for o in prep_objects(tok, "through") if p.mention(o) is not None
               and p.mention(o).type is T.PERSON]  # type: ignore[union-attr]
    if through:
        return _said(p, through, tok)
    subj = subjects(tok)
    if not subj and tok.dep_ == "pcomp" and lemma(tok.head) == "as":
        quoted = tok.head.head  # "was quoted by Interfax as saying"
        subj = child(quoted, "nsubjpass")
    if not subj and tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBG":
        subj = subjects(tok.head)  # "..., saying it undermined the idea"
    if child(tok, "auxpass"):
        return []
    return _said(p, subj, tok)


def according_to(p: Parsed, tok: Token) -> list[Fields]:
    """"according to X": X is the speaker (not "according to a report")."""
    if tok.lower_ != "according":
        return []
    objs = [o for c in child(tok, "prep") if c.lower_ == "to" for o in child(c, "pobj")]
    people = [t for o in objs for t in o.subtree if (m := p.mention(t)) is not None
              and m.type is T.PERSON]  # "according to the bank's analyst Jane Roe"
    return _said(p, people[-1:] if people and p.mention(objs[0]) is None else objs, tok)


def said_nominal(p: Parsed, tok: Token) -> list[Fields]:
    """"X's statement", "the appeal of X", "a statement released by X": the noun of
    something said, with who said it."""
    who = child(tok, "poss") + prep_objects(tok, "of")
    for c in child(tok, "acl"):  # "a statement released by the council"
        who += prep_objects(c, "by")
    return _said(p, [w for w in who if w.pos_ != "PRON"], tok)


def _about(p: Parsed, speaker: str, phrase: set[int]) -> list[str]:
    out = []
    for i, m in p.at.items():
        if i in phrase or m.key == speaker or m.type is T.MEETING:
            continue
        out.append((m.start, m.key))
    return list(dict.fromkeys(k for _, k in sorted(out)))


def record(p: Parsed, sink: Sink, rule: str, fields: Fields) -> None:
    """Add a statement, or merge it into the speaker's statement of the same day: its
    date is the one its clause names, else the speaker's last one, else publication."""
    speaker = fields["speaker"]
    earlier = [d for d in sink.facts if d.kind == "statement"
               and d.fields["speaker"] == speaker]
    day = fields.get("when") or (earlier[-1].fields.get("when") if earlier else None) \
        or p.ctx.published
    about = _about(p, speaker, fields.get("_phrase", set()))
    quotes = [q.text.rstrip(",. ") for q in p.sent.quotes]
    for d in earlier:
        if d.fields.get("when") == day:
            for k, vs in (("about", about), ("quotes", quotes)):
                have = d.fields.setdefault(k, [])
                have += [v for v in vs if v not in have]
            return
    sink.add("statement", p.sent, rule=rule, speaker=speaker, when=day, about=about,
             quotes=quotes)


RULES: tuple[Rule, ...] = (
    Rule("parse.statement.nsubj", "speech", ("VERB",), said_subject,
         (("Russian Foreign Minister Sergey Lavrov said on Tuesday the treaty was dead.",
           {"speaker": "Sergey Lavrov"}),
          ("“We will respond to NATO,” said Sergey Lavrov.", {"speaker": "Sergey Lavrov"}),
          ("Jens Stoltenberg arrived on Monday. He was quoted by TASS as saying that NATO "
           "talks would go on.", {"speaker": "Jens Stoltenberg"})),
         ("Sergey Lavrov did not say when the talks would resume.",)),
    Rule("parse.statement.according_to", "according", ("VERB",), according_to,
         (("According to Jens Stoltenberg, the alliance is united.",
           {"speaker": "Jens Stoltenberg"}),),
         ("According to the document, the drills ended.",)),
    Rule("parse.statement.nominal", "speech_noun", ("NOUN",), said_nominal,
         (("The CSTO move followed an appeal of Kazakh President Kassym-Jomart Tokayev.",
           {"speaker": "Kassym-Jomart Tokayev"}),),
         ("The statement was issued on Monday.",), factual=False),
)

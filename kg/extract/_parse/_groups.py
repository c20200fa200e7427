"""Dependency rules for who belongs to what (parties to treaties, members of blocs) and
who accuses whom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._context import ACTORS, BODIES, T
from kg.extract._entities import Mention
from kg.extract._parse._args import (
    actors,
    child,
    lemma,
    prep_objects,
    subjects,
    treaties,
    when,
    words,
)
from kg.extract._parse._nlp import Parsed
from kg.extract._parse._rule import Fields, Rule

if TYPE_CHECKING:
    from spacy.tokens import Token

_GROUP_TYPES = (T.BLOC, T.ORGANIZATION)


def _groups(p: Parsed, tok: Token) -> list[Mention]:
    out = [m for m in actors(p, tok, _GROUP_TYPES) if m.type in _GROUP_TYPES]
    return list({m.key: m for m in out}.values())


def _states(p: Parsed, toks: list[Token]) -> list[Mention]:
    out = [m for t in toks for m in actors(p, t, (T.STATE,)) if m.type is T.STATE]
    return list({m.key: m for m in out}.values())


def party_between(p: Parsed, tok: Token) -> list[Fields]:
    """"the treaty between A and B", "the accord was reached between A and B": A and B
    are parties to it."""
    found = treaties(p, tok)
    between = prep_objects(tok, "between")
    if not between and tok.dep_ in ("nsubjpass", "dobj"):
        between = prep_objects(tok.head, "between")
    states = _states(p, between)
    return [{"party": s.key, "treaty": t.key} for t in found for s in states]


def party_noun(p: Parsed, tok: Token) -> list[Fields]:
    """"X, a party to T"; "X is a signatory of T"; "the parties to T, including X": the
    noun "party"/"signatory" with its treaty, and the states it is said of."""
    found = [t for o in prep_objects(tok, "to", "of") for t in treaties(p, o)]
    if not found or lemma(tok) not in ("party", "signatory"):
        return []
    who = [o for c in tok.subtree if lemma(c) == "include" and c.dep_ in ("prep", "acl")
           for o in child(c, "pobj", "dobj")]  # "the parties to T, including X"
    who += _said_of(tok)
    return [{"party": s.key, "treaty": t.key} for t in found for s in _states(p, who)]


def _said_of(tok: Token) -> list[Token]:
    """What a predicate noun is said of: "X, a party to T" (apposition), "X is (remains)
    a party to T", "making X a party to T"."""
    if tok.dep_ == "appos":
        return [tok.head]
    if tok.dep_ == "attr":
        return subjects(tok.head)
    if tok.dep_ in ("oprd", "ccomp", "xcomp"):
        return child(tok.head, "dobj") + child(tok, "nsubj")
    return []


def _recent_group(p: Parsed) -> list[Mention]:
    """The bloc "the members" means: the last one named here or in the two sentences
    before."""
    i = p.sent.index
    for s in reversed(p.ctx.sents[max(0, i - 2) : i + 1]):
        gs = [m for m in s.mentions if m.type is T.BLOC]
        if gs:
            return gs[-1:]
    return []


def member_joined(p: Parsed, tok: Token) -> list[Fields]:
    """X joined (acceded to, entered) G: X is a member of the bloc or body G."""
    objs = child(tok, "dobj") + prep_objects(tok, "to", "into")
    groups = [g for o in objs for g in _groups(p, o)]
    members = _states(p, subjects(tok))
    return [{"member": m.key, "group": g.key, "when": when(p, tok)}
            for g in groups for m in members]


def member_admitted(p: Parsed, tok: Token) -> list[Fields]:
    """G accepted (admitted, welcomed) X as (new) members; G admitted X."""
    as_members = any(lemma(o) in words("member") for o in prep_objects(tok, "as"))
    if not as_members and lemma(tok) != "admit":
        return []
    groups = [g for s in subjects(tok) for g in _groups(p, s)]
    members = _states(p, child(tok, "dobj"))
    if child(tok, "auxpass"):  # "X was admitted to G"
        members = _states(p, child(tok, "nsubjpass"))
        groups = [g for o in prep_objects(tok, "to", "into", "by") for g in _groups(p, o)]
    return [{"member": m.key, "group": g.key, "when": when(p, tok)}
            for g in groups for m in members]


def member_noun(p: Parsed, tok: Token) -> list[Fields]:
    """"X is a member of G", "X, an ally of G", "G's members X and Y", "the G members A
    and B": the noun "member" (or "ally") with its group and the states it is said of."""
    if lemma(tok) not in ("member", "ally"):
        return []
    groups = [g for o in prep_objects(tok, "of") for g in _groups(p, o)]
    groups += [g for c in child(tok, "poss", "compound") for g in _groups(p, c)]
    who: list[Token] = child(tok, "appos") + _said_of(tok)
    if not groups and who and not child(tok, "prep", "poss", "compound"):
        groups = _recent_group(p)  # "The six members — A, B and C — agreed"
    return [{"member": m.key, "group": g.key} for g in groups for m in _states(p, who)]


def member_includes(p: Parsed, tok: Token) -> list[Fields]:
    """G includes (comprises) A, B and C: a bloc or body and its member states."""
    if lemma(tok) == "bring" and not any(c.lower_ == "together" for c in tok.children):
        return []
    groups = [g for s in subjects(tok) for g in _groups(p, s)]
    objs = prep_objects(tok, "of") if lemma(tok) == "consist" else child(tok, "dobj")
    return [{"member": m.key, "group": g.key} for g in groups for m in _states(p, objs)]


def _treaty_within(p: Parsed, tok: Token) -> str | None:
    for t in tok.subtree:
        m = p.mention(t)
        if m is not None and m.type is T.TREATY:
            return m.key
    return None


def accused_of(p: Parsed, tok: Token) -> list[Fields]:
    """X accused (blamed, charged) Y of (for) Z; Y was accused by X of Z. The treaty is
    one named in what Y is accused of ("of violating the INF Treaty")."""
    if child(tok, "auxpass"):
        who, by = child(tok, "nsubjpass"), prep_objects(tok, "by")
    else:
        who, by = child(tok, "dobj"), subjects(tok)
    accused = [m for t in who for m in actors(p, t, ACTORS)]
    accusers = [m for t in by for m in actors(p, t, ACTORS)]
    if not accusers and tok.dep_ == "conj" and tok.head.dep_ == "ccomp":
        # "X said that the treaty has become history, and accused Y": X accuses
        accusers = [m for t in subjects(tok.head.head) for m in actors(p, t, ACTORS)]
    charge = prep_objects(tok, "of", "for") + child(tok, "prep")
    found = next((k for c in charge if (k := _treaty_within(p, c))), None)
    return [{"accuser": a.key, "accused": b.key, "treaty": found, "when": when(p, tok)}
            for a in accusers for b in accused if a.key != b.key]


def _speaker(p: Parsed, tok: Token) -> list[Mention]:
    """Who says what a clause reports: the subject of the speech verb it depends on."""
    t = tok
    for _ in range(12):
        if lemma(t) in words("speech") and t.pos_ == "VERB":
            who = [m for s in subjects(t) for m in actors(p, s, ACTORS)]
            if who:
                return who
        if t.head is t:
            break
        t = t.head
    for t in p.doc:  # a violation told in a quotation: the quotation's speaker
        if lemma(t) in words("speech") and t.pos_ == "VERB" and t.i > tok.i:
            who = [m for s in subjects(t) for m in actors(p, s, ACTORS)]
            if who:
                return who
    return []


def _accusations(p: Parsed, tok: Token, accused: list[Mention], treaty: str | None,
                 accusers: list[Mention] | None = None) -> list[Fields]:
    return [{"accuser": a.key, "accused": b.key, "treaty": treaty}
            for a in (accusers if accusers is not None else _speaker(p, tok))
            for b in accused if a.key != b.key]


def said_violated(p: Parsed, tok: Token) -> list[Fields]:
    """Someone says Y violated (breached) T: the speaker accuses Y ("Pompeo said Russia
    had violated the treaty")."""
    accused = [m for s in subjects(tok) for m in actors(p, s, BODIES)]
    found = [t for o in child(tok, "dobj") for t in treaties(p, o)]
    return _accusations(p, tok, accused, found[0].key) if found else []


def violations_by(p: Parsed, tok: Token) -> list[Fields]:
    """"violations by Y of T", told by a speaker: the speaker accuses Y."""
    if any(c.dep_ in ("neg", "det") and lemma(c) == "no" for c in tok.children):
        return []
    accused = [m for o in prep_objects(tok, "by") for m in actors(p, o, BODIES)]
    found = _treaty_within(p, tok) or _only_treaty(p)
    return _accusations(p, tok, accused, found) if found else []


def _only_treaty(p: Parsed) -> str | None:
    """The one treaty a sentence names (a parse may hang it anywhere)."""
    keys = {m.key for m in p.sent.of_type(T.TREATY)}
    return keys.pop() if len(keys) == 1 else None


def claims_against(p: Parsed, tok: Token) -> list[Fields]:
    """"claims (accusations, allegations) against Y": Y is accused, by the one who made
    them ("the claims Russia has made", "Russia's claims") or else the speaker."""
    accused = [m for o in prep_objects(tok, "against") for m in actors(p, o, BODIES)]
    makers = [m for c in child(tok, "poss") for m in actors(p, c, ACTORS)]
    makers += [m for c in child(tok, "relcl") for s in subjects(c)
               for m in actors(p, s, ACTORS)]
    return _accusations(p, tok, accused, _treaty_within(p, tok), makers or None)


RULES: tuple[Rule, ...] = (
    Rule("parse.party_to.between", "treaty", ("NOUN", "PROPN"), party_between,
         (("New START is the only treaty between the United States and Russia.",
           {"party": "Russia"}),), ()),
    Rule("parse.party_to.party_noun", "member", ("NOUN",), party_noun,
         (("All 191 parties to the Non-Proliferation Treaty, including Iran, met in May.",
           {"party": "Iran", "treaty": "Non-Proliferation Treaty"}),), ()),
    Rule("parse.member_of.joined", "join", ("VERB",), member_joined,
         (("Finland joined NATO in April 2023.", {"member": "Finland", "group": "NATO"}),),
         ("Sweden did not join NATO.", "Ukraine hopes to join NATO.")),
    Rule("parse.member_of.admitted", "admit", ("VERB",), member_admitted,
         (("NATO accepted Poland and Hungary as new members on Friday.",
           {"member": "Hungary", "group": "NATO"}),),
         ("NATO welcomed the decision of Sweden.",)),
    Rule("parse.member_of.member_noun", "member", ("NOUN",), member_noun,
         (("Turkey, a member of NATO, objected.", {"member": "Turkey", "group": "NATO"}),), ()),
    Rule("parse.member_of.includes", "include", ("VERB",), member_includes,
         (("The CSTO includes Armenia, Belarus and Russia.",
           {"member": "Belarus", "group": "Collective Security Treaty Organization"}),), ()),
    Rule("parse.accused.of", "accuse", ("VERB",), accused_of,
         (("NATO accused Russia of violating the INF Treaty.",
           {"accuser": "NATO", "accused": "Russia"}),),
         ("Russia did not accuse NATO of anything.",)),
    Rule("parse.accused.said_violated", "violate", ("VERB",), said_violated,
         (("Mike Pompeo said Russia had violated the INF Treaty.",
           {"accuser": "Mike Pompeo", "accused": "Russia"}),),
         ("Placing such a weapon in orbit would violate the Outer Space Treaty.",)),
    Rule("parse.accused.violations_by", "violate", ("NOUN",), violations_by,
         (("“We saw violations by Iran of the Non-Proliferation Treaty,” Mike Pompeo said.",
           {"accuser": "Mike Pompeo", "accused": "Iran"}),),
         ("Mike Pompeo said there were no violations by Iran of the treaty.",), factual=False),
    Rule("parse.accused.claims_against", "claim", ("NOUN",), claims_against,
         (("The data confirm claims against Iran over the Non-Proliferation Treaty, "
           "Mike Pompeo said.", {"accuser": "Mike Pompeo", "accused": "Iran"}),),
         ("Mike Pompeo said there were no claims.",), factual=False),
)

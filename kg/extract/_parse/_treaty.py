"""Dependency rules for the acts of states on treaties: signing, ratification,
withdrawal, suspension and entry into force."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract._context import ACTORS, BODIES, T
from kg.extract._entities import Mention
from kg.extract._parse._args import (
    actors,
    as_state,
    child,
    dated_name,
    lemma,
    prep_objects,
    recent_treaty,
    relative,
    subjects,
    treaties,
    treaty,
    unreal,
    when,
    words,
)
from kg.extract._parse._nlp import Parsed
from kg.extract._parse._rule import Fields, Rule

if TYPE_CHECKING:
    from spacy.tokens import Token


def signer(p: Parsed, m: Mention) -> str | None:
    """Who signs for whom: a person signs for the state of the title the text gave them
    ("President Bush" -> United States); a state or bloc for itself."""
    if m.type is T.PERSON:
        e = p.ctx.entities.get(m.key)
        organ = e.title[1] if e is not None and e.title else None
        oe = p.ctx.entities.get(organ or "")
        return oe.key if oe is not None and oe.type is T.STATE else None
    return m.key if m.type in (T.STATE, T.BLOC) else None


def _place(p: Parsed, tok: Token) -> str | None:
    for o in prep_objects(tok, "in", "at"):
        m = p.mention(o)
        if m is not None and m.type is T.PLACE:
            return m.key
    return None


def _signing(p: Parsed, verb: Token, objs: list[Token], subj: list[Token]) -> list[Fields]:
    found = [t for o in objs for t in treaties(p, o)]
    if not found and any(lemma(o) in words("law") for o in objs):
        return []  # "signed a law", "signed the decree"
    parties = [s for t in subj for m in actors(p, t, ACTORS) if (s := signer(p, m))]
    return [{"treaty": t.key, "when": when(p, verb), "where": _place(p, verb),
             "signatories": list(dict.fromkeys(parties))} for t in found]


def signed_active(p: Parsed, tok: Token) -> list[Fields]:
    """X signed T: the subject's states sign the object treaty."""
    if child(tok, "auxpass") or tok.dep_ == "acl":
        return []
    return _signing(p, tok, child(tok, "dobj"), subjects(tok))


def signed_passive(p: Parsed, tok: Token) -> list[Fields]:
    """T was signed by X; "the treaty, signed in Paris, ...": the treaty is the subject
    of a passive, or the noun a participle qualifies."""
    objs = [relative(t) for t in child(tok, "nsubjpass")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        objs = [tok.head]
    if not objs:
        return []
    return _signing(p, tok, objs, prep_objects(tok, "by"))


def signed_nominal(p: Parsed, tok: Token) -> list[Fields]:
    """"the signing of T", "T's signing", "with the signing of the treaty": a signing
    noun with its treaty (after "of", or the possessor); signatories are not named."""
    objs = prep_objects(tok, "of") + child(tok, "poss")
    return _signing(p, tok, objs, [])


def signed_dated_name(p: Parsed, tok: Token) -> list[Fields]:
    """"the 1972 ABM Treaty", "the Ottawa Treaty of December 1997": a treaty named with
    its date was signed then."""
    t = treaty(p, tok) if p.mention(tok) is not None else None
    day = dated_name(p, tok) if t is not None else None
    return [{"treaty": t.key, "when": day}] if t is not None and day else []


def _legislature_state(p: Parsed, tok: Token) -> list[str]:
    """The states a ratifying subject stands for: "Russia", "the State Duma", "the US and
    Russian legislatures", "Hungary's parliament"."""
    out = []
    for m in actors(p, tok, (T.STATE, T.ORGANIZATION)):
        st = as_state(p, m)
        if st:
            out.append(st)
    return list(dict.fromkeys(out))


def _ratifier(tok: Token) -> list[Token]:
    """The subject of "ratify", also of "the 50th state to ratify" (the attribute noun's
    subject) and of "decided to ratify"."""
    if tok.dep_ in ("acl", "relcl") and tok.head.dep_ == "attr":
        return subjects(tok.head.head)
    if tok.dep_ == "advcl" and child(tok.head, "attr"):  # "X became the 50th to ratify"
        return subjects(tok.head)
    if tok.dep_ == "relcl":
        return [tok.head]
    return subjects(tok)


def _ratifications(p: Parsed, tok: Token, objs: list[Token], by: list[Token]) -> list[Fields]:
    found = [t for o in objs for t in treaties(p, o)]
    for o in objs:  # "ratified different versions of START II"
        found += [t for x in prep_objects(o, "of") for t in treaties(p, x)]
    if not objs:  # "the 50th state to ratify": the treaty in focus
        t = recent_treaty(p)
        found = [t] if t is not None else []
    states = [s for b in by for s in _legislature_state(p, b)]
    return [{"party": s, "treaty": t.key, "when": when(p, tok)} for t in found
            for s in states]


def ratified_active(p: Parsed, tok: Token) -> list[Fields]:
    """X ratified T (or "ratified it", or with no object: the treaty in focus)."""
    if child(tok, "auxpass"):
        return []
    return _ratifications(p, tok, child(tok, "dobj"), _ratifier(tok))


def ratified_passive(p: Parsed, tok: Token) -> list[Fields]:
    """T was ratified (or approved) by X."""
    objs = child(tok, "nsubjpass") or ([tok.head] if tok.dep_ == "acl" else [])
    by = prep_objects(tok, "by")
    if lemma(tok) in words("approve") and not any(_is_legislature(p, b) for b in by):
        return []
    return _ratifications(p, tok, objs, by) if objs and by else []


def _is_legislature(p: Parsed, tok: Token) -> bool:
    m = p.mention(tok)
    if m is not None and m.type is T.ORGANIZATION:
        return any(lemma(t) in words("legislature") for t in p.doc
                   if p.mention(t) is m) or "Duma" in m.text or "Senate" in m.text
    return lemma(tok) in words("legislature")


def approved(p: Parsed, tok: Token) -> list[Fields]:
    """A legislature approved T: its state ratified T ("The Senate approved the treaty")."""
    subj = _ratifier(tok)
    if child(tok, "auxpass") or not any(_is_legislature(p, s) for s in subj):
        return []
    objs = child(tok, "dobj")
    if not any(treaties(p, o) for o in objs):
        return []
    return _ratifications(p, tok, objs, subj)


def ratified_nominal(p: Parsed, tok: Token) -> list[Fields]:
    """"ratification of T by X", "X's ratification of T", "X submitted their
    ratifications": the possessor, the "by" object or the verb's subject ratifies."""
    objs = prep_objects(tok, "of")
    by = prep_objects(tok, "by") or [c for c in child(tok, "poss") if c.pos_ != "PRON"]
    if not by and tok.dep_ == "dobj" and lemma(tok.head) in ("submit", "deposit", "complete"):
        by = subjects(tok.head)
    if not by:
        return []
    return _ratifications(p, tok, objs or [tok], by) if objs else [
        {"party": s, "treaty": t.key, "when": when(p, tok)}
        for t in [recent_treaty(p)] if t is not None
        for b in by for s in _legislature_state(p, b)]


def _out_of(tok: Token) -> list[Token]:
    """The object of "from", or of "out of" ("pulled out of T", "backing out of T")."""
    objs = prep_objects(tok, "from")
    for c in tok.children:
        if c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod"):
            objs += prep_objects(c, "of") + [o for o in c.children if o.dep_ == "pobj"]
            objs += prep_objects(tok, "of")
    return objs


def _party_subjects(p: Parsed, tok: Token) -> list[Mention]:
    subj = subjects(tok)
    if not subj and tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        subj = subjects(tok.head.head)  # "by backing out of T, Russia frees itself"
    return [m for s in subj for m in actors(p, s, BODIES) if m.type is not T.ORGANIZATION]


def withdrew_from(p: Parsed, tok: Token) -> list[Fields]:
    """X withdrew (pulled out, backed out) from T; "withdrew the US from T" (the object
    is the party)."""
    found = [t for o in _out_of(tok) for t in treaties(p, o)]
    if not found and not _out_of(tok) and not child(tok, "dobj") and lemma(tok) == "withdraw":
        t = recent_treaty(p, focus=False)  # "and North Korea withdrew in 2003"
        found = [t] if t is not None else []
    if not found:
        return []
    objs = [m for o in child(tok, "dobj") for m in actors(p, o, BODIES)]
    parties = objs or _party_subjects(p, tok)
    return [{"party": m.key, "treaty": t.key, "when": when(p, tok)}
            for t in found for m in parties]


def withdrew_object(p: Parsed, tok: Token) -> list[Fields]:
    """X quit (left, exited, abandoned, renounced) T: the treaty is the object."""
    if lemma(tok) == "withdraw" or child(tok, "auxpass"):
        return []
    found = [t for o in child(tok, "dobj") for t in treaties(p, o)]
    return [{"party": m.key, "treaty": t.key, "when": when(p, tok)}
            for t in found for m in _party_subjects(p, tok)]


def _owner(p: Parsed, tok: Token) -> list[Mention]:
    """Whose act a noun names: "Russia's withdrawal", "the US withdrawal", "its
    withdrawal", "withdrawal by X"; else the subject of the verb it is the object of."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            ms = actors(p, c, BODIES)
            if ms:
                return ms
    by = [m for o in prep_objects(tok, "by") for m in actors(p, o, BODIES)]
    if by:
        return by
    if tok.dep_ == "dobj":
        return _party_subjects(p, tok.head)
    return []


def withdrew_nominal(p: Parsed, tok: Token) -> list[Fields]:
    """"its withdrawal from T", "the US withdrawal from T", "Moscow announced its exit
    from T"."""
    found = [t for o in prep_objects(tok, "from") for t in treaties(p, o)]
    return [{"party": m.key, "treaty": t.key, "when": when(p, tok)}
            for t in found for m in _owner(p, tok)]


def _suspended_treaties(p: Parsed, tok: Token) -> list[Mention]:
    """The treaty suspended: the object, or the treaty of "its participation in T",
    "its obligations under T", "the implementation of T"; "a moratorium on T"."""
    objs = child(tok, "dobj", "nsubjpass") + prep_objects(tok, "on", "of")
    out: list[Mention] = []
    for _ in range(3):  # "all of its obligations under the treaty"
        out += [t for o in objs for t in treaties(p, o)]
        objs = [x for o in objs for x in prep_objects(o, "in", "under", "of", "with", "on")]
    if not out and any(lemma(o) in _SHARES for o in child(tok, "dobj")):
        t = recent_treaty(p)  # "Russia had suspended its participation in 2007"
        out = [t] if t is not None else []
    return list({t.key: t for t in out}.values())


_SHARES = frozenset({"participation", "obligation", "membership", "implementation",
                     "operation", "observance", "compliance"})


def _announced(tok: Token) -> bool:
    """A suspension said to come ("will suspend its obligations effective 7 December",
    "said they would suspend the treaty") is one; "could suspend", "threatened to
    suspend", "did not suspend" are not."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "mark" and lemma(c) in words("condition")):
            return False
        if c.dep_ == "aux" and c.tag_ == "MD" and lemma(c) not in ("will", "would"):
            return False
    return not (child(tok, "aux") and any(c.tag_ == "TO" for c in child(tok, "aux")))


def suspended_verb(p: Parsed, tok: Token) -> list[Fields]:
    """X suspended T (or its participation in T); "suspending Moscow's participation"
    (the possessor is the party)."""
    if child(tok, "auxpass") or not _announced(tok):
        return []
    owners = [m for o in child(tok, "dobj") for c in child(o, "poss") if c.pos_ != "PRON"
              for m in actors(p, c, BODIES)]
    return [{"party": m.key, "treaty": t.key, "when": when(p, tok), "form": "suspension"}
            for t in _suspended_treaties(p, tok) for m in owners or _party_subjects(p, tok)]


def suspended_nominal(p: Parsed, tok: Token) -> list[Fields]:
    """"X's suspension of T", "X declared a moratorium on T", "X holds T in abeyance"."""
    form = "moratorium" if lemma(tok) == "moratorium" else "suspension"
    if lemma(tok) == "abeyance":  # "holds the treaty in abeyance"
        verb = tok.head.head if tok.dep_ == "pobj" else tok
        return [{"party": m.key, "treaty": t.key, "when": when(p, verb), "form": form}
                for t in _suspended_treaties(p, verb) for m in _party_subjects(p, verb)]
    return [{"party": m.key, "treaty": t.key, "when": when(p, tok), "form": form}
            for t in _suspended_treaties(p, tok) for m in _owner(p, tok)]


def _scheduled(verb: Token) -> bool:
    """"is slated to enter into force on 22 January", "will enter into force in 90 days":
    a date the treaty's own terms fix, not a plan (no negation, no may or could)."""
    if any(c.dep_ == "neg" for c in verb.children) or any(
            m.dep_ == "mark" and lemma(m) in words("condition") | {"after", "when"}
            for c in child(verb, "advcl") for m in c.children):
        return False  # "will take effect only after all have ratified it"
    aux = [lemma(c) for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    if aux:
        return all(a in ("will", "shall") for a in aux)
    head = verb.head
    return verb.dep_ == "xcomp" and lemma(head) in ("slate", "schedule", "set", "due") \
        and not any(c.dep_ in ("neg", "aux") and c.tag_ != "VBZ" and lemma(c) != "be"
                    for c in head.children if c.dep_ in ("neg", "aux"))


def entered_into_force(p: Parsed, tok: Token) -> list[Fields]:
    """T entered (came) into force, took effect: the subject of the verb over "into
    force"/"effect"."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ not in ("pobj", "dobj") or lemma(verb) not in words("force_verb"):
        return []
    if unreal(verb) and not _scheduled(verb):
        return []
    if lemma(tok) == "effect" and lemma(verb) == "take" and tok.dep_ != "dobj":
        return []
    subj = subjects(verb) or ([verb.head] if verb.dep_ in ("acl", "relcl") else [])
    found = [t for s in subj for t in treaties(p, s)]
    return [{"treaty": t.key, "when": when(p, verb)} for t in found]


RULES: tuple[Rule, ...] = (
    Rule("parse.signed.nsubj_dobj", "sign", ("VERB",), signed_active,
         (("Canada and Norway signed the Ottawa Convention in December 1997.",
           {"treaty": "Ottawa Convention", "signatories": ["Canada", "Norway"]}),
          ("Russian President Vladimir Putin and US President Barack Obama signed the New "
           "START treaty in Prague.", {"treaty": "New START"})),
         ("Putin signed a law on the treaty.", "Russia did not sign the Ottawa Convention.")),
    Rule("parse.signed.passive", "sign", ("VERB",), signed_passive,
         (("The Ottawa Convention was signed by Canada in 1997.",
           {"treaty": "Ottawa Convention", "signatories": ["Canada"]}),),
         ("The New START treaty may be signed by Russia next year.",)),
    Rule("parse.signed.dated_name", "treaty", ("NOUN", "PROPN"), signed_dated_name,
         (("Russia left the 1990 Treaty on Conventional Armed Forces in Europe.",
           {"when": "1990"}),
          ("The Ottawa Convention of December 1997 bans landmines.", {"when": "1997-12"})),
         ("The treaty was debated in 1997.",), factual=False),
    Rule("parse.signed.nominal", "signing", ("NOUN",), signed_nominal,
         (("Talks that led to the signing of the New START treaty began in 2009.",
           {"treaty": "New START"}),),
         ("The signing of a new law was delayed.",)),
    Rule("parse.ratified.nsubj_dobj", "ratify", ("VERB",), ratified_active,
         (("Russia ratified the Comprehensive Nuclear-Test-Ban Treaty in 2000.",
           {"party": "Russia", "treaty": "Comprehensive Nuclear-Test-Ban Treaty"}),),
         ("The United States has not ratified the Comprehensive Nuclear-Test-Ban Treaty.",
          "Congress could ratify the New START treaty next month.")),
    Rule("parse.ratified.passive", "ratify", ("VERB",), ratified_passive,
         (("The New START treaty was ratified by the State Duma in January.",
           {"party": "Russia", "treaty": "New START"}),), ()),
    Rule("parse.ratified.approved", "approve", ("VERB",), approved,
         (("The US Senate approved the New START treaty on Wednesday.",
           {"party": "United States", "treaty": "New START"}),),
         ("The cabinet approved the budget.",)),
    Rule("parse.ratified.passive_approved", "approve", ("VERB",), ratified_passive,
         (("The New START treaty was approved by the US Senate.",
           {"party": "United States", "treaty": "New START"}),), ()),
    Rule("parse.ratified.nominal", "ratify", ("NOUN",), ratified_nominal,
         (("Finland's ratification of the Ottawa Convention was welcomed.",
           {"party": "Finland", "treaty": "Ottawa Convention"}),), ()),
    Rule("parse.withdrew.from", "withdraw", ("VERB",), withdrew_from,
         (("The United States withdrew from the Anti-Ballistic Missile Treaty in 2002.",
           {"party": "United States", "treaty": "Anti-Ballistic Missile Treaty"}),),
         ("Russia threatened to withdraw from the New START treaty.",
          "Moscow will not withdraw from the Ottawa Convention.")),
    Rule("parse.withdrew.pull_out", "pull", ("VERB",), withdrew_from,
         (("Russia pulled out of the New START treaty on Friday.",
           {"party": "Russia", "treaty": "New START"}),), ()),
    Rule("parse.withdrew.object", "withdraw", ("VERB",), withdrew_object,
         (("North Korea quit the Non-Proliferation Treaty in 2003.",
           {"party": "North Korea", "treaty": "Non-Proliferation Treaty"}),),
         ("Lithuania may leave the Ottawa Convention.",)),
    Rule("parse.withdrew.nominal", "withdrawal", ("NOUN",), withdrew_nominal,
         (("Moscow announced its withdrawal from the Ottawa Convention on Monday.",
           {"party": "Russia", "treaty": "Ottawa Convention"}),),
         ("Latvia announced its intention to withdraw from the Ottawa Convention.",
          "Experts discussed a possible withdrawal from the Ottawa Convention by Poland.")),
    Rule("parse.suspended.verb", "suspend", ("VERB",), suspended_verb,
         (("Russia suspended its participation in the New START treaty in February.",
           {"party": "Russia", "treaty": "New START"}),),
         ("Russia could suspend the New START treaty.",
          "Russia threatened to suspend the New START treaty."), factual=False),
    Rule("parse.suspended.nominal", "suspension", ("NOUN",), suspended_nominal,
         (("Russia declared a moratorium on the Treaty on Conventional Armed Forces in Europe.",
           {"party": "Russia", "form": "moratorium"}),), ()),
    Rule("parse.entered_into_force.verb", "force", ("NOUN",), entered_into_force,
         (("The New START treaty entered into force on 5 February 2011.",
           {"treaty": "New START", "when": "2011-02-05"}),),
         ("The Comprehensive Nuclear-Test-Ban Treaty has never entered into force.",
          "The treaty could enter into force next year."), factual=False),
)

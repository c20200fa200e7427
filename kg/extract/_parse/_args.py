"""What the dependency rules ask of a parse: the actors and treaties a noun phrase names,
whether a verb states a fact (not negated, not a plan or a condition), and its date."""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.extract._context import BODIES, T
from kg.extract._discourse import state_of
from kg.extract._entities import Mention
from kg.extract._parse._nlp import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

# clause links through which a verb inherits the mood of its head
_SAME_CLAUSE = frozenset({"xcomp", "conj", "prep", "pobj", "dobj", "pcomp", "nsubj",
                          "nsubjpass", "attr", "acomp", "oprd", "agent", "appos", "acl"})
_UNREAL_ADJ = frozenset({"possible", "potential", "proposed", "future", "eventual",
                         "hypothetical", "intended", "threatened", "prospective"})
_ORDINALS = frozenset({"first", "last", "latest", "second", "third"})


@cache
def words(group: str) -> frozenset[str]:
    """The lemmas of one group of ``kg/data/lexicon/parse-words.tsv``.

    >>> "ratify" in words("ratify")
    True
    """
    text = resources.files("kg").joinpath("data", "lexicon", "parse-words.tsv").read_text(
        encoding="utf-8")
    for line in text.splitlines():
        name, _, lemmas = line.partition("\t")
        if name == group:
            return frozenset(lemmas.split("|"))
    raise KeyError(group)


def lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


def _own_unreal(tok: Token) -> bool:
    """Negation, a modal auxiliary or a condition on this very token."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and lemma(c) in ("no", "never")):
            return True
        if c.dep_ == "aux" and c.tag_ == "MD" and lemma(c) in words("modal_aux"):
            return True
        if c.dep_ == "mark" and lemma(c) in words("condition"):
            return True
        if c.dep_ == "amod" and lemma(c) in _UNREAL_ADJ:
            return True
    return False


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _ordinal_head(tok: Token) -> bool:
    """"the 50th state to ratify", "the first member country to sign": a fact, not a plan."""
    return any(c.dep_ == "amod" and (lemma(c) in _ORDINALS or c.text[:1].isdigit())
               for t in [tok, *(c for c in tok.children if c.dep_ == "compound")]
               for c in t.children)


def unreal(tok: Token) -> bool:
    """Whether ``tok`` (a trigger verb or noun) states no fact: negated ("did not sign"),
    modal ("may withdraw", "threatened to quit", "its intention to withdraw"), in a
    condition ("if Congress ratifies"), or a possibility ("a possible withdrawal").
    The clause's head is looked at too, up to the first clause of its own (a relative,
    adverbial or reported clause keeps its own mood)."""
    t = tok
    for _ in range(8):
        if _own_unreal(t):
            return True
        head = t.head
        if head is t:
            return False
        if t.dep_ in ("acl", "relcl") and _to_infinitive(t) and _ordinal_head(head):
            return False
        if _to_infinitive(t) and t.dep_ in ("xcomp", "acl", "relcl", "advcl", "ccomp") \
                and lemma(head) not in words("implicative"):
            return True  # "threatened to quit", "the right to withdraw", "to ratify it"
        if lemma(head) in words("modal_noun") and t.dep_ in ("pobj", "prep", "acl", "compound"):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and lemma(c) in words("condition")
                                     for c in t.children):
            return True
        if t.dep_ not in _SAME_CLAUSE:
            return False
        t = head
    return False


def clause_verb(tok: Token) -> Token:
    """The verb whose clause a noun stands in ("its withdrawal" -> "announced")."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return t


def when(p: Parsed, tok: Token) -> str | None:
    """The date of the act ``tok`` names: a date in its own clause (not one that qualifies
    a treaty, "the 1987 treaty"); for a noun, also one of its verb's clause."""
    verb = clause_verb(tok)
    for root, d in sorted(p.dates.items()):
        if _dates_treaty(p, p.doc[root]):
            continue
        t = p.doc[root]
        for _ in range(8):
            if t.i in (tok.i, verb.i):
                return d.value
            if (t.pos_ in ("VERB", "AUX") and t.i != root) or t.head is t:
                break
            t = t.head
    return None


def _dates_treaty(p: Parsed, tok: Token) -> bool:
    head = tok.head
    if tok.dep_ not in ("nummod", "compound", "amod", "npadvmod", "nmod"):
        return False
    m = p.mention(head)
    return (m is not None and m.type is T.TREATY) or lemma(head) in words("treaty")


def dated_name(p: Parsed, tok: Token) -> str | None:
    """The date in a treaty's name: "the 1993 START II treaty", "the Ottawa Treaty of
    December 1997" (the date that qualifies the treaty noun)."""
    for root, d in p.dates.items():
        t = p.doc[root]
        if t.head.i == tok.i and _dates_treaty(p, t) and len(d.value) == 4:
            return d.value
        if t.dep_ == "pobj" and lemma(t.head) == "of" and t.head.head.i == tok.i:
            return d.value
    return None


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _pronoun_actor(p: Parsed, tok: Token, types: tuple[T, ...]) -> Mention | None:
    """Who "it", "its", "they", "he" is: the last fitting actor before it, in this sentence
    or the two before it (persons for he/she, states and bodies for it/they)."""
    word = tok.text.lower()
    if word in ("he", "she", "his", "her", "him"):
        want: tuple[T, ...] = (T.PERSON,)
    elif word in ("it", "its", "they", "their", "them"):
        want = tuple(t for t in types if t is not T.PERSON)
    else:
        return None
    pos = p.sent.s.start + tok.idx
    i = p.sent.index
    for s in reversed(p.ctx.sents[max(0, i - 2) : i + 1]):
        cands = [m for m in s.mentions if m.type in want and m.end <= pos
                 and m.role not in ("part", "demonym") and id(m) not in s.nested]
        if cands:
            return cands[-1] if s is p.sent else _main(cands)
    return None


def _main(cands: list[Mention]) -> Mention:
    """The actor a previous sentence is mostly about: its most named, else its first."""
    counts = Counter(m.key for m in cands)
    return max(cands, key=lambda m: (counts[m.key], -m.start))


def actor(p: Parsed, tok: Token, types: tuple[T, ...] = BODIES) -> Mention | None:
    """The actor one noun names: its own mention; a pronoun's antecedent; a person named
    inside a title phrase ("Armenia's Prime Minister and Chairman of the Council Nikol
    Pashinyan"); else the first state that qualifies a body or its leaders."""
    found = _qualified(p, tok, types)
    return found[0] if found else None


def _qualified(p: Parsed, tok: Token, types: tuple[T, ...]) -> list[Mention]:
    m = p.mention(tok)
    if m is not None and (m.type in types or (m.type is T.ORGANIZATION and T.STATE in types)):
        return [m]  # a body for a state: the caller turns it into its state where it must
    if tok.pos_ == "PRON":
        a = _pronoun_actor(p, tok, types)
        return [a] if a is not None else []
    if m is not None or lemma(tok) not in words("legislature") | words("leader") \
            | words("group_head"):
        return []
    if T.PERSON in types and lemma(tok) in words("leader"):
        people = [q for t in tok.subtree if (q := p.mention(t)) is not None
                  and q.type is T.PERSON]
        if people:
            return people[-1:]
    out: list[Mention] = []
    if lemma(tok) in words("group_head"):  # "six republics: A, B and C"; "countries, notably A"
        out = [q for t in tok.subtree if t.dep_ == "appos" for q in actors(p, t, types)]
        if out:
            return out
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod"):  # "the US and Russian legislatures"
            out += [q for x in _conjuncts(c) if (q := p.mention(x)) is not None
                    and q.type in types]
        if c.dep_ == "prep" and lemma(c) == "of":  # "leaders of NATO", "nations of A and B"
            out += [q for o in c.children if o.dep_ == "pobj" for q in actors(p, o, types)]
    return out


def actors(p: Parsed, tok: Token, types: tuple[T, ...] = BODIES) -> list[Mention]:
    """The actors a noun phrase names, coordinated ones too ("Belarus, Kazakhstan and
    Ukraine"; "Russian and Belarusian presidents"; "leaders of the Warsaw Pact and NATO")."""
    out = [m for t in _conjuncts(tok) for m in _qualified(p, t, types)]
    return list({m.key: m for m in out}.values())


def as_state(p: Parsed, m: Mention) -> str | None:
    """The state a body acts for ("the State Duma" -> Russia), or the state itself."""
    if m.type is T.STATE:
        return m.key
    if m.type is T.ORGANIZATION:
        return state_of(p.ctx, m)
    return None


def recent_treaty(p: Parsed, focus: bool = True) -> Mention | None:
    """The treaty "the treaty" or "it" means: the last one named in this sentence or the
    two before it, else (``focus``) the one the article names most so far."""
    i = p.sent.index
    for s in reversed(p.ctx.sents[max(0, i - 2) : i + 1]):
        ts = s.of_type(T.TREATY)
        if ts:
            return ts[-1]
    if not focus:
        return None
    seen = [x for s in p.ctx.sents[: i + 1] for x in s.of_type(T.TREATY)]
    counts = Counter(x.key for x in seen)
    return max(reversed(seen), key=lambda x: counts[x.key]) if seen else None


def treaty(p: Parsed, tok: Token) -> Mention | None:
    """The treaty one noun names: its mention, one that qualifies it ("the 1993 START II
    nuclear arms treaty"), or, for a definite "the treaty"/"it", the one in focus."""
    tok = relative(tok)
    m = p.mention(tok)
    if m is not None:
        return m if m.type is T.TREATY else None
    if tok.dep_ == "appos":  # "New START, the only remaining agreement between ..."
        h = p.mention(tok.head)
        if h is not None and h.type is T.TREATY:
            return h
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "amod", "appos"):
            q = p.mention(c)
            if q is not None and q.type is T.TREATY:
                return q
    if tok.lower_ == "it" or (lemma(tok) in words("treaty") and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
            for c in tok.children)):
        t = recent_treaty(p)
        return t if t is not None and _fits(p, tok, t) else None
    return None


def _fits(p: Parsed, tok: Token, t: Mention) -> bool:
    """Whether "the pact" can mean treaty ``t``: "treaty", "document" and "it" mean any;
    "the convention" only one whose name says convention."""
    noun = lemma(tok)
    if noun in ("treaty", "document", "it"):
        return True
    e = p.ctx.entities.get(t.key)
    names = [e.name, *e.aliases] if e is not None else [t.text]
    return any(noun in n.lower() for n in names)


def treaties(p: Parsed, tok: Token) -> list[Mention]:
    """The treaties a noun phrase names, coordinated ones too."""
    out = [m for t in _conjuncts(tok) if (m := treaty(p, t)) is not None]
    return list({m.key: m for m in out}.values())


def child(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, *preps: str) -> list[Token]:
    """The objects of ``tok``'s prepositions ("withdrew from T" -> T)."""
    return [o for c in tok.children if c.dep_ in ("prep", "agent") and lemma(c) in preps
            for o in c.children if o.dep_ == "pobj"]


def subjects(tok: Token) -> list[Token]:
    """The subject of a verb, inherited from the verb it is coordinated with or the verb
    of which it is the complement ("Russia signed and ratified", "Russia decided to quit")."""
    t = tok
    for _ in range(4):
        subj = child(t, "nsubj") or (child(t, "nsubjpass") if t is not tok else [])
        if subj:
            return [relative(s) for s in subj]
        participle = t.dep_ == "advcl" and t.tag_ == "VBG"  # "X left T, accusing Y"
        if not (t.dep_ in ("conj", "xcomp") or participle) or t.head is t:
            return []
        t = t.head
    return []


def relative(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("the treaty, which was signed" -> treaty;
    "Germany and France, which remain parties" -> Germany)."""
    if tok.lower_ in ("which", "that", "who") and tok.tag_ in ("WDT", "WP"):
        t = tok.head
        while t.dep_ != "relcl" and t.head is not t:
            t = t.head
        return t.head if t.dep_ == "relcl" else tok
    return tok

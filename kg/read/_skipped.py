"""What the readers pass over (private; see :mod:`kg.read`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skipped:
    """A file of a folder, or a record of a web archive, that is not an article: where
    it is and why it is skipped. It is listed, never built."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"

"""One exception tree for kg; errors from libraries are translated into it.

Exit codes used by the command line (documented in the README):

* 0 -- success (for ``kg validate``: the data conforms)
* 1 -- SHACL violations (``kg validate`` only)
* 2 -- an error: bad input, bad arguments, an unusable store
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class KgError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = EXIT_ERROR


class InputError(KgError):
    """An article, facts file or argument that cannot be used.

    Carries the file name and, where known, the line, like pyoxigraph's parse errors.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class FactsError(InputError):
    """A facts document that does not follow the facts format."""


class FormatError(KgError):
    """An unknown or unsupported format name."""


class StoreError(KgError):
    """The store cannot be opened, is busy, or a write failed."""


class StoreBusyError(StoreError):
    """Another process has the store open for writing (``kg build --wait`` waits)."""


class QueryError(KgError):
    """A SPARQL query that cannot be parsed or run."""


class ValidationError(KgError):
    """SHACL validation could not run (not: the data has violations)."""

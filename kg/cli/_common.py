"""What every command module of the ``kg`` command shares: the ``--store`` and
``--base`` options, and kg's errors as one line on stderr (private)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from kg._errors import EXIT_ERROR, KgError

__all__ = ["BaseOpt", "StoreOpt", "errors", "fail"]

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Store folder (default: $KG_STORE, else ./kg-store).")]
BaseOpt = Annotated[str | None, typer.Option(
    "--base", help="Instance base IRI (default: $KG_BASE, else https://kg.example.org/).")]


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    """Print ``kg: error: message``; the exit to raise."""
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def errors() -> Iterator[None]:
    """Turn kg's errors into one line on stderr and the matching exit code."""
    try:
        yield
    except KgError as exc:
        raise fail(" ".join(str(exc).split()), exc.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted") from None

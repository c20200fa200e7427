"""Commands that publish the graph: ``kg serve``, ``kg publish``, ``kg push``.

Registered on the main app by :mod:`kg.cli`; heavy imports stay inside the commands.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the publishing commands to ``app``."""

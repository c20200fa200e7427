"""How the ``kg`` command reports the command-line parser's errors, and its help texts
(private; used by :func:`kg.cli.main`).

A usage error (a missing option, a bad value, an unknown command) is one line,
``kg: error: ... (kg CMD --help)``, exit 2, instead of the parser's usage block.
"""

from __future__ import annotations

import sys

import typer

from kg._errors import EXIT_ERROR

__all__ = ["parser_error", "unwrap_help", "usage_line"]


def unwrap_help(typer_app: typer.Typer) -> None:
    """Give each command its docstring with the source's line breaks taken out of every
    paragraph, so that help wraps at the terminal's width and nowhere else."""
    import inspect

    for info in typer_app.registered_commands:
        doc = inspect.getdoc(info.callback) if info.help is None and info.callback else None
        if doc:
            info.help = "\n\n".join(" ".join(p.split()) for p in doc.split("\n\n"))


def usage_line(message: str, ctx: object) -> str:
    """One line for a usage error of the command-line parser: its message, then the
    command whose ``--help`` tells more."""
    message = message.rstrip(".")
    message = message[:1].lower() + message[1:]
    path = getattr(ctx, "command_path", None) or "kg"
    return f"kg: error: {' '.join(message.split())} ({path} --help)"


def parser_error(exc: Exception) -> int:
    """Print a command-line parser error; its exit code (2 for a usage error)."""
    if not hasattr(exc, "format_message"):  # nothing kg raises on purpose: still one line
        print(f"kg: error: {type(exc).__name__}: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_ERROR
    if type(exc).__name__ == "NoArgsIsHelpError":  # plain `kg`: the help, on stdout
        print(exc.format_message())
        return EXIT_ERROR
    if hasattr(exc, "ctx"):
        print(usage_line(str(exc.format_message()), exc.ctx), file=sys.stderr)
        return EXIT_ERROR
    print(f"kg: error: {' '.join(str(exc.format_message()).split())}", file=sys.stderr)
    code = getattr(exc, "exit_code", EXIT_ERROR)
    return code if isinstance(code, int) else EXIT_ERROR

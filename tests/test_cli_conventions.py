"""Command-line conventions, through the console entry point :func:`kg.cli.main` (what
the installed ``kg`` runs): one ``kg: error:`` line for a usage error, ``--version``,
help texts that wrap at the terminal's width and nowhere else, short error lines."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import kg
from kg.cli import main

COMMANDS = ["extract", "build", "validate", "query", "export", "eval", "serve", "publish",
            "push", "review"]


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str, columns: int = 80) -> tuple[int, str, str]:
    """``kg ARGS`` through the entry point: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["kg", *args])
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("TERM", "dumb")
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.mark.parametrize(("args", "words"), [
    (["publish"], "missing option '-o' / '--output' (kg publish --help)"),
    (["build", "--workers", "x"], "invalid value for '--workers' / '-j'"),
    (["frob"], "no such command 'frob' (kg --help)"),
    (["query", "--format"], "option '--format' requires an argument ("),
    (["export", "--frob"], "no such option: --frob (kg export --help)"),
])
def test_usage_error_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str], args: list[str],
                                 words: str) -> None:
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("kg: error: ") and err.count("\n") == 1, err
    assert words in err
    assert "Usage:" not in err and "Try " not in err


def test_no_arguments_print_the_help(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(monkeypatch, capsys)
    assert code == 2 and "Usage: kg" in out and "build" in out and err == ""


def test_version(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(monkeypatch, capsys, "--version")
    assert (code, out, err) == (0, f"kg {kg.__version__}\n", "")


def _description(help_text: str) -> list[str]:
    """The lines between the usage line and the first panel (the command's docstring)."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Usage:" in line) + 1
    end = next((i for i, line in enumerate(lines) if line.lstrip().startswith("╭")),
               len(lines))
    return [line.strip() for line in lines[start:end] if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_wraps_only_at_the_width(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str],
                                      command: str) -> None:
    # On a wide terminal every paragraph of a command's help is one line: a line break
    # inside a sentence comes from the source, not from the terminal.
    code, out, _ = run(monkeypatch, capsys, command, "--help", columns=300)
    assert code == 0
    for line in _description(out):
        assert line.endswith((".", ":", ")")), f"kg {command} --help breaks a sentence: {line!r}"


def test_command_list_wraps_only_at_the_width(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "--help", columns=300)
    assert code == 0
    rows = [line.strip("│ ") for line in out.splitlines() if line.startswith("│")]
    listed = [r for r in rows if r.split(" ", 1)[0] in COMMANDS]
    assert len(listed) == len(COMMANDS)
    for row in listed:
        assert row.endswith("."), f"the command list breaks a sentence: {row!r}"


def test_unknown_export_format_is_one_short_line(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    from kg.pipeline import build

    build(None, tmp_path / "store")
    code, out, err = run(monkeypatch, capsys, "export", "--format", "zzz", "--store",
                         str(tmp_path / "store"))
    assert code == 2 and out == ""
    assert re.fullmatch(r"kg: error: unknown format 'zzz' \(known: [a-z, -]+\)\n", err), err
    assert len(err) <= 160  # one line, every format named
    for name in ("ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf", "png"):
        assert name in err


def test_eval_of_a_missing_folder(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "gold"
    code, out, err = run(monkeypatch, capsys, "eval", str(missing))
    assert (code, out) == (2, "")
    assert err == f"kg: error: {missing}: no such folder\n"
    afile = tmp_path / "gold.json"
    afile.write_text("{}")
    code, out, err = run(monkeypatch, capsys, "eval", str(afile))
    assert code == 2
    assert err == f"kg: error: {afile}: not a folder (give the folder of gold facts NAME.json)\n"

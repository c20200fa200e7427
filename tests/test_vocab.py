"""The vocabularies in one place (kg/vocab.py): the ontology's namespace is fixed
whatever the instance base, and a bad base is kg's own input error."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest
from _servers import KG

from kg import InputError, vocab
from kg.export import RdfFormat, serialize
from kg.pipeline import build
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def test_turtle_binds_the_ontology_whatever_the_base(tmp_path: Path) -> None:
    """Once `kg build --base https://other.org/` made Turtle bind kgo: to
    https://other.org/ontology# and print the ontology's terms as ns1:."""
    store = tmp_path / "store"
    build(None, store, base="https://other.org/")
    with open_store(store, read_only=True) as s:
        for fmt in (RdfFormat.TURTLE, RdfFormat.TRIG):
            text = serialize(s, fmt, "https://other.org/").decode("utf-8")
            assert "@prefix kgo: <https://kg.example.org/ontology#> ." in text
            assert "ns1:" not in text and "<https://other.org/ontology#>" not in text
            assert "a kgo:EntryIntoForce" in text
        context = serialize(s, RdfFormat.JSON_LD, "https://other.org/").decode("utf-8")
        assert '"kgo": "https://kg.example.org/ontology#"' in context


def test_prefixes_follow_the_base_for_instances_only() -> None:
    p = vocab.prefixes("https://other.org/")
    assert p["kg"] == "https://other.org/"
    assert p["kgo"] == vocab.KGO == "https://kg.example.org/ontology#"
    assert vocab.prefixes() == {"kg": vocab.DEFAULT_BASE, **vocab.NAMESPACES}


@pytest.mark.parametrize("command", [["build"], ["validate", "FACTS"]])
def test_a_bad_base_is_one_error_line(tmp_path: Path, command: list[str]) -> None:
    """Once `kg build --base ftp://x/` printed `kg: error: ValueError: ...`."""
    facts = tmp_path / "facts.json"
    facts.write_text('{"article": {"id": "a"}, "entities": [], "facts": []}', encoding="utf-8")
    args = [str(facts) if a == "FACTS" else a for a in command]
    r = subprocess.run([KG, *args, "--store", str(tmp_path / "store"), "--base", "ftp://x/"]
                       if command == ["build"] else [KG, *args, "--base", "ftp://x/"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr == ("kg: error: the base IRI must be an http(s) IRI ending in '/' or '#': "
                        "'ftp://x/'\n")
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("base", ["ftp://x/", "https://x.org", "not a base", "http://x:abc/"])
def test_check_base_raises_input_error(base: str) -> None:
    with pytest.raises(InputError):
        vocab.check_base(base)
    with pytest.raises(InputError, match="--base must be"):
        vocab.check_base(base, served=True)


def test_served_bases_end_in_a_slash() -> None:
    assert vocab.check_base("https://x.org/data#") == "https://x.org/data#"
    for bad in ("https://x.org/data#", "https://x.org/?q=1/"):
        with pytest.raises(InputError):
            vocab.check_base(bad, served=True)


def test_default_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_BASE", raising=False)
    assert vocab.default_base() == vocab.DEFAULT_BASE
    monkeypatch.setenv("KG_BASE", "https://env.org/")
    assert vocab.default_base() == "https://env.org/"
    assert vocab.default_base("https://x.org/") == "https://x.org/"


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_namespaces_are_named_in_one_place() -> None:
    """No module of kg but kg/vocab.py spells out a namespace kg writes, the default
    base or the metadata graph in its code (docstrings and --help texts may show them).
    kg/extract, restructured apart, is left out."""
    spelled = {vocab.DEFAULT_BASE, vocab.KGO, vocab.KGR, vocab.KGS, vocab.ONTOLOGY_IRI,
               vocab.META_GRAPH, *vocab.NAMESPACES.values()}
    offenders = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel == Path("kg/vocab.py") or rel.parts[:2] == ("kg", "extract"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "help":
                docs.update(id(n) for n in ast.walk(node.value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docs and any(ns in node.value for ns in spelled):
                offenders.append(f"{rel}:{node.lineno}: {node.value[:60]!r}")
    assert not offenders, "\n".join(offenders)

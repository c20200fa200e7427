"""The command line, through typer's CliRunner (and once as the installed program)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FakeReport
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def _kg(*args: str) -> object:
    return runner.invoke(app, list(args))


@pytest.fixture
def built(store_dir: Path, article: Path) -> Path:
    r = runner.invoke(app, ["build", str(article), "--store", str(store_dir)])
    assert r.exit_code == 0, r.output
    return store_dir


def test_extract_prints_facts_json(article: Path) -> None:
    r = runner.invoke(app, ["extract", str(article), "--published", "2014-11-19"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["article"]["id"] == "a1" and data["article"]["published"] == "2014-11-19"
    assert {"article", "entities", "facts"} <= set(data)


def test_build_summary_and_rebuild(store_dir: Path, article: Path) -> None:
    r = runner.invoke(app, ["build", str(article), "--store", str(store_dir)])
    assert r.exit_code == 0, r.output
    assert "articles: 1 (1 loaded, 0 unchanged)" in r.stdout
    assert "SHACL: conforms" in r.stdout and f"store: {store_dir}" in r.stdout
    r = runner.invoke(app, ["build", str(article), "--store", str(store_dir)])
    assert "(0 loaded, 1 unchanged)" in r.stdout


def test_build_seed_with_env_store(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", str(store_dir))
    r = runner.invoke(app, ["build"])
    assert r.exit_code == 0, r.output
    assert (store_dir / "CURRENT").exists()


def test_build_with_violations_exits_1(store_dir: Path, article: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("kg.validate"), "validate_batch",
                        lambda graphs: {name: FakeReport(False) for name, _ in graphs})
    r = runner.invoke(app, ["build", str(article), "--store", str(store_dir)])
    assert r.exit_code == 1
    assert "VIOLATIONS in a1" in r.stdout and "something is wrong" in r.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(built: Path, fmt: str) -> None:
    """The named graphs are the article graphs, the entities graph and the query index
    (and the events graph when an article reports a treaty event); kg's metadata is not
    among them."""
    q = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
         "GROUP BY ?g ORDER BY DESC(STR(?g))")
    r = runner.invoke(app, ["query", q, "--store", str(built), "--format", fmt])
    assert r.exit_code == 0, r.output
    if fmt == "json":
        data = json.loads(r.stdout)
        assert data["head"]["vars"] == ["g", "n"]
        assert [b["g"]["value"] for b in data["results"]["bindings"]] == [
            "urn:kg:index", "urn:kg:entities", "https://kg.example.org/article/a1"]
    elif fmt == "csv":
        assert r.stdout.splitlines()[0] == "g,n"
        assert r.stdout.splitlines()[3].startswith("https://kg.example.org/article/a1,")
    else:
        lines = r.stdout.splitlines()
        assert lines[0].split() == ["g", "n"] and set(lines[1]) <= {"-", " "}
        assert "kg:article/a1" in lines[4] and lines[-1] == "(3 rows)"
        assert "urn:kg:meta" not in r.stdout


def test_query_ask_construct_and_file(built: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["query", "ASK { ?s ?p ?o }", "--store", str(built)])
    assert r.stdout == "yes\n"
    rq = tmp_path / "c.rq"
    rq.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2")
    r = runner.invoke(app, ["query", str(rq), "--store", str(built), "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == "subject,predicate,object"
    assert len(r.stdout.splitlines()) == 3


def test_query_list_and_named(built: Path) -> None:
    from kg.query import named_queries

    r = runner.invoke(app, ["query", "--list"])
    assert r.exit_code == 0
    queries = named_queries()
    for name in queries:
        assert name in r.stdout
        r2 = runner.invoke(app, ["query", "--named", name, "--store", str(built)])
        assert r2.exit_code == 0, (name, r2.output)
    r = runner.invoke(app, ["query", "--named", "no-such-query", "--store", str(built)])
    assert r.exit_code == 2 and "no query named" in r.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["query", "SELEC ?x"], "SPARQL syntax error"),
    (["query", "SELECT * { ?s ?p ?o }", "--format", "xml"], "unknown result format"),
    (["query"], "give a QUERY"),
    (["export", "--format", "zzz"], "unknown format 'zzz' (known: ttl, nt"),
])
def test_errors_are_one_line(built: Path, args: list[str], message: str) -> None:
    r = runner.invoke(app, [*args, "--store", str(built)])
    assert r.exit_code == 2
    assert r.stderr.startswith("kg: error: ") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert r.stdout == ""


def test_query_without_store(tmp_path: Path) -> None:
    r = runner.invoke(app, ["query", "ASK {}", "--store", str(tmp_path / "none")])
    assert r.exit_code == 2 and "no store at" in r.stderr and "kg build" in r.stderr


def test_export_stdout_and_file(built: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["export", "--format", "nt", "--store", str(built)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines and lines == sorted(lines)
    out = tmp_path / "g.trig"
    r = runner.invoke(app, ["export", "--format", "trig", "-o", str(out), "--store", str(built)])
    assert r.exit_code == 0 and r.stdout.startswith(f"{out}: ")
    assert r.stdout.endswith(" triples in 1 article graph\n")
    assert "kg.example.org/article/a1" in out.read_text()


def test_validate_store_and_files(built: Path, tmp_path: Path, article: Path) -> None:
    r = runner.invoke(app, ["validate", "--store", str(built)])
    assert r.exit_code == 0, r.output
    ttl = tmp_path / "g.ttl"
    runner.invoke(app, ["export", "--format", "ttl", "-o", str(ttl), "--store", str(built)])
    assert runner.invoke(app, ["validate", str(ttl)]).exit_code == 0
    facts = tmp_path / "facts.json"
    facts.write_text(runner.invoke(app, ["extract", str(article)]).stdout)
    assert runner.invoke(app, ["validate", str(facts)]).exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    r = runner.invoke(app, ["validate", str(bad)])
    assert r.exit_code == 2 and "not valid ttl" in r.stderr


def test_installed_program(tmp_path: Path, article: Path) -> None:
    kg = Path(sys.executable).parent / "kg"
    if not kg.exists():
        pytest.skip("the kg program is not installed in this environment")
    store = tmp_path / "s"
    done = subprocess.run([str(kg), "extract", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == f"kg: error: {tmp_path / 'missing.txt'}: no such file\n"
    assert "Traceback" not in done.stderr
    done = subprocess.run([str(kg), "build", str(article), "--store", str(store)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "SHACL: conforms" in done.stdout

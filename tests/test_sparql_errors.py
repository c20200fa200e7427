"""SPARQL errors a person can read: what is wrong in words, with line and column, for
``kg query`` (and, in tests/test_serve.py, for ``kg serve``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _servers import build_seed
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.mktemp("sparql-errors") / "store")


CASES = [
    ("SELEC ?x", "SPARQL syntax error at line 1, column 1: a query starts with SELECT, ASK, "
                 "CONSTRUCT or DESCRIBE (after PREFIX and BASE), not 'SELEC'"),
    ("SELECT ?x { ?x foo:bar ?y }",
     "SPARQL syntax error at line 1, column 16: the prefix 'foo:' is not declared "
     "(add PREFIX foo: <...> before the query)"),
    ("PREFIX a: <http://a/>\nSELECT * {\n ?s a:p ?o ; b:q ?z }",
     "SPARQL syntax error at line 3, column 14: the prefix 'b:' is not declared"),
    ("INSERT DATA { <a:a> <a:b> <a:c> }",
     "SPARQL Update is refused: kg query and kg serve are read-only"),
    ("PREFIX x: <http://x/>\n DELETE WHERE { ?s ?p ?o }",
     "SPARQL Update is refused: kg query and kg serve are read-only"),
    ("SELECT ?x WHERE {\n  ?x ?p ?o ", "SPARQL syntax error at line 1, column 17: this '{' is "
                                      "not closed"),
    ("SELECT * { ?s ?p ?o . FILTER((?o > 1) }",
     "SPARQL syntax error at line 1, column 29: this '(' is not closed"),
    ("SELECT * { ?s ?p ?o } }", "SPARQL syntax error at line 1, column 23: this '}' closes "
                                "nothing that is open"),
    ("SELECT * {\n ?s ?p 'abc }", "SPARQL syntax error at line 2, column 8: this string is not "
                                  "closed"),
    ("ASK { ?s <not an iri> ?o }", "SPARQL syntax error at line 1, column 10: '<not an iri>' "
                                   "is not a valid IRI"),
    ("SELECT * { ?s ?p ?o } LIMIT x", "SPARQL syntax error at line 1, column 29: unexpected 'x'"),
]


@pytest.mark.parametrize(("query", "message"), CASES)
def test_query_errors_in_words(seed: Path, query: str, message: str) -> None:
    r = runner.invoke(app, ["query", query, "--store", str(seed)])
    assert r.exit_code == 2
    assert r.stdout == ""
    line = r.stderr.removeprefix("kg: error: ")
    assert line.startswith(message), line
    assert len(r.stderr.splitlines()) == 1
    assert "\\u{" not in line and "[_]" not in line and len(line) < 240


def test_a_query_file_gives_its_own_lines(seed: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("# a comment\nPREFIX kgo: <https://kg.example.org/ontology#>\n"
                  "SELECT ?x WHERE {\n  ?x a kgo:State ;\n     rdfs:label ?n .\n}\n")
    r = runner.invoke(app, ["query", str(rq), "--store", str(seed)])
    assert r.exit_code == 2
    assert r.stderr == ("kg: error: SPARQL syntax error at line 5, column 6: the prefix "
                        "'rdfs:' is not declared (add PREFIX rdfs: <...> before the query)\n")


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p 'a:b' . FILTER(?s != <urn:x:y>) } LIMIT 1",
    "SELECT ?s WHERE { _:b ?p ?o . ?s ?p ?o # x:y\n } LIMIT 1",
    "PREFIX : <https://kg.example.org/ontology#>\nASK { ?s a :State }",
])
def test_valid_queries_still_run(seed: Path, query: str) -> None:
    r = runner.invoke(app, ["query", query, "--store", str(seed)])
    assert r.exit_code == 0, r.output

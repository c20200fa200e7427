"""Parameters and pages of the shipped competency queries (kg query -p NAME=VALUE)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from _servers import KG

from kg import InputError
from kg.query import bind, named_queries, page, params_of

CFE = "treaty/treaty-on-conventional-armed-forces-in-europe"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    d = tmp_path_factory.mktemp("params") / "store"
    build(None, d)
    return d


def _kg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, "query", "--store", str(store), "-f", "csv", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def _column(out: str, name: str) -> list[str]:
    import csv
    import io

    return [row[name] for row in csv.DictReader(io.StringIO(out))]


def test_every_shipped_parameter_is_used_by_its_query() -> None:
    for name, (_, text) in named_queries().items():
        for p in params_of(text):
            assert f"?{p}" in text.split("# kg:params", 1)[-1], (name, p)


@pytest.mark.parametrize(("params", "dates"), [
    ([], ["1990", "1992", "2007-12"]),
    (["-p", "from=1991"], ["1992", "2007-12"]),
    (["-p", "to=1991-06"], ["1990"]),
    (["-p", "from=2007-12-20", "-p", "to=2008"], ["2007-12"]),
    (["-p", "kind=suspended"], ["2007-12"]),
    (["-p", f"treaty={CFE}", "-p", "from=1992", "-p", "to=1992"], ["1992"]),
    (["-p", "involving=Russia"], ["2007-12"]),
])
def test_treaty_timeline_parameters(seed_store: Path, params: list[str], dates: list[str]
                                    ) -> None:
    done = _kg(seed_store, "-n", "treaty-timeline", *params)
    assert done.returncode == 0, done.stderr
    assert _column(done.stdout, "date") == dates


def test_entity_by_name_path_and_iri(seed_store: Path) -> None:
    for value in ("Sergey Lavrov", "person/sergey-lavrov",
                  "https://kg.example.org/id/person/sergey-lavrov"):
        done = _kg(seed_store, "-n", "positions", "-p", f"person={value}")
        assert _column(done.stdout, "personName") == ["Sergey Lavrov"], value
    done = _kg(seed_store, "-n", "statements", "-p", "by=Sergey Lavrov", "-p", "from=2015")
    assert done.returncode == 0 and _column(done.stdout, "speakerName") == []


def test_pages(seed_store: Path) -> None:
    first = _kg(seed_store, "-n", "treaty-timeline", "--limit", "2")
    assert _column(first.stdout, "date") == ["1990", "1992"]
    assert "--offset 2" in first.stderr
    rest = _kg(seed_store, "-n", "treaty-timeline", "--limit", "2", "--offset", "2")
    assert _column(rest.stdout, "date") == ["2007-12"] and rest.stderr == ""


@pytest.mark.parametrize(("args", "message"), [
    (["-p", "nope=1"], "no parameter 'nope'"),
    (["-p", "from=May 2007"], "not an ISO date"),
    (["-p", "kind=signing"], "no fact kind 'signing'"),
    (["-p", "treaty=No Such Treaty"], "no entity is named"),
    (["-p", "treaty"], "NAME=VALUE"),
])
def test_bad_parameters(seed_store: Path, args: list[str], message: str) -> None:
    done = _kg(seed_store, "-n", "treaty-timeline", *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_bind_and_page_as_functions() -> None:
    q = named_queries()["positions"][1]
    assert "# kg:check end" in q and "# kg:check end" not in bind(q, {})  # no row to check
    plain = named_queries()["confidence"][1]
    assert bind(plain, {}) == plain  # a query without parameters is left as it is
    with pytest.raises(InputError, match="path such as"):
        bind(q, {"person": "Lavrov"})  # a name needs a store to look it up in
    assert page(q, None) == q
    with pytest.raises(InputError, match="negative"):
        page(q, -1)


@pytest.mark.parametrize(("params", "dates"), [
    ([], ["1990", "1992", "2007-12"]),
    (["-p", "from=1991"], ["1992", "2007-12"]),
    (["-p", "to=1991"], ["1990"]),
    (["-p", "kind=entered_into_force"], ["1992"]),
    (["-p", "party=state/russia"], ["2007-12"]),
    (["-p", "treaty=CFE", "-p", "from=2008"], []),
])
def test_events_query(seed_store: Path, params: list[str], dates: list[str]) -> None:
    done = _kg(seed_store, "-n", "events", *params)
    assert done.returncode == 0, done.stderr
    assert _column(done.stdout, "date") == dates
    assert set(_column(done.stdout, "reports")) <= {"1"}

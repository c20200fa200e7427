"""The competency queries over many articles that describe the same entities: one row
per fact or post, labels and quotes intact. (Their speed on such stores, where labels
once joined across graphs and ``positions`` took 69 s on 280 articles, is measured by
``benchmarks/bench_queries.py``.)"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.query import named_queries, run_query
from kg.store import open_store

COPIES = 4


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed = resources.files("kg").joinpath("data", "00-tass-cfe.txt").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("copies")
    for i in range(COPIES):
        (folder / f"copy-{i}.txt").write_text(seed, encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "s"
    result = build([folder], path)
    assert result.articles == COPIES and result.conforms
    return path


def rows(store_path: Path, name: str) -> list[dict[str, str]]:
    with open_store(store_path, read_only=True) as store:
        result = run_query(store, named_queries()[name][1])
    return [{v: (t.value if t is not None else "") for v, t in zip(result.variables, row,
                                                                    strict=True)}
            for row in result.rows]


def test_one_post_reported_by_every_copy(store_path: Path) -> None:
    found = rows(store_path, "positions")
    assert len(found) == 1, found
    assert found[0]["personName"] == "Sergey Lavrov"
    assert int(found[0]["reports"]) == COPIES


def test_one_statement_per_article_with_its_quotes_in_order(store_path: Path) -> None:
    found = rows(store_path, "statements")
    assert len(found) == COPIES
    for row in found:
        quotes = row["quotes"].split(" | ")
        assert len(quotes) == 5
        assert quotes[0].startswith("Today the United States")
        assert quotes[-1].startswith("Here we will not simply observe")


def test_the_timeline_lists_each_event_once_per_article(store_path: Path) -> None:
    found = rows(store_path, "treaty-timeline")
    assert sorted(r["event"] for r in found) == sorted(
        ["signing", "entry into force", "suspension"] * COPIES)

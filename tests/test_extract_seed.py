"""The bundled seed article (TASS on the CFE treaty) gives the facts a reader finds in it."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.extract import extract
from kg.facts import Document
from kg.read import parse_article


@pytest.fixture(scope="module")
def seed() -> Document:
    text = resources.files("kg").joinpath("data", "00-tass-cfe.txt").read_text(encoding="utf-8")
    return extract(parse_article(text, "00-tass-cfe"))


def by_kind(doc: Document, kind: str) -> list[dict[str, object]]:
    names = {e.id: e.name for e in doc.entities}
    out = []
    for f in doc.facts:
        if f.kind == kind:
            out.append(
                {
                    k: (
                        names.get(v, v)
                        if isinstance(v, str)
                        else [names.get(x, x) if isinstance(x, str) else x for x in v]
                        if isinstance(v, list)
                        else v
                    )
                    for k, v in f.fields.items()
                }
            )
    return out


def test_entities_linked_to_wikidata(seed: Document) -> None:
    qids = {e.name: e.wikidata for e in seed.entities}
    assert qids["Russia"] == "Q159"
    assert qids["NATO"] == "Q7184"
    assert qids["Belarus"] == "Q184"
    russia = next(e for e in seed.entities if e.name == "Russia")
    assert {"Moscow", "Russian"} <= set(russia.aliases)


def test_lavrov_is_foreign_minister(seed: Document) -> None:
    assert by_kind(seed, "holds_position") == [
        {
            "person": "Sergey Lavrov",
            "position": "Minister of Foreign Affairs",
            "of": "Russia",
            "when": "2014-11-18",
        }
    ]


def test_treaty_timeline(seed: Document) -> None:
    cfe = "Treaty on Conventional Armed Forces in Europe"
    [signed] = by_kind(seed, "signed")
    assert signed["treaty"] == cfe and signed["when"] == "1990"
    assert signed["signatory_count"] == 22
    groups = {(g["group"], g["count"]) for g in seed.facts[1].fields["signatory_groups"]}
    assert {c for _, c in groups} == {16, 6}
    assert by_kind(seed, "entered_into_force") == [{"treaty": cfe, "when": "1992"}]
    assert by_kind(seed, "suspended") == [
        {"party": "Russia", "treaty": cfe, "when": "2007-12", "form": "moratorium"}
    ]


def test_statement_at_the_joint_session(seed: Document) -> None:
    [st] = by_kind(seed, "statement")
    assert st["speaker"] == "Sergey Lavrov" and st["when"] == "2014-11-18"
    assert st["where"] == "Minsk"
    assert str(st["meeting"]).startswith("joint session of collegiums")
    assert len(st["quotes"]) == 5  # type: ignore[arg-type]
    assert "It is long-defunct and is not subject to reanimation" in st["quotes"]  # type: ignore[operator]
    [meeting] = by_kind(seed, "meeting")
    assert set(meeting["participants"]) >= {
        "Sergey Lavrov",
        "Ministry of Foreign Affairs of Russia",  # type: ignore[arg-type]
        "Ministry of Foreign Affairs of Belarus",
    }

"""The sink merges a fact told twice, and keeps apart the occurrences of a recurring one."""

from kg.extract import extract
from kg.read import parse_article


def _facts(body: str, kind: str) -> list[dict]:
    art = parse_article(f"published: 2024-05-01\n\n{body}\n", "t")
    return [f for f in extract(art).to_dict()["facts"] if f["kind"] == kind]


def test_one_suspension_told_twice_is_one_fact() -> None:
    facts = _facts("Belarus suspended the CFE Treaty on 3 March 2009. Belarus suspended the "
                   "CFE Treaty, officials said.", "suspended")
    assert [f.get("when") for f in facts] == ["2009-03-03"]


def test_suspensions_at_two_times_are_two_facts() -> None:
    facts = _facts("Belarus suspended the CFE Treaty in 2009. Belarus suspended the CFE Treaty "
                   "again in 2015.", "suspended")
    assert sorted(f.get("when") for f in facts) == ["2009", "2015"]


def test_accusations_over_two_treaties_are_two_facts() -> None:
    facts = _facts("Washington accused Moscow of violating the INF Treaty. Washington accused "
                   "Moscow of violating the Open Skies Treaty.", "accused")
    assert len({f.get("treaty") for f in facts}) == 2


def test_a_count_of_signers_and_a_named_signer_are_two_signings() -> None:
    facts = _facts("By May, 130 states had signed the Arms Trade Treaty. Brazil signed the "
                   "Arms Trade Treaty in June 2013.", "signed")
    assert sorted((f.get("signatory_count") or 0, tuple(f.get("signatories", ()))) for f in facts) \
        == [(0, ("brazil",)), (130, ())]

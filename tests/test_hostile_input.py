"""Hostile input, generated: the article reader, the extractor and the facts loader give a
result or one clear error (a :class:`kg.KgError`; on the command line one ``kg: error:``
line and exit 2), never a traceback, a hang or a partial write.

Property-based (hypothesis), derandomized so CI is reproducible. The generated cases per
test are in ``settings(max_examples=...)``; together well over 2,000.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_BODY, store_snapshot, write_article
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg import FactsError, InputError, KgError
from kg.cli import app
from kg.extract import extract
from kg.facts import Document
from kg.read import parse_article, parse_record, read_article, read_jsonl

runner = CliRunner()


def _settings(n: int) -> settings:
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.large_base_example])


# -- strategies ---------------------------------------------------------------------------

DOMAIN = ["Russia", "Russian", "NATO", "signed", "the", "treaty", "Treaty", "Minister",
          "Foreign Minister", "Sergey Lavrov", "Lavrov", "said", "on Tuesday", "in 2010",
          "on November 18, 2014", "New START", "INF Treaty", "CFE", "Washington", "Moscow",
          "Geneva", "ratified", "withdrew from", "suspended", "accused", "met", "summit",
          "President", "Vladimir Putin", "Putin", "U.S.", "Mr.", "United States", "alliance",
          "the alliance", "the treaty", "he", "a moratorium", "Ministry", "OSCE", "CSTO",
          "MINSK, November 18. /TASS/.", "WASHINGTON (Wire) —", "known as", "(", ")", ",",
          ".", ". ", "! ", "? ", "“", "”", '"', "‘", "’", "—", "–", "-", ":", ";", " ", " ",
          "  ", "\n", "\n\n"]
NASTY = ["\u202e", "\u202d", "\u200f", "\u200e", "مرحبا بالعالم", "שלום", "e\u0301",
         "\u0301\u0301", "\u200b", "\ufeff", "\u200d", "\u2028", "\u2029", "\x85", "\x0b",
         "\x0c", "\x1c", "\t", "\r\n", "\r", "😀", "👨\u200d👩\u200d👧", "🇷🇺", "ǅ", "İ",
         "ß", "ﬁ", "Ⅻ", "٢٠١٤", "𝐍𝐀𝐓𝐎", "Ｒｕｓｓｉａ", "ЛАВРОВ", "Лавров", "\x00", "\ud800",
         "\udfff", "\U0010ffff", "\ufffd", "\x7f"]

SENTENCES = [
    "MINSK, November 18. /TASS/. ",
    "Russian Foreign Minister Sergey Lavrov said on Tuesday that NATO had violated the treaty.",
    "Russia and the United States signed the New START treaty in Prague on April 8, 2010.",
    "“The treaty cannot be revived,” Lavrov said.",
    "Russia suspended its participation in the CFE Treaty on December 12, 2007.",
    "The United States withdrew from the INF Treaty in 2019.",
    "Vladimir Putin met Joe Biden in Geneva on June 16, 2021.",
    "NATO accused Russia of violating the treaty, Mr. Stoltenberg said.",
    "Russia ratified the Comprehensive Nuclear-Test-Ban Treaty in 2000.",
    "The alliance said the pact was dead. He said: \"We will respond.\"",
]
domain_words = st.sampled_from(DOMAIN)
nasty = st.sampled_from(NASTY)
any_text = st.text(max_size=12)
word_soup = st.lists(st.one_of(domain_words, domain_words, domain_words, nasty, any_text),
                     max_size=60).map("".join)


@st.composite
def news(draw: st.DrawFn) -> str:
    """Sentences of news that state facts, joined by spaces or line ends, with hostile
    characters inserted at random places."""
    text = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(
        lambda ss: "".join(s + (" " if i % 3 else "\n") for i, s in enumerate(ss))))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(nasty, domain_words)) + text[at:]
    return text


bodies = st.one_of(news(), word_soup)

HEADER_KEYS = ["url", "title", "published", "source", "id", "dateline", "Title",
               "PUBLISHED", "x-extra", "author"]
DATES = ["2014-11-18", "2014-11", "2014", "unknown", "", "2014-02-30", "2014-13-01",
         "0000-01-01", "9999-12-31", "last Tuesday", "18/11/2014", "٢٠١٤-١١-١٨", "2014-11-18\n",
         "２０１４", "2014-11-18T00:00", " 2014-11-18 ", "-2014"]
header_values = st.one_of(st.sampled_from(DATES), bodies.map(lambda b: b.replace("\n", " ")),
                          st.text(max_size=30), st.just("x" * 5000), st.sampled_from(NASTY))
valid_header = st.tuples(st.sampled_from(["url", "title", "published", "source", "id"]),
                         header_values).map(lambda kv: f"{kv[0]}: {kv[1]}")
header_line = st.one_of(
    valid_header, valid_header,
    st.tuples(st.sampled_from(HEADER_KEYS), st.sampled_from([":", ": ", ":\t", " : ", ""]),
              header_values).map("".join),
    st.text(max_size=40),                      # no colon, random
    st.just("http://example.org/a: b"),        # looks like a header, is a URL
    st.just("published: 2014-11-18"), st.just("published: 2014-11-18"),  # duplicates
)
headers = st.lists(header_line, max_size=8).map(lambda ls: "\n".join(ls))
line_ends = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def article_texts(draw: st.DrawFn) -> str:
    head = draw(headers)
    sep = draw(st.sampled_from(["\n\n", "\n", "\n \n", "", "\r\n\r\n"]))
    text = head + sep + draw(bodies)
    end = draw(line_ends)
    return text.replace("\n", end) if end != "\n" else text


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    """An article file's bytes: UTF-8 (lone surrogates written as their raw bytes, so
    invalid UTF-8), cp1251, latin-1, with a BOM, then mutated: random bytes inserted."""
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1251", "latin-1"]))
    raw = _encode(draw(article_texts()), encoding)
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=6)) + raw[at:]
    return raw


def _mutate_seed(draw: st.DrawFn) -> str:
    text = f"title: T\npublished: 2014-11-18\nsource: TASS\n\n{SEED_BODY}\n"
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        text = text[:at] + draw(st.one_of(nasty, domain_words, any_text)) + text[at + cut:]
    return text


mutated_seed = st.composite(_mutate_seed)()


# -- invariants ---------------------------------------------------------------------------

def _check_document(doc: Document, body: str) -> None:
    """What every extraction must satisfy: it survives the facts format round trip, it is
    plain JSON, and every evidence and mention offset slices the body to its text."""
    data = doc.to_dict()
    assert Document.from_dict(json.loads(json.dumps(data))).to_dict() == data
    for f in doc.facts:
        assert f.evidence is not None
        ev = f.evidence
        assert 0 <= ev.start <= ev.end <= len(body)
        assert body[ev.start:ev.end] == ev.sentence
    for e in doc.entities:
        for m in e.mentions:
            assert 0 <= m.start <= m.end <= len(body)
            assert body[m.start:m.end] == m.text


def _extracted(doc: Document, body: str) -> None:
    _check_document(doc, body)
    event(f"facts extracted: {'some' if doc.facts else 'none'}")


def _read_and_extract(path: Path) -> None:
    try:
        article = read_article(path)
    except InputError as exc:
        _check_error(exc)
        event("InputError")
        return
    _extracted(extract(article), article.body)


def _check_error(exc: KgError) -> None:
    message = str(exc)
    assert message.strip(), "an error must say what is wrong"
    assert len(message) < 2000, "an error line must stay short"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


# -- the reader and the extractor, as a library ----------------------------------------------

@_settings(500)
@given(raw=article_bytes())
@example(raw=b"id: \xed\xa0\x80\n\nRussia signed the treaty.")
@example(raw=b"published: \xd9\xa2\xd9\xa0\xd9\xa1\xd9\xa4\n\nNATO.")
def test_article_bytes_read_and_extract(scratch: Path, raw: bytes) -> None:
    path = scratch / "a.txt"
    path.write_bytes(raw)
    _read_and_extract(path)


@_settings(400)
@given(text=st.one_of(article_texts(), mutated_seed))
def test_article_text_parse_and_extract(text: str) -> None:
    try:
        article = parse_article(text, "a")
    except InputError as exc:
        _check_error(exc)
        return
    assert "\r" not in article.body
    _extracted(extract(article), article.body)


@_settings(300)
@given(body=bodies, published=st.sampled_from([None, "2014-11-18", "2014-11", "2014"]))
def test_extract_domain_bodies(body: str, published: str | None) -> None:
    head = f"published: {published}\n\n" if published else ""
    try:
        article = parse_article(head + body, "a")
    except InputError:
        return
    _extracted(extract(article), article.body)


# -- JSON Lines ---------------------------------------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20), st.sampled_from(NASTY + DATES))
json_values = st.recursive(json_scalars, lambda c: st.one_of(
    st.lists(c, max_size=4), st.dictionaries(st.text(max_size=8), c, max_size=4)),
    max_leaves=12)
records = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["a1", "j 2/x", " ", "..", "a" * 300]), st.text(max_size=20),
                     st.sampled_from(NASTY), json_values),
     "body": st.one_of(news(), news(), news(), word_soup, json_values)},
    optional={"published": st.one_of(st.sampled_from(["2014-11-18", "2014", "unknown"]),
                                     st.sampled_from(DATES), json_values),
              "title": st.one_of(st.text(max_size=20), json_values),
              "text": bodies, "dateline": st.text(max_size=10), "url": st.text(max_size=20)})


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for record in draw(st.lists(st.one_of(*[records] * 6, json_values), min_size=1,
                                max_size=3)):
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(line.encode("utf-8", errors="surrogatepass"))
    raw = draw(st.sampled_from([b"\n", b"\r\n"])).join(lines)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=4)) + raw[at:]
    return raw


@_settings(300)
@given(raw=jsonl_bytes())
@example(raw=b'{"id": "a", "body": "Russia \\ud800 signed the treaty."}')
@example(raw=b"[" * 100_000 + b"]" * 100_000)
@example(raw=b'{"id": "a", "body": "NATO.", "published": "\\u0662\\u0660\\u0661\\u0664"}')
def test_jsonl_read_and_extract(scratch: Path, raw: bytes) -> None:
    path = scratch / "a.jsonl"
    path.write_bytes(raw)
    try:
        for article in read_jsonl(path):
            _extracted(extract(article), article.body)
    except InputError as exc:
        _check_error(exc)


@_settings(200)
@given(record=st.one_of(records, json_values))
def test_jsonl_record(record: Any) -> None:
    try:
        article = parse_record(record, "x.jsonl", 1)
    except InputError as exc:
        _check_error(exc)
        return
    _extracted(extract(article), article.body)


# -- the facts loader ---------------------------------------------------------------------

def _valid_facts() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "fixtures" / "facts").glob("*.json")
                      .__next__().read_text(encoding="utf-8"))


VALID_FACTS = _valid_facts()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


FACT_PATHS = [p for p in _paths(VALID_FACTS) if p]


@st.composite
def mutated_facts(draw: st.DrawFn) -> Any:
    """The valid facts fixture with one to three values replaced or keys dropped."""
    data = json.loads(json.dumps(VALID_FACTS))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(FACT_PATHS))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue
    return data


def _deep(n: int, open_: str = "[", close: str = "]") -> str:
    return open_ * n + close * n


@_settings(400)
@given(data=st.one_of(mutated_facts(), mutated_facts(), json_values))
@example(data={"article": {"id": "a"}, "facts": [{"kind": []}]})
@example(data={"article": {"id": "a"},
               "entities": [{"id": "x", "type": "State", "name": "X", "mentions": 5}]})
@example(data={"article": {"id": "a", "published": "2014-11-18\n"}})
def test_facts_from_dict(data: Any) -> None:
    try:
        doc = Document.from_dict(data, "f.json")
    except FactsError as exc:
        _check_error(exc)
        event("FactsError")
        return
    event("a valid document")
    assert Document.from_dict(doc.to_dict()).to_dict() == doc.to_dict()


@_settings(150)
@given(text=st.one_of(
    mutated_facts().map(json.dumps),
    st.integers(1, 200_000).map(_deep),
    st.integers(1, 50_000).map(lambda n: '{"article": ' + _deep(n, '{"a": ', "}")[:-1]),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
))
@example(text=_deep(100_000))
@example(text='{"article": {"id": "a", "title": ' + _deep(900) + "}}")
@example(text='{"article": {"id": "a"}, "entities": [{"id": "x", "type": '
              + _deep(990) + ', "name": "X"}]}')
def test_facts_from_json(text: str) -> None:
    try:
        doc = Document.from_json(text, "f.json")
    except FactsError as exc:
        _check_error(exc)
        return
    assert Document.from_dict(doc.to_dict()).to_dict() == doc.to_dict()


# -- the command line (fewer cases: each runs the whole command) ----------------------------

def _check_cli(r: Any) -> None:
    assert r.exit_code in (0, 2), (r.exit_code, r.output, r.exception)
    assert "Traceback" not in r.output
    if r.exit_code == 2:
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kg: error: "), r.stderr


@_settings(80)
@given(raw=article_bytes())
def test_cli_extract(scratch: Path, raw: bytes) -> None:
    path = scratch / "cli.txt"
    path.write_bytes(raw)
    r = runner.invoke(app, ["extract", str(path)])
    _check_cli(r)
    if r.exit_code == 0:
        Document.from_dict(json.loads(r.stdout))


@_settings(40)
@given(text=st.one_of(mutated_facts().map(json.dumps), st.integers(1, 100_000).map(_deep),
                      st.binary(max_size=30).map(lambda b: b.decode("latin-1"))))
@example(text=_deep(100_000))
def test_cli_validate_facts(scratch: Path, text: str) -> None:
    path = scratch / "facts.json"
    path.write_text(text, encoding="utf-8")
    _check_cli(runner.invoke(app, ["validate", str(path)]))


@_settings(25)
@given(raw=st.one_of(article_bytes(), mutated_seed.map(lambda t: t.encode("utf-8", "replace"))))
def test_cli_build_one_bad_article_among_good(tmp_path_factory: pytest.TempPathFactory,
                                             raw: bytes) -> None:
    d = tmp_path_factory.mktemp("build")
    store = d / "store"
    write_article(d / "a-good.txt", SEED_BODY)
    (d / "b-maybe.txt").write_bytes(raw)
    write_article(d / "c-good.txt", "GENEVA, May 1. Russia and NATO held talks on the treaty.")
    r = runner.invoke(app, ["build", str(d / "a-good.txt"), str(d / "b-maybe.txt"),
                            str(d / "c-good.txt"), "--store", str(store), "--no-progress",
                            "-j", "1"])
    _check_cli(r)
    event(f"exit {r.exit_code}")
    if r.exit_code == 2:
        assert store_snapshot(store) == ""  # nothing written: all or nothing


@pytest.mark.parametrize(("name", "content", "message"), [
    ("lone-surrogate.jsonl", b'{"id": "a", "body": "Russia \\ud800 signed the treaty."}\n',
     "lone surrogate"),
    ("arabic-digits.txt", "published: ٢٠١٤-١١-١٨\n\nRussia and NATO signed the treaty.\n"
     .encode(), "not a date"),
    ("arabic-digits.jsonl", b'{"id": "a", "body": "NATO.", "published": "\\u0662\\u0660'
     b'\\u0661\\u0664"}\n', "not a date"),
], ids=["jsonl lone surrogate", "header date in Arabic-Indic digits",
        "jsonl date in Arabic-Indic digits"])
def test_build_refuses_what_the_store_cannot_take(tmp_path: Path, name: str, content: bytes,
                                                   message: str) -> None:
    """These once got through the reader and crashed the build (UnicodeEncodeError,
    ValueError from date.fromisoformat) instead of one error line."""
    (tmp_path / name).write_bytes(content)
    store = tmp_path / "store"
    r = runner.invoke(app, ["build", str(tmp_path / name), "--store", str(store), "-j", "1"])
    _check_cli(r)
    assert r.exit_code == 2 and message in r.stderr
    assert not store.exists()


@pytest.mark.parametrize(("text", "message"), [
    ('{"article": {"id": "a", "published": "2014-11-18\\n"}}', "not an ISO date"),
    ('{"article": {"id": "a", "published": "\\u0662\\u0660\\u0661\\u0664"}}',
     "not an ISO date"),
    (_deep(100_000), "nested too deeply"),
], ids=["date with a newline", "date in Arabic-Indic digits", "100,000 nested lists"])
def test_validate_facts_that_once_crashed(tmp_path: Path, text: str, message: str) -> None:
    """A ValueError from the mapper, a RecursionError from json.loads: now one line."""
    path = tmp_path / "facts.json"
    path.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["validate", str(path)])
    _check_cli(r)
    assert r.exit_code == 2 and message in r.stderr


# -- size: huge lines, a 50 MB article ----------------------------------------------------

def _line(size: int) -> str:
    unit = ("Russian Foreign Minister Sergey Lavrov said NATO “violated the treaty” "
            "on Tuesday in Geneva, \u200bمرحبا e\u0301 😀 and the alliance signed it; ")
    return (unit * (size // len(unit) + 1))[:size]


def _extract_seconds(text: str) -> float:
    article = parse_article("published: 2014-11-18\n\n" + text, "big")
    t = time.perf_counter()
    _check_document(extract(article), article.body)
    return time.perf_counter() - t


def test_huge_line_is_linear() -> None:
    """A 2 MB line without a newline (one sentence of names, quotes and treaties): ten
    times the text of a 200 kB line takes about ten times as long, not a hundred."""
    small = min(_extract_seconds(_line(200_000)) for _ in range(2))
    big = _extract_seconds(_line(2_000_000))
    assert big <= 30 * max(small, 0.01), (small, big)


# Texts that once took quadratic time (a 200 kB "“Mr. A Mr. A ..." took 96 s; 8 MB of
# the seed article over and over, 36 s): linear now.
UNITS = {
    "open quote and abbreviations": "“" + "Mr. A " * 3,
    "quoted sentences": '"x. ',
    "initials": "a.a.a. ",
    "brackets": "(((((NATO ",
    "many paragraphs": SEED_BODY + "\n",
}


@pytest.mark.parametrize("unit", list(UNITS.values()), ids=list(UNITS))
def test_huge_text_is_linear(unit: str) -> None:
    small = min(_extract_seconds(unit * (100_000 // len(unit))) for _ in range(2))
    big = _extract_seconds(unit * (1_000_000 // len(unit)))
    assert big <= 30 * max(small, 0.01), (small, big)


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.write(b'{"id": "big", "body": "' if path.suffix == ".jsonl"
                 else b"title: Big\npublished: 2014-11-18\n\nRussia signed the treaty. ")
        fh.truncate(size)  # the rest is a hole: NUL bytes, never written
    return path


@pytest.mark.parametrize(("command", "name"), [("extract", "big.txt"), ("build", "big.txt"),
                                               ("build", "big.jsonl")])
def test_50_mb_article_is_refused_quickly(tmp_path: Path, command: str, name: str) -> None:
    big = _sparse(tmp_path / name, 50 * 1024 * 1024)
    store = tmp_path / "store"
    args = [command, str(big)] + (["--store", str(store)] if command == "build" else [])
    t = time.perf_counter()
    r = runner.invoke(app, args)
    assert time.perf_counter() - t < 5
    _check_cli(r)
    assert r.exit_code == 2
    assert "over the limit of 10 MB" in r.stderr and "KG_MAX_ARTICLE_BYTES" in r.stderr
    assert not store.exists()


def test_size_limit_leaves_an_existing_store_unchanged(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", str(article), "--store", str(store)]).exit_code == 0
    before = store_snapshot(store)
    big = _sparse(tmp_path / "big.txt", 11 * 1024 * 1024)
    r = runner.invoke(app, ["build", str(article), str(big), "--store", str(store)])
    _check_cli(r)
    assert r.exit_code == 2
    assert store_snapshot(store) == before


def test_size_limit_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("published: 2014-11-18\n\n" + _line(3000), encoding="utf-8")
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "1000")
    with pytest.raises(InputError, match="over the limit"):
        read_article(path)
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "4000")
    assert read_article(path).body
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "lots")
    with pytest.raises(InputError, match="KG_MAX_ARTICLE_BYTES"):
        read_article(path)


def test_jsonl_record_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "1000")
    path = tmp_path / "a.jsonl"
    lines = [{"id": "ok", "body": "Russia signed the treaty."}, {"id": "big", "body": "x" * 5000}]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    it = read_jsonl(path)
    assert next(it).meta.id == "ok"
    with pytest.raises(InputError, match="over the limit") as info:
        next(it)
    assert info.value.line == 2


def test_environment_is_clean() -> None:
    assert "KG_MAX_ARTICLE_BYTES" not in os.environ

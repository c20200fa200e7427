"""Saved web pages (kg[web]): main text, metadata, the same facts as the text article,
folders of pages, JSON arrays with HTML records, and the message without the extra."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from _servers import KG

pytest.importorskip("trafilatura")

from kg.pipeline import build, extract_file
from kg.read import read_article

WEB = Path(__file__).parent / "fixtures" / "web"
BOILERPLATE = ("cookies", "Accept all", "Most read", "Related", "Advertisement", "Share this",
               "Subscribe", "Photo:", "All rights reserved", "Skip to main", "Phone:",
               "Sign up", "Topics:", "3 min read")


def _kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


def test_wire_story_page_text_and_metadata() -> None:
    a = read_article(WEB / "wire-story.html")
    m = a.meta
    assert m.title == "Mongolia signs nuclear weapons ban treaty at UN ceremony"
    assert m.published == "2025-03-12"
    assert m.author == "Dana Whitcombe"
    assert m.url == ("https://meridianwire.example/world/2025/03/12/"
                     "mongolia-signs-nuclear-ban-treaty")
    assert (m.language, m.source, m.dateline_place) == ("en-GB", "Meridian Wire", "New York")
    assert a.body.startswith("NEW YORK, March 12 (Meridian Wire) — On Wednesday, Mongolia")
    assert a.body.endswith("Treaty on the Non-Proliferation of Nuclear Weapons.")
    assert a.body.count("\n\n") == 6  # seven paragraphs, kept apart
    assert "“Every new signature is a step away from the abyss,”" in a.body
    assert "António Guterres" in a.body and "&" not in a.body and "<" not in a.body
    for words in BOILERPLATE:
        assert words not in a.body, words


def test_press_release_keeps_its_lead_paragraph() -> None:
    a = read_article(WEB / "press-release.html")
    assert a.meta.title == ("Norway deposits its instrument of ratification of the Arms Trade "
                            "Treaty amendment")
    assert (a.meta.published, a.meta.language, a.meta.author) == ("2025-06-04", "en", None)
    assert a.meta.source == "Government of Norway"
    assert a.body.startswith("OSLO, 4 June 2025 — Norway has ratified the amendment")
    assert a.meta.dateline_place == "Oslo"
    assert "Ciarán Dolan" in a.body
    for words in BOILERPLATE:
        assert words not in a.body, words


@pytest.mark.parametrize("name", ["wire-story", "press-release"])
def test_same_facts_from_the_text_and_the_saved_page(name: str) -> None:
    text = extract_file(WEB / f"{name}.txt").to_dict()
    page = extract_file(WEB / f"{name}.html").to_dict()
    assert page["facts"] and page["facts"] == text["facts"]  # offsets and all
    assert page["entities"] == text["entities"]
    for key in ("url", "title", "published", "dateline_place", "source"):
        assert page["article"][key] == text["article"][key], key
    kinds = {f["kind"] for f in page["facts"]}
    assert {"holds_position", "statement"} <= kinds
    assert ("signed" if name == "wire-story" else "ratified") in kinds


def test_kg_extract_prints_the_same_facts_for_page_and_text() -> None:
    out = [json.loads(_kg("extract", str(WEB / f"wire-story.{ext}")).stdout)
           for ext in ("txt", "html")]
    assert out[0]["facts"] == out[1]["facts"]
    assert out[1]["article"]["author"] == "Dana Whitcombe"
    assert "author" not in out[0]["article"]  # a text article's JSON is as it was


def test_folder_of_pages_builds_like_a_folder_of_text(tmp_path: Path) -> None:
    pages, texts = tmp_path / "pages", tmp_path / "texts"
    pages.mkdir()
    texts.mkdir()
    for name in ("wire-story", "press-release"):
        (pages / f"{name}.html").write_bytes((WEB / f"{name}.html").read_bytes())
        (texts / f"{name}.txt").write_bytes((WEB / f"{name}.txt").read_bytes())
    a = build([pages], tmp_path / "s1")
    b = build([texts], tmp_path / "s2")
    assert sorted(a.loaded) == sorted(b.loaded) == ["press-release", "wire-story"]
    assert (a.facts, a.entities) == (b.facts, b.entities)
    assert a.facts >= 10


def test_json_array_with_html_and_text_records(tmp_path: Path) -> None:
    html = (WEB / "wire-story.html").read_text(encoding="utf-8")
    body = (WEB / "press-release.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    records = [{"url": "https://meridianwire.example/a", "html": html},
               {"id": "nor", "title": "Norway ratifies", "published": "2025-06-04",
                "source": "Government of Norway", "body": body}]
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
    r = build([feed], tmp_path / "store")
    assert sorted(r.loaded) == ["meridianwire.example-a", "nor"]
    assert r.facts >= 10


def test_page_without_article_text_is_one_line_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Login</title></head><body><nav><a href='/'>Home"
                    "</a></nav></body></html>", encoding="utf-8")
    r = _kg("build", str(page), "--store", str(tmp_path / "store"))
    assert r.returncode == 2
    assert r.stderr == f"kg: error: {page}: no article text found in the page\n"
    assert not (tmp_path / "store").exists()


HOSTILE: dict[str, bytes] = {
    "deep.html": b"<html><body>" + b"<div>" * 100_000 + b"<p>" + b"Word " * 30 + b"</p>"
                 + b"</div>" * 100_000 + b"</body></html>",
    "nul.html": b"<html><body><p>" + b"Hello \x00 world. " * 20 + b"</p></body></html>",
    "bad-utf8.html": b"<html><body><p>" + b"\xff\xfe\xfa broken " * 30 + b"</p></body></html>",
    "attributes.html": b"<html><body><p " + b" ".join(b'a%d="x"' % i for i in range(50_000))
                       + b">" + b"Some words here. " * 10 + b"</p></body></html>",
    "scripts.html": b"<html><body><script>" + b"var a=1;" * 1000 + b"</script><p>"
                    + b"<script>alert(1)</script>" * 3
                    + b"Minister X signed the treaty on Monday, officials said. " * 3
                    + b"</p></body></html>",
    "plain.html": b"Just plain text, no tags at all, in a file named .html for a reason.",
    "fragment.html": b"<p>" + b"A fragment of a page, as a scraper saves it. " * 3 + b"</p>",
    "empty.html": b"",
    "cut.warc": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
    "cut.warc.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    "link-only.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                     b"<item><title>no link, no text</title></item></channel></rss>",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_pages_give_an_article_or_one_error(tmp_path: Path, name: str) -> None:
    from kg import InputError
    from kg.read import Article, Skipped, read_inputs

    p = tmp_path / name
    p.write_bytes(HOSTILE[name])
    for item in read_inputs([p]):  # never raises: each item is one of these
        assert isinstance(item, Article | InputError | Skipped)
        if isinstance(item, Article):
            assert len(item.body.split()) >= 10 and "\x00" not in item.body
            assert "<script" not in item.body and "alert(1)" not in item.body
        elif isinstance(item, InputError):
            assert str(item).startswith(f"{p}") and "\n" not in str(item)

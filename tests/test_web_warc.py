"""WARC web archives (kg[web]): a crawl written here with warcio of pages, a redirect, a
404, an image and a second capture; the HTML responses are the articles, with the
record's target URI and date, and the rest is listed as skipped."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from _servers import KG
from _site import news_page

pytest.importorskip("trafilatura")
pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kg.read import Article, Skipped, read_inputs
from kg.store import open_store

WEB = Path(__file__).parent / "fixtures" / "web"
HOST = "https://meridianwire.example"
HTML = [("Content-Type", "text/html; charset=utf-8")]


def _undated(name: str) -> bytes:
    """A page that gives no date anywhere (no meta, no JSON-LD, no year in the footer)."""
    page = re.sub(r'<meta property="article:published_time"[^>]*>|'
                  r'<script type="application/ld\+json">.*?</script>', "", news_page(name),
                  flags=re.DOTALL)
    return page.replace("&copy; 2025 ", "").encode("utf-8")


def write_crawl(path: Path) -> None:
    """A crawl as a crawler writes it: warcinfo, then request and response records."""
    records = [
        (f"{HOST}/world/2025/03/12/mongolia-signs-nuclear-ban-treaty", "200 OK", HTML,
         (WEB / "wire-story.html").read_bytes(), "2025-03-14T06:00:00Z"),
        (f"{HOST}/mongolia-tpnw", "301 Moved Permanently",
         [("Location", f"{HOST}/world/2025/03/12/mongolia-signs-nuclear-ban-treaty")], b"",
         "2025-03-14T06:00:01Z"),
        (f"{HOST}/world/2025/01/old-story", "404 Not Found", HTML, b"<h1>Not found</h1>",
         "2025-03-14T06:00:02Z"),
        (f"{HOST}/img/ceremony.jpg", "200 OK", [("Content-Type", "image/jpeg")],
         b"\xff\xd8\xff\xe0 not really a picture", "2025-03-14T06:00:03Z"),
        (f"{HOST}/world/kazakhstan-ratifies", "200 OK", HTML,
         _undated("astana-ratifies.txt"), "2025-04-16T07:30:00Z"),
        (f"{HOST}/world/2025/03/12/mongolia-signs-nuclear-ban-treaty", "200 OK", HTML,
         (WEB / "wire-story.html").read_bytes(), "2025-03-20T06:00:00Z"),
    ]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "kg tests"}))
        for uri, status, headers, body, date in records:
            request = StatusAndHeaders(f"GET {uri[len(HOST):]} HTTP/1.1",
                                       [("Host", "meridianwire.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(
                uri, "request", http_headers=request, warc_headers_dict={"WARC-Date": date}))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": date}))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_are_the_articles(tmp_path: Path, name: str) -> None:
    crawl = tmp_path / name
    write_crawl(crawl)
    items = list(read_inputs([crawl]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [str(i) for i in items if isinstance(i, Skipped)]
    assert [(a.meta.url, a.meta.published, a.meta.title) for a in articles] == [
        (f"{HOST}/world/2025/03/12/mongolia-signs-nuclear-ban-treaty", "2025-03-12",
         "Mongolia signs nuclear weapons ban treaty at UN ceremony"),
        (f"{HOST}/world/kazakhstan-ratifies", "2025-04-16",  # no date: the capture's
         "Kazakh parliament ratifies nuclear ban treaty")]
    assert articles[0].body == (WEB / "wire-story.txt").read_text(
        encoding="utf-8").split("\n\n", 1)[1].strip()
    assert [s.split(": ", 1)[1] for s in skipped] == [
        f"record 5 ({HOST}/mongolia-tpnw): HTTP 301 redirect to "
        f"{HOST}/world/2025/03/12/mongolia-signs-nuclear-ban-treaty",
        f"record 7 ({HOST}/world/2025/01/old-story): HTTP 404",
        f"record 9 ({HOST}/img/ceremony.jpg): not HTML (image/jpeg)",
        f"record 13 ({HOST}/world/2025/03/12/mongolia-signs-nuclear-ban-treaty): "
        "a later capture of a page read before"]


def test_kg_build_crawl(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    r = subprocess.run([KG, "build", str(crawl), "--store", str(tmp_path / "store")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "articles: 2 (2 loaded, 0 unchanged)" in r.stdout
    assert "skipped, not articles: 4" in r.stdout and "HTTP 404" in r.stdout
    with open_store(tmp_path / "store", read_only=True) as s:
        kinds = {str(row[0].value) for row in s.query(
            "SELECT DISTINCT ?k { ?f <https://kg.example.org/ontology#kind> ?k }")}
    assert {"signed", "ratified", "holds_position", "statement"} <= kinds


@pytest.mark.parametrize("damage", ["garbage", "not-warc"])
def test_damaged_archive_is_one_line_exit_2(tmp_path: Path, damage: str) -> None:
    crawl = tmp_path / "crawl.warc"
    write_crawl(crawl)
    data = crawl.read_bytes()
    half = data.index(b"WARC/1", len(data) // 2)
    crawl.write_bytes(data[:half] + b"GARBAGE\r\n\r\n" + data[half:] if damage == "garbage"
                      else b"just some text, not an archive\n" * 20)
    r = subprocess.run([KG, "build", str(crawl), "--store", str(tmp_path / "store")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert r.stderr.startswith(f"kg: error: {crawl}: not a")
    assert "WARC file" in r.stderr
    assert r.stderr.count("\n") == 1 and not (tmp_path / "store").exists()

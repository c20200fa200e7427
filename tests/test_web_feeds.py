"""RSS 2.0 and Atom feeds (kg[web]) served from, and linking to, a site on 127.0.0.1:
items' links fetched or their full text used, the item's title and date, and a second
run that builds only the new items."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from _servers import KG
from _site import Site, news_page, serving, text_article

pytest.importorskip("trafilatura")
pytest.importorskip("feedparser")
pytest.importorskip("httpx")

from kg.read import Article, Fetcher, FetchOptions, read_inputs
from kg.store import open_store

WEB = Path(__file__).parent / "fixtures" / "web"
STORIES = ("geneva-talks.txt", "astana-ratifies.txt", "santiago-signs.txt",
           "tokyo-canberra.txt", "hague-council.txt")
NEW_ITEM = """  <item>
    <title>Chile signs the Arms Trade Treaty</title>
    <link>{base}/news/2025/05/02/chile-signs-arms-trade-treaty.html</link>
    <pubDate>Fri, 02 May 2025 11:00:00 -0400</pubDate>
  </item>
"""


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as s:
        for name in STORIES:
            s.add(text_article(name)[0]["url"], news_page(name))
        yield s


def _feed(site: Site, name: str) -> str:
    return (WEB / name).read_text(encoding="utf-8").replace("{base}", site.url(""))


def _build(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, "build", *args, "--store", str(tmp / "store"), "--cache",
                           str(tmp / "cache"), "--delay", "0"],
                          capture_output=True, text=True, timeout=300)


def _articles(tmp: Path) -> list[tuple[str, str]]:
    q = ("SELECT ?t ?d WHERE { ?a <https://schema.org/headline> ?t ; "
         "<https://schema.org/datePublished> ?d } ORDER BY ?d")
    with open_store(tmp / "store", read_only=True) as s:
        return [(str(r[0].value), str(r[1].value)) for r in s.query(q)]


def test_rss_feed_url_and_second_run_builds_only_new_items(site: Site,
                                                           tmp_path: Path) -> None:
    site.add("/world/rss.xml", _feed(site, "harbor-post.rss"),
             content_type="application/rss+xml; charset=utf-8")
    r = _build(tmp_path, site.url("/world/rss.xml"))
    assert r.returncode == 0, r.stderr
    assert "articles: 2 (2 loaded, 0 unchanged)" in r.stdout
    assert _articles(tmp_path) == [
        ("Russia and U.S. open strategic stability talks in Geneva", "2025-04-08"),
        ("Kazakh parliament ratifies nuclear ban treaty", "2025-04-15")]
    pages = [text_article(n)[0]["url"] for n in STORIES[:3]]
    assert [len(site.hits(p)) for p in pages] == [1, 1, 0]
    # the feed gains an item: the feed is read again, only the new item fetched and built
    site.add("/world/rss.xml", _feed(site, "harbor-post.rss").replace(
        "  <!--new item-->\n", NEW_ITEM.replace("{base}", site.url(""))),
        content_type="application/rss+xml; charset=utf-8")
    r = _build(tmp_path, site.url("/world/rss.xml"))
    assert r.returncode == 0, r.stderr
    assert "articles: 3 (1 loaded, 2 unchanged)" in r.stdout
    assert [len(site.hits(p)) for p in pages] == [1, 1, 1]
    assert len(site.hits("/world/rss.xml")) == 2
    assert ("Chile signs the Arms Trade Treaty", "2025-05-02") in _articles(tmp_path)
    # a third run, nothing new: the feed answers 304 to the conditional request
    site.routes["/world/rss.xml"].headers["ETag"] = '"v2"'
    _build(tmp_path, site.url("/world/rss.xml"))
    r = _build(tmp_path, site.url("/world/rss.xml"))
    assert "articles: 3 (0 loaded, 3 unchanged)" in r.stdout
    assert site.hits("/world/rss.xml")[-1].headers.get("if-none-match") == '"v2"'


def test_item_title_and_date_win_over_the_page(site: Site, tmp_path: Path) -> None:
    feed = tmp_path / "world.rss"
    feed.write_text(_feed(site, "harbor-post.rss").replace(
        "<title>Kazakh parliament ratifies nuclear ban treaty</title>",
        "<title>Kazakhstan ratifies the TPNW</title>").replace(
        "Tue, 15 Apr 2025 10:12:00 +0500", "Wed, 16 Apr 2025 01:00:00 +0500"),
        encoding="utf-8")
    items = list(read_inputs([feed], fetcher=Fetcher(FetchOptions(cache=tmp_path, delay=0))))
    assert all(isinstance(i, Article) for i in items)
    first = items[0]
    assert isinstance(first, Article)
    assert (first.meta.title, first.meta.published) == ("Kazakhstan ratifies the TPNW",
                                                        "2025-04-16")
    assert first.meta.source == "Harbor Post" and first.meta.language == "en-US"
    assert first.body.startswith("ASTANA, April 15 (Harbor Post) — Kazakhstan's parliament")


def test_atom_file_with_full_text_fetches_only_what_it_lacks(site: Site,
                                                            tmp_path: Path) -> None:
    feed = tmp_path / "diplomacy.atom"
    feed.write_text(_feed(site, "harbor-post.atom"), encoding="utf-8")
    fetcher = Fetcher(FetchOptions(cache=tmp_path / "cache", delay=0))
    items = [i for i in read_inputs([feed], fetcher=fetcher) if isinstance(i, Article)]
    assert [(a.meta.title, a.meta.published, a.meta.author) for a in items] == [
        ("Chemical weapons watchdog council meets in The Hague", "2025-05-27", "Lena Vos"),
        ("Japan and Australia pledge to push test-ban treaty into force", "2025-05-20",
         "Kaito Mori"),
        ("Chile signs the Arms Trade Treaty", "2025-05-02", "Harbor Post staff")]
    hague = items[0]
    assert hague.body == text_article("hague-council.txt")[1]  # entities decoded
    assert hague.meta.dateline_place == "The Hague" and hague.meta.language == "en"
    # only the entry without full text had its page fetched (robots.txt first)
    assert [h.path for h in site.log] == ["/robots.txt", text_article(STORIES[2])[0]["url"]]
    r = _build(tmp_path, str(feed))
    assert r.returncode == 0 and "articles: 3 (3 loaded, 0 unchanged)" in r.stdout


def test_not_a_feed_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "sitemap.xml"
    bad.write_text("<urlset><url><loc>https://example.org/</loc></url></urlset>")
    r = _build(tmp_path, str(bad))
    assert r.returncode == 2
    assert r.stderr.startswith(f"kg: error: {bad}: not an RSS or Atom feed")
    assert r.stderr.count("\n") == 1
    assert not (tmp_path / "store").exists()


def test_a_bad_item_is_reported_with_skip_bad(site: Site, tmp_path: Path) -> None:
    feed = tmp_path / "world.rss"
    feed.write_text(_feed(site, "harbor-post.rss").replace(
        "/news/2025/04/08/geneva-strategic-stability-talks.html</link>",
        "/news/gone.html</link>"), encoding="utf-8")
    r = _build(tmp_path, str(feed))
    assert r.returncode == 2
    assert r.stderr == (f"kg: error: {feed}: item 2: HTTP 404 Not Found "
                        f"({site.url('/news/gone.html')})\n")
    r = _build(tmp_path, str(feed), "--skip-bad")
    assert r.returncode == 0
    assert "articles: 1 (1 loaded, 0 unchanged, 1 bad left out)" in r.stdout
    assert r.stderr.startswith(f"kg: bad input left out: {feed}: item 2: HTTP 404")

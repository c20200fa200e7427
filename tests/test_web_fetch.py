"""URLs (kg[web]): pages fetched from a site on 127.0.0.1 that the test starts and stops;
title, date, body and facts, the User-Agent, the cache and --refetch, robots.txt,
retries, the per-host pause, redirects, --urls and --skip-bad."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from _servers import KG
from _site import Site, news_page, serving, text_article

pytest.importorskip("trafilatura")
pytest.importorskip("httpx")

from kg._errors import InputError
from kg.read import Fetcher, FetchOptions, read_inputs
from kg.store import open_store

STORIES = ("geneva-talks.txt", "astana-ratifies.txt", "santiago-signs.txt")


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as s:
        for name in STORIES:
            s.add(text_article(name)[0]["url"], news_page(name))
        s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n",
              content_type="text/plain")
        yield s


def _url(site: Site, name: str) -> str:
    return site.url(text_article(name)[0]["url"])


def _build(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, "build", *args, "--store", str(tmp / "store"), "--cache",
                           str(tmp / "cache"), "--delay", "0"],
                          capture_output=True, text=True, timeout=300)


def _titles(tmp: Path) -> dict[str, tuple[str, str]]:
    q = ("SELECT ?t ?d ?u WHERE { ?a <https://schema.org/headline> ?t ; "
         "<https://schema.org/datePublished> ?d ; <https://schema.org/url> ?u }")
    with open_store(tmp / "store", read_only=True) as s:
        rows = s.query(q)
        return {str(r[2].value): (str(r[0].value), str(r[1].value)) for r in rows}


def test_pages_are_fetched_read_and_cached(site: Site, tmp_path: Path) -> None:
    urls = [_url(site, n) for n in STORIES[:2]]
    r = _build(tmp_path, *urls)
    assert r.returncode == 0, r.stderr
    assert "articles: 2 (2 loaded, 0 unchanged)" in r.stdout
    assert _titles(tmp_path) == {
        urls[0]: ("Russia and U.S. open strategic stability talks in Geneva", "2025-04-08"),
        urls[1]: ("Kazakh parliament ratifies nuclear ban treaty", "2025-04-15")}
    assert [h.path for h in site.log] == ["/robots.txt"] + [
        text_article(n)[0]["url"] for n in STORIES[:2]]
    assert all(h.headers["user-agent"].startswith("kg/0.1.0 (") for h in site.log)
    # the facts of the pages: Ryabkov's post, the ratification
    with open_store(tmp_path / "store", read_only=True) as s:
        kinds = {str(row[0].value) for row in s.query(
            "SELECT DISTINCT ?k { ?f <https://kg.example.org/ontology#kind> ?k }")}
    assert {"holds_position", "meeting", "ratified", "statement"} <= kinds
    # a second build reads the cache: nothing goes to the network, nothing is rebuilt
    before = len(site.log)
    r = _build(tmp_path, *urls)
    assert "articles: 2 (0 loaded, 2 unchanged)" in r.stdout
    assert len(site.log) == before
    # --refetch fetches the pages again (robots.txt too: once a run)
    r = _build(tmp_path, *urls, "--refetch")
    assert r.returncode == 0 and "2 unchanged" in r.stdout
    assert [h.path for h in site.log[before:]] == [h.path for h in site.log[:before]]


def test_cache_is_keyed_by_url(site: Site, tmp_path: Path) -> None:
    fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0))
    a = fetcher.get(_url(site, STORIES[0]))
    b = fetcher.get(_url(site, STORIES[0]) + "#comments")  # the same page
    c = fetcher.get(_url(site, STORIES[1]))
    fetcher.close()
    assert (a.from_cache, b.from_cache, c.from_cache) == (False, True, False)
    assert a.body == b.body != c.body
    assert len(list(tmp_path.rglob("*.http"))) == 2
    again = Fetcher(FetchOptions(cache=tmp_path, delay=0)).get(_url(site, STORIES[1]))
    assert again.from_cache and again.body == c.body and again.content_type == "text/html"


def test_robots_txt_forbids_a_page(site: Site, tmp_path: Path) -> None:
    site.add("/private/memo.html", news_page(STORIES[0]))
    r = _build(tmp_path, site.url("/private/memo.html"))
    assert r.returncode == 2
    assert r.stderr == (f"kg: error: {site.url('/private/memo.html')}: robots.txt of "
                        f"127.0.0.1:{site.port} does not allow kg to fetch this page\n")
    assert site.hits("/private/memo.html") == []
    assert not (tmp_path / "store").exists()


def test_robots_txt_that_fails_forbids_all_and_missing_allows_all(tmp_path: Path) -> None:
    with serving() as s:
        s.add("/a.html", news_page(STORIES[0]))
        s.add("/robots.txt", "down", status=500, content_type="text/plain")
        fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0, retries=0))
        with pytest.raises(InputError, match=r"robots\.txt of .* could not be fetched"):
            fetcher.get(s.url("/a.html"))
        assert s.hits("/a.html") == []
    with serving() as s:  # no robots.txt (404): every page may be fetched
        s.add("/a.html", news_page(STORIES[0]))
        assert Fetcher(FetchOptions(cache=tmp_path / "2", delay=0)).get(
            s.url("/a.html")).status == 200


def test_retries_on_503_and_429_then_gives_up(site: Site, tmp_path: Path) -> None:
    path = text_article(STORIES[0])[0]["url"]
    site.routes[path].fail_first = [503, 429]
    r = _build(tmp_path, site.url(path))
    assert r.returncode == 0, r.stderr
    assert len(site.hits(path)) == 3  # two refusals, then the page
    site.add("/busy.html", "busy", status=503, content_type="text/plain")
    fetcher = Fetcher(FetchOptions(cache=tmp_path / "c", delay=0, retries=2, backoff=0.01))
    with pytest.raises(InputError, match=r"HTTP 503 Service Unavailable \(after 3 tries\)"):
        fetcher.get(site.url("/busy.html"))
    assert len(site.hits("/busy.html")) == 3
    with pytest.raises(InputError, match="HTTP 503"):  # remembered for the run: no 4th try
        fetcher.get(site.url("/busy.html"))
    assert len(site.hits("/busy.html")) == 3


def test_a_404_is_not_retried(site: Site, tmp_path: Path) -> None:
    fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0, backoff=0.01))
    with pytest.raises(InputError, match="HTTP 404 Not Found"):
        fetcher.get(site.url("/gone.html"))
    assert len(site.hits("/gone.html")) == 1


def test_timeout_is_retried_then_reported(site: Site, tmp_path: Path) -> None:
    site.add("/slow.html", news_page(STORIES[0]), sleep=1.0)
    fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0, timeout=0.2, retries=1,
                                   backoff=0.01))
    with pytest.raises(InputError, match=r"ReadTimeout.*\(after 2 tries\)"):
        fetcher.get(site.url("/slow.html"))
    assert len(site.hits("/slow.html")) == 2


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site, tmp_path: Path) -> None:
    fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0.4))
    for name in STORIES:
        fetcher.get(_url(site, name))
    times = [h.at for h in site.log]
    assert len(times) == 4  # robots.txt and three pages
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.38, gaps


def test_crawl_delay_of_robots_txt_wins_when_longer(tmp_path: Path) -> None:
    with serving() as s:
        s.add("/robots.txt", "User-agent: kg\nCrawl-delay: 1\n", content_type="text/plain")
        for n in STORIES[:2]:
            s.add(f"/{n}.html", news_page(n))
        fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0))
        for n in STORIES[:2]:
            fetcher.get(s.url(f"/{n}.html"))
        pages = [h.at for h in s.log if h.path != "/robots.txt"]
        assert pages[1] - pages[0] >= 0.98


def test_redirects_are_followed_and_checked(site: Site, tmp_path: Path) -> None:
    target = text_article(STORIES[0])[0]["url"]
    site.add("/old-link", status=301, content_type="text/plain", headers={"Location": target})
    site.add("/to-private", status=302, content_type="text/plain",
             headers={"Location": "/private/x.html"})
    site.add("/loop", status=302, content_type="text/plain", headers={"Location": "/loop"})
    fetcher = Fetcher(FetchOptions(cache=tmp_path, delay=0))
    response = fetcher.get(site.url("/old-link"))
    assert response.final_url == site.url(target) and response.status == 200
    with pytest.raises(InputError, match=r"does not allow kg to fetch .*private/x\.html"):
        fetcher.get(site.url("/to-private"))
    with pytest.raises(InputError, match="more than 10 redirects"):
        fetcher.get(site.url("/loop"))


def test_urls_file_and_skip_bad(site: Site, tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# the week's stories\n{_url(site, STORIES[0])}\n\n"
                      f"{site.url('/gone.html')}\n{_url(site, STORIES[1])}\n")
    r = _build(tmp_path, "--urls", str(listed))
    assert r.returncode == 2
    assert r.stderr == f"kg: error: {site.url('/gone.html')}: HTTP 404 Not Found\n"
    assert not (tmp_path / "store").exists()  # bad input changes nothing
    r = _build(tmp_path, "--urls", str(listed), "--skip-bad")
    assert r.returncode == 0, r.stderr
    assert r.stderr == (f"kg: bad input left out: {site.url('/gone.html')}: "
                        "HTTP 404 Not Found\n")
    assert "articles: 2 (2 loaded, 0 unchanged, 1 bad left out)" in r.stdout
    assert len(site.hits("/gone.html")) == 2  # once a run: not again for the second pass
    listed.write_text("https://example.org/a\nftp://example.org/b\n")
    r = _build(tmp_path, "--urls", str(listed))
    assert (r.returncode, r.stderr) == (
        2, f"kg: error: {listed}:2: not an http(s) URL: 'ftp://example.org/b'\n")


def test_read_inputs_fetches_only_urls_it_is_given(site: Site, tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(news_page(STORIES[0]).replace(
        "</article>", f"<a href='{_url(site, STORIES[1])}'>next</a></article>"))
    fetcher = Fetcher(FetchOptions(cache=tmp_path / "c", delay=0))
    items = list(read_inputs([page], fetcher=fetcher))
    assert [type(i).__name__ for i in items] == ["Article"]
    assert fetcher.requests == 0 and site.log == []

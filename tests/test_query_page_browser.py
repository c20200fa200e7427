"""The query page in headless Chromium (Debian's package): it loads with no network
beyond kg serve itself, runs a competency query and shows its rows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from _servers import CHROMIUM, KG, Server, build_seed, free_port, running

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    d = tmp_path_factory.mktemp("browser")
    store = build_seed(d / "store")
    port = free_port()
    with running([KG, "serve", "--store", str(store), "--port", str(port)], port,
                 d / "serve.log") as s:
        yield s


def test_query_page_runs_a_competency_query(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS,
            timeout=30_000)
        try:
            page = context.new_page()
            page.set_default_timeout(15_000)

            def only_local(route):  # type: ignore[no-untyped-def]
                if route.request.url.startswith(server.url + "/"):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server.url + "/query")
            page.select_option("#example", "positions")
            assert "urn:kg:key:positions:" in page.input_value("#query")
            page.click("#run")
            page.wait_for_selector("table.results tbody tr")
            rows = page.locator("table.results tbody tr")
            assert rows.count() == 1
            assert "Sergey Lavrov" in rows.first.inner_text()
            assert "Minister of Foreign Affairs" in rows.first.inner_text()
            assert page.inner_text("#status") == "1 row"
            link = page.locator("table.results tbody a").first.get_attribute("href")
            assert link == "/id/person/sergey-lavrov"  # own resources link to this server
            assert errors == []
        finally:
            context.close()
    assert outside == []

"""The HTML graph view in headless Chromium (Debian's package, driven by Playwright).

Offline: every request that is not the page's own file is blocked and recorded. The
seed view draws every node; a search finds Lavrov; clicking him shows his position
and the evidence sentence. Screenshots go to the test's tmp dir (paths printed) and
to /tmp/kg-graph-screenshot.png. With the dev corpus (../shared/eval/dev/articles)
built into one store, the whole-store view lays out in a few seconds and `--around`
cuts a neighbourhood out of it. Skips with a reason without Chromium or Playwright.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.graph import export_graph
from kg.store import open_store

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_ARTICLES = SHARED / "eval" / "dev" / "articles"
SCREENSHOT = Path("/tmp/kg-graph-screenshot.png")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs "
                                                "Debian's chromium package)"),
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright package is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900}, offline=True)
        try:
            yield context
        finally:
            context.close()


class View:
    """One page of the view, with every outside request blocked and recorded."""

    READY = "window.kgView && window.kgView.ready"

    def __init__(self, context: Any, path: Path) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console",
                     lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.route("**/*", self._route)
        start = time.monotonic()
        self.page.goto(path.as_uri())
        self.page.wait_for_function(self.READY, timeout=30_000)
        self.seconds = time.monotonic() - start

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def js(self, code: str) -> Any:
        return self.page.evaluate(code)

    def shot(self, path: Path) -> Path:
        self.page.screenshot(path=str(path))
        print(f"screenshot: {path}")
        return path


def _html(store: Path, out: Path, **kw: Any) -> Path:
    with open_store(store, read_only=True) as s:
        export_graph(s, "html", out, **kw)
    return out


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    d = tmp_path_factory.mktemp("seed-view")
    build(None, d / "store")
    return _html(d / "store", d / "seed.html")


def test_seed_view_offline_every_node_search_and_details(browser: Any, seed_html: Path,
                                                        tmp_path: Path) -> None:
    view = View(browser, seed_html)
    assert view.outside == [] and view.errors == []
    # every node of the seed graph is drawn, inside the visible canvas
    drawn = view.js("""() => {
        const cy = window.kgView.cy, ext = cy.extent();
        return cy.nodes().map(n => {
            const p = n.position();
            return [n.id(), n.visible(), p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 &&
                    p.y <= ext.y2];
        });
    }""")
    hidden = [n for n, v, _ in drawn if not v]
    assert len(drawn) == 18 and all(inside for n, v, inside in drawn if v), drawn
    # fact-less entities are hidden until asked for (Belarus: no fact links it)
    assert hidden == ["https://kg.example.org/id/state/belarus"], hidden
    view.page.locator("#factless").check()
    assert view.js("async () => { await new Promise(r => requestAnimationFrame(r)); return "
                   "window.kgView.cy.$id('https://kg.example.org/id/state/belarus')"
                   ".visible(); }")
    view.page.locator("#factless").uncheck()
    assert view.js("document.querySelectorAll('#legend-list li').length") == 9
    # search finds Lavrov; clicking the match shows his position and the evidence
    view.page.fill("#search", "lavrov")
    match = view.page.locator("#matches li").first
    assert match.inner_text().startswith("Sergey Lavrov")
    match.click()
    view.page.wait_for_timeout(400)  # the centring animation
    panel = view.page.inner_text("#panel")
    assert "Sergey Lavrov" in panel.title() or "SERGEY LAVROV" in panel
    assert "Minister of Foreign Affairs of Russia (2014-11-18)" in panel
    assert ("Russian Foreign Minister Sergey Lavrov said on Tuesday at the joint session"
            in panel)
    assert "No chances for reviving CFE treaty" in panel
    link = view.page.locator("#panel a", has_text="No chances").first
    assert link.get_attribute("href") == "http://tass.com/russia/760266"
    # a click on the graph itself selects and shows too: the treaty node
    pos = view.js("""() => { const n = window.kgView.cy.$id(
        'https://kg.example.org/id/treaty/treaty-on-conventional-armed-forces-in-europe');
        const p = n.renderedPosition(); return [p.x, p.y]; }""")
    box = view.page.locator("#cy").bounding_box()
    view.shot(tmp_path / "seed-lavrov.png")
    shutil.copyfile(tmp_path / "seed-lavrov.png", SCREENSHOT)
    print(f"screenshot: {SCREENSHOT}")
    view.page.mouse.click(box["x"] + pos[0], box["y"] + pos[1])
    assert "Treaty on Conventional Armed Forces in Europe" in view.page.text_content("#panel-title")
    assert "suspension ← Russia (2007-12)" in view.page.inner_text("#panel")
    assert view.outside == [] and view.errors == []
    view.page.close()


def test_seed_view_filters_by_kind_and_date(browser: Any, seed_html: Path) -> None:
    view = View(browser, seed_html)
    # read after the next frame: Cytoscape applies class changes to styles lazily
    visible = ("async () => { await new Promise(r => requestAnimationFrame(r)); "
               "return window.kgView.cy.elements(':visible').map(e => e.data('kind')); }")
    assert "statement" in view.js(visible)
    view.page.locator("input.kind[value='statement']").uncheck()
    assert "statement" not in view.js(visible)
    view.page.locator("input.kind[value='statement']").check()
    view.page.fill("#date-from", "2000")
    kinds = set(view.js(visible))
    assert "signed" not in kinds and "suspended" in kinds and "statement" in kinds
    view.page.fill("#date-to", "2010")
    assert set(view.js(visible)) - {""} == {"suspended"}
    # Russia and the treaty (Belarus, of no fact, is hidden unless asked for)
    assert view.page.inner_text("#stats") == "2 entities, 1 facts shown"
    # a date that is not one is refused: marked, said, and the last good range kept
    for bad in ("not a year", "2007-13", "2007-02-30", "20071"):
        view.page.fill("#date-from", bad)
        assert view.page.get_attribute("#date-from", "aria-invalid") == "true"
        assert "not a date" in view.page.inner_text("#date-error")
        assert set(view.js(visible)) - {""} == {"suspended"}
    view.page.fill("#date-from", "2008-02-29")
    assert view.page.get_attribute("#date-from", "aria-invalid") == "false"
    assert view.js("document.getElementById('date-error').hidden")
    assert set(view.js(visible)) - {""} == set()  # the 2007-12 suspension is before it
    view.page.close()


def test_hostile_names_are_shown_as_text(browser: Any, tmp_path: Path) -> None:
    from test_graph_projection import EVIL_NAME, hostile_graph

    from kg.graph import project, render

    out = tmp_path / "evil.html"
    out.write_bytes(render(project(hostile_graph()), "html"))
    view = View(browser, out)
    assert view.js("window.pwned === undefined") and view.errors == []
    view.page.fill("#search", "evil")
    view.page.keyboard.press("Enter")
    assert view.page.text_content("#panel-title") == EVIL_NAME.replace("\u2028", "\n").replace(
        "\u2029", "\n") or EVIL_NAME[:20] in view.page.text_content("#panel-title")
    assert view.page.locator("#panel img").count() == 0
    # the article's javascript: URL is not made a link
    assert view.page.locator("#panel a[href^='javascript']").count() == 0
    assert view.js("window.pwned === undefined")
    view.page.close()


@pytest.mark.skipif(not DEV_ARTICLES.is_dir(), reason=f"no dev corpus at {DEV_ARTICLES}")
def test_dev_corpus_view_is_usable_and_around_cuts_it(browser: Any, tmp_path: Path) -> None:
    from kg.pipeline import build

    build([DEV_ARTICLES], tmp_path / "store")
    whole = _html(tmp_path / "store", tmp_path / "dev.html")
    view = View(browser, whole)
    n = view.js("window.kgView.cy.nodes().length")
    print(f"dev corpus: {n} nodes, ready in {view.seconds:.2f} s "
          f"(layout {view.js('window.kgView.layoutMs')} ms)")
    assert n > 150 and view.outside == [] and view.errors == []
    assert view.seconds < 8
    view.page.fill("#search", "Lavrov")
    view.page.keyboard.press("Enter")
    assert "Sergey Lavrov" in view.page.text_content("#panel-title")
    # his neighbourhood stays, the rest fades; tapping the background brings it back
    faded = view.js("window.kgView.cy.elements('.faded').length")
    assert 0 < faded < view.js("window.kgView.cy.elements().length")
    # a search lands on the entity with the most facts that it matches: the treaty
    view.page.fill("#search", "CFE")
    view.page.keyboard.press("Enter")
    assert view.page.text_content("#panel-title") == "Treaty on Conventional Armed Forces in Europe"
    hidden = view.js("window.kgView.cy.nodes('.hidden').map(n => n.data('facts'))")
    print(f"dev corpus: {len(hidden)} fact-less entities hidden")
    assert hidden and set(hidden) == {0}
    # clusters: every entity boxed in its class; each treaty boxed with its events
    ready = ("async (by) => { window.kgView.cluster(by); "
             "while (!window.kgView.ready) await new Promise(r => setTimeout(r, 20)); "
             "const cy = window.kgView.cy; "
             "return cy.nodes(\"[category = 'entity']\").map(n => [n.data('class'), "
             "n.parent().length ? n.parent().data('label') : null]); }")
    boxed = view.page.evaluate(ready, "class")
    assert boxed and all(parent == cls for cls, parent in boxed), boxed
    view.shot(tmp_path / "dev-by-class.png")
    view.page.evaluate(ready, "treaty")
    cfe = view.js("""window.kgView.cy.$id('cluster:https://kg.example.org/id/treaty/'
        + 'treaty-on-conventional-armed-forces-in-europe').children().map(n => n.data('kind')
        || n.data('class'))""")
    assert "Treaty" in cfe and "signed" in cfe, cfe
    boxed = view.page.evaluate(ready, "none")
    assert all(parent is None for _, parent in boxed)
    # without fact nodes (how a graph of over 1,500 nodes opens), each fact that links
    # more than two entities is links between them; a link lists the facts it stands for
    assert view.js("document.getElementById('events').checked")  # a small graph: on
    view.page.locator("#events").uncheck()
    shown = view.js("async () => { await new Promise(r => requestAnimationFrame(r)); "
                    "const cy = window.kgView.cy; return [cy.nodes(\"[category = 'event']\")"
                    ".filter(n => n.visible()).length, cy.edges(\"[category = 'co']\")"
                    ".filter(e => e.visible()).length]; }")
    assert shown[0] == 0 and shown[1] > 50, shown
    listed = view.js("""(() => { const cy = window.kgView.cy;
        const e = cy.edges("[category = 'co']").max(e => e.data('shared')).ele;
        e.emit('tap');
        return [e.data('shared'), document.getElementById('panel').textContent]; })()""")
    assert f"{listed[0]} facts link them" in listed[1] or listed[0] == 1
    view.page.locator("#events").check()
    assert view.errors == []
    view.shot(tmp_path / "dev.png")
    view.page.close()

    near = _html(tmp_path / "store", tmp_path / "near.html", around="Lavrov", depth=1)
    small = View(browser, near)
    m = small.js("window.kgView.cy.nodes().length")
    assert 1 < m < n and small.errors == []
    ids = small.js("window.kgView.cy.nodes().map(n => n.id())")
    assert "https://kg.example.org/id/person/sergey-lavrov" in ids
    small.shot(tmp_path / "dev-around-lavrov.png")
    small.page.close()

"""The timeline page in headless Chromium (Debian's package, driven by Playwright).

Offline: every request that is not the page's own file is blocked and recorded. The
seed's timeline draws the CFE signing (1990, a year's span), its entry into force, and
Russia's suspension (2007-12, a month's span) in that order from left to right, a
day as a point; grouping by actor regroups the items; clicking one shows its evidence
sentence and article. A screenshot goes to /tmp/kg-timeline-screenshot.png. Skips
with a reason without Chromium or Playwright.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_graph_html_browser import CHROMIUM, View, browser  # noqa: F401 (a fixture)

from kg.graph import export_graph
from kg.store import open_store

SCREENSHOT = Path("/tmp/kg-timeline-screenshot.png")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs "
                                                "Debian's chromium package)"),
]


class Timeline(View):
    """A page of the timeline (ready when its script has drawn the items)."""

    READY = "window.kgTimeline && document.querySelectorAll('.vis-item').length > 0"


@pytest.fixture(scope="module")
def seed_timeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    d = tmp_path_factory.mktemp("seed-timeline")
    build(None, d / "store")
    with open_store(d / "store", read_only=True) as s:
        export_graph(s, "timeline", d / "seed.timeline.html")
    return d / "seed.timeline.html"


def _boxes(view: View) -> dict[str, dict[str, float]]:
    """Each drawn item's text -> its box on the page."""
    return dict(view.js("""Array.from(document.querySelectorAll('.vis-item.vis-point')).map(e => {
        const r = e.getBoundingClientRect();
        return [e.textContent.trim(), {left: r.left, right: r.right, width: r.width}]; })"""))


def _find(boxes: dict[str, dict[str, float]], start: str) -> dict[str, float]:
    found = [b for text, b in boxes.items() if text.startswith(start)]
    assert len(found) == 1, (start, sorted(boxes))
    return found[0]


def test_seed_timeline_in_order_offline(browser: Any, seed_timeline: Path) -> None:  # noqa: F811
    view = Timeline(browser, seed_timeline)
    assert not view.errors and not view.outside
    boxes = _boxes(view)
    assert len(boxes) == 5, sorted(boxes)
    signing, force = _find(boxes, "signing:"), _find(boxes, "entry into force:")
    suspension, statement = _find(boxes, "suspension: Russia"), _find(boxes, "statement:")
    assert signing["left"] < force["left"] < suspension["left"] < statement["left"]
    spans = view.js("""Array.from(document.querySelectorAll('.vis-item.vis-background.span'))
        .map(e => [e.getBoundingClientRect().left, e.getBoundingClientRect().width])""")
    assert len(spans) == 3  # the year 1990, the year 1992, the month 2007-12; no day
    (left90, year), _, (left07, month) = sorted(spans)
    assert year > 5 * month > 0  # a year spans more than a month
    assert left90 <= signing["left"] + 5 and left07 <= suspension["left"] + 5
    view.shot(SCREENSHOT)
    view.js("window.kgTimeline.show('actor')")
    groups = view.js("Array.from(document.querySelectorAll('.vis-label')).map(e => "
                     "e.textContent.trim())")
    assert "Russia" in groups and "Sergey Lavrov" in groups
    view.js("""window.kgTimeline.timeline.setSelection(
        [window.kgTimeline.items.find(i => i.kind === 'suspended').id]);
        window.kgTimeline.details(window.kgTimeline.items.find(i => i.kind === 'suspended'))""")
    panel = view.js("document.getElementById('panel').textContent")
    assert "2007-12 (month)" in panel and "No chances for reviving CFE treaty" in panel
    assert view.js("document.querySelector('#panel a').href").startswith("http://tass.com/")
    assert not view.errors

"""The timeline as a static picture (SVG or PNG) with matplotlib, for reports (private).

The items of :func:`kg.graph._timeline.timeline_items`, one row each, grouped by
treaty; a year or a month is a bar over the days it can mean, a day a dot. No pyplot
and no global state, and no date in the file: the same graph gives the same picture.
"""

from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING, Any

from kg.graph._timeline import timeline_items

if TYPE_CHECKING:
    import networkx as nx

#: The most items drawn (the earliest first); the title says how many there were.
MOST = 80


def timeline_picture(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The timeline of ``g`` drawn as ``svg`` or ``png``."""
    import matplotlib
    from matplotlib.figure import Figure

    found = timeline_items(g)
    items = sorted(found[:MOST], key=lambda i: (i["treaty"] == "", i["treaty"], i["start"]))
    rows = max(len(items), 1)
    with matplotlib.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "none",
                                "font.family": "DejaVu Sans", "font.size": 8.0}):
        fig = Figure(figsize=(14, 1.2 + 0.28 * rows), dpi=100)
        ax = fig.add_axes((0.2, 0.6 / (1.2 + 0.28 * rows), 0.78,
                           0.28 * rows / (1.2 + 0.28 * rows)))
        _draw(ax, items)
        shown = f"{len(items)} of {len(found)}" if len(found) > len(items) else f"{len(found)}"
        fig.suptitle(f"{g.graph.get('name', 'kg')}: timeline of {shown} dated facts"
                     .replace("entity graph", "graph"), fontsize=11, parse_math=False)
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=metadata)
    return buf.getvalue()


def _day(text: str) -> float:
    return float(datetime.date.fromisoformat(text).toordinal())


def _ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """Ticks on the first day of years (or of months, for a span under two years),
    about ten of them.

    >>> _ticks(_day("1990-01-01"), _day("2015-01-01"))[1][:3]
    ['1990', '1995', '2000']
    """
    first, last = datetime.date.fromordinal(int(lo)), datetime.date.fromordinal(int(hi))
    if last.year - first.year >= 2:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if (last.year - first.year) / s <= 12)
        years = range((first.year + step - 1) // step * step, last.year + 1, step)
        return [_day(f"{y}-01-01") for y in years], [str(y) for y in years]
    months = [(y, m) for y in range(first.year, last.year + 1) for m in range(1, 13)
              if (first.year, first.month) < (y, m) <= (last.year, last.month)]
    months = months[::max(1, len(months) // 10)]
    return [_day(f"{y}-{m:02d}-01") for y, m in months], [f"{y}-{m:02d}" for y, m in months]


def _draw(ax: Any, items: list[dict[str, Any]]) -> None:
    """One row per item, top to bottom; a bar for a span, a dot for a day; the group
    (treaty) named once at its first row, a line between groups."""
    if not items:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no dated facts", ha="center", va="center", transform=ax.transAxes)
        return
    starts = [_day(i["start"]) for i in items]
    ends = [_day(i["end"]) for i in items]
    lo, hi = min(starts), max(ends)
    pad = max((hi - lo) * 0.04, 60.0)
    labels, previous = [], None
    for row, (it, start, end) in enumerate(zip(items, starts, ends, strict=True)):
        y = len(items) - 1 - row
        if it["precision"] == "day":
            ax.plot([start], [y], "o", color=it["colour"], markeredgecolor="#333",
                    markersize=6)
        else:
            ax.barh(y, end - start, left=start, height=0.6, color=it["colour"], alpha=0.55,
                    edgecolor="#333", linewidth=0.6)
        ax.text(end + pad * 0.15, y, f"{it['content']} ({it['date']})", va="center",
                fontsize=7.5, parse_math=False, clip_on=False)
        group = it["treaty"] or "(no treaty)"
        labels.append(group if group != previous else "")
        if previous is not None and group != previous:
            ax.axhline(y + 0.5, color="#bbb", linewidth=0.6)
        previous = group
    ax.set_yticks(range(len(items)), [t[:48] for t in reversed(labels)])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, len(items) - 0.3)
    ax.set_xlim(lo - pad, hi + (hi - lo) * 0.6 + pad)
    ax.set_xticks(*_ticks(lo, hi))
    ax.grid(axis="x", color="#eee")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)

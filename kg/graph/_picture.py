"""A static picture (SVG or PNG) of the graph with matplotlib (private).

No pyplot and no global state: a :class:`matplotlib.figure.Figure` drawn on its own
canvas. The layout is networkx's spring layout with a fixed seed, rounded, so the
same graph gives the same picture.
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import TYPE_CHECKING, Any

from kg.graph._style import CLASS_COLOURS, EVENT_COLOUR, colour

if TYPE_CHECKING:
    import networkx as nx

_SEED = 7


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]²: a spring layout (fixed seed) of the linked nodes,
    unlinked ones in a row at the bottom, then overlaps pushed apart; rounded to 1e-3."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    isolated = [n for n in simple.nodes if simple.degree(n) == 0]
    core = simple.subgraph([n for n in simple.nodes if simple.degree(n) > 0])
    pos: dict[str, tuple[float, float]] = {}
    if len(core):
        k = 1.8 / math.sqrt(len(core))
        raw = nx.spring_layout(core, k=k, iterations=500, seed=_SEED)
        top = -0.75 if isolated else -1.0
        pos = _fill({n: (float(p[0]), float(p[1])) for n, p in raw.items()}, top)
    for i, n in enumerate(isolated):
        x = 0.0 if len(isolated) == 1 else -1 + 2 * i / (len(isolated) - 1)
        pos[n] = (x, -1.0)
    _separate(pos, 1.6 / math.sqrt(max(len(pos), 4)))
    return {n: (round(x, 3), round(y, 3)) for n, (x, y) in pos.items()}


def _fill(pos: dict[str, tuple[float, float]], bottom: float) -> dict[str, tuple[float, float]]:
    """Stretch x onto [-1, 1] and y onto [bottom, 1], so the picture uses its area."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]

    def scale(v: float, lo: float, hi: float, a: float) -> float:
        return (a + 1) / 2 if hi == lo else a + (1 - a) * (v - lo) / (hi - lo)

    return {n: (scale(x, min(xs), max(xs), -1.0), scale(y, min(ys), max(ys), bottom))
            for n, (x, y) in pos.items()}


def _separate(pos: dict[str, tuple[float, float]], gap: float, rounds: int = 60) -> None:
    """Push nodes closer than ``gap`` apart (labels sit under them: y counts double)."""
    names = sorted(pos)
    xy = [list(pos[n]) for n in names]
    for _ in range(rounds):
        moved = False
        for i in range(len(xy)):
            xi, yi = xy[i]
            for j in range(i + 1, len(xy)):
                dx, dy = xy[j][0] - xi, (xy[j][1] - yi) * 2
                d = math.hypot(dx, dy)
                if d >= gap:
                    continue
                if d == 0:
                    dx, dy, d = 1.0, 0.0, 1.0
                push = (gap - d) / 2 / d
                xy[i][0] -= dx * push
                xy[i][1] -= dy * push / 2
                xy[j][0] += dx * push
                xy[j][1] += dy * push / 2
                xi, yi = xy[i]
                moved = True
        if not moved:
            break
    for n, (x, y) in zip(names, xy, strict=True):
        pos[n] = (x, y)


def picture(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The graph drawn as ``svg`` or ``png``: entities coloured by class and sized by
    mentions, events as grey diamonds, two-entity facts labelled, a legend."""
    import matplotlib
    from matplotlib.figure import Figure

    pos = layout(g)
    n = max(len(g), 1)
    side = max(9.0, min(36.0, 2.6 * math.sqrt(n)))
    with matplotlib.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "none",
                                "font.family": "DejaVu Sans", "font.size": 8.0}):
        fig = Figure(figsize=(side, side * 0.72), dpi=100)
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.94))
        ax.set_axis_off()
        _draw(ax, g, pos)
        title = (f"{sum(1 for _, d in g.nodes(data=True) if d.get('category') == 'entity')} "
                 f"entities, {_facts(g)} facts")
        fig.suptitle(_wrap(f"{g.graph.get('name', 'kg')}: {title}", 200), fontsize=11,
                     y=0.985, parse_math=False)
        buf = io.BytesIO()
        # No date (SVG) and no software version (PNG): the same graph, the same bytes.
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=metadata)
    return buf.getvalue()


def _facts(g: nx.MultiDiGraph) -> int:
    return len({d.get("fact") for _, _, d in g.edges(data=True)})


def _size(d: dict[str, Any]) -> float:
    if d.get("category") == "event":
        return 90.0
    return 160.0 + 70.0 * min(int(d.get("mentions", 0) or 0), 12)


def _draw(ax: Any, g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]]) -> None:
    from matplotlib.lines import Line2D

    for u, v, d in g.edges(data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": "#777777", "lw": 0.8,
                                "shrinkA": math.sqrt(_size(g.nodes[u])) / 2 + 1,
                                "shrinkB": math.sqrt(_size(g.nodes[v])) / 2 + 1,
                                "mutation_scale": 8})
        if "->" in str(d.get("role", "")):
            ax.text((x1 + x2) / 2, (y1 + y2) / 2, _wrap(str(d.get("label", "")), 26),
                    parse_math=False, fontsize=6.5, color="#444444", ha="center",
                    va="center", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    for event in (True, False):
        items = [(nid, d) for nid, d in g.nodes(data=True)
                 if (d.get("category") == "event") == event]
        if not items:
            continue
        xs = [pos[nid][0] for nid, _ in items]
        ys = [pos[nid][1] for nid, _ in items]
        ax.scatter(xs, ys, s=[_size(d) for _, d in items], marker="D" if event else "o",
                   c=[colour(str(d.get("class", "")), str(d.get("category", "")))
                      for _, d in items],
                   edgecolors="#333333", linewidths=0.6, zorder=2)
    for nid, d in g.nodes(data=True):
        x, y = pos[nid]
        event = d.get("category") == "event"
        ax.text(x, y - 0.035 - math.sqrt(_size(d)) / 900, _wrap(str(d.get("label", "")), 22),
                parse_math=False, fontsize=6.5 if event else 7.5, ha="center", va="top",
                zorder=4,
                color="#555555" if event else "#111111",
                style="italic" if event else "normal")
    present = {str(d.get("class")) for _, d in g.nodes(data=True) if d.get("category") == "entity"}
    handles = [Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor=c,
                      markeredgecolor="#333333", label=cls)
               for cls, c in CLASS_COLOURS.items() if cls in present]
    if any(d.get("category") == "event" for _, d in g.nodes(data=True)):
        handles.append(Line2D([], [], marker="D", ls="", markersize=6,
                              markerfacecolor=EVENT_COLOUR, markeredgecolor="#333333",
                              label="event (fact)"))
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=7.5, frameon=True,
                  framealpha=0.9)
    ax.margins(0.12, 0.1)


def _wrap(text: str, width: int) -> str:
    """A label wrapped at ``width``, drawn as plain text: characters an SVG (XML) file
    cannot hold become U+FFFD (``$...$`` is not read as math: see ``parse_math``)."""
    from kg._xml import xml_safe

    text = xml_safe(text)
    return "\n".join(textwrap.wrap(text, width)) or text

"""Static pictures drawn by Graphviz when its programs are installed (private).

Graphviz lays out a large graph far better and faster than the matplotlib drawing
(sfdp with prism overlap removal renders the dev corpus readably in a tenth of a
second), but it is a system package, not a pip one: kg uses it when ``dot`` and
``sfdp`` are on the PATH and falls back to :func:`kg.graph._picture.picture` when
they are not or when they fail.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["LARGE", "drawer", "graphviz_picture"]

#: From this many nodes on, the force-directed ``sfdp`` draws the graph; below, ``dot``.
LARGE = 60
#: Seconds Graphviz may take before kg falls back to its own drawing.
TIMEOUT = 120


def _program(g: nx.MultiDiGraph) -> str:
    return "sfdp" if len(g) >= LARGE else "dot"


def drawer(g: nx.MultiDiGraph) -> str:
    """Who draws ``g`` as a picture: ``Graphviz sfdp`` or ``Graphviz dot`` (at its
    path) when installed, else ``matplotlib``."""
    path = shutil.which(_program(g))
    return f"Graphviz {_program(g)} ({path})" if path else "matplotlib"


def graphviz_picture(g: nx.MultiDiGraph, fmt: str) -> bytes | None:
    """``g`` drawn as ``svg`` or ``png`` by Graphviz from kg's DOT (:func:`kg.graph._dot.dot`,
    with what XML cannot hold replaced), or None when the program is missing, fails or
    takes longer than :data:`TIMEOUT`."""
    from kg._xml import xml_safe
    from kg.graph._dot import dot

    path = shutil.which(_program(g))
    if path is None:
        return None
    args = [path, f"-T{fmt}", "-Goverlap=prism", "-Gsplines=false"] if _program(g) == "sfdp" \
        else [path, f"-T{fmt}"]
    try:
        # Graphviz copies control characters into its SVG, which no XML parser then
        # reads: they become U+FFFD first, as in kg's other XML formats
        text = xml_safe(dot(g).decode("utf-8")).encode("utf-8")
        done = subprocess.run(args, input=text, capture_output=True, timeout=TIMEOUT,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None

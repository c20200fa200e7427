"""Graph formats by name, and rendering a projected graph in one (private)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg._errors import FormatError
from kg._formats import lookup_format

if TYPE_CHECKING:
    import networkx as nx


class GraphFormat(StrEnum):
    """A graph-view format kg writes, by its short name (also the file extension)."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"
    DOT = "dot"
    HTML = "html"
    SVG = "svg"
    PNG = "png"
    TIMELINE = "timeline"
    TIMELINE_SVG = "timeline-svg"
    TIMELINE_PNG = "timeline-png"

    @property
    def binary(self) -> bool:
        """True for PNG: bytes that must not go to a terminal as text."""
        return self in (GraphFormat.PNG, GraphFormat.TIMELINE_PNG)

    @property
    def extension(self) -> str:
        """The file extension: the name, but ``timeline.html`` for the timeline (a page)
        and ``timeline.svg``, ``timeline.png`` for its pictures.

        >>> GraphFormat.TIMELINE.extension, GraphFormat.TIMELINE_PNG.extension
        ('timeline.html', 'timeline.png')
        """
        if self is GraphFormat.TIMELINE:
            return "timeline.html"
        return self.value.replace("-", ".")

    @classmethod
    def from_name(cls, name: str) -> GraphFormat:
        """The format for a short name or extension (``graphml``, ``.gv``, ``cytoscape``).

        >>> GraphFormat.from_name("GraphML"), GraphFormat.from_name(".gv")
        (<GraphFormat.GRAPHML: 'graphml'>, <GraphFormat.DOT: 'dot'>)
        """
        return lookup_format(cls, name, _ALIASES, "graph")

    @classmethod
    def is_name(cls, name: str) -> bool:
        """True when ``name`` names a graph format."""
        try:
            cls.from_name(name)
        except FormatError:
            return False
        return True


_ALIASES = {"gv": "dot", "graphviz": "dot", "cytoscape": "cyjs", "cx": "cyjs", "htm": "html",
            "xgmml": "graphml"}


def render(g: nx.MultiDiGraph, fmt: GraphFormat | str, *, graphviz: bool = True) -> bytes:
    """``g`` (from :func:`kg.graph.project`) in ``fmt``, deterministic for the same graph
    (and, for SVG and PNG drawn by Graphviz when it is installed and ``graphviz`` is
    True, the same Graphviz; see :func:`picture_drawer`)."""
    fmt = fmt if isinstance(fmt, GraphFormat) else GraphFormat.from_name(fmt)
    if fmt is GraphFormat.GRAPHML:
        from kg.graph._xml import graphml

        return graphml(g)
    if fmt is GraphFormat.GEXF:
        from kg.graph._xml import gexf

        return gexf(g)
    if fmt is GraphFormat.CYJS:
        from kg.graph._cyjs import cyjs_bytes

        return cyjs_bytes(g)
    if fmt is GraphFormat.DOT:
        from kg.graph._dot import dot

        return dot(g)
    if fmt is GraphFormat.HTML:
        from kg.graph._html import html

        return html(g)
    if fmt is GraphFormat.TIMELINE:
        from kg.graph._timeline import timeline_html

        return timeline_html(g)
    if fmt in (GraphFormat.TIMELINE_SVG, GraphFormat.TIMELINE_PNG):
        from kg.graph._timeline_picture import timeline_picture

        return timeline_picture(g, fmt.value.split("-")[1])
    if graphviz:
        from kg.graph._graphviz import graphviz_picture

        drawn = graphviz_picture(g, fmt.value)
        if drawn is not None:
            return drawn
    from kg.graph._picture import picture

    return picture(g, fmt.value)


def picture_drawer(g: nx.MultiDiGraph) -> str:
    """Who draws ``g`` as SVG or PNG: ``Graphviz sfdp (PATH)`` (a large graph),
    ``Graphviz dot (PATH)``, or ``matplotlib`` when Graphviz is not installed."""
    from kg.graph._graphviz import drawer

    return drawer(g)


def export_graph(source: Any, fmt: GraphFormat | str,
                 out_path: str | os.PathLike[str] | None = None, *,
                 article: str | None = None, around: str | None = None,
                 depth: int = 1, graphviz: bool = True) -> bytes:
    """Project ``source`` (see :func:`kg.graph.project`), render it in ``fmt`` (see
    :func:`render`) and write it atomically to ``out_path`` if given; returns the bytes
    either way.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kg.pipeline import build
    >>> from kg.store import open_store
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = build(None, Path(d) / "store")
    ...     with open_store(Path(d) / "store", read_only=True) as store:
    ...         data = export_graph(store, "dot", Path(d) / "seed.dot", around="Lavrov")
    ...     data == (Path(d) / "seed.dot").read_bytes()
    True
    >>> data.startswith(b"digraph kg {")
    True
    """
    from kg._files import write_atomic
    from kg.graph._project import project

    fmt = fmt if isinstance(fmt, GraphFormat) else GraphFormat.from_name(fmt)
    g = project(source, article=article, around=around, depth=depth)
    data = render(g, fmt, graphviz=graphviz)
    if out_path is not None:
        write_atomic(Path(out_path), data)
    return data

"""GraphML and GEXF through networkx's writers, made deterministic, with what yEd and
Gephi read beyond the plain attributes (private)."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from kg._xml import xml_safe

if TYPE_CHECKING:
    import networkx as nx

_LASTMODIFIED = re.compile(rb'\s+lastmodifieddate="[^"]*"')


def _safe(value: object) -> object:
    return xml_safe(value) if isinstance(value, str) else value


def _plain(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose graph attributes are strings (both formats type them loosely) and
    whose text holds only characters XML allows (a name with a control character would
    otherwise make the file unreadable)."""
    import networkx as nx

    h = nx.MultiDiGraph()
    h.graph = {k: xml_safe(str(v)) for k, v in sorted(g.graph.items())}
    for n, d in g.nodes(data=True):
        h.add_node(xml_safe(n), **{k: _safe(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(k), **{a: _safe(b) for a, b in d.items()})
    return h


def graphml(g: nx.MultiDiGraph) -> bytes:
    """GraphML (yEd, Gephi, Cytoscape desktop): typed keys, the edge key as the edge
    id, and yEd's own keys beside the plain ones (yEd reads a label and a colour only
    from those; see :func:`kg.graph._desktop.with_yed_graphics`).

    Written by networkx's standard-library writer: ``nx.write_graphml`` switches to its
    lxml writer, which orders the keys otherwise, whenever lxml is installed (kg[web]
    brings it), and the same graph must give the same bytes.
    """
    import networkx as nx

    from kg.graph._desktop import with_yed_graphics

    h = _plain(g)
    buf = io.BytesIO()
    nx.write_graphml_xml(h, buf, encoding="utf-8", prettyprint=True,
                         named_key_ids=True, edge_id_from_attribute=None)
    return with_yed_graphics(buf.getvalue(), h)


def gexf(g: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (Gephi), dynamic when facts are dated: each dated fact spans the days
    its date can mean and each entity starts with its first dated fact (see
    :func:`kg.graph._desktop.timed`), so Gephi's timeline plays the graph over time;
    nodes carry their class's colour (``viz:color``). networkx stamps today's date in
    the metadata; it is removed so the same graph always gives the same bytes."""
    import networkx as nx

    from kg.graph._desktop import timed
    from kg.graph._style import colour

    h = _plain(g)
    for _, _, key, d in h.edges(keys=True, data=True):
        d["id"] = key  # GEXF edge ids: the stable keys, not a counter
    if timed(h):
        h.graph["mode"] = "dynamic"
    for _, d in h.nodes(data=True):
        rgb = colour(str(d.get("class", "")), str(d.get("category", "")))
        d["viz"] = {"color": {"r": int(rgb[1:3], 16), "g": int(rgb[3:5], 16),
                              "b": int(rgb[5:7], 16), "a": 1.0}}
    buf = io.BytesIO()
    nx.write_gexf(h, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    return _LASTMODIFIED.sub(b"", buf.getvalue(), count=1)

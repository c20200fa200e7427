"""GraphML and GEXF through networkx's writers, made deterministic (private)."""

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
    """GraphML (Gephi, yEd, Cytoscape desktop): typed keys, the edge key as the edge id.

    Written by networkx's standard-library writer: ``nx.write_graphml`` switches to its
    lxml writer, which orders the keys otherwise, whenever lxml is installed (kg[web]
    brings it), and the same graph must give the same bytes.
    """
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml_xml(_plain(g), buf, encoding="utf-8", prettyprint=True,
                     named_key_ids=True, edge_id_from_attribute=None)
    return buf.getvalue()


def gexf(g: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (Gephi). networkx stamps today's date in the metadata; it is removed so
    the same graph always gives the same bytes."""
    import networkx as nx

    h = _plain(g)
    for _, _, key, d in h.edges(keys=True, data=True):
        d["id"] = key  # GEXF edge ids: the stable keys, not a counter
    buf = io.BytesIO()
    nx.write_gexf(h, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    return _LASTMODIFIED.sub(b"", buf.getvalue(), count=1)

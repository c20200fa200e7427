"""The interactive view: one self-contained HTML file (private).

Cytoscape.js (vendored in ``assets/``, see ``assets/README.md``), the view's script and
style, and the graph as JSON are inlined; a Content-Security-Policy forbids every
network request, so the page works offline and loads nothing.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.graph._cyjs import cyjs
from kg.graph._project import KIND_LABELS
from kg.graph._style import CLASS_COLOURS, EVENT_COLOUR
from kg.graph._view_data import view_data

if TYPE_CHECKING:
    import networkx as nx

_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


#: The view's own scripts, in the order the page runs them (``assets/``): the data
#: expanded, the side panel, the clusters, then the view that uses them.
VIEW_SCRIPTS = ("view-data.js", "view-panel.js", "view-cluster.js", "view.js")

#: The Content-Security-Policy of the offline pages (the graph view and the timeline):
#: nothing is loaded, only their own inline script and style run.
OFFLINE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
               "img-src data:")


@cache
def asset(name: str) -> str:
    """A file of ``kg/graph/assets/`` as text."""
    return resources.files("kg.graph").joinpath("assets", name).read_text(encoding="utf-8")


def fill_page(template: str, title: str, css: str, scripts: dict[str, tuple[str, ...]],
              data: object) -> bytes:
    """The page ``template`` (an asset with ``@@KG_...@@`` placeholders) filled: its
    title escaped, :data:`OFFLINE_CSP`, the stylesheet asset ``css``, each placeholder
    of ``scripts`` with those script assets, one after the other, made safe to inline,
    ``data`` as safe JSON.

    >>> page = fill_page("timeline.html", "<t>", "timeline.css", {}, {})
    >>> b"<title>&lt;t&gt;</title>" in page and b"default-src 'none'" in page
    True
    """
    parts = {"@@KG_TITLE@@": html_lib.escape(title, quote=True), "@@KG_CSP@@": OFFLINE_CSP,
             "@@KG_CSS@@": asset(css).replace("</", "<\\/"),
             "@@KG_DATA@@": json_for_script(data),
             **{key: script_text("\n".join(asset(n) for n in names))
                for key, names in scripts.items()}}
    page = re.sub(r"@@KG_[A-Z]+@@", lambda m: parts.get(m.group(0), ""), asset(template))
    return page.encode("utf-8")


def json_for_script(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and
    U+2029 are written as ``\\uXXXX`` escapes, so no ``</script>`` or ``<!--`` can occur.

    >>> json_for_script({"name": "</script><b>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def script_text(code: str) -> str:
    """JavaScript made safe to inline: any ``</script`` becomes ``<\\/script``."""
    return _SCRIPT_END.sub(r"<\\/\1", code)


def html(g: nx.MultiDiGraph, title: str | None = None) -> bytes:
    """The self-contained interactive view of ``g``: layout, colour by class, legend,
    search, filters by fact kind and date, and a details panel with the evidence."""
    doc = cyjs(g)
    data = {"colours": CLASS_COLOURS, "eventColour": EVENT_COLOUR, "kindLabels": KIND_LABELS,
            "style": doc["style"], **view_data(doc["elements"])}
    name = title or str(g.graph.get("name", "kg"))
    if "around" in g.graph:
        centre = str(g.graph["around"])
        label = g.nodes[centre].get("label", centre) if centre in g else centre
        name += f" around {label} (depth {g.graph.get('depth', 1)})"
    return fill_page("view.html", name, "view.css", {
        "@@KG_CYTOSCAPE@@": ("cytoscape.min.js",), "@@KG_APP@@": VIEW_SCRIPTS}, data)

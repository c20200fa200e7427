"""Colours, sizes and shapes by class, shared by the DOT, HTML, Cytoscape, GraphML,
GEXF and picture writers (private)."""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any

#: Entity class -> fill colour (Okabe-Ito, readable by colour-blind people).
CLASS_COLOURS = {
    "Person": "#E69F00",
    "State": "#0072B2",
    "Bloc": "#56B4E9",
    "Organization": "#009E73",
    "Treaty": "#D55E00",
    "Place": "#F0E442",
    "Meeting": "#CC79A7",
    "WeaponSystem": "#8C6BB1",
}
#: The colour of event nodes (facts linking one or more than two entities).
EVENT_COLOUR = "#BBBBBB"
#: Classes whose colour is dark enough for white text.
DARK = {"State", "Organization", "Treaty", "WeaponSystem"}


def colour(cls: str, category: str) -> str:
    """The fill colour of a node of class ``cls`` (an entity) or of an event."""
    if category == "event":
        return EVENT_COLOUR
    return CLASS_COLOURS.get(cls, "#999999")


def node_size(category: str, facts: int) -> int:
    """The diameter of a node in the interactive views: an event's is fixed, an
    entity's grows with the logarithm of how many facts it is in, so that in a corpus
    an entity of 20 facts and one of 2,000 still differ.

    >>> node_size("event", 3), node_size("entity", 0), node_size("entity", 3)
    (16, 22, 36)
    >>> node_size("entity", 40), node_size("entity", 2000)
    (60, 82)
    """
    return 16 if category == "event" else min(round(22 + 7 * math.log2(1 + facts)), 82)


@functools.cache
def view_style() -> list[dict[str, Any]]:
    """The Cytoscape.js style of the HTML view and of the ``.cyjs`` export, one list of
    ``{"selector", "style"}`` rules (``assets/view-style.json``): nodes take their
    ``colour`` and ``size`` from their data.

    >>> view_style()[0]["style"]["background-color"]
    'data(colour)'
    """
    text = resources.files("kg.graph").joinpath("assets", "view-style.json").read_text("utf-8")
    rules: list[dict[str, Any]] = json.loads(text)
    return rules

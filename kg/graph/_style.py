"""Colours and shapes by class, shared by the DOT, HTML and picture writers (private)."""

from __future__ import annotations

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

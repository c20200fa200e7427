"""How far each rule's facts can be trusted: its precision on annotated real news,
shipped as ``kg/data/rule-confidence.tsv`` and remade by ``kg eval --by-rule --save``.

The confidence of a rule is its precision smoothed towards one half, (tp + 1) /
(tp + fp + 2): a rule seen once right is not taken as certain, and a rule never seen
on the annotated articles has 0.5.

>>> confidence("no.such.rule")
0.5
>>> smoothed(9, 1)
0.833
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["FILE", "confidence", "smoothed", "table"]

#: Where the table lives, in the package.
FILE = ("data", "rule-confidence.tsv")


def smoothed(tp: int, fp: int) -> float:
    """The rule's precision, smoothed: (tp + 1) / (tp + fp + 2), to three places."""
    return round((tp + 1) / (tp + fp + 2), 3)


@cache
def table() -> dict[str, float]:
    """Rule name -> confidence, from the shipped table (empty if there is none)."""
    path = resources.files("kg").joinpath(*FILE)
    if not path.is_file():
        return {}
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _tp, _fp, conf = line.split("\t")[:4]
        out[name] = float(conf)
    return out


def confidence(rule: str) -> float:
    """The confidence of a rule's facts."""
    return table().get(rule, 0.5)

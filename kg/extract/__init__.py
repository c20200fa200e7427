"""Extract facts from an article's text (rules over a reference base; no model needed).

>>> from kg.read import parse_article
>>> text = "published: 2014-11-18\\n\\nRussian Foreign Minister Sergey Lavrov said so on Tuesday."
>>> doc = extract(parse_article(text, "a"))
>>> [(f.kind, f.fields["position"]) for f in doc.facts if f.kind == "holds_position"]
[('holds_position', 'Minister of Foreign Affairs')]
"""

from kg.extract._confidence import FILE as CONFIDENCE_FILE
from kg.extract._confidence import smoothed
from kg.extract._pipeline import extract

__all__ = ["CONFIDENCE_FILE", "extract", "smoothed"]

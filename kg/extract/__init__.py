"""Extract facts from an article's text (rules over a reference base; no model needed).

>>> from kg.read import parse_article
>>> doc = extract(parse_article("published: 2014-11-18\\n\\nRussian Foreign Minister Sergey Lavrov said on Tuesday it was over.", "a"))
>>> [(f.kind, f.fields["position"]) for f in doc.facts if f.kind == "holds_position"]
[('holds_position', 'Minister of Foreign Affairs')]
"""

from kg.extract._pipeline import extract

__all__ = ["extract"]

"""Entity resolution across articles: which entities became one node, and near misses.

>>> from kg.resolve import normalise
>>> normalise("The North Atlantic Treaty Organization")
'north atlantic treaty organization'
"""

from kg.resolve._report import Node, ResolutionReport, normalise, resolution_report

__all__ = ["Node", "ResolutionReport", "normalise", "resolution_report"]

"""Entity-graph views of kg's RDF: GraphML, GEXF, Cytoscape JSON, DOT, HTML, SVG, PNG,
and the timeline of its dated facts.

One projection (:func:`project`) turns the article graphs into a
:class:`networkx.MultiDiGraph` of entities and facts; every format renders that graph
(:func:`render`), and :func:`export_graph` does both and writes a file atomically.

>>> GraphFormat.from_name("gexf")
<GraphFormat.GEXF: 'gexf'>
>>> GraphFormat.from_name("xml")
Traceback (most recent call last):
...
kg._errors.FormatError: unknown graph format 'xml' (known: graphml, gexf, ..., timeline-png)
"""

from kg.graph._formats import GraphFormat, export_graph, picture_drawer, render
from kg.graph._project import EDGE_ATTRS, ENTITY_CLASSES, NODE_ATTRS, project, resolve_entity

__all__ = ["EDGE_ATTRS", "ENTITY_CLASSES", "NODE_ATTRS", "GraphFormat", "export_graph",
           "picture_drawer", "project", "render", "resolve_entity"]

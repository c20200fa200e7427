"""What ``kg serve`` and ``kg publish`` share: linked data as pages and files.

The description of a resource (:func:`describe`), its HTML page and schema.org
JSON-LD (:func:`render_resource`, :func:`schema_org`, :class:`Linker`), the home and
class pages, RDF and SPARQL-results serialisation, the VoID and service description,
and the static assets (:data:`STATIC`: the stylesheet and the query page's script).
Pure functions over pyoxigraph terms; no HTTP server here.

>>> sorted(p.name for p in STATIC.glob("*.*") if p.suffix != ".md")
['query.js', 'style.css']
"""

from pathlib import Path

from kg.web._describe import RDF_TYPE, Description, describe, labels, resource_iris, split_fragment
from kg.web._html import ALTERNATES, CSP, SECURITY_HEADERS, Linker, render_resource, schema_org
from kg.web._pages import class_key, class_page, home_page, query_page
from kg.web._results import (
    RDF_MEDIA,
    RESULT_MEDIA,
    TooLarge,
    select_by_pyoxigraph,
    serialize_graph,
    serialize_solutions,
    take,
)
from kg.web._void import (
    DEFAULT_LICENSE,
    VOID_PREFIXES,
    Stats,
    service_description,
    stats,
    void_triples,
)

#: The folder of the static assets (``kg serve`` serves it as ``/static/``; ``kg publish``
#: copies the stylesheet).
STATIC = Path(__file__).with_name("static")

__all__ = [
    "ALTERNATES",
    "CSP",
    "DEFAULT_LICENSE",
    "RDF_MEDIA",
    "RDF_TYPE",
    "RESULT_MEDIA",
    "SECURITY_HEADERS",
    "STATIC",
    "VOID_PREFIXES",
    "Description",
    "Linker",
    "Stats",
    "TooLarge",
    "class_key",
    "class_page",
    "describe",
    "home_page",
    "labels",
    "query_page",
    "render_resource",
    "resource_iris",
    "schema_org",
    "select_by_pyoxigraph",
    "serialize_graph",
    "serialize_solutions",
    "service_description",
    "split_fragment",
    "stats",
    "take",
    "void_triples",
]

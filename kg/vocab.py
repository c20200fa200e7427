"""The vocabularies kg writes and reads: namespaces, the instance base, prefixes.

The one place that names them. The ontology's namespace (``kgo:``), its rules
(``kgr:``) and the shapes (``kgs:``) are fixed, whatever the instance base; the
instance base (``kg:``) is ``--base``, else ``$KG_BASE``, else :data:`DEFAULT_BASE`.
Plain strings only, so that importing this module loads no RDF library.

>>> prefixes("https://other.org/")["kgo"]
'https://kg.example.org/ontology#'
>>> prefixes("https://other.org/")["kg"]
'https://other.org/'
>>> check_base("ftp://x/")
Traceback (most recent call last):
...
kg._errors.InputError: the base IRI must be an http(s) IRI ending in '/' or '#': 'ftp://x/'
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from kg._errors import InputError

__all__ = [
    "CORPUS_GRAPHS",
    "DEFAULT_BASE",
    "ENTITIES_GRAPH",
    "EVENTS_GRAPH",
    "INDEX_GRAPH",
    "INDEX_ROWS",
    "KGO",
    "KGR",
    "KGS",
    "META_GRAPH",
    "NAMESPACES",
    "OA",
    "ONTOLOGY_IRI",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "XSD",
    "check_base",
    "default_base",
    "prefixes",
    "safe_http_iri",
]

#: The instance base used when none is given.
DEFAULT_BASE = "https://kg.example.org/"
#: The ontology's own IRI; its terms are ``ONTOLOGY_IRI#Name`` (:data:`KGO`).
ONTOLOGY_IRI = "https://kg.example.org/ontology"
#: The ontology namespace. Fixed: it does not follow the instance base.
KGO = ONTOLOGY_IRI + "#"
#: The extraction rules, one IRI each (``kgr:withdrew.verb``); fixed, as the ontology's.
KGR = ONTOLOGY_IRI + "/rule/"
#: The SHACL shapes (``shapes/kg-shapes.ttl``); fixed.
KGS = "https://kg.example.org/shapes#"
#: The graph of the store's metadata (the source hash of each article graph).
META_GRAPH = "urn:kg:meta"
#: The graph of the events that the facts of all articles report, one node per
#: real-world event (:mod:`kg.events`); kept by the build, in the union of the graphs.
EVENTS_GRAPH = "urn:kg:events"
#: The graph that describes each entity once (type, label, aliases, Wikidata link; also
#: posts, publishers and extraction rules), for every article that names it: the build
#: keeps it as articles come, change and go (:meth:`kg.store.Store.write_batch`).
ENTITIES_GRAPH = "urn:kg:entities"
#: The query index (:mod:`kg.index`): the rows of the competency queries, each with its
#: labels and sort keys, filed under the entities they are asked by; kept by the build.
#: Not exported, counted or pushed: it says nothing the other graphs do not.
INDEX_GRAPH = "urn:kg:index"
#: The metadata predicate that keeps what an article adds to the query index (JSON); in
#: the local store's metadata only.
INDEX_ROWS = "urn:kg:indexRows"
#: The graphs of a store that are not an article's.
CORPUS_GRAPHS = (META_GRAPH, EVENTS_GRAPH, ENTITIES_GRAPH, INDEX_GRAPH)

OA = "http://www.w3.org/ns/oa#"
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WD = "http://www.wikidata.org/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The prefixes of the data's namespaces, in the order exports list them (after ``kg:``).
NAMESPACES: dict[str, str] = {
    "kgo": KGO,
    "schema": SCHEMA,
    "prov": PROV,
    "oa": OA,
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "wd": WD,
}

_SAFE_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def default_base(base: str | None = None) -> str:
    """The instance base IRI: ``base``, else ``$KG_BASE``, else :data:`DEFAULT_BASE`.

    >>> default_base("https://x.org/")
    'https://x.org/'
    """
    return base or os.environ.get("KG_BASE") or DEFAULT_BASE


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes used in Turtle, TriG and JSON-LD output, in tables and pages:
    ``kg:`` for the instance base, the fixed namespaces (:data:`NAMESPACES`) for the rest."""
    return {"kg": base, **NAMESPACES}


@lru_cache(maxsize=4096)
def safe_http_iri(text: str) -> bool:
    """True when ``text`` is an http(s) IRI that every RDF syntax and parser accepts as it is.

    Beyond the characters Turtle forbids in an IRI, this refuses control and
    formatting characters (RFC 3987 bans bidirectional controls such as U+202E), and
    asks pyoxigraph's IRI parser, which refuses what the pattern lets through: a bad
    port, bad percent-encoding, a second ``#``.

    >>> safe_http_iri("http://tass.com/a?b=c#d"), safe_http_iri("http://x/%zz")
    (True, False)
    >>> safe_http_iri("http://x:abc/"), safe_http_iri("http://x/\\u202egnp.exe")
    (False, False)
    """
    if not _SAFE_URL.match(text) or any(unicodedata.category(c)[0] == "C" for c in text):
        return False
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def check_base(base: str, *, served: bool = False) -> str:
    """``base`` if it can be an instance base IRI, else :class:`kg.InputError`.

    A base is an http(s) IRI ending in ``/`` or ``#``; one that is ``served`` (by
    ``kg serve`` and ``kg publish``, which answer the IRIs under it as paths) ends in
    ``/`` and has no query or fragment.

    >>> check_base("https://kg.example.org/")
    'https://kg.example.org/'
    >>> check_base("https://x.org/data#", served=True)
    Traceback (most recent call last):
    ...
    kg._errors.InputError: --base must be an http(s) IRI ending in '/': 'https://x.org/data#'
    """
    if served:
        parts = urlsplit(base)
        if not safe_http_iri(base) or not base.endswith("/") or parts.query or parts.fragment:
            raise InputError(f"--base must be an http(s) IRI ending in '/': {base!r}")
    elif not safe_http_iri(base) or not base.endswith(("/", "#")):
        raise InputError(f"the base IRI must be an http(s) IRI ending in '/' or '#': {base!r}")
    return base

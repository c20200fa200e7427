"""``kg push``: upload every article graph to a SPARQL server.

Through the SPARQL 1.1 Graph Store HTTP Protocol (``PUT endpoint?graph=IRI`` with
the graph as N-Triples, which replaces the graph), or, with ``update=True``, through
SPARQL Update (``DROP SILENT GRAPH`` then ``INSERT DATA``, one request per graph).
Authentication comes from the environment: ``KG_PUSH_TOKEN`` (bearer), or
``KG_PUSH_USER`` and ``KG_PUSH_PASSWORD`` (basic).

>>> auth_header({"KG_PUSH_TOKEN": "t0k"})
'Bearer t0k'
>>> auth_header({"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "pw"})
'Basic a2c6cHc='
>>> auth_header({}) is None
True
"""

from kg.push._push import PushError, PushResult, auth_header, push

__all__ = ["PushError", "PushResult", "auth_header", "push"]

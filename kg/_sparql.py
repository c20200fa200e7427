"""Checks of SPARQL text shared by ``kg query`` and ``kg serve`` (private).

Both refuse SPARQL ``SERVICE`` (federated query) before a query runs, so that no
query makes kg connect anywhere, and tell an update from a query to say that they are
read-only.
"""

from __future__ import annotations

import re

__all__ = ["is_update", "mentions_service", "service_refusal"]

_STRIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def mentions_service(sparql: str) -> bool:
    """Whether a ``SERVICE`` shows outside strings, IRIs and comments (a regex's guess,
    for the error message; :func:`service_refusal` decides).

    >>> mentions_service('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
    True
    >>> mentions_service('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_STRIP.sub(" ", sparql)))


_LETTERS = re.compile(r"service", re.IGNORECASE)
_V_TO_W = str.maketrans("vV", "wW")


def service_refusal(sparql: str, refused: str = "SERVICE (federated query) is off"
                    ) -> str | None:
    """The error message if the SPARQL parser may read a ``SERVICE`` keyword, else None.

    A regex cannot tell an IRI from a ``<`` comparison (``FILTER(?a<?b)SERVICE#>``
    hides a SERVICE from :func:`mentions_service`), so a query with the letters
    "service" anywhere is parsed again with each of them changed to "serwice": that
    stays valid inside strings, IRIs, names and comments, and is a syntax error where
    SERVICE is the keyword. Parsed on an empty in-memory store: nothing is fetched.

    >>> service_refusal('SELECT ?service { ?s ?p "service" } # SERVICE') is None
    True
    >>> hidden = 'SELECT * { ?s ?p ?o FILTER(?s<?o)SERVICE#>\\n<http://x/> {?s ?p ?o} }'
    >>> mentions_service(hidden), service_refusal(hidden).startswith('SERVICE')
    (False, True)
    """
    if not _LETTERS.search(sparql):
        return None
    import pyoxigraph as ox

    changed = _LETTERS.sub(lambda m: m.group(0).translate(_V_TO_W), sparql)
    try:
        ox.Store().query(changed)  # an empty store; SELECT/CONSTRUCT are not even run
    except Exception as exc:  # a syntax error, or anything odd: refuse
        if mentions_service(sparql):
            return refused
        return f"{refused}; or a SPARQL syntax error: {' '.join(str(exc).split())}"
    return None


_UPDATE = re.compile(r"\s*(?:(?:PREFIX\s*[^\s:]*:|BASE)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                     re.IGNORECASE)


def is_update(sparql: str) -> bool:
    """Whether the text looks like a SPARQL Update (its first keyword after the
    prologue); it only chooses the error message: an update is never run, nor parsed.

    >>> is_update('PREFIX ex: <http://ex/> # note\\n DROP ALL')
    True
    >>> is_update('SELECT * { ?s ?p ?o }'), is_update('')
    (False, False)
    """
    return bool(_UPDATE.match(_STRIP.sub(" ", sparql)))

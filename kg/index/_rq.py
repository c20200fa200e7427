"""The SPARQL of an indexed query, written from its layout (private; see
:mod:`kg.index`).

The shipped ``.rq`` files of the indexed queries are their header comments followed by
:func:`query_body`; ``python -m kg.index`` writes them again after a layout changes,
and a test checks that they are current.
"""

from __future__ import annotations

import textwrap

from kg.index._index import filed_under
from kg.index._layouts import Layout
from kg.index._row import row_sparql
from kg.vocab import KGO, XSD

__all__ = ["query_body"]

_BODY = """\
PREFIX kgo: <{kgo}>
PREFIX xsd: <{xsd}>

SELECT {select}
WHERE {{
  {{
    SELECT DISTINCT ?n
    WHERE {{
      GRAPH <urn:kg:index> {{
        # kg:params
        VALUES ?key {{ <urn:kg:key:{query}:all> }}  # kg:key {keys}
        {filed}
      }}
      # kg:range
      # kg:check
      GRAPH <urn:kg:index> {{ ?r kgo:indexRank ?n ; kgo:indexRow ?row . }}
      FILTER (!BOUND(?from) || {hi} >= STR(?from))
      FILTER (!BOUND(?to) || {lo} <= STR(?to))
{tokens}
      # kg:check end
    }}
    ORDER BY ?n
    # kg:page
  }}
  GRAPH <urn:kg:index> {{ ?r kgo:indexRank ?n ; kgo:indexRow ?row . }}
{ends}
{fields}
}}
ORDER BY ?n
"""


def query_body(layout: Layout) -> str:
    """The query of ``layout`` after its header comments.

    The inner query picks the numbers of the rows asked for and sorts them: those
    under the key of the first pair of key parameters given, else of the first key
    parameter given (``# kg:key``: ``a,b`` is a pair, ``+`` marks a key whose rows
    sort by date first, ``*`` stands for ``all``), within the date range
    for such a key (``# kg:range``), and only when it has to, reading each row to check
    its dates and tokens (``# kg:check`` ... ``end``: :func:`kg.query.bind` leaves it
    out when the key and the range are the whole question). The outer query reads the
    rows of the page and cuts out their fields.

    >>> from kg.index import LAYOUTS
    >>> "# kg:key person,of+ person+ of *" in query_body(LAYOUTS["positions"])
    True
    """
    sparql = row_sparql(layout)
    keys = [*layout.key_names(), "*" + ("+" if layout.dated(None) else "")]
    tokens = "\n".join(f'FILTER (!BOUND(?{p}) || CONTAINS({sparql["tokens"]},\n'
                       f'                               CONCAT(" {p}=", STR(?{p}), " ")))'
                       for p, _ in layout.tokens)
    select = textwrap.fill(" ".join(f"?{f}" for f in layout.fields), 88 - 7,
                           subsequent_indent="       ")
    return _BODY.format(kgo=KGO, xsd=XSD, select=select, query=layout.query, keys=" ".join(keys),
                        filed=filed_under("?key", "?n"),
                        hi=sparql["hi"], lo=sparql["lo"],
                        tokens=textwrap.indent(tokens, " " * 6),
                        ends="\n".join("  " + line for line in sparql["ends"]),
                        fields="\n".join("  " + line for line in sparql["fields"]))

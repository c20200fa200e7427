"""Checks of SPARQL text shared by ``kg query`` and ``kg serve`` (private).

Both refuse SPARQL ``SERVICE`` (federated query) before a query runs, so that no
query makes kg connect anywhere, and tell an update from a query to say that they are
read-only.
"""

from __future__ import annotations

import re

__all__ = ["UPDATE_REFUSED", "is_update", "mentions_service", "query_form", "service_refusal",
           "syntax_message"]

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


#: Why an update is refused, in ``kg query`` and ``kg serve`` alike.
UPDATE_REFUSED = ("SPARQL Update is refused: kg query and kg serve are read-only "
                  "(kg build writes the store)")
_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PROLOGUE = re.compile(r"(?:\s|#[^\n]*\n?)*(?:(?:PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)"
                       r"(?:\s|#[^\n]*\n?)*)*", re.IGNORECASE)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_PREFIXED = re.compile(r"(?<![\w?$<:.-])([A-Za-z][\w.-]*)?:(?=[\w%\\(.-]|\s|$)")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)+)"')
_KEYWORD = re.compile(r"\b([A-Za-z][A-Za-z_]+)\b")


def query_form(sparql: str) -> str | None:
    """The query form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) the text starts
    with after its prologue, or None.

    >>> query_form("PREFIX x: <http://x/> # a comment\\n select * { ?s ?p ?o }")
    'SELECT'
    """
    start = _PROLOGUE.match(sparql)
    word = re.match(r"[A-Za-z]+", sparql[start.end() if start else 0:])
    form = word.group(0).upper() if word else None
    return form if form in _FORMS else None


def syntax_message(sparql: str, error: BaseException) -> str:
    """A SPARQL parse error in words, with its line and column.

    pyoxigraph's parser says what it expected, in grammar terms (character ranges
    included); this says what is wrong: an update where a query was wanted, a query
    that does not start with a query form, an undeclared prefix, an IRI that is not
    one, a string or a bracket left open, or else the tokens that may come where the
    parser stopped.

    >>> syntax_message("SELEC ?x", SyntaxError("error at 1:9: expected one of DESCRIBE"))
    "SPARQL syntax error at line 1, column 1: a query starts with SELECT, ASK, \
CONSTRUCT or DESCRIBE (after PREFIX and BASE), not 'SELEC'"
    >>> syntax_message("SELECT * { ?s x:p ?o }", SyntaxError("error at 1:18: expected one of x"))
    "SPARQL syntax error at line 1, column 15: the prefix 'x:' is not declared \
(add PREFIX x: <...> before the query)"
    """
    if is_update(sparql):
        return UPDATE_REFUSED
    text = " ".join(str(error).split())
    found = _AT.match(text)
    if found is None:
        return f"SPARQL syntax error: {text[:200]}"
    offset = _offset(sparql, int(found.group(1)), int(found.group(2)))
    expected = found.group(3)
    start = _PROLOGUE.match(sparql)
    head = start.end() if start else 0
    if query_form(sparql) is None:
        bad = sparql[head:].split(None, 1)[0][:30] if sparql[head:].strip() else ""
        what = f"not {bad!r}" if bad else "and this one has none"
        return _at(sparql, head, "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
                                 f"(after PREFIX and BASE), {what}")
    if "IRI parsing failed" in expected:
        lt = sparql.rfind("<", 0, offset)
        iri = sparql[lt:offset].strip()[:60] if lt >= 0 else ""
        return _at(sparql, max(lt, 0), f"{iri!r} is not a valid IRI")
    plain = _STRIP.sub(lambda m: " " * len(m.group(0)), sparql)
    found_more = _undeclared(sparql, plain) or _unclosed(sparql, plain)
    if found_more:
        return found_more
    tokens = _expected(expected)
    if not sparql[offset:].strip():
        return _at(sparql, offset, "at the end of the query"
                   + (f": expected {tokens}" if tokens else ": the query is not complete"))
    near = sparql[offset:].split(None, 1)[0][:30]
    return _at(sparql, offset, f"unexpected {near!r}" + (f"; expected {tokens}" if tokens
                                                          else ""))


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column (clamped to the text)."""
    lines = text.split("\n")
    if line < 1 or line > len(lines):
        return len(text)
    return min(sum(len(x) + 1 for x in lines[:line - 1]) + max(column - 1, 0), len(text))


def _at(text: str, offset: int, message: str) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"SPARQL syntax error at line {line}, column {column}: {message}"


def _undeclared(sparql: str, plain: str) -> str | None:
    """The first prefixed name whose prefix no PREFIX declares (``plain`` is the query
    with its strings, IRIs and comments blanked out)."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(plain)}
    for m in _PREFIXED.finditer(plain):
        if (m.group(1) or "") not in declared:
            name = (m.group(1) or "") + ":"
            return _at(sparql, m.start(), f"the prefix {name!r} is not declared "
                                          f"(add PREFIX {name} <...> before the query)")
    return None


def _unclosed(sparql: str, plain: str) -> str | None:
    """A string left open, or a bracket closed that was not open or left open."""
    for m in re.finditer(r"[\"']", plain):
        return _at(sparql, m.start(), "this string is not closed")
    open_at: list[tuple[str, int]] = []
    for m in re.finditer(r"[{}()]", plain):
        c = m.group(0)
        if c in "{(":
            open_at.append((c, m.start()))
        elif not open_at:
            return _at(sparql, m.start(), f"this {c!r} closes nothing that is open")
        elif open_at[-1][0] != "{("["})".index(c)]:
            return _at(sparql, open_at[-1][1], f"this {open_at[-1][0]!r} is not closed")
        else:
            open_at.pop()
    if open_at:
        c, where = open_at[-1]
        return _at(sparql, where, f"this {c!r} is not closed")
    return None


def _expected(expected: str) -> str:
    """The tokens and keywords of pyoxigraph's 'expected one of ...', without its
    character classes (a name or a number is said so)."""
    classes = re.findall(r"\[[^\]]*\]", expected)
    rest = re.sub(r"\[[^\]]*\]", " ", expected.removeprefix("one of "))
    items = [f'"{t}"' for t in _QUOTED.findall(rest)]
    items += [k for k in _KEYWORD.findall(_QUOTED.sub(" ", rest)) if k.isupper()]
    if any("'A'" in c or "'a'" in c for c in classes):
        items.append("a name")
    elif any("'0'" in c for c in classes):
        items.append("a number")
    items = list(dict.fromkeys(items))
    if len(items) > 10:
        items = [*items[:10], "..."]
    return ("one of " if len(items) > 1 else "") + ", ".join(items)

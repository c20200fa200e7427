"""The IRI rules, slugs, fact keys and date bounds, as plain strings (private).

One definition of each rule, used by both mappers (:mod:`kg.map._to_rdf` for rdflib,
:mod:`kg.map._to_nt` for N-Triples lines); the public functions of :mod:`kg.map` wrap
them in rdflib terms.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import unicodedata
from decimal import Decimal
from typing import Any

from kg.facts import FACT_KINDS, Entity
from kg.map._names import ENTITY_SLUG, XSD
from kg.vocab import DEFAULT_BASE, check_base

MAX_SLUG = 80
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _hash(text: str, n: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def _ascii(c: str) -> str:
    """ASCII as is; accents and other scripts' letters dropped; other marks a space."""
    if c.isascii():
        return c
    return "" if unicodedata.category(c)[0] in "LMN" else " "


def slug(text: str, max_len: int = MAX_SLUG) -> str:
    """A readable, IRI-safe slug: ASCII, lower case, words joined by hyphens, never empty.

    >>> slug("Sergéy  LAVROV"), slug('"}<>'), slug("x" * 200)[-11:]
    ('sergey-lavrov', 'x-757ae05cf3', '-aa20c23e32')
    """
    ascii_ = "".join(_ascii(c) for c in unicodedata.normalize("NFKD", text))
    s = _NON_ALNUM.sub("-", ascii_.casefold()).strip("-")
    key = " ".join(text.casefold().split())
    if not s:
        return "x-" + _hash(key)
    if len(s) > max_len:
        s = s[: max_len - 11].rstrip("-") + "-" + _hash(key)
    return s


def short_hash(text: str, n: int = 10) -> str:
    """The first ``n`` hex digits of the SHA-256 of ``text`` (what IRIs and keys carry).

    >>> short_hash("a1", 6)
    'f55ff1'
    """
    return _hash(text, n)


def article_slug(article_id: str) -> str:
    """The IRI segment of an article id (``{base}article/{slug}``).

    >>> article_slug("00-tass-cfe"), article_slug("a b")[:4]
    ('00-tass-cfe', 'a-b-')
    """
    return _id_slug(article_id)


def _id_slug(article_id: str) -> str:
    """Article ids are kept as they are when safe, else slugged with a hash (injective)."""
    if _SAFE_ID.match(article_id):
        return article_id
    return slug(article_id, 60) + "-" + _hash(article_id, 8)


def article_ref(article_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of an article (and of its named graph), a string.

    >>> article_ref("00-tass-cfe")
    'https://kg.example.org/article/00-tass-cfe'
    """
    return f"{check_base(base)}article/{_id_slug(article_id)}"


def entity_ref(entity: Entity, base: str = DEFAULT_BASE) -> str:
    """The IRI of an entity, a string: ``{base}id/{class}/{name-slug}``."""
    return f"{check_base(base)}id/{ENTITY_SLUG[entity.type]}/{slug(entity.name)}"


def position_ref(title: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of a post, a string (``{base}id/position/...``)."""
    return f"{check_base(base)}id/position/{slug(title)}"


def publisher_ref(name: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of a news source, a string (``{base}id/publisher/...``)."""
    return f"{check_base(base)}id/publisher/{slug(name)}"


def fact_key(kind: str, fields: dict[str, Any], iris: dict[str, str]) -> str:
    """The stable hash of a fact: its kind and field values, entity ids as entity IRIs."""
    def norm(v: Any) -> Any:
        if isinstance(v, str) and v in iris:
            return iris[v]
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, dict):
            return {k: norm(x) for k, x in sorted(v.items())}
        return v

    specs = [s for s in FACT_KINDS[kind] if fields.get(s.name) not in (None, [], "")]
    canon: dict[str, Any] = {}
    for s in specs:
        v = fields[s.name]
        canon[s.name] = v if s.type in ("text", "texts", "date", "int", "form") else norm(v)
    return _hash(json.dumps([kind, canon], sort_keys=True, ensure_ascii=False), 12)


def list_cell(graph: str, owner: str, prop: str, index: int) -> str:
    """The label of the blank node of cell ``index`` of the rdf:List that ``owner`` holds
    by ``prop``, in the graph ``graph``: unique per graph (64 bits of its IRI's hash), so
    the cells of two article graphs never share a label.

    >>> list_cell("https://x.org/article/a1", "https://x.org/id/state/russia", "urn:p", 2)
    'l573e611d49375b7e5c675e5cn2'
    """
    return f"l{_hash(graph, 16)}{_hash(f'{owner}|{prop}', 8)}n{index}"


def date_bounds(value: str) -> tuple[str, str]:
    """The earliest and latest day an ISO date at its precision can mean.

    >>> date_bounds("1990"), date_bounds("2008-02"), date_bounds("2014-11-18")
    (('1990-01-01', '1990-12-31'), ('2008-02-01', '2008-02-29'), ('2014-11-18', '2014-11-18'))
    """
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        days = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
        return f"{value}-01", f"{value}-{days:02d}"
    return value, value


def date_type(value: str) -> str:
    """The datatype of an ISO date at its precision: xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> date_type("2007-12").rsplit("#")[1]
    'gYearMonth'
    """
    return {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)


def decimal_lexical(value: float) -> str:
    """A confidence as the lexical form of an xsd:decimal, to three places, no trailing 0s.

    >>> decimal_lexical(0.8504), decimal_lexical(1.0), decimal_lexical(0.0)
    ('0.85', '1', '0')
    """
    return format(Decimal(f"{value:.3f}").normalize(), "f")

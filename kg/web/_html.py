"""HTML pages of resources, shared by ``kg serve`` and ``kg publish`` (private).

Everything from the graph is escaped; links are made only to internal pages and
to ``http(s)`` IRIs; pages load no script of their own except the query page, and
are sent with :data:`CSP`. JSON-LD for search engines is embedded as a data block
with ``<``, ``>`` and ``&`` escaped, so a literal cannot close the script element.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from kg import vocab
from kg.vocab import KGO
from kg.web._describe import RDF_TYPE, Description

__all__ = ["ALTERNATES", "CSP", "SECURITY_HEADERS", "Linker", "json_script", "page",
           "render_resource", "schema_org", "short_name"]

#: The Content-Security-Policy of every HTML page kg sends or writes.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}

OWL_SAME_AS = vocab.OWL + "sameAs"
RDF_FIRST = vocab.RDF + "first"
RDF_REST = vocab.RDF + "rest"
RDF_NIL = vocab.RDF + "nil"
RDFS_COMMENT = vocab.RDFS + "comment"
OA = vocab.OA
WD = vocab.WD
XSD_STRING = vocab.XSD + "string"

_SCHEMA_TYPES = {
    "Person": "Person", "State": "Country", "Bloc": "Organization",
    "Organization": "Organization", "Treaty": "Legislation", "Place": "Place",
    "Meeting": "Event", "WeaponSystem": "Product", "Position": "Role",
}


@dataclass
class Linker:
    """How a page links: ``href(iri)`` gives the link of an internal IRI or None;
    ``asset(name)`` the link of a static file; ``home`` the front page."""

    href: Callable[[str], str | None]
    asset: Callable[[str], str]
    home: str
    prefixes: dict[str, str] = field(default_factory=dict)
    nav: list[tuple[str, str]] = field(default_factory=list)


def short_name(iri: str, prefixes: dict[str, str]) -> str:
    """``kgo:holder`` for a known namespace, else the IRI."""
    best = ""
    name = ""
    for p, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, p
    return f"{name}:{iri[len(best):]}" if best else iri


def json_script(data: Any) -> str:
    """``data`` as JSON safe inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(title: str, body: str, linker: Linker, *, jsonld: Any = None,
         head: str = "", scripts: Iterable[str] = ()) -> str:
    """A whole HTML document around ``body`` (already escaped HTML)."""
    parts = ["<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
             f"<title>{escape(title)}</title>\n",
             f'<link rel="stylesheet" href="{escape(linker.asset("style.css"))}">\n', head]
    if jsonld is not None:
        parts.append(f'<script type="application/ld+json">\n{json_script(jsonld)}\n</script>\n')
    for src in scripts:
        parts.append(f'<script src="{escape(src)}" defer></script>\n')
    nav = "".join(f' · <a href="{escape(h)}">{escape(t)}</a>' for t, h in linker.nav)
    parts.append(f'</head>\n<body>\n<nav><a href="{escape(linker.home)}">kg</a>{nav}</nav>\n'
                 f"<main>\n{body}\n</main>\n</body>\n</html>\n")
    return "".join(parts)


class _Renderer:
    def __init__(self, desc: Description, linker: Linker) -> None:
        self.desc = desc
        self.linker = linker
        self.by_subject: dict[str, list[Any]] = {}
        for t in desc.out:
            self.by_subject.setdefault(str(t.subject), []).append(t)

    def name(self, iri: str) -> str:
        return self.desc.label(iri) or short_name(iri, self.linker.prefixes)

    def iri(self, iri: str, text: str | None = None) -> str:
        shown = escape(text if text is not None else self.name(iri))
        href = self.linker.href(iri)
        if href is not None:
            return f'<a href="{escape(href)}">{shown}</a>'
        if iri.startswith(("http://", "https://")):
            return f'<a class="ext" href="{escape(iri)}" rel="nofollow noopener">{shown}</a>'
        return f"<span class=\"iri\">{shown}</span>"

    def term(self, term: Any, depth: int = 0) -> str:
        kind = type(term).__name__
        if kind == "NamedNode":
            return self.iri(term.value)
        if kind == "Literal":
            text = f'<span class="lit">{escape(term.value)}</span>'
            if term.language:
                return f'<span lang="{escape(term.language)}">{text}</span>'
            if term.datatype.value != XSD_STRING:
                dt = escape(short_name(term.datatype.value, self.linker.prefixes))
                return f'{text} <small class="dt">{dt}</small>'
            return text
        if kind == "BlankNode" and depth < 4:
            items = self.list_items(str(term))
            if items is not None:
                return "<ol class=\"list\">" + "".join(
                    f"<li>{self.term(i, depth + 1)}</li>" for i in items) + "</ol>"
            rows = self.by_subject.get(str(term), [])
            return self.table(rows, depth + 1)
        return escape(str(term))

    def list_items(self, node: str) -> list[Any] | None:
        items: list[Any] = []
        for _ in range(10_000):
            rows = self.by_subject.get(node, [])
            first = [t.object for t in rows if t.predicate.value == RDF_FIRST]
            rest = [t.object for t in rows if t.predicate.value == RDF_REST]
            if not first or not rest:
                return None
            items.append(first[0])
            if getattr(rest[0], "value", None) == RDF_NIL:
                return items
            node = str(rest[0])
        return None

    def table(self, rows: list[Any], depth: int = 0) -> str:
        grouped: dict[str, list[Any]] = {}
        for t in rows:
            grouped.setdefault(t.predicate.value, []).append(t.object)
        out = ['<table class="props"><tbody>']
        for prop in sorted(grouped, key=lambda p: (p != RDF_TYPE, short_name(
                p, self.linker.prefixes))):
            values = "<br>".join(self.term(v, depth) for v in grouped[prop])
            out.append(f"<tr><th>{self.iri(prop, short_name(prop, self.linker.prefixes))}</th>"
                       f"<td>{values}</td></tr>")
        out.append("</tbody></table>")
        return "".join(out)

    def evidence(self) -> str:
        quotes = []
        for ev in self.desc.objects(self.desc.iri, KGO + "evidence"):
            for exact in self.desc.objects(_v(ev), OA + "exact"):
                quotes.append(f'<blockquote class="evidence">{escape(_v(exact))}</blockquote>')
            for src in self.desc.objects(_v(ev), OA + "hasSource"):
                quotes.append(f"<p>Source: {self.term(src)}</p>")
        if not quotes:
            return ""
        return "<section><h2>Evidence</h2>" + "".join(quotes) + "</section>"

    def render(self) -> str:
        iri = self.desc.iri
        title = title_of(self.desc, self.linker.prefixes)
        types = self.desc.objects(iri, RDF_TYPE)
        wikidata = [_v(o) for o in self.desc.objects(iri, OWL_SAME_AS) if _v(o).startswith(WD)]
        comments = self.desc.objects(iri, RDFS_COMMENT)
        parts = [f"<h1>{escape(title)}</h1>", f'<p class="iri"><code>{escape(iri)}</code></p>']
        if types:
            parts.append("<p>Type: " + ", ".join(self.term(t) for t in types) + "</p>")
        if wikidata:
            parts.append("<p>Wikidata: " + ", ".join(
                f'<a class="ext" href="https://www.wikidata.org/wiki/{escape(w[len(WD):])}" '
                f'rel="nofollow noopener">{escape(w[len(WD):])}</a>' for w in wikidata) + "</p>")
        for c in comments:
            parts.append(f'<p class="comment">{escape(_v(c))}</p>')
        parts.append(self.evidence())
        own = self.by_subject.get(f"<{iri}>", [])
        if own:
            parts.append("<section><h2>Statements</h2>" + self.table(own) + "</section>")
        for subject, rows in self.by_subject.items():
            if subject.startswith(f"<{iri}#"):
                frag = subject[len(iri) + 2:-1]
                parts.append(f'<section id="{escape(frag)}"><h3>#{escape(frag)}</h3>'
                             + self.table(rows) + "</section>")
        if self.desc.inc:
            parts.append("<section><h2>Statements about it</h2><table class=\"inc\"><tbody>")
            for t in self.desc.inc:
                p = t.predicate.value
                parts.append(f"<tr><td>{self.term(t.subject)}</td><th>"
                             f"{self.iri(p, short_name(p, self.linker.prefixes))}</th>"
                             "<td>this</td></tr>")
            parts.append("</tbody></table></section>")
        return "\n".join(p for p in parts if p)


def _v(term: Any) -> str:
    return str(getattr(term, "value", term))


def title_of(desc: Description, prefixes: dict[str, str]) -> str:
    """The label, else ``Type date`` for a fact, else the short IRI."""
    label = desc.label(desc.iri)
    if label:
        return label
    types = [_v(t) for t in desc.objects(desc.iri, RDF_TYPE)]
    dates = [_v(d) for d in desc.objects(desc.iri, KGO + "date")]
    if types:
        name = short_name(types[0], prefixes).split(":", 1)[-1]
        return f"{name} {dates[0]}" if dates else name
    return short_name(desc.iri, prefixes)


#: The RDF a resource is also offered as, beside its page: (name, suffix, media type).
ALTERNATES = [("Turtle", ".ttl", "text/turtle"), ("JSON-LD", ".jsonld", "application/ld+json"),
              ("N-Triples", ".nt", "application/n-triples"),
              ("RDF/XML", ".rdf", "application/rdf+xml")]


def render_resource(desc: Description, linker: Linker, *,
                    alternates: dict[str, str] | None = None, jsonld: Any = None) -> str:
    """The HTML page of a described resource; ``alternates`` maps format names to links."""
    r = _Renderer(desc, linker)
    body = r.render()
    head = ""
    if alternates:
        types = {name: media for name, _, media in ALTERNATES}
        body += "\n<p class=\"alt\">Also as " + ", ".join(
            f'<a href="{escape(h)}" type="{escape(types.get(n, ""))}">{escape(n)}</a>'
            for n, h in alternates.items()) + "</p>"
        head = "".join(f'<link rel="alternate" type="{escape(types.get(n, ""))}" '
                       f'href="{escape(h)}">\n' for n, h in alternates.items())
    title = title_of(desc, linker.prefixes)
    return page(title, body, linker, jsonld=jsonld, head=head)


def schema_org(desc: Description) -> dict[str, Any]:
    """A schema.org JSON-LD summary of the resource, for search engines."""
    iri = desc.iri
    types = [_v(t) for t in desc.objects(iri, RDF_TYPE)]
    stype = "Thing"
    for t in types:
        if t == vocab.SCHEMA + "NewsArticle":
            stype = "NewsArticle"
        elif t.startswith(KGO):
            stype = _SCHEMA_TYPES.get(t[len(KGO):], "Claim" if stype == "Thing" else stype)
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": stype, "@id": iri,
                            "url": iri}
    name = desc.label(iri)
    if name:
        data["headline" if stype == "NewsArticle" else "name"] = name
    same = [_v(o) for o in desc.objects(iri, OWL_SAME_AS)]
    if same:
        data["sameAs"] = same
    for prop in ("datePublished", "url"):
        values = desc.objects(iri, vocab.SCHEMA + prop)
        if values:
            data["mainEntityOfPage" if prop == "url" else prop] = _v(values[0])
    quotes = [_v(e) for ev in desc.objects(iri, KGO + "evidence")
              for e in desc.objects(_v(ev), OA + "exact")]
    if quotes:
        data["text"] = quotes[0]
    return data

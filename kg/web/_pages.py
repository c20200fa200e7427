"""Front page, class indexes, the ontology page and the query page (private; shared by
serve and publish)."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from kg.web._html import Linker, json_script, page, short_name
from kg.web._void import Stats

__all__ = ["class_key", "class_page", "home_page", "query_page"]


def class_key(cls: str, prefixes: dict[str, str]) -> str:
    """A file- and URL-safe name of a class: ``kgo-State``."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", short_name(cls, prefixes)).strip("-") or "class"


def home_page(st: Stats, linker: Linker, class_href: dict[str, str],
              extra: list[tuple[str, str]]) -> str:
    """The front page: counts, the classes with their index pages, other links."""
    rows = "".join(
        f'<tr><td><a href="{escape(class_href[c])}">{escape(short_name(c, linker.prefixes))}'
        f"</a></td><td>{n}</td></tr>" for c, n in st.classes.items() if c in class_href)
    links = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in extra)
    body = (f"<h1>kg: a knowledge graph of arms-control news</h1>"
            f"<p>{len(st.graphs)} articles, {st.entities} entities, {st.facts} facts, "
            f"{st.triples} triples.</p><ul>{links}</ul>"
            f'<h2>Classes</h2><table class="props"><thead><tr><th>class</th><th>members</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>")
    return page("kg", body, linker)


def class_page(cls: str, members: list[str], labels: dict[str, str], linker: Linker,
               limit: int = 5000) -> str:
    """The index page of one class: its members, linked, by label."""
    name = short_name(cls, linker.prefixes)
    items = []
    for iri in sorted(members, key=lambda i: ((labels.get(i) or i).lower(), i))[:limit]:
        href = linker.href(iri)
        text = escape(labels.get(iri) or short_name(iri, linker.prefixes))
        items.append(f'<li><a href="{escape(href)}">{text}</a></li>' if href
                     else f"<li>{text}</li>")
    more = f"<p>(first {limit} of {len(members)})</p>" if len(members) > limit else ""
    body = (f"<h1>{escape(name)}</h1><p>{len(members)} member(s); "
            f"class {linker_link(cls, linker)}</p><ul>{''.join(items)}</ul>{more}")
    return page(name, body, linker)


def linker_link(iri: str, linker: Linker) -> str:
    href = linker.href(iri)
    text = escape(short_name(iri, linker.prefixes))
    return f'<a href="{escape(href)}">{text}</a>' if href else f"<code>{text}</code>"


def query_page(examples: dict[str, tuple[str, str]], linker: Linker, endpoint: str,
               base: str = "") -> str:
    """The SPARQL query page; its script (``query.js``) is served by kg itself."""
    data: dict[str, Any] = {"endpoint": endpoint, "base": base,
                            "examples": [{"name": k, "title": t, "query": q}
                                         for k, (t, q) in examples.items()]}
    options = "".join(f'<option value="{escape(k)}">{escape(k)}: {escape(t)}</option>'
                      for k, (t, _) in examples.items())
    first = next(iter(examples.values()), ("", "SELECT * WHERE { ?s ?p ?o } LIMIT 10"))[1]
    body = (
        "<h1>SPARQL query</h1>"
        f'<p>Endpoint: <code>{escape(endpoint)}</code> (SPARQL 1.1 Protocol; the default '
        "graph is the union of the article graphs).</p>"
        '<form id="qform"><label for="example">Competency queries</label> '
        f'<select id="example">{options}</select>'
        f'<textarea id="query" name="query" rows="16" spellcheck="false">{escape(first)}'
        "</textarea>"
        '<p><button type="submit" id="run">Run</button> '
        '<label>Format <select id="accept">'
        '<option value="application/sparql-results+json">table (JSON)</option>'
        '<option value="text/csv">CSV</option><option value="text/turtle">Turtle</option>'
        '</select></label> <span id="status" role="status"></span></p></form>'
        '<div id="results"></div>'
        f'<script type="application/json" id="kg-data">{json_script(data)}</script>')
    return page("kg: SPARQL query", body, linker, scripts=[linker.asset("query.js")])

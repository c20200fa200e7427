"""Text that tries to inject: quotes, angle brackets, triple quotes, ``<script>``, braces,
SPARQL and Turtle syntax inside names, quotes, evidence and article metadata.

The hostile strings go through the real extractor (an article whose minister's quotes
hold them) and through hand-made facts, then through every way out: the IRIs minted
from them, the RDF serialisations, the published site, the graph view, the served
pages, SPARQL and the places that build SPARQL text (store, build sink, push).
Everything must come back byte-identical and nothing may run, close an element or add
a triple.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import unicodedata
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pyoxigraph as ox
import pytest
import rdflib
from _servers import KG, Server, free_port, request, running
from hypothesis import given, settings
from hypothesis import strategies as st

from kg._xml import xml_safe
from kg.export import RdfFormat, serialize
from kg.facts import Document, Entity, EntityType
from kg.map import article_iri, entity_iri, from_graph, position_iri, slug, to_graph
from kg.map._to_rdf import publisher_iri
from kg.store import graph_data, open_store
from kg.vocab import INDEX_GRAPH, safe_http_iri

BASE = "https://kg.example.org/"
KGO = "https://kg.example.org/ontology#"

# -- the hostile strings -------------------------------------------------------------

#: Pieces that mean something to HTML, JSON, JavaScript, Turtle, N-Triples, SPARQL,
#: templates, shells or file systems.
FRAGMENTS = [
    '"""', "'''", '"', "'", "\\", "\\u0022", "\\n", "<", ">", "&", "&amp;", "&lt;",
    "<script>alert(1)</script>", "</script><script>x()</script>", "</SCRIPT >",
    '"><img src=x onerror=alert(1)>', "<!--", "-->", "]]>", "<![CDATA[",
    "} ; DROP ALL ; INSERT DATA { <a> <b> <c> }", "> . <urn:x> <urn:y> <urn:z> . <",
    "@prefix x: <urn:evil#> .", "PREFIX x: <urn:evil#>", "^^<urn:evil#t>", "@en", "_:b0",
    "#", " . ", ";", "}", "{", "\n", "\r\n", "\r", "\t", "\x01", "\x1b[31m", "\x7f",
    "\u0085", "\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "javascript:alert(1)",
    "{{7*7}}", "${x}", "%00", "%3Cscript%3E", "../../etc/passwd", "$(rm -rf /)", "`id`",
    "Сергей Лавров", "😀",
]

#: Whole hostile names and texts (each is used as a label, an alias, a quote...).
HOSTILE = [
    '"""',
    "'''",
    '"',
    "<script>alert(1)</script>",
    "</script><script>x()</script>",
    '"><img src=x onerror=alert(1)>',
    "} ; DROP ALL ; INSERT DATA { <a> <b> <c> }",
    "> . <urn:x> <urn:y> <urn:z> . <",
    "@prefix x: <urn:evil#> .",
    '""" . <urn:x> <urn:y> "z" . """',
    "''' ; <urn:evil#p> '''",
    'ends with a quote"',
    "ends with a backslash\\",
    "ends with two backslashes\\\\",
    "\\u0022 \\U00000022 \\\" \\'",
    "line one\nline two\r\nline three\rend",
    "control \t\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85 chars",
    "separators \u2028 and \u2029",
    "javascript:alert(1)",
    "\u202egnp.exe Lavrov",
    "{{7*7}} ${x} #{x} <%= x %>",
    "%00 %3Cscript%3E %22",
    "../../etc/passwd",
    "<!-- ]]> --> <![CDATA[ x ]]>",
    "&amp; &lt; &#60; &#x3c; &",
    "Sergey Lavrov</title><style>*{}</style>",
    "<svg/onload=alert(1)>",
    "`id` $(id) | id ; id",
    "\u200b\ufeff zero width",
    "名前 Сергей 😀",
    "Long " + "<script>x</script> " * 400,
]

#: Strings that look like syntax but must never become data.
SMUGGLED = ("urn:evil", "urn:x", "urn:y", "urn:z", "urn:evil#t")

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_IRI_BAD = re.compile(r'[<>"{}|\\^`\s\x00-\x1f\x7f-\x9f]')

# -- the hostile documents ------------------------------------------------------------

_TYPES = [EntityType.PERSON, EntityType.STATE, EntityType.TREATY, EntityType.PLACE,
          EntityType.MEETING, EntityType.ORGANIZATION, EntityType.BLOC,
          EntityType.WEAPON_SYSTEM]


def hostile_doc(article_id: str = "evil-doc") -> Document:
    """Every hostile string as an entity name (one entity each, types in turn), as
    aliases, mentions, quotes, a position title and evidence; hostile article metadata."""
    entities: list[dict[str, Any]] = []
    for i, name in enumerate(HOSTILE):
        entities.append({
            "id": f"e{i}", "type": _TYPES[i % len(_TYPES)].value, "name": name,
            "aliases": [HOSTILE[(i + 1) % len(HOSTILE)], "alias " + name],
            "mentions": [{"text": name, "start": i, "end": i + len(name)}]})
    # Two entities whose names differ only in punctuation: one IRI each in one article.
    entities.append({"id": "dup-a", "type": "State", "name": "<script>"})
    entities.append({"id": "dup-b", "type": "State", "name": "script"})

    def first(t: EntityType, n: int = 0) -> str:
        return [e["id"] for e in entities if e["type"] == t.value][n]

    person, person2 = first(EntityType.PERSON), first(EntityType.PERSON, 1)
    state, state2 = first(EntityType.STATE), first(EntityType.STATE, 1)
    treaty, place = first(EntityType.TREATY), first(EntityType.PLACE)
    meeting, bloc = first(EntityType.MEETING), first(EntityType.BLOC)
    weapon = first(EntityType.WEAPON_SYSTEM)
    facts: list[dict[str, Any]] = []
    for i, text in enumerate(HOSTILE):
        ev = {"sentence": text, "start": i, "end": i + len(text)}
        facts.append({"kind": "holds_position", "person": person, "position": text,
                      "of": state, "when": "2014-11-18", "evidence": ev})
    facts += [
        {"kind": "statement", "speaker": person2, "when": "2014-11-18", "where": place,
         "meeting": meeting, "about": [treaty, weapon], "quotes": list(HOSTILE),
         "evidence": {"sentence": HOSTILE[4], "start": 0, "end": 9}},
        {"kind": "member_of", "member": state, "group": bloc},
        {"kind": "signed", "treaty": treaty, "when": "1990", "where": place,
         "signatories": [state, state2], "signatory_count": 2,
         "signatory_groups": [{"group": bloc, "count": 2}]},
        {"kind": "suspended", "party": state, "treaty": treaty, "form": "moratorium"},
        {"kind": "accused", "accuser": person, "accused": state2, "treaty": treaty},
        {"kind": "meeting", "meeting": meeting, "participants": [person, person2],
         "where": place, "topics": [treaty]},
        {"kind": "party_to", "party": "dup-a", "treaty": treaty},
        {"kind": "party_to", "party": "dup-b", "treaty": treaty},
    ]
    return Document.from_dict({
        "article": {"id": article_id, "url": "javascript:alert(1)",
                    "title": "<script>alert(1)</script> \"\"\" } INSERT DATA { <a> <b> <c> }",
                    "published": "2014-11-18", "dateline_place": HOSTILE[7],
                    "source": '"><img src=x onerror=alert(1)>'},
        "entities": entities, "facts": facts})


#: An article for the real extractor: its header and a minister's quotes are hostile.
ARTICLE_QUOTES = [
    "</script><script>alert(1)</script> } INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "<!-- {{7*7}} ${x} javascript:alert(1) \u202e %00 ../../etc/passwd",
    "@prefix x: <urn:evil#> . <a> <b> \"\"\" . '''",
]
ARTICLE_TITLE = "</title><script>alert(1)</script> \"\"\" } ; DROP ALL ; <a> <b> <c> }"
ARTICLE_SOURCE = 'TASS"><img src=x onerror=alert(1)>'
ARTICLE_TEXT = (
    "url: http://tass.com/x%zz\n"  # bad percent-encoding: kept as a note, not an IRI
    f"title: {ARTICLE_TITLE}\n"
    "published: 2014-11-18\n"
    f"source: {ARTICLE_SOURCE}\n\n"
    "MINSK, November 18. /TASS/. Russian Foreign Minister Sergey Lavrov said on Tuesday "
    "that the CFE treaty is dead.\n\n"
    f"“{ARTICLE_QUOTES[0]}” Lavrov said.\n\n"
    f"Lavrov said: “{ARTICLE_QUOTES[1]}”.\n\n"
    f"“{ARTICLE_QUOTES[2]}”, Lavrov stressed.\n"
)


# -- fixtures -------------------------------------------------------------------------

@dataclass
class Hostile:
    """The hostile store and what went into it."""

    store: Path
    doc: Document
    graph: rdflib.Graph
    extracted: Document
    pages: dict[str, str] = field(default_factory=dict)  # kind -> resource IRI


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    from kg.pipeline import build, extract_file

    d = tmp_path_factory.mktemp("hostile")
    art = d / "evil-article.txt"
    art.write_text(ARTICLE_TEXT, encoding="utf-8")
    store = d / "store"
    result = build([art], store)  # the whole pipeline, SHACL validation included
    assert result.loaded == ["evil-article"] and not result.rejected, result.violations
    extracted = extract_file(art)
    doc = hostile_doc()
    g = to_graph(doc)
    with open_store(store) as s:
        assert s.replace_graph(str(article_iri(doc.article.id)), g)
    h = Hostile(store, doc, g, extracted)
    person = doc.entity("e0")
    statement = next(s for s, _, _ in g.triples(
        (None, rdflib.RDF.type, rdflib.URIRef(KGO + "Statement"))))
    h.pages = {"entity": str(entity_iri(person)), "fact": str(statement),
               "article": str(article_iri(doc.article.id)),
               "extracted": str(article_iri("evil-article")),
               "extracted-fact": str(next(s for s, _, _ in to_graph(extracted).triples(
                   (None, rdflib.RDF.type, rdflib.URIRef(KGO + "Statement")))))}
    return h


# -- HTML checks ----------------------------------------------------------------------

_SITE_TAGS = {"html", "head", "meta", "title", "link", "script", "style", "body", "nav",
              "a", "main", "h1", "h2", "h3", "p", "code", "table", "thead", "tbody", "tr",
              "th", "td", "br", "span", "small", "ol", "ul", "li", "section", "blockquote",
              "form", "label", "select", "option", "textarea", "button", "div", "header",
              "strong", "input", "aside"}
_DATA_TYPES = ("application/ld+json", "application/json")


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._buf = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None

    def handle_data(self, data: str) -> None:
        (self._buf if self._script is not None else self.text).append(data)


@dataclass
class CheckedPage:
    text: str
    data_blocks: list[tuple[str, Any]]  # (type, parsed JSON)


def check_html(page: str, *, own_scripts: int = 0) -> CheckedPage:
    """The page's markup is the site's own: no foreign element, no event handler, no
    ``javascript:`` link, scripts only the site's (``src`` or inline code counted by
    ``own_scripts``), JSON data blocks with no ``<`` (so no ``</script`` or ``<!--``)."""
    p = _Html()
    p.feed(page)
    p.close()
    assert p._script is None, "a script element was never closed"
    for tag, attrs in p.tags:
        assert tag in _SITE_TAGS, f"foreign element <{tag}> {attrs}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
            v = re.sub(r"[\x00-\x20]", "", (value or "")).lower()
            assert not v.startswith(("javascript:", "vbscript:", "data:text")), (tag, attrs)
            assert name in {"href", "src", "rel", "type", "class", "id", "lang", "charset",
                            "name", "content", "value", "for", "rows", "spellcheck",
                            "role", "defer", "dir", "http-equiv", "placeholder", "size",
                            "autocomplete", "aria-label", "aria-live", "checked", "hidden",
                            "title"}, f"unexpected attribute {name} on <{tag}>"
    blocks: list[tuple[str, Any]] = []
    inline = 0
    for attrs, body in p.scripts:
        if attrs.get("src"):
            assert not body.strip(), "a script with src has content"
            assert not re.match(r"^[a-z]+:", attrs["src"] or ""), attrs  # same origin
            continue
        kind = attrs.get("type")
        if kind in _DATA_TYPES:
            assert "<" not in body and ">" not in body and "&" not in body, body[:200]
            blocks.append((kind or "", json.loads(body)))
        else:
            inline += 1
    assert inline == own_scripts, f"{inline} inline scripts"
    return CheckedPage("".join(p.text), blocks)


def _jsonld(checked: CheckedPage) -> dict[str, Any]:
    found = [d for t, d in checked.data_blocks if t == "application/ld+json"]
    assert len(found) == 1
    data = found[0]
    assert isinstance(data, dict)
    return data


def _labels(doc: Document) -> dict[str, str]:
    return {str(entity_iri(e)): e.name for e in doc.entities if e.id.startswith("e")}


# -- 1. IRIs --------------------------------------------------------------------------

def _check_iri(iri: str) -> None:
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert not _IRI_BAD.search(iri), iri
    assert not any(unicodedata.category(c)[0] == "C" for c in iri), iri
    assert not any(s in iri for s in SMUGGLED), iri


#: Every hostile string that can be a name (names are not blank).
NAMES = [t for t in dict.fromkeys([*HOSTILE, *FRAGMENTS]) if t.strip()]


@pytest.mark.parametrize("text", NAMES, ids=range(len(NAMES)))
def test_minted_iris_are_safe(text: str) -> None:
    s = slug(text)
    assert _SLUG.match(s) and len(s) <= 80, s
    for t in EntityType:
        iri = str(entity_iri(Entity("x", t, text)))
        _check_iri(iri)
        assert iri.startswith(BASE + "id/") and _SLUG.match(iri.rsplit("/", 1)[1])
    for iri in (str(position_iri(text)), str(publisher_iri(text)), str(article_iri(text))):
        _check_iri(iri)
        tail = iri[len(BASE):]
        assert re.fullmatch(r"(id/[a-z]+|article)/[A-Za-z0-9._-]+", tail), iri


def test_punctuation_only_names_get_distinct_iris() -> None:
    punct = [t for t in {*HOSTILE, *FRAGMENTS} if t.strip() and not re.search(r"[A-Za-z0-9]", t)
             and not any(unicodedata.category(c)[0] in "LN" for c in t)]
    assert len(punct) >= 20
    slugs = {t: slug(t) for t in punct}
    assert all(s.startswith("x-") and _SLUG.match(s) for s in slugs.values())
    # One slug per distinct name (whitespace and case folded).
    keys = {" ".join(t.casefold().split()) for t in punct}
    assert len(set(slugs.values())) == len(keys)


def test_collisions_only_between_the_same_words() -> None:
    """Two names share a slug only when they spell the same words (so one entity is
    meant): never through an empty slug, and hashes keep apart words-free names."""
    names = sorted({t for t in [*HOSTILE, *FRAGMENTS] if t.strip()})
    by_slug: dict[str, set[str]] = {}
    for n in names:
        by_slug.setdefault(slug(n), set()).add(n)
    for s, group in by_slug.items():
        if len(group) > 1:
            words = {tuple(re.findall(r"[a-z0-9]+", n.casefold())) for n in group}
            assert len(words) == 1 and words != {()}, (s, group)


def test_mapped_graph_iris(hostile: Hostile) -> None:
    g = hostile.graph
    iris = {t for triple in g for t in triple if isinstance(t, rdflib.URIRef)}
    assert len(iris) > 100
    for iri in iris:
        _check_iri(str(iri))
    minted = [i for i in iris if i.startswith(BASE) and not i.startswith(BASE + "ontology")]
    for iri in minted:
        assert re.fullmatch(r"[a-z0-9/#._-]+", iri[len(BASE):]), iri
    # The javascript: URL is kept as a note, never as an IRI.
    art = article_iri("evil-doc")
    assert (art, rdflib.URIRef("https://schema.org/url"), None) not in g
    notes = list(g.objects(art, rdflib.URIRef("https://kg.example.org/ontology#urlNote")))
    assert notes == [rdflib.Literal("javascript:alert(1)")]
    # One IRI per entity, also for names that slug alike in one article.
    ents = {e.id: {s for s in g.subjects(rdflib.URIRef(
        "https://kg.example.org/ontology#localId"), rdflib.Literal(e.id))}
        for e in hostile.doc.entities}
    assert all(len(v) == 1 for v in ents.values())
    assert len({next(iter(v)) for v in ents.values()}) == len(ents)
    # Every hostile string is data: a label, an alias, a quote, a position, evidence.
    literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
    assert set(HOSTILE) <= literals
    assert from_graph(g, "evil-doc").to_dict() == hostile.doc.to_dict()


@pytest.mark.parametrize(("url", "is_iri"), [
    ("http://tass.com/russia/760266", True),
    ("https://tass.com/a?b='c'&d=(e)#f", True),
    ("http://x/%zz", False), ("http://x/a%", False), ("http://x:abc/", False),
    ("http://[::1", False), ("http://x/#a#b", False), ("http://x/\x01y", False),
    ("http://x/\x7f", False), ("http://x/\u202egnp.exe", False), ("http://x/\ufffe", False),
    ("http://x/{{7*7}}", False), ("http://x/<script>", False), ('http://x/"', False),
    ("javascript:alert(1)", False), ("data:text/html,<script>", False), ("http:// x", False),
])
def test_article_url_becomes_an_iri_only_when_valid(url: str, is_iri: bool) -> None:
    """An article URL the IRI grammar refuses (bad port, bad %-encoding, a control or
    bidi character) is kept as a literal note: before, it was written as an IRI that
    the store's parser refused, and the whole build failed."""
    assert safe_http_iri(url) is is_iri
    doc = Document.from_dict({"article": {"id": "a1", "url": url}})
    g = to_graph(doc)
    for t in g:
        for term in t:
            if isinstance(term, rdflib.URIRef):
                _check_iri(str(term))
    nt = g.serialize(format="nt")
    assert len(list(ox.parse(nt, ox.RdfFormat.N_TRIPLES))) == len(g)
    assert from_graph(g, "a1").article.url == url


def test_the_extractor_keeps_hostile_quotes_as_data(hostile: Hostile) -> None:
    doc = hostile.extracted
    assert doc.article.title == ARTICLE_TITLE and doc.article.source == ARTICLE_SOURCE
    assert doc.article.url == "http://tass.com/x%zz"
    quotes = [q for f in doc.facts if f.kind == "statement" for q in f.get("quotes", [])]
    for q in ARTICLE_QUOTES[:2]:
        assert q in quotes
    # Straight double quotes delimit quotations too: the third one is cut at its '"""'.
    assert "@prefix x: <urn:evil#> . <a> <b>" in quotes
    with open_store(hostile.store, read_only=True) as s:
        g = s.article_graph(str(article_iri("evil-article")))
        assert from_graph(g, "evil-article").to_dict() == doc.to_dict()


# -- 2. RDF serialisations ------------------------------------------------------------

def _ox_format(fmt: RdfFormat) -> ox.RdfFormat:
    return {RdfFormat.TURTLE: ox.RdfFormat.TURTLE, RdfFormat.N_TRIPLES: ox.RdfFormat.N_TRIPLES,
            RdfFormat.JSON_LD: ox.RdfFormat.JSON_LD, RdfFormat.TRIG: ox.RdfFormat.TRIG,
            RdfFormat.N_QUADS: ox.RdfFormat.N_QUADS, RdfFormat.RDF_XML: ox.RdfFormat.RDF_XML}[fmt]


def _store_quads(path: Path) -> tuple[list[ox.Quad], rdflib.Graph]:
    with open_store(path, read_only=True) as s:
        quads = list(s.quads())
    union = rdflib.Graph()
    from kg.store._terms import to_rdflib

    for q in quads:
        union.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return quads, union


def _rdflib_of_ox(quads: Any) -> rdflib.Graph:
    from kg.store._terms import to_rdflib

    g = rdflib.Graph()
    for q in quads:
        t = q.triple if isinstance(q, ox.Quad) else q
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_serialisations_round_trip(hostile: Hostile, fmt: RdfFormat) -> None:
    quads, union = _store_quads(hostile.store)
    with open_store(hostile.store, read_only=True) as s:
        data = serialize(s, fmt)
    text = data.decode("utf-8")
    expected = set(HOSTILE)
    if fmt is RdfFormat.RDF_XML:  # XML 1.0 cannot hold most C0 controls: they become U+FFFD
        union = _xml_safe_graph(union)
        expected = {xml_safe(h) for h in HOSTILE}
    # Parsed back by pyoxigraph...
    back = list(ox.parse(data, _ox_format(fmt)))
    if fmt.supports_datasets:
        assert isinstance(back[0], ox.Quad)
        assert _same_dataset(back, quads)
    g_ox = _rdflib_of_ox(back)
    assert len(g_ox) == len(union) and _iso(g_ox, union)
    # ... and by rdflib.
    if fmt.supports_datasets:
        ds = rdflib.Dataset()
        ds.parse(data=text, format=fmt.rdflib_name)
        default = rdflib.graph.DATASET_DEFAULT_GRAPH_ID
        n_quads = sum(len(g) for g in ds.graphs() if g.identifier != default)
        assert n_quads == len(quads)
        g_rl = rdflib.Graph()
        for g in ds.graphs():
            for t in g:
                g_rl.add(t)
    else:
        g_rl = rdflib.Graph().parse(data=text, format=fmt.rdflib_name)
    assert len(g_rl) == len(union) and _iso(g_rl, union)
    for g in (g_ox, g_rl):
        literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
        assert expected <= literals
        assert hostile.extracted.article.title in literals
        for iri in {t for triple in g for t in triple if isinstance(t, rdflib.URIRef)}:
            assert not any(iri.startswith(s) for s in SMUGGLED), iri


def _xml_safe_graph(g: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for s, p, o in g:
        if isinstance(o, rdflib.Literal):
            o = rdflib.Literal(xml_safe(str(o)), lang=o.language, datatype=o.datatype)
        out.add((s, p, o))
    return out


def _iso(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    """Isomorphic (compared through RDFC-1.0 canonical forms: fast on big graphs)."""
    return len(a) == len(b) and _canon(a) == _canon(b)


def _canon(g: rdflib.Graph) -> list[str]:
    """The graph's triples as canonical N-Triples lines (isomorphic graphs: equal lines)."""
    return sorted(str(q) for q in _canonical(ox.parse(g.serialize(format="nt"),
                                                      ox.RdfFormat.N_TRIPLES)))


def _canonical(quads: Any) -> ox.Dataset:
    d = ox.Dataset(quads)
    d.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return d


def _same_dataset(a: list[ox.Quad], b: list[ox.Quad]) -> bool:
    return sorted(map(str, _canonical(a))) == sorted(map(str, _canonical(b)))


# -- 3. the published site ------------------------------------------------------------

@pytest.fixture(scope="module")
def site(hostile: Hostile, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.publish import publish

    out = tmp_path_factory.mktemp("site") / "site"
    with open_store(hostile.store, read_only=True) as s:
        result = publish(s, out)
    assert result.skipped == 0 and result.pages > 50
    return out


def _site_path(site: Path, iri: str) -> Path:
    return site / (iri[len(BASE):] + ".html")


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # no newline translation: \r stays \r


def test_published_pages_escape_everything(hostile: Hostile, site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    seen_text: list[str] = []
    for path in pages:
        html = _read(path)
        checked = check_html(html)
        seen_text.append(checked.text)
        for _, data in checked.data_blocks:
            assert "@context" in data
        assert "<script>alert(1)</script>" not in html and "<img" not in html
    every = "\n".join(seen_text)
    for text in [*HOSTILE, hostile.extracted.article.title or "", *ARTICLE_QUOTES[:2]]:
        assert text in every, text[:80]


def test_published_entity_fact_and_article_pages(hostile: Hostile, site: Path) -> None:
    labels = _labels(hostile.doc)
    for iri, name in labels.items():
        html = _read(_site_path(site, iri))
        checked = check_html(html)
        assert _jsonld(checked)["name"] == name
        assert _jsonld(checked)["@id"] == iri
        assert name in checked.text
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title is not None and "<" not in title.group(1)
    assert HOSTILE[3] == "<script>alert(1)</script>"
    html = _read(_site_path(site, str(entity_iri(hostile.doc.entity("e3")))))
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    fact = check_html(_read(_site_path(site, hostile.pages["fact"])))
    for q in HOSTILE:
        assert q in fact.text
    assert _jsonld(fact)["text"] == HOSTILE[4]
    art = _read(_site_path(site, hostile.pages["article"]))
    checked = check_html(art)
    assert _jsonld(checked)["headline"] == hostile.doc.article.title
    assert "mainEntityOfPage" not in _jsonld(checked)  # javascript: is not a URL
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&quot;&quot;" in art
    for text in ("javascript:alert(1)", hostile.doc.article.source or ""):
        assert text in checked.text
    ext = check_html(_read(_site_path(site, hostile.pages["extracted"])))
    assert _jsonld(ext)["headline"] == ARTICLE_TITLE
    said = check_html(_read(_site_path(site, hostile.pages["extracted-fact"])))
    assert all(q in said.text for q in ARTICLE_QUOTES[:2])


def test_published_rdf_files_round_trip(hostile: Hostile, site: Path) -> None:
    for iri, name in _labels(hostile.doc).items():
        stem = site / iri[len(BASE):]
        for ext, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".jsonld", ox.RdfFormat.JSON_LD)):
            triples = list(ox.parse(stem.with_suffix(ext).read_bytes(), fmt))
            labels = [t.object.value for t in triples if t.subject == ox.NamedNode(iri)
                      and t.predicate.value == str(rdflib.RDFS.label)]
            assert labels == [name], (ext, iri)
    dump = list(ox.parse((site / "dump.nt").read_bytes(), ox.RdfFormat.N_TRIPLES))
    _, union = _store_quads(hostile.store)
    assert len(dump) == len(union)
    assert not any(isinstance(t, ox.NamedNode) and t.value.startswith(SMUGGLED)
                   for q in dump for t in (q.subject, q.object))


# -- 4. the graph view ----------------------------------------------------------------

def test_graph_html_view(hostile: Hostile) -> None:
    from kg.graph import project, render
    from kg.graph._html import html as graph_html
    from kg.graph._view_data import expand

    with open_store(hostile.store, read_only=True) as s:
        g = project(s)
    evil_title = HOSTILE[4] + HOSTILE[5]
    for page, title in ((render(g, "html").decode("utf-8"), "kg entity graph"),
                        (graph_html(g, title=evil_title).decode("utf-8"), evil_title)):
        checked = check_html(page, own_scripts=2)  # cytoscape and the view's own code
        blocks = [d for t, d in checked.data_blocks if t == "application/json"]
        assert len(blocks) == 1
        elements = expand(blocks[0])
        nodes = {n["data"]["id"]: n["data"] for n in elements["nodes"]}
        for iri, name in _labels(hostile.doc).items():
            assert nodes[iri]["label"] == name == g.nodes[iri]["label"]
        edges = [e["data"] for e in elements["edges"]]
        evidence = {e["evidence"] for e in edges} | {n["evidence"] for n in nodes.values()}
        assert set(HOSTILE) <= evidence
        assert checked.text.count(title) == 2  # <title> and the page's heading
        # The CSP of the offline file: nothing may be fetched.
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
        assert csp is not None and "default-src 'none'" in csp.group(1)
        assert "connect-src" not in csp.group(1)


@pytest.mark.filterwarnings("ignore::UserWarning")  # glyphs of control characters
def test_graph_exchange_formats(hostile: Hostile) -> None:
    import xml.etree.ElementTree as ET

    from kg.graph import project, render

    with open_store(hostile.store, read_only=True) as s:
        g = project(s, article="evil-doc")
    names = set(_labels(hostile.doc).values())
    cy = json.loads(render(g, "cyjs"))
    assert names <= {n["data"]["label"] for n in cy["elements"]["nodes"]}

    def lines(text: str) -> str:  # XML parsers read every line break as \n
        return text.replace("\r\n", "\n").replace("\r", "\n")

    for fmt in ("graphml", "gexf"):
        # Before the fix, a name with a control character made both files unreadable.
        root = ET.fromstring(render(g, fmt))
        assert not [e for e in root.iter() if e.tag.endswith("script")]
        values = {lines(e.text) for e in root.iter() if e.text}
        values |= {lines(v) for e in root.iter() for v in e.attrib.values()}
        for n in names:
            # XML 1.0 cannot hold most C0 controls even escaped: they become U+FFFD.
            assert lines(xml_safe(n)) in values, (fmt, n[:40])
    svg = ET.fromstring(render(g, "svg"))
    assert not [e for e in svg.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject")]
    assert not [a for e in svg.iter() for a in e.attrib if a.startswith("on")]
    # DOT: every node and edge line is one statement of quoted strings, whatever the
    # names hold, and the strings decode to the names (line breaks become \\n).
    dot = render(g, "dot").decode("utf-8").split("\n")
    q = r'"(?:[^"\\\n]|\\.)*"'
    attrs = rf"\[\w+={q}(?:, \w+={q})*\];"
    statement = re.compile(rf"  {q}(?: -> {q})? {attrs}")
    body = dot[4:-2]
    assert dot[-2:] == ["}", ""] and len(body) == len(g) + g.number_of_edges()
    assert all(statement.fullmatch(line) for line in body)
    decoded = {re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), v[1:-1])
               for line in body for v in re.findall(q, line)}
    assert {lines(n) for n in names} <= decoded


# -- 5. the served pages --------------------------------------------------------------

@pytest.fixture(scope="module")
def server(hostile: Hostile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    d = tmp_path_factory.mktemp("serve-hostile")
    port = free_port()
    argv = [KG, "serve", "--store", str(hostile.store), "--port", str(port), "--workers", "1"]
    with running(argv, port, d / "serve.log") as s:
        yield s


def _headers_ok(headers: dict[str, str]) -> None:
    csp = headers.get("content-security-policy", "")
    directives = {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";") if d.strip()}
    script = directives.get("script-src", directives.get("default-src", ""))
    assert script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, csp
    assert "'none'" in directives.get("default-src", "")
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("kind", ["entity", "fact", "article", "extracted", "extracted-fact"])
def test_served_pages(hostile: Hostile, server: Server, kind: str) -> None:
    iri = hostile.pages[kind]
    path = "/" + iri[len(BASE):]
    r = request(server.url + path, headers={"Accept": "text/html"})
    assert r.status == 200, r.text
    _headers_ok(r.headers)
    checked = check_html(r.text)
    data = _jsonld(checked)
    assert data["@id"] == iri
    if kind == "entity":
        assert data["name"] == HOSTILE[0] and HOSTILE[0] in checked.text
        assert HOSTILE[1] in checked.text  # its alias
    elif kind == "fact":
        assert all(q in checked.text for q in HOSTILE)
    elif kind == "article":
        assert data["headline"] == hostile.doc.article.title
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    elif kind == "extracted":
        assert data["headline"] == ARTICLE_TITLE
    else:
        assert all(q in checked.text for q in ARTICLE_QUOTES[:2])
    # The same resource as RDF by content negotiation.
    for accept, fmt, rl in (("text/turtle", ox.RdfFormat.TURTLE, "turtle"),
                            ("application/ld+json", ox.RdfFormat.JSON_LD, "json-ld"),
                            ("application/n-triples", ox.RdfFormat.N_TRIPLES, "nt"),
                            ("application/rdf+xml", ox.RdfFormat.RDF_XML, "xml")):
        rdf = request(server.url + path, headers={"Accept": accept})
        assert rdf.status == 200 and rdf.headers["content-type"].startswith(accept)
        triples = list(ox.parse(rdf.body, fmt))
        g_rl = rdflib.Graph().parse(data=rdf.body.decode("utf-8"), format=rl)
        g_ox = _rdflib_of_ox(triples)
        assert len(g_ox) == len(g_rl) and _iso(g_ox, g_rl)
        with open_store(hostile.store, read_only=True) as s:
            from kg.web import describe

            want = _rdflib_of_ox(describe(s.ox, iri).triples())
        if fmt == ox.RdfFormat.RDF_XML:  # C0 controls become U+FFFD in XML 1.0
            want = _xml_safe_graph(want)
        assert _iso(g_ox, want), accept
        assert not any(str(t).startswith(SMUGGLED) for triple in g_ox for t in triple)


def test_served_entity_pages_all_names(hostile: Hostile, server: Server) -> None:
    for iri, name in _labels(hostile.doc).items():
        r = request(server.url + "/" + iri[len(BASE):], headers={"Accept": "text/html"})
        assert r.status == 200
        _headers_ok(r.headers)
        checked = check_html(r.text)
        assert _jsonld(checked)["name"] == name and name in checked.text


def test_served_query_and_home_pages(server: Server) -> None:
    for path, scripts in (("/query", 0), ("/", 0)):
        r = request(server.url + path, headers={"Accept": "text/html"})
        assert r.status == 200
        _headers_ok(r.headers)
        checked = check_html(r.text, own_scripts=scripts)
        if path == "/query":
            data = [d for t, d in checked.data_blocks if t == "application/json"]
            assert len(data) == 1 and data[0]["examples"]


def test_served_sparql_results(hostile: Hostile, server: Server) -> None:
    """The hostile labels through the SPARQL endpoint in each result format."""
    import csv
    import io

    q = ("SELECT ?l WHERE { ?e <https://kg.example.org/ontology#localId> ?id ; "
         "<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(?id, \"e\")) }")
    want = sorted(_labels(hostile.doc).values())
    url = f"{server.url}/sparql?{urllib.parse.urlencode({'query': q})}"
    r = request(url, headers={"Accept": "application/sparql-results+json"})
    got = sorted(b["l"]["value"] for b in json.loads(r.body)["results"]["bindings"])
    assert set(want) <= set(got)
    r = request(url, headers={"Accept": "text/csv"})
    rows = [row["l"] for row in csv.DictReader(io.StringIO(r.body.decode("utf-8"),
                                                            newline=""))]
    assert set(want) <= set(rows)
    r = request(url, headers={"Accept": "text/tab-separated-values"})
    lines = r.body.decode("utf-8").split("\n")
    assert lines[0] == "?l" and lines[-1] == ""
    terms = [next(iter(ox.parse(f"<urn:s> <urn:p> {t} .", ox.RdfFormat.N_TRIPLES))).object
             for t in lines[1:-1]]
    assert set(want) <= {t.value for t in terms}


def test_served_sparql_xml_results(hostile: Hostile, server: Server) -> None:
    import xml.etree.ElementTree as ET

    q = ("SELECT ?l WHERE { ?e <https://kg.example.org/ontology#localId> ?id ; "
         "<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(?id, \"e\")) }")
    url = f"{server.url}/sparql?{urllib.parse.urlencode({'query': q})}"
    r = request(url, headers={"Accept": "application/sparql-results+xml"})
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    got = {e.text or "" for e in ET.fromstring(r.body).findall(".//r:literal", ns)}
    assert {xml_safe(n) for n in _labels(hostile.doc).values()} <= got


# -- 6. SPARQL through kg's query API, and the code that writes SPARQL text -----------

def test_queries_return_hostile_labels_intact(hostile: Hostile) -> None:
    from kg.query import format_result, named_queries, run_query

    with open_store(hostile.store, read_only=True) as s:
        labels = run_query(s, "SELECT ?e ?l WHERE { ?e "
                              "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        got = {r[1].value for r in labels.rows}
        assert set(HOSTILE) <= got
        data = json.loads(format_result(labels, "json"))
        assert set(HOSTILE) <= {b["l"]["value"] for b in data["results"]["bindings"]}
        import csv
        import io

        rows = list(csv.reader(io.StringIO(format_result(labels, "csv"), newline="")))
        assert set(HOSTILE) <= {r[1] for r in rows[1:]}
        table = format_result(labels, "table")
        assert table.count("\n") == len(labels.rows) + 3  # one line per row, whatever the text
        positions = run_query(s, named_queries()["positions"][1])
        assert set(HOSTILE) <= {r[positions.variables.index("position")].value
                                for r in positions.rows}
        statements = run_query(s, named_queries()["statements"][1])
        quotes = {r[statements.variables.index("quotes")].value for r in statements.rows
                  if r[statements.variables.index("quotes")] is not None}
        assert " | ".join(HOSTILE) in quotes
        # A label used as data in a query: written as a literal by pyoxigraph, never by hand.
        for text in HOSTILE:
            lit = str(ox.Literal(text))
            r = run_query(s, "SELECT ?e WHERE { ?e "
                             f"<http://www.w3.org/2000/01/rdf-schema#label> {lit} }}")
            assert r.rows, text[:40]


def test_store_refuses_hostile_graph_names(tmp_path: Path) -> None:
    from kg._errors import StoreError

    g = rdflib.Graph()
    g.add((rdflib.URIRef(BASE + "s"), rdflib.RDFS.label, rdflib.Literal(HOSTILE[6])))
    evil = "https://kg.example.org/a> } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> <urn:z> } #"
    with open_store(tmp_path / "store") as s:
        s.replace_graph(BASE + "article/ok", g)
        with pytest.raises(StoreError):
            s.replace_graph(evil, g)
        with pytest.raises(StoreError):
            graph_data(evil, "")
        with pytest.raises(ValueError):
            s.remove_graph(evil)
        assert s.graphs() == [BASE + "article/ok"] and s.triple_count() == 1


def test_store_and_sink_updates_keep_hostile_literals(hostile: Hostile, tmp_path: Path) -> None:
    """The store's SPARQL updates (replace, batch) and the build sink's update text
    carry hostile literals as N-Triples terms: applied, they give the exact graph."""
    from kg.store import replace_update
    from kg.store._terms import ntriples

    g = hostile.graph
    iri = str(article_iri("evil-doc"))
    with open_store(tmp_path / "store") as s:
        s.replace_graph(iri, g)  # a new graph
        g2 = to_graph(hostile_doc())
        g2.add((rdflib.URIRef(BASE + "x"), rdflib.RDFS.label, rdflib.Literal(HOSTILE[7])))
        assert s.replace_graph(iri, g2)  # the SPARQL update path
        got = _rdflib_of_ox(s.quads())
        assert len(got) == len(g2) and _iso(got, g2)
        s.write_batch([graph_data(iri, ntriples(g))])  # a batch over an existing graph
        assert s.sweep_entities() == 1  # the label only g2 gave
        got = _rdflib_of_ox(s.quads())
        assert len(got) == len(g) and _iso(got, g)
    update = replace_update([graph_data(iri, ntriples(g))])
    fresh = ox.Store()
    fresh.update(update)
    back = _rdflib_of_ox(fresh.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
    assert len(back) == len(g) and _iso(back, g)
    assert {q.graph_name.value for q in fresh} == {iri, "urn:kg:meta"}


class _Capture(http.server.BaseHTTPRequestHandler):
    bodies: ClassVar[list[tuple[str, str, bytes]]] = []

    def _take(self) -> None:
        n = int(self.headers.get("Content-Length", "0"))
        self.bodies.append((self.command, self.path, self.rfile.read(n)))
        self.send_response(204)
        self.end_headers()

    do_POST = do_PUT = _take

    def log_message(self, *args: Any) -> None:
        pass


@pytest.mark.parametrize("update", [True, False])
def test_push_sends_hostile_literals_exactly(hostile: Hostile, update: bool) -> None:
    from kg.push import push

    _Capture.bodies = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        with open_store(hostile.store, read_only=True) as s:
            result = push(s, f"http://127.0.0.1:{srv.server_port}/store", update=update,
                          env={})
            quads = list(s.quads())  # what exports see: not the query index
            index = list(s.ox.quads_for_pattern(None, None, None, ox.NamedNode(INDEX_GRAPH)))
    finally:
        srv.shutdown()
        srv.server_close()
    # two articles, the entities, the events and the query index
    assert result.graphs == 5 and len(_Capture.bodies) == 5
    target = ox.Store()
    for method, path, body in _Capture.bodies:
        if update:
            assert method == "POST"
            target.update(body.decode("utf-8"))
        else:
            assert method == "PUT"
            graph = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["graph"][0]
            target.load(body, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    sent = [q for q in target if getattr(q.graph_name, "value", "") != INDEX_GRAPH]
    assert _same_dataset(sent, quads)
    assert index and _same_dataset([q for q in target if q not in sent], index)


# -- hypothesis: any mix of the fragments ---------------------------------------------

_text = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join)


@settings(deadline=None, derandomize=True, max_examples=60)
@given(name=_text, quote=_text, title=_text)
def test_any_mix_maps_and_serialises_exactly(name: str, quote: str, title: str) -> None:
    if not name.strip():
        name += "x"
    doc = Document.from_dict({
        "article": {"id": "h1", "title": title, "url": "http://x/" + quote, "source": name},
        "entities": [{"id": "p", "type": "Person", "name": name, "aliases": [quote]},
                     {"id": "s", "type": "State", "name": quote if quote.strip() else "s"}],
        "facts": [{"kind": "statement", "speaker": "p", "quotes": [quote, title],
                   "evidence": {"sentence": title, "start": 0, "end": 1}},
                  {"kind": "holds_position", "person": "p", "position": name, "of": "s"}]})
    g = to_graph(doc)
    for t in g:
        for term in t:
            if isinstance(term, rdflib.URIRef):
                _check_iri(str(term))
    assert from_graph(g, "h1").to_dict() == doc.to_dict()
    literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
    for fmt, oxf in (("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                     ("json-ld", ox.RdfFormat.JSON_LD)):
        text = g.serialize(format=fmt)
        back = _rdflib_of_ox(ox.parse(text, oxf))
        assert len(back) == len(g) and _iso(back, g), fmt
        again = rdflib.Graph().parse(data=text, format=fmt)
        assert len(again) == len(g) and _iso(again, g), fmt
    turtle = ox.serialize(ox.parse(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES),
                          format=ox.RdfFormat.TURTLE) or b""
    back = rdflib.Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    assert {str(o) for o in back.objects() if isinstance(o, rdflib.Literal)} == literals


@settings(deadline=None, derandomize=True, max_examples=60)
@given(name=_text, quote=_text)
def test_any_mix_renders_safe_html(name: str, quote: str) -> None:
    from kg.graph._html import json_for_script
    from kg.web import Linker, describe, render_resource, schema_org

    if not name.strip():
        name += "x"
    doc = Document.from_dict({
        "article": {"id": "h2", "title": quote},
        "entities": [{"id": "p", "type": "Person", "name": name, "aliases": [quote]}],
        "facts": [{"kind": "statement", "speaker": "p", "quotes": [quote],
                   "evidence": {"sentence": quote, "start": 0, "end": 1}}]})
    store = ox.Store()
    store.load(to_graph(doc).serialize(format="nt").encode("utf-8"), ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(str(article_iri("h2"))))
    linker = Linker(href=lambda i: None, asset=lambda n: n, home="/")
    iri = str(entity_iri(doc.entities[0]))
    desc = describe(store, iri)
    page = render_resource(desc, linker, jsonld=schema_org(desc),
                           alternates={"Turtle": "x.ttl"})
    checked = check_html(page)
    assert _jsonld(checked)["name"] == name
    assert name in checked.text and quote in checked.text
    data = json_for_script({"n": name, "q": quote})
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data) == {"n": name, "q": quote}


@pytest.mark.filterwarnings("ignore::UserWarning")  # glyphs of control characters
def test_picture_draws_labels_as_plain_text() -> None:
    """Matplotlib reads ``$...$`` as math: a label with two dollar signs used to be
    parsed (and a bad formula failed the whole picture); control characters made the
    SVG not well-formed."""
    import xml.etree.ElementTree as ET

    from kg.graph import project, render

    names = ["cost $5 and $\\frac{1}{$ more", "ctl \x01\x1b\x7f\ufffe <script>x</script>",
             "${x}${y} {{7*7}}"]
    doc = Document.from_dict({
        "article": {"id": "pic"},
        "entities": [{"id": f"p{i}", "type": "Person", "name": n} for i, n in enumerate(names)]
        + [{"id": "s", "type": "State", "name": "$x$"}],
        "facts": [{"kind": "holds_position", "person": f"p{i}", "position": n, "of": "s"}
                  for i, n in enumerate(names)]})
    g = project(to_graph(doc))
    root = ET.fromstring(render(g, "svg"))
    text = "".join(root.itertext())
    assert "$5 and $" in text and "${x}${y}" in text and "<script>x</script>" in text
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "script"]
    assert render(g, "png").startswith(b"\x89PNG")

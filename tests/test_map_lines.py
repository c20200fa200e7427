"""The build's mapper: N-Triples lines without rdflib, the same triples as ``to_graph``,
written as Oxigraph writes them, and hashed the same whichever way a graph is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from test_injection import hostile_doc

from kg.extract import extract
from kg.facts import Document
from kg.map import article_iri, to_graph, to_ntriples
from kg.read import parse_article
from kg.store import (
    content_hash,
    graph_data,
    graph_data_lines,
    graph_lines,
    ntriples,
    open_store,
)

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "fixtures" / "facts").glob("*.json"))
HELDOUT = sorted((HERE / "fixtures" / "heldout").glob("*/articles/*.txt"))
BASES = ["https://kg.example.org/", "http://example.com/kg/"]

#: Strings a literal must carry through escaping: every ASCII control character,
#: quotes and backslashes, N-Triples and Turtle syntax, and non-ASCII of every width.
CURIOUS = [
    "".join(chr(c) for c in range(0x20)) + "\x7f",
    'say "no" \\ and \\" and \\\\" and \\u0022 and \\n',
    "line one\nline two\r\nthree\ttabbed\x0bvt\x0cff\x08bs",
    '""" . } INSERT DATA { <urn:a> <urn:b> "c" } # _:b0 <urn:x> .',
    "é ü ñ — “quoted” \u2028\u2029 \ufeff \u202e \U0001F600 \x80\x9f\xa0 中文 ру",
    " ", "\\", '"', "_:l0 .", "'''",
]


def _doc(path: Path) -> Document:
    return Document.from_dict(json.loads(path.read_text("utf-8")), str(path))


def _curious_doc() -> Document:
    ents = [{"id": f"e{i}", "type": "Person", "name": f"P{i} {s}", "aliases": [s, s + "x"],
             "mentions": [{"text": s, "start": 0, "end": len(s)}]}
            for i, s in enumerate(CURIOUS)]
    facts = [{"kind": "statement", "speaker": "e0", "quotes": list(CURIOUS),
              "evidence": {"sentence": CURIOUS[1], "start": 1, "end": 5}}]
    ents.append({"id": "st", "type": "State", "name": "Ruritania"})
    facts += [{"kind": "holds_position", "person": f"e{i}", "position": f"post {s}", "of": "st"}
              for i, s in enumerate(CURIOUS)]
    return Document.from_dict({"article": {"id": "curious", "title": CURIOUS[4],
                                           "author": CURIOUS[0], "source": CURIOUS[3],
                                           "published": "2014-11", "url": CURIOUS[2]},
                               "entities": ents, "facts": facts})


def _docs() -> list[tuple[str, Document]]:
    docs = [(p.stem, _doc(p)) for p in FIXTURES]
    docs += [(f"heldout-{p.parent.parent.name}-{p.stem}",
              extract(parse_article(p.read_text("utf-8"), p.stem))) for p in HELDOUT]
    return [*docs, ("curious", _curious_doc()), ("hostile", hostile_doc())]


DOCS = _docs()


def _canonical(nt: str) -> set[str]:
    """The triples of N-Triples text as Oxigraph reads them, blank nodes by RDFC-1.0."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object)
                         for t in ox.parse(nt, ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def test_the_documents_cover_what_they_should() -> None:
    assert len(FIXTURES) >= 3 and len(HELDOUT) >= 20
    lines = [line for _, d in DOCS for line in to_ntriples(d)]
    assert any(line.startswith("_:") for line in lines), "no rdf:List cells mapped"
    text = "\n".join(lines)
    for escaped in ("\\u0000", "\\u001F", "\\u007F", "\\b", "\\t", "\\n", "\\f", "\\r",
                    '\\"', "\\\\", "\U0001F600"):
        assert escaped in text, escaped


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_lines_hold_the_triples_of_to_graph(name: str, doc: Document, base: str) -> None:
    lines = to_ntriples(doc, base)
    assert lines == sorted(set(lines))
    expected = _canonical(to_graph(doc, base).serialize(format="nt"))
    assert _canonical("\n".join(lines)) == expected
    assert len(lines) == len(expected)


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_each_line_is_written_as_oxigraph_writes_it(name: str, doc: Document) -> None:
    """So that a graph read back from the store gives the very lines (and hash) written."""
    lines = to_ntriples(doc)
    read = [f"{t} ." for t in ox.parse("\n".join(lines), ox.RdfFormat.N_TRIPLES)]
    assert read == lines
    assert graph_lines(str(article_iri(doc.article.id)), ox.parse(
        "\n".join(lines), ox.RdfFormat.N_TRIPLES)) == lines


def test_the_hash_is_the_same_whichever_way_a_graph_is_stored(tmp_path: Path) -> None:
    docs = [d for _, d in DOCS[:3]] + [_curious_doc()]
    with open_store(tmp_path / "s") as store:
        whole = [graph_data_lines(str(article_iri(d.article.id)), to_ntriples(d)) for d in docs]
        fast = [w.apart() for w in whole]  # as the build gives them to the store
        store.write_batch(fast)
        for d, w, data in zip(docs, whole, fast, strict=True):
            graph = to_graph(d)
            assert graph_data(data.graph, ntriples(graph)).apart().content_hash == \
                data.content_hash
            assert content_hash(graph, data.graph) == w.content_hash
            # read back (Oxigraph has renamed the blank nodes): the same lines and hash
            quads = store.ox.quads_for_pattern(None, None, None, ox.NamedNode(data.graph))
            assert graph_lines(data.graph, quads) == list(data.lines)
            assert store.hash_of(data.graph) == store.stored_hash(data.graph) == \
                data.content_hash
            assert store.replace_graph(data.graph, graph) is False  # unchanged: skipped
        # a changed graph is a changed hash
        graph = to_graph(docs[0])
        # a triple of the article graph's own (not of what goes to the entities graph)
        graph.remove((rdflib.URIRef(fast[0].graph), None, None))
        assert store.replace_graph(fast[0].graph, graph) is True
        assert store.hash_of(fast[0].graph) == store.stored_hash(fast[0].graph) != \
            fast[0].content_hash


def test_list_cells_stay_apart_across_articles_of_a_batch(tmp_path: Path) -> None:
    """Two articles with the same entity and aliases: the same list owner, two lists."""
    docs = [Document.from_dict({"article": {"id": f"a{i}"}, "entities": [
        {"id": "r", "type": "State", "name": "Russia", "aliases": ["Russian Federation", "RF"]}],
        "facts": []}) for i in range(2)]
    with open_store(tmp_path / "s") as store:
        store.write_batch([graph_data_lines(str(article_iri(d.article.id)), to_ntriples(d))
                           for d in docs])
        rows = store.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c "
                           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x }")
        # the 2 aliases out of their sorted order (one entity needs no entity list)
        assert int(next(iter(rows))["n"].value) == 2 * 2


def test_other_blank_nodes_are_named_by_rdfc() -> None:
    """A blank node that is not a list cell: RDFC-1.0, whatever its label."""
    nt = '_:{0} <urn:p> "x" .\n<urn:s> <urn:q> _:{0} .\n'
    one, two = graph_lines("urn:g", ox.parse(nt.format("a"), ox.RdfFormat.N_TRIPLES)), \
        graph_lines("urn:g", ox.parse(nt.format("zz"), ox.RdfFormat.N_TRIPLES))
    assert one == two and all("_:k" in line for line in one)

"""Deterministic RDF serialisation of the store (private; see :mod:`kg.export`).

N-Triples, N-Quads and RDF/XML are written by pyoxigraph from the canonicalised,
sorted statements; Turtle, TriG and JSON-LD by rdflib, for their prettier layout.
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg._errors import FormatError
from kg._files import write_atomic
from kg._formats import lookup_format
from kg._xml import serialize_rdf_xml
from kg.store import to_rdflib
from kg.vocab import DEFAULT_BASE, prefixes

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

    from kg.store import Store

class RdfFormat(StrEnum):
    """An RDF format kg writes, by its short name."""

    TURTLE = "ttl"
    N_TRIPLES = "nt"
    JSON_LD = "jsonld"
    TRIG = "trig"
    N_QUADS = "nq"
    RDF_XML = "xml"

    @property
    def supports_datasets(self) -> bool:
        """True for the formats that keep named graphs (TriG, N-Quads, JSON-LD)."""
        return self in (RdfFormat.TRIG, RdfFormat.N_QUADS, RdfFormat.JSON_LD)

    @property
    def rdflib_name(self) -> str:
        """The name rdflib's parser and serializer use for this format."""
        return {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig",
                "nq": "nquads", "xml": "xml"}[self.value]

    @classmethod
    def from_name(cls, name: str) -> RdfFormat:
        """The format for a short name (``ttl``, ``nt``, ``jsonld``, ``trig``, ``nq``,
        ``xml``)."""
        return lookup_format(cls, name, _ALIASES, "RDF")

    @classmethod
    def from_extension(cls, path: str | os.PathLike[str]) -> RdfFormat:
        """The format for a file name's extension (``.ttl``, ``.json``, ``.nq``...)."""
        suffix = Path(path).suffix
        if not suffix:
            raise FormatError(f"cannot tell the RDF format of {str(path)!r}: no extension")
        try:
            return cls.from_name(suffix)
        except FormatError:
            known = ", ".join("." + f.value for f in cls)
            raise FormatError(f"unknown RDF file extension {suffix!r} (known: {known})") from None


_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
            "json": "jsonld", "nquads": "nq", "n-quads": "nq", "rdf": "xml", "rdfxml": "xml",
            "rdf-xml": "xml", "rdf/xml": "xml"}


def serialize(store: Store, fmt: RdfFormat | str, base: str | None = None) -> bytes:
    """The store's article graphs in ``fmt``, deterministic and sorted."""
    import pyoxigraph as ox

    fmt = fmt if isinstance(fmt, RdfFormat) else RdfFormat.from_name(fmt)
    dataset = ox.Dataset(store.quads())
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    if fmt is RdfFormat.N_QUADS:
        return "".join(sorted(f"{q} .\n" for q in dataset)).encode("utf-8")
    if fmt is RdfFormat.N_TRIPLES:
        return "".join(sorted({f"{q.triple} .\n" for q in dataset})).encode("utf-8")
    if fmt is RdfFormat.RDF_XML:
        triples = sorted({q.triple for q in dataset}, key=str)
        return serialize_rdf_xml(triples, _used_prefixes(base or DEFAULT_BASE, dataset))
    return _rdflib_serialize(dataset, fmt, base or DEFAULT_BASE)


def _rdflib_serialize(dataset: ox.Dataset, fmt: RdfFormat, base: str) -> bytes:
    import rdflib

    ds = rdflib.Dataset()
    union = rdflib.Graph()
    _bind(ds, base, dataset)
    _bind(union, base, dataset)
    # rdflib writes graphs in the order they were created: create them sorted.
    for q in sorted(dataset, key=lambda q: (q.graph_name.value, str(q))):
        triple = (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        if fmt is RdfFormat.TURTLE:
            union.add(triple)
        else:
            ds.graph(rdflib.URIRef(q.graph_name.value)).add(triple)
    if fmt is RdfFormat.TURTLE:
        return union.serialize(format="turtle", encoding="utf-8")
    if fmt is RdfFormat.TRIG:
        return _trig(ds)
    context = {k: v for k, v in _used_prefixes(base, dataset).items()}
    text = ds.serialize(format="json-ld", context=context, encoding="utf-8")
    return _sorted_json(json.loads(text)).encode("utf-8")


def _used_prefixes(base: str, dataset: ox.Dataset) -> dict[str, str]:
    found = prefixes(base)
    iris = {t.value for q in dataset for t in (q.subject, q.predicate, q.object)
            if hasattr(t, "value") and type(t).__name__ == "NamedNode"}
    if any(i.startswith("http://schema.org/") for i in iris):
        found["schema"] = "http://schema.org/"
    return {k: v for k, v in found.items() if any(i.startswith(v) for i in iris)}


def _bind(graph: rdflib.Graph, base: str, dataset: ox.Dataset) -> None:
    for prefix, ns in _used_prefixes(base, dataset).items():
        graph.bind(prefix, ns, override=True, replace=True)


def _trig(ds: Any) -> bytes:
    """TriG with the graphs in sorted order (rdflib's own order of graphs follows the
    hashes of their names, which change from one process to the next)."""
    import rdflib

    prefixes: dict[str, None] = {}
    bodies: list[str] = []
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        one = rdflib.Dataset()
        for prefix, ns in ds.namespaces():
            one.bind(prefix, ns, replace=True)
        one.graph(ctx.identifier).__iadd__(ctx)
        text = one.serialize(format="trig")
        lines = text.splitlines(keepends=True)
        prefixes.update(dict.fromkeys(x for x in lines if x.startswith("@prefix")))
        bodies.append("".join(x for x in lines if not x.startswith("@prefix")).strip("\n"))
    head = "".join(prefixes)
    return (head + "\n" + "\n\n".join(bodies) + "\n").encode("utf-8")


def _sorted_json(data: Any) -> str:
    def key(node: Any) -> str:
        return json.dumps(node, sort_keys=True, ensure_ascii=False)

    def walk(node: Any, ordered: bool = False) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, ordered=k == "@list") for k, v in node.items()}
        if isinstance(node, list):
            items = [walk(v) for v in node]
            # An "@list" is an rdf:List: its order is data. Other arrays are sets.
            return items if ordered else sorted(items, key=key)
        return node

    return json.dumps(walk(data), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def export(store: Store, fmt: RdfFormat | str, out_path: str | os.PathLike[str] | None = None,
           base: str | None = None) -> bytes:
    """Serialise the store; write it to ``out_path`` atomically if given.

    The file is written to a temporary file in the same folder and renamed over the
    target, so a reader never sees half a file. Returns the bytes either way.
    """
    data = serialize(store, fmt, base)
    if out_path is not None:
        write_atomic(Path(out_path), data)
    return data


def triples_written(s: Store, fmt: RdfFormat) -> str:
    """How many triples an export holds, in the words of the README's counts."""
    from kg.store import counts, distinct_triples

    found = counts(s)
    graphs = f"{found.articles} article graph{'s' if found.articles != 1 else ''}"
    if fmt.supports_datasets:
        return f"{found.triples} triples in {graphs}"
    return (f"{distinct_triples(s)} distinct triples (the {found.triples} triples of the "
            f"{graphs}, each once)")

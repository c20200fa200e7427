"""Writing the static site (private; see :mod:`kg.publish`)."""

from __future__ import annotations

import os
import posixpath
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from kg._errors import InputError
from kg.vocab import DEFAULT_BASE, ONTOLOGY_IRI, check_base, prefixes
from kg.web import (
    DEFAULT_LICENSE,
    STATIC,
    VOID_PREFIXES,
    Linker,
    class_key,
    class_page,
    describe,
    home_page,
    labels,
    render_resource,
    schema_org,
    serialize_graph,
    split_fragment,
    stats,
    void_triples,
)

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["PublishResult", "publish"]

_MARKER = ".kg-site"
_SEGMENT = re.compile(r"^[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*$")


@dataclass
class PublishResult:
    """What was written."""

    pages: int = 0
    classes: int = 0
    files: int = 0
    bytes: int = 0
    skipped: int = 0


def _rel_path(iri: str, base: str) -> str | None:
    """The site path of a resource (``id/state/russia``), or None if unsafe."""
    rel = iri[len(base):]
    segments = rel.split("/")
    if not rel or not all(_SEGMENT.match(s) and s not in (".", "..") for s in segments):
        return None
    return rel


class _Site:
    def __init__(self, root: Path, base: str, prefixes: dict[str, str]) -> None:
        self.root = root
        self.base = base
        self.prefixes = prefixes
        self.paths: dict[str, str] = {}
        self.result = PublishResult()

    def write(self, rel: str, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        self.result.files += 1
        self.result.bytes += len(raw)

    def linker(self, page: str) -> Linker:
        here = posixpath.dirname(page) or "."

        def rel(target: str) -> str:
            return posixpath.relpath(target, here)

        def href(iri: str) -> str | None:
            if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
                return rel("ontology.html") + iri[len(ONTOLOGY_IRI):]
            path = self.paths.get(split_fragment(iri))
            if path is None:
                return None
            return rel(path + ".html") + iri[len(split_fragment(iri)):]

        return Linker(href=href, asset=lambda n: rel(n), home=rel("index.html"),
                      prefixes=self.prefixes,
                      nav=[("ontology", rel("ontology.html")), ("VoID", rel("void.ttl"))])


def _prepare(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / _MARKER).is_file():
        raise InputError("folder is not empty and was not written by kg publish; "
                         "give a new or empty folder", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    return _new_folder(out.parent, f".{out.name}.")


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new, empty folder in ``parent``, with the modes of ``mkdir`` (0777 less the
    umask: 755 as usual), so that a web server running as another user can read the
    site; ``tempfile.mkdtemp`` would make it 700."""
    for _ in range(100):
        folder = parent / (prefix + secrets.token_hex(6))
        try:
            folder.mkdir(0o777)
        except FileExistsError:
            continue
        return folder
    raise InputError("cannot make a temporary folder beside it", str(parent))


def _swap(tmp: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def publish(store: Store, out: str | os.PathLike[str], base: str = DEFAULT_BASE,
            *, license_iri: str = DEFAULT_LICENSE, sparql: str | None = None) -> PublishResult:
    """Write the site for ``store`` into ``out`` (replaced whole when it was a kg site)."""
    import pyoxigraph as ox

    from kg._resources import ontology_path
    from kg.export import serialize

    check_base(base, served=True)
    out = Path(out)
    tmp = _prepare(out)
    try:
        pfx = prefixes(base)
        rdf_pfx = {k: v for k, v in pfx.items() if k != "kg"}
        site = _Site(tmp, base, pfx)
        st = stats(store, base)
        for iri in st.resources:
            rel = _rel_path(iri, base)
            if rel is None:
                site.result.skipped += 1
                continue
            site.paths[iri] = rel
        for iri, rel in site.paths.items():
            desc = describe(store.ox, iri)
            page = rel + ".html"
            name = posixpath.basename(rel)
            html = render_resource(desc, site.linker(page), jsonld=schema_org(desc),
                                   alternates={"Turtle": name + ".ttl",
                                               "JSON-LD": name + ".jsonld",
                                               "RDF/XML": name + ".rdf"})
            site.write(page, html)
            site.write(rel + ".ttl", serialize_graph(desc.triples(), "ttl", rdf_pfx))
            site.write(rel + ".jsonld", serialize_graph(desc.triples(), "jsonld"))
            site.write(rel + ".rdf", serialize_graph(desc.triples(), "xml", rdf_pfx))
            site.result.pages += 1
        member_labels = labels(store.ox, [m for ms in st.members.values() for m in ms])
        class_href: dict[str, str] = {}
        for cls, members in st.members.items():
            key = class_key(cls, pfx)
            page = f"classes/{key}.html"
            shown = [m for m in members if m in site.paths]
            site.write(page, class_page(cls, shown, member_labels, site.linker(page)))
            class_href[cls] = page
            site.result.classes += 1
        onto = ox.Store()
        onto.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        onto_desc = describe(onto, ONTOLOGY_IRI, scan_fragments=True)
        site.write("ontology.html", render_resource(
            onto_desc, site.linker("ontology.html"), alternates={"Turtle": "ontology.ttl"}))
        site.write("ontology.ttl", ontology_path().read_bytes())
        void_iri = base + "void"
        void = serialize_graph(void_triples(st, base, endpoint=sparql, license_iri=license_iri,
                                            void_iri=void_iri, dumps=[base + "dump.nt"]),
                               "ttl", VOID_PREFIXES)
        site.write("void.ttl", void)
        site.write(".well-known/void", void)
        site.write("dump.nt", serialize(store, "nt", base))
        site.write("style.css", (STATIC / "style.css").read_bytes())
        site.write("index.html", home_page(st, site.linker("index.html"), class_href, [
            ("ontology", "ontology.html"), ("VoID description (Turtle)", "void.ttl"),
            ("all data (N-Triples)", "dump.nt")]))
        site.write("sitemap.xml", _sitemap(base, ["index.html", *(
            p + ".html" for p in site.paths.values()), *class_href.values()]))
        site.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
        site.write(_MARKER, "written by kg publish\n")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return site.result


def _sitemap(base: str, pages: list[str]) -> str:
    urls = "".join(f"<url><loc>{xml_escape(base + p)}</loc></url>\n" for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n")



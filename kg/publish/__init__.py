"""``kg publish``: a static linked-data site, for hosting with no server process.

One HTML page per entity, fact and article (``{path of the IRI}.html``, with its
schema.org JSON-LD embedded), its ``.ttl`` and ``.jsonld`` beside it, an index page
per class, the ontology's page, the VoID (``void.ttl`` and ``.well-known/void``), a
full N-Triples dump, ``sitemap.xml`` and ``robots.txt``. Links are relative, so the
site works from any folder of any static server; the README shows an nginx snippet
that serves ``/id/state/russia`` by content negotiation.

>>> import tempfile, pathlib
>>> from kg.pipeline import build
>>> from kg.store import open_store
>>> with tempfile.TemporaryDirectory() as d:
...     _ = build(None, f"{d}/store")
...     with open_store(f"{d}/store", read_only=True) as s:
...         r = publish(s, f"{d}/site")
...     (pathlib.Path(d, "site", "id", "state", "russia.html").is_file(), r.pages > 20)
(True, True)
"""

from kg.publish._site import PublishResult, publish

__all__ = ["PublishResult", "publish"]

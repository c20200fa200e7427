"""The build pipeline: articles -> facts -> RDF -> SHACL -> store.

The one API that ``kg build``, the Dask workers and a notebook call alike:
:func:`build` with its :class:`BuildOptions`, what it gives back (:class:`BuildResult`),
the per-article work (:func:`build_one`, :func:`build_chunk`, :class:`Work`,
:func:`source_hash`), a progress bar, and one article's facts (:func:`extract_file`).

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as d:  # the bundled seed article
...     result = build(None, d, BuildOptions(workers=1))
...     (result.articles, result.store == Path(d))
(1, True)
>>> from kg.read import parse_article
>>> len(source_hash(parse_article("MINSK, May 1. Talks.", "a1"), "https://x.org/"))
64
"""

from kg.pipeline._build import BuildResult, build
from kg.pipeline._inputs import extract_file, seed_article
from kg.pipeline._options import BuildOptions, Work
from kg.pipeline._progress import progress_bar
from kg.pipeline._work import Built, build_chunk, build_one, source_hash, without_mentions
from kg.vocab import default_base

__all__ = [
    "BuildOptions",
    "BuildResult",
    "Built",
    "Work",
    "build",
    "build_chunk",
    "build_one",
    "default_base",
    "extract_file",
    "progress_bar",
    "seed_article",
    "source_hash",
    "without_mentions",
]

"""Corrections that survive a rebuild: the analysts' curation folder (``kg build
--curation DIR``) and the review sheet (``kg review``).

A curation folder holds plain JSON files a person edits and version control diffs:

* ``articles/ID.json``, one per article: facts to ``remove`` and to mark ``reviewed`` (by
  their key), fields to ``change``, facts to ``add`` (in the facts format), and the
  ``entities`` the added facts name beyond those extracted;
* ``entities.json``: corpus-wide ``operations`` on entities: ``merge``, ``split``,
  ``wikidata`` (set the id), ``label`` (prefer a name).

Every correction says who made it and when (``by``, ``when``) and may say why
(``why``). A build applies them to the facts as extracted and records their provenance
in PROV-O (:mod:`kg.curate._rdf`); a correction that finds nothing to correct is stale
and reported.

>>> from kg.facts import Document
>>> doc = Document.from_dict({"article": {"id": "a1"},
...     "entities": [{"id": "cfe", "type": "Treaty", "name": "CFE Treaty"}],
...     "facts": [{"kind": "entered_into_force", "treaty": "cfe", "when": "1992"}]})
>>> fact_keys(doc)
['entered_into_force-046a8acf7f0d']
"""

from kg.curate._apply import Curated, Note, apply_curation
from kg.curate._build import annotate, curate_built, effective_hashes, finish, stale_corrections
from kg.curate._keys import entity_path, entity_paths, fact_keys
from kg.curate._model import ArticleCuration, Curation, EntityOp, FactOp, Made, load_curation
from kg.curate._review import (
    apply_rows,
    curated_reader,
    read_articles,
    read_sheet,
    write_sheet,
)

__all__ = [
    "ArticleCuration",
    "Curated",
    "Curation",
    "EntityOp",
    "FactOp",
    "Made",
    "Note",
    "annotate",
    "apply_curation",
    "apply_rows",
    "curate_built",
    "curated_reader",
    "effective_hashes",
    "entity_path",
    "entity_paths",
    "fact_keys",
    "finish",
    "load_curation",
    "read_articles",
    "read_sheet",
    "stale_corrections",
    "write_sheet",
]

"""kg: a knowledge-graph builder for arms-control and diplomacy news.

Read an article, extract its facts, map them to RDF, validate with SHACL, store,
query and export. The command line (``kg``) is a thin layer over these functions.
"""

from kg._errors import (
    FactsError,
    FormatError,
    InputError,
    KgError,
    QueryError,
    StoreBusyError,
    StoreError,
    ValidationError,
)
from kg.facts import Document, Entity, Evidence, Fact

__all__ = [
    "Document",
    "Entity",
    "Evidence",
    "Fact",
    "FactsError",
    "FormatError",
    "InputError",
    "KgError",
    "QueryError",
    "StoreBusyError",
    "StoreError",
    "ValidationError",
    "__version__",
]

__version__ = "0.1.0"

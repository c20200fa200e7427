"""Where the shipped ontology and shapes live (in the wheel or in a source checkout).

>>> ontology_path().name, shapes_path().name
('kg.ttl', 'kg-shapes.ttl')
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["ontology_path", "shapes_path"]


def _find(folder: str, name: str) -> Path:
    try:
        packaged = resources.files("kg").joinpath("_resources", folder, name)
        if packaged.is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover
        pass
    return Path(__file__).resolve().parents[1] / folder / name


def ontology_path() -> Path:
    """The ontology (Turtle): ``kg/_resources/ontology/kg.ttl`` in a wheel, else ``ontology/``."""
    return _find("ontology", "kg.ttl")


def shapes_path() -> Path:
    """The SHACL shapes: ``kg/_resources/shapes/kg-shapes.ttl`` in a wheel, else ``shapes/``."""
    return _find("shapes", "kg-shapes.ttl")

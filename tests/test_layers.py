"""kg's layers, kept by a check of every import in kg/ (the imports inside functions
and under TYPE_CHECKING included):

- the core (facts, schema, extract, map, validate, store) imports no CLI, HTTP or view
  code;
- nothing imports a private module (a ``_name``) of another package: a package's
  private modules are for that package (kg's own ``kg/_*.py`` are for all of kg);
- kg's packages do not import each other in a cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

#: The core: what builds and keeps the graph, with no user interface.
CORE = ("kg.facts", "kg.schema", "kg.vocab", "kg.extract", "kg.map", "kg.validate", "kg.store")
#: The command line, HTTP, the pages and the views.
OUTER = ("kg.cli", "kg.serve", "kg.web", "kg.publish", "kg.push", "kg._http", "kg.graph",
         "typer", "click", "rich", "starlette", "uvicorn", "httpx", "urllib.request",
         "http.server", "matplotlib", "networkx")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the modules it imports (``from a import b`` counts as ``a.b`` when ``a.b``
    is a module of kg, else as ``a``)."""
    modules = {_module_name(p): p for p in KG.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the importer's package
                    pkg = name.split(".") if is_package else name.split(".")[:-1]
                    pkg = pkg[: len(pkg) - node.level + 1]
                    base = ".".join([*pkg, base] if base else pkg)
                for a in node.names:
                    full = f"{base}.{a.name}"
                    names.add(full if full in modules else base)
        found[name] = names
    return found


IMPORTS = _imports()


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_core_imports_no_cli_http_or_view_code() -> None:
    bad = sorted(f"{m} imports {i}" for m, imports in IMPORTS.items() if _within(m, CORE)
                 for i in imports if _within(i, OUTER))
    assert not bad, "\n".join(bad)


def _private_owner(module: str) -> str | None:
    """The package whose private module ``module`` is (None: not a private module)."""
    parts = module.split(".")
    for n, part in enumerate(parts[1:], 1):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:n])
    return None


#: Known exceptions, to be removed as they are fixed (each: importer, imported).
PRIVATE_EXCEPTIONS: set[tuple[str, str]] = set()


def test_nothing_imports_a_private_module_of_another_package() -> None:
    bad = []
    for m, imports in IMPORTS.items():
        for i in imports:
            owner = _private_owner(i)
            if owner is not None and i.startswith("kg.") and not _within(m, (owner,)) \
                    and (m, i) not in PRIVATE_EXCEPTIONS:
                bad.append(f"{m} imports {i} (private to {owner})")
    assert not sorted(bad), "\n".join(sorted(bad))


def test_the_exceptions_are_still_needed() -> None:
    stale = sorted(e for e in PRIVATE_EXCEPTIONS if e[1] not in IMPORTS.get(e[0], set()))
    assert not stale, f"no longer imported, remove from PRIVATE_EXCEPTIONS: {stale}"


def _package(module: str) -> str:
    """The package of kg a module belongs to: ``kg.map._to_rdf`` -> ``kg.map``; kg's own
    top-level modules each count as one (``kg.facts``)."""
    return ".".join(module.split(".")[:2])


def test_packages_import_each_other_in_no_cycle() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for m, imports in IMPORTS.items():
        for i in imports:
            if i.startswith("kg.") and _package(i) != _package(m):
                graph[_package(m)].add(_package(i))
    cycles = set()
    for start in list(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycles.add(" -> ".join([*path, start]))
                elif nxt not in path and len(path) < 6:
                    stack.append((nxt, [*path, nxt]))
    assert not cycles, "\n".join(sorted(cycles))


@pytest.mark.parametrize("module", ["kg.cli.facts", "kg.cli.build", "kg.cli.graph",
                                    "kg.cli.web"])
def test_command_modules_import_nothing_back(module: str) -> None:
    back = sorted(i for i in IMPORTS[module] if i == "kg.cli" or i == "kg.cli._parser")
    assert not back, f"{module} imports {back}"

"""Write the indexed queries' ``.rq`` files again from their layouts, keeping each
file's header comments: ``python -m kg.index``."""

from __future__ import annotations

from pathlib import Path


def main() -> int:
    from kg.index._layouts import LAYOUTS
    from kg.index._rq import query_body

    folder = Path(__file__).resolve().parents[1] / "query" / "queries"  # kg.query's
    for name, layout in sorted(LAYOUTS.items()):
        path = folder / f"{name}.rq"
        text = path.read_text("utf-8")
        path.write_text(text[:text.index("PREFIX kgo:")] + query_body(layout), "utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

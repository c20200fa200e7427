"""Validation benchmark: pySHACL against the compiled shapes (SPARQL on pyoxigraph), as a
table, and the differential agreement of the two over seeded mutations.

    .venv/bin/python benchmarks/bench_validate.py [--graphs 200] [--mutations 2000]

The graphs are seeded mutations (1 to 3 changes each) of real article graphs: the bundled
seed and the held-out articles extracted and mapped as the build does, and the facts
fixtures (tests/_mutations.py). Each engine validates the same graphs, given as the
build gives them (pySHACL the rdflib graph, the compiled engine its N-Triples); times
are CPU milliseconds per article (process time), the ratio is to pySHACL in the same
run. The differential counts the graphs whose reports agree in every result's focus
node, path, shape, severity, value, message and component.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def _cpu_ms(fn: object, n: int) -> float:
    start = time.process_time()
    fn()  # type: ignore[operator]
    return (time.process_time() - start) * 1000 / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graphs", type=int, default=200)
    ap.add_argument("--mutations", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=50)
    args = ap.parse_args()

    from _mutations import mutants, rdflib_graph
    from test_validate_compiled import key

    from kg.store import ntriples
    from kg.validate import quiet_literals, validate, validate_batch, validate_triples

    def prepared(n: int) -> tuple[list[tuple[str, object]], list[tuple[str, str]]]:
        graphs = [(name, rdflib_graph(g)) for name, g in mutants(n)]
        return graphs, [(name, ntriples(g)) for name, g in graphs]

    graphs, texts = prepared(args.graphs)
    validate_triples(texts[0][1])  # compile once, outside the timing
    with quiet_literals():
        validate(graphs[0][1])  # type: ignore[arg-type]
        ref = _cpu_ms(lambda: [validate(g) for _, g in graphs], len(graphs))
    one = _cpu_ms(lambda: [validate_triples(t) for _, t in texts], len(texts))
    b = args.batch
    batched = _cpu_ms(lambda: [validate_batch(texts[i:i + b]) for i in range(0, len(texts), b)],
                      len(texts))
    size = sum(len(t.splitlines()) for _, t in texts) / len(texts)
    print(f"{len(graphs)} article graphs (mutated), {size:.0f} triples each on average\n")
    print(f"{'engine':<34} {'ms/article (CPU)':>17} {'x pySHACL':>10}")
    for name, ms in [("pySHACL (kg validate)", ref), ("compiled, one article per call", one),
                     (f"compiled, batches of {b}", batched)]:
        print(f"{name:<34} {ms:>17.2f} {ref / ms:>10.1f}")

    graphs, texts = prepared(args.mutations)
    new: dict[str, object] = {}
    for i in range(0, len(texts), b):
        new.update(validate_batch(texts[i:i + b]))
    agree = results = 0
    with quiet_literals():
        for name, g in graphs:
            r = validate(g)  # type: ignore[arg-type]
            results += len(r.results)
            n = new[name]
            agree += (r.conforms, key(r)) == (n.conforms, key(n))  # type: ignore[attr-defined]
    print(f"\ndifferential: {agree} of {len(graphs)} mutated graphs agree "
          f"({results} pySHACL results in all)")


if __name__ == "__main__":
    main()

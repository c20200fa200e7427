"""The facts of each extraction rule judged against gold: the by-rule table and the
confidence table the extractor ships (``kg/data/rule-confidence.tsv``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.evaluate._score import EvalResult, prf

__all__ = ["confidence_table", "rule_table", "save_confidence"]

_HEADER = ("# rule\ttp\tfp\tconfidence\n"
           "# The precision of each extraction rule on annotated real news, smoothed to one\n"
           "# half: (tp + 1) / (tp + fp + 2). Made by: kg eval GOLD --by-rule --save-confidence\n")


def _names(result: EvalResult) -> list[str]:
    from kg.extract.rules import all_rules

    named = [r.name for r in all_rules() if not r.parts]
    return named + sorted(set(result.rules) - set(named))


def rule_table(result: EvalResult) -> str:
    """One line per rule: the facts it found that matched gold (tp) and did not (fp)."""
    from kg.extract import smoothed

    lines = [f"{'rule':<34}{'tp':>5}{'fp':>5}{'P':>8}{'conf':>8}"]
    for name in _names(result):
        tp, fp = result.rules.get(name, [0, 0])
        p = prf(tp, fp, 0)[0] if tp + fp else 0.0
        lines.append(f"{name:<34}{tp:>5}{fp:>5}{p:>8.3f}{smoothed(tp, fp):>8.3f}")
    return "\n".join(lines)


def confidence_table(result: EvalResult) -> str:
    """The confidence table as text (tab-separated, sorted by rule)."""
    from kg.extract import smoothed

    rows = []
    for name in sorted(_names(result)):
        if name == "?":
            continue
        tp, fp = result.rules.get(name, [0, 0])
        rows.append(f"{name}\t{tp}\t{fp}\t{smoothed(tp, fp)}\n")
    return _HEADER + "".join(rows)


def save_confidence(result: EvalResult, path: Path | None = None) -> Path:
    """Write the confidence table (by default into the package's data folder), whole or
    not at all."""
    from importlib import resources

    from kg.extract import CONFIDENCE_FILE as FILE

    target = path or Path(str(resources.files("kg").joinpath(*FILE)))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".conf-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(confidence_table(result))
    os.replace(tmp, target)
    return target

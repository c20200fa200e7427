from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg._errors import InputError
from kg.schema import FACT_KINDS

# The scoring tables, from the one schema: a fact matches on its required fields;
# optional fields are scored apart, lists by the overlap of their sets.
REQUIRED = {kind: list(spec.required) for kind, spec in FACT_KINDS.items()}
OPTIONAL = {kind: [f.name for f in spec.optional_fields] for kind, spec in FACT_KINDS.items()}
ENTITY_FIELDS = {f.name for spec in FACT_KINDS.values() for f in spec if f.is_entity}
LIST_FIELDS = {f.name for spec in FACT_KINDS.values() for f in spec if f.is_list}
_POSITION_SYNONYMS = [
    (r"\bdefense\b", "defence"),
    (r"^foreign minister$", "minister of foreign affairs"),
    (r"^deputy foreign minister$", "deputy minister of foreign affairs"),
    (r"^defence minister$", "minister of defence"),
    (r"^minister for foreign affairs$", "minister of foreign affairs"),
]


def norm(text: Any) -> str:
    out = unicodedata.normalize("NFKC", str(text)).casefold().replace("’", "'").replace("‘", "'")
    out = re.sub(r"[.\"“”«»]", "", out)
    out = re.sub(r"^the\s+", "", out.strip())
    return re.sub(r"\s+", " ", out).strip()


def _norm_position(text: str) -> str:
    out = norm(text)
    for pattern, repl in _POSITION_SYNONYMS:
        out = re.sub(pattern, repl, out)
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class EvalResult:
    """Counts per fact kind and entity type, and optional-field accuracy."""

    facts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    entities: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    fields: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0]))
    documents: int = 0
    misses: list[str] = field(default_factory=list)
    #: rule name -> [tp, fp]: how the facts each extraction rule found were judged
    rules: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def total(self, table: dict[str, list[int]]) -> tuple[float, float, float]:
        tp, fp, fn = (sum(v[i] for v in table.values()) for i in range(3))
        return prf(tp, fp, fn)

    @property
    def field_accuracy(self) -> float:
        n = sum(v[1] for v in self.fields.values())
        return sum(v[0] for v in self.fields.values()) / n if n else 0.0

    def table(self) -> str:
        """The report as aligned text: per kind, per type, field accuracy, summary line."""
        lines = []
        for title, table in (("fact kind", self.facts), ("entity type", self.entities)):
            lines.append(f"{title:<22}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
            for name in sorted(table):
                tp, fp, fn = table[name]
                p, r, f = prf(tp, fp, fn)
                lines.append(f"{name:<22}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
            tp, fp, fn = (sum(v[i] for v in table.values()) for i in range(3))
            p, r, f = prf(tp, fp, fn)
            label = "ALL " + ("facts" if title == "fact kind" else "entities")
            lines.append(f"{label:<22}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
            lines.append("")
        if self.fields:
            lines.append("optional-field accuracy over matched facts")
            for key in sorted(self.fields):
                total, n = self.fields[key]
                lines.append(f"  {key:<34}{total / n:>7.3f}  (n={int(n)})")
            lines.append("")
        fp_, fr, ff = self.total(self.facts)
        _, _, ef = self.total(self.entities)
        lines.append(
            f"facts F1 {ff:.3f} (P {fp_:.3f} R {fr:.3f}); entities F1 {ef:.3f}; "
            f"field accuracy {self.field_accuracy:.3f}; {self.documents} articles"
        )
        return "\n".join(lines)


class _Doc:
    def __init__(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        self.gold_entities = {e["id"]: e for e in gold.get("entities", [])}
        self.pred_entities = {e["id"]: e for e in pred.get("entities", []) if "id" in e}
        self.map = {
            pid: {gid for gid, g in self.gold_entities.items() if _same_entity(p, g)}
            for pid, p in self.pred_entities.items()
        }

    def same(self, name: str, pv: Any, gv: Any) -> bool:
        if pv is None or gv is None:
            return False
        if name in ENTITY_FIELDS:
            return gv in self.map.get(pv, set())
        if name == "position":
            return _norm_position(pv) == _norm_position(gv)
        return norm(pv) == norm(gv)

    def field_score(self, name: str, pred: dict[str, Any], gold: dict[str, Any]) -> float:
        if name not in LIST_FIELDS:
            return 1.0 if self.same(name, pred.get(name), gold.get(name)) else 0.0
        pv, gv = pred.get(name) or [], gold.get(name) or []
        gs: set[Any]
        ps: set[Any]
        if name == "quotes":
            gs = {norm(q).strip(",. ") for q in gv}
            ps = {norm(q).strip(",. ") for q in pv}
        elif name == "signatory_groups":
            gs = {(g.get("group"), g.get("count")) for g in gv}
            ps = {(gid, p.get("count")) for p in pv for gid in self.map.get(p.get("group"), set())}
        else:
            gs = set(gv)
            ps = {gid for p in pv for gid in self.map.get(p, set())}
        if not gs and not ps:
            return 1.0
        return len(gs & ps) / len(gs | ps)


def _names(e: dict[str, Any]) -> set[str]:
    out = {norm(e.get("name", ""))} | {norm(a) for a in e.get("aliases") or []}
    out.discard("")
    return out


def _same_entity(p: dict[str, Any], g: dict[str, Any]) -> bool:
    if p.get("wikidata") and p.get("wikidata") == g.get("wikidata"):
        return True
    return bool(_names(p) & _names(g))


def score_documents(pairs: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> EvalResult:
    """Score (name, gold, predicted) facts documents."""
    res = EvalResult()
    for name, gold, pred in pairs:
        res.documents += 1
        doc = _Doc(gold, pred)
        used: set[str] = set()
        for g in gold.get("entities", []):
            hit = next(
                (
                    pid
                    for pid, p in doc.pred_entities.items()
                    if pid not in used and p.get("type") == g.get("type") and _same_entity(p, g)
                ),
                None,
            )
            if hit:
                used.add(hit)
                res.entities[g["type"]][0] += 1
            else:
                res.entities[g["type"]][2] += 1
        for pid, p in doc.pred_entities.items():
            if pid not in used:
                res.entities[p.get("type", "?")][1] += 1
        preds = [f for f in pred.get("facts", []) if isinstance(f, dict)]
        taken: set[int] = set()
        for g in gold.get("facts", []):
            kind = g["kind"]
            cands = [
                i
                for i, p in enumerate(preds)
                if i not in taken
                and p.get("kind") == kind
                and all(doc.same(f, p.get(f), g.get(f)) for f in REQUIRED[kind])
            ]
            if not cands:
                res.facts[kind][2] += 1
                res.misses.append(f"{name}: missed {json.dumps(g, ensure_ascii=False)[:160]}")
                continue
            best = max(
                cands,
                key=lambda i: sum(
                    doc.field_score(f, preds[i], g) for f in OPTIONAL[kind] if f in g
                ),
            )
            taken.add(best)
            res.facts[kind][0] += 1
            for f in OPTIONAL[kind]:
                if f in g:
                    acc = res.fields[f"{kind}.{f}"]
                    acc[0] += doc.field_score(f, preds[best], g)
                    acc[1] += 1
        for i, p in enumerate(preds):
            if i not in taken:
                res.facts[str(p.get("kind", "?"))][1] += 1
            res.rules[str(p.get("rule") or "?")][0 if i in taken else 1] += 1
    return res


def evaluate(
    gold_dir: Path, extract: Callable[[Path], dict[str, Any]], articles: Path | None = None
) -> EvalResult:
    """Run ``extract`` on every article that has a gold file and score the result."""
    if not gold_dir.exists():
        raise InputError("no such folder", str(gold_dir))
    if not gold_dir.is_dir():
        raise InputError("not a folder (give the folder of gold facts NAME.json)",
                         str(gold_dir))
    folder = articles or gold_dir.parent / "articles"
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read gold facts: {exc}", str(gold_path)) from None
        article = folder / f"{gold_path.stem}.txt"
        if not article.exists():
            raise InputError(f"no article {article.name} for this gold file", str(gold_path))
        pairs.append((gold_path.stem, gold, extract(article)))
    if not pairs:
        raise InputError("no gold files (*.json) in the folder", str(gold_dir))
    return score_documents(pairs)

"""The review sheet: one row per fact, as CSV for a spreadsheet and as facts JSON
(private; see :mod:`kg.curate`).

A row holds the fact (article, key, kind, fields as JSON with entity ids, a readable
summary), its evidence sentence and offsets, the rule and confidence that found it, and
the reviewer's ``decision`` (empty: not reviewed; ``accept``, ``reject``, ``change``: the
``fields`` cell as edited; ``add``: a new fact, no key) and ``note``. The JSON form is
``{"kg_review": 1, "documents": [facts documents], "rows": [[per fact: key, decision,
note, extracted]]}``: each document is in the facts format, its facts beside their rows.

>>> row = Row("a1", "entered_into_force-046a8acf7f0d", "accept", "entered_into_force",
...           {"treaty": "cfe", "when": "1992"})
>>> rows_from_csv(rows_to_csv([row]), "sheet.csv") == [row]
True
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from kg._errors import InputError

__all__ = ["COLUMNS", "DECISIONS", "Row", "rows_from_csv", "rows_from_json", "rows_to_csv",
           "rows_to_json"]

DECISIONS = ("", "accept", "reject", "change", "add")
COLUMNS = ("decision", "note", "article", "key", "kind", "summary", "fields", "sentence",
           "rule", "confidence", "start", "end", "extracted")
_FORMAT = 1


@dataclass
class Row:
    """One fact of the sheet. ``extracted`` is the fields as extracted (to tell what a
    change changes); ``summary`` is for reading only."""

    article: str
    key: str
    decision: str
    kind: str
    fields: dict[str, Any]
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float | None = None
    note: str = ""
    extracted: dict[str, Any] = field(default_factory=dict)
    summary: str = field(default="", compare=False)

    def fact(self) -> dict[str, Any]:
        """The row's fact in the facts format."""
        d: dict[str, Any] = {"kind": self.kind, **self.fields}
        if self.sentence is not None and self.start is not None and self.end is not None:
            d["evidence"] = {"sentence": self.sentence, "start": self.start, "end": self.end}
        if self.rule is not None:
            d["rule"] = self.rule
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def rows_to_csv(rows: list[Row]) -> str:
    """The sheet as CSV text (RFC 4180, a header line; write it as UTF-8 with a BOM so
    that spreadsheets read the encoding)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r.decision, r.note, r.article, r.key, r.kind, r.summary, _dumps(r.fields),
                    r.sentence or "", r.rule or "",
                    "" if r.confidence is None else repr(r.confidence),
                    "" if r.start is None else r.start, "" if r.end is None else r.end,
                    _dumps(r.extracted) if r.extracted else ""])
    return out.getvalue()


def _cell_json(text: str, what: str, where: str, line: int) -> dict[str, Any]:
    try:
        value = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise InputError(f"the {what} cell is not JSON: {exc.msg}", where, line) from None
    if not isinstance(value, dict):
        raise InputError(f"the {what} cell must be a JSON object of fields", where, line)
    return value


def _number(text: str, cast: Any, what: str, where: str, line: int) -> Any:
    if not text.strip():
        return None
    try:
        return cast(text)
    except ValueError:
        raise InputError(f"the {what} cell is not a number: {text!r}", where, line) from None


def _decision(text: str, where: str, line: int | None) -> str:
    d = text.strip().lower()
    if d not in DECISIONS:
        raise InputError(f"decision must be empty, accept, reject, change or add, not "
                         f"{text!r}", where, line)
    return d


def rows_from_csv(text: str, where: str) -> list[Row]:
    """Read a sheet back from CSV text (as written, or as a spreadsheet saved it)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("decision", "article", "key", "kind", "fields")
               if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"not a review sheet: no column {missing[0]!r}", where, 1)
    rows = []
    for rec in reader:
        line = reader.line_num
        get = {k: (v or "") for k, v in rec.items() if k is not None}.get
        if not any((get(c) or "").strip() for c in COLUMNS):
            continue  # an empty line a spreadsheet left
        row = Row(get("article", ""), get("key", ""), _decision(get("decision", ""), where, line),
                  get("kind", ""), _cell_json(get("fields", ""), "fields", where, line),
                  get("sentence") or None, _number(get("start", ""), int, "start", where, line),
                  _number(get("end", ""), int, "end", where, line), get("rule") or None,
                  _number(get("confidence", ""), float, "confidence", where, line),
                  get("note", ""), _cell_json(get("extracted", ""), "extracted", where, line),
                  get("summary", ""))
        _check(row, where, line)
        rows.append(row)
    return rows


def _check(row: Row, where: str, line: int | None) -> None:
    if not row.article:
        raise InputError("a row needs its article", where, line)
    if row.decision == "add" and not row.kind:
        raise InputError("an added fact needs its kind", where, line)
    if row.decision not in ("", "add") and not row.key:
        raise InputError(f"a row decided {row.decision!r} needs the fact's key", where, line)


def rows_to_json(rows: list[Row], documents: dict[str, dict[str, Any]],
                 extracted: dict[str, list[str]] | None = None) -> str:
    """The sheet as JSON: each article's facts document (its facts replaced by the
    rows'), the review of each fact beside it, and the ids of the entities extracted
    (the others are those the added facts name)."""
    docs, reviews, ids = [], [], []
    for article, doc in documents.items():
        mine = [r for r in rows if r.article == article]
        docs.append({**doc, "facts": [r.fact() for r in mine]})
        reviews.append([{"key": r.key, "decision": r.decision, "note": r.note,
                         "extracted": r.extracted} for r in mine])
        ids.append((extracted or {}).get(article, [e["id"] for e in doc.get("entities", [])]))
    return json.dumps({"kg_review": _FORMAT, "documents": docs, "rows": reviews,
                       "extracted_entities": ids}, ensure_ascii=False, indent=1) + "\n"


def rows_from_json(text: str, where: str) -> tuple[list[Row], dict[str, dict[str, Any]]]:
    """Read a sheet back from its JSON: the rows, and each article's document with the
    entities it declares beyond those extracted (``{"document": ..., "new": [...]}``)."""
    from kg.facts import Document

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", where,
                         exc.lineno) from None
    if not isinstance(data, dict) or data.get("kg_review") != _FORMAT:
        raise InputError('not a review sheet (no "kg_review": 1)', where)
    docs, reviews = data.get("documents"), data.get("rows")
    if not isinstance(docs, list) or not isinstance(reviews, list) or len(docs) != len(reviews):
        raise InputError("'documents' and 'rows' must be lists of one length", where)
    extracted = data.get("extracted_entities") or [[] for _ in docs]
    if not isinstance(extracted, list) or len(extracted) != len(docs):
        raise InputError("'extracted_entities' must be a list, one per document", where)
    rows: list[Row] = []
    out: dict[str, dict[str, Any]] = {}
    for i, (doc, review) in enumerate(zip(docs, reviews, strict=True)):
        parsed = Document.from_dict(doc, f"{where}: documents[{i}]")
        if not isinstance(review, list) or len(review) != len(parsed.facts):
            raise InputError(f"rows[{i}] must hold one review per fact of documents[{i}]",
                             where)
        old = set(extracted[i]) if isinstance(extracted[i], list) else set()
        out[parsed.article.id] = {"document": doc, "new": [
            e for e in doc.get("entities", []) if e.get("id") not in old]}
        facts = parsed.to_dict()["facts"]
        for j, (fact, rev) in enumerate(zip(facts, review, strict=True)):
            rows.append(_json_row(parsed.article.id, fact, rev, f"rows[{i}][{j}]", where))
    return rows, out


def _json_row(article: str, fact: dict[str, Any], rev: Any, at: str, where: str) -> Row:
    if not isinstance(rev, dict):
        raise InputError(f"{at} must be an object (key, decision, note)", where)
    ev = fact.pop("evidence", None) or {}
    kind, rule, conf = fact.pop("kind"), fact.pop("rule", None), fact.pop("confidence", None)
    extracted = rev.get("extracted") or {}
    if not isinstance(extracted, dict):
        raise InputError(f"{at}: 'extracted' must be an object", where)
    row = Row(article, str(rev.get("key") or ""),
              _decision(str(rev.get("decision") or ""), f"{where}: {at}", None), kind, fact,
              ev.get("sentence"), ev.get("start"), ev.get("end"), rule, conf,
              str(rev.get("note") or ""), extracted)
    _check(row, f"{where}: {at}", None)
    return row

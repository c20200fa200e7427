"""The review loop: a sheet of the facts of some articles, and the reviewed sheet read
back into the curation folder (private; ``kg review``).

:func:`write_sheet` writes ``SHEET.csv`` and ``SHEET.json`` for the articles, with the
curation folder's decisions filled in; :func:`read_sheet` and :func:`apply_rows` turn
each row's decision into the article's corrections: ``accept`` marks the fact reviewed,
``reject`` removes it, ``change`` changes the fields edited, ``add`` adds a fact. The
sheet speaks for the facts it lists; a correction of the folder that names a fact the
sheet does not list (a stale one, say) is kept.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg._errors import InputError
from kg.curate._keys import fact_keys
from kg.curate._sheet import Row, rows_from_csv, rows_from_json, rows_to_csv, rows_to_json

if TYPE_CHECKING:
    from kg.curate._model import ArticleCuration, Curation
    from kg.facts import Document, Fact
    from kg.read import Article

__all__ = ["apply_rows", "curated_reader", "read_articles", "read_sheet", "sheet_rows",
           "write_sheet"]

_NOT_FIELDS = ("kind", "evidence", "rule", "confidence")


def curated_reader(folder: str | Path) -> Callable[[Path], dict[str, Any]]:
    """A reader for :func:`kg.evaluate.evaluate`: an article's facts with the curation
    of ``folder`` applied."""
    from kg.curate._apply import apply_curation
    from kg.curate._model import load_curation
    from kg.extract import extract
    from kg.read import read_article

    cur = load_curation(folder)

    def read(path: Path) -> dict[str, Any]:
        article = read_article(path)
        return apply_curation(cur, extract(article), article.body).doc.to_dict()

    return read


def read_articles(paths: list[str]) -> Iterator[Article]:
    """The articles at ``paths`` (files, folders, URLs, as ``kg build`` reads them); the
    first bad one raises :class:`kg.InputError`."""
    from kg.read import Fetcher, Skipped, read_inputs

    fetcher = Fetcher(None)
    try:
        for item in read_inputs(paths, fetcher=fetcher):
            if isinstance(item, InputError):
                raise item
            if not isinstance(item, Skipped):
                yield item
    finally:
        fetcher.close()


def _fields(doc: Document, fact: Fact) -> dict[str, Any]:
    from kg.facts import Document

    d = Document(doc.article, [], [fact]).to_dict()["facts"][0]
    return {k: v for k, v in d.items() if k not in _NOT_FIELDS}


def _summary(doc: Document, fields: dict[str, Any]) -> str:
    names = {e.id: e.name for e in doc.entities}

    def show(v: Any) -> str:
        if isinstance(v, list):
            return ", ".join(show(x) for x in v)
        if isinstance(v, dict):
            group = str(v.get("group"))
            return f"{names.get(group, group)}: {v.get('count')}"
        return str(names.get(v, v)) if isinstance(v, str) else str(v)

    return "; ".join(f"{k}: {show(v)}" for k, v in fields.items())


def sheet_rows(doc: Document, ac: ArticleCuration | None, body: str = "") -> list[Row]:
    """The rows of one article's extracted facts, with the decisions of ``ac`` (``body``:
    the article's text, where the evidence of an added fact is found)."""
    from kg.curate._apply import _changed, locate

    decided: dict[str, tuple[str, Any]] = {}
    if ac is not None:
        for op in ac.reviewed:
            decided[op.key or ""] = ("accept", op)
        for op in ac.change:
            decided[op.key or ""] = ("change", op)
        for op in ac.remove:
            decided[op.key or ""] = ("reject", op)
    rows = []
    for key, fact in zip(fact_keys(doc), doc.facts, strict=True):
        decision, op = decided.get(key, ("", None))
        shown = fact
        if decision == "change":
            with contextlib.suppress(InputError):  # stale: shown as extracted
                shown = _changed(doc, fact, op.fields)
        rows.append(_row(doc, key, decision, shown, op, _fields(doc, fact)))
    for op in ac.add if ac is not None else []:
        from kg.curate._apply import _one

        try:
            fact = _one(doc, locate(op.fields, body)[0])
        except InputError:
            continue  # stale: kg build reports it; the folder keeps it
        rows.append(_row(doc, "", "add", fact, op, {}))
    return rows


def _row(doc: Document, key: str, decision: str, fact: Fact, op: Any,
         extracted: dict[str, Any]) -> Row:
    fields = _fields(doc, fact)
    ev = fact.evidence
    return Row(doc.article.id, key, decision, fact.kind, fields,
               ev.sentence if ev else None, ev.start if ev else None, ev.end if ev else None,
               fact.rule, fact.confidence, (op.made.why or "") if op is not None else "",
               extracted, _summary(doc, fields))


def write_sheet(articles: Iterable[Article], curation: Curation | None, sheet: Path
                ) -> tuple[int, int, list[Path]]:
    """Write the review sheet of the facts extracted from ``articles`` as ``sheet`` (.csv)
    and its .json; the number of rows and articles, and the files written."""
    from kg._files import write_atomic
    from kg.curate._apply import _add_entities
    from kg.extract import extract

    rows: list[Row] = []
    documents: dict[str, dict[str, Any]] = {}
    extracted: dict[str, list[str]] = {}
    for article in articles:
        doc = extract(article)
        extracted[doc.article.id] = [e.id for e in doc.entities]
        ac = curation.articles.get(doc.article.id) if curation is not None else None
        if ac is not None:
            _add_entities(doc, ac.entities)  # those the added facts name
        rows.extend(sheet_rows(doc, ac, article.body))
        documents[doc.article.id] = doc.to_dict()
    csv_path, json_path = sheet.with_suffix(".csv"), sheet.with_suffix(".json")
    write_atomic(csv_path, ("\ufeff" + rows_to_csv(rows)).encode("utf-8"))
    write_atomic(json_path, rows_to_json(rows, documents, extracted).encode("utf-8"))
    return len(rows), len(documents), [csv_path, json_path]


def read_sheet(path: Path) -> tuple[list[Row], dict[str, dict[str, Any]]]:
    """The rows of a reviewed sheet (.csv or .json), and the documents of a .json."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from None
    if path.suffix.lower() == ".json":
        return rows_from_json(text, str(path))
    return rows_from_csv(text, str(path)), {}


def _ops_by_key(raw: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    old: dict[tuple[str, str], dict[str, Any]] = {}
    for name in ("remove", "change", "reviewed"):
        for item in raw.get(name, []):
            old[(name, str(item.get("key")))] = item
    return old


def _made(item: dict[str, Any] | None, note: str, by: str, when: str) -> dict[str, Any]:
    if item is not None and (item.get("why") or "") == note:
        return {k: item[k] for k in ("by", "when", "why") if k in item}
    return {"by": by, "when": when, **({"why": note} if note else {})}


def _article_file(rows: list[Row], raw: dict[str, Any], doc: dict[str, Any] | None,
                  by: str, when: str) -> dict[str, Any]:
    """An article's curation file from its rows (and the old file, ``raw``)."""
    top = {k: raw[k] for k in ("by", "when") if k in raw}
    old = {k: {**top, **v} for k, v in _ops_by_key(raw).items()}
    listed = {r.key for r in rows if r.key}
    out: dict[str, Any] = {"article": rows[0].article, "remove": [], "change": [],
                           "add": [], "reviewed": []}
    for (name, key), item in old.items():  # corrections of facts the sheet does not list
        if key not in listed:
            out[name].append(item)
    for r in rows:
        if r.decision in ("accept", "reject"):
            name = "reviewed" if r.decision == "accept" else "remove"
            out[name].append({"key": r.key, **_made(old.get((name, r.key)), r.note, by, when)})
        elif r.decision == "change":
            sets = {k: v for k, v in r.fields.items() if r.extracted.get(k) != v}
            sets.update({k: None for k in r.extracted if k not in r.fields})
            if not sets:  # changed back, or not at all: reviewed as it is
                out["reviewed"].append({"key": r.key, **_made(old.get(("reviewed", r.key)),
                                                              r.note, by, when)})
                continue
            prev = old.get(("change", r.key))
            same = prev if prev is not None and prev.get("set") == sets else None
            out["change"].append({"key": r.key, "set": sets, **_made(same, r.note, by, when)})
        elif r.decision == "add":
            fact = {"kind": r.kind, **r.fields}
            if r.sentence:
                fact["evidence"] = {"sentence": r.sentence, **(
                    {"start": r.start, "end": r.end} if r.start is not None else {})}
            prev = next((a for a in raw.get("add", []) if _bare(a.get("fact")) == _bare(fact)),
                        None)
            if prev is not None:
                fact = prev["fact"]  # as the file wrote it (offsets or not)
            out["add"].append({"fact": fact, **_made(prev and {**top, **prev}, r.note, by,
                                                     when)})
    out["entities"] = _entities(rows, raw, doc)
    return {k: v for k, v in out.items() if v or k == "article"}


def _bare(fact: Any) -> Any:
    """An added fact without its evidence's offsets (a file may give the sentence alone)."""
    if not isinstance(fact, dict):
        return fact
    ev = fact.get("evidence")
    return {**fact, "evidence": ev.get("sentence") if isinstance(ev, dict) else ev}


def _entities(rows: list[Row], raw: dict[str, Any], doc: dict[str, Any] | None
              ) -> list[dict[str, Any]]:
    """The entities of the old file, and those a JSON sheet declares for added facts
    (``doc["new"]``: beyond those extracted)."""
    keep = list(raw.get("entities", []))
    if doc is None:
        return keep
    have = {e.get("id") for e in keep}
    named = {v for r in rows if r.decision == "add" for v in _ids(r.fields)}
    keep.extend(e for e in doc.get("new", []) if e.get("id") in named - have)
    return keep


def _ids(fields: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for v in fields.values():
        for x in v if isinstance(v, list) else [v]:
            if isinstance(x, str):
                out.add(x)
            elif isinstance(x, dict) and isinstance(x.get("group"), str):
                out.add(x["group"])
    return out


def apply_rows(rows: list[Row], documents: dict[str, dict[str, Any]], folder: Path,
               by: str, when: str) -> dict[str, int]:
    """Write each article's corrections from its rows into ``folder``; what was decided,
    counted (accept, reject, change, add, and the files written)."""
    from kg._files import write_atomic

    by_article: dict[str, list[Row]] = {}
    for r in rows:
        by_article.setdefault(r.article, []).append(r)
    arts = folder / "articles"
    existing = {}
    if arts.is_dir():
        from kg.curate._model import load_curation

        existing = {a: Path(ac.source) for a, ac in load_curation(folder).articles.items()}
    counts = {d: sum(r.decision == d for r in rows) for d in ("accept", "reject", "change", "add")}
    todo = []
    for article, mine in by_article.items():  # every file checked before one is written
        path = existing.get(article) or arts / f"{_file_name(article)}.json"
        raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data = _article_file(mine, raw, documents.get(article), by, when)
        new = _meaning(data, path)  # checked as kg build will read it
        if new != (_meaning(raw, path) if raw else _meaning({"article": article}, path)):
            todo.append((path, json.dumps(data, ensure_ascii=False, indent=1) + "\n"))
    for path, text in todo:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    counts["files"] = len(todo)
    return counts


def _meaning(data: dict[str, Any], path: Path) -> Any:
    """What an article's curation file says, whatever its layout (by and when on the
    file or on each correction, the order of the keys)."""
    from kg.curate._model import _article

    ac = _article(data, str(path))
    return [[op.canon() for op in ops] for ops in (ac.remove, ac.change, ac.add,
                                                   ac.reviewed)] + [ac.entities]


def _file_name(article: str) -> str:
    from kg.map import article_slug

    return article_slug(article)

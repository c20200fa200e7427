from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from kg.extract import rules
from kg.extract._confidence import confidence
from kg.extract._context import Context, T, build_context
from kg.extract._entities import fold
from kg.extract._lexicon import words
from kg.extract._sink import Sink
from kg.extract.rules.signed_labels import merge_described_signings
from kg.facts import Document, Entity, Evidence, Fact, Mention
from kg.read import Article
from kg.schema import FACT_KINDS, EntityType


def extract(article: Article, mode: str = "rules") -> Document:
    """The facts of one article: entities linked to the reference base, facts with evidence.
    ``mode`` "parse" or "hybrid" adds a dependency parse (see :mod:`kg.extract._parse`)."""
    if mode != "rules":
        from kg.extract import _parse

        _parse.check(mode)  # an unknown mode, or no spaCy: one error before any work
    ctx = build_context(article.body, article.meta.published, article.meta.dateline_place)
    _capitals_as_places(ctx)
    _described_capitals(ctx)
    _seats_by_use(ctx)
    sink = Sink()
    # the parse mode reads the relations from the parse; its positions and meetings are
    # the rules' (kg/extract/_parse)
    rules.run(ctx, sink, None if mode != "parse" else {"holds_position", "meeting"})
    if mode != "rules":
        _parse.mode_facts(ctx, sink, mode)
    merge_described_signings(ctx, sink)
    _position_dates(ctx, sink)
    _accusation_dates(sink)
    _dateline_as_place(ctx)
    return _document(article, ctx, sink)


def _accusation_dates(sink: Sink) -> None:
    """An accusation with no date of its own, made in the remarks the text just quoted
    ("He accused Iran of ...", "In the same speech, Putin accused ..."), takes their date."""
    for d in sink.facts:
        if d.kind != "accused" or d.fields.get("when"):
            continue
        said = [s for s in sink.facts if s.kind == "statement" and s.fields.get("when")
                and s.fields["speaker"] == d.fields["accuser"]
                and d.sent.index - 2 <= s.sent.index <= d.sent.index]
        if said:
            d.fields["when"] = said[-1].fields["when"]


def _position_dates(ctx: Context, sink: Sink) -> None:
    """A title shown with no date of its own is dated by what the person did: the
    statement or signing the article reports, else the publication date."""
    acts: dict[str, str] = {}
    for d in sink.facts:
        when = d.fields.get("when")
        if not when:
            continue
        if d.kind == "statement":
            acts.setdefault(d.fields["speaker"], when)
        for p in d.fields.get("signatories", []) + d.fields.get("participants", []):
            acts.setdefault(p, when)
    for d in sink.facts:
        if d.kind == "holds_position" and not d.fields.get("when"):
            when = acts.get(d.fields["person"], ctx.published)
            if when:
                d.fields["when"] = when


# Words without which an article is not about arms control, security or diplomacy.
_RELEVANT = re.compile(
    r"\b(?:treat(?:y|ies)|accord|agreement|pact|arms|nuclear|missiles?|disarmament|"
    r"non-?proliferation|warheads?|military|defen[cs]e|troops|alliance|NATO|CSTO|OSCE|"
    r"sanctions|diplomat\w*|foreign\s+minist\w+|ministry|summit|ratif\w+|moratorium|"
    r"security|weapons?|sovereignty|talks|accus\w+)\b",
    re.IGNORECASE,
)


def _relevant(ctx: Context) -> bool:
    """Whether the article is about arms control, security or diplomacy at all: its words,
    or a treaty, bloc, weapon system or international body it names."""
    if _RELEVANT.search(ctx.body):
        return True
    return any(
        e.type in (T.TREATY, T.BLOC, T.WEAPON_SYSTEM, T.MEETING)
        or (e.type is T.ORGANIZATION and e.ref is not None)
        for e in ctx.entities.values()
    )


def _capitals_as_places(ctx: Context) -> None:
    """A capital named as a location ("signed in Moscow") is a Place in that article."""
    rec = ctx.rec
    for m in rec.mentions:
        if m.role == "capital" and m.info.get("locative") and m.info.get("place"):
            ref = rec.rb.entities[m.info["place"]]
            state = rec.entities.get(m.key)
            if state is not None and m.text in state.aliases:
                state.aliases.remove(m.text)
            rec.entity(ref.key, T.PLACE, ref.name, ref)
            m.key, m.type, m.role = ref.key, T.PLACE, "name"
    keys = Counter(x.key for x in rec.mentions)  # kept up to date as keys change below
    for m in rec.mentions:
        if m.role == "capital" and m.key in rec.entities:
            # once the city is a place of the article, its other mentions are the place
            # too, but a possessive or an actor ("Washington's declaration") is the state
            place_used = keys[m.info.get("place") or ""] > 0 and \
                ctx.body[m.end : m.end + 2] not in ("'s", "’s")
            if place_used:
                ref = rec.rb.entities[m.info["place"]]
                st = rec.entities[m.key]
                if m.text in st.aliases:
                    st.aliases.remove(m.text)
                keys[m.key] -= 1
                keys[ref.key] += 1
                m.key, m.type, m.role = ref.key, T.PLACE, "name"
        if m.role == "capital" and m.key not in rec.entities:
            ref = rec.rb.entities[m.key]
            rec.entity(ref.key, ref.type, ref.name, ref)
            if m.text not in rec.entities[m.key].aliases:
                rec.entities[m.key].aliases.append(m.text)


_CAPITAL_AFTER = re.compile(r"\s+capital\b(?!\s+(?:city\s+of|of)\b)")


def _described_capitals(ctx: Context) -> None:
    """ "the Romanian capital" is the place its state's capital is (Bucharest)."""
    rec = ctx.rec
    for m in rec.mentions:
        if m.role != "demonym" or m.type is not T.STATE or \
                not _CAPITAL_AFTER.match(ctx.body, m.end) or \
                not re.search(r"\bthe\s+\Z", ctx.body[max(0, m.start - 4) : m.start]):
            continue
        state = rec.rb.entities.get(m.key)
        if state is None or not state.capitals:
            continue
        city = state.capitals[0]
        place = next((rec.rb.entities[k] for k, role in rec.rb.surfaces.get(city, [])
                      if role == "name" and rec.rb.entities[k].type is T.PLACE), None)
        key = place.key if place else "place:" + fold(city)
        rec.entity(key, T.PLACE, place.name if place else city, place)
        m.key, m.type, m.role = key, T.PLACE, "description"


# "at the White House", "in the Kremlin", "a Kremlin ceremony": a seat named as a place
_AT_SEAT = re.compile(r"\b(?:in|at|from|to|into|outside|inside|near|on|of)\s+(?:the\s+)?\Z")
_SEAT_EVENT = re.compile(r"\s+(?:ceremony|talks|summit|meeting|lawn|grounds|residence|"
                         r"walls|press\s+conference)\b")


def _seats_by_use(ctx: Context) -> None:
    """A seat of government the text is never at, only hears from ("the White House
    declined to comment", "Kremlin contentions"), is the Organization it stands for."""
    seats = set(words("seats"))
    uses: dict[str, list[Any]] = {}
    for m in ctx.rec.mentions:
        if m.type is T.PLACE and ctx.entities[m.key].name in seats:
            uses.setdefault(m.key, []).append(m)
    for key, ms in uses.items():
        if any(_AT_SEAT.search(ctx.body, max(0, m.start - 12), m.start)
               or _SEAT_EVENT.match(ctx.body, m.end) for m in ms):
            continue
        ctx.entities[key].type = T.ORGANIZATION
        for m in ms:
            m.type = T.ORGANIZATION


def _dateline_as_place(ctx: Context) -> None:
    """A wire's dateline city is a Place of the article ("MOSCOW, March 10. /TASS."), unless
    the body names the state by it ("Tehran said"): then the dateline is that name too."""
    city, rec = ctx.dateline, ctx.rec
    if not city:
        return
    dm = re.search(rf"(?<![\w-]){re.escape(city.upper())}(?![\w-])", ctx.body[:400])
    if dm is None or any(m.text == city and m.type is not T.PLACE for m in rec.mentions):
        return
    if any(m.start <= dm.start() < m.end for m in rec.mentions):
        return  # a name found there already ("UNITED NATIONS")
    refs = [rec.rb.entities[k] for k, role in rec.rb.surfaces.get(city, []) if role == "name"]
    if any(r.type is not T.PLACE for r in refs):
        return  # "UNITED NATIONS, Oct. 25": a body, not a city
    place = next((r for r in refs if r.type is T.PLACE), None)
    key = place.key if place else "place:" + fold(city)
    if key in rec.entities:
        return  # a rule made it the place of something already (a meeting's)
    rec.entity(key, T.PLACE, place.name if place else city, place)
    rec.add(dm.start(), dm.end(), key, T.PLACE, "dateline")


@lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    return _NON_ALNUM.sub("_", fold(text)).strip("_")[:60] or "entity"


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _document(article: Article, ctx: Context, sink: Sink) -> Document:
    used = {m.key for m in ctx.rec.mentions if m.role != "anaphor"}
    for d in sink.facts:
        for v in d.fields.values():
            for x in v if isinstance(v, list) else [v]:
                if isinstance(x, str):
                    used.add(x)
                elif isinstance(x, dict):
                    used.add(str(x.get("group")))
    ids: dict[str, str] = {}
    entities: list[Entity] = []
    by_key: dict[str, list[Mention]] = {}
    for m in ctx.rec.mentions:
        if m.role != "part":
            by_key.setdefault(m.key, []).append(Mention(m.text, m.start, m.end))
    taken: set[str] = set()
    for key, e in ctx.entities.items():
        if key not in used:
            continue
        eid = base = _slug(e.name)
        n = 2
        while eid in taken:
            eid = f"{base}_{n}"
            n += 1
        ids[key] = eid
        taken.add(eid)
        mentions = by_key.get(key, [])
        # sorted: in the graph, aliases in their sorted order need no ordered list
        aliases = sorted({a for a in e.aliases if a != e.name})
        entities.append(Entity(eid, e.type, e.name, aliases, e.qid, mentions))

    types = {key: e.type for key, e in ctx.entities.items()}
    facts: list[Fact] = []
    for d in sink.facts:
        fields = _fields(d.kind, d.fields, ids, types)
        if fields is not None:
            s = d.sent.s
            rule = d.rule or None
            facts.append(Fact(d.kind, fields, Evidence(s.text, s.start, s.end), rule,
                              confidence(rule) if rule else None))
    _statement_places(facts)
    return Document(article.meta, entities, facts)


def _fields(kind: str, draft: dict[str, Any], ids: dict[str, str],
            entities: dict[str, EntityType]) -> dict[str, Any] | None:
    """A draft's fields with entity keys turned into document ids, typed by the schema;
    None when an entity the fact needs is not in the document. A field the schema does
    not know is a bug in a rule, not something to drop."""
    spec = FACT_KINDS[kind]
    out: dict[str, Any] = {}
    for name, v in draft.items():
        f = spec.field(name)  # KeyError: a rule filled a field its kind does not have
        if f.type == "groups":
            out[name] = [{"group": ids[g["group"]], "count": g["count"]} for g in v]
        elif f.type == "entities":
            out[name] = [ids[x] for x in v if x in ids and entities[x] in f.classes]
        elif f.type == "entity":
            if v not in ids or entities[v] not in f.classes:  # "of" a place: no post
                if f.required:
                    return None
                continue
            out[name] = ids[v]
        else:
            out[name] = v
    return out


def _statement_places(facts: list[Fact]) -> None:
    where = {f.fields["meeting"]: f.fields.get("where") for f in facts if f.kind == "meeting"}
    for f in facts:
        if f.kind == "statement" and f.fields.get("meeting") and "where" not in f.fields:
            w = where.get(f.fields["meeting"])
            if w:
                f.fields["where"] = w

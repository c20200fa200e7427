"""The reference base: states, blocs, organisations, treaties, places, bodies, weapons.

Built once per process from the CSV files in ``kg/data/refdata`` (with their sources
in SOURCES.md) and the word lists in ``kg/data/lexicon``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from kg.facts import EntityType

_LATIN = re.compile(r"^[\x20-\x7e\u00c0-\u024f’–—]+$")


@dataclass
class RefEntity:
    """One known entity and every surface form it goes by."""

    key: str
    type: EntityType
    name: str
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)  # names (case-sensitive surfaces)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    valid_from: str | None = None
    valid_to: str | None = None
    belongs_to: str | None = None  # key of the state or body a body/place belongs to
    signed: str | None = None  # a treaty's date of signature (ISO), if known


@dataclass
class RefBase:
    entities: dict[str, RefEntity]
    surfaces: dict[
        str, list[tuple[str, str]]
    ]  # surface -> [(key, role)], role name|demonym|capital
    titles: dict[str, tuple[str, str]]  # lowercase title -> (position, organ kind)
    given_names: frozenset[str]

    def by_name(self, name: str) -> RefEntity | None:
        for key, role in self.surfaces.get(name, []):
            if role == "name":
                return self.entities[key]
        return None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg").joinpath("data", "refdata", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _lines(name: str) -> list[list[str]]:
    text = resources.files("kg").joinpath("data", "lexicon", name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@cache
def family_first() -> frozenset[str]:
    """Family names written before the given name ("Xi Jinping", "Kim Jong Un")."""
    return frozenset(line[0].strip() for line in _lines("family-name-first.txt"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


#: Organisation types that make a bloc of states (FORMAT.md: "a military or political
#: alliance or bloc of states"), not a body with its own staff.
_BLOC_TYPES = ("military_alliance", "political_economic_union")


def _bloc_names() -> frozenset[str]:
    from kg.extract._lexicon import words

    return frozenset(words("bloc-organisations"))


def _spellings(name: str) -> list[str]:
    """A name as texts write it: "The former Yugoslav Republic of Macedonia" also without
    its article, "People's" with a typographic apostrophe, "Organization" and
    "Organisation" both."""
    out = [name]
    if name.startswith("The ") and len(name.split()) > 2:
        out.append(name[4:])
    for a, b in (("'", "’"), ("Organization", "Organisation"), ("Organisation", "Organization")):
        out += [v.replace(a, b) for v in out if a in v]
    return out


_COMPOUND = re.compile(r"\b([A-Z][a-z]+)-([A-Z][a-z]+)\b")
_GENERIC = re.compile(r" (Treaty|Convention|Agreement|Protocol|Accord|Pact)$")


def _treaty_spellings(name: str) -> list[str]:
    """A treaty's name as news writes it: the generic word in small letters after a
    distinctive name ("Anti-Ballistic Missile treaty"), compounds without their hyphen
    ("Intermediate Range Nuclear Forces Treaty") or closed ("Nonproliferation").

    >>> for v in _treaty_spellings("Anti-Ballistic Missile Treaty"): print(v)
    Anti Ballistic Missile Treaty
    Antiballistic Missile Treaty
    Anti-Ballistic Missile treaty
    >>> _treaty_spellings("Treaty of Moscow"), _treaty_spellings("Moscow Treaty")
    ([], [])
    """
    out = []
    if _COMPOUND.search(name):
        out.append(_COMPOUND.sub(r"\1 \2", name))
        out.append(_COMPOUND.sub(lambda m: m.group(1) + m.group(2).lower(), name))
    if _GENERIC.search(name) and (len(name.split()) >= 3 or re.match(r"[A-Z]{2,}\b", name)):
        out.append(_GENERIC.sub(lambda m: " " + m.group(1).lower(), name))
    return [v for v in dict.fromkeys(out) if v != name]


@cache
def refbase() -> RefBase:
    """The reference base, loaded on first use."""
    ents: dict[str, RefEntity] = {}
    surfaces: dict[str, list[tuple[str, str]]] = {}

    def add(e: RefEntity) -> None:
        ents[e.key] = e
        names = [e.name, *e.aliases]
        if e.type in (EntityType.ORGANIZATION, EntityType.BLOC):  # "Nato", "Opec", "Asean"
            names += [n.capitalize() for n in names if n.isalpha() and n.isupper()
                      and len(n) >= 4]
        if e.type is EntityType.TREATY:
            names += [v for n in names for v in _treaty_spellings(n)]
        for s in dict.fromkeys(v for n in names for v in _spellings(n)):
            if s and _LATIN.match(s):
                surfaces.setdefault(s, []).append((e.key, "name"))
        for s in e.demonyms:
            surfaces.setdefault(s, []).append((e.key, "demonym"))
        for s in e.capitals:
            surfaces.setdefault(s, []).append((e.key, "capital"))

    for r in _rows("states.csv"):
        if r["entity_type"] != "state":
            continue
        aliases = [r["official_name_en"], *_split(r["aliases"]), *_split(r["aliases_curated"])]
        demonyms = [r["demonym"], *_split(r["demonym_alt"])] if r["demonym"] else []
        capitals = [c for c in (r["capital"], r["capital_alt"]) if c and " " not in c]
        add(
            RefEntity(
                "state:" + _slug(r["name_en"]),
                EntityType.STATE,
                r["name_en"],
                r["wikidata_qid"] or None,
                [a for a in aliases if a and a != r["name_en"]],
                demonyms,
                capitals,
                r["valid_from"] or None,
                r["valid_to"] or None,
            )
        )
    for r in _rows("organizations.csv"):
        bloc = r["org_type"] in _BLOC_TYPES or r["name_en"] in _bloc_names()
        etype = EntityType.BLOC if bloc else EntityType.ORGANIZATION
        aliases = [*_split(r["acronyms"]), *_split(r["aliases"])]
        name = r["name_en"]
        if name == "North Atlantic Treaty Organisation":
            name = "NATO"  # the usual English name; the full names stay aliases
            aliases.append("North Atlantic Treaty Organisation")
        if name == "Warsaw Pact":
            name, aliases = "Warsaw Treaty Organization", [*aliases, "Warsaw Pact"]
        # two-letter acronyms are too ambiguous in running text (WP, WA, AG, CD)
        aliases = [a for a in aliases if len(a) > 2 or a in ("EU", "UN")]
        add(
            RefEntity("org:" + _slug(r["name_en"]), etype, name, r["wikidata_qid"] or None, aliases)
        )
    for r in _rows("treaties.csv"):
        aliases = [r["short_name"], *_split(r["acronyms"]), *_split(r["aliases"])]
        add(
            RefEntity(
                "treaty:" + _slug(r["short_name"]),
                EntityType.TREATY,
                r["official_name"],
                r["wikidata_qid"] or None,
                [a for a in aliases if a != r["official_name"]],
            )
        )
    _more_treaties(ents, add, surfaces)
    for name, *rest in _lines("places.tsv"):
        key = "place:" + _slug(name)
        if key not in ents:
            state = rest[0].strip() if rest else ""
            aliases = _split(rest[1]) if len(rest) > 1 else []
            add(RefEntity(key, EntityType.PLACE, name, aliases=aliases, belongs_to=state or None))
    for name, owner, body_aliases, *_ in _lines("bodies.tsv"):
        known = next((ents[k] for k, role in surfaces.get(name, []) if role == "name"
                      and ents[k].type in (EntityType.ORGANIZATION, EntityType.BLOC)), None)
        if known is not None:  # a body the reference data has: its other names find it
            for alias in _split(body_aliases):
                for v in _spellings(alias):
                    if (known.key, "name") not in surfaces.get(v, []):
                        surfaces.setdefault(v, []).append((known.key, "name"))
            continue
        add(
            RefEntity(
                "body:" + _slug(name),
                EntityType.ORGANIZATION,
                name,
                aliases=_split(body_aliases),
                belongs_to=owner or None,
            )
        )
    for name, *rest in _lines("media.tsv"):
        key = "media:" + _slug(name)
        if not any(surfaces.get(n) for n in (name, *_split(rest[0] if rest else ""))):
            add(RefEntity(key, EntityType.ORGANIZATION, name,
                          aliases=[a for a in _split(rest[0] if rest else "") if len(a) > 2
                                   or a in ("AP",)],
                          belongs_to=rest[1].strip() if len(rest) > 1 and rest[1].strip()
                          else None))
    for name, *rest in _lines("weapons.tsv"):
        add(
            RefEntity(
                "weapon:" + _slug(name),
                EntityType.WEAPON_SYSTEM,
                name,
                aliases=_split(rest[0] if rest else ""),
            )
        )
    extra = {name: _split(adjs) for name, adjs, *_ in _lines("demonyms.tsv")}
    for e in ents.values():
        if e.type is EntityType.STATE and e.name in extra:
            for adj in extra[e.name]:
                if adj not in e.demonyms and adj not in e.aliases:
                    e.demonyms.append(adj)
                    surfaces.setdefault(adj, []).append((e.key, "demonym"))
    titles = {t.strip(): (p.strip(), o.strip()) for t, p, o in _lines("titles.tsv")}
    given = frozenset(line[0].strip() for line in _lines("given-names.txt"))
    return RefBase(ents, surfaces, titles, given)


def _more_treaties(ents: dict[str, RefEntity], add: Callable[[RefEntity], None],
                   surfaces: dict[str, list[tuple[str, str]]]) -> None:
    """The treaties of ``lexicon/treaties.tsv``: one the reference base already has (by
    its official or short name, or an alias) gains the names it lacks; others are added."""
    known: dict[str, RefEntity] = {}
    for e in ents.values():
        if e.type is EntityType.TREATY:
            for n in (e.name, *e.aliases):
                known.setdefault(n.lower(), e)
    for short, official, aliases, signed, *_ in _lines("treaties.tsv"):
        names = [n for n in (official, short, *_split(aliases)) if n]
        # the same treaty by its official or short name (an acronym may be another's: OST)
        hit = next((known[n.lower()] for n in (official, short) if n and n.lower() in known),
                   None)
        taken = {n for n in names if n in surfaces and hit is None}
        names = [n for n in names if n not in taken]  # a name another entity already has
        if hit is None:
            if names:
                add(RefEntity("treaty:" + _slug(short or official), EntityType.TREATY, names[0],
                              None, names[1:], signed=signed or None))
            continue
        hit.signed = hit.signed or signed or None
        # more names to know it by; its aliases stay those of the reference base
        names += [v for n in names for v in _treaty_spellings(n)]
        new = [n for n in dict.fromkeys(names) if n != hit.name and n not in hit.aliases
               and n not in surfaces]
        for n in new:
            if _LATIN.match(n):
                surfaces.setdefault(n, []).append((hit.key, "name"))


@cache
def positions_by_alias() -> dict[str, str]:
    """Titles that name one state's post on their own ("Secretary of State" -> United States),
    from ``refdata/positions.csv``: only aliases without a state word in them."""
    out: dict[str, str] = {}
    rb = refbase()
    for r in _rows("positions.csv"):
        if r["entity_type"] != "position" or not r["jurisdiction"]:
            continue
        for alias in _split(r["aliases"]):
            words = alias.replace("'s", "").split()
            if any(w in rb.surfaces for w in words):
                continue
            out[alias.lower()] = r["jurisdiction"]
    return out


_GENERIC_WORDS = frozenset((
    "treaty", "agreement", "convention", "pact", "accord", "protocol", "deal", "charter",
    "memorandum", "declaration", "on", "the", "of", "a", "an", "in", "and", "for", "to",
    "between", "by", "with", "its", "their"))


def content_words(text: str) -> frozenset[str]:
    """The words of a treaty's name that say what it is about, singular, without the
    generic ones ("treaty", "on", "the").

    >>> sorted(content_words("Treaty on the Non-Proliferation of Nuclear Weapons"))
    ['non', 'nuclear', 'proliferation', 'weapon']
    """
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(w.removesuffix("s") for w in words if w not in _GENERIC_WORDS)


@cache
def treaties_by_words() -> dict[frozenset[str], tuple[str, ...]]:
    """The content words of each known treaty's names (three at least) -> the treaties."""
    out: dict[frozenset[str], list[str]] = {}
    for e in refbase().entities.values():
        if e.type is EntityType.TREATY:
            for n in (e.name, *e.aliases):
                words = content_words(n)
                if len(words) >= 3 and e.key not in out.setdefault(words, []):
                    out[words].append(e.key)
    return {k: tuple(v) for k, v in out.items()}

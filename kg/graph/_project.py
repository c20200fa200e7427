"""The projection of kg's RDF onto an entity graph (private; see :func:`project`)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg._errors import InputError
from kg.graph._rdf import RDF_TYPE, Lit, Obj, Term, Triples, graph_names, load
from kg.schema import FACT_KINDS
from kg.vocab import KGO, OA, OWL, PROV, RDFS, SCHEMA, SKOS, WD

if TYPE_CHECKING:
    import networkx as nx

_PROV_DERIVED = PROV + "wasDerivedFrom"
_OA = OA
_SCHEMA = (SCHEMA, "http://schema.org/")
_RDFS_LABEL = RDFS + "label"
_ALT_LABEL = SKOS + "altLabel"
_SAME_AS = OWL + "sameAs"
_WD = WD

#: The entity classes (local names in the ontology): the nodes of the projection.
ENTITY_CLASSES = ("Person", "State", "Bloc", "Organization", "Treaty", "Place", "Meeting",
                  "WeaponSystem")

#: Fact kind -> the words a reader sees (from the one schema).
KIND_LABELS = {kind: spec.label for kind, spec in FACT_KINDS.items()}

#: Roles that make an entity the source of a two-entity edge (earlier wins).
_SUBJECT_ROLES = ("holder", "member", "party", "signatory", "signatoryGroup", "accuser",
                  "speaker", "participant")
#: Fact properties that are not fields shown to a reader.
_SKIP = {"kind", "date", "earliestDate", "latestDate", "evidence", "factIndex", "role",
         "extractionRule", "confidence", "reportOf"}
_DETAIL_NAMES = {"positionTitle": "position", "signatoryCount": "signatories",
                 "suspensionForm": "form", "quote": "quotes"}
_ROLE_NAMES = {"signatoryGroup": "signatories"}

#: The attributes every node carries (strings, except ``mentions``).
NODE_ATTRS = ("label", "class", "category", "wikidata", "mentions", "aliases", "articles",
              "kind", "date", "article", "title", "url", "evidence", "detail", "fact")
#: The attributes every edge carries (strings).
EDGE_ATTRS = ("kind", "label", "role", "date", "article", "title", "url", "evidence",
              "detail", "fact")


@dataclass(frozen=True)
class _Role:
    role: str
    entity: Term
    extra: str = ""


def project(source: Any, *, article: str | None = None, around: str | None = None,
            depth: int = 1) -> nx.MultiDiGraph:
    """Project kg's RDF onto an entity graph: the one projection every graph format shares.

    ``source`` is a :class:`kg.store.Store` (or a pyoxigraph store or dataset, or an
    rdflib graph or dataset) holding kg's article graphs.

    * **Nodes are entities** (anything typed with one of :data:`ENTITY_CLASSES`), id =
      the entity's IRI, with ``label`` (rdfs:label), ``class`` (``Person``, ``State``...),
      ``category="entity"``, ``wikidata`` (``Q159`` or ``""``), ``mentions`` (how often
      the articles mention it, an ``int``), ``aliases`` and ``articles`` (ids, ``" | "``
      and space separated).
    * **Edges are facts** that link exactly two entities, directed from the subject-like
      role (holder, member, party, accuser, speaker...) to the other one, with ``kind``
      (``holds_position``...), ``label`` (the position title, else the kind in words),
      ``role`` (``holder->organization``), ``date``, ``article`` (its id), ``title``,
      ``url``, ``evidence`` (the sentence stating it), ``detail`` (other fields, such as
      the quotes of a statement) and ``fact`` (the fact's IRI).
    * **Events are nodes** when a fact links one entity or more than two (a signing
      with its signatories, a meeting with its participants, a statement with what it
      is about): ``category="event"``, ``class`` the fact's class (``Signing``), id the
      fact's IRI, the fact's attributes as above, and one edge from the event to each
      entity, labelled with the entity's role (``signatory``, ``treaty``, ``place``).

    Every node carries all of :data:`NODE_ATTRS` and every edge all of
    :data:`EDGE_ATTRS` (``""`` when unknown), so every format gets one flat schema.
    Nodes are added sorted by id, edges by (source, target, key); edge keys are stable
    (the fact's IRI; ``{fact}#{role}:{class/slug}`` for an event's edges). The facts
    that report one event (:mod:`kg.events`, when more than one does) are one event node
    whose id is the event's IRI, with the articles of all of them.

    ``article`` keeps one article's graph (its id, e.g. ``00-tass-cfe``, or its IRI).
    ``around`` keeps the neighbourhood of one entity (its IRI, ``state/russia``, name,
    alias or a word of its name, see :func:`resolve_entity`): the entities at most
    ``depth`` facts away, with the facts and events between them; going through an event
    node counts as one fact. Unknown articles and entities raise :class:`kg.InputError`.

    >>> from kg.pipeline import build
    >>> from kg.store import open_store
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = build(None, d)
    ...     with open_store(d, read_only=True) as store:
    ...         g = project(store)
    ...         near = project(store, around="Lavrov", depth=1)
    >>> lavrov = g.nodes["https://kg.example.org/id/person/sergey-lavrov"]
    >>> lavrov["label"], lavrov["class"], lavrov["mentions"]
    ('Sergey Lavrov', 'Person', 8)
    >>> g.nodes["https://kg.example.org/id/state/russia"]["wikidata"]
    'Q159'
    >>> sorted({d["kind"] for _, _, d in g.edges(data=True) if d["role"].count("->")})
    ['holds_position', 'suspended']
    >>> len(near) < len(g)
    True
    """
    import networkx as nx

    if depth < 0:
        raise InputError(f"--depth must be 0 or more, not {depth}")
    graph_iri = _article_graph(source, article) if article is not None else None
    t = load(source, graph_iri)
    articles = _articles(t)
    entities = _entities(t)
    g = nx.MultiDiGraph(name="kg entity graph")
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for e, cls in entities.items():
        nodes[e] = _entity_attrs(t, e, cls, articles)
    for f in _facts(t):
        _add_fact(t, f, entities, articles, nodes, edges)
    for n in sorted(nodes):
        g.add_node(n, **nodes[n])
    for u, v, k, d in sorted(edges, key=lambda x: (x[0], x[1], x[2])):
        g.add_edge(u, v, key=k, **d)
    if around is not None:
        g = _neighbourhood(g, resolve_entity(g, around), depth)
    return g


# -- reading ----------------------------------------------------------------------

def _article_graph(source: Any, article: str) -> str:
    names = graph_names(source)
    for name in names:
        if name == article or name.rsplit("/", 1)[-1] == article:
            return name
    known = ", ".join(n.rsplit("/", 1)[-1] for n in names[:10]) or "none"
    more = f" and {len(names) - 10} more" if len(names) > 10 else ""
    raise InputError(f"no article {article!r} in the store (known: {known}{more})")


def _text(o: Obj | None) -> str:
    if o is None:
        return ""
    return o.value if isinstance(o, Lit) else o


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _schema(t: Triples, s: Term, name: str) -> str:
    for ns in _SCHEMA:
        v = t.first(s, ns + name)
        if v is not None:
            return _text(v)
    return ""


def _articles(t: Triples) -> dict[str, dict[str, str]]:
    """Article IRI -> id, title, url, published."""
    out: dict[str, dict[str, str]] = {}
    for s in t.by_subject:
        aid = t.first(s, KGO + "articleId")
        if aid is not None:
            out[s] = {"article": _text(aid), "title": _schema(t, s, "headline"),
                      "url": _schema(t, s, "url"), "published": _schema(t, s, "datePublished")}
    return out


def _entities(t: Triples) -> dict[Term, str]:
    """Entity -> its class (the first of :data:`ENTITY_CLASSES` it is typed with)."""
    found: dict[Term, str] = {}
    for s, props in t.by_subject.items():
        types = {_text(o) for o in props.get(RDF_TYPE, ())}
        for cls in ENTITY_CLASSES:
            if KGO + cls in types:
                found[s] = cls
                break
    return found


def _entity_attrs(t: Triples, e: Term, cls: str,
                  articles: dict[str, dict[str, str]]) -> dict[str, Any]:
    label = _text(t.first(e, _RDFS_LABEL)) or _local(e)
    qids = [_text(o)[len(_WD):] for o in t.objects(e, _SAME_AS) if _text(o).startswith(_WD)]
    aliases = [_text(o) for o in t.objects(e, _ALT_LABEL)]
    ids = sorted(articles[g]["article"] if g in articles else _local(g) for g in t.said_in[e])
    attrs: dict[str, Any] = dict.fromkeys(NODE_ATTRS, "")
    attrs.update(label=label, category="entity", wikidata=qids[0] if qids else "",
                 mentions=len(t.objects(e, KGO + "mention")), aliases=" | ".join(aliases),
                 articles=" ".join(ids))
    attrs["class"] = cls
    return attrs


def _facts(t: Triples) -> list[Term]:
    return sorted(s for s, props in t.by_subject.items() if KGO + "kind" in props)


def _evidence(t: Triples, f: Term) -> str:
    for ev in t.objects(f, KGO + "evidence"):
        exact = t.first(_text(ev), _OA + "exact")
        if exact is not None:
            return _text(exact)
    return ""


def _fields(t: Triples, f: Term, entities: dict[Term, str]) -> tuple[list[_Role], str]:
    """The entities a fact links (with their roles) and its other fields as text."""
    roles: list[_Role] = []
    details: list[str] = []
    props = t.by_subject[f]
    for p in sorted(props):
        if not p.startswith(KGO):
            continue
        name = p[len(KGO):]
        if name in _SKIP or name.endswith("List"):
            continue
        ordered = t.items(t.first(f, p + "List")) or t.objects(f, p)
        values: list[str] = []
        for o in ordered:
            if isinstance(o, Lit):
                values.append(o.value)
            elif o in entities:
                roles.append(_Role(name, o))
            else:  # an auxiliary node (a signatory group) or an individual (a form)
                inner = [x for x in t.objects(o, KGO + "group") if x in entities]
                count = _text(t.first(o, KGO + "count"))
                for x in inner:
                    roles.append(_Role(name, _text(x), f"count {count}" if count else ""))
                if not inner:
                    values.append(_text(t.first(o, _RDFS_LABEL)) or _local(o))
        if values:
            details.append(f"{_DETAIL_NAMES.get(name, name)}: {' | '.join(values)}")
    return roles, "; ".join(details)


def _rank(role: str) -> int:
    return _SUBJECT_ROLES.index(role) if role in _SUBJECT_ROLES else len(_SUBJECT_ROLES)


def _add_fact(t: Triples, f: Term, entities: dict[Term, str],
              articles: dict[str, dict[str, str]], nodes: dict[str, dict[str, Any]],
              edges: list[tuple[str, str, str, dict[str, Any]]]) -> None:
    kind = _text(t.first(f, KGO + "kind"))
    roles, detail = _fields(t, f, entities)
    if not roles:
        return
    art_iri = _text(t.first(f, _PROV_DERIVED))
    art = articles.get(art_iri, {"article": _local(art_iri) if art_iri else "", "title": "",
                                 "url": ""})
    date = _text(t.first(f, KGO + "date"))
    base = {"kind": kind, "date": date, "article": art["article"], "title": art["title"],
            "url": art["url"], "evidence": _evidence(t, f), "detail": detail, "fact": f}
    distinct = sorted({r.entity for r in roles})
    words = KIND_LABELS.get(kind, kind.replace("_", " "))
    # the facts of several articles that report one event are one event node
    event = _text(t.first(f, KGO + "reportOf"))
    shared = bool(event) and int(_text(t.first(event, KGO + "reportCount")) or "1") > 1
    node = event if shared else f
    if len(distinct) == 2 and not shared:
        ordered = sorted(roles, key=lambda r: (_rank(r.role), r.entity))
        src = ordered[0]
        dst = next(r for r in ordered if r.entity != src.entity)
        title = _detail_value(detail, "position") if kind == "holds_position" else ""
        edges.append((src.entity, dst.entity, f,
                      {**base, "label": title or words, "role": f"{src.role}->{dst.role}"}))
        return
    if node in nodes:  # another report of an event already drawn: its article, its roles
        seen = set(nodes[node]["articles"].split()) | {art["article"]}
        nodes[node]["articles"] = " ".join(sorted(seen))
        _role_edges(node, roles, base, edges)
        return
    cls = next((_local(_text(o)) for o in t.objects(f, RDF_TYPE) if _text(o).startswith(KGO)),
               kind)
    attrs: dict[str, Any] = dict.fromkeys(NODE_ATTRS, "")
    attrs.update(base, label=f"{words} {date}".strip(), category="event", mentions=0,
                 articles=art["article"])
    attrs["class"] = cls
    nodes[node] = attrs
    _role_edges(node, roles, base, edges)


def _role_edges(node: str, roles: list[_Role], base: dict[str, Any],
                edges: list[tuple[str, str, str, dict[str, Any]]]) -> None:
    """The edges from an event node to each entity of its roles."""
    for r in roles:
        words_role = _ROLE_NAMES.get(r.role, r.role)
        label = f"{words_role} ({r.extra})" if r.extra else words_role
        key = f"{node}#{r.role}:{_short(r.entity)}"
        edges.append((node, r.entity, key, {**base, "label": label, "role": r.role}))


def _short(iri: str) -> str:
    """``state/russia`` for ``{base}id/state/russia``; the IRI itself otherwise."""
    _, sep, tail = iri.partition("/id/")
    return tail if sep else iri


def _detail_value(detail: str, name: str) -> str:
    for part in detail.split("; "):
        if part.startswith(name + ": "):
            return part[len(name) + 2:]
    return ""


# -- neighbourhoods --------------------------------------------------------------

def resolve_entity(g: nx.MultiDiGraph, name: str) -> str:
    """The id of the entity node ``name`` names: its IRI, the end of its IRI
    (``state/russia``), its label, an alias, or words of its label (``Lavrov``), tried in
    that order, case-insensitive.

    Raises :class:`kg.InputError` for no match, or for several equally good ones.
    """
    want = " ".join(name.split()).casefold()
    if not want:
        raise InputError("--around needs an entity name")
    ents = [(n, d) for n, d in g.nodes(data=True) if d.get("category") == "entity"]
    tiers: list[list[str]] = [[], [], [], []]
    for n, d in ents:
        if n == name or n.casefold().endswith("/" + want) or n.casefold().endswith(
                "/" + want.replace("_", "-").replace(" ", "-")):
            tiers[0].append(n)
        elif str(d.get("label", "")).casefold() == want:
            tiers[1].append(n)
        elif want in {a.casefold() for a in str(d.get("aliases", "")).split(" | ") if a}:
            tiers[2].append(n)
        elif f" {want} " in f" {str(d.get('label', '')).casefold()} ":
            tiers[3].append(n)
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if len(tier) > 1:
            raise InputError(f"--around {name!r} is ambiguous: {', '.join(sorted(tier))}")
    hint = ", ".join(sorted(str(d.get("label")) for _, d in ents)[:5])
    raise InputError(f"no entity {name!r} in the graph (names look like: {hint})")


def _neighbourhood(g: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The entities at most ``depth`` facts from ``centre``, and the facts between them."""
    def is_event(n: str) -> bool:
        return bool(g.nodes[n].get("category") == "event")

    def neighbours(n: str) -> list[str]:
        return sorted(set(g.successors(n)) | set(g.predecessors(n)))

    keep = {centre}
    seen = {centre: 0}
    queue = deque([centre])
    while queue:
        n = queue.popleft()
        if seen[n] >= depth:
            continue
        for m in neighbours(n):
            reached = [m]
            if is_event(m):
                keep.add(m)
                reached = [x for x in neighbours(m) if not is_event(x)]
            for x in reached:
                if x not in seen:
                    seen[x] = seen[n] + 1
                    keep.add(x)
                    queue.append(x)
    sub = g.subgraph(keep).copy()
    sub.graph["around"] = centre
    sub.graph["depth"] = depth
    return sub

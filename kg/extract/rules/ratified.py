"""ratified: a state, or its legislature, ratified a treaty."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    focus_treaty,
    recent_treaty,
    state_of,
    treaty_in,
)
from kg.extract._lexicon import alt
from kg.extract._lists import (
    COUNTED,
    including,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    negated,
    segment_end,
    subject,
)
from kg.extract.rules._rule import Rule

_LEGISLATURE = alt("legislatures")


_RATIFIED = re.compile(
    # "Russia's parliament completed ratification in January"
    r"\b(?:(?:completed|finali[sz]ed)\s+(?:its\s+|the\s+)?ratification"
    # "The U.S. Senate approved the treaty on Dec. 22": a legislature approving a treaty
    r"|(?P<approved>approved)(?=\s+(?:the\s+)?[\w-]*\s*"
    r"(?:[Tt]reaty|[Cc]onvention|[Aa]greement|[Aa]ccord|[Pp]act|[Ss]tatute|[A-Z]))"
    r"|ratified|ratify|approved\s+(?:the\s+)?(?:\w+'s\s+)?(?:\w+\s+)?(?:accession\s+)?protocol"
    # "was approved by the US Senate"
    rf"|approved\s+by\s+(?=(?:the\s+)?(?:[\w.]+\s+){{0,2}}{_LEGISLATURE}\b))\b"
)


def _ratified(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _RATIFIED.finditer(text):
        pre = text[: m.start()]
        # "the first to ratify", "the 50th country to ratify", "voted to ratify"
        last_to = re.search(r"\b(?:the\s+)?(?:first|last|next|latest|\d+(?:st|nd|rd|th))\s+"
                            r"(?:(?:country|state|nation|member|ally)\s+)?to\s+$"
                            # "voted overwhelmingly to", "voted in October to"
                            r"|\bvoted\s+(?:\w+ly\s+|(?:in|on|last)\s+[\w.]+(?:\s+\d+)?\s+)?"
                            r"to\s+$", pre)
        if COUNTED.search(pre) and not negated(pre[-30:]):
            listed = including(sent, m.end())  # "60 have ratified it, including A and B"
            it = treaty_in(ctx, sent, sent.s.start + m.start()) or recent_treaty(ctx, sent) \
                or focus_treaty(ctx, sent)
            for p in listed if it is not None else []:
                sink.add("ratified", sent, party=p, treaty=it.key)  # type: ignore[union-attr]
            if listed:
                continue
        if not last_to and (
            negated(pre[-30:])
            or re.search(r"\b(?:must|should|will|would|to|have|has)\s+(?:\w+\s+){0,2}$", pre)
            or re.search(r"\b(?:revok|after|until|before)\w*\b[^,]{0,40}$", pre)
        ):
            continue
        pos = sent.s.start + m.start()
        nominal = m.group(0).endswith("ratification")
        if m.group("approved") and not re.search(_LEGISLATURE + r"\s+(?:\w+ly\s+)?$", pre):
            continue  # only a legislature's approval of a treaty is its ratification
        if m.group("approved") and re.match(
                r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:extension|amendments?|withdrawal|"
                r"denunciation|budget|bill|law)\b", text[m.end() :]):
            continue  # "approved the New START extension" is no ratification
        treaty = treaty_in(ctx, sent, pos)
        if nominal:  # "completed ratification of the treaty"; without "of", the one in focus
            of = re.match(r"\s+of\s+(?:the\s+)?", text[m.end() :])
            at = m.end() + (of.end() if of else 0)
            treaty = next((x for x in sent.of_type(T.TREATY) if sent.local(x.start) == at),
                          None) if of else recent_treaty(ctx, sent)
        if treaty is None and re.match(r"\s+it\b", text[m.end() :]):
            treaty = recent_treaty(ctx, sent)  # "Russia ratified it in 2000"
        if treaty is None:
            continue
        parties: list[str] = []
        tail = text[m.end() :]
        bm = re.match(r"()", tail) if m.group(0).startswith("approved") and \
            m.group(0).endswith("by ") else re.match(r"\s+(?:only\s+)?by\s+", tail)
        if bm:
            end = sent.s.start + m.end() + segment_end(tail, bm.end())
            parties = [x.key for x in sent.mentions
                       if sent.s.start + m.end() <= x.start < end and x.type is T.STATE]
            if not parties:  # "by the State Duma": the state of the parliament
                orgs = [x for x in sent.mentions if sent.s.start + m.end() <= x.start < end
                        and x.type is T.ORGANIZATION]
                org_state = state_of(ctx, orgs[0]) if orgs else None
                parties = [org_state] if org_state else []
        else:
            party = _ratifying_state(ctx, sent, pos)
            parties = [party] if party else []
        d = sent.date_after(pos, 60)
        if d is None and last_to:  # "voted in October to ratify"
            clause_start = pos - len(clause_before(sent, pos))
            d = next((x for x in reversed(sent.dates) if clause_start <= x.start
                      and x.end <= pos), None)
        for p in parties:
            sink.add("ratified", sent, party=p, treaty=treaty.key, when=d.value if d else None)
        # "..., and Turkey's parliament followed three days later"
        for f in re.finditer(r",?\s+and\s+([A-Z][a-z]+)'s\s+(?:parliament|legislature)\s+"
                             r"followed\b", text[m.end() :]):
            st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(f.group(1), []))
            if st is not None:
                fd = sent.date_after(sent.s.start + m.end() + f.end(), 40)
                sink.add("ratified", sent, party=st.key, treaty=treaty.key,
                         when=fd.value if fd else None)


def _ratifying_state(ctx: Context, sent: Sent, pos: int) -> str | None:
    """The state that ratifies: the subject, or the state of a parliament that does
    ("Hungary's parliament ratified", "the State Duma ratified")."""
    clause = clause_before(sent, pos)
    poss = re.search(r"([A-Z][a-z]+)'s\s+(?:parliament|legislature|senate|lawmakers)\b[^,;]{0,40}$",
                     clause) or re.search(r"([A-Z][a-z]+)'s\s+\w+\s+(?:\w+\s+)?$", clause)
    if poss:
        st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(poss.group(1), []))
        if st is not None:
            return st.key
    # "the Brazilian Congress approved": the state named by the adjective
    clause_start = pos - len(clause)
    adj = next((x for x in reversed(sent.mentions) if clause_start <= x.start and x.end <= pos
                and x.type is T.STATE and x.role == "demonym"
                and re.match(rf"\s+(?:upper\s+|lower\s+)?{_LEGISLATURE}", ctx.body[x.end : pos])),
               None)
    if adj is not None:
        return adj.key
    subj = subject(sent, pos, (T.STATE, T.ORGANIZATION))
    if subj is None:
        return None
    return state_of(ctx, subj) if subj.type is T.ORGANIZATION else subj.key


RULES = (
    Rule(
        name="ratified.verb",
        doc="A state or its legislature ratified or approved a treaty, or completed its "
            "ratification: 'The Senate approved the treaty', 'Hungary became the 65th state to "
            "ratify it'.",
        apply=_ratified,
        trigger=("ratified", "ratify", "approved", "ratification"),
        guards=("negation", "modality"),
        slots=("party", "treaty", "when"),
    ),
)

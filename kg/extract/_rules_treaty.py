"""Treaty events (signing, entry into force, ratification, suspension, withdrawal),
parties, accusations, bloc membership and meetings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from itertools import pairwise

from kg.extract._context import ACTORS, BODIES, Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._entities import Mention
from kg.extract._relations import (
    MODAL,
    NEGATION,
    Sink,
    clause_before,
    main_subject,
    number,
    subject,
)

_SIGNED = re.compile(r"\b(?:[Ss]igned|inked)\b")
# a president signing a law or decree is no treaty signing
_LAW_AFTER = re.compile(r"\s+(?:a|the|an)\s+(?:\w+\s+){0,2}(?:law|decree|bill|order)\b")
_LAW_BEFORE = re.compile(r"\b(?:law|decree|bill)\b[^.;]{0,40}$")
_EIF = re.compile(
    r"\b(?:entered\s+into\s+force|took\s+effect|came\s+into\s+force|"
    r"in\s+force\s+since|went\s+into\s+effect)\b"
)
_LEGISLATURE = (r"(?:Senate|[Pp]arliament|Duma|[Ll]egislature|Congress|Bundestag|Riksdag|"
                r"Eduskunta|Majlis|Knesset|Sejm|Verkhovna\s+Rada|Rada|Storting|Folketing|"
                r"Federation\s+Council|National\s+Assembly|(?:upper|lower)\s+house|"
                r"House\s+of\s+(?:Representatives|Commons|Lords)|Seimas|Saeima|Riigikogu|"
                r"Bundesrat|Althing)")
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
_SUSPEND = re.compile(r"\b(?:suspend(?:ed|s|ing)?|moratorium)\b")
_WITHDREW = re.compile(
    r"\b(?:withdrew|withdrawn|withdrawal|withdrawing|pulled\s+out|quit|"
    r"left|exit)\b"
    # "pulled the U.S. out of the treaty"
    r"|\bpulled(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+out\s+of\b)"
)
# "out of the INF Treaty in 2019 and the Iran nuclear deal the year before"
_AND_TREATY = re.compile(r"(?:\s+(?:in|on)\s+[\w ]{1,20}?)?,?\s+and\s+"
                         r"(?:the\s+|from\s+(?:the\s+)?)?")
_ACCUSE = re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing)(?=\s[^.;]{0,40}?\bfor\b))")
# "has charged that the launchers breach the treaty": a charge of breaking an agreement
_CHARGE = re.compile(r"\b(?:charg(?:ed|es|ing)|alleg(?:ed|es|ing)|claim(?:ed|s|ing))\s+that\s+"
                     r"(?=[^.;]{0,120}?\b(?:breach\w*|violat\w+)\b)")
# "Pompeo said Moscow had violated the treaty": a reported breach is a charge
_SAID_BREACH = re.compile(r"\b(?:said|says|charged|claimed|insisted)\s+(?:that\s+)?(?=(?:the\s+)?"
                          r"[A-Z][^.;]{0,40}?\b(?:had|has|have|was|were|is)\s+(?:[\"“”]?[\w ]+"
                          r"[\"“”]?\s+)?(?:violated|breached|violating|breaching)\b)")
# "both countries", "the two countries": the last two states named together
_BOTH = re.compile(r"(?:both|the\s+two)\s+(?:countries|states|nations|governments)\b")


def treaty_in(ctx: Context, sent: Sent, pos: int | None = None) -> Mention | None:
    ts = sent.of_type(T.TREATY)
    if not ts:
        return None
    if pos is None:
        return ts[0]
    before = [m for m in ts if m.end <= pos]
    after = [m for m in ts if m.start >= pos]
    return before[-1] if before else (after[0] if after else None)


def _negated(text: str) -> bool:
    return bool(NEGATION.search(text))


def treaty_events(ctx: Context, sink: Sink) -> None:
    triggers = _triggers()
    for sent in ctx.sents:
        # one cheap scan says which rules can apply to the sentence
        found = {m.group(0) for m in triggers.finditer(sent.text.lower())}
        if not found:
            continue
        for rule, words in _RULES:
            if not found.isdisjoint(words):
                rule(ctx, sink, sent)


# a clause of its own, with another act on a treaty, between "signed" and the treaty after
# it: the treaty is that act's object ("signed ... when the US ratified the treaty"), while
# "signed and ratified the treaty" keeps it
_OTHER_ACT = re.compile(r"\b(?:when|after|before|while|since|because|as|where)\s[^.;]*?"
                        r"\b(?:ratif(?:y|ied|ies|ying)|withdr[ae]w\w*|quit|pulled\s+out|"
                        r"violat\w+|breach\w*|suspend\w*|abandon\w*|renounc\w+|"
                        r"denounc\w+)\b")


def _signed(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _SIGNED.finditer(text):
        pre = text[max(0, m.start() - 40) : m.start()]
        if _LAW_AFTER.match(text, m.end()) or _LAW_BEFORE.search(pre):
            continue  # a law or decree, not a treaty
        if _negated(pre[-25:]) or re.search(r"\b(?:refused|declined)\s+to\s+$", pre):
            continue
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None:
            continue
        if treaty.start >= pos and _OTHER_ACT.search(
                ctx.body, sent.s.start + m.end(), treaty.start):
            continue  # "signed with the pen used when the US ratified the treaty": not signed
        tail = text[m.end() :]
        when = _signing_date(ctx, sent, pos)
        where = None
        wm = re.match(r"[^.;]{0,60}?\b(?:in|at)\s+(?:the\s+)?", tail)
        if wm:
            at = sent.s.start + m.end() + wm.end()
            place = next((x for x in sent.mentions if x.start == at), None)
            if place is not None and place.type in (T.PLACE, T.STATE):
                where = _as_place(ctx, place)
        signatories: list[str] = []
        count = None
        groups: list[dict[str, object]] = []
        bm = re.search(r"\bby\s+", tail[:40])
        if bm:  # "... was signed by X and Y", "by 22 states (16 NATO members and ...)"
            start = sent.s.start + m.end() + bm.end()
            end = sent.s.start + _segment_end(text, m.end() + bm.end())
            for x in sent.mentions:
                if start <= x.start < end and x.type in ACTORS and x.role != "demonym" \
                        and x.type is not T.BLOC and not _qualifies(ctx, sent, x) \
                        and x.key not in signatories:
                    signatories.append(x.key)
            cm = re.match(r"(\d+|[a-z]+)\s+(?:states|countries|nations|members|signatories)",
                          text[m.end() + bm.end() :])
            if cm:
                count = number(cm.group(1))
                signatories = []
            groups = _groups(ctx, sent, start)
        elif not re.search(r"(?:,|\b(?:was|were|been|being|be))\s*$", pre):
            # an active subject: "Russia and the US signed", "its six members signed"
            listed = _state_list_before(ctx, sent, pos)
            cm = re.search(r"\b(\w+)\s+(?:remaining\s+|founding\s+)?(states|countries|nations|"
                           r"members)\s+(?:have\s+|had\s+)?$", text[: m.start()])
            subj = subject(sent, pos, ACTORS)
            if cm and number(cm.group(1)):
                count = number(cm.group(1))
                bloc = main_bloc(ctx) if cm.group(2) == "members" else None
                if bloc is not None:
                    groups = [{"group": bloc, "count": count}]
            elif len(listed) > 1:
                signatories = [x.key for x in listed]
            elif re.search(r"\btwo\s+(?:presidents|leaders)\s+$", text[: m.start()]):
                signatories = [p.key for p in _last_titled(ctx, sent, "President", 2)]
            elif subj is not None and subj.end > pos - 40:
                signatories = [subj.key]
        if groups and count is None:
            count = sum(int(g["count"]) for g in groups)  # type: ignore[call-overload]
        sink.add("signed", sent, treaty=treaty.key, when=when, where=where,
                 signatories=signatories, signatory_count=count, signatory_groups=groups)
        return


def _signing_date(ctx: Context, sent: Sent, pos: int) -> str | None:
    """The date of a signing: after the verb, else earlier in the same clause; a year
    that qualifies a treaty name ("the Warsaw Treaty of 1955") is not it."""
    for d in sent.dates:
        of_year = ctx.body[max(0, d.start - 3) : d.start] == "of "
        if pos <= d.start <= pos + 120 and not of_year:
            return d.value
    clause_start = pos - len(clause_before(sent, pos))
    before = [d for d in sent.dates if clause_start <= d.start and d.end <= pos]
    return before[-1].value if before else None


def _year_adjective(ctx: Context, d: DateMention) -> bool:
    """A bare year that qualifies a name: "the 1949 North Atlantic Treaty"."""
    return len(d.value) == 4 and re.match(r"\s+[A-Z]", ctx.body[d.end : d.end + 2]) is not None


def _qualifies(ctx: Context, sent: Sent, x: Mention) -> bool:
    """Whether a state only qualifies the title of the person after it ("US President")."""
    if x.type is not T.STATE:
        return False
    nxt = next((y for y in sent.mentions if y.start >= x.end), None)
    return nxt is not None and nxt.type is T.PERSON and bool(
        re.fullmatch(r"(?:'s)?\s+(?:[A-Z][\w-]*\s+)+", ctx.body[x.end : nxt.start]))


def _segment_end(text: str, start: int) -> int:
    m = re.search(
        r"[;.]|,\s+(?:and|which|who|but|when)\b|\s+and\s+(?!the\s+[A-Z]|[A-Z]|"
        r"(?:his|her)\s+(?:[A-Z]\w+\s+)?counterpart)", text[start:]
    )
    return start + m.start() if m else len(text)


_INCLUDING = re.compile(r"\s+(?:to\s+)?(?:it|the\s+(?:treaty|convention|pact|accord|agreement|"
                        r"protocol|[A-Z][\w-]*))?,?\s+including\s+(?:the\s+)?")
# a number or a quantity as the subject: "60 have", "More than 100 countries are"
_COUNTED = re.compile(r"(?:^|\b(?:and|but|,))\s*(?:(?:[Mm]ore|[Ff]ewer)\s+than\s+|[Ss]ome\s+|"
                      r"[Oo]ver\s+|[Nn]early\s+|[Aa]bout\s+)?(?:\d+|[a-z]+ty|[Dd]ozens|[Mm]ost|"
                      r"[Mm]any)\s+(?:(?:countries|states|nations|members|of\s+them)\s+)?"
                      r"(?:have|has|had|are|were)\s+$")


def _including(sent: Sent, end: int) -> list[str]:
    """The states listed after a counted subject's verb: "60 have ratified it, including
    A, B and C" (``end`` the local end of the verb phrase)."""
    im = _INCLUDING.match(sent.text, end)
    if im is None:
        return []
    out: list[str] = []
    pos = sent.s.start + im.end()
    for x in sorted(sent.mentions, key=lambda x: x.start):
        if x.start < pos or x.type is not T.STATE or x.role == "demonym":
            continue
        if x.start != pos:
            break
        out.append(x.key)
        gap = re.match(r",\s+(?:and\s+)?(?:the\s+)?|,?\s+and\s+(?:the\s+)?", sent.text[
            sent.local(x.end) :])
        if gap is None:
            break
        pos = x.end + gap.end()
    return out


def _groups(ctx: Context, sent: Sent, pos: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seg = ctx.body[pos : sent.s.end]
    for gm in re.finditer(
        r"(?<![\w-])(?:then-)?(\d+|[a-z]+)\s+(?:(?:members\s+)?of\s+(?:the\s+)?)?", seg
    ):
        n = number(gm.group(1))
        if n is None:
            continue
        at = pos + gm.end()
        bloc = next((x for x in sent.mentions if x.start == at and x.type is T.BLOC), None)
        if bloc is not None and not any(g["group"] == bloc.key for g in out):
            out.append({"group": bloc.key, "count": n})
    return out if len(out) >= 1 else []


def _last_titled(ctx: Context, sent: Sent, title: str, n: int) -> list[Mention]:
    seen: list[Mention] = []
    for s in ctx.sents:
        if s.s.start > sent.s.start:
            break
        for m in s.mentions:
            e = ctx.entities[m.key]
            if (
                m.type is T.PERSON
                and e.title
                and e.title[0] == title
                and m.key not in [x.key for x in seen]
            ):
                seen.append(m)
    return seen[-n:]


def _as_place(ctx: Context, m: Mention) -> str:
    if m.type is T.STATE and m.role == "capital" and m.info.get("place"):
        ref = ctx.rec.rb.entities[m.info["place"]]
        ctx.rec.entity(ref.key, T.PLACE, ref.name, ref)
        m.info["used_as_place"] = "1"
        return ref.key
    return m.key


def _entry_into_force(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _EIF.finditer(text):
        pre = text[: m.start()]
        if (
            _negated(pre[-30:])
            or re.search(r"\b(?:will|would|could|may)\s+(?:\w+\s+)?$", pre)
            or re.search(r"\bonly\s+after\b", text[m.end() : m.end() + 20])
        ):
            continue
        clause = clause_before(sent, sent.s.start + m.start())
        if re.search(
            r"\b(?:withdrawal|exit|suspension|decision|law|ban|sanctions)\b", clause
        ) or re.search(r"\bwithdrawal\b", pre[-40:]):
            continue
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None and re.match(r"\s*(?:It|it)\s+(?:\w+\s+)?$", pre[-25:]):
            treaty = recent_treaty(ctx, sent)  # "It entered into force on 5 February 2011."
        if treaty is None:
            continue
        d = sent.date_after(pos, 60)
        sink.add("entered_into_force", sent, treaty=treaty.key, when=d.value if d else None)


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
        if _COUNTED.search(pre) and not _negated(pre[-30:]):
            listed = _including(sent, m.end())  # "60 have ratified it, including A and B"
            it = treaty_in(ctx, sent, sent.s.start + m.start()) or recent_treaty(ctx, sent) \
                or _focus_treaty(ctx, sent)
            for p in listed if it is not None else []:
                sink.add("ratified", sent, party=p, treaty=it.key)  # type: ignore[union-attr]
            if listed:
                continue
        if not last_to and (
            _negated(pre[-30:])
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
            end = sent.s.start + m.end() + _segment_end(tail, bm.end())
            parties = [x.key for x in sent.mentions
                       if sent.s.start + m.end() <= x.start < end and x.type is T.STATE]
            if not parties:  # "by the State Duma": the state of the parliament
                from kg.extract._relations import state_of

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
    from kg.extract._relations import state_of

    return state_of(ctx, subj) if subj.type is T.ORGANIZATION else subj.key


def _focus_treaty(ctx: Context, sent: Sent) -> Mention | None:
    """The treaty spoken of most up to this sentence (the latest on a tie): what "it" means
    in a paragraph that names none."""
    seen = [x for s in ctx.sents[: sent.index + 1] for x in s.of_type(T.TREATY)]
    counts = Counter(x.key for x in seen)
    return max(reversed(seen), key=lambda x: counts[x.key]) if seen else None


def recent_treaty(ctx: Context, sent: Sent) -> Mention | None:
    """The treaty a pronoun or an elliptic sentence refers to: the last one named in this
    sentence or the two before it, within the paragraph."""
    i = sent.index
    for s in reversed(ctx.sents[max(0, i - 2) : i + 1]):
        if s.s.paragraph != sent.s.paragraph and s is not sent:
            break
        ts = s.of_type(T.TREATY)
        if ts:
            return ts[-1]
    return None


def _suspended(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _SUSPEND.finditer(text):
        pre = text[: m.start()]
        if _negated(pre[-25:]) or re.search(r"\b(?:may|might|could|threaten\w*\s+to)\s+$", pre):
            continue
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None or treaty.start > pos + 120:
            continue
        # "by suspending Moscow's participation": the possessor is the party
        poss = re.match(r"\w*\s+(?:the\s+)?", text[m.end() :])
        at = m.end() + (poss.end() if poss else 0)
        owner = next((x for x in sent.mentions if sent.local(x.start) == at
                      and x.type in BODIES and text[sent.local(x.end) :].startswith("'s")), None)
        # "Washington's decision to suspend", "NATO's member states responded ... by suspending"
        actor = re.search(r"(?:'s|’s)\s+(?:(?:decision|move|plan)\s+to\s+$|(?:member\s+states|"
                          r"members|allies)\b[^.;,]{0,60}\bby\s+$)", pre)
        if owner is None and actor is not None:
            owner = next((x for x in sent.mentions if x.end == sent.s.start + actor.start()
                          and x.type in BODIES), None)
        subj = owner or subject(sent, pos, BODIES)
        if subj is None or subj.type is T.ORGANIZATION:
            continue
        form = "moratorium" if "moratorium" in text else "suspension"
        d = None
        eff = re.search(r"\beffective\s+", text[m.end() :])
        if eff:
            d = sent.date_after(sent.s.start + m.end() + eff.end() - 1, 5)
        if d is None and not re.search(r"\b(?:would|will)\s+$", pre):
            d = sent.date_after(pos, 80) or next(
                (x for x in reversed(sent.dates) if x.end <= pos), None
            )
        if re.search(r"\b(?:would|intend\w*\s+to)\s+$", pre) and not eff:
            d = None
        sink.add(
            "suspended",
            sent,
            party=subj.key,
            treaty=treaty.key,
            when=d.value if d else None,
            form=form,
        )


def _withdrew(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _WITHDREW.finditer(text):
        word = m.group(0)
        pre = text[: m.start()]
        post = text[m.end() :]
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)  # "have never joined, and North Korea withdrew"
        if _negated(clause[-30:]) or MODAL.search(clause[-20:]):
            continue
        if re.match(r"\s+(?:its|their)\s+(?:troops|forces)", post):
            continue
        if word in ("withdrawal", "exit"):
            # "X's withdrawal from T took effect" / "completed its withdrawal"
            if not re.search(
                r"\b(?:took\s+effect|completed|came\s+into\s+effect|became\s+effective)\b", text
            ) or re.search(r"\blaw\b", pre[-30:]):
                continue
        elif word == "left" and not re.match(r"\s+the\s+", post):
            continue
        treaty = treaty_in(ctx, sent, pos)
        if word in ("left", "quit") and treaty is not None and not re.fullmatch(
                r"\s+(?:the\s+)?(?:\d{4}\s+|landmark\s+|Cold\s+War-era\s+)?",
                ctx.body[pos + len(word) : treaty.start]):
            continue  # "left the talks with Japan on the treaty": not the treaty that is left
        if treaty is None and word == "withdrew" and \
                re.match(r"\s+(?:in|on|last|that|,|\.|from\s+it\b)", post):
            # "... and North Korea withdrew in 2003.", "North Korea withdrew from it in 2003."
            treaty = recent_treaty(ctx, sent)
        if treaty is None:
            continue
        obj: Mention | None = None
        subj: Mention | None
        if word == "pulled":  # "pulled the U.S. out of the deal"
            om = re.match(r"\s+(?:the\s+)?", post)
            at = pos + len(word) + (om.end() if om else 0)
            obj = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
            if obj is None:
                continue
        if word == "withdrew":  # "withdrew the United States from the JCPOA"
            om = re.match(r"\s+(?:the\s+)?", post)
            at = pos + len(word) + (om.end() if om else 0)
            obj = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
            if obj is not None and not re.match(r"\s+from\b", ctx.body[obj.end : obj.end + 6]):
                obj = None
        if obj is not None:
            subj = obj
        elif word in ("withdrawal", "exit"):
            poss = [
                x
                for x in sent.mentions
                if x.end <= pos
                and x.type in BODIES
                and (
                    ctx.body[x.end : x.end + 2] == "'s"
                    or re.match(r"\s+completed", ctx.body[x.end : x.end + 12])
                )
            ]
            subj = poss[-1] if poss else subject(sent, pos, BODIES)
        else:
            subj = subject(sent, pos, BODIES)
        if subj is None:
            continue
        dates = [x for x in sent.dates if not _year_adjective(ctx, x)]  # "the 1987 INF Treaty"
        d = next((x for x in dates if pos <= x.start <= pos + 80), None) or \
            next((x for x in dates if x.end <= pos), None)
        if word in ("withdrawal", "exit"):
            te = re.search(r"\btook\s+effect\b", text)
            if te:
                d = sent.date_after(sent.s.start + te.start(), 40) or d
        sink.add("withdrew", sent, party=subj.key, treaty=treaty.key, when=d.value if d else None)
        if treaty.start < pos:
            continue
        cur = treaty
        for x in sent.of_type(T.TREATY):  # "... from A in 2019 and B the year before"
            if x.start <= cur.start:
                continue
            if not _AND_TREATY.fullmatch(ctx.body, cur.end, x.start):
                break
            dx = sent.date_after(x.end, 30)
            sink.add("withdrew", sent, party=subj.key, treaty=x.key, when=dx.value if dx else None)
            cur = x


def _party_to(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in re.finditer(
        r"\b(?:treaty|agreement|accord|pact|deal|Treaty|Agreement|(?:reached|concluded|agreed)"
        r"\b[^.;]{0,60}?)\s+between\s+|\bbinding\s+(?:on\s+)?", text
    ):
        seg_end = _segment_end(text, m.end())
        if "—" in text[m.end() :]:
            seg_end = max(seg_end, len(text))
        treaty = treaty_in(ctx, sent, sent.s.start + m.start() + 1) or _treaty_near(ctx, sent, m)
        if treaty is None:
            continue
        for x in sent.mentions:
            if (
                sent.s.start + m.end() <= x.start < sent.s.start + seg_end
                and x.type is T.STATE
                and x.role != "demonym"
            ):
                sink.add("party_to", sent, party=x.key, treaty=treaty.key)
    for m in re.finditer(
        r"\b(?:remain|became|become|are|were|is|also)\s+(?:\w+\s+)?parties\b"
        # "are among its 51 states parties", "which remains a party for now"
        r"|\b(?:are|were)\s+(?:among\s+)?(?:its|the|the\s+[\w-]+'s)\s+(?:\d+\s+|\w+\s+)?"
        r"(?:states?\s+)?parties\b"
        r"|\b(?:remains|is|became)\s+a\s+(?:state\s+)?party\b(?!\s+to\s+(?!(?:the|it)\b))"
        # "Russia and the United States, both parties to the convention, ..."
        r"|,\s+(?:both|all(?:\s+\w+)?)\s+(?:states\s+)?parties\s+to\b"
        r"|\bmaking\s+",
        text,
    ):
        clause = clause_before(sent, sent.s.start + m.start())
        if _negated(clause[-30:]) or MODAL.search(clause[-25:]) or _negated(m.group(0)):
            continue  # "are not parties"
        treaty = treaty_in(ctx, sent, sent.s.start + m.start())
        if treaty is None and "part" in m.group(0):
            treaty = recent_treaty(ctx, sent)  # "China and France ... became parties in 1992"
        if treaty is None and "parties" in m.group(0):
            treaty = recent_treaty(ctx, sent)  # "China and France ... became parties in 1992"
        if treaty is None:
            continue
        if m.group(0).startswith("making"):
            pm = re.match(r"([A-Z][\w ]+?)\s+a\s+party\s+to\b", text[m.end() :])
            if not pm:
                continue
            st = next(
                (
                    x
                    for x in sent.mentions
                    if x.start == sent.s.start + m.end() and x.type is T.STATE
                ),
                None,
            )
            if st is not None:
                sink.add("party_to", sent, party=st.key, treaty=treaty.key)
            continue
        clause = text[: m.start()]
        if "parties" in m.group(0) and _COUNTED.search(clause + m.group(0).split()[0] + " "):
            # "More than 100 countries are parties to it, including A, B and C"
            for p in _including(sent, m.end()):
                sink.add("party_to", sent, party=p, treaty=treaty.key)
        cut = max(clause.rfind(". "), clause.rfind("; "), clause.rfind(" — "))
        for x in sent.mentions:
            if (
                sent.s.start + cut < x.start < sent.s.start + m.start()
                and x.type is T.STATE
                and x.role != "demonym"
            ):
                sink.add("party_to", sent, party=x.key, treaty=treaty.key)


# "Syria, which joined the convention in 2013": joining a treaty makes a party to it
_JOINED = re.compile(r"\b(?:joined|acceded\s+to)\s+(?:the\s+)?")
# "joined the New START talks": not the treaty itself
_NOT_TREATY_ITSELF = re.compile(r"\s*(?:talks|negotiations|process|review|conference|commission|"
                                r"summit|meeting|debate|campaign|regime|framework)\b")


def _joined_treaty(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _JOINED.finditer(text):
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.mentions if x.type is T.TREATY
                       and at - 4 <= x.start <= at), None)
        if treaty is None or _NOT_TREATY_ITSELF.match(ctx.body, treaty.end):
            continue
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)
        if _negated(clause[-30:]) or MODAL.search(clause[-20:]) or \
                re.search(r"\b(?:[Nn]one|[Nn]either|nor|[Nn]o)\b", clause):
            continue
        listed = _state_list_before(ctx, sent, pos)
        subj = subject(sent, pos, (T.STATE,))
        # the subject is in the clause, or named right before ", which joined"
        start = pos - len(clause) - (2 if re.match(r"\s*which\b", clause) else 0)
        if subj is not None and subj.end < start:
            subj = None
        for x in listed or ([subj] if subj is not None else []):
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


# "New START, its last nuclear arms treaty with the United States": both sides are parties
_ITS_TREATY_WITH = re.compile(r",\s+(?:its|their)\s+(?:[\w-]+\s+){0,4}?(?:treaty|agreement|"
                              r"accord|pact)\s+with\s+(?:the\s+)?")


def _treaty_with(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _ITS_TREATY_WITH.finditer(text):
        at = sent.s.start + m.start()
        treaty = next((x for x in sent.of_type(T.TREATY) if x.end == at), None)
        partner = next((x for x in sent.mentions if x.start == sent.s.start + m.end()
                        and x.type is T.STATE and x.role != "demonym"), None)
        owner = subject(sent, treaty.start, (T.STATE,)) if treaty is not None else None
        if treaty is None or partner is None or owner is None or owner.key == partner.key:
            continue
        if _negated(clause_before(sent, owner.end)):
            continue
        for x in (owner, partner):
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


def _parties_listed(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "the other parties to the agreement - Britain, China, France, Germany and Russia -" """
    text = sent.text
    for m in re.finditer(r"\bparties\s+to\s+", text):
        treaty = next((x for x in sent.mentions if x.type is T.TREATY
                       and 0 <= x.start - (sent.s.start + m.end()) <= 4), None)
        if treaty is None:
            continue
        lm = re.match(r"\s*(?:[-—–:]|,)\s+(?:the\s+)?",
                      ctx.body[treaty.end : treaty.end + 6])
        if lm is None:
            continue
        listed = _state_list_after(ctx, sent, treaty.end + lm.end())
        if len(listed) > 1:
            for x in listed:
                sink.add("party_to", sent, party=x.key, treaty=treaty.key)


def _state_list_after(ctx: Context, sent: Sent, pos: int) -> list[Mention]:
    """The states listed from ``pos`` on: "Britain, China, France, Germany and Russia"."""
    out: list[Mention] = []
    cur = pos
    for x in sent.mentions:
        if x.start < cur or x.type is not T.STATE or x.role == "demonym":
            continue
        gap = ctx.body[cur : x.start]
        if out and not re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?", gap):
            break
        if not out and gap.strip():
            break
        out.append(x)
        cur = x.end
    return out


def _treaty_near(ctx: Context, sent: Sent, m: re.Match[str]) -> Mention | None:
    return treaty_in(ctx, sent)


def _pair_before(ctx: Context, sent: Sent, pos: int) -> list[str]:
    """The last two states named together ("Finland and Sweden", "Helsinki and Stockholm")
    in this sentence or the two before it."""
    for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
        states = [x for x in s.mentions if x.type is T.STATE and x.end <= pos]
        for a, b in reversed(list(pairwise(states))):
            if a.key != b.key and re.fullmatch(r"\s+and\s+(?:the\s+)?", ctx.body[a.end : b.start]):
                return [a.key, b.key]
    return []


def _accused(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in [*_ACCUSE.finditer(text), *_CHARGE.finditer(text), *_SAID_BREACH.finditer(text)]:
        pos = sent.s.start + m.start()
        post_m = re.match(r"\s+(?:the\s+)?", text[m.end() :])
        at = sent.s.start + m.end() + (post_m.end() if post_m else 0)
        charge = m.group(0).endswith("that ") or not m.group(0).startswith(("accus", "blam"))
        if charge:  # "said Moscow had not violated it" is no charge
            vm = re.search(r"\b(?:violat|breach)\w*", text[m.end() :])
            if vm is None or _negated(text[m.end() : m.end() + vm.start()]):
                continue
        if charge:  # the first actor of the charge: "that the launchers at the US base"
            stop = re.search(r"[.;]", text[m.end() :])
            clause_end = sent.s.start + m.end() + (stop.start() if stop else len(text))
            accused = next((x for x in sent.mentions if sent.s.start + m.end() <= x.start
                            < clause_end and x.type in BODIES), None)
        else:  # "accused Iran", "accused the alliance" ("the alliance" is one mention)
            accused = next((x for x in sent.mentions if x.start in (at, at - 4)
                            and x.start >= sent.s.start + m.end() and x.type in ACTORS), None)
        accused_keys = [accused.key] if accused is not None else []
        if accused is not None and not charge:  # "accused NATO and the EU of ..."
            accused_keys += [x.key for x in _coordinated_after(ctx, sent, accused)]
        both = None if charge else _BOTH.match(text, m.end() + 1)
        if both:
            accused_keys = _pair_before(ctx, sent, pos)
        if not accused_keys:
            continue
        pre = text[: m.start()]
        if _negated(pre[-25:]):
            continue
        if re.search(r"\b(?:He|She|he|she)\s+(?:also\s+|has\s+|had\s+)*$", pre):
            # "He accused Iran of ...": the person the text spoke of last
            people = [x for x in ctx.rec.mentions if x.end <= pos and x.type is T.PERSON]
            accuser = people[-1] if people else None
        elif re.search(r",\s*$", pre) and m.group(0) == "accusing":
            # "X on Dec. 5 used his speech at ... , accusing Russia of ...": X accuses
            accuser = main_subject(sent, ACTORS)
            if accuser is not None and accuser.type is not T.PERSON:
                person = next((x for x in sent.mentions if x.type is T.PERSON
                               and x.start > accuser.start and x.end <= pos
                               and _qualifies(ctx, sent, accuser)), None)
                accuser = person or accuser
        elif re.search(r"(?:,\s*|\b)and\s+(?:has\s+|had\s+|also\s+)*$", pre):
            # "X condemned ... and accused Y": the subject of the main clause
            accuser = main_subject(sent, ACTORS)
        elif re.search(r",\s+which\s+(?:also\s+|has\s+|had\s+)*$", pre):
            # "blocked by Turkey, which accused ...": the name before "which"
            wm = re.search(r",\s+which\s+(?:also\s+|has\s+|had\s+)*$", pre)
            at_which = sent.s.start + wm.start()  # type: ignore[union-attr]
            accuser = next((x for x in sent.mentions if x.end == at_which and x.type in ACTORS),
                           None)
        else:
            accuser = subject(sent, pos, ACTORS)
        if accuser is None:
            continue
        rest = text[m.end() :]
        of = re.match(r"[^.;]*?\bof\b([^.;]*)", rest) if m.group(0).startswith("accus") \
            else re.match(r"[^.;]*?\bfor\b([^.;,]*)", rest) if not charge \
            else re.match(r"()([^.;]*)", rest)
        treaty = None
        if of:
            span_start = sent.s.start + m.end() + of.start(1)
            span_end = sent.s.start + m.end() + of.end(1)
            if charge:
                span_start, span_end = sent.s.start + m.end(), sent.s.start + len(text)
            t = [
                x for x in sent.mentions if span_start <= x.start < span_end and x.type is T.TREATY
            ]
            if t:
                treaty = t[0].key
            elif re.search(r"\b(?:violat\w+|breach\w*|undermin\w+|\w+ing)\b\s+it\b", of.group(1)):
                prior = treaty_in(ctx, sent, pos) or recent_treaty(ctx, sent)
                treaty = prior.key if prior else None
        if treaty is None and re.search(r"\bin\s+turn\s+$", text[: m.start()]):
            # a counter-accusation concerns what the accusation it answers concerned
            earlier = [f for f in sink.facts if f.kind == "accused" and f.fields.get("treaty")
                       and f.sent.index >= sent.index - 1]
            treaty = earlier[-1].fields["treaty"] if earlier else None
        dates = [x for x in sent.dates if not _year_adjective(ctx, x)]  # "the 1975 ... Act"
        d = next((x for x in dates if pos <= x.start <= pos + 120), None) or \
            next((x for x in dates if x.end <= pos), None)
        accusers = [accuser]
        if accuser.type is not T.PERSON:  # "Washington and London have accused"
            accusers = [*_coordinated_before(ctx, sent, accuser), accuser]
        for by in accusers:
            for key in accused_keys:
                if key == by.key:
                    continue
                sink.add(
                    "accused",
                    sent,
                    accuser=by.key,
                    accused=key,
                    treaty=treaty,
                    when=d.value if d else None,
                )


_COORDINATED = re.compile(r"(?:,|,?\s+and)\s+(?:the\s+)?")


def _coordinated_after(ctx: Context, sent: Sent, first: Mention) -> list[Mention]:
    """The actors listed after ``first``: "NATO and the EU", "Washington, London and Paris"."""
    out: list[Mention] = []
    cur = first
    for x in sent.mentions:
        if x.start < cur.end or x is first:
            continue
        if x.type not in ACTORS or x.role in ("demonym", "part") or \
                not _COORDINATED.fullmatch(ctx.body, cur.end, x.start):
            break
        out.append(x)
        cur = x
    return out


def _coordinated_before(ctx: Context, sent: Sent, last: Mention) -> list[Mention]:
    """The actors listed before ``last``: "Washington and London" before "have accused"."""
    out: list[Mention] = []
    cur = last
    for x in reversed(sent.mentions):
        if x.end > cur.start:
            continue
        if x.type not in BODIES or x.role in ("demonym", "part") or \
                not _COORDINATED.fullmatch(ctx.body, x.end, cur.start):
            break
        out.insert(0, x)
        cur = x
    return out


def main_bloc(ctx: Context) -> str | None:
    """The bloc an article is mostly about (counting "the alliance" and the like)."""
    from collections import Counter

    counts = Counter(m.key for s in ctx.sents for m in s.mentions if m.type is T.BLOC)
    return counts.most_common(1)[0][0] if counts else None


def _state_list_before(ctx: Context, sent: Sent, pos: int) -> list[Mention]:
    """The states listed right before ``pos``: "Poland, Hungary and the Czech Republic"."""
    states = [
        x for x in sent.mentions if x.end <= pos and x.type is T.STATE and x.role != "demonym"
    ]
    out: list[Mention] = []
    cur = pos
    for x in reversed(states):
        gap = ctx.body[x.end : cur]
        if out and not re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?", gap):
            break
        if not out and not re.fullmatch(
            r"\s*(?:,[^,;]{1,60},|,\s+which)?\s*(?:has\s+|have\s+|had\s+|"
            r"formally\s+|officially\s+)*",
            gap,
        ):
            break
        out.insert(0, x)
        cur = x.start
    return out


def _member_of(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in re.finditer(
        r"\b(?:became|becoming|becomes)\s+(?:(?:the|a|an)\s+)?(?:\w+\s+)?(?:member|ally)\s+of\s+"
        # "Montenegro became NATO's 29th member"
        r"|\b(?:became|becoming|becomes)\s+(?=(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}'s\s+"
        r"(?:\w+\s+)?(?:member|ally)\b)"
        r"|\bjoin(?:ed|s)\s+",
        text,
    ):
        pos = sent.s.start + m.start()
        if (
            MODAL.search(text[max(0, m.start() - 15) : m.start()])
            or "appl" in text[max(0, m.start() - 20) : m.start()]
        ):
            continue
        group = next(
            (
                x
                for x in sent.mentions
                if x.start >= sent.s.start + m.end() - 1 and _is_group(ctx, x)
            ),
            None,
        )
        if group is not None and _NOT_GROUP_ITSELF.match(ctx.body, group.end):
            continue  # "joined the NATO exercises", "joined the OSCE mission"
        if group is None or group.start - (sent.s.start + m.end()) > 5:
            # "becoming the alliance's 32nd member"
            group = next(
                (
                    x
                    for x in sent.mentions
                    if sent.s.start + m.start() <= x.start
                    and x.type is T.BLOC
                    and ctx.body[x.end : x.end + 2] == "'s"
                ),
                None,
            )
            if group is None:
                continue
        members = _state_list_before(ctx, sent, pos)
        if not members:
            subj = [
                x
                for x in sent.mentions
                if x.type is T.STATE and x.end <= pos and x.role != "demonym"
            ]
            members = subj[:1] if subj and re.search(r"\bbecoming\b", m.group(0)) else members
        wm = re.search(r",\s+whose\s+(?:country|nation|state)\s+$", text[: m.start()])
        if not members and wm:  # "Finnish President Sauli Niinisto, whose country became"
            person = next((x for x in sent.mentions if x.end == sent.s.start + wm.start()
                           and x.type is T.PERSON), None)
            title = ctx.entities[person.key].title if person is not None else None
            if title and ctx.entities[title[1]].type is T.STATE:
                members = [Mention(person.start, person.end, "", title[1],  # type: ignore[union-attr]
                                   T.STATE, "anaphor")]
        d = sent.date_after(pos, 60)
        for x in members:
            sink.add("member_of", sent, member=x.key, group=group.key, when=d.value if d else None)
    if "joined" in text:
        _joined_bare(ctx, sink, sent)
    _member_lists(ctx, sink, sent)
    # "Finland's accession to the alliance in April"
    for m in re.finditer(r"'s\s+accession\s+to\s+(?:the\s+)?", text):
        member = next(
            (x for x in sent.mentions if x.end == sent.s.start + m.start() and x.type is T.STATE),
            None,
        )
        at = sent.s.start + m.end()
        group = next(
            (x for x in sent.mentions if at - 4 <= x.start <= at and x.type is T.BLOC), None
        )
        if member is not None and group is not None:
            d = sent.date_after(group.end, 30)
            sink.add(
                "member_of", sent, member=member.key, group=group.key, when=d.value if d else None
            )
    # "East Germany, a founding member, left the alliance"
    for m in re.finditer(
        r",\s+(?:a|one)\s+(?:founding\s+|former\s+|full\s+)?member(?:\s+of\s+)?", text
    ):
        member = next(
            (
                x
                for x in reversed(sent.mentions)
                if x.end == sent.s.start + m.start() and x.type is T.STATE
            ),
            None,
        )
        group = next(
            (x for x in sent.mentions if x.start >= sent.s.start + m.end() and x.type is T.BLOC),
            None,
        )
        if member is not None and group is not None:
            sink.add("member_of", sent, member=member.key, group=group.key)
    # "The CSTO brings together six ...: Russia, Belarus, ..." / "two members, Hungary and Turkey"
    lm = re.search(
        r"(?:brings\s+together|members?\s+(?:are|were|include[sd]?)|"
        r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:remaining\s+)?"
        r"(?:members|allies))[^:,—]*[:,—]\s+(?:the\s+)?",
        text,
    )
    if lm:
        pos = sent.s.start + lm.end()
        in_sentence = [x for x in sent.mentions if x.end <= pos and x.type is T.BLOC]
        list_group = in_sentence[-1].key if in_sentence else main_bloc(ctx)
        if list_group is None:
            return
        tail = text[lm.end() :]
        cut = re.search(
            r"\s+—|[;.]|,\s+(?:which|who|but|when)\b|\s+(?:had|have|has|were|are)\b", tail
        )
        end = pos + (cut.start() if cut else len(tail))
        for x in sent.mentions:
            if pos <= x.start < end and x.type is T.STATE and x.role != "demonym":
                sink.add("member_of", sent, member=x.key, group=list_group)


# "the alliance includes Russia, Belarus and ...", "the SCO now comprises China, India, ..."
_COMPRISES = re.compile(r"\s+(?:now\s+|also\s+)?(?:includes|included|comprises|comprised|"
                        r"consists\s+of|consisted\s+of|is\s+made\s+up\s+of)\s+(?:the\s+)?")
_COMPRISE_WORDS = re.compile(r"includ|compris|consist|made\s+up")
# "Besides Armenia, the alliance includes ...": the state set aside is a member too
_SET_ASIDE = re.compile(r"(?:Besides|Apart\s+from|Along\s+with|In\s+addition\s+to|With)\s+"
                        r"(?:the\s+)?")
# "Belarus is also a member of the CSTO", "Poland and Hungary are members of NATO"
_IS_MEMBER = re.compile(r"\b(?:is|are|was|were|remains?|remained)\s+(?:also\s+|both\s+|all\s+|"
                        r"still\s+|now\s+)?(?:(?:a|an)\s+)?(?:full\s+|founding\s+)?"
                        r"members?\s+of\s+(?:the\s+)?")
# "All four countries are members of NATO": a count of the states named before
_COUNT_MEMBERS = re.compile(r"\b(?:[Aa]ll|[Tt]he|[Bb]oth)\s+(?:(\w+)\s+)?(?:countries|states|"
                            r"nations)\s+(?:are|were|remain)\s+(?:all\s+|both\s+|also\s+)?"
                            r"members\s+of\s+(?:the\s+)?")


def _member_lists(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in _COMPRISES.finditer(text) if _COMPRISE_WORDS.search(text) else ():
        at = sent.s.start + m.start()
        group = next((x for x in sent.mentions if x.end == at and _is_group(ctx, x)), None)
        if group is None:
            continue
        listed = _state_list_after(ctx, sent, sent.s.start + m.end())
        if len(listed) < 2:
            continue
        lead = _SET_ASIDE.match(text)
        if lead and lead.end() < m.start():
            listed = _state_list_after(ctx, sent, sent.s.start + lead.end()) + listed
        for x in listed:
            sink.add("member_of", sent, member=x.key, group=group.key)
    for m in _IS_MEMBER.finditer(text) if "member" in text else ():
        at = sent.s.start + m.end()
        # "a member of the alliance", "of the Russian-led Collective Security Treaty ..."
        group = next((x for x in sent.mentions if at - 4 <= x.start and _is_group(ctx, x)
                      and re.fullmatch(r"(?:[\w-]+-led\s+)?", ctx.body[at : x.start])), None)
        if group is None:
            continue
        cm = _COUNT_MEMBERS.search(text, max(0, m.start() - 40), m.end())
        if cm is not None:
            n = 2 if cm.group(0)[:4].lower() == "both" and not cm.group(1) else \
                number(cm.group(1) or "")
            members = _last_list(ctx, sent, sent.s.start + cm.start(), n) if n else []
        else:
            members = _state_list_before(ctx, sent, sent.s.start + m.start())
        for x in members:
            sink.add("member_of", sent, member=x.key, group=group.key)


# what a bloc's or organisation's name may qualify: "the NATO exercises", "the OSCE mission"
_NOT_GROUP_ITSELF = re.compile(r"(?:'s)?\s*(?:exercises?|drills?|talks|negotiations|summit|meeting|"
                               r"mission|operations?|inspectors?|team|delegation|forces|troops|"
                               r"force|command|headquarters|conference|session|forum|"
                               r"secretariat|staff|officials|observers)\b")


# "Iran joined last year.": what was joined is the group or treaty spoken of just before
_JOINED_BARE = re.compile(r"\bjoined(?=\s+(?:in|on|last|this|earlier|later|a\s+year|two|three)\b"
                          r"|\s*[.;])")


def _joined_bare(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _JOINED_BARE.finditer(sent.text):
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)
        if _negated(clause[-30:]) or MODAL.search(clause[-20:]):
            continue
        subj = subject(sent, pos, (T.STATE,))
        if subj is None or subj.end < pos - len(clause) - 2:
            continue
        last = None
        for s in reversed(ctx.sents[max(0, sent.index - 2) : sent.index + 1]):
            if s.s.paragraph != sent.s.paragraph:
                break
            cands = [x for x in s.mentions if x.end <= pos and x.key != subj.key
                     and (x.type is T.TREATY or _is_group(ctx, x))]
            if cands:
                last = cands[-1]
                break
        if last is None:
            continue
        d = sent.date_after(pos, 30)
        if last.type is T.TREATY:
            sink.add("party_to", sent, party=subj.key, treaty=last.key)
        else:
            sink.add("member_of", sent, member=subj.key, group=last.key,
                     when=d.value if d else None)


def _is_group(ctx: Context, x: Mention) -> bool:
    """Whether states can be members of what a mention names: a bloc, or an international
    organisation from the reference base (the SCO, the OPCW), not a national body."""
    if x.type is T.BLOC:
        return True
    e = ctx.entities[x.key]
    return x.type is T.ORGANIZATION and e.ref is not None and not e.ref.belongs_to


def _last_list(ctx: Context, sent: Sent, pos: int, n: int) -> list[Mention]:
    """The last ``n`` states named together ("Estonia, Latvia, Lithuania and Poland") before
    ``pos``, in this sentence or the ten before it."""
    for s in reversed(ctx.sents[max(0, sent.index - 10) : sent.index + 1]):
        states = [x for x in s.mentions if x.type is T.STATE and x.role != "demonym"
                  and x.end <= pos]
        run: list[Mention] = []
        for x in reversed(states):
            if run and not re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?",
                                        ctx.body[x.end : run[0].start]):
                if len(run) == n:
                    return run
                run = []
            run.insert(0, x)
        if len(run) == n:
            return run
    return []


def meetings(ctx: Context, sink: Sink) -> None:
    firsts: dict[str, tuple[Sent, Mention]] = {}
    for sent in ctx.sents:
        for m in sent.mentions:
            if m.type is T.MEETING and m.key not in firsts and m.role == "name":
                firsts[m.key] = (sent, m)
    for key, (sent, m) in firsts.items():
        e = ctx.entities[key]
        when = None
        dates = [x for x in sent.dates if not _year_adjective(ctx, x)]
        d = next((x for x in dates if m.end <= x.start <= m.end + 60), None) or (
            dates[0] if dates else None)
        om = re.search(r"\bopened\s+on\s+", ctx.body[m.end : sent.s.end])
        if om:
            d = sent.date_after(m.end + om.end() - 1, 5) or d
        if re.search(r"\blast\s+year's\s*$", ctx.body[max(0, m.start - 15) : m.start]) \
                and ctx.published:
            when = str(int(ctx.published[:4]) - 1)  # "last year's summit in Yerevan"
        elif d is not None:
            when = d.value
        where = None
        for x in ctx.rec.mentions:
            if (
                m.start <= x.start < m.end + 25
                and x.type in (T.PLACE, T.STATE)
                and x.role in ("name", "capital")
                and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])
            ):
                where = _as_place(ctx, x)
                break
        if where is None:
            for x in sent.mentions:
                if (
                    x.start >= m.end
                    and x.type in (T.PLACE,)
                    and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])
                ):
                    where = x.key
                    break
        participants: list[str] = []
        topics: list[str] = []
        for s in ctx.sents:
            refs = [x for x in s.mentions if x.key == key]
            if not refs:
                continue
            for x in s.mentions:
                if (
                    x.type is T.PERSON
                    and x.key not in participants
                    and re.search(
                        r"\b(?:attended|joined|told|speaking\s+at|addressing|chaired|said\s+at|"
                        r"hosted|during)\b",
                        s.text,
                        re.I,
                    )
                    and x.role != "part"
                ):
                    participants.append(x.key)
            for x in s.mentions:
                if (
                    x.role == "part"
                    and x.type is T.ORGANIZATION
                    and x.key not in participants
                    and refs[0].start <= x.start < refs[0].end
                ):
                    participants.append(x.key)
            dm = re.search(r"\b(?:discussed|dominated\s+by)\b", s.text)
            if dm:
                for x in s.mentions:
                    if (
                        x.start > s.s.start + dm.end()
                        and x.type in (T.WEAPON_SYSTEM, T.TREATY, T.PLACE)
                        and x.key not in topics
                        and x.key != where
                    ):
                        topics.append(x.key)
        if when is None:  # "The protocol was signed in Prague at ... the last meeting"
            dated = next((f for f in sink.facts if f.sent is sent and f.fields.get("when")), None)
            when = dated.fields["when"] if dated else None
        if when is None and sent.index > 0:  # a meeting told of after its day was given
            prev = ctx.sents[sent.index - 1].dates
            when = prev[-1].value if prev else None
        if where is None:  # "in Prague at ... the last meeting": a place before it, same clause
            clause_start = m.start - len(clause_before(sent, m.start))
            before = [x for x in sent.mentions if clause_start <= x.start < m.start
                      and x.type in (T.PLACE, T.STATE) and x.role in ("name", "capital")
                      and re.search(r"\bin\s+$", ctx.body[max(0, x.start - 4) : x.start])]
            if before:
                where = _as_place(ctx, before[-1])
        if not [p for p in participants if ctx.entities[p].type is T.PERSON]:
            # "The six members — the Soviet Union, Poland ... — had agreed ... at a meeting"
            states = [x.key for x in sent.mentions if x.start < m.start and x.type is T.STATE
                      and x.role != "demonym" and not _qualifies(ctx, sent, x)]
            if len(states) > 1 and re.search(r"\bat\s+(?:a|the)\s+(?:\w+\s+)?$",
                                             ctx.body[max(0, m.start - 25) : m.start]):
                participants += [s for s in dict.fromkeys(states) if s not in participants]
        if where is None and ctx.dateline and when == ctx.published:
            ref = ctx.rec.rb.by_name(ctx.dateline)
            if ref is not None and ref.type is T.PLACE:
                ctx.rec.entity(ref.key, T.PLACE, ref.name, ref)
                where = ref.key
        sink.add(
            "meeting",
            sent,
            meeting=key,
            when=when,
            where=where,
            participants=participants,
            topics=topics,
        )
        del e


# Each rule with the words one of which a sentence must hold for the rule to apply.
_RULES: tuple[tuple[Callable[[Context, Sink, Sent], None], tuple[str, ...]], ...] = (
    (_signed, ("signed", "inked")),
    (_entry_into_force, ("force", "effect")),
    (_ratified, ("ratified", "ratify", "approved", "ratification")),
    (_suspended, ("suspend", "moratorium")),
    (_withdrew, ("withdr", "pulled", "quit", "left", "exit")),
    (_party_to, ("between", "parties", "party", "binding")),
    (_parties_listed, ("parties",)),
    (_joined_treaty, ("join", "acced")),
    (_treaty_with, ("treaty with", "agreement with", "accord with", "pact with")),
    (_accused, ("accus", "blam", "charg", "alleg", "claim", "violat", "breach")),
    (_member_of, ("member", "join", "accession", "together", "allies", "ally", "includ",
                  "compris", "consist", "made up")),
)


@cache
def _triggers() -> re.Pattern[str]:
    from kg.extract._entities import trie_regex

    return re.compile(trie_regex(sorted({w for _, ws in _RULES for w in ws})))

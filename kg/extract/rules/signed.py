"""signed: a treaty signed, with its date, place and signatories."""

from __future__ import annotations

import re

from kg.extract._context import ACTORS, Context, Sent, T
from kg.extract._discourse import (
    as_place,
    described_treaty,
    focus_treaty,
    last_titled,
    main_bloc,
    recent_treaty,
    treaty_in,
)
from kg.extract._entities import Mention
from kg.extract._lists import (
    coordinated_after,
    listed_as_including,
    state_list_before,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    clause_before,
    negated,
    number,
    qualifies_person,
    qualifies_title,
    segment_end,
    subject,
)
from kg.extract.rules._rule import Rule, ex
from kg.extract.rules._speakers import coordinated

_SIGNED = re.compile(r"\b(?:[Ss]igned|inked|put\s+(?:their|its|his|her)\s+signatures?|"
                     r"put\s+pen\s+to\s+paper(?:\s+on)?)\b")


# a president signing a law or decree is no treaty signing
_LAW_AFTER = re.compile(r"\s+(?:a|the|an)\s+(?:\w+\s+){0,2}(?:law|decree|bill|order)\b")


_LAW_BEFORE = re.compile(r"\b(?:law|decree|bill)\b[^.;]{0,40}$")


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
        if negated(pre[-25:]) or re.search(r"\b(?:refused|declined)\s+to\s+$", pre):
            continue
        pos = sent.s.start + m.start()
        treaty = treaty_in(ctx, sent, pos)
        if treaty is None or (treaty.start < pos and _SIGNED_OBJECT.match(text, m.end())):
            treaty = described_treaty(ctx, sent, sent.s.start + m.end()) or treaty
        if treaty is None and _SIGNED_IT.match(text, m.end()):
            treaty = recent_treaty(ctx, sent)  # "Britain and France have signed it"
        if treaty is None or _NOT_A_TREATY.match(text, m.end()):
            continue  # "Trump signed a message asking the Senate to return the treaty"
        if treaty.start >= pos and _OTHER_ACT.search(
                ctx.body, sent.s.start + m.end(), treaty.start):
            continue  # "signed with the pen used when the US ratified the treaty": not signed
        signatories, count, groups = _signatories(ctx, sent, m)
        if signatories and count is None:  # "X signed the treaty with Y": Y signed too
            signatories += [k for k in _with_signers(ctx, sent, sent.s.start + m.end(), treaty)
                            if k not in signatories]
        sink.add("signed", sent, treaty=treaty.key, when=_signing_date(ctx, sent, pos),
                 where=_where(ctx, sent, m.end()), signatories=signatories,
                 signatory_count=count, signatory_groups=groups)
        return


def _with_signers(ctx: Context, sent: Sent, end: int, treaty: Mention) -> list[str]:
    """The co-signers after "with", right after the verb or the treaty it signed: "signed
    the treaty with US President George W. Bush", "signed with Russia an accord"."""
    for after in (end, treaty.end):
        wm = re.match(r"\s+with\s+(?:the\s+)?", ctx.body[after : after + 12])
        if wm is None:
            continue
        at = after + wm.end()
        first = next((x for x in sent.mentions if x.start == at and x.type in ACTORS
                      and x.role not in ("demonym", "part")), None)
        if first is not None and qualifies_person(ctx, sent, first):
            first = next((x for x in sent.mentions if x.start >= first.end), None)
        if first is not None:
            return [x.key for x in (first, *coordinated_after(ctx, sent, first))]
    return []


def _listed(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "Arms makers that have signed and ratified it include A, B and C": A, B and C."""
    for m in _SIGNED.finditer(sent.text):
        listed = listed_as_including(ctx, sent, sent.s.start + m.start(),
                                     sent.s.start + m.end())
        if not listed:
            continue
        treaty = treaty_in(ctx, sent, sent.s.start + m.start()) or recent_treaty(ctx, sent) \
            or focus_treaty(ctx, sent)
        if treaty is not None:
            sink.add("signed", sent, treaty=treaty.key, signatories=[x.key for x in listed])


_SIGNED_IT = re.compile(r"\s+(?:and\s+(?:ratified|approved)\s+)?it\b")


# "signed a message", "signed an executive order": a document that is no treaty
_NOT_A_TREATY = re.compile(r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:message|letter|memo|order|"
                           r"petition|statement|declaration\s+of\s+intent|note|decree|"
                           r"bill|law|document\s+asking)\b")


# "signed an agreement on ...", "put their signatures on a landmark treaty": the object
_SIGNED_OBJECT = re.compile(r"\s+(?:on\s+)?(?:a|an)\s")


def _where(ctx: Context, sent: Sent, end: int) -> str | None:
    """The place of a signing: "in X" or "at X" after the verb."""
    wm = re.match(r"[^.;]{0,60}?\b(?:in|at)\s+(?:the\s+)?", sent.text[end:])
    if wm is None:
        return None
    at = sent.s.start + end + wm.end()
    place = next((x for x in sent.mentions if x.start == at), None)
    if place is not None and place.type in (T.PLACE, T.STATE):
        return as_place(ctx, place)
    return None


Groups = list[dict[str, object]]


def _signatories(ctx: Context, sent: Sent, m: re.Match[str]
                 ) -> tuple[list[str], int | None, Groups]:
    """Who signed: after "by", else the subject before the verb."""
    text, pre = sent.text, sent.text[max(0, m.start() - 40) : m.start()]
    bm = re.search(r"\bby\s+", text[m.end() : m.end() + 40])
    if bm:
        signatories, count, groups = _by(ctx, sent, m.end() + bm.end())
    elif not re.search(r"(?:,|\b(?:was|were|been|being|be))\s*$", pre) or \
            _apposed(sent, sent.s.start + m.start()):
        signatories, count, groups = _active(ctx, sent, sent.s.start + m.start())
    else:
        signatories, count, groups = [], None, []
    if groups and count is None:
        count = sum(int(g["count"]) for g in groups)  # type: ignore[call-overload]
    return signatories, count, groups


# "The US, the world's top arms exporter, signed": an apposition between subject and verb
_APPOSITION = re.compile(r",\s+(?:the|a|an|its|their)\s+[^,;]{1,60},\s*")


def _apposed(sent: Sent, pos: int) -> bool:
    return any(_APPOSITION.fullmatch(sent.text, sent.local(x.end), sent.local(pos))
               for x in sent.mentions if x.type in ACTORS and x.end < pos)


def _by(ctx: Context, sent: Sent, at: int) -> tuple[list[str], int | None, Groups]:
    """ "... was signed by X and Y", "by 22 states (16 NATO members and ...)" """
    text = sent.text
    start, end = sent.s.start + at, sent.s.start + segment_end(text, at)
    signatories: list[str] = []
    for x in sent.mentions:
        if start <= x.start < end and x.type in ACTORS and x.role != "demonym" \
                and x.type is not T.BLOC and not qualifies_title(ctx, sent, x) \
                and x.key not in signatories:
            signatories.append(x.key)
    count = None
    cm = re.match(r"(\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:states|countries|nations|members|signatories)",
                  text[at:])
    if cm:
        count, signatories = number(cm.group(1)), []
    return signatories, count, _groups(ctx, sent, start)


# "Russian and Belarusian presidents signed", "Leaders of the Warsaw Pact and NATO put":
# the states named by adjectives, or the bodies whose leaders sign
_LEADERS_OF = re.compile(r"(?:[Ll]eaders|[Hh]eads|[Rr]epresentatives|[Mm]inisters|[Pp]residents)"
                         r"\s+of\s+(?:the\s+)?$")
_BY_ADJECTIVE = re.compile(r"(?:presidents|leaders|foreign\s+ministers|ministers|prime\s+ministers|"
                           r"heads\s+of\s+state|negotiators|delegations)\s+(?:\w+\s+)?$")


def _active(ctx: Context, sent: Sent, pos: int) -> tuple[list[str], int | None, Groups]:
    """ "Russia and the US signed", "its six members signed", "23 EU member states signed" """
    text = sent.text
    before = text[: sent.local(pos)]
    listed = state_list_before(ctx, sent, pos)
    cm = re.search(r"\b(\w+(?:-[a-z]+)?)\s+(?:remaining\s+|founding\s+|[A-Z]\w*\s+member\s+)?"
                   r"(states|countries|"
                   r"nations|members)\s+(?:have\s+|had\s+)?(?:\w+\s+)?$", before)
    # "60 nations had ratified the treaty and 130 had signed it": the noun said once
    em = re.search(r"\b(?:states|countries|nations)\b[^;]*?\band\s+(\d+)\s+(?:have|had)\s+"
                   r"(?:now\s+|already\s+)?$", before)
    if em is not None:
        return [], int(em.group(1)), []
    if cm and number(cm.group(1)):
        count = number(cm.group(1))
        bloc = main_bloc(ctx) if cm.group(2) == "members" else None
        return [], count, [{"group": bloc, "count": count}] if bloc is not None else []
    if len(listed) > 1:
        return [x.key for x in listed], None, []
    if re.search(r"\btwo\s+(?:presidents|leaders)\s+$", before):
        return [p.key for p in last_titled(ctx, sent, "President", 2)], None, []
    named = _named_by(ctx, sent, pos)
    if named:
        return named, None, []
    subj = subject(sent, pos, ACTORS)
    if subj is not None and subj.end > pos - 40:
        # "President Carter and Soviet leader Leonid Brezhnev signed": each person listed
        return [x.key for x in coordinated(ctx, sent, subj, pos)], None, []
    return [], None, []


def _named_by(ctx: Context, sent: Sent, pos: int) -> list[str]:
    """The states of "Russian and Belarusian presidents", the bodies of "Leaders of the
    Warsaw Pact and NATO", when that phrase is the subject of the verb at ``pos``."""
    clause_start = pos - len(clause_before(sent, pos))
    head = _BY_ADJECTIVE.search(ctx.body, clause_start, pos)
    if head is not None:
        adjs = [x for x in sent.mentions if clause_start <= x.start and x.end <= head.start()
                and x.type is T.STATE and x.role == "demonym"]
        if len(adjs) > 1:
            return list(dict.fromkeys(x.key for x in adjs))
    for x in sent.mentions:
        if x.start >= clause_start and x.type in (T.BLOC, T.STATE, T.ORGANIZATION) \
                and _LEADERS_OF.search(ctx.body, max(clause_start, x.start - 30), x.start):
            listed = [x, *coordinated_after(ctx, sent, x)]
            if listed[-1].end <= pos:
                return [y.key for y in listed]
    return []


def _signing_date(ctx: Context, sent: Sent, pos: int) -> str | None:
    """The date of a signing: after the verb (within its relative clause, if it opens
    one: "X, who signed the treaty, warned in 2019"), else earlier in the same clause; a
    year that qualifies a treaty name ("the Warsaw Treaty of 1955") is not it."""
    end = sent.clause_end(pos)
    for d in sent.dates:
        of_year = ctx.body[max(0, d.start - 3) : d.start] == "of "
        if pos <= d.start <= pos + 120 and d.end <= end and not of_year:
            return d.value
    clause_start = pos - len(clause_before(sent, pos))
    before = [d for d in sent.dates if clause_start <= d.start and d.end <= pos]
    return before[-1].value if before else None


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


RULES = (
    Rule(
        name="signed.listed",
        doc="'Arms makers that have signed and ratified it include A, B and C': the states "
            "listed signed the treaty spoken of.",
        apply=_listed,
        trigger=("signed",),
        guards=("negation",),
        slots=("treaty", "signatories"),
        examples=(
            ex("The Arms Trade Treaty bans some sales. Big exporters that have signed and "
               "ratified it include Italy, Spain and Sweden.",
               treaty="Arms Trade Treaty",
               signatories=["Italy", "Spain", "Sweden"]),
        ),
        counter=(
            "The Arms Trade Treaty bans some sales. Exporters that have not signed it "
            "include Italy and Spain.",
        ),
    ),
    Rule(
        name="signed.verb",
        doc="A treaty signed, active or passive, with its date, place and signatories: "
            "'The treaty was signed in Paris in 1990 by 22 states', 'Russia and the US signed'.",
        apply=_signed,
        trigger=("signed", "inked", "signature", "pen to paper"),
        guards=("negation", "law", "other-act"),
        slots=("treaty", "when", "where", "signatories", "signatory_count", "signatory_groups"),
        examples=(
            ex("Former Soviet leader Mikhail Gorbachev, who signed the INF Treaty with "
               "Ronald Reagan, warned in 2019 that its end would be dangerous.",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Elimination of Their Intermediate-Range and "
                      "Shorter-Range Missiles",
               when=None),
            ex("The Arms Trade Treaty regulates sales. Italy, Spain and Greece have signed and "
               "ratified it.",
               treaty="Arms Trade Treaty",
               signatories=["Italy", "Spain", "Greece"]),
            ex("President Carter and Soviet leader Leonid Brezhnev signed the SALT II treaty in "
               "Vienna in June 1979.",
               signatories=["Jimmy Carter", "Leonid Brezhnev"]),
            ex("Russian President Ivan Petrov signed the New START treaty with US President "
               "Lee Grant in Prague in April 2010.",
               signatories=["Ivan Petrov", "Lee Grant"], where="Prague", when="2010-04"),
            ex("Russia signed the New START treaty with the United States in 2010.",
               signatories=["Russia", "United States"], when="2010"),
            ex("China and Pakistan have for the first time signed a charter on defence "
               "cooperation.",
               signatories=["China", "Pakistan"]),
            ex("Pakistan and China on Monday signed an agreement for military co-operation "
               "with a view to closer ties.",
               signatories=["Pakistan", "China"], when="2022-06-13"),
            ex("Sixty-seven countries signed the Arms Trade Treaty at the United Nations on "
               "Monday.",
               signatory_count=67, when="2022-06-13"),
            ex("Kazakhstan put pen to paper on the Arms Trade Treaty in 2018.",
               signatories=["Kazakhstan"], when="2018"),
            ex("Brazil, the region's largest arms maker, signed the Arms Trade Treaty in June "
               "2013.",
               signatories=["Brazil"],
               when="2013-06"),
            ex("The Treaty on Open Skies was signed in Helsinki in March 1992 by 24 states.",
               treaty="Treaty on Open Skies",
               when="1992-03",
               where="Helsinki",
               signatory_count=24),
            ex("The Comprehensive Nuclear-Test-Ban Treaty was signed in New York in September "
               "1996.",
               treaty="Comprehensive Nuclear-Test-Ban Treaty",
               when="1996-09",
               where="New York"),
            ex("The CFE Treaty was signed in Paris by President Jan Novak and his Russian "
               "counterpart Boris Yeltsin on Monday.",
               signatories=["Jan Novak", "Boris Yeltsin"]),
            ex("The INF Treaty was signed by Ronald Reagan and his Soviet counterpart Mikhail "
               "Gorbachev in December 1987.",
               signatories=["Ronald Reagan", "Mikhail Gorbachev"]),
            ex("Kenya joined the Biological Weapons Convention in 1976. The convention was "
               "signed in London in April 1972.",
               when="1972-04",
               where="London"),
        ),
        counter=(
            "Neither India nor Pakistan has signed the Non-Proliferation Treaty.",
            "President Putin signed a law on the ratification of the New START treaty.",
            "Delegates at the party convention signed a pledge on disarmament.",
        ),
    ),
)

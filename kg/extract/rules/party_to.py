"""party_to: the states that are parties to a treaty."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._discourse import (
    joined_bare,
    recent_treaty,
    treaty_in,
)
from kg.extract._lists import (
    COUNTED,
    including,
    last_list,
    state_list_after,
    state_list_before,
    subject_states,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    clause_before,
    negated,
    number,
    segment_end,
    subject,
)
from kg.extract.rules._rule import Rule, ex


def _between(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in re.finditer(
        r"\b(?:treaty|agreement|accord|pact|deal|Treaty|Agreement|(?:reached|concluded|agreed)"
        r"\b[^.;]{0,60}?)\s+between\s+|\bbinding\s+(?:on\s+)?"
        # "the INF Treaty, an accord limiting the American and Soviet missile forces"
        r"|\b(?P<limits>treaty|accord|pact|agreement)\s+(?:constraining|limiting|capping|"
        r"restricting|that\s+(?:limits|caps|constrains))\s+(?:the\s+)?", text
    ):
        seg_end = segment_end(text, m.end())
        if "—" in text[m.end() :]:
            seg_end = max(seg_end, len(text))
        if m.group("limits"):  # "the U.S. and Russian arsenals": up to the comma
            em = re.search(r"[,;]|\.(?=\s+[A-Z][a-z])|\.$", text[m.end() :])
            seg_end = m.end() + (em.start() if em else len(text) - m.end())
        treaty = treaty_in(ctx, sent, sent.s.start + m.start() + 1) or treaty_in(ctx, sent)
        if treaty is None:
            continue
        for x in sent.mentions:
            if (
                sent.s.start + m.end() <= x.start < sent.s.start + seg_end
                and x.type is T.STATE
                and (x.role != "demonym" or m.group("limits"))
            ):
                sink.add("party_to", sent, party=x.key, treaty=treaty.key)


def _are_parties(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in re.finditer(
        r"\b(?:remain|became|become|are|were|is|also)\s+(?:\w+\s+)?parties\b"
        # "are among its 51 states parties", "which remains a party for now"
        r"|\b(?:are|were)\s+(?:among\s+)?(?:its|the|the\s+[\w-]+'s)\s+(?:\d+\s+|\w+\s+)?"
        r"(?:states?\s+)?parties\b"
        r"|\b(?:remains|is|became)\s+a\s+(?:state\s+)?party\b(?!\s+to\s+(?!(?:the|it)\b))"
        # "Russia and the United States, both parties to the convention, ..."
        r"|,\s+(?:both|all(?:\s+\w+)?)\s+(?:states\s+)?parties\s+to\b"
        # "Syria, a party to the convention since 2013, ...": the state just before
        r"|(?P<one>,\s+(?:a|an)\s+(?:state\s+)?party\s+to\b)"
        r"|\bmaking\s+",
        text,
    ):
        clause = clause_before(sent, sent.s.start + m.start())
        if negated(clause[-30:]) or MODAL.search(clause[-25:]) or negated(m.group(0)):
            continue  # "are not parties"
        treaty = treaty_in(ctx, sent, sent.s.start + m.start())
        if m.group("one"):  # the treaty itself, named at once ("a party to the talks" is none)
            to = re.match(r"\s+(?:the\s+)?", text[m.end() :])
            at = sent.s.start + m.end() + (to.end() if to else 0)
            treaty = next((x for x in sent.of_type(T.TREATY) if x.start in (at, at - 4)), None)
        elif treaty is None and "part" in m.group(0):
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
        if "parties" in m.group(0) and COUNTED.search(clause + m.group(0).split()[0] + " "):
            # "More than 100 countries are parties to it, including A, B and C"
            for p in including(sent, m.end()):
                sink.add("party_to", sent, party=p, treaty=treaty.key)
        cut = max(clause.rfind(". "), clause.rfind("; "), clause.rfind(" — "))
        named = [x for x in sent.mentions if sent.s.start + cut < x.start < sent.s.start + m.start()
                 and x.type is T.STATE and x.role != "demonym"
                 and (not m.group("one") or x.end == sent.s.start + m.start())]
        cm = _COUNTED_ANAPHOR.search(clause[cut + 1 :])
        if not named and cm is not None and number(cm.group(1)):
            # "All five are already parties to the NPT": the five states named before
            named = last_list(ctx, sent, sent.s.start + m.start(), number(cm.group(1)) or 0)
        for x in named:
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


_OBLIGATION = re.compile(r"\b(?:undertake|undertook|agree|agreed|commit|committed|pledge|pledged|"
                         r"promise|promised|are\s+bound|is\s+bound)\s+not\b")
_COUNTED_AFTER = re.compile(r"(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:states|"
                            r"countries|nations|republics|parties|signatories|sides)\b")
# "All five", "the two countries", "both states": a number of states named before
_COUNTED_ANAPHOR = re.compile(r"(?:^|\s)(?:[Aa]ll|[Tt]he|[Bb]oth\s+the)\s+(two|three|four|five|six|"
                              r"seven|eight|nine|ten|\d+)(?:\s+(?:states|countries|nations|"
                              r"republics))?\s+(?:\w+\s+)?$")


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
        if negated(clause[-30:]) or MODAL.search(clause[-20:]) or \
                re.search(r"\b(?:[Nn]one|[Nn]either|nor|[Nn]o)\b", clause):
            continue
        listed = state_list_before(ctx, sent, pos)
        subj = subject(sent, pos, (T.STATE,))
        # the subject is in the clause, or named right before ", which joined"
        start = pos - len(clause) - (2 if re.match(r"\s*which\b", clause) else 0)
        if subj is not None and subj.end < start:
            subj = None
        for x in listed or ([subj] if subj is not None else []):
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
        listed = state_list_after(ctx, sent, treaty.end + lm.end())
        if len(listed) > 1:
            for x in listed:
                sink.add("party_to", sent, party=x.key, treaty=treaty.key)


def _joined_bare(ctx: Context, sink: Sink, sent: Sent) -> None:
    for subj, last, _ in joined_bare(ctx, sent):
        if last.type is T.TREATY:
            sink.add("party_to", sent, party=subj.key, treaty=last.key)


# "Under the Lisbon Protocol, Ukraine, Belarus and Kazakhstan handed over their warheads":
# the states that act under a treaty are its parties
_UNDER = re.compile(r"(?:^|[;:]\s+)[Uu]nder\s+(?:the\s+)?")


def _under(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _UNDER.finditer(sent.text):
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at - 4 <= x.start <= at + 4), None)
        if treaty is None:
            continue
        tail = re.match(r"(?:\s+of\s+[^;]{0,30}?\d{4})?\s*,\s+(?:the\s+)?",
                        ctx.body[treaty.end : sent.s.end])
        if tail is None:
            continue
        listed = state_list_after(ctx, sent, treaty.end + tail.end())
        nm = _COUNTED_AFTER.match(ctx.body, treaty.end + tail.end())
        if not listed and nm is not None:  # "Under the treaty, the five parties undertake"
            listed = last_list(ctx, sent, treaty.start, number(nm.group(1)) or 0)
        clause = ctx.body[treaty.end : sent.s.end]
        # "the five parties undertake not to produce": an obligation, not a denial
        clause = _OBLIGATION.sub(" ", clause)
        if negated(clause[:80]) or MODAL.search(clause[:60]):
            continue
        for x in listed:
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


# "all 189 parties to the treaty, including the United States"
_PARTIES_INCLUDING = re.compile(r"\bparties\s+to\s+")


def _parties_including(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _PARTIES_INCLUDING.finditer(sent.text):
        if negated(sent.text[max(0, m.start() - 30) : m.start()]):
            continue  # "are not parties to the CTBT, including ..."
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at - 4 <= x.start <= at + 4), None)
        if treaty is None:
            continue
        inc = re.match(r",?\s+(?:including|among\s+them|such\s+as|notably)\s+(?:the\s+)?",
                       ctx.body[treaty.end : treaty.end + 30])
        if inc is None:
            continue
        for x in state_list_after(ctx, sent, treaty.end + inc.end()):
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


# "Iran and six major powers (... Russia, the United States ... and Germany) agreed on the
# final JCPOA", "India and Pakistan reached an accord": the states that agree on a treaty
_AGREED = re.compile(r"\b(?:agreed\s+(?:on|to)|reached|concluded|struck|clinched|finali[sz]ed)\s+"
                     r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?")


def _agreed(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _AGREED.finditer(sent.text):
        pos = sent.s.start + m.start()
        clause = clause_before(sent, pos)
        if negated(clause[-30:]) or MODAL.search(clause[-25:]):
            continue
        at = sent.s.start + m.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at - 2 <= x.start <= at + 30
                       and re.fullmatch(r"(?:[\w-]+\s+){0,3}", ctx.body[at : x.start])), None)
        if treaty is None:
            continue
        parties = subject_states(ctx, sent, pos) or state_list_before(ctx, sent, pos)
        for x in parties:
            sink.add("party_to", sent, party=x.key, treaty=treaty.key)


RULES = (
    Rule(
        name="party_to.agreed",
        doc="The states that agreed on, reached or concluded a treaty: 'Iran and six powers "
            "(Russia, China, ... and Germany) agreed on the JCPOA'.",
        apply=_agreed,
        trigger=("agreed", "reached", "concluded", "struck", "clinched", "finali"),
        guards=("negation", "modality"),
        slots=("party", "treaty"),
        examples=(
            ex("In 2015, Iran and six powers (Russia, the United States, France, the United "
               "Kingdom and China - and Germany) agreed on the final JCPOA.",
               party="Germany", treaty="Joint Comprehensive Plan of Action"),
        ),
        counter=(
            "Iran and six powers may have reached the JCPOA by then.",
        ),
    ),
    Rule(
        name="party_to.under",
        doc="'Under the Lisbon Protocol, Belarus, Kazakhstan and Ukraine destroyed ...': the "
            "states that act under a treaty are its parties.",
        apply=_under,
        trigger=("under",),
        guards=("negation", "modality"),
        slots=("party", "treaty"),
        examples=(
            ex("Ghana, Togo and Benin signed the Pelindaba Treaty in 1996. Under the treaty, the "
               "three parties undertake not to test nuclear weapons.",
               party="Togo"),
            ex("Under the Lisbon Protocol of 1992, Ukraine, Belarus and Kazakhstan handed over "
               "their warheads.", published="2018-07-31",
               party="Kazakhstan", treaty="Lisbon Protocol"),
        ),
        counter=(
            "Under the Lisbon Protocol, officials may still inspect the sites.",
        ),
    ),
    Rule(
        name="party_to.including",
        doc="'all 189 parties to the treaty, including the United States': the states named.",
        apply=_parties_including,
        trigger=("parties to",),
        guards=("negation",),
        slots=("party", "treaty"),
        examples=(
            ex("The NPT was reviewed. All 189 parties to the NPT, including the United States, "
               "backed the plan.",
               party="United States",
               treaty="Treaty on the Non-Proliferation of Nuclear Weapons"),
        ),
        counter=(
            "All 189 parties to the NPT, including many small states, backed the plan.",
        ),
    ),
    Rule(
        name="party_to.between",
        doc="A treaty between states, or binding on them: 'the treaty between Russia and the "
            "United States'.",
        apply=_between,
        trigger=("between", "binding", "constraining", "limiting", "capping", "restricting",
                 "that limits", "that caps", "that constrains"),
        guards=(),
        slots=("party", "treaty"),
        examples=(
            ex("The INF Treaty, an accord limiting the American and Soviet missile forces, ended "
               "in 2019.",
               party="Soviet Union", treaty="INF Treaty"),
            ex("The Open Skies Treaty is the only accord still binding Ottawa and Madrid.",
               party="Spain"),
            ex("The JCPOA was reached in Vienna in 2015 between Iran and three powers — "
               "Britain, France and Germany.",
               party="Germany"),
            ex("The New START treaty between Russia and the United States expires in 2026.",
               party="Russia"),
        ),
        counter=(
            "The talks between Russia and Japan on the New START treaty ended.",
        ),
    ),
    Rule(
        name="party_to.are_parties",
        doc="States that are, remain or became parties to a treaty: 'India and Brazil became "
            "parties to the Arms Trade Treaty'.",
        apply=_are_parties,
        trigger=("parties", "party", "making"),
        guards=("negation", "modality"),
        slots=("party", "treaty"),
        examples=(
            ex("Ghana, Togo and Benin met in Accra on Monday. All three are already parties to "
               "the Non-Proliferation Treaty.",
               party="Benin", treaty="Treaty on the Non-Proliferation of Nuclear Weapons"),
            ex("India and Brazil became parties to the Arms Trade Treaty long ago.",
               party="Brazil",
               treaty="Arms Trade Treaty"),
            ex("The Arms Trade Treaty took effect in 2014. Ghana, Peru and Norway, which "
               "championed it, are among its 110 states parties.",
               party="Peru",
               treaty="Arms Trade Treaty"),
            ex("Chile and Uruguay are among the CTBT's states parties.",
               party="Uruguay",
               treaty="Comprehensive Nuclear-Test-Ban Treaty"),
            ex("Washington left the CFE Treaty. Belarus, which remains a party, said little.",
               party="Belarus",
               treaty="Treaty on Conventional Armed Forces in Europe"),
            ex("Moldova and Georgia, both parties to the Arms Trade Treaty, abstained.",
               party="Georgia",
               treaty="Arms Trade Treaty"),
            ex("Officials said Libya, a party to the Chemical Weapons Convention since 2004, "
               "had destroyed its stocks.",
               party="Libya",
               treaty="Chemical Weapons Convention"),
        ),
        counter=(
            "Israel is not a party to the NPT, and India has never signed it.",
            "Egypt, a party to the talks on the NPT, asked Israel to join.",
            "Serbia would remain a party to the CFE Treaty only if Kosovo stayed out.",
            "Envoys of the parties to the NPT met in Vienna; Egypt chaired the session.",
        ),
    ),
    Rule(
        name="party_to.listed",
        doc="States listed after 'the parties to T': 'the other parties to the accord - "
            "Japan and Kenya -'.",
        apply=_parties_listed,
        trigger=("parties",),
        slots=("party", "treaty"),
        examples=(
            ex("She met the remaining parties to the NPT: Egypt, Brazil and South Africa.",
               party="South Africa",
               treaty="Treaty on the Non-Proliferation of Nuclear Weapons"),
            ex("The other parties to the Arms Trade Treaty - Japan and Kenya - objected.",
               party="Japan",
               treaty="Arms Trade Treaty"),
        ),
        counter=(
            "The parties to the NPT met in New York in May.",
        ),
    ),
    Rule(
        name="party_to.joined",
        doc="A state joined or acceded to a treaty: 'Angola, which joined the Arms Trade "
            "Treaty in 2019'.",
        apply=_joined_treaty,
        trigger=("join", "acced"),
        guards=("negation", "modality", "not-the-treaty"),
        slots=("party", "treaty"),
        examples=(
            ex("Angola, which joined the Arms Trade Treaty in 2019, exports few weapons.",
               party="Angola",
               treaty="Arms Trade Treaty"),
            ex("Peru joined the Comprehensive Nuclear-Test-Ban Treaty as a non-nuclear state.",
               party="Peru"),
        ),
        counter=(
            "North Korea left the NPT. Israel has never joined.",
            "Iran never joined the NPT talks, its failed agreement with China.",
            "Cuba has never joined the Arms Trade Treaty.",
            "Japan joined the New START talks as an observer.",
            "Laos backed the talks, although none of the nine armed states has joined the Arms "
            "Trade Treaty.",
        ),
    ),
    Rule(
        name="party_to.joined_bare",
        doc="'X joined in 2020' with no object: a party to the treaty spoken of just before.",
        apply=_joined_bare,
        trigger=("joined",),
        guards=("negation", "modality"),
        slots=("party", "treaty"),
        examples=(
            ex("The Arms Trade Treaty entered into force in 2014. China joined in 2020.",
               party="China",
               treaty="Arms Trade Treaty"),
        ),
        counter=(
            "The Arms Trade Treaty entered into force in 2014. China may have joined in 2020.",
        ),
    ),
)

"""withdrew: a state withdrew from a treaty."""

from __future__ import annotations

import re

from kg.extract._context import BODIES, Context, Sent, T
from kg.extract._discourse import (
    administration_state,
    person_state,
    recent_treaty,
    state_of,
    treaty_in,
)
from kg.extract._entities import Mention
from kg.extract._lists import state_list_before, subject_states
from kg.extract._sink import Sink
from kg.extract._syntax import (
    MODAL,
    clause_before,
    negated,
    subject,
    year_adjective,
)
from kg.extract.rules._rule import Rule, ex

_WITHDREW = re.compile(
    r"\b(?:withdrew|withdrawn|withdrawal|withdrawing|withdraws|withdraw|pulled\s+out|"
    r"pull\s+out|pulling\s+out|pulls\s+out|quit|"
    r"left|exit|exited|backed\s+out|backing\s+out|walked\s+away)\b"
    # "pulled the U.S. out of the treaty"
    r"|\bpulled(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+out\s+of\b)"
)
# "announced its intention to withdraw", "is moving to withdraw", "decided to pull out":
# an announced or decided withdrawal counts; a threat or a possibility does not
_ANNOUNCED = re.compile(r"\b(?:announced|announcing|decided|deciding|voted|moving|intention|intent|"
                        r"decision|notified|notice|formally\s+(?:began|started)|began|started)"
                        r"\s+(?:\w+\s+)?to\s+$|\bwill\s+(?:formally\s+)?$")
_NOMINAL = ("withdrawal", "exit")
_PAST = ("withdrew", "pulled out", "left", "quit", "exited", "walked away", "backed out")
# "Poland and Lithuania said on Tuesday they would withdraw": a withdrawal announced
_SAID_WOULD = re.compile(r"\b(?:said|announced|confirmed|declared)\b[^.;,]{0,30}?\s+"
                         r"(?:that\s+)?(?:it|they|the\s+country|the\s+countries)\s+"
                         r"(?:would|will)\s+(?:formally\s+|also\s+)?\Z")


def _guarded(sent: Sent, m: re.Match[str]) -> bool:
    """A withdrawal denied, threatened or only possible; troops withdrawn, not a party."""
    text, word = sent.text, m.group(0)
    pre, post = text[: m.start()], text[m.end() :]
    clause = clause_before(sent, sent.s.start + m.start())
    if negated(clause[-30:]):
        return True
    modal = MODAL.search(clause[-20:])
    if modal and not _ANNOUNCED.search(pre[-40:]) and not _SAID_WOULD.search(pre[-70:]) \
            and not (modal.group(0) == "until" and word in _PAST):
        return True  # "until Washington withdrew from it in 2019" is told as done
    if re.match(r"\s+(?:its|their|all|the)?\s*(?:troops|forces|soldiers|units)", post):
        return True
    if word in ("withdraw", "pull out") and not _ANNOUNCED.search(pre[-40:]) \
            and not _SAID_WOULD.search(pre[-70:]):
        return True  # "recommending that their countries withdraw": not done, not decided
    if re.search(r"\b(?:recommend\w*|propos\w+|consider\w*|urg\w+|call\w*\s+for|weigh\w*|"
                 r"mull\w*|discuss\w*)\s+(?:\w+\s+)?\Z", pre[-40:]):
        return True  # "recommended withdrawing from the convention": not decided
    if word in _NOMINAL and (re.search(r"\b(?:a|any|possible|potential|threatened|proposed)\s+"
                                       r"(?:[A-Z][\w.]*\s+)?\Z", pre[-30:])
                             or re.search(r"\b(?:would|could|might|may|should|will)\b",
                                          re.split(r"[,;.]", post, maxsplit=1)[0])):
        return True  # "a US withdrawal would be a mistake"
    return word == "left" and not re.match(r"\s+the\s+", post)


def _treaty_of(ctx: Context, sent: Sent, m: re.Match[str]) -> Mention | None:
    """The treaty left: the one right after "from" or "out of" (a few words on), else the
    nearest before the verb; "withdrew in 2003" / "from it": the one spoken of last."""
    pos = sent.s.start + m.start()
    end = sent.s.start + m.end()
    fm = re.match(r"(?:\s+[\w.]+){0,4}?\s+(?:from|out\s+of)\s+(?:the\s+)?", ctx.body[end:])
    if fm is not None:
        at = end + fm.end()
        after = next((x for x in sent.of_type(T.TREATY) if at - 1 <= x.start <= at + 24), None)
        if after is not None:
            return after
    treaty = treaty_in(ctx, sent, pos)
    word = m.group(0)
    if word in ("left", "quit") and treaty is not None and not re.fullmatch(
            r"\s+(?:the\s+)?(?:\d{4}\s+|landmark\s+|Cold\s+War-era\s+)?",
            ctx.body[pos + len(word) : treaty.start]):
        return None  # "left the talks with Japan on the treaty": not the treaty that is left
    if treaty is None and word.startswith("withdr") and \
            re.match(r"\s+(?:in|on|last|that|,|\.|from\s+it\b)", sent.text[m.end() :]):
        return recent_treaty(ctx, sent)  # "North Korea withdrew in 2003."
    return treaty


def _parties(ctx: Context, sent: Sent, m: re.Match[str]) -> list[Mention]:
    """Who withdrew: the object of "pulled X out", "withdrew X from", the states a subject
    lists, or the subject."""
    pos = sent.s.start + m.start()
    word, post = m.group(0), sent.text[m.end() :]
    if word in ("pulled", "withdrew"):  # "pulled the U.S. out of", "withdrew the US from"
        om = re.match(r"\s+(?:the\s+)?", post)
        at = pos + len(word) + (om.end() if om else 0)
        obj = next((x for x in sent.mentions if x.start == at and x.type in BODIES), None)
        if obj is not None and (word == "pulled" or re.match(
                r"\s+from\b", ctx.body[obj.end : obj.end + 6])):
            return [obj]
        if word == "pulled":
            return []
    listed = subject_states(ctx, sent, pos)
    if listed:
        return listed
    sw = _SAID_WOULD.search(ctx.body, max(sent.s.start, pos - 70), pos)
    if sw is not None:  # "Poland and Lithuania said ... they would": who said it
        said = sent.s.start + sent.local(sw.start())
        found = state_list_before(ctx, sent, said) or [
            x for x in [subject(sent, said, BODIES)] if x is not None]
        if found:
            return found
    dm = re.search(r"(?:['’]s|\b(?:the|his|her))\s+(?:[\w.]+\s+)?decision\s+to\s+$",
                   ctx.body[max(0, pos - 40) : pos])
    if dm is not None:  # "the US decision to quit", "Russia's decision to withdraw"
        at = pos - (len(ctx.body[max(0, pos - 40) : pos]) - dm.start())
        owner = _decider(ctx, sent, dm.group(0).split()[0], at, pos)
        return [owner] if owner is not None else []
    subj = subject(sent, pos, BODIES) or administration_state(ctx, sent, pos)
    return [subj] if subj is not None else []


def _decider(ctx: Context, sent: Sent, det: str, at: int, pos: int) -> Mention | None:
    """Whose decision: the state just before ("Russia's decision"); for "the decision" the
    subject, or the state of the body that is the subject ("The Kremlin confirmed the
    decision"); for "his decision" the state of the person who is the subject."""
    if det not in ("his", "her"):
        owner = next((x for x in sent.mentions if x.type in BODIES
                      and (x.end == at or at <= x.start < pos)), None)
        if owner is not None or det != "the":
            return owner
    person = subject(sent, at, (T.PERSON,)) if det in ("his", "her") else None
    if person is not None:
        key = person_state(ctx, sent, person)
        return Mention(person.start, person.end, person.text, key, T.STATE, "anaphor") \
            if key is not None else None
    owner = subject(sent, at, BODIES)
    if owner is None or owner.type is not T.ORGANIZATION:
        return owner
    st = state_of(ctx, owner)
    ref = ctx.rec.rb.entities.get(st) if st else None
    if ref is None:
        return None
    ctx.rec.entity(ref.key, ref.type, ref.name, ref)
    return Mention(owner.start, owner.end, owner.text, ref.key, T.STATE, "anaphor")


def _withdrew(ctx: Context, sink: Sink, sent: Sent) -> None:
    for m in _WITHDREW.finditer(sent.text):
        if m.group(0) in _NOMINAL or _guarded(sent, m):
            continue
        treaty = _treaty_of(ctx, sent, m)
        if treaty is None:
            continue
        pos = sent.s.start + m.start()
        dates = [x for x in sent.dates if not year_adjective(ctx, x)]  # "the 1987 INF Treaty"
        end = sent.clause_end(pos)  # "The US, which withdrew from it, said in 2021"
        d = next((x for x in dates if pos <= x.start <= pos + 80 and x.end <= end), None) or \
            next((x for x in reversed(dates) if x.end <= pos), None)  # the nearest before
        for party in _parties(ctx, sent, m):
            sink.add("withdrew", sent, party=party.key, treaty=treaty.key,
                     when=d.value if d else None)
            if treaty.start > pos:
                _more_treaties(ctx, sink, sent, party, treaty)


def _more_treaties(ctx: Context, sink: Sink, sent: Sent, party: Mention, treaty: Mention) -> None:
    """ "... from A in 2019 and B the year before": the treaties listed after the first."""
    cur = treaty
    for x in sent.of_type(T.TREATY):
        if x.start <= cur.start:
            continue
        if not _AND_TREATY.fullmatch(ctx.body, cur.end, x.start):
            break
        dx = sent.date_after(x.end, 30)
        sink.add("withdrew", sent, party=party.key, treaty=x.key, when=dx.value if dx else None)
        cur = x


# "out of the INF Treaty in 2019 and the Iran nuclear deal the year before"
_AND_TREATY = re.compile(r"(?:\s+(?:in|on)\s+[\w ]{1,20}?)?,?\s+and\s+"
                         r"(?:the\s+)?|\s*,\s+(?:the\s+)?")
_POSSESSOR = re.compile(r"(?:['’]s|\s+(?:formal\s+|unilateral\s+|long-planned\s+)?)\s*\Z")


def _nominal(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "Russia's withdrawal from the treaty", "the US withdrawal from the ABM Treaty took
    effect", "announced its withdrawal from": a withdrawal named by the noun."""
    for m in _WITHDREW.finditer(sent.text):
        if m.group(0) not in _NOMINAL or _guarded(sent, m):
            continue
        fm = re.match(r"(?:\s+(?:on|last|this)\s+\w+)?\s+from\s+(?:the\s+)?", sent.text[m.end() :])
        if fm is None:
            continue
        at = sent.s.start + m.end() + fm.end()
        treaty = next((x for x in sent.of_type(T.TREATY) if at - 4 <= x.start <= at + 24), None)
        owner = _owner(ctx, sent, sent.s.start + m.start())
        if treaty is None or owner is None:
            continue
        d = sent.date_after(sent.s.start + m.start(), 60)
        te = re.search(r"\btook\s+effect\b", sent.text)
        if te:
            d = sent.date_after(sent.s.start + te.start(), 40) or d
        sink.add("withdrew", sent, party=owner.key, treaty=treaty.key,
                 when=d.value if d else None)


def _owner(ctx: Context, sent: Sent, pos: int) -> Mention | None:
    """Whose withdrawal: "Russia's", "the US", "its" (the subject of the clause)."""
    before = [x for x in sent.mentions if x.end <= pos and x.type in BODIES]
    if before and pos - before[-1].end <= 26 and _POSSESSOR.fullmatch(
            ctx.body, before[-1].end, pos):
        return before[-1]
    if re.search(r"\b(?:its|their)\s+(?:formal\s+|planned\s+|official\s+|full\s+|complete\s+|"
                 r"unilateral\s+|immediate\s+)?\Z",
                 ctx.body[max(0, pos - 20) : pos]):
        return subject(sent, pos, BODIES)
    nm = _NOTICE.search(ctx.body, max(0, pos - 60), pos)
    if nm is not None:  # "the U.S. will submit a notice of withdrawal from"
        at = nm.start()
        if re.search(r"\b(?:may|might|could|would|should|must|threatens?\s+to)\s+(?:\w+\s+)?\Z",
                     ctx.body[max(0, at - 25) : at]):
            return None  # "may submit a notice": not decided ("will submit" is)
        subj = subject(sent, at, (*BODIES, T.PERSON))
        if subj is not None and subj.type is T.PERSON:
            key = person_state(ctx, sent, subj)
            return Mention(subj.start, subj.end, subj.text, key, T.STATE, "anaphor") \
                if key is not None else None
        return subj
    return None


# "submitted its formal notice of withdrawal": a state gives notice of its withdrawal
_NOTICE = re.compile(r"\b(?:submit|submits|submitted|submitting|give|gives|gave|given|giving|"
                     r"deliver|delivers|delivered|send|sends|sent|file|files|filed|issue|"
                     r"issued|serve|served|lodge|lodged|deposit|deposited)\s+"
                     r"(?:a|its|the|their)\s+(?:formal\s+|official\s+|written\s+|six-month\s+)?"
                     r"notice\s+of\s+(?:its\s+|their\s+)?\Z")


RULES = (
    Rule(
        name="withdrew.verb",
        doc="A state withdrew from, pulled out of, quit or left a treaty, or its withdrawal "
            "took effect: 'North Korea withdrew from the NPT in January 2003'.",
        apply=_withdrew,
        trigger=("withdr", "pulled", "pull out", "pulling out", "pulls out", "quit", "left",
                 "exit", "backed out", "backing out", "walked away"),
        guards=("negation", "modality", "not-the-treaty"),
        slots=("party", "treaty", "when"),
        examples=(
            ex("The United States, which withdrew from the Treaty on Open Skies, said in 2021 "
               "that it wanted new talks.",
               party="United States", treaty="Treaty on Open Skies", when=None),
            ex("The Intermediate-Range Nuclear Forces Treaty was signed in Washington. The "
               "United States withdrew from the 1987 accord in August 2019.",
               party="United States",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Elimination of Their Intermediate-Range and "
                      "Shorter-Range Missiles",
               when="2019-08"),
            ex("The Kremlin confirmed the decision to pull out of the Open Skies Treaty on "
               "Friday.",
               party="Russia"),
            ex("North Korea withdrew from the NPT in January 2003.",
               party="North Korea",
               when="2003-01"),
            ex("The United States pulled out of the Open Skies Treaty in November 2020.",
               party="United States",
               when="2020-11"),
            ex("President Ronald Reagan withdrew the United States from the SALT II treaty in "
               "1986.",
               party="United States",
               when="1986"),
            ex("The NPT has 191 parties. Cuba and India never joined, and North Korea withdrew "
               "in 2003.",
               party="North Korea",
               when="2003"),
            ex("Prime Minister Liz Carter pulled Britain out of the Arms Trade Treaty in 2024.",
               party="United Kingdom",
               treaty="Arms Trade Treaty",
               when="2024"),
            ex("Bush, who pulled the United States out of the ABM Treaty in 2002, said little.",
               party="United States",
               when="2002"),
            ex("Russia withdrew from the CFE Treaty in 2023 and the CTBT later that year.",
               party="Russia",
               treaty="Comprehensive Nuclear-Test-Ban Treaty"),
            ex("The ABM Treaty was signed in 1972. Washington pulled out of the treaty on June "
               "13, 2002.",
               party="United States",
               when="2002-06-13"),
            ex("Washington left the Open Skies Treaty on November 22 last year.",
               party="United States",
               when="2021-11-22"),
            ex("Nauru signed the Arms Trade Treaty in 2014. Tuvalu withdrew from it in 2019.",
               party="Tuvalu",
               treaty="Arms Trade Treaty",
               when="2019"),
            ex("The Open Skies Treaty lost a member when Russia withdrew from it on 18 "
               "December 2021.",
               party="Russia",
               when="2021-12-18"),
            ex("Hungary, a NATO member state, withdrew from the Arms Trade Treaty in 2025.",
               party="Hungary", when="2025"),
            ex("Such missiles were banned under the INF Treaty until Washington withdrew from it "
               "in 2019.",
               party="United States", when="2019"),
            ex("North Korea joined the NPT in December 1985, but in March 1993 it withdrew from "
               "it.",
               party="North Korea", when="1993-03"),
            ex("Poland, Estonia, Latvia and Lithuania said on Tuesday they would withdraw from "
               "the Ottawa Convention.",
               party="Latvia", when="2022-06-14"),
            ex("The Trump administration announced Thursday it will withdraw from the Open "
               "Skies Treaty.",
               published="2020-05-22", party="United States", when="2020-05-21"),
            ex("Russia left the 1987 INF Treaty in 2019.",
               party="Russia",
               when="2019"),
            ex("US President Lee Grant said he had told Moscow of his decision to pull out of "
               "the Open Skies Treaty.",
               party="United States"),
            ex("Bush told Russia of his decision to pull out of the Anti-Ballistic Missile "
               "treaty.",
               published="2001-12-14", party="United States", treaty="ABM Treaty"),
        ),
        counter=(
            "Has Russia withdrawn from the CFE Treaty? Not formally, officials say.",
            "Russia may withdraw from the Open Skies Treaty if Washington does not return.",
            "Russia withdrew its troops from the CFE Treaty area last year.",
            "Paris pulled its troops out of Mali, though it stayed in the Arms Trade Treaty.",
            "Russia left the talks with Japan on the New START treaty.",
            "Nauru signed the Arms Trade Treaty. It may withdraw from it in 2030.",
            "The defence ministers of Poland and Lithuania recommended withdrawing from the "
            "Ottawa Convention.",
            "Lithuania said it could withdraw from the Ottawa Convention.",
        ),
    ),
    Rule(
        name="withdrew.nominal",
        doc="A withdrawal named by the noun, with whose it is: 'Russia's withdrawal from the "
            "treaty took effect', 'announced its withdrawal from the accord'.",
        apply=_nominal,
        trigger=("withdrawal", "exit"),
        guards=("negation", "modality", "not-the-treaty"),
        slots=("party", "treaty", "when"),
        examples=(
            ex("Russia's withdrawal from the Open Skies Treaty took effect on 18 December 2021.",
               party="Russia", treaty="Treaty on Open Skies", when="2021-12-18"),
            ex("Moscow announced its withdrawal from the CFE Treaty in May 2023.",
               party="Russia", treaty="Treaty on Conventional Armed Forces in Europe"),
            ex("The long-planned US withdrawal from the ABM Treaty on Thursday drew little "
               "reaction.",
               party="United States"),
            ex("Secretary of State Ann Hale said the U.S. will submit a notice of withdrawal "
               "from the Open Skies Treaty on Friday.",
               party="United States", treaty="Treaty on Open Skies"),
            ex("Tuvalu deposited its formal notice of withdrawal from the Arms Trade Treaty.",
               party="Tuvalu", treaty="Arms Trade Treaty"),
        ),
        counter=(
            "A US withdrawal from the New START treaty would be a mistake.",
            "The US may submit a notice of withdrawal from the Open Skies Treaty.",
            "The withdrawal of Russian troops from the CFE Treaty area began.",
        ),
    ),
)

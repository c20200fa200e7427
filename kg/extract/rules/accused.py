"""accused: one actor accuses another (of breaking a treaty)."""

from __future__ import annotations

import re

from kg.extract._context import ACTORS, BODIES, Context, Sent, T
from kg.extract._dates import DateMention
from kg.extract._discourse import (
    recent_treaty,
    treaty_in,
)
from kg.extract._entities import Mention
from kg.extract._lists import (
    coordinated_after,
    coordinated_before,
    pair_before,
)
from kg.extract._sink import Sink
from kg.extract._syntax import (
    main_subject,
    negated,
    qualifies_title,
    subject,
    year_adjective,
)
from kg.extract.rules._rule import Rule, ex

_ACCUSE = re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing)(?=\s[^.;]{0,40}?\bfor\b))")


# "has charged that the launchers breach the treaty": a charge of breaking an agreement
_CHARGE = re.compile(r"\b(?:charg(?:ed|es|ing)|alleg(?:ed|es|ing)|claim(?:ed|s|ing))\s+that\s+"
                     r"(?=[^.;]{0,120}?\b(?:breach\w*|violat\w+)\b)")


# "Pompeo said Moscow had violated the treaty": a reported breach is a charge
_SAID_BREACH = re.compile(r"\b(?:said|says|say|charged|claimed|claims|insisted)\s+(?:that\s+)?"
                          r"(?=(?:the\s+)?"
                          r"[A-Z][^.;]{0,40}?\b(?:had|has|have|was|were|is)\s+(?:[\"“”]?[\w ]+"
                          r"[\"“”]?\s+)?(?:violated|breached|violating|breaching)\b"
                          # "says Moscow's new missile violates the treaty", "said Russia is in
                          # material breach of the treaty"
                          r"|(?:the\s+)?[A-Z][^.;,]{0,50}?\b(?:violates|breaches|violate|"
                          r"breach|violated|breached)\s+(?:the|its)\b"
                          r"|(?:the\s+)?[A-Z][^.;,]{0,40}?\b(?:is|are|was|were|remains?)\s+in\s+"
                          r"(?:material\s+)?(?:breach|violation)\s+of\b)")


# "both countries", "the two countries": the last two states named together
_BOTH = re.compile(r"(?:both|the\s+two)\s+(?:countries|states|nations|governments)\b")


# "withdrew on Friday, six months after accusing Moscow": the date before is the main
# clause's, not the accusation's
_SUBORDINATE = re.compile(r"\b(?:after|before|since|while|when)\s+$")


def _date(ctx: Context, sent: Sent, at: int) -> DateMention | None:
    """The date of an accusation whose trigger is at ``at`` in the sentence: the first
    after it, else the first before it, but not in a main clause the accusation is
    subordinate to ("after accusing")."""
    pos = sent.s.start + at
    dates = [x for x in sent.dates if not year_adjective(ctx, x)]  # "the 1975 ... Act"
    d = next((x for x in dates if pos <= x.start <= pos + 120), None)
    if d is None and not _SUBORDINATE.search(sent.text, 0, at):
        d = next((x for x in dates if x.end <= pos), None)
    return d


def _accused(ctx: Context, sink: Sink, sent: Sent) -> None:
    text = sent.text
    for m in [*_ACCUSE.finditer(text), *_CHARGE.finditer(text), *_SAID_BREACH.finditer(text)]:
        charge = m.group(0).endswith("that ") or not m.group(0).startswith(("accus", "blam"))
        if charge:  # "said Moscow had not violated it" is no charge
            vm = re.search(r"\b(?:violat|breach)\w*", text[m.end() :])
            if vm is None or negated(text[m.end() : m.end() + vm.start()]):
                continue
        accused_keys = _targets(ctx, sent, m, charge)
        if not accused_keys or negated(text[: m.start()][-25:]):
            continue
        accuser = _accuser(ctx, sent, m)
        if accuser is None:
            continue
        treaty = _charged_treaty(ctx, sink, sent, m, charge)
        d = _date(ctx, sent, m.start())
        accusers = [accuser]
        if accuser.type is not T.PERSON:  # "Washington and London have accused"
            accusers = [*coordinated_before(ctx, sent, accuser), accuser]
        for by in accusers:
            for key in accused_keys:
                if key != by.key:
                    sink.add("accused", sent, accuser=by.key, accused=key, treaty=treaty,
                             when=d.value if d else None)


def _targets(ctx: Context, sent: Sent, m: re.Match[str], charge: bool) -> list[str]:
    """Whom the verb accuses: the first actor of a charge ("that the launchers at the US
    base"), else the object ("accused Iran", "accused NATO and the EU", "both countries")."""
    text = sent.text
    if charge:
        stop = re.search(r"[.;]", text[m.end() :])
        clause_end = sent.s.start + m.end() + (stop.start() if stop else len(text))
        accused = next((x for x in sent.mentions if sent.s.start + m.end() <= x.start
                        < clause_end and x.type in BODIES), None)
        return [accused.key] if accused is not None else []
    post_m = re.match(r"\s+(?:the\s+)?", text[m.end() :])
    at = sent.s.start + m.end() + (post_m.end() if post_m else 0)
    accused = next((x for x in sent.mentions if x.start in (at, at - 4)
                    and x.start >= sent.s.start + m.end() and x.type in ACTORS), None)
    if _BOTH.match(text, m.end() + 1):
        return pair_before(ctx, sent, sent.s.start + m.start())
    if accused is None:
        return []
    return [accused.key, *(x.key for x in coordinated_after(ctx, sent, accused))]


def _accuser(ctx: Context, sent: Sent, m: re.Match[str]) -> Mention | None:
    """Who accuses: "He accused" the person spoken of last; ", accusing" and "... and
    accused" the subject of the main clause; ", which accused" the name before "which";
    else the verb's subject."""
    pre, pos = sent.text[: m.start()], sent.s.start + m.start()
    if re.search(r"\b(?:He|She|he|she)\s+(?:also\s+|has\s+|had\s+)*$", pre):
        people = [x for x in ctx.rec.mentions if x.end <= pos and x.type is T.PERSON]
        return people[-1] if people else None
    if re.search(r"(?:,|\b(?:while|as|after|before|when|by))\s*$", pre) and \
            m.group(0) == "accusing":  # ", accusing", "while accusing": the main clause's
        accuser = main_subject(sent, ACTORS)
        if accuser is not None and accuser.type is not T.PERSON:
            person = next((x for x in sent.mentions if x.type is T.PERSON
                           and x.start > accuser.start and x.end <= pos
                           and qualifies_title(ctx, sent, accuser)), None)
            accuser = person or accuser
        return accuser
    if re.search(r"(?:,\s*|\b)and\s+(?:has\s+|had\s+|also\s+)*$", pre):
        return main_subject(sent, ACTORS)
    wm = re.search(r",\s+which\s+(?:also\s+|has\s+|had\s+)*$", pre)
    if wm is not None:
        at_which = sent.s.start + wm.start()
        return next((x for x in sent.mentions if x.end == at_which and x.type in ACTORS), None)
    return subject(sent, pos, ACTORS)


def _charged_treaty(ctx: Context, sink: Sink, sent: Sent, m: re.Match[str], charge: bool
                    ) -> str | None:
    """The treaty the accusation is about: named in its "of ..." / "for ..." phrase or in
    the charge, "violating it" the one spoken of, "in turn" the accusation answered's."""
    text, pos = sent.text, sent.s.start + m.start()
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
        t = [x for x in sent.mentions if span_start <= x.start < span_end
             and x.type is T.TREATY]
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
    return treaty


# "claims against the United States over its compliance with the BTWC", "violations by
# Ukraine and the United States of Article I of the BTWC", "Russia's violation of the
# treaty": an accusation told by its noun; who makes it is who says so, or who owns it
_NOUN = re.compile(r"\b(?:(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s\s+)?"
                   r"(?:(?P<claims>[Cc]laims|[Aa]ccusations|[Aa]llegations|[Cc]harges|[Cc]omplaints)"
                   r"\s+(?:against|that)\s+|(?P<violation>[Vv]iolations?|[Bb]reach(?:es)?)\s+"
                   r"(?:by\s+|of\s+))(?:the\s+)?")


def _nominal(ctx: Context, sink: Sink, sent: Sent) -> None:
    from kg.extract.rules.statement import sentence_speakers

    text = sent.text
    for m in _NOUN.finditer(text):
        pos = sent.s.start + m.start()
        before = text[max(0, m.start() - 25) : m.start()]
        if negated(before) or re.search(r"\b(?:no|any|without)\s+(?:\w+\s+)?$", before):
            continue  # "there were no claims against ..."
        at = sent.s.start + m.end()
        accused = _accused_after(ctx, sent, at, m)
        if not accused:
            continue
        owner = next((x for x in sent.mentions if x.start == pos and x.type in ACTORS
                      and m.group("owner")), None)
        accusers = [owner] if owner is not None else sentence_speakers(ctx, sent)
        if not accusers:
            continue
        treaty = treaty_in(ctx, sent, at) or recent_treaty(ctx, sent)
        for by in accusers:
            for x in accused:
                if x.key != by.key:
                    sink.add("accused", sent, accuser=by.key, accused=x.key,
                             treaty=treaty.key if treaty else None)


# "the claims Russia has repeatedly made ... regarding the activities of the United States"
_CLAIMS_MADE = re.compile(r"\b(?:claims|accusations|allegations|charges)\s+(?:that\s+)?$")
_MADE_ABOUT = re.compile(r"\s+(?:has|have|had)\s+(?:\w+\s+)?(?:made|raised|levelled|leveled)"
                         r"\b[^.;]{0,120}?\b(?:regarding|about|over|concerning|against)\s+")


def _claims_made(ctx: Context, sink: Sink, sent: Sent) -> None:
    """ "the claims Russia has repeatedly made in the context of the BTWC regarding the
    activities of the United States": the maker accuses the actor the claims concern."""
    for maker in sent.mentions:
        if maker.type not in ACTORS or maker.type is T.TREATY or \
                not _CLAIMS_MADE.search(ctx.body, max(sent.s.start, maker.start - 30),
                                        maker.start):
            continue
        mm = _MADE_ABOUT.match(ctx.body, maker.end)
        if mm is None or negated(ctx.body[maker.end : mm.end()]):
            continue
        stop = re.search(r"[.;,]", ctx.body[mm.end() : sent.s.end])
        end = mm.end() + (stop.start() if stop else sent.s.end - mm.end())
        accused = next((x for x in sent.mentions if mm.end() <= x.start < end
                        and x.type in BODIES and x.key != maker.key), None)
        if accused is None:
            continue
        treaty = treaty_in(ctx, sent, maker.start) or recent_treaty(ctx, sent)
        sink.add("accused", sent, accuser=maker.key, accused=accused.key,
                 treaty=treaty.key if treaty else None)


def _accused_after(ctx: Context, sent: Sent, at: int, m: re.Match[str]) -> list[Mention]:
    """The actors the accusation names right after its noun (a list of them)."""
    first = next((x for x in sent.mentions if at - 4 <= x.start <= at + 2
                  and x.type in ACTORS and x.role != "part"), None)
    if first is None:
        return []
    if m.group("violation") and first.type is T.TREATY:
        return []
    if m.group("violation") and " by " not in f"{m.group(0)} ":
        return []  # "violation of the treaty" with no violator named
    return [first, *coordinated_after(ctx, sent, first)]


RULES = (
    Rule(
        name="accused.claims_made",
        doc="'the claims X has made regarding the activities of Y': X accuses Y.",
        apply=_claims_made,
        trigger=("claims", "accusations", "allegations", "charges"),
        guards=("negation",),
        slots=("accuser", "accused", "treaty"),
        examples=(
            ex("This confirms the claims China has long made under the NPT regarding the "
               "nuclear activities of Japan, she said.",
               accuser="China", accused="Japan"),
        ),
        counter=(
            "The claims China has never made regarding Japan were invented, she said.",
        ),
    ),
    Rule(
        name="accused.nominal",
        doc="An accusation told by its noun: 'claims against the United States over its "
            "compliance with the BWC', 'violations by Ukraine of the BWC', made by who says "
            "so or who owns it.",
        apply=_nominal,
        trigger=("claims", "accusations", "allegations", "charges", "complaints",
                 "violation", "breach"),
        guards=("negation",),
        slots=("accuser", "accused", "treaty"),
        examples=(
            ex("New data confirm claims against the United States over the Biological Weapons "
               "Convention, Russian Foreign Ministry spokeswoman Maria Zakharova said.",
               accuser="Maria Zakharova", accused="United States"),
            ex("Violations by Ukraine of the Biological Weapons Convention were found, Maria "
               "Zakharova said.",
               accuser="Maria Zakharova", accused="Ukraine"),
        ),
        counter=(
            "There were no claims against the United States, Maria Zakharova said.",
        ),
    ),
    Rule(
        name="accused.verb",
        doc="An actor accused or blamed another, or charged that it breached a treaty: "
            "'Washington accused Moscow of violating the INF Treaty'.",
        apply=_accused,
        trigger=("accus", "blam", "charg", "alleg", "claim", "violat", "breach"),
        guards=("negation",),
        slots=("accuser", "accused", "treaty", "when"),
        examples=(
            ex("Moscow says the United States violated the Treaty on Open Skies.",
               accuser="Russia", accused="United States", treaty="Treaty on Open Skies"),
            ex("Washington said Moscow was in violation of the Treaty on Open Skies.",
               accuser="United States", accused="Russia", treaty="Treaty on Open Skies"),
            ex("The United States left the Intermediate-Range Nuclear Forces Treaty on Friday, "
               "six months after accusing Russia of violating the 1987 accord.",
               accuser="United States",
               accused="Russia",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Elimination of Their Intermediate-Range and "
                      "Shorter-Range Missiles",
               when=None),
            ex("Moscow and Washington signed New START in Prague. Washington accused Moscow of "
               "violating the 1991 treaty.",
               accuser="United States",
               accused="Russia",
               treaty=None,
               when=None),
            ex("NATO and the CSTO met in Vienna. The Western military alliance accused Belarus "
               "of staging drills.",
               accuser="NATO",
               accused="Belarus"),
            ex("NATO and the CSTO met in Vienna. The Russian-led bloc accused Poland of "
               "staging drills.",
               accuser="Collective Security Treaty Organization",
               accused="Poland"),
            ex("Washington accused Moscow of violating the INF Treaty in 2014.",
               accuser="United States",
               accused="Russia"),
            ex("Lithuania has accused Belarus of staging a migrant crisis on its border.",
               accuser="Lithuania",
               accused="Belarus"),
            ex("Polish President Andrzej Duda spoke in Warsaw. He accused Belarus of staging "
               "provocations on the border.",
               accuser="Andrzej Duda",
               accused="Belarus"),
            ex("In a statement issued in Vienna, the alliance condemned Moscow's decision and "
               "accused Russia of breaking the CFE Treaty. NATO said so on Friday.",
               accuser="NATO",
               accused="Russia"),
            ex("“We will respond,” Lithuanian President Gitanas Nauseda said on Monday. He "
               "accused Belarus of staging provocations.",
               accuser="Gitanas Nauseda",
               accused="Belarus",
               when="2022-06-13"),
            ex("Washington accused Moscow of breaching the INF Treaty. Moscow, which denied "
               "it, in turn accused Washington of placing launchers in Romania.",
               accuser="Russia",
               accused="United States",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Elimination of Their Intermediate-Range and "
                      "Shorter-Range Missiles"),
            ex("Poland's defence ministry blamed Minsk for the collapse of the CFE Treaty on "
               "Monday.",
               accuser="Ministry of Defence of Poland",
               accused="Belarus"),
            ex("Kyiv has blamed Moscow for the failure of the Budapest talks.",
               accuser="Ukraine",
               accused="Russia"),
            ex("Washington has charged that the radar built by Russia in Krasnoyarsk violated "
               "the ABM Treaty.",
               accuser="United States",
               accused="Russia",
               treaty="Treaty Between the United States of America and the Union of Soviet "
                      "Socialist Republics on the Limitation of Anti-Ballistic Missile Systems"),
            ex("Beijing, for its part, claimed that the drills held by the US near Guam breach "
               "the NPT.",
               accuser="China",
               accused="United States"),
            ex("Armenia and Azerbaijan traded fire on Monday. The shelling was condemned by "
               "France, which accused both countries of breaking the ceasefire.",
               accuser="France",
               accused="Azerbaijan"),
            ex("Greece and Cyprus signed a pact. Ankara, which accused the two countries of "
               "provocation, protested.",
               accuser="Türkiye",
               accused="Greece"),
            ex("Belarus hosted the CSTO drills. Lithuania accused the alliance of escalation.",
               accuser="Lithuania",
               accused="Collective Security Treaty Organization"),
            ex("On Monday, Annalena Baerbock, Germany's foreign minister, accused Moscow of "
               "breaking the CFE Treaty.",
               accuser="Annalena Baerbock",
               accused="Russia"),
            ex("Secretary of State Antony Blinken said Moscow had violated the New START "
               "treaty.",
               accuser="Antony Blinken",
               accused="Russia"),
            ex("Washington says Moscow's new cruise missile violates the INF Treaty, a claim "
               "Russia denies.",
               accuser="United States", accused="Russia"),
            ex("NATO allies have said Russia is in material breach of the INF Treaty.",
               accuser="NATO", accused="Russia"),
            ex("Beijing insisted that Washington was \"openly\" breaching the NPT.",
               accuser="China",
               accused="United States"),
            ex("Tehran accused Washington and the EU of breaking the JCPOA.",
               accuser="Iran",
               accused="European Union"),
            ex("Paris and Berlin have accused Moscow of violating the CFE Treaty.",
               accuser="Germany",
               accused="Russia"),
            ex("Polish Foreign Minister Radek Nowak spoke in Vienna on 2 March, accusing "
               "Belarus of hosting Russian warheads.",
               accuser="Radek Nowak",
               accused="Belarus",
               when="2022-03-02"),
            ex("Secretary of State Mike Pompeo accused Russia of violating the 1987 INF Treaty.",
               accuser="Mike Pompeo",
               accused="Russia"),
        ),
        counter=(
            "Russia blamed the weather for the delay in the New START inspections.",
            "Washington has charged that the Russian inspections under the CFE Treaty were too "
            "costly.",
            "Kyiv has not blamed Moscow for the failure of the Budapest talks.",
            "Lavrov said Moscow had not violated the CFE Treaty.",
            "Paris and Berlin have never accused Moscow of violating the CFE Treaty.",
        ),
    ),
)

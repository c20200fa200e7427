"""Counterparts: "X met his Russian counterpart, Y" gives Y the post X holds, of the state
named with the counterpart."""

from __future__ import annotations

import re

from kg.extract._context import Context, Sent, T
from kg.extract._entities import Mention
from kg.extract.rules._titles import Post, act_date

_COUNTERPART_BEFORE = re.compile(r"\b(?:his|her|their)\s+(\w+)\s+counterparts?,?\s*$")
#: What a foreign minister's counterpart is called where the post has another name.
_COUNTERPART = {"Secretary of State": "Minister of Foreign Affairs",
                "Foreign Secretary": "Minister of Foreign Affairs"}


def counterpart_before(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "X met his Russian counterpart, Y": Y holds X's post, of that state."""
    if m.info.get("title") or m.role == "surname":
        return None
    cp = _COUNTERPART_BEFORE.search(ctx.body, max(0, m.start - 40), m.start)
    return _counterpart(ctx, sent, m, cp, before=True) if cp else None


_COUNTERPART_AFTER = re.compile(r",\s+(?:his|her|their)\s+(\w+)\s+counterparts?\b")


def counterpart_after(ctx: Context, sent: Sent, m: Mention) -> Post | None:
    """ "X, the secretary of state, and Y, his Soviet counterpart,": Y holds X's post."""
    if m.info.get("title"):
        return None
    cp = _COUNTERPART_AFTER.match(ctx.body, m.end)
    return _counterpart(ctx, sent, m, cp, before=False) if cp else None


def _counterpart(ctx: Context, sent: Sent, m: Mention, cp: re.Match[str], before: bool
                 ) -> Post | None:
    prev = [x for x in sent.mentions if x.type is T.PERSON and x.end <= m.start
            and x.key != m.key and ctx.entities[x.key].title]
    st = ctx.rec._ref_state(ctx.rec.rb.surfaces.get(cp.group(1), []))
    if not prev or st is None:
        return None
    position = ctx.entities[prev[-1].key].title[0]  # type: ignore[index]
    if ctx.entities[prev[-1].key].title[1] != st.key:  # type: ignore[index]
        position = _COUNTERPART.get(position, position)
    ctx.rec.entity(st.key, st.type, st.name, st)
    return Post(position, st.key, m.start, when=act_date(ctx, sent, m) or ctx.published)

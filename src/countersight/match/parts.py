"""Several names in one query: "SenseTime / 商汤", "Hikvision (EZVIZ)", "Megvii Face++".

Supplier files often put a company's name and its brand, or two spellings, in one cell.
Such a query is scored on its best part. Parts come from the connectors of compound
supplier names (:func:`countersight.normalize.compound.split_compound`: "X / Y", "T/A",
"formerly", "c/o"...) and, where there are none, from a bracketed name ("Hikvision
(EZVIZ)"), a semicolon, a vertical bar or 、; a name without separators may still be two
names side by side ("Megvii Face++"), which the matcher accepts only when both halves name
the same candidate (see :func:`halves`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from countersight.normalize.compound import PartRole, split_compound
from countersight.normalize.lexicon import LEGAL_FORMS, SHARE_CLASS
from countersight.normalize.names import NameForm, analyze
from countersight.normalize.text import latin_tokens

_SPLIT = re.compile(r"\s*(?:\||;|；|、|\ba\.?k\.?a\.?\b)\s*", re.IGNORECASE)
_BRACKET = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")


# A bracket of compass words ("(North)", "(South West)") names a branch, not a company.
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"central", "northeast", "northwest", "southeast", "southwest", "mid"}
)


def _substantive(form: NameForm) -> bool:
    """A part worth scoring alone: it has a distinctive word or Han trade name, and is more
    than compass words."""
    if form.is_empty or form.all_generic:
        return False
    return not set(form.distinct) <= _DIRECTIONS


@lru_cache(maxsize=65536)
def parts(name: str) -> tuple[str, ...]:
    """The names inside one query name, beyond the whole (empty when there is only one).

    >>> parts("Hikvision (EZVIZ)")
    ('Hikvision', 'EZVIZ')
    """
    compound = [p.text for p in split_compound(name) if p.role != PartRole.WHOLE]
    if compound:
        kept = [p for p in dict.fromkeys(compound) if _substantive(analyze(p))]
        return tuple(kept) if len(kept) >= 2 else ()
    inner = [m.strip() for m in _BRACKET.findall(name) if _substantive(analyze(m.strip()))]
    # A bracket holding a place or a legal form ("(UK)", "(Group)") is part of the name.
    outer = _BRACKET.sub(" ", name) if inner else name
    pieces = [p.strip() for p in _SPLIT.split(outer)] + inner
    pieces = [" ".join(p.split()) for p in pieces if p and p.strip()]
    kept = [p for p in dict.fromkeys(pieces) if p != name and _substantive(analyze(p))]
    return tuple(kept) if len(kept) >= 2 else ()


def _named(text: str) -> bool:
    return any(t not in LEGAL_FORMS and t not in SHARE_CLASS for t in latin_tokens(text))


def halves(name: str) -> list[tuple[str, str]]:
    """Ways to read a Latin name of two to four words as two names side by side."""
    if parts(name):
        return []
    words = name.split()
    if not 2 <= len(words) <= 4:
        return []
    out = []
    for i in range(1, len(words)):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        lf, rf = analyze(left), analyze(right)
        if (
            lf.script == rf.script == "latin"
            and _substantive(lf)
            and _substantive(rf)
            and _named(left)
            and _named(right)
        ):
            out.append((left, right))
    return out


def query_forms(forms: Sequence[tuple[str, NameForm]]) -> list[tuple[str, NameForm]]:
    """The query's names followed by the parts found inside them."""
    out = list(forms)
    for name, _ in forms:
        out.extend((part, analyze(part)) for part in parts(name))
    return out

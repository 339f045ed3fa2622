"""Tell people from organisations where a list does not say which a record is.

Countersight never stores records about people. Most lists type their records; some of the
US Consolidated Screening List's sources (Entity List, Denied Persons, ITAR debarred...) do
not. For those, a record counts as an organisation only when its name shows it: a legal
form, a line-of-business word, an organisation word, digits or an acronym. Everything else
that is shaped like a personal name is skipped. The rule errs towards skipping: losing an
oddly named company costs less than keeping a person.
"""

from __future__ import annotations

import re

from countersight.normalize.lexicon import ABBREVIATIONS, GENERIC, LEGAL_FORMS
from countersight.normalize.places import LATIN_PLACES
from countersight.normalize.text import has_han, latin_tokens

ORG_WORDS: frozenset[str] = frozenset(
    {
        "offices",
        "office",
        "regiment",
        "brigade",
        "battalion",
        "division",
        "army",
        "navy",
        "force",
        "forces",
        "guard",
        "ministry",
        "agency",
        "authority",
        "organization",
        "organisation",
        "foundation",
        "society",
        "front",
        "party",
        "movement",
        "brigades",
        "airlines",
        "airline",
        "airways",
        "shipping",
        "lines",
        "line",
        "bank",
        "exchange",
        "trading",
        "import",
        "export",
        "imports",
        "exports",
        "industries",
        "factory",
        "plant",
        "works",
        "mill",
        "mills",
        "refinery",
        "center",
        "centre",
        "hospital",
        "school",
        "station",
        "port",
        "airport",
        "hotel",
        "press",
        "news",
        "radio",
        "television",
        "studio",
        "store",
        "shop",
        "market",
        "farm",
        "farms",
        "cargo",
        "freight",
        "express",
        "transport",
        "marine",
        "maritime",
        "navigation",
        "petroleum",
        "oil",
        "gas",
        "mining",
        "metals",
        "aviation",
        "aerospace",
        "motors",
        "trust",
        "fund",
        "network",
        "consulting",
        "consultants",
        "enterprises",
        "establishment",
        "est",
        "firm",
        "logistics",
        "spedition",
        "contracting",
        "profiles",
        "solutions",
        "laboratories",
        "labs",
        "technik",
        "analog",
        "digital",
        "plan",
        "commission",
        "committee",
        "council",
        "administration",
        "directorate",
        "command",
        "institute",
        "university",
        "academy",
        "college",
        "research",
        "bureau",
        "department",
        "corps",
        "police",
        "security",
        "services",
        "group",
        "holdings",
        "international",
        "global",
        "general",
        "national",
        "sanatgaran",
    }
)

_PERSON_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms", "dr"})
_PAREN_ACRONYM = re.compile(r"\(([A-Z0-9&\-]{2,})\)")


def has_org_marker(name: str) -> bool:
    """True when the name carries a sign of an organisation (legal form, business word...)."""
    if any(ch.isdigit() for ch in name) or "&" in name or has_han(name):
        return True
    if _PAREN_ACRONYM.search(name):
        return True
    if not name.isupper() and re.search(r"\b[A-Z]{3,}\b|\b(?:[A-Z]\.){2,}[A-Z]\.?", name):
        # An acronym inside a mixed-case name (Liuhe BGI, Tongfang R.I.A.).
        return True
    for token in latin_tokens(name):
        word = ABBREVIATIONS.get(token, token)
        if word in LEGAL_FORMS or word in GENERIC or word in ORG_WORDS or token in ORG_WORDS:
            return True
        if token in LATIN_PLACES:
            return True
    return False


def looks_like_person(name: str) -> bool:
    """Whether an untyped list record should be treated as a person (and skipped).

    ``Gunther Migeotte`` and ``Yun, Juwhan`` are people; ``Zurmat Construction Company
    offices``, ``GBNTT`` and ``54th Research Institute of China`` are not.
    """
    text = name.strip()
    if not text:
        return False
    if has_org_marker(text):
        return False
    tokens = latin_tokens(text)
    if any(t in _PERSON_SUFFIXES for t in tokens):
        return True
    words = [w for w in re.split(r"[\s,]+", text) if w]
    if len(words) == 1:
        # One word (GBNTT, IS'Vision) is a trade name or acronym far more often than a person.
        return False
    return 2 <= len(tokens) <= 6

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
_AKA = re.compile(r"\(?\s*\b(?:a\.?\s?k\.?\s?a|a/k/a|f/k/a|f\.k\.a)\b\.?", re.I)
# Name particles and given names that are also words in the lexicons ("de" from "S.A. de
# C.V.", "gene" from biotech names): alone they do not show an organisation.
# fmt: off
_NOT_MARKERS = frozenset({
    "de", "la", "del", "da", "das", "do", "dos", "van", "von", "der", "den", "di", "le",
    "gene", "grace", "rose", "victor", "hope", "joy", "faith", "star", "young",
})
# Common Chinese surnames in pinyin: "DAQING ZHOU" is a person although Daqing is a city.
_CN_SURNAMES = frozenset(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang
    yu du ye cheng su wei lu ding ren shen yao jin fu zhong tan lv fan shi qin dai jia
    xia qiu hou bai meng long wan duan lei qian yin yi chang kong mao hao
""".split()  # noqa: SIM905
)
# fmt: on


def _is_acronym_of(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is built from the initials of ``words`` (small words may be left
    out): ASMAT of "Applied Systems Methods And Technology"."""
    letters = [w[0] for w in words if w]
    i = 0
    for letter in letters:
        if i < len(acronym) and letter == acronym[i]:
            i += 1
    return len(acronym) >= 2 and i == len(acronym)


def _paren_acronym(name: str) -> bool:
    """A parenthesised acronym: in a mixed-case name any one; in an all-capitals name (where
    "(SEAN)" may be a nickname) only one made of the other words' initials."""
    for found in _PAREN_ACRONYM.finditer(name):
        if not name.isupper():
            return True
        outside = _PAREN_ACRONYM.sub(" ", name)
        words = re.findall(r"[A-Z0-9]+", outside)
        if _is_acronym_of(found.group(1).replace("-", "").replace("&", ""), words):
            return True
    return False


def _place_shows_org(tokens: tuple[str, ...]) -> bool:
    """A place name shows an organisation ("Hangzhou Hikvision") unless the name is two
    words, one of them a Chinese surname ("Daqing Zhou", "Zhou Daqing")."""
    if not any(t in LATIN_PLACES for t in tokens):
        return False
    return not (len(tokens) == 2 and any(t in _CN_SURNAMES for t in tokens))


def has_org_marker(name: str) -> bool:
    """True when the name carries a sign of an organisation (legal form, business word...)."""
    if any(ch.isdigit() for ch in name) or "&" in name or has_han(name):
        return True
    if _paren_acronym(name):
        return True
    if not name.isupper() and re.search(r"\b[A-Z]{3,}\b|\b(?:[A-Z]\.){2,}[A-Z]\.?", name):
        # An acronym inside a mixed-case name (Liuhe BGI, Tongfang R.I.A.).
        return True
    tokens = latin_tokens(name)
    for token in tokens:
        if token in _NOT_MARKERS:
            continue
        word = ABBREVIATIONS.get(token, token)
        if word in LEGAL_FORMS or word in GENERIC or word in ORG_WORDS or token in ORG_WORDS:
            return True
    return _place_shows_org(tokens)


def primary_part(name: str) -> str:
    """The name before an "a.k.a." inside it: "FUYI SUN A/K/A FRANK SUN" → "FUYI SUN"."""
    found = _AKA.search(name)
    if found is None:
        return name
    head = name[: found.start()].strip(" ,;(")
    tail = re.sub(r"^[^)]*\)", "", name[found.end() :]).strip(" ,;")
    # "PEARL (A.K.A. NEI-CHIEN CHU) LI": the parenthesised alias sits inside the name.
    if "(" in name[found.start() - 2 : found.start() + 1] and tail:
        return f"{head} {tail}".strip()
    return head or name


def looks_like_person(name: str, *, strict: bool = False) -> bool:
    """Whether an untyped list record should be treated as a person (and skipped).

    ``Gunther Migeotte`` and ``Yun, Juwhan`` are people; ``Zurmat Construction Company
    offices``, ``GBNTT`` and ``54th Research Institute of China`` are not. With ``strict``
    (lists of mostly people, such as the Denied Persons List) only names that show an
    organisation are kept, so one-word names count as people too.
    """
    text = primary_part(name.strip())
    if not text:
        return False
    if has_org_marker(text):
        return False
    if strict:
        return True
    tokens = latin_tokens(text)
    if any(t in _PERSON_SUFFIXES for t in tokens):
        return True
    words = [w for w in re.split(r"[\s,]+", text) if w]
    if len(words) == 1:
        # One word (GBNTT, IS'Vision) is a trade name or acronym far more often than a person.
        return False
    return 2 <= len(tokens) <= 6

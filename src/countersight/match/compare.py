"""Compare two analysed names (:class:`~countersight.normalize.names.NameForm`).

Three ways, by script:

- Latin ↔ Latin: weighted overlap of the distinctive words (rare words weigh more; a
  truncated last word matches by prefix), or the words run together (``hik vision``);
- Han ↔ Han: the trade names character by character. Never through pinyin: 大化 and 大华
  sound alike and are different companies;
- Latin ↔ Han: the Latin words against the pinyin of the Han trade name
  (``Haikang Weishi`` ↔ 海康威视), the only bridge that works for names never translated.

Places and line-of-business words are compared on the side: agreement corroborates a
match, disagreement is evidence against it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from countersight.normalize.names import NameForm

Weight = Callable[[str], float]

NEUTRAL_GENERIC: frozenset[str] = frozenset(
    {
        "group",
        "holdings",
        "international",
        "global",
        "world",
        "national",
        "general",
        "new",
        "first",
        "united",
        "union",
        "enterprise",
        "business",
        "commercial",
        "operations",
        "branch",
        "subsidiary",
        "affiliate",
        "partners",
        "ventures",
        "development",
        "services",
        "trading",
        "management",
        "resources",
        "products",
        "solutions",
        "applications",
        "application",
        "public",
    }
)
"""Generic words that say little about the line of business: neither corroborate nor
contradict."""

_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "technology",
            "science",
            "information",
            "digital",
            "electronics",
            "electric",
            "intelligent",
            "software",
            "network",
            "data",
            "system",
            "communication",
            "telecommunication",
            "internet",
            "cloud",
            "iot",
            "ai",
            "computer",
            "semiconductor",
            "microelectronics",
            "optoelectronics",
            "innovation",
            "video",
            "vision",
            "imaging",
            "integration",
            "security",
            "research",
            "institute",
            "academy",
            "laboratory",
            "lab",
            "aerospace",
            "aviation",
        }
    ),
    frozenset({"construction", "engineering", "real", "estate"}),
    frozenset(
        {
            "manufacturing",
            "machinery",
            "equipment",
            "industry",
            "materials",
            "steel",
            "chemical",
            "textile",
            "textiles",
            "mining",
            "energy",
            "power",
            "auto",
        }
    ),
    frozenset(
        {
            "finance",
            "financial",
            "securities",
            "capital",
            "investment",
            "bank",
            "insurance",
            "fund",
            "trust",
        }
    ),
    frozenset(
        {
            "pharmaceutical",
            "medical",
            "bio",
            "biotechnology",
            "health",
            "genetics",
            "genomics",
            "gene",
        }
    ),
    frozenset(
        {
            "bureau",
            "department",
            "office",
            "police",
            "corps",
            "ministry",
            "government",
            "municipal",
            "county",
            "city",
            "province",
            "provincial",
            "regional",
            "region",
            "autonomous",
            "production",
            "committee",
            "council",
            "association",
        }
    ),
    frozenset({"media", "culture", "education", "university", "college"}),
    frozenset({"logistics", "transportation", "shipbuilding", "food", "agriculture"}),
)


def _families(words: frozenset[str]) -> set[int]:
    return {i for i, fam in enumerate(_FAMILIES) if words & fam}


def business_relation(left: frozenset[str], right: frozenset[str]) -> int:
    """+1 when the line-of-business words agree, -1 when both sides have some and they
    share neither a word nor a family, 0 otherwise."""
    lob_left = left - NEUTRAL_GENERIC
    lob_right = right - NEUTRAL_GENERIC
    if not lob_left or not lob_right:
        return 0
    if lob_left & lob_right:
        return 1
    if _families(frozenset(lob_left)) & _families(frozenset(lob_right)):
        return 0
    return -1


def place_relation(left: frozenset[str], right: frozenset[str]) -> int:
    """+1 when both name a place and share one, -1 when both name places and share none."""
    if not left or not right:
        return 0
    return 1 if left & right else -1


@dataclass(slots=True)
class NameComparison:
    """The outcome of comparing a query name with a candidate name."""

    mode: str  # "latin", "han" or "cross"
    core: float  # similarity of the trade names, 0..1
    exact: bool  # the whole names agree once legal forms are set aside
    strong: bool  # the matched trade name is specific enough to stand alone
    places: int  # +1 agree, -1 differ, 0 not comparable
    business: int  # +1 agree, -1 differ, 0 not comparable
    acronym: bool
    detail: str


def core_is_strong(form: NameForm) -> bool:
    """Whether a trade name is specific enough to identify a company on its own.

    Han: three characters or more. Latin: a non-pinyin word of six letters or more
    (``hikvision``, ``megvii``), or pinyin of four syllables or more (``haikang weishi``).
    Two-syllable names like ``Dahua`` or 大华 are shared by unrelated companies and need
    a place, a line of business or an identifier to back them.
    """
    if form.script == "han":
        return len(form.han_core) >= 3
    syllables = form.syllable_count()
    if syllables:
        return syllables >= 4
    return len(form.squashed) >= 6


def _token_sim(token: str, other: str, truncated_last: bool) -> float:
    if token == other:
        return 1.0
    if len(token) >= 3 and other.startswith(token) and (truncated_last or len(token) >= 4):
        return 0.85 + 0.1 * len(token) / len(other)
    if len(token) >= 4 and len(other) >= 4:
        ratio = Indel.normalized_similarity(token, other)
        if ratio >= 0.86:
            return ratio
    return 0.0


def _weighted_overlap(query: NameForm, cand: NameForm, weight: Weight) -> float:
    q_tokens = query.distinct
    c_tokens = cand.distinct
    if not q_tokens or not c_tokens:
        return 0.0
    total = matched = 0.0
    last = len(q_tokens) - 1
    for i, token in enumerate(q_tokens):
        w = weight(token)
        total += w
        matched += w * max(_token_sim(token, o, i == last) for o in c_tokens)
    for token in c_tokens:
        w = weight(token)
        total += w
        matched += w * max(_token_sim(o, token, False) for o in q_tokens)
    return matched / total if total else 0.0


def _acronym(query: NameForm, cand: NameForm) -> bool:
    if len(query.distinct) != 1 or query.generic:
        return False
    token = query.distinct[0]
    return 2 <= len(token) <= 6 and token in cand.acronyms


def compare_latin(query: NameForm, cand: NameForm, weight: Weight) -> NameComparison:
    overlap = _weighted_overlap(query, cand, weight)
    squashed = 0.0
    if query.squashed and cand.squashed:
        squashed = Indel.normalized_similarity(query.squashed, cand.squashed)
        squashed = squashed if squashed >= 0.9 else 0.0
    core = max(overlap, squashed)
    acronym = False
    if core < 0.8 and (_acronym(query, cand) or _acronym(cand, query)):
        core, acronym = 0.85, True
    places = place_relation(query.places, cand.places)
    business = business_relation(query.generic, cand.generic)
    exact = (
        core == 1.0
        and places >= 0
        and (query.generic - NEUTRAL_GENERIC == cand.generic - NEUTRAL_GENERIC)
    )
    strong = core_is_strong(query) and core_is_strong(cand)
    detail = f"{' '.join(query.distinct) or '-'} ~ {' '.join(cand.distinct) or '-'}"
    return NameComparison(
        "latin", core, exact, strong and not acronym, places, business, acronym, detail
    )


def compare_han(query: NameForm, cand: NameForm) -> NameComparison:
    left, right = query.han_core, cand.han_core
    if left == right:
        core = 1.0
    elif min(len(left), len(right)) >= 2 and (left in right or right in left):
        core = 0.85
    else:
        core = Indel.normalized_similarity(left, right) * 0.6
    places = place_relation(query.places, cand.places)
    business = business_relation(query.generic, cand.generic)
    exact = query.han_full == cand.han_full or (
        core == 1.0 and places >= 0 and query.generic == cand.generic
    )
    shorter = left if len(left) <= len(right) else right
    strong = len(shorter) >= 3
    return NameComparison("han", core, exact, strong, places, business, False, f"{left} ~ {right}")


def compare_cross(latin: NameForm, han: NameForm, query_is_latin: bool) -> NameComparison:
    """Latin words against the pinyin of a Han trade name."""
    key = latin.squashed.replace("v", "u")
    pinyin = han.pinyin.replace("v", "u")
    core = 0.0
    if key and pinyin:
        if key == pinyin:
            core = 0.95
        else:
            ratio = Indel.normalized_similarity(key, pinyin)
            core = ratio * 0.9 if ratio >= 0.9 else 0.0
    places = place_relation(latin.places, han.places)
    business = business_relation(latin.generic, han.generic)
    strong = len(han.han_core) >= 3 and len(han.distinct) >= 4
    q, c = (latin, han) if query_is_latin else (han, latin)
    detail = f"{' '.join(q.distinct)} ~ {' '.join(c.distinct)} (pinyin of {han.han_core})"
    return NameComparison("cross", core, False, strong, places, business, False, detail)


def compare_names(query: NameForm, cand: NameForm, weight: Weight) -> NameComparison:
    """Compare two names in whatever scripts they are in."""
    if query.script == "latin" and cand.script == "latin":
        return compare_latin(query, cand, weight)
    if query.script == "han" and cand.script == "han":
        return compare_han(query, cand)
    if query.script == "latin":
        return compare_cross(query, cand, query_is_latin=True)
    return compare_cross(cand, query, query_is_latin=False)

"""Line-of-business words and places: what corroborates a name match and what contradicts it.

Companies that share a trade name are told apart by where they are (沧州大化 is not
浙江大华) and what they do (科达制造 makes machinery, 苏州科达 video systems). Words are
grouped in families so that related lines of business (information, technology) do not
count as a contradiction.
"""

from __future__ import annotations

# fmt: off
NEUTRAL_GENERIC: frozenset[str] = frozenset({
    "affiliate", "application", "applications", "branch", "business", "commercial",
    "development", "enterprise", "first", "general", "global", "group", "holdings",
    "international", "management", "national", "new", "operations", "partners",
    "products", "public", "resources", "services", "solutions", "subsidiary", "trading",
    "union", "united", "ventures", "world",
})
"""Generic words that say little about the line of business: neither corroborate nor
contradict."""

FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({
        "academy", "aerospace", "ai", "aviation", "cloud", "communication", "computer",
        "data", "digital", "electric", "electronics", "imaging", "information",
        "innovation", "institute", "integration", "intelligent", "internet", "iot", "lab",
        "laboratory", "microelectronics", "network", "optoelectronics", "research",
        "science", "security", "semiconductor", "software", "system", "technology",
        "telecommunication", "video", "vision",
    }),
    frozenset({
        "construction", "engineering", "estate", "real",
    }),
    frozenset({
        "auto", "chemical", "energy", "equipment", "industry", "machinery",
        "manufacturing", "materials", "mining", "power", "steel", "textile", "textiles",
    }),
    frozenset({
        "bank", "capital", "finance", "financial", "fund", "insurance", "investment",
        "securities", "trust",
    }),
    frozenset({
        "bio", "biotechnology", "gene", "genetics", "genomics", "health", "medical",
        "pharmaceutical",
    }),
    frozenset({
        "association", "autonomous", "bureau", "city", "committee", "corps", "council",
        "county", "department", "government", "ministry", "municipal", "office", "police",
        "production", "province", "provincial", "region", "regional",
    }),
    frozenset({
        "college", "culture", "education", "media", "university",
    }),
    frozenset({
        "agriculture", "food", "logistics", "shipbuilding", "transportation",
    }),
)
"""Families of related line-of-business words."""

UBIQUITOUS: frozenset[str] = frozenset({
    "ai", "cloud", "communication", "computer", "data", "digital", "electronics",
    "engineering", "industry", "information", "innovation", "intelligent", "internet",
    "network", "science", "security", "software", "system", "technology",
})
"""Line-of-business words so common in Chinese company names (科技, 信息, 电子) that sharing
them says little: they back a Latin match, but not a pinyin or partial-character one."""
# fmt: on


def _families(words: frozenset[str]) -> set[int]:
    return {i for i, fam in enumerate(FAMILIES) if words & fam}


def absorb(words: frozenset[str], stub: str) -> frozenset[str]:
    """Drop the words a truncated stub ("informati") could stand for."""
    return frozenset(w for w in words if not w.startswith(stub)) if stub else words


def business_relation(
    left: frozenset[str], right: frozenset[str], left_stub: str = "", right_stub: str = ""
) -> tuple[int, bool]:
    """(+1 agree / -1 differ / 0 not comparable, whether a specific word is shared).

    Agreement means a shared word; disagreement means both sides name a line of business
    and share neither a word nor a family of words (manufacturing against technology)."""
    lob_left = absorb(left, right_stub) - NEUTRAL_GENERIC
    lob_right = absorb(right, left_stub) - NEUTRAL_GENERIC
    if (left_stub and any(w.startswith(left_stub) for w in right)) or (
        right_stub and any(w.startswith(right_stub) for w in left)
    ):
        shared_stub = True
    else:
        shared_stub = False
    if not lob_left or not lob_right:
        return (1, False) if shared_stub else (0, False)
    shared = lob_left & lob_right
    if shared:
        return 1, bool(shared - UBIQUITOUS)
    if shared_stub or _families(lob_left) & _families(lob_right):
        return 0, False
    return -1, False


def place_relation(left: frozenset[str], right: frozenset[str]) -> int:
    """+1 when both name a place and share one, -1 when both name places and share none."""
    if not left or not right:
        return 0
    return 1 if left & right else -1

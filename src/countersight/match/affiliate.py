"""Foreign subsidiaries and affiliates named after a listed company.

Procurement files name the local arm, not the group: "Hikvision USA Inc.", "Dahua
Technology UK Ltd", "DJI Europe B.V.", "EZVIZ Inc." with country US. When the trade name
is a match on its own and the query adds a country or region the candidate is not tied to,
the row is read as a probable *affiliate* of the candidate, not as the candidate itself: no
country penalty, the route ``affiliate`` and an explanation. Whether that flags is decided
by what is recorded: a registry entity for that very subsidiary wins (it matches directly
and the inference is dropped); otherwise an affiliate flags only when a listing of the
candidate reaches subsidiaries and affiliates, and is for review elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from countersight.match.entity_features import offshore_for_china
from countersight.match.features import NamePair
from countersight.model import Entity
from countersight.normalize.countries import country_code
from countersight.normalize.names import analyze

CHINA_WORDS: frozenset[str] = frozenset({"china", "chinese", "prc", "zhongguo"})
"""Country words naming China itself: a Chinese company's own name may carry them."""

REACHES_AFFILIATES: frozenset[str] = frozenset({"us_ndaa_889", "us_fcc_covered"})
"""Lists whose designation covers the listed company's subsidiaries and affiliates: NDAA
FY2019 Section 889 ("or any subsidiary or affiliate of such entities") and the FCC Covered
List, which names the companies "and their subsidiaries and affiliates"."""


def affiliate_signal(
    pair: NamePair, query_countries: Sequence[str], candidate_countries: Sequence[str]
) -> tuple[str, bool] | None:
    """Why a query whose trade name matches reads as a foreign affiliate, and whether its
    name says so, or None.

    The name says so with a country or region word the candidate's name lacks ("USA",
    "Europe"). A query country the candidate is not tied to (not counting the places
    Chinese groups incorporate in: Cayman, Hong Kong, Bermuda, BVI) is weaker: an unrelated
    foreign company may carry the same trade name (CloudWalk Inc. of Brazil), so that alone
    is for review."""
    words = abroad(pair)
    if words:
        return f"{' '.join(words).upper()} in the name", True
    q, c = set(query_countries), set(candidate_countries)
    if q and c and not q & c and not offshore_for_china(q, c):
        return f"country {', '.join(sorted(q)).upper()}, not {', '.join(sorted(c)).upper()}", False
    return None


def abroad(pair: NamePair) -> list[str]:
    """Country or region words of the query's name, other than China, that the candidate's
    name lacks. Two words for one country are the same word ("US" is "USA"); a country is
    not its region ("Hikvision Netherlands" is not "Hikvision Europe B.V." itself)."""
    words = analyze(pair.candidate_name).countries
    named = {country_code(w) for w in words if w not in REGIONS} - {None}
    return [
        w
        for w in pair.comparison.abroad
        if w not in CHINA_WORDS and (w in REGIONS or country_code(w) not in named)
    ]


_EUROPE = frozenset(
    {
        *("gb", "ie", "nl", "be", "lu", "de", "fr", "it", "es", "pt", "ch", "at", "pl", "cz"),
        *("sk", "hu", "ro", "bg", "gr", "se", "dk", "no", "fi", "is", "ee", "lv", "lt", "si"),
        "hr",
    }
)
_AMERICAS = frozenset({"us", "ca", "mx", "br", "ar", "cl", "co", "pe"})
_ASIA_PACIFIC = frozenset(
    {"sg", "jp", "kr", "in", "au", "nz", "my", "th", "id", "vn", "ph", "hk", "tw", "mo"}
)
_MIDDLE_EAST_AFRICA = frozenset({"ae", "sa", "qa", "tr", "il", "eg", "za", "ng", "ke", "ma"})
REGIONS: dict[str, frozenset[str]] = {
    "europe": _EUROPE,
    "emea": _EUROPE | _MIDDLE_EAST_AFRICA,
    "americas": _AMERICAS,
    "asia": _ASIA_PACIFIC,
    "pacific": _ASIA_PACIFIC,
}
"""Region words of company names and the countries they take in."""


def territory(words: Iterable[str]) -> frozenset[str]:
    """The countries (ISO codes) that a name's country and region words name, China aside:
    "USA" and "America" → us; "Europe" → the European countries."""
    codes: set[str] = set()
    for word in words:
        if word in CHINA_WORDS:
            continue
        code = country_code(word)
        codes |= REGIONS.get(word, frozenset({code} if code else ()))
    return frozenset(codes)


def country_fit(
    query_words: Iterable[str],
    query_countries: Iterable[str],
    name_words: Iterable[str],
    countries: Iterable[str],
) -> int:
    """How well a candidate fits the country a query names, to rank candidates of equal
    score: "Hikvision Netherlands" prefers Hikvision Europe B.V. (its name's region takes in
    the Netherlands, +1; incorporated there, +1) to the parent (0) and to Hikvision USA Inc.
    (its name names another country, -2). A name word for the very country asked about
    counts +2. A query that names no country prefers candidates whose name names none.
    The query's country words and its country column both count; China never does (a
    Chinese group's own name may carry it)."""
    asked = territory(query_words) | (set(query_countries) - {"cn"})
    named = territory(name_words)
    if not asked:
        return -1 if named else 0
    fit = 0
    if named:
        fit += (2 if len(named) == 1 else 1) if named & asked else -2
    if asked & set(countries):
        fit += 1
    return fit


def reaches_affiliates(entity: Entity) -> bool:
    """Whether one of the entity's listings covers its subsidiaries and affiliates."""
    return any(m.list in REACHES_AFFILIATES for m in entity.memberships)

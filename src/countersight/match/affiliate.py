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

from collections.abc import Sequence

from countersight.match.features import NamePair, offshore_for_china
from countersight.model import Entity

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
    name lacks."""
    return [w for w in pair.comparison.abroad if w not in CHINA_WORDS]


def reaches_affiliates(entity: Entity) -> bool:
    """Whether one of the entity's listings covers its subsidiaries and affiliates."""
    return any(m.list in REACHES_AFFILIATES for m in entity.memberships)

"""Exchange short names that drop the line of business: 商汤－Ｗ for 商汤科技, 云从-UW for
云从科技.

HKEX names weighted-voting-rights and secondary listings by a short trade name and a marker
(商汤－Ｗ, 美团－Ｗ, 百度集团－ＳＷ), and portfolio files shorten mainland names the same
way with the mainland boards' markers (云从-UW). A two-character trade name alone is
not enough to match (many companies share one), but the marker says the company is listed:
against a listed candidate whose Chinese name is that trade name plus generic words, on an
exchange that uses the marker, a distinctive trade name is a match. Prefix markers (ST,
*ST, XD) are not read this way: they go in front of an A-share short name that keeps its
own characters (XD海康威), so a prefixed two-character name is another company's whole
short name (*ST曙光 is 曙光股份, not 曙光信息产业).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from countersight.match.rarity import count
from countersight.model import Identifier, IdScheme
from countersight.normalize.chinese import marker_exchanges, suffix_marker
from countersight.normalize.names import NameForm

Postings = Callable[[str], int]
"""How many loaded entities hold an index key (``MatchIndex.count``)."""


def listed_where(identifiers: Sequence[Identifier]) -> frozenset[str] | None:
    """The exchanges a candidate is listed on (from its tickers); an empty set when it is
    listed (an ISIN) on an exchange not known; ``None`` when it is not listed."""
    exchanges = {i.value.rpartition(":")[0] for i in identifiers if i.scheme == IdScheme.TICKER} - {
        ""
    }
    if exchanges:
        return frozenset(exchanges)
    if any(i.scheme in (IdScheme.TICKER, IdScheme.ISIN) for i in identifiers):
        return frozenset()
    return None


def marker_fits(suffix: str, listed: frozenset[str]) -> bool:
    """The marker is one the candidate's exchange uses (an HKEX -SW is not a Shanghai
    listing); with no exchange known either way, any marker fits."""
    wanted = marker_exchanges(suffix)
    return not wanted or not listed or bool(set(wanted) & listed)


def distinctive_han_core(core: str, pinyin: str, postings: Postings) -> bool:
    """A Han trade name no other organisation is known to use: not in the real-name
    frequency table (the trade name, its character pairs or its reading: "dahua" is used
    by two organisations), and no other loaded organisation's Chinese trade name holds it
    (电科 is in 中国电科 and 电科数字)."""
    if len(core) < 2:
        return False
    terms = [core, *(a + b for a, b in pairwise(core)), pinyin]
    if any(count(term) > 1 for term in terms if term):
        return False
    key = ("b:" if len(core) == 2 else "h:") + core
    return postings(key) <= 1


def dropped_generic_only(query: NameForm, cand: NameForm) -> bool:
    """The candidate's Chinese name is the query's trade name plus generic words (商汤 +
    科技): no place, no country, no other word; the query adds nothing of its own."""
    core = cand.han_core
    return (
        query.han_core == core
        and bool(cand.generic)
        and not cand.places
        and not query.places
        and query.generic <= cand.generic
        and cand.han_full.startswith(core)
        and len(cand.han_full) > len(core)
    )


def exchange_short_name(
    query: NameForm,
    cand: NameForm,
    identifiers: Sequence[Identifier],
    postings: Postings,
) -> str | None:
    """Why a marked Han query is the exchange short name of a listed candidate, or
    ``None``: "exchange short name: marker -W, core 商汤 of 商汤科技"."""
    suffix = suffix_marker(query.marker)
    if not suffix or query.script != "han" or cand.script != "han":
        return None
    if not dropped_generic_only(query, cand):
        return None
    listed = listed_where(identifiers)
    if listed is None or not marker_fits(suffix, listed):
        return None
    if not distinctive_han_core(cand.han_core, cand.pinyin, postings):
        return None
    return f"exchange short name: marker -{suffix}, core {cand.han_core} of {cand.han_full}"

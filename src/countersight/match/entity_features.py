"""The entity features: what the identifiers and countries of a query and a candidate say
(shared ISIN, LEI, USCC or company number; a listing; conflicting registrations; countries
and offshore incorporation). :data:`ENTITY_FEATURES` is the table the scorer runs; the
name features are in :mod:`countersight.match.features`.
"""

from __future__ import annotations

from countersight.match.features import Feature, IdentifierEvidence
from countersight.model import ENTITY_LEVEL_SCHEMES, Identifier, IdScheme
from countersight.normalize.company_numbers import uk_company_number
from countersight.normalize.tickers import same_listing

_STRONG = (
    IdScheme.ISIN,
    IdScheme.LEI,
    IdScheme.USCC,
    IdScheme.CUSIP,
    IdScheme.SEDOL,
    IdScheme.VAT,
)


def identifier_match(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """Query and candidate share an identifier that names one issuer or legal entity (ISIN,
    LEI, USCC, CUSIP, SEDOL). Identifiers decide when present."""
    shared = [i for i in ids.query if i.scheme in _STRONG and i in ids.candidate]
    if shared:
        return 1.1, ", ".join(str(i) for i in shared)
    return None


def company_number_match(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """Query and candidate carry the same UK company number (Companies House), the list
    stating it as one. A company number names one company, so it decides when present."""
    query = {n for i in ids.query if (n := uk_company_number(i))}
    for identifier in ids.candidate:
        number = uk_company_number(identifier)
        if number is not None and number in query:
            stated = identifier.value.rpartition(":")[2]
            return 1.1, f"UK company number {number} (the list: {stated})"
    return None


def ticker_match(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """Query and candidate share an exchange listing (SZ:002415 in any spelling)."""
    q = [i.value for i in ids.query if i.scheme == IdScheme.TICKER]
    c = [i.value for i in ids.candidate if i.scheme == IdScheme.TICKER]
    for left in q:
        for right in c:
            if same_listing(left, right):
                exchange_known = ":" in left and ":" in right
                return (0.97 if exchange_known else 0.7), f"ticker {left} = {right}"
    return None


def _registration_key(identifier: Identifier) -> tuple[str, str]:
    prefix, _, number = identifier.value.rpartition(":")
    return prefix, number


def identifier_conflict(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """Query and candidate carry different values of an identifier an organisation has only
    one of (LEI, unified social credit code, registry number): different organisations,
    unless one of the codes is wrong. However well the names agree, never a match; shown
    for review, so that a person sees the conflict rather than a silent clear."""
    for scheme in ENTITY_LEVEL_SCHEMES:
        q = [i for i in ids.query if i.scheme == scheme]
        c = [i for i in ids.candidate if i.scheme == scheme]
        if scheme == IdScheme.REGISTRATION:
            qk = {_registration_key(i) for i in q}
            ck = {_registration_key(i) for i in c}
            prefixes = {p for p, _ in qk} & {p for p, _ in ck}
            if prefixes and not (qk & ck):
                return 0.6, f"registration numbers differ ({', '.join(sorted(prefixes))})"
            continue
        if q and c and not set(q) & set(c):
            return 0.6, f"{scheme.value} differs: {q[0].value} vs {c[0].value}"
    return None


def isin_conflict(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """The query's ISIN is not among the candidate's ISINs: a different issuer, or a share
    class the candidate's sources do not list. Never a match; left for review."""
    q = {i.value for i in ids.query if i.scheme == IdScheme.ISIN}
    c = {i.value for i in ids.candidate if i.scheme == IdScheme.ISIN}
    if q and c and not q & c:
        return 0.6, f"ISIN {sorted(q)[0]} not among {', '.join(sorted(c)[:3])}"
    return None


OFFSHORE: frozenset[str] = frozenset({"ky", "hk", "bm", "vg"})
"""Places where Chinese groups are commonly incorporated while operating in China: the
Cayman Islands, Hong Kong, Bermuda, the British Virgin Islands."""


def offshore_for_china(q: set[str], c: set[str]) -> bool:
    """One side only offshore hubs, the other China."""
    return (q <= OFFSHORE and "cn" in c) or (c <= OFFSHORE and "cn" in q)


def country_mismatch(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """The query and the candidate are tied to different countries."""
    q, c = set(ids.query_countries), set(ids.candidate_countries)
    if q and c and not q & c and not offshore_for_china(q, c):
        return -0.35, f"{', '.join(sorted(q))} vs {', '.join(sorted(c))}"
    return None


def offshore_incorporation(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """One side is tied only to the Cayman Islands, Hong Kong, Bermuda or the British Virgin
    Islands, the other to China: Chinese groups are often incorporated there and operate in
    China (SenseTime Group Inc., Cayman), so this is no country conflict."""
    q, c = set(ids.query_countries), set(ids.candidate_countries)
    if q and c and not q & c and offshore_for_china(q, c):
        return 0.0, f"{', '.join(sorted(q))} vs {', '.join(sorted(c))}: incorporation vs operations"
    return None


def listed_marker(ids: IdentifierEvidence) -> tuple[float, str] | None:
    """The query is an exchange short name with a status marker (-UW, *ST, XD), which only
    listed companies carry, and the candidate is listed: shown as evidence, without
    changing the score (a short name stays short unless it is the candidate's own exchange
    short name, see ``exchange_short_name``)."""
    listed = any(i.scheme in (IdScheme.TICKER, IdScheme.ISIN) for i in ids.candidate)
    if ids.query_marker and listed:
        return 0.0, f"marker {ids.query_marker} stripped; the candidate is listed"
    if ids.query_marker:
        return 0.0, f"marker {ids.query_marker} stripped (a listed company)"
    return None


ENTITY_FEATURES: tuple[Feature[IdentifierEvidence], ...] = (
    Feature(identifier_match, "main"),
    Feature(company_number_match, "main"),
    Feature(ticker_match, "main"),
    Feature(country_mismatch, "qualifier"),
    Feature(offshore_incorporation, "qualifier"),
    Feature(listed_marker, "qualifier"),
    Feature(identifier_conflict, "cap"),
    Feature(isin_conflict, "cap"),
)

"""Country names and codes to ISO 3166-1 alpha-2 (lower case), via rigour's territory table."""

from __future__ import annotations

from functools import lru_cache

_EXTRA: dict[str, str] = {
    "prc": "cn",
    "people's republic of china": "cn",
    "mainland china": "cn",
    "hong kong sar": "hk",
    "macau sar": "mo",
    "macao sar": "mo",
    "chinese taipei": "tw",
    "uk": "gb",
    "usa": "us",
    "u.s.": "us",
    "united states of america": "us",
    "中国": "cn",
    "中华人民共和国": "cn",
    "香港": "hk",
    "台湾": "tw",
    "澳门": "mo",
}


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """``China`` → ``cn``; ``Hong Kong New Territories, Hong Kong SAR`` → ``hk``; unknown → None."""
    if text is None:
        return None
    value = text.strip()
    if not value:
        return None
    lowered = value.casefold()
    if lowered in _EXTRA:
        return _EXTRA[lowered]
    from rigour.territories import lookup_territory

    found = lookup_territory(value)
    if found is not None:
        return str(found.code).split("-")[0]
    if "," in value:
        return country_code(value.rsplit(",", 1)[1])
    return None

"""Pure text functions: Unicode, Chinese script and pinyin, legal forms, places, lines of
business, identifiers and tickers. No I/O; depends only on :mod:`countersight.model`.
"""

__all__ = [
    "chinese",
    "countries",
    "identifiers",
    "lexicon",
    "names",
    "pinyin_syllables",
    "places",
    "storable",
    "text",
    "tickers",
]

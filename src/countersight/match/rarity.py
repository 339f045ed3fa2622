"""How distinctive a trade-name word or phrase is, from real organisation names.

The table ``data/name_freq.tsv`` counts, for each word and each two-word phrase of a trade
name, how many of about 9,700 real organisations use it (built by
``benchmarks/name_freq.py`` from the official lists, GLEIF, N-PORT holdings and the
registry). Rarity is the inverse document frequency, scaled to 0..1.

A phrase is worth what the phrase is worth, not the sum of its words: "Far East" is hardly
rarer than "Far", so in a name the second word of a common phrase adds only what the phrase
adds over its first word.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], int]:
    text = (resources.files("countersight.match") / "data" / "name_freq.tsv").read_text("utf-8")
    counts: dict[str, int] = {}
    total = 1
    for line in text.splitlines():
        term, _, count = line.rpartition("\t")
        if term == "#organisations":
            total = int(count)
        elif term:
            counts[term] = int(count)
    return counts, total


def count(term: str) -> int:
    """How many organisations of the corpus use ``term`` (1 if fewer than two do)."""
    return _table()[0].get(term, 1)


def _idf(term: str) -> float:
    counts, total = _table()
    return math.log((total + 1) / (counts.get(term, 1) + 1))


@lru_cache(maxsize=1)
def _max_idf() -> float:
    return math.log((_table()[1] + 1) / 2)


@lru_cache(maxsize=262144)
def rarity(term: str) -> float:
    """Rarity of one word or phrase among real organisation names, 0 (everywhere) to 1
    (no other organisation uses it)."""
    return max(0.0, _idf(term) / _max_idf())


@lru_cache(maxsize=131072)
def phrase_rarities(words: tuple[str, ...]) -> tuple[float, ...]:
    """Rarity of each word of a trade name, a word that continues a common phrase counting
    only for what the phrase adds: ("far", "east") → far 0.75, east 0.03."""
    out: list[float] = []
    for i, word in enumerate(words):
        alone = rarity(word)
        if i and count(f"{words[i - 1]} {word}") > 1:
            gain = rarity(f"{words[i - 1]} {word}") - rarity(words[i - 1])
            alone = min(alone, max(gain, 0.05))
        out.append(alone)
    return tuple(out)


def information(words: tuple[str, ...]) -> float:
    """What a sequence of trade-name words says, phrase-aware (sum of the rarities)."""
    return sum(phrase_rarities(words))

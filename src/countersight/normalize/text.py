"""Unicode clean-up, script detection and tokenisation: the first step for every name.

All functions are pure and cached where they are hot.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """NFKC-normalise: full-width ``ＡＢＣ１２３－Ｗ`` becomes ``ABC123-W``; ideographic space
    becomes a space; compatibility ligatures are split."""
    return unicodedata.normalize("NFKC", text)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")


def is_han(char: str) -> bool:
    """True for a CJK unified ideograph (the Han script used by Chinese names)."""
    return _HAN.match(char) is not None


def han_share(text: str) -> float:
    """Share of the letters in ``text`` that are Han characters (0..1)."""
    han = len(_HAN.findall(text))
    if not han:
        return 0.0
    letters = sum(1 for c in text if c.isalpha())
    return han / letters if letters else 0.0


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Strip accents (``Société`` → ``Societe``) and drop other combining marks."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")


@lru_cache(maxsize=131072)
def latin_tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of a Latin-script name.

    Apostrophes are dropped inside words (``Xi'an`` → ``xian``, ``IS'Vision`` → ``isvision``),
    dotted initials are one token (``B.V.`` → ``bv``, ``S.A.`` → ``sa``), ``&`` becomes
    ``and``, every other punctuation mark separates tokens. Han characters, if
    any, are left out: see :mod:`countersight.normalize.chinese` for those.
    """
    folded = (text if text.isascii() else ascii_fold(nfkc(text))).casefold()
    folded = _APOSTROPHES.sub("", folded).replace("&", " and ")
    folded = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", folded)
    tokens = []
    for token in _NON_WORD.split(folded):
        if not token or token == "_":
            continue
        if not token.isascii() and has_han(token):
            token = _HAN.sub("", token)
            if not token:
                continue
        tokens.append(token.replace("_", ""))
    return tuple(t for t in tokens if t)


def clean_name(text: str) -> str:
    """NFKC plus whitespace collapse: what we store and show for a name."""
    return collapse(nfkc(text))

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


def is_han(char: str) -> bool:
    """True for a CJK unified ideograph (the Han script used by Chinese names)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0xF900 <= code <= 0xFAFF
    )


def han_share(text: str) -> float:
    """Share of the letters in ``text`` that are Han characters (0..1)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_han(c)) / len(letters)


def has_han(text: str) -> bool:
    return any(is_han(c) for c in text)


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Strip accents (``Société`` → ``Societe``) and drop other combining marks."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


@lru_cache(maxsize=131072)
def latin_tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of a Latin-script name.

    Apostrophes are dropped inside words (``Xi'an`` → ``xian``, ``IS'Vision`` → ``isvision``),
    ``&`` becomes ``and``, every other punctuation mark separates tokens. Han characters, if
    any, are left out: see :mod:`countersight.normalize.chinese` for those.
    """
    folded = ascii_fold(nfkc(text)).casefold()
    folded = _APOSTROPHES.sub("", folded).replace("&", " and ")
    tokens = []
    for token in _NON_WORD.split(folded):
        if not token or token == "_":
            continue
        if has_han(token):
            token = "".join(c for c in token if not is_han(c))
            if not token:
                continue
        tokens.append(token.replace("_", ""))
    return tuple(t for t in tokens if t)


def clean_name(text: str) -> str:
    """NFKC plus whitespace collapse: what we store and show for a name."""
    return collapse(nfkc(text))

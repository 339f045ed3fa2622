"""Chinese names: Traditional→Simplified, Hanzi→pinyin, and the parts of a company name.

A Chinese company name is usually ``place + trade name (字号) + line of business + legal
form``: 杭州 | 海康威视 | 数字技术 | 股份有限公司. :func:`split_han_name` returns those parts so
the matcher can compare trade names, treat places as weak, and gloss the line of business
in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import opencc
from pypinyin import Style, lazy_pinyin
from pypinyin.seg.simpleseg import seg as segment_words

from countersight.normalize.lexicon import (
    ZH_COUNTRY_PREFIXES,
    ZH_GENERIC,
    ZH_LEGAL_SUFFIXES,
    ZH_SECURITY_PREFIXES,
    ZH_SECURITY_SUFFIXES,
)
from countersight.normalize.pinyin_syllables import SYLLABLES
from countersight.normalize.places import PLACE_SUFFIXES, PLACES
from countersight.normalize.text import is_han, nfkc

_T2S = opencc.OpenCC("t2s")

_PLACE_SUFFIXES = sorted(PLACE_SUFFIXES, key=len, reverse=True)
_SHARE_SUFFIX = re.compile(
    r"\s*[-－‐‑–—]\s*(" + "|".join(sorted(ZH_SECURITY_SUFFIXES, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"[()（）\[\]【】《》「」『』〈〉]")
_KEEP = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=131072)
def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (opencc ``t2s``): 商湯 → 商汤, 產業 → 产业."""
    return str(_T2S.convert(text))


_READINGS: dict[str, str] = {}


def _single_readings() -> dict[str, str]:
    """Han characters with exactly one toneless reading → that reading (built on first use).
    Names made only of these need no phrase context, so they skip pypinyin's segmenter."""
    if not _READINGS:
        import unicodedata

        from pypinyin import pinyin_dict

        for code, readings in pinyin_dict.pinyin_dict.items():
            plain = {
                "".join(c for c in unicodedata.normalize("NFKD", r) if not unicodedata.combining(c))
                for r in readings.split(",")
            }
            if len(plain) == 1:
                reading = plain.pop().replace("ü", "u").lower()
                if reading.isascii() and reading.isalpha():
                    _READINGS[chr(code)] = reading
    return _READINGS


def _pieces(part: str) -> list[str]:
    """pypinyin output → lower-case toneless syllables (``v`` → ``u``); Latin kept."""
    out: list[str] = []
    for piece in re.split(r"[^0-9A-Za-z]+", part):
        if piece:
            out.append(piece.lower().replace("v", "u") if piece.isascii() else piece)
    return out


@lru_cache(maxsize=262144)
def _segment_syllables(segment: str) -> tuple[str, ...]:
    """Syllables of one segment of pypinyin's word segmentation. Segments (科技, 有限, 北京)
    recur across names, so converting each once makes whole names cheap."""
    return tuple(
        p
        for part in lazy_pinyin(segment, style=Style.NORMAL, v_to_u=False, errors="default")
        for p in _pieces(part)
    )


@lru_cache(maxsize=131072)
def pinyin_syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of the Han characters in ``text``; Latin runs kept as-is,
    lower-cased. ``ü`` is written ``u`` so it meets English spellings (绿 → ``lu``).

    Readings come from pypinyin with its phrase segmentation (so 银行 reads ``yinhang``),
    converted segment by segment; names made only of characters with one reading skip
    the segmenter."""
    readings = _single_readings()
    fast = [readings.get(c) for c in text]
    if all(fast):
        return tuple(r for r in fast if r)
    return tuple(p for segment in segment_words(text) for p in _segment_syllables(segment))


def pinyin_key(text: str) -> str:
    """Concatenated toneless pinyin: 海康威视 → ``haikangweishi``."""
    return "".join(pinyin_syllables(text))


@lru_cache(maxsize=65536)
def segment_pinyin(token: str) -> tuple[str, ...] | None:
    """Split a Latin token into pinyin syllables (``haikang`` → ``hai``, ``kang``), or
    ``None`` if it is not pinyin. Prefers the split with the fewest syllables, and gives up
    as soon as six letters in a row cannot end a syllable. Each position keeps only its
    best count and where its last syllable starts, so time and memory grow linearly with
    the token's length."""
    token = token.lower().replace("ü", "v")
    if not token.isalpha() or not token.isascii():
        return None
    size = len(token)
    count: list[int | None] = [None] * (size + 1)  # fewest syllables reaching each position
    back = [0] * (size + 1)  # where the last syllable of that split starts
    count[0] = 0
    reached = 0  # the last position a split reaches; syllables are at most six letters
    for end in range(1, size + 1):
        if end - reached > 6:
            return None
        for start in range(max(0, end - 6), end):
            head = count[start]
            if head is None or token[start:end] not in SYLLABLES:
                continue
            current = count[end]
            if current is None or head + 1 < current:
                count[end], back[end] = head + 1, start
        if count[end] is not None:
            reached = end
    if count[size] is None:
        return None
    pieces: list[str] = []
    end = size
    while end:
        pieces.append(token[back[end] : end])
        end = back[end]
    return tuple(reversed(pieces))


@dataclass(frozen=True, slots=True)
class HanParts:
    """The parts of a Han-script company name (all Simplified)."""

    full: str  # name without legal form or punctuation: 杭州海康威视数字技术
    places: tuple[str, ...]  # 杭州
    core: str  # trade name: 海康威视 (the generic words if nothing else is left)
    generic: tuple[str, ...]  # 数字技术 → ("digital", "technology")
    generic_terms: tuple[str, ...]  # the Han generic terms themselves: ("数字技术",)
    legal: tuple[str, ...]  # 股份有限公司
    country: bool  # began with 中国 / 中华人民共和国
    marker: str = ""  # exchange short-name markers stripped (*ST, -UW): a listed company


def strip_security_markers(text: str) -> tuple[str, str]:
    """A Chinese exchange short name without its status markers, and the markers found.

    Prefixes (before the Han name): ``ST``/``*ST`` special treatment, ``S`` share reform
    pending, ``N`` first day, ``C`` new listing, ``XD``/``XR``/``DR`` ex-dividend or
    ex-rights; suffixes (:data:`~countersight.normalize.lexicon.ZH_SECURITY_SUFFIXES`):
    mainland ``-U`` not yet profitable, ``-W`` weighted voting rights, ``-D`` contractual
    control and their combinations (``-UW``, ``-WD``); HKEX ``-W``, ``-S`` secondary
    listing, ``-SW``, ``-P`` pre-commercial, ``-R`` RMB counter (``-WR``, ``-SWR``); share
    classes ``-A``/``-B``/``-H``. Full-width forms (``－ＵＷ``, ``－ＳＷ``) are folded
    first. Markers only exist on listed companies, so finding one is evidence of a listing.
    """
    text = nfkc(text).strip()
    found: list[str] = []
    suffix = _SHARE_SUFFIX.search(text)
    if suffix and len(text) > suffix.end() - suffix.start():
        found.append("-" + suffix.group(1).upper())
        text = text[: suffix.start()]
    for prefix in ZH_SECURITY_PREFIXES:
        if (
            text.upper().startswith(prefix)
            and len(text) > len(prefix)
            and is_han(text[len(prefix)])
        ):
            found.insert(0, prefix)
            text = text[len(prefix) :]
            break
    return text, "".join(found)


def suffix_marker(marker: str) -> str:
    """The suffix of a marker string from :func:`strip_security_markers` ("N-U" → "U")."""
    return marker.rpartition("-")[2] if "-" in marker else ""


def marker_exchanges(suffix: str) -> tuple[str, ...]:
    """The exchanges that use a suffix marker (empty: any exchange)."""
    return ZH_SECURITY_SUFFIXES.get(suffix, ())


_PLACE_LENGTHS = sorted({len(p) for p in PLACES}, reverse=True)
_GENERIC_LENGTHS = sorted({len(t) for t in ZH_GENERIC}, reverse=True)


def _strip_place(text: str) -> tuple[str, str | None]:
    for length in _PLACE_LENGTHS:
        place = text[:length]
        if len(text) > length and place in PLACES:
            rest = text[length:]
            for suffix in _PLACE_SUFFIXES:
                if rest.startswith(suffix) and len(rest) > len(suffix):
                    rest = rest[len(suffix) :]
                    break
            return rest, place
    return text, None


def _generic_suffix(text: str) -> str | None:
    """The longest generic term ``text`` ends with (leaving something before it)."""
    for length in _GENERIC_LENGTHS:
        if len(text) > length and text[-length:] in ZH_GENERIC:
            return text[-length:]
    return None


@lru_cache(maxsize=131072)
def split_han_name(name: str) -> HanParts:
    """Split a Chinese company name into place, trade name, line of business and legal form.

    >>> split_han_name("杭州海康威视数字技术股份有限公司").core
    '海康威视'
    """
    stripped, marker = strip_security_markers(name)
    text = to_simplified(stripped)
    text = _KEEP.sub("", _BRACKETS.sub("", text))
    legal: list[str] = []
    changed = True
    while changed:
        changed = False
        for suffix in ZH_LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                legal.insert(0, suffix)
                changed = True
                break
    full = text
    country = False
    for prefix in ZH_COUNTRY_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            country = True
            break
    places: list[str] = []
    while True:
        text, place = _strip_place(text)
        if place is None:
            break
        places.append(place)
    terms: list[str] = []
    core = text
    while (term := _generic_suffix(core)) is not None:
        core = core[: -len(term)]
        terms.insert(0, term)
    if core in ZH_GENERIC:
        # Nothing but generic words is left (中国电子科技集团): they are the name.
        core = "".join([core, *terms])
    generic: list[str] = []
    for term in terms:
        generic.extend(ZH_GENERIC[term])
    return HanParts(
        full=full,
        places=tuple(places),
        core=core,
        generic=tuple(generic),
        generic_terms=tuple(terms),
        legal=tuple(legal),
        country=country,
        marker=marker,
    )

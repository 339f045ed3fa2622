"""Analyse one organisation name into the parts the matcher compares.

:func:`analyze` works for English, pinyin, Chinese (简体/繁體, full-width) and fund-file
spellings alike and returns a :class:`NameForm`:

- ``distinct``: the words that name this company (``hikvision``; for Han names the pinyin
  syllables of the trade name),
- ``generic``: line-of-business words in canonical English (``technology``),
- ``places``: Chinese places, as canonical Han ids, whatever the script,
- ``han_core``: the Han trade name (海康威视), compared character by character, never through
  pinyin, so that 大化 does not meet 大华.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from countersight.normalize.chinese import pinyin_syllables, segment_pinyin, split_han_name
from countersight.normalize.lexicon import (
    ABBREVIATIONS,
    GENERIC,
    LEGAL_FORMS,
    LEGAL_FORMS_NEEDING_COMPANY,
    PINYIN_GENERIC,
    SHARE_CLASS,
    STOPWORDS,
    TRUNCATION_TARGETS,
)
from countersight.normalize.places import COUNTRY_WORDS, LATIN_PLACE_BIGRAMS, LATIN_PLACES
from countersight.normalize.text import han_share, latin_tokens


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name taken apart for matching. Immutable and cheap to compare."""

    original: str
    script: str  # "han" or "latin"
    distinct: tuple[str, ...]
    generic: frozenset[str]
    places: frozenset[str]
    han_core: str = ""
    han_full: str = ""
    pinyin: str = ""  # concatenated pinyin of the Han trade name
    truncated: bool = False
    country_word: bool = False
    acronyms: tuple[str, ...] = ()
    spelled: str = ""  # the name without places or legal form, as written (Latin) or in pinyin
    countries: frozenset[str] = frozenset()  # country words: "china", "usa"
    truncated_prefix: str = ""  # a cut-off generic last word ("te", "informati")
    open_end: bool = False  # the last distinctive word may itself be cut off
    all_generic: bool = False  # no distinctive word: the generic words are the name
    strong: bool = False  # the trade name is specific enough to stand alone (see below)
    marker: str = ""  # exchange short-name markers stripped (*ST, -UW): a listed company

    @property
    def squashed(self) -> str:
        """Distinct words run together: ``hik vision`` and ``hikvision`` meet here."""
        return "".join(self.distinct)

    @property
    def is_empty(self) -> bool:
        return not self.distinct and not self.han_core

    def syllable_count(self) -> int:
        """How many pinyin syllables the trade name has, or 0 if it is not pinyin."""
        if self.script == "han":
            return len(self.distinct)
        return _syllables(self.distinct)


def _strip_share_class(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[-1] in SHARE_CLASS:
        tokens.pop()
    return tokens


def _strip_legal(tokens: list[str]) -> list[str]:
    legal = [t in LEGAL_FORMS and t not in LEGAL_FORMS_NEEDING_COMPANY for t in tokens]
    changed = True
    while changed:
        # "public joint stock company": weak legal words count when they touch a legal run.
        changed = False
        for i, token in enumerate(tokens):
            if legal[i] or token not in LEGAL_FORMS_NEEDING_COMPANY:
                continue
            if (i > 0 and legal[i - 1]) or (i + 1 < len(tokens) and legal[i + 1]):
                legal[i] = True
                changed = True
    kept = [t for t, is_legal in zip(tokens, legal, strict=True) if not is_legal]
    return kept or tokens[:1]


_KNOWN = frozenset(GENERIC) | frozenset(ABBREVIATIONS) | frozenset(PINYIN_GENERIC)


def _truncation_of(token: str) -> str | None:
    """The generic words a cut-off last word could be ("TE" → technology, "INFORMATI" →
    information), as its prefix; ``None`` when the word is complete or not generic."""
    if len(token) < 2 or token in _KNOWN or token in LEGAL_FORMS or token in LATIN_PLACES:
        return None
    if any(target.startswith(token) and target != token for target in TRUNCATION_TARGETS):
        return token
    return None


def _join_place_bigrams(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        pair = (tokens[i], tokens[i + 1]) if i + 1 < len(tokens) else None
        if pair is not None and pair in LATIN_PLACE_BIGRAMS:
            out.append(LATIN_PLACE_BIGRAMS[pair])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


_GROUP_WORDS = frozenset({"group", "holdings"})
_INITIALS_FORMS = frozenset(
    {"ooo", "ao", "zao", "oao", "pao", "jsc", "pjsc", "ojsc", "cjsc", "llc", "llp", "gmbh"}
    | {"ag", "sa", "srl", "bv", "nv", "kg", "spa", "sarl", "plc", "ltda", "kk", "tov", "too"}
)


def _acronyms(tokens: list[str]) -> tuple[str, ...]:
    """Initials a name is abbreviated to: with and without legal forms and "group"
    (China Electronics Technology Group Corporation → CETGC, CETG, CETC). A legal form that
    is itself initials ("OOO", "AO", "LLC", "GmbH") gives no letter ("BM-Direktsiya, OOO"
    is not BDO)."""
    words = [t for t in tokens if t and t not in STOPWORDS and t not in _INITIALS_FORMS]
    if len(words) < 3:
        return ()
    variants = (
        words,
        [w for w in words if w not in LEGAL_FORMS],
        [w for w in words if w not in _GROUP_WORDS],
        [w for w in words if w not in LEGAL_FORMS and w not in _GROUP_WORDS],
    )
    out: list[str] = []
    for variant in variants:
        acronym = "".join(w[0] for w in variant)
        if len(acronym) >= 3 and acronym not in out:
            out.append(acronym)
    return tuple(out)


def _join_initials(tokens: list[str]) -> list[str]:
    """Dotted initials are one word: "B.V." → ``bv``, "R.I.A." → ``ria``."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


def _analyze_latin(name: str) -> NameForm:
    raw = _join_initials(list(latin_tokens(name)))
    tokens = _strip_share_class(list(raw))
    spelled = "".join(
        t
        for t in _strip_legal(list(tokens))
        if t not in LATIN_PLACES and t not in STOPWORDS and t not in COUNTRY_WORDS
    )
    # Fund files cut names at a fixed width: the last word may be a stub of a longer one.
    open_end = len(tokens) >= 2 and tokens[-1] not in LEGAL_FORMS
    truncated_prefix = ""
    if open_end and len(tokens) >= 2:
        stub = _truncation_of(tokens[-1])
        if stub is not None:
            truncated_prefix = stub
            tokens = tokens[:-1]
    tokens = [ABBREVIATIONS.get(t) or PINYIN_GENERIC.get(t) or t for t in tokens]
    acronyms = _acronyms(tokens)
    tokens = _strip_legal(tokens)
    tokens = _join_place_bigrams(tokens)
    distinct: list[str] = []
    generic: set[str] = set()
    places: set[str] = set()
    countries: set[str] = set()
    for token in tokens:
        if token in STOPWORDS:
            continue
        if token in LATIN_PLACES:
            places.add(LATIN_PLACES[token])
        elif token in COUNTRY_WORDS:
            countries.add(token)
        elif token in GENERIC:
            generic.add(token)
        else:
            distinct.append(token)
    all_generic = not distinct
    if all_generic:
        # Nothing but generic words (China Electronics Technology Group): they are the name.
        distinct = [t for t in tokens if t in GENERIC and t not in _GROUP_WORDS] or sorted(generic)
    return NameForm(
        original=name,
        script="latin",
        distinct=_shared_tuple(distinct),
        generic=_shared_set(generic),
        places=_shared_set(places),
        truncated=bool(truncated_prefix),
        country_word=bool(countries),
        acronyms=_shared_tuple(acronyms),
        spelled=spelled,
        countries=_shared_set(countries),
        truncated_prefix=truncated_prefix,
        open_end=open_end and not truncated_prefix and bool(raw) and tokens[-1:] == distinct[-1:],
        all_generic=all_generic,
        strong=_strong_latin(tuple(distinct), all_generic),
    )


def _syllables(distinct: tuple[str, ...]) -> int:
    total = 0
    for token in distinct:
        parts = segment_pinyin(token)
        if parts is None:
            return 0
        total += len(parts)
    return total


def _strong_latin(distinct: tuple[str, ...], all_generic: bool) -> bool:
    """Latin: a non-pinyin word of five letters or more (``hikvision``, ``ezviz``), or pinyin
    of four syllables or more (``haikang weishi``); never a name of generic words only."""
    if all_generic:
        return False
    syllables = _syllables(distinct)
    if syllables:
        return syllables >= 4
    return len("".join(distinct)) >= 5


_SETS: dict[frozenset[str], frozenset[str]] = {}
_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared_set(items: Iterable[str]) -> frozenset[str]:
    """One object per distinct set of words: generic sets like {technology} repeat across
    millions of names, and sharing them keeps a large index small."""
    value = frozenset(items)
    found = _SETS.get(value)
    if found is None:
        if len(_SETS) > 500_000:
            _SETS.clear()
        found = _SETS.setdefault(value, value)
    return found


def _shared_tuple(items: Iterable[str]) -> tuple[str, ...]:
    value = tuple(items)
    found = _TUPLES.get(value)
    if found is None:
        if len(_TUPLES) > 500_000:
            _TUPLES.clear()
        value = tuple(sys.intern(i) for i in value)
        found = _TUPLES.setdefault(value, value)
    return found


def _analyze_han(name: str) -> NameForm:
    parts = split_han_name(name)
    terms = "".join(parts.generic_terms)
    whole = parts.core if terms and parts.core.endswith(terms) else parts.core + terms
    spelled_syllables = pinyin_syllables(whole)
    if whole.startswith(parts.core) and len(spelled_syllables) == len(whole):
        syllables = spelled_syllables[: len(parts.core)]  # one syllable per character
    else:
        syllables = pinyin_syllables(parts.core)
    spelled = "".join(spelled_syllables)
    return NameForm(
        original=name,
        script="han",
        distinct=_shared_tuple(syllables),
        generic=_shared_set(parts.generic),
        places=_shared_set(parts.places),
        han_core=parts.core,
        han_full=parts.full,
        pinyin="".join(syllables),
        all_generic=bool(terms) and parts.core.endswith(terms),
        strong=len(parts.core) >= 3 and not (bool(terms) and parts.core.endswith(terms)),
        country_word=parts.country,
        spelled=spelled,
        marker=parts.marker,
    )


def analyze_uncached(name: str) -> NameForm:
    """Take a name apart for matching."""
    if han_share(name) >= 0.5:
        return _analyze_han(name)
    return _analyze_latin(name)


@lru_cache(maxsize=65536)
def analyze(name: str) -> NameForm:
    """Take a name apart for matching (cached: query names repeat across files)."""
    return analyze_uncached(name)

"""Compare two analysed names (:class:`~countersight.normalize.names.NameForm`).

Three ways, by script:

- Latin ↔ Latin: weighted overlap of the distinctive words (rare words weigh more; a
  truncated last word matches by prefix), or the words run together (``hik vision``);
- Han ↔ Han: the trade names character by character. Never through pinyin: 大化 and 大华
  sound alike and are different companies;
- Latin ↔ Han: the Latin words against the pinyin of the Han trade name
  (``Haikang Weishi`` ↔ 海康威视), the only bridge that works for names never translated.

Places and line-of-business words are compared on the side: agreement corroborates a
match, disagreement is evidence against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from rapidfuzz.distance import Indel

from countersight.match.business import (
    NEUTRAL_GENERIC,
    absorb,
    business_relation,
    place_relation,
)
from countersight.match.rarity import count, phrase_rarities, rarity
from countersight.normalize.names import NameForm


class Weights(Protocol):
    """How much a word weighs in a comparison (the index answers: rarity among what it holds)."""

    def weight(self, token: str) -> float: ...

    def word_weights(self, words: tuple[str, ...]) -> tuple[float, ...]: ...


@dataclass(slots=True)
class NameComparison:
    """The outcome of comparing a query name with a candidate name."""

    mode: str  # "latin", "han" or "cross"
    core: float  # similarity of the trade names, 0..1
    exact: bool  # the whole names agree once legal forms are set aside
    strong: bool  # the matched trade name is specific enough to stand alone
    places: int  # +1 agree, -1 differ, 0 not comparable
    business: int  # +1 agree, -1 differ, 0 not comparable
    acronym: bool
    detail: str
    business_specific: bool = False  # a shared line-of-business word beyond the ubiquitous
    partial: bool = False  # one trade name only contains the other (pinyin, or 中科曙光/曙光)
    spelled: bool = False  # the whole name agrees letter for letter (pinyin included)
    generic_only: bool = False  # the names have no distinctive word at all
    shared: float = 0.0  # corpus rarity of the trade-name words both names have, per word
    extra: float = 0.0  # corpus information of the query's words the candidate lacks
    missing: tuple[str, ...] = ()  # those words
    nested: bool = False  # one name's generic words hold all of the other's
    described_apart: bool = False  # both names describe themselves, in no word in common
    homophone: bool = False  # a Han query met a Latin name only through a 2-syllable reading
    abroad: tuple[str, ...] = ()  # country words of the query that the candidate's name lacks
    coined: bool = False  # the query's trade name is not pinyin ("DJI", "EZVIZ")
    common: bool = False  # the shared trade name is used by many organisations ("Eastern")
    reworded: tuple[str, ...] = ()  # description words one name has and the other lacks


def core_is_strong(form: NameForm) -> bool:
    """Whether a trade name is specific enough to identify a company on its own.

    Han: three characters or more. Latin: a non-pinyin word of five letters or more
    (``hikvision``, ``ezviz``), or pinyin of four syllables or more (``haikang weishi``).
    Two-syllable names like ``Dahua`` or 大华 are shared by unrelated companies and need
    a place, a line of business or an identifier to back them.
    """
    return form.strong


def _token_sim(token: str, other: str, open_end: bool) -> float:
    if token == other:
        return 1.0
    if open_end and len(token) >= 2 and other.startswith(token) and len(other) - len(token) <= 2:
        return 1.0  # a plural or inflection cut off ("technologie")
    if open_end and len(token) >= 3 and other.startswith(token) and count(token) < 3:
        # A cut-off word; not a word other organisations use whole ("Star" in "Starrysky").
        return 0.85 + 0.1 * len(token) / len(other)
    if len(token) >= 4 and len(other) >= 4:
        # A spelling variant: 0.86 similar or more (below the cut-off the answer is 0).
        return Indel.normalized_similarity(token, other, score_cutoff=0.86)
    return 0.0


@dataclass(slots=True)
class Overlap:
    """How much of two trade names agrees: the weighted share; and, asked for only when
    the names agree at all, in corpus rarity the information both names share and what the
    query has that the candidate lacks."""

    share: float
    words: tuple[str, ...] = ()  # the query's trade-name words
    other: tuple[str, ...] = ()  # the candidate's
    agreeing: list[int] = field(default_factory=list)  # query words the candidate has, nearly
    missing: list[str] = field(default_factory=list)  # query words it lacks

    def shared(self) -> float:
        """Rarity of the words both names have, per word, phrase-aware."""
        if not self.agreeing:
            return 0.0
        rarities = phrase_rarities(self.words)
        total = 0.0
        for i in self.agreeing:
            total += rarities[i]
        return total / len(self.agreeing)

    def extra(self) -> float:
        """Information of the query's words the candidate lacks (each alone: it continues
        no phrase the names share)."""
        total = 0.0
        for word in self.missing:
            total += rarity(word)
        return total

    def common(self) -> bool:
        """The shared words are a trade name many organisations use."""
        if not self.agreeing:
            return False
        return common_phrase([word for word in self.words if word in self.other])


COMMON_TRADE_NAME = 10
"""Organisations in the corpus using a word (or two-word phrase) at or above which it is a
common trade name ("Eastern", 13; "East", 52): not enough to identify a company alone."""


def common_phrase(shared: list[str]) -> bool:
    """Whether the words two names share are a common trade name: every one of them, and
    every adjacent pair of them as a phrase, used by ``COMMON_TRADE_NAME`` organisations or
    more (the fewest over its words and pairs is an upper bound on the whole phrase)."""
    if not shared:
        return False
    for word in shared:
        if count(word) < COMMON_TRADE_NAME:
            return False
    return all(count(f"{a} {b}") >= COMMON_TRADE_NAME for a, b in pairwise(shared))


def _weighted_overlap(query: NameForm, cand: NameForm, weights: Weights) -> Overlap:
    q_tokens = query.distinct
    c_tokens = cand.distinct
    if not q_tokens or not c_tokens:
        return Overlap(0.0)
    q_weights = weights.word_weights(q_tokens)
    c_weights = weights.word_weights(c_tokens)
    total = matched = 0.0
    agreeing: list[int] = []
    missing: list[str] = []
    last = len(q_tokens) - 1
    open_end = query.open_end
    cand_stub, query_stub = cand.truncated_prefix, query.truncated_prefix
    for i, token in enumerate(q_tokens):
        w = q_weights[i]
        total += w
        if cand_stub and token.startswith(cand_stub):
            matched += w
            continue
        # A word both names have is a full agreement, the most _token_sim gives: skip it.
        if token in c_tokens:
            sim = 1.0
        else:
            cut = i == last and open_end
            if len(c_tokens) == 1:
                sim = _token_sim(token, c_tokens[0], cut)
            else:
                sim = max([_token_sim(token, o, cut) for o in c_tokens])
        matched += w * sim
        if sim >= 0.5:
            agreeing.append(i)
        else:
            missing.append(token)
    for j, token in enumerate(c_tokens):
        w = c_weights[j]
        total += w
        if query_stub and token.startswith(query_stub):
            matched += w  # the query's cut-off last word ("CONST") stands for this one
            continue
        if token in q_tokens:
            matched += w
            continue
        if last == 0:
            matched += w * _token_sim(q_tokens[0], token, open_end)
        else:
            matched += w * max(
                [_token_sim(o, token, i == last and open_end) for i, o in enumerate(q_tokens)]
            )
    if query.countries or cand.countries:
        for word in query.countries ^ cand.countries:
            # Country words ("USA" in "Hikvision USA") count, but lightly.
            total += 0.25 * weights.weight(word)
    return Overlap(matched / total if total else 0.0, q_tokens, c_tokens, agreeing, missing)


def _acronym(query: NameForm, cand: NameForm) -> bool:
    if len(query.distinct) != 1 or query.generic or query.all_generic:
        return False
    token = query.distinct[0]
    return 2 <= len(token) <= 6 and token in cand.acronyms


def _stub_found(stub: str, other: NameForm) -> bool:
    words = {*other.generic, *other.distinct}
    return not stub or any(w.startswith(stub) for w in words)


def _generic_equal(query: NameForm, cand: NameForm) -> bool:
    if not (
        _stub_found(query.truncated_prefix, cand) and _stub_found(cand.truncated_prefix, query)
    ):
        return False
    # Neutral words count here: "Rosneft Trading" is not the same name as "Rosneft". After
    # a cut-off word anything may have followed, so the cut side need only be contained.
    left = absorb(query.generic, cand.truncated_prefix)
    right = absorb(cand.generic, query.truncated_prefix)
    if query.truncated_prefix:
        return left <= right
    if cand.truncated_prefix:
        return right <= left
    return left == right


def _nested(query: NameForm, cand: NameForm) -> bool:
    left = {*query.distinct, *query.generic} if query.all_generic else set(query.generic)
    right = {*cand.distinct, *cand.generic} if cand.all_generic else set(cand.generic)
    return left <= right or right <= left


def _described_apart(query: NameForm, cand: NameForm) -> bool:
    """Both names state a line of business (not merely "group" or "trading"), and share
    no generic word."""
    left = absorb(query.generic, cand.truncated_prefix)
    right = absorb(cand.generic, query.truncated_prefix)
    if not left - NEUTRAL_GENERIC or not right - NEUTRAL_GENERIC:
        return False
    stubbed = bool(query.truncated_prefix or cand.truncated_prefix)
    return bool(left) and bool(right) and not left & right and not stubbed


def reworded(query: NameForm, cand: NameForm) -> tuple[str, ...]:
    """The words of description (line of business, "group") in which two names that both
    describe themselves differ: "digital" and "system" for Hikvision Digital Technology
    and Hikvision System Technology. A name cut off short may have lost the other's
    words, so only the words of the uncut side count against it. Nothing when a name has
    no description at all ("Hikvision"): it is shorter, not different."""
    left = absorb(query.generic, cand.truncated_prefix)
    right = absorb(cand.generic, query.truncated_prefix)
    if not left or not right:
        return ()
    words = set() if cand.truncated_prefix else left - right
    if not query.truncated_prefix:
        words |= right - left
    return tuple(sorted(words))


_CHINA = frozenset({"china", "chinese", "prc", "zhongguo"})


_NO_MATCH = NameComparison("latin", 0.0, False, False, 0, 0, False, "")


def compare_latin(query: NameForm, cand: NameForm, weights: Weights) -> NameComparison:
    q_squashed = query.squashed
    spelled = len(query.spelled) > len(q_squashed) and query.spelled == cand.spelled
    words = Overlap(1.0) if spelled else _weighted_overlap(query, cand, weights)
    overlap = words.share
    squashed = 0.0
    if overlap < 0.9 and q_squashed:
        c_squashed = cand.squashed
        if c_squashed:
            squashed = Indel.normalized_similarity(q_squashed, c_squashed, score_cutoff=0.9)
    core = max(overlap, squashed)
    acronym = False
    # Only the query may be the initials: fund files abbreviate ("CETC"), while a list's own
    # acronym alias ("CGN", "DSD, OOO") is met by any name that happens to have its initials.
    if core < 0.8 and _acronym(query, cand):
        core, acronym = 0.85, True
    if core <= 0.0:
        return _NO_MATCH
    places = place_relation(query.places, cand.places)
    business, specific = business_relation(
        query.generic, cand.generic, query.truncated_prefix, cand.truncated_prefix
    )
    generic_only = query.all_generic or cand.all_generic
    strong = core_is_strong(query) and core_is_strong(cand)
    # A short trade name is only "the same name" when the places are the same too.
    same_places = places >= 0 if strong else query.places == cand.places
    exact = (
        core == 1.0
        and same_places
        and query.countries == cand.countries
        and (spelled or _generic_equal(query, cand))
    )
    detail = f"{' '.join(query.distinct) or '-'} ~ {' '.join(cand.distinct) or '-'}"
    abroad = tuple(sorted(query.countries - cand.countries - _CHINA)) if query.countries else ()
    return NameComparison(
        "latin",
        core,
        exact,
        strong and not acronym,
        places,
        business,
        acronym,
        detail,
        specific,
        core < 1.0,
        spelled,
        generic_only,
        words.shared(),
        0.0 if exact or spelled or acronym else words.extra(),
        tuple(words.missing),
        generic_only and _nested(query, cand),
        _described_apart(query, cand),
        abroad=abroad,
        common=not exact and words.common(),
        coined=bool(abroad) and query.syllable_count() == 0,
        reworded=() if exact or spelled else reworded(query, cand),
    )


def compare_han(query: NameForm, cand: NameForm) -> NameComparison:
    left, right = query.han_core, cand.han_core
    partial = False
    if left == right:
        core = 1.0
    elif min(len(left), len(right)) >= 2 and (left in right or right in left):
        core, partial = 0.85, True
    else:
        core = Indel.normalized_similarity(left, right) * 0.6
    places = place_relation(query.places, cand.places)
    business, specific = business_relation(query.generic, cand.generic)
    shorter = left if len(left) <= len(right) else right
    strong = len(shorter) >= 3
    same_places = places >= 0 if strong else query.places == cand.places
    exact = query.han_full == cand.han_full or (
        core == 1.0 and same_places and query.generic == cand.generic
    )
    return NameComparison(
        "han",
        core,
        exact,
        strong,
        places,
        business,
        False,
        f"{left} ~ {right}",
        specific,
        partial,
        query.han_full == cand.han_full,
        reworded=() if exact else reworded(query, cand),
    )


def compare_cross(latin: NameForm, han: NameForm, query_is_latin: bool) -> NameComparison:
    """Latin words against the pinyin of a Han trade name."""
    key = latin.squashed.replace("v", "u")
    pinyin = han.pinyin.replace("v", "u")
    core = 0.0
    spelled = False
    long_latin, long_han = latin.spelled.replace("v", "u"), han.spelled.replace("v", "u")
    same_business = bool(han.generic) and han.generic == latin.generic
    covers = min(len(long_latin), len(long_han)) > len(pinyin) or (
        han.all_generic and long_latin == long_han
    )
    if (
        long_latin
        and long_han
        and covers
        and (long_han.startswith(long_latin) or long_latin.startswith(long_han))
    ):
        # The whole name in pinyin, line of business included: 旷视科技 = "Kuangshi Keji".
        core, spelled = 0.95, True
    elif key and key == pinyin and same_business and place_relation(latin.places, han.places) >= 0:
        # Trade name in pinyin and the same line of business in translation:
        # 华为技术 = "Huawei Technologies".
        core, spelled = 0.95, True
    elif key and pinyin:
        if key == pinyin:
            core = 0.95
        else:
            ratio = Indel.normalized_similarity(key, pinyin)
            core = ratio * 0.9 if ratio >= 0.9 else 0.0
    places = place_relation(latin.places, han.places)
    business, specific = business_relation(latin.generic, han.generic, latin.truncated_prefix, "")
    strong = len(han.han_core) >= 3 and len(han.distinct) >= 4
    q, c = (latin, han) if query_is_latin else (han, latin)
    detail = f"{' '.join(q.distinct)} ~ {' '.join(c.distinct)} (pinyin of {han.han_core})"
    return NameComparison(
        "cross",
        core,
        False,
        strong,
        places,
        business,
        False,
        detail,
        specific,
        not spelled,
        spelled,
        latin.all_generic,
        homophone=not query_is_latin and len(han.han_core) <= 2 and places <= 0,
    )


def compare_names(query: NameForm, cand: NameForm, weights: Weights) -> NameComparison:
    """Compare two names in whatever scripts they are in."""
    if query.script == "latin" and cand.script == "latin":
        return compare_latin(query, cand, weights)
    if query.script == "han" and cand.script == "han":
        return compare_han(query, cand)
    if query.script == "latin":
        return compare_cross(query, cand, query_is_latin=True)
    return compare_cross(cand, query, query_is_latin=False)

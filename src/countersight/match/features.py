"""The scoring features. Each is a small function whose docstring is the explanation users
see; :data:`NAME_FEATURES` and :data:`ENTITY_FEATURES` are the tables the scorer runs.

A feature returns ``None`` when it does not apply, or a number: for ``main`` features a
score (the best one counts), for ``qualifier`` features an amount added to the score, for
``cap`` features the highest score still allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from countersight.match.compare import NameComparison
from countersight.match.products import is_english
from countersight.model import Identifier, NameKind
from countersight.normalize.names import analyze

Kind = Literal["main", "qualifier", "cap"]
T = TypeVar("T")


@dataclass(slots=True)
class NamePair:
    """A query name against a candidate name, already compared."""

    comparison: NameComparison
    query_name: str
    candidate_name: str
    candidate_kind: NameKind
    candidate_source: str | None
    whole_query: str | None = None  # the query name this part was found in, if a part
    candidate_note: str | None = None  # e.g. the period a former name was used
    short_name: str | None = None  # why the query is the candidate's exchange short name
    unlisted: bool = False  # the query has a listing marker; the registry records no listing
    group_characters: str | None = None  # a Han query agrees with the group's Han name


@dataclass(slots=True)
class IdentifierEvidence:
    """The identifiers of a query and a candidate, side by side."""

    query: list[Identifier]
    candidate: list[Identifier]
    query_countries: list[str]
    candidate_countries: list[str]
    query_marker: str = ""  # exchange short-name markers on the query name (-UW, *ST)


@dataclass(frozen=True, slots=True)
class Feature(Generic[T]):
    """One row of a feature table: the function, its kind, and (derived once, as the scorer
    runs every row for every candidate) its name and its docstring as one line."""

    func: Callable[[T], tuple[float, str] | None]
    kind: Kind
    name: str = field(init=False)
    description: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.func.__name__)
        object.__setattr__(self, "description", " ".join((self.func.__doc__ or "").split()))


# --- name features -------------------------------------------------------------------------


def name_exact(pair: NamePair) -> tuple[float, str] | None:
    """The names are the same once case, script variants, legal forms and share classes are
    set aside."""
    if pair.comparison.exact:
        return 1.0, f"{pair.query_name!r} = {pair.candidate_name!r}"
    return None


def trade_name_match(pair: NamePair) -> tuple[float, str] | None:
    """The distinctive part of the names (the trade name, without places, line of business
    or legal form) agrees; rare words count more than common ones. Short of an exact name,
    the score stays below 1 so that the fuller agreement ranks first."""
    cmp = pair.comparison
    if cmp.core <= 0 or cmp.acronym:
        return None
    how = {"latin": "words", "han": "characters", "cross": "pinyin"}[cmp.mode]
    return cmp.core * 0.92, f"{how}: {cmp.detail}"


def acronym_match(pair: NamePair) -> tuple[float, str] | None:
    """The query is the initials of the candidate's name (CETC for China Electronics
    Technology Group Corporation). Initials are ambiguous, so this alone only supports
    review; a full name is never matched to a list's acronym alias by its initials."""
    if pair.comparison.acronym:
        return 0.85, pair.comparison.detail
    return None


def place_match(pair: NamePair) -> tuple[float, str] | None:
    """Both names carry the same Chinese place (Hangzhou, 深圳)."""
    return (0.04, "same place in both names") if pair.comparison.places > 0 else None


def place_mismatch(pair: NamePair) -> tuple[float, str] | None:
    """The names carry different places: companies in different cities often share a trade
    name (沧州大化 and 浙江大华 are unrelated)."""
    return (-0.35, "different places in the names") if pair.comparison.places < 0 else None


def business_match(pair: NamePair) -> tuple[float, str] | None:
    """Both names describe the same line of business (technology, 科技)."""
    return (0.04, "same line of business") if pair.comparison.business > 0 else None


def business_mismatch(pair: NamePair) -> tuple[float, str] | None:
    """The names describe different lines of business (manufacturing against technology):
    evidence of two different companies with the same trade name."""
    if pair.comparison.business < 0:
        return -0.3, "different lines of business in the names"
    return None


def description_differs(pair: NamePair) -> tuple[float, str] | None:
    """The trade names agree but the names describe the company in different words
    ("Hikvision Digital Technology" and "Hikvision System Technology", "Dahua Vision
    Technology" and "Dahua Technology"): often two companies of one group. Each such word
    (two at most) takes 0.02 off, so a name that differs by a word never scores 1 and the
    candidate whose words all agree ranks first."""
    cmp = pair.comparison
    if cmp.exact or cmp.acronym or not cmp.reworded or cmp.core < 0.99:
        return None
    words = cmp.reworded
    return -0.02 * min(len(words), 2), f"the names differ in {', '.join(map(repr, words))}"


def uncorroborated_short_name(pair: NamePair) -> tuple[float, str] | None:
    """The names share only a short trade name (two syllables or characters, like Dahua or
    大华) with nothing else to back it: a candidate for review, not a match. A shared place
    backs it; so does a shared line of business, except where the trade name only agrees
    in pinyin or in part, which needs a place or a specific line of business. When the
    names describe themselves in different words (Dahua Electronics, Dahua Technology), not
    even a review. A coined (non-pinyin) trade name followed by a foreign country or region
    ("DJI Europe B.V.") is read as an affiliate instead; an exchange short name of a listed
    company, as :func:`exchange_short_name`."""
    cmp = pair.comparison
    if (
        pair.short_name
        or cmp.strong
        or cmp.exact
        or cmp.spelled
        or cmp.places > 0
        or cmp.business_specific
    ):
        return None
    if cmp.abroad and cmp.coined and cmp.core >= 0.99 and cmp.business >= 0:
        return None  # a coined brand with a region: "DJI Europe" (see foreign_affiliate)
    if cmp.business > 0 and not cmp.partial and cmp.mode != "cross":
        return None
    if cmp.described_apart:
        return 0.45, "short trade name only; the names describe different businesses"
    return 0.65, "short trade name without a matching place or line of business"


def exchange_short_name(pair: NamePair) -> tuple[float, str] | None:
    """The query is an exchange short name of this listed company: a marker only listed
    companies carry (-W, -SW, -UW; the exchange that uses it), and the company's Chinese
    name less its line of business (商汤－Ｗ for 商汤科技), a trade name no other
    organisation is known to use. The marker backs the short trade name."""
    return (0.0, pair.short_name) if pair.short_name else None


def marker_on_unlisted(pair: NamePair) -> tuple[float, str] | None:
    """The query carries a marker only listed companies have (-W, *ST), but the registry
    records no listing for this company (CETC, Megvii): a short trade name that agrees may
    as well be a listed company's, so this is review at most."""
    if pair.unlisted and not pair.comparison.strong:
        return 0.65, "a listed company's short name; the registry records no listing for this one"
    return None


def pinyin_homophone(pair: NamePair) -> tuple[float, str] | None:
    """A Chinese name met a name known only in Latin script through the reading of a
    two-character trade name: many different names read the same (华纬 and 华为 both read
    "hua wei"), so the characters are needed for a match; pinyin alone is for review."""
    if pair.comparison.homophone and pair.group_characters is None:
        return 0.65, (
            f"only the reading agrees: {pair.comparison.detail}; no Chinese name of the "
            "candidate is on record to compare the characters with"
        )
    return None


def group_characters(pair: NamePair) -> tuple[float, str] | None:
    """A Chinese name met a name known only in Latin script, and its characters agree with
    a Chinese name of the candidate's group whose reading is the candidate's trade name
    ("Dahua Technology USA" and 大华 of Zhejiang Dahua): the reading is backed by the
    characters (a name that differs in them, 大化, is not compared at all)."""
    if pair.group_characters is not None:
        return 0.0, pair.group_characters
    return None


def generic_name_only(pair: NamePair) -> tuple[float, str] | None:
    """The names have no distinctive word, only generic ones ("Digital Technology"); only an
    exact agreement, places included, can make that a match; when each name also has
    generic words the other lacks, not even a review."""
    cmp = pair.comparison
    if cmp.generic_only and not cmp.exact:
        if cmp.nested:
            return 0.6, "only generic words in common"
        return 0.45, "only generic words in common, and each name has generic words the other lacks"
    return None


def distinct_words_differ(pair: NamePair) -> tuple[float, str] | None:
    """The names share words, but the query has a distinctive word the candidate lacks,
    about as rare among real organisation names as the shared ones ("Far East Horizon"
    against "Far East Communication", "Great Wall Motor" against "Great Wall Military"):
    different companies with words in common."""
    cmp = pair.comparison
    if cmp.extra > 0 and cmp.extra >= 0.8 * cmp.shared:
        return 0.45, f"the candidate lacks {' '.join(cmp.missing)!r}"
    return None


def common_trade_name(pair: NamePair) -> tuple[float, str] | None:
    """The names share only a trade name that many unrelated organisations use ("Eastern",
    "East"; counted over real organisation names): a candidate for review, not a match,
    unless a place backs it."""
    cmp = pair.comparison
    if cmp.common and cmp.places <= 0:
        return 0.65, "a trade name many organisations use"
    return None


def everyday_words_only(pair: NamePair) -> tuple[float, str] | None:
    """The names share only everyday English words ("Silk", "Create") that are part of a
    longer trade name of the candidate ("Silk Road BGI", "Sun Create"): another company
    that happens to use a common word, not a candidate even for review."""
    cmp = pair.comparison
    if cmp.mode != "latin" or cmp.exact:
        return None
    query = analyze(pair.query_name).distinct
    candidate = analyze(pair.candidate_name).distinct
    shared = set(query) & set(candidate)
    if shared and set(candidate) - set(query) and is_english(tuple(shared)):
        words = ", ".join(sorted(shared))
        return 0.45, f"only the everyday word(s) {words} of {' '.join(candidate)!r}"
    return None


def short_word_of_longer_name(pair: NamePair) -> tuple[float, str] | None:
    """The query's whole trade name is one short word of up to four letters ("RM", "Firs")
    that is only part of the candidate's longer trade name ("TSKB RM AO", "First
    Machinery"), or two letters that are all the names share ("RT Machinery" and "RT"):
    short words and initials recur across unrelated names, so this is not a candidate even
    for review. (The query as the initials of the candidate's whole name is
    :func:`acronym_match`.)"""
    cmp = pair.comparison
    if cmp.mode != "latin" or cmp.exact or cmp.acronym:
        return None
    query = analyze(pair.query_name).distinct
    candidate = analyze(pair.candidate_name).distinct
    if len(query) != 1 or not query[0].isalpha():
        return None
    if len(candidate) >= 2 and len(query[0]) <= 4:
        return 0.45, f"{query[0]!r} is one short word of {' '.join(candidate)!r}"
    if len(query[0]) <= 2 and candidate == query:  # "RT Machinery" and "RT", "SG World"
        return 0.45, f"only the two letters {query[0]!r} agree"
    return None


def weak_name(pair: NamePair) -> tuple[float, str] | None:
    """The candidate name is a weak alias or a low-confidence rendering: enough for review,
    never for a match on its own."""
    if pair.candidate_kind != NameKind.WEAK:
        return None
    if pair.candidate_source:  # a registry name held at L: say why it cannot match
        return 0.65, (
            f"{pair.candidate_name!r} is a weak alias: {pair.candidate_source} gives the name, "
            "but the research notes do not verify that it names this company"
        )
    return 0.65, f"{pair.candidate_name!r} is a weak alias (short or generic on its list)"


def brand_name(pair: NamePair) -> tuple[float, str] | None:
    """The query names a brand or OEM label that this company sells under."""
    if pair.candidate_kind == NameKind.BRAND:
        source = f" (source {pair.candidate_source})" if pair.candidate_source else ""
        return 0.0, f"{pair.candidate_name} is a brand of this company{source}"
    return None


def several_names(pair: NamePair) -> tuple[float, str] | None:
    """The query holds several names (a company and its brand, or two spellings:
    "Hikvision (EZVIZ)", "SenseTime / 商汤"), and is scored on its best part."""
    if pair.whole_query:
        return 0.0, f"scored on {pair.query_name!r}, one of the names in {pair.whole_query!r}"
    return None


def two_names(pair: NamePair) -> tuple[float, str] | None:
    """The query is two names of this company side by side ("Megvii Face++": the company
    and its product), each a match on its own; it is scored on the better one."""
    return None  # decided by the matcher, which tries both halves (see match/parts.py)


TWO_NAMES: Feature[NamePair] = Feature(two_names, "qualifier")


def former_name(pair: NamePair) -> tuple[float, str] | None:
    """The query agrees with a name this company used before; it is known by another name
    now."""
    if pair.candidate_kind == NameKind.FORMER:
        when = f" ({pair.candidate_note})" if pair.candidate_note else ""
        return 0.0, f"{pair.candidate_name!r} is a former name{when}"
    return None


NAME_FEATURES: tuple[Feature[NamePair], ...] = (
    Feature(name_exact, "main"),
    Feature(trade_name_match, "main"),
    Feature(acronym_match, "main"),
    Feature(place_match, "qualifier"),
    Feature(place_mismatch, "qualifier"),
    Feature(business_match, "qualifier"),
    Feature(business_mismatch, "qualifier"),
    Feature(description_differs, "qualifier"),
    Feature(brand_name, "qualifier"),
    Feature(several_names, "qualifier"),
    Feature(former_name, "qualifier"),
    Feature(exchange_short_name, "qualifier"),
    Feature(group_characters, "qualifier"),
    Feature(uncorroborated_short_name, "cap"),
    Feature(marker_on_unlisted, "cap"),
    Feature(generic_name_only, "cap"),
    Feature(pinyin_homophone, "cap"),
    Feature(distinct_words_differ, "cap"),
    Feature(common_trade_name, "cap"),
    Feature(everyday_words_only, "cap"),
    Feature(short_word_of_longer_name, "cap"),
    Feature(weak_name, "cap"),
)


def foreign_affiliate(pair: NamePair) -> tuple[float, str] | None:
    """A foreign affiliate named after this company: its trade name with a country or
    region the company is not tied to ("Hikvision USA Inc.", "DJI Europe B.V."). Routed as
    an affiliate: flagged where a listing covers subsidiaries and affiliates or the registry
    records the subsidiary, otherwise for review."""
    return None  # decided by the matcher with the query's countries (see match/affiliate.py)


FOREIGN_AFFILIATE: Feature[NamePair] = Feature(foreign_affiliate, "qualifier")


__all__ = [
    "FOREIGN_AFFILIATE",
    "NAME_FEATURES",
    "TWO_NAMES",
    "Feature",
    "IdentifierEvidence",
    "Kind",
    "NamePair",
]

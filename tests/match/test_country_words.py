"""Country and region words in a query rank the candidate that carries them first.

"Hikvision USA", "Hikvision Europe" and the parent share the trade name and often the
score: the one whose name names the query's country (or a region that takes it in) and whose
incorporation agrees ranks first; a candidate named after another country ranks last. Two
words for one country are one word ("US" is "USA"); a country is not its region.
"""

from __future__ import annotations

import pytest

from countersight.match.affiliate import country_fit, territory
from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.types import MatchResult, Query
from countersight.sources.registry import load


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(MatchIndex.build(load().entities))


def _ranked(matcher: Matcher, name: str, country: str = "") -> list[MatchResult]:
    query = Query.build([name], country=[country] if country else [])
    return matcher.match(query, limit=5)


@pytest.mark.parametrize(
    ("name", "country", "first", "route"),
    [
        # The country word names the recorded subsidiary: that subsidiary, directly.
        ("Hikvision US", "", "cs-hikvision-usa", "direct"),
        ("Hytera USA Inc", "", "cs-hytera-us", "direct"),
        ("Hikvision Canada", "", "cs-hikvision-canada", "direct"),
        # Held out while the rule was written:
        ("Dahua Technology America", "", "cs-dahua-usa", "direct"),
        ("Hikvision Inc.", "US", "cs-hikvision-usa", "direct"),
        # A country inside a recorded subsidiary's region: an affiliate, that one first.
        ("Hikvision Netherlands", "", "cs-hikvision-europe", "affiliate"),
        ("BGI USA", "", "cs-bgi-americas", "affiliate"),
        ("Hikvision UK Ltd", "", "cs-hikvision-europe", "affiliate"),
        # No recorded subsidiary for the country: the parent, not a sibling named elsewhere.
        ("Hikvision Australia Pty Ltd", "AU", "cs-hikvision", "affiliate"),
        ("Hikvision Deutschland GmbH", "DE", "cs-hikvision-europe", "affiliate"),
    ],
)
def test_the_candidate_with_the_query_country_ranks_first(
    matcher: Matcher, name: str, country: str, first: str, route: str
) -> None:
    results = _ranked(matcher, name, country)
    assert results
    assert (results[0].entity_id, results[0].route) == (first, route)


def test_siblings_named_after_other_countries_rank_below_the_parent(matcher: Matcher) -> None:
    ids = [r.entity_id for r in _ranked(matcher, "Hikvision Australia Pty Ltd", "AU")]
    assert ids.index("cs-hikvision") < ids.index("cs-hikvision-canada")


def test_no_country_word_prefers_the_parent(matcher: Matcher) -> None:
    results = _ranked(matcher, "Hikvision Digital Technology")
    assert results[0].entity_id == "cs-hikvision"
    named_abroad = [r.entity_id for r in results if r.entity_id.startswith("cs-hikvision-")]
    assert "cs-hikvision-system" in named_abroad
    assert named_abroad.index("cs-hikvision-system") < named_abroad.index("cs-hikvision-canada")


def test_country_words_do_not_make_an_unrelated_company_match(matcher: Matcher) -> None:
    # Hard negatives: a shared country word is no evidence of identity.
    for name in ("Sensata Technologies USA", "Dahua Securities Europe", "Huatai Securities USA"):
        results = _ranked(matcher, name)
        assert not any(r.match for r in results), name


def test_territory_and_fit() -> None:
    assert territory(["usa"]) == territory(["us"]) == territory(["america"]) == {"us"}
    assert "nl" in territory(["europe"])
    assert territory(["china"]) == frozenset()
    # query words, query countries, candidate name words, candidate countries
    assert country_fit(["netherlands"], [], ["europe"], ["nl"]) == 2
    assert country_fit(["us"], [], ["usa"], ["us"]) == 3
    assert country_fit(["netherlands"], [], [], ["cn"]) == 0
    assert country_fit(["netherlands"], [], ["usa"], ["us"]) == -2
    assert country_fit([], [], ["usa"], ["us"]) == -1
    assert country_fit([], [], [], ["cn"]) == 0
    assert country_fit([], ["cn"], ["china"], ["cn"]) == 0  # China never counts

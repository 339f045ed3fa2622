"""Exchange short names that drop the line of business (商汤－Ｗ for 商汤科技), their markers
as the exchanges define them, and the look-alikes that must not flag."""

from __future__ import annotations

import pytest

from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.short_names import distinctive_han_core, listed_where, marker_fits
from countersight.match.types import MatchResult, Query
from countersight.model import Entity, Identifier, IdScheme, Name, NameKind, Schema
from countersight.normalize.chinese import (
    marker_exchanges,
    strip_security_markers,
    suffix_marker,
)
from countersight.normalize.lexicon import ZH_SECURITY_SUFFIXES
from countersight.sources.registry import load


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(MatchIndex.build(load().entities))


def _top(matcher: Matcher, name: str) -> MatchResult | None:
    results = matcher.match(Query.build([name]), limit=1, cutoff=0.0)
    return results[0] if results else None


def _verdict(matcher: Matcher, name: str) -> tuple[str | None, str]:
    top = _top(matcher, name)
    if top is None or top.score < matcher.thresholds.review:
        return None, "clear"
    return top.entity_id, "match" if top.match else "review"


def _detail(result: MatchResult | None, feature: str) -> str | None:
    found = [f.detail for f in result.features if f.name == feature] if result else []
    return found[0] if found else None


# --- the marker table -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "marker"),
    [
        ("商汤－Ｗ", "商汤", "-W"),  # HKEX 0020, weighted voting rights
        ("小米集团－Ｗ", "小米集团", "-W"),
        ("百度集团－ＳＷ", "百度集团", "-SW"),  # secondary listing with weighted voting rights
        ("百度集团－ＳＷＲ", "百度集团", "-SWR"),  # its RMB counter
        ("商汤－ＷＲ", "商汤", "-WR"),
        ("晶泰控股－Ｐ", "晶泰控股", "-P"),  # pre-commercial specialist technology company
        ("九号公司-WD", "九号公司", "-WD"),
        ("商汤–W", "商汤", "-W"),  # an en dash for the hyphen
    ],
)
def test_hkex_markers_and_full_width_forms_are_stripped(raw: str, name: str, marker: str) -> None:
    assert strip_security_markers(raw) == (name, marker)


def test_every_suffix_marker_of_the_table_is_stripped_in_both_widths() -> None:
    for suffix in ZH_SECURITY_SUFFIXES:
        wide = "".join(chr(ord(c) + 0xFEE0) for c in suffix)
        assert strip_security_markers(f"商汤-{suffix}") == ("商汤", f"-{suffix}")
        assert strip_security_markers(f"商汤－{wide}") == ("商汤", f"-{suffix}")


def test_a_marker_names_the_exchanges_that_use_it() -> None:
    assert marker_exchanges("SW") == ("HK",)
    assert "SH" in marker_exchanges("UW")
    assert "HK" not in marker_exchanges("UW")
    assert marker_exchanges("W") == ()  # HKEX and the mainland boards
    assert suffix_marker("N-U") == "U"
    assert suffix_marker("*ST") == ""


def test_a_listing_is_read_from_tickers_or_an_isin() -> None:
    hk = [Identifier(IdScheme.TICKER, "HK:20")]
    assert listed_where(hk) == frozenset({"HK"})
    assert listed_where([Identifier(IdScheme.ISIN, "CNE100000PM8")]) == frozenset()
    assert listed_where([]) is None
    assert marker_fits("SW", frozenset({"HK"}))
    assert not marker_fits("SW", frozenset({"SH"}))
    assert marker_fits("W", frozenset({"SH"}))
    assert marker_fits("SW", frozenset())


def test_distinctive_cores_come_from_the_real_name_table() -> None:
    one = lambda key: 1  # noqa: E731 - only the candidate holds the key
    assert distinctive_han_core("商汤", "shangtang", one)
    assert not distinctive_han_core("大华", "dahua", one)  # two organisations read "dahua"
    assert not distinctive_han_core("宏达", "hongda", one)
    assert not distinctive_han_core("商汤", "shangtang", lambda key: 2)  # another holds it
    assert not distinctive_han_core("汤", "tang", one)


# --- the rule on the registry -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "why"),
    [
        ("商汤-W", "cs-sensetime", "exchange short name: marker -W, core 商汤 of 商汤科技"),
        ("商湯－Ｗ", "cs-sensetime", "exchange short name: marker -W, core 商汤 of 商汤科技"),
        ("商汤－ＷＲ", "cs-sensetime", "exchange short name: marker -WR, core 商汤 of 商汤科技"),
        ("云从-UW", "cs-cloudwalk", "exchange short name: marker -UW, core 云从 of 云从科技"),
        ("云从-U", "cs-cloudwalk", "exchange short name: marker -U, core 云从 of 云从科技"),
    ],
)
def test_a_marked_short_name_of_a_listed_company_matches_and_says_why(
    matcher: Matcher, name: str, expected: str, why: str
) -> None:
    top = _top(matcher, name)
    assert top is not None
    assert (top.entity_id, top.match) == (expected, True)
    assert _detail(top, "exchange_short_name") == why


@pytest.mark.parametrize(("name", "entity"), [("商汤", "cs-sensetime"), ("云从", "cs-cloudwalk")])
def test_without_the_marker_the_short_name_stays_review(
    matcher: Matcher, name: str, entity: str
) -> None:
    assert _verdict(matcher, name) == (entity, "review")


@pytest.mark.parametrize(
    "name",
    [
        "云从-SW",  # an HKEX marker; CloudWalk is listed in Shanghai only
        "旷视-W",  # Megvii is not listed
        "*ST曙光",  # a prefix marker: 曙光股份's whole short name, not 曙光信息产业
    ],
)
def test_a_marker_that_does_not_fit_the_candidate_leaves_review(
    matcher: Matcher, name: str
) -> None:
    top = _top(matcher, name)
    assert _verdict(matcher, name)[1] == "review"
    assert _detail(top, "exchange_short_name") is None


@pytest.mark.parametrize(
    "name",
    [
        "小米集团－Ｗ",
        "美团－Ｗ",
        "快手－Ｗ",
        "百度集团－ＳＷ",
        "阿里巴巴－ＳＷ",
        "京东集团－ＳＷ",
        "蔚来－ＳＷ",
    ],
)
def test_hkex_short_names_of_unrelated_companies_flag_nothing(matcher: Matcher, name: str) -> None:
    assert _verdict(matcher, name) == (None, "clear")


@pytest.mark.parametrize("name", ["华纬-W", "华为-W", "大化-W", "华纬－ＳＷ"])
def test_homophones_with_markers_are_decided_by_the_characters(matcher: Matcher, name: str) -> None:
    assert _verdict(matcher, name)[1] != "match"


# --- common cores, with real listed companies -------------------------------------------


def _listed(entity_id: str, name: str, ticker: str) -> Entity:
    return Entity(
        entity_id,
        Schema.COMPANY,
        [Name(name, NameKind.PRIMARY)],
        identifiers=[Identifier(IdScheme.TICKER, ticker)],
        countries=["cn"],
    )


@pytest.fixture(scope="module")
def common() -> Matcher:
    return Matcher(
        MatchIndex.build(
            [
                _listed("dongfang-electric", "东方电气股份有限公司", "SH:600875"),
                _listed("eastcom", "东方通信股份有限公司", "SH:600776"),
                _listed("huatai-securities", "华泰证券股份有限公司", "SH:601688"),
                _listed("huatai-paper", "山东华泰纸业股份有限公司", "SH:600308"),
                _listed("sensetime", "商汤科技", "HK:20"),
            ]
        )
    )


@pytest.mark.parametrize("name", ["东方-W", "华泰-W", "东方－ＳＷ"])
def test_a_core_several_listed_companies_share_never_matches_this_way(
    common: Matcher, name: str
) -> None:
    top = _top(common, name)
    assert top is None or not top.match
    assert _detail(top, "exchange_short_name") is None


def test_a_distinctive_core_among_them_still_matches(common: Matcher) -> None:
    top = _top(common, "商汤－Ｗ")
    assert top is not None
    assert (top.entity_id, top.match) == ("sensetime", True)
    assert _detail(top, "exchange_short_name") == (
        "exchange short name: marker -W, core 商汤 of 商汤科技"
    )


def test_a_marked_short_name_is_no_match_for_a_company_with_no_recorded_listing(
    matcher: Matcher,
) -> None:
    # 电科 is CETC's own short name (中国电科), but CETC itself is not listed: with a marker
    # the query names a listed company, which may as well be 电科数字 or 电科网安.
    assert _verdict(matcher, "电科") == ("cs-cetc", "match")
    top = _top(matcher, "电科-W")
    assert _verdict(matcher, "电科-W")[1] == "review"
    assert _detail(top, "marker_on_unlisted") is not None

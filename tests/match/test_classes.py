"""The classes of real names that issue 12 makes the matcher get right, each with hard
negatives: homophones across scripts, common trade names, foreign affiliates, offshore
incorporation, exchange markers, former names, several names in one query."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.parts import halves, parts
from countersight.match.rarity import count, phrase_rarities
from countersight.match.types import MatchResult, Query
from countersight.model import REGISTRY_DATASET, Entity, Lang, Name, NameKind, Schema
from countersight.normalize.chinese import strip_security_markers
from countersight.normalize.names import analyze
from countersight.sources.registry import load


@pytest.fixture(scope="module")
def registry() -> list[Entity]:
    return load().entities


@pytest.fixture(scope="module")
def matcher(registry: list[Entity]) -> Matcher:
    return Matcher(MatchIndex.build(registry))


def _top(matcher: Matcher, name: str, country: str = "") -> MatchResult | None:
    query = Query.build([name], country=[country] if country else [])
    results = matcher.match(query, limit=1, cutoff=0.0)
    return results[0] if results else None


def _verdict(matcher: Matcher, name: str, country: str = "") -> tuple[str | None, str]:
    top = _top(matcher, name, country)
    if top is None or top.score < matcher.thresholds.review:
        return None, "clear"
    return top.entity_id, "match" if top.match else "review"


def _features(result: MatchResult | None) -> set[str]:
    return {f.name for f in result.features} if result else set()


# --- 1. homophones across scripts ------------------------------------------------------------


@pytest.mark.parametrize("name", ["华纬科技", "华纬科技股份有限公司", "达华智能", "沧州大化集团"])
def test_a_chinese_homophone_never_matches(matcher: Matcher, name: str) -> None:
    assert _verdict(matcher, name)[1] != "match"


def test_pinyin_alone_is_review_for_a_chinese_query_against_a_latin_only_name(
    matcher: Matcher,
) -> None:
    top = _top(matcher, "华纬科技")
    assert top is not None
    assert top.entity_id == "cs-huawei"
    assert not top.match
    assert "pinyin_homophone" in _features(top)


def test_the_characters_decide_once_the_candidate_has_them(registry: list[Entity]) -> None:
    huawei = next(e for e in registry if e.id == "cs-huawei")
    with_han = replace(
        huawei, names=[*huawei.names, Name("华为技术有限公司", NameKind.ALIAS, Lang.ZH_HANS)]
    )
    matcher = Matcher(MatchIndex.build([with_han]))
    assert _verdict(matcher, "华为技术有限公司") == ("cs-huawei", "match")
    assert _verdict(matcher, "华纬科技") == (None, "clear")


def test_a_pinyin_query_still_bridges_to_chinese_names(matcher: Matcher) -> None:
    assert _verdict(matcher, "Hangzhou Haikang Weishi Shuzi Jishu") == ("cs-hikvision", "match")


# --- 2. generic multi-word trade names -------------------------------------------------------


def test_the_frequency_table_knows_common_words_and_phrases() -> None:
    assert count("east") > count("hikvision")
    far, east = phrase_rarities(("far", "east"))
    assert east < 0.2 < far  # "East" after "Far" adds little: the phrase is one thing


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("FAR EAST HORIZON LTD", "HK"),
        ("Far East Horizon Limited", ""),
        ("Far East Consortium International Ltd", "HK"),
        ("JOINT STOCK COMPANY FAR EAST AND ARCTIC DEVELOPMENT CORPORATION", "RU"),
    ],
)
def test_far_east_names_do_not_flag_hebei_far_east(
    matcher: Matcher, name: str, country: str
) -> None:
    assert _verdict(matcher, name, country)[1] == "clear"


def test_the_real_hebei_far_east_still_matches(matcher: Matcher) -> None:
    assert _verdict(matcher, "Hebei Far East Communication") == ("cs-hbfec", "match")


@pytest.mark.parametrize(
    "name",
    [
        "Huatai Securities Co Ltd",
        "华泰证券",
        "Hongda Xingye Co Ltd",
        "宏达股份",
        "Tiandi Science & Technology Co Ltd",
        "天地科技",
        "东方电气",
        "Dahua Electronics Corporation",
    ],
)
def test_common_chinese_trade_names_are_never_matches(matcher: Matcher, name: str) -> None:
    assert _verdict(matcher, name)[1] != "match"


def test_extra_distinctive_word_is_explained(matcher: Matcher) -> None:
    top = _top(matcher, "FAR EAST HORIZON LTD")
    assert top is not None
    assert "distinct_words_differ" in _features(top)


# --- 3. foreign affiliates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        # Hikvision USA and Hikvision Canada are in the registry; Hikvision Australia is not.
        ("Hikvision Australia Pty Ltd", "AU", "cs-hikvision"),
        ("Dahua Technology UK Ltd", "GB", "cs-dahua"),
        ("Huawei Technologies (UK) Co. Ltd", "GB", "cs-huawei"),
        ("DJI Europe B.V.", "NL", "cs-dji"),
        # Germany is in Hikvision Europe B.V.'s region: it ranks before the parent.
        ("Hikvision Deutschland GmbH", "DE", "cs-hikvision-europe"),
    ],
)
def test_a_foreign_affiliate_routes_as_affiliate(
    matcher: Matcher, name: str, country: str, expected: str
) -> None:
    top = _top(matcher, name, country)
    assert top is not None
    assert (top.entity_id, top.match, top.route) == (
        expected,
        True,
        "affiliate",
    )
    explained = [f.detail for f in top.features if f.name == "foreign_affiliate"]
    assert explained
    assert explained[0].startswith("a foreign affiliate named after")
    assert "country_mismatch" not in _features(top)


def test_a_country_column_alone_is_an_affiliate_for_review(matcher: Matcher) -> None:
    top = _top(matcher, "EZVIZ Inc.", "US")
    assert top is not None
    # EZVIZ Network (Hikvision's subsidiary) is in the registry beside the EZVIZ brand.
    assert top.entity_id in {"cs-ezviz", "cs-hikvision"}
    assert top.route == "affiliate"
    assert top.review


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Sensata Technologies Inc", "US"),
        ("Dahua Securities Co Ltd", "CN"),
        ("Megmeet USA Inc", "US"),
        ("NetApp UK Ltd", "GB"),
        ("CloudWalk Inc", "BR"),
    ],
)
def test_sharing_a_word_does_not_make_an_affiliate(
    matcher: Matcher, name: str, country: str
) -> None:
    assert _verdict(matcher, name, country)[1] != "match"


def test_a_recorded_subsidiary_wins_over_the_inference(registry: list[Entity]) -> None:
    sold = Entity(
        "cs-test-dahua-usa",
        Schema.COMPANY,
        [Name("Dahua Technology USA Inc.", NameKind.PRIMARY)],
        countries=["us"],
        datasets=[REGISTRY_DATASET],
    )
    matcher = Matcher(MatchIndex.build([*registry, sold]))
    results = matcher.match(Query.build(["Dahua Technology USA Inc."], country=["US"]))
    # The registry now records Dahua Technology USA itself (cs-dahua-usa).
    assert results[0].entity_id in {"cs-test-dahua-usa", "cs-dahua-usa"}
    assert all(r.route != "affiliate" for r in results)


# --- 4. incorporation vs operations ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("SenseTime Group Inc.", "KY", "cs-sensetime"),
        ("Yitu Limited", "KY", "cs-yitu"),
        ("SenseTime Group Limited", "HK", "cs-sensetime"),
        ("Leon Technology Co Ltd", "BM", "cs-leon"),
    ],
)
def test_offshore_incorporation_is_no_country_conflict(
    matcher: Matcher, name: str, country: str, expected: str
) -> None:
    top = _top(matcher, name, country)
    assert top is not None
    assert (top.entity_id, top.match) == (expected, True)
    assert "country_mismatch" not in _features(top)
    if country.lower() not in tied_to(matcher, expected):
        assert "offshore_incorporation" in _features(top)


def tied_to(matcher: Matcher, entity_id: str) -> list[str]:
    """The countries an entity is tied to (no conflict to explain when the query's is one)."""
    return next(e.countries for e in matcher.index.entities if e.id == entity_id)


def test_an_onshore_foreign_country_is_still_a_conflict(matcher: Matcher) -> None:
    top = _top(matcher, "Yitu Limited", "BR")
    assert top is not None
    assert not top.match


def test_a_list_record_with_an_offshore_address_meets_a_chinese_query() -> None:
    record = Entity(
        "ofac-33893", Schema.COMPANY, [Name("YITU LIMITED", NameKind.PRIMARY)], countries=["ky"]
    )
    matcher = Matcher(MatchIndex.build([record]))
    assert _verdict(matcher, "Yitu Limited", "CN") == ("ofac-33893", "match")


# --- 5. exchange short-name markers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "marker"),
    [
        ("云从科技-UW", "云从科技", "-UW"),
        ("云从科技－ＵＷ", "云从科技", "-UW"),
        ("*ST曙光", "曙光", "*ST"),
        ("XD海康威", "海康威", "XD"),
        ("N云天励飞-U", "云天励飞", "N-U"),
        ("格灵深瞳-WD", "格灵深瞳", "-WD"),
    ],
)
def test_markers_are_stripped_as_the_exchanges_define_them(
    raw: str, name: str, marker: str
) -> None:
    assert strip_security_markers(raw) == (name, marker)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("云从科技-UW", "cs-cloudwalk"), ("XD海康威", "cs-hikvision"), ("格灵深瞳-U", "cs-geling")],
)
def test_a_marked_short_name_matches_and_says_it_is_listed(
    matcher: Matcher, name: str, expected: str
) -> None:
    top = _top(matcher, name)
    assert top is not None
    assert (top.entity_id, top.match) == (expected, True)
    assert "listed_marker" in _features(top)


@pytest.mark.parametrize("name", ["*ST曙光", "XD科达制"])
def test_a_marker_never_lifts_a_look_alike(matcher: Matcher, name: str) -> None:
    assert _verdict(matcher, name)[1] != "match"


# --- 6. former names -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed() -> Matcher:
    avic = Entity(  # OFAC NS-CMIC 32053, with the former name OFAC gives
        "ofac-32053",
        Schema.COMPANY,
        [
            Name("AVIC HEAVY MACHINERY COMPANY LIMITED", NameKind.PRIMARY),
            Name("GUIZHOU LIYUAN HYDRAULIC CO., LTD.", NameKind.FORMER),
        ],
        countries=["cn"],
    )
    return Matcher(MatchIndex.build([avic]))


def test_found_by_its_former_name_and_told_so(renamed: Matcher) -> None:
    top = _top(renamed, "Guizhou Liyuan Hydraulic Co., Ltd.")
    assert top is not None
    assert top.match
    assert [f.detail for f in top.features if f.name == "former_name"] == [
        "'GUIZHOU LIYUAN HYDRAULIC CO., LTD.' is a former name"
    ]


def test_found_by_its_current_name_without_a_former_name_note(renamed: Matcher) -> None:
    top = _top(renamed, "AVIC Heavy Machinery Co Ltd")
    assert top is not None
    assert top.match
    assert "former_name" not in _features(top)


def test_a_dated_former_name_says_when() -> None:
    name = Name("美亚柏科", NameKind.FORMER, Lang.ZH_HANS)
    if not hasattr(name, "end"):
        pytest.skip("names carry no dates in this registry schema")
    changes: dict[str, Any] = {"end": "2023"}  # dated names come with the registry schema
    dated = replace(name, **changes)
    entity = Entity("cs-x", Schema.COMPANY, [Name("国投智能", NameKind.PRIMARY), dated])
    top = _top(Matcher(MatchIndex.build([entity])), "美亚柏科")
    assert top is not None
    assert any("used until 2023" in f.detail for f in top.features if f.name == "former_name")


# --- 7. several names in one query -----------------------------------------------------------


def test_parts_and_halves_of_a_query() -> None:
    assert parts("Hikvision (EZVIZ)") == ("Hikvision", "EZVIZ")
    assert parts("SenseTime / 商汤") == ("SenseTime", "商汤")
    assert parts("Huawei Technologies (UK) Co. Ltd") == ()  # a bracketed country stays
    assert halves("Megvii Face++") == [("Megvii", "Face++")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Megvii Face++", "cs-megvii"),
        ("Hikvision (EZVIZ)", "cs-hikvision"),
        ("iFLYTEK / 科大讯飞", "cs-iflytek"),
        ("Sugon (Dawning Information Industry)", "cs-dawning"),
    ],
)
def test_several_names_are_scored_on_the_best_part(
    matcher: Matcher, name: str, expected: str
) -> None:
    top = _top(matcher, name)
    assert top is not None
    assert (top.entity_id, top.match) == (expected, True)
    assert _features(top) & {"several_names", "two_names", "name_exact"}


@pytest.mark.parametrize("name", ["Cloudflare / Cloudinary", "Sensata Technologies (Sensata)"])
def test_several_unrelated_names_stay_clear(matcher: Matcher, name: str) -> None:
    assert _verdict(matcher, name)[1] != "match"


def test_dotted_initials_are_one_word() -> None:
    assert analyze("DJI Europe B.V.").distinct == ("dji",)
    assert analyze("Tongfang R.I.A. Co., Ltd.").distinct == ("tongfang", "ria")

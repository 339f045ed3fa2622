"""The matcher on the embedded registry: a golden table of match / review / no-match cases,
plus the properties the scorer promises (explanations, identifiers decide, thresholds)."""

from __future__ import annotations

import pytest

from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.types import Query
from countersight.sources.registry import load


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(MatchIndex.build(load().entities))


def _top(matcher: Matcher, query: Query) -> tuple[str | None, str]:
    results = matcher.match(query, limit=1)
    if not results:
        return None, "clear"
    top = results[0]
    return top.entity_id, "match" if top.match else "review"


MATCHES = [
    # fund files
    ("HANGZHOU HIKVISION DIGITAL TE-A", "cs-hikvision"),
    ("ZHEJIANG DAHUA TECHNOLOGY CO-A", "cs-dahua"),
    ("IFLYTEK CO LTD-A", "cs-iflytek"),
    ("SENSETIME GROUP INC-CL B", "cs-sensetime"),
    ("XIAMEN MEIYA PICO INFORMATI-A", "cs-meiya-pico"),
    ("DAWNING INFORMATION INDUSTR-A", "cs-dawning"),
    # suppliers
    ("Hikvision Digital Technology Co., Ltd.", "cs-hikvision"),
    ("Hik Vision", "cs-hikvision"),
    ("Dahua Technology USA Inc.", "cs-dahua-usa"),
    ("SZ DJI Technology Co., Ltd.", "cs-dji"),
    # Chinese, traditional, full-width
    ("杭州海康威视数字技术股份有限公司", "cs-hikvision"),
    ("海康威视", "cs-hikvision"),
    ("大华股份", "cs-dahua"),
    ("商湯科技", "cs-sensetime"),  # 商汤-W left the registry: no source gave it
    ("曠視科技", "cs-megvii"),
    ("ＨＩＫＶＩＳＩＯＮ", "cs-hikvision"),
    ("中科曙光", "cs-dawning"),
    # pinyin
    ("Haikang Weishi", "cs-hikvision"),
    ("Hangzhou Haikang Weishi Shuzi Jishu", "cs-hikvision"),
    ("Kuangshi Keji", "cs-megvii"),
    ("Zhejiang Dahua Jishu", "cs-dahua"),
    # brands and acronyms
    ("EZVIZ Inc.", "cs-hikvision"),
    ("Face++", "cs-megvii"),
    ("CETC", "cs-cetc"),
    ("China Electronics Technology Group Corporation", "cs-cetc"),
]


@pytest.mark.parametrize(("name", "expected"), MATCHES)
def test_matches(matcher: Matcher, name: str, expected: str) -> None:
    assert _top(matcher, Query.build([name])) == (expected, "match")


NOT_MATCHES = [
    # Look-alike listed companies: never a match; review at most.
    "沧州大化股份有限公司",
    "大华银行",
    "科达制造",
    "易鑫集团",
    "美亚光电",
    "杭州立昂微电子股份有限公司",
    "曙光股份",
    "科大智能科技股份有限公司",
    "天地科技",
    "华微电子",
    "Sensata Technologies Holding PLC",
    "Hikma Pharmaceuticals PLC",
    "Yixin Group Ltd",
    "Keda Industrial Group Co Ltd",
    "Cangzhou Dahua Co Ltd",
    "Flytech Technology Co Ltd",
    "Hangzhou Digital Technology Co",
    "Dahua",
]


@pytest.mark.parametrize("name", NOT_MATCHES)
def test_look_alikes_are_never_matches(matcher: Matcher, name: str) -> None:
    _, status = _top(matcher, Query.build([name]))
    assert status != "match"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dahua", "cs-dahua"),
        ("Yixin Group Ltd", "cs-yixin"),
        ("科达制造", "cs-keda"),
    ],
)
def test_ambiguous_short_names_go_to_review(matcher: Matcher, name: str, expected: str) -> None:
    assert _top(matcher, Query.build([name])) == (expected, "review")


def test_sensata_is_not_even_reviewed(matcher: Matcher) -> None:
    assert _top(matcher, Query.build(["Sensata Technologies"])) == (None, "clear")


def test_identifier_decides(matcher: Matcher) -> None:
    query = Query.build(["Some Holding Row"], isin=["CNE100000PM8"])
    (top,) = matcher.match(query, limit=1)
    assert top.entity_id == "cs-hikvision"
    assert top.match
    assert top.features[0].name == "identifier_match"


def test_conflicting_uscc_prevents_a_match(matcher: Matcher) -> None:
    query = Query.build(
        ["Hangzhou Hikvision Digital Technology Co., Ltd."], uscc=["91340100610301549Y"]
    )  # a valid code of another company
    top = matcher.match(query, limit=1, cutoff=0.0)[0]
    assert top.entity_id == "cs-hikvision"
    assert not top.match
    assert any(f.name == "identifier_conflict" for f in top.features)


def test_conflicting_isin_is_review_not_match(matcher: Matcher) -> None:
    query = Query.build(["HANGZHOU HIKVISION DIGITAL TE-A"], isin=["US0378331005"])
    # Hikvision's foreign subsidiaries (no ISIN) share the trade name and may rank above it;
    # screening treats them as relatives of the exactly named candidate (for review).
    hik = next(r for r in matcher.match(query, limit=5) if r.entity_id == "cs-hikvision")
    assert (hik.match, hik.review) == (False, True)


def test_country_mismatch_turns_a_namesake_to_review(matcher: Matcher) -> None:
    query = Query.build(["CloudWalk Inc"], country=["BR"])
    top = matcher.match(query, limit=1, cutoff=0.0)[0]
    assert top.entity_id == "cs-cloudwalk"
    assert not top.match


def test_every_result_explains_itself(matcher: Matcher) -> None:
    for name, _ in MATCHES:
        top = matcher.match(Query.build([name]), limit=1)[0]
        assert top.features
        assert all(f.description for f in top.features)
        assert 0.0 <= top.score <= 1.0


def test_brand_result_carries_the_brand(matcher: Matcher) -> None:
    top = matcher.match(Query.build(["EZVIZ"]), limit=1)[0]
    assert top.via_brand == "EZVIZ"


def test_batch_equals_single(matcher: Matcher) -> None:
    queries = [Query.build([name]) for name, _ in MATCHES] * 3
    batch = matcher.match_many(queries, limit=3)
    single = [matcher.match(q, limit=3) for q in queries]
    assert [[r.entity_id for r in rs] for rs in batch] == [
        [r.entity_id for r in rs] for rs in single
    ]


def test_batch_in_two_processes_equals_single(matcher: Matcher) -> None:
    queries = [Query.build([name]) for name, _ in MATCHES] * 100  # enough to fork workers
    batch = matcher.match_many(queries, limit=2, workers=2)
    single = [matcher.match(q, limit=2) for q in queries]
    assert [[(r.entity_id, r.score) for r in rs] for rs in batch] == [
        [(r.entity_id, r.score) for r in rs] for rs in single
    ]


def test_explain_restores_features_after_a_batch(matcher: Matcher) -> None:
    queries = [Query.build(["HANGZHOU HIKVISION DIGITAL TE-A"])] * 2500
    batch = matcher.match_many(queries, limit=1, workers=2)
    assert batch[0][0].features == []  # travelled back compact
    explained = matcher.explain(queries[0], batch[0][0].entity_id)
    assert explained is not None
    assert explained.score == batch[0][0].score
    assert explained.features[0].name == "name_exact"

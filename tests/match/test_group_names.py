"""A subsidiary known only in Latin script is compared with a Chinese query through the
characters of its group's Chinese name when its trade name is that name's reading (issue
12, class 1): 沧州大化 reads "da hua" but is not 大华, so it does not meet Dahua Technology
USA; 大华技术 still does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from countersight.match.engine import Matcher
from countersight.match.groups import group_names
from countersight.match.index import MatchIndex
from countersight.match.types import MatchResult, Query
from countersight.model.view import DataView, build_view
from countersight.service.context import open_context
from countersight.settings import load_settings
from countersight.sources.registry import load


@pytest.fixture(scope="module")
def view() -> DataView:
    source = load()
    return build_view("test", source.entities, source.relations, [])


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matcher]:
    """The engine as the service builds it from a store holding the registry."""
    folder: Path = tmp_path_factory.mktemp("groups")
    settings = load_settings(
        env={}, db=f"sqlite:///{folder / 'cs.db'}", cache_dir=str(folder / "cache")
    )
    context = open_context(settings)
    yield context.engine().matcher
    context.store.close()


def _explain(matcher: Matcher, query: str, entity_id: str) -> MatchResult:
    result = matcher.explain(Query.build([query]), entity_id)
    assert result is not None
    return result


def test_a_latin_only_subsidiary_borrows_the_han_names_its_trade_name_reads(
    view: DataView,
) -> None:
    groups = group_names(view, view.entities.values())
    assert ("大华股份", "cs-dahua") in groups["cs-dahua-usa"]
    assert "cs-dji" not in groups  # it has Han names of its own
    # the leading word of "Dajiang Baiwang" is the reading of its parent's 大疆
    assert any(group == "cs-dji" for _, group in groups["cs-dji-baiwang"])
    # "Hikvision" is not a reading of 海康威视, "Lorex" not of 大华: nothing to borrow
    assert "cs-hikvision-usa" not in groups
    assert "cs-lorex" not in groups


def test_the_characters_of_the_group_decide_a_homophone(matcher: Matcher) -> None:
    for query in ("沧州大化", "沧州大化股份有限公司", "沧州大化TDI有限责任公司"):
        assert _explain(matcher, query, "cs-dahua-usa").score == 0.0
        assert all(r.entity_id != "cs-dahua-usa" for r in matcher.match(Query.build([query])))


def test_the_same_characters_still_reach_the_subsidiary_and_say_where_they_came_from(
    matcher: Matcher,
) -> None:
    result = _explain(matcher, "大华技术", "cs-dahua-usa")
    assert result.match  # was review (0.65): the reading alone was all there was
    why = {f.name: f.detail for f in result.features}
    assert why["group_characters"] == "characters of its group's name 大华股份 (cs-dahua)"
    assert "pinyin_homophone" not in why
    short = _explain(matcher, "大华", "cs-dahua-usa")
    assert short.review
    assert "group_characters" in {f.name for f in short.features}


def test_the_parent_itself_stays_first(matcher: Matcher) -> None:
    for query in ("大华", "大华技术", "浙江大华", "大华股份"):
        top = matcher.match(Query.build([query]), limit=1)
        assert [r.entity_id for r in top] == ["cs-dahua"]


def test_without_group_names_the_reading_alone_is_review(matcher: Matcher) -> None:
    """华纬科技 against Huawei: no source gives Huawei a Chinese name in the registry, so
    pinyin may only bring it to review."""
    result = _explain(matcher, "华纬科技", "cs-huawei")
    assert result.review
    assert "pinyin_homophone" in {f.name for f in result.features}


def test_an_index_built_without_groups_keeps_the_reading_bridge(view: DataView) -> None:
    matcher = Matcher(MatchIndex.build([view.entities["cs-dahua-usa"]]))
    result = _explain(matcher, "沧州大化", "cs-dahua-usa")
    assert result.review
    assert "pinyin_homophone" in {f.name for f in result.features}

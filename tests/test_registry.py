"""The surveillance-vendor registry: validity, sourcing rules, coverage of the H-rated rows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from countersight.model.confidence import flaggable
from countersight.service import registry as registry_service
from countersight.sources.registry import default_path, load
from tests.conftest import ROOT, Cli


def test_registry_check_passes(cli: Cli) -> None:
    result = cli("registry", "check")
    assert result.exit_code == 0, result.output
    assert "registry check passed" in result.output


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(default_path(), target)
    return target


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_evidence_citing_an_unknown_source_fails(copy: Path, cli: Cli) -> None:
    _edit(
        copy / "entities" / "dahua.yaml",
        lambda d: d["evidence"].append(
            {"source": "S999", "confidence": "H", "summary": "An unsourced claim about Dahua."}
        ),
    )
    result = cli("registry", "check", "--path", copy)
    assert result.exit_code == 2
    assert "cs-dahua: cites unknown source S999" in " ".join(result.output.split())


def test_source_without_url_or_citation_fails(copy: Path) -> None:
    _edit(copy / "sources.yaml", lambda d: d["S47"].pop("url"))
    report = registry_service.check(copy)
    assert not report.ok
    assert "S47" in report.problems[0]
    assert "url or a citation" in report.problems[0]


def test_source_without_date_fails(copy: Path) -> None:
    _edit(copy / "sources.yaml", lambda d: d["S48"].pop("date"))
    assert "S48" in registry_service.check(copy).problems[0]


def test_entity_without_evidence_fails(copy: Path) -> None:
    _edit(copy / "entities" / "yitu.yaml", lambda d: d.__setitem__("evidence", []))
    report = registry_service.check(copy)
    assert "yitu.yaml" in report.problems[0]
    assert "evidence" in report.problems[0]


def test_relation_without_source_fails(copy: Path) -> None:
    _edit(copy / "entities" / "sensenets.yaml", lambda d: d["parents"][0].pop("source"))
    assert "parents.0.source" in registry_service.check(copy).problems[0]


def test_duplicate_ids_and_people_fail(copy: Path) -> None:
    shutil.copy(copy / "entities" / "yitu.yaml", copy / "entities" / "yitu-copy.yaml")
    _edit(
        copy / "entities" / "tangli.yaml",
        lambda d: d["names"][0].__setitem__("value", "Wang Junzheng"),
    )
    problems = registry_service.check(copy).problems
    assert any("cs-yitu: id used by 2" in p for p in problems)
    assert any("looks like a person" in p for p in problems)


def test_bad_identifier_check_digit_fails(copy: Path) -> None:
    _edit(
        copy / "entities" / "hikvision.yaml",
        lambda d: d["identifiers"][0].__setitem__("value", "CNE100000PM9"),
    )
    assert any("check digit" in p for p in registry_service.check(copy).problems)


# Every H-rated company and public body of the research table, with its dated listings.
H_ROWS = [
    ("cs-hikvision", "us_bis_el", date(2019, 10, 9)),
    ("cs-hikvision", "us_ofac_ns_cmic", date(2021, 6, 3)),
    ("cs-hikvision", "us_dod_1260h", date(2021, 6, 3)),
    ("cs-dahua", "us_bis_el", date(2019, 10, 9)),
    ("cs-dahua", "us_dod_1260h", date(2022, 10, 5)),
    ("cs-iflytek", "us_bis_el", date(2019, 10, 9)),
    ("cs-megvii", "us_bis_el", date(2019, 10, 9)),
    ("cs-megvii", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-megvii", "us_dod_1260h", date(2024, 1, 31)),
    ("cs-sensetime", "us_bis_el", date(2019, 10, 9)),
    ("cs-sensetime", "us_ofac_ns_cmic", date(2021, 12, 10)),
    ("cs-meiya-pico", "us_bis_el", date(2019, 10, 9)),
    ("cs-meiya-pico", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-yitu", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-yixin", "us_bis_el", date(2019, 10, 9)),
    ("cs-cloudwalk", "us_bis_el", date(2020, 6, 5)),
    ("cs-cloudwalk", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-netposa", "us_bis_el", date(2020, 6, 5)),
    ("cs-netposa", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-sensenets", "us_bis_el", date(2020, 6, 5)),
    ("cs-intellifusion", "us_bis_el", date(2020, 6, 5)),
    ("cs-isvision", "us_bis_el", date(2020, 6, 5)),
    ("cs-fiberhome", "us_bis_el", date(2020, 6, 5)),
    ("cs-fiberhome-starrysky", "us_bis_el", date(2020, 6, 5)),
    ("cs-mps-ifs", "us_bis_el", date(2020, 6, 5)),
    ("cs-aksu-huafu", "us_bis_el", date(2020, 6, 5)),
    ("cs-leon", "us_bis_el", date(2021, 7, 12)),
    ("cs-leon", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-dawning", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-dji", "us_ofac_ns_cmic", date(2021, 12, 16)),
    ("cs-xinjiang-sailing", "us_bis_el", date(2021, 7, 12)),
    ("cs-lianhai", "us_bis_el", date(2021, 7, 12)),
    ("cs-caeit", "us_bis_el", date(2021, 7, 12)),
    ("cs-tangli", "us_bis_el", date(2021, 7, 12)),
    ("cs-cobber", "us_bis_el", date(2021, 7, 12)),
    ("cs-geling", "us_bis_el", date(2021, 7, 12)),
    ("cs-tongfang-ria", "us_bis_el", date(2021, 7, 12)),
    ("cs-huaantai", "us_bis_el", date(2021, 7, 12)),
    ("cs-xiwu", "us_bis_el", date(2021, 7, 12)),
    ("cs-sinonet", "us_bis_el", date(2021, 7, 12)),
    ("cs-beidou-tongchuang", "us_bis_el", date(2021, 7, 12)),
    ("cs-keda", "us_bis_el", date(2021, 7, 12)),
    ("cs-cetc", "us_dod_1260h", date(2021, 6, 3)),
    ("cs-xpsb", "us_bis_el", date(2019, 10, 9)),
    ("cs-xpsb", "us_ofac_sdn", date(2020, 7, 9)),
    ("cs-xpcc", "us_ofac_sdn", date(2020, 7, 31)),
    ("cs-xpcc-psb", "eu_fsf", date(2021, 3, 22)),
    ("cs-bgi-xinjiang", "us_bis_el", date(2020, 7, 22)),
    ("cs-bgi-liuhe", "us_bis_el", date(2020, 7, 22)),
]


def test_every_h_row_is_present_with_its_dated_listing() -> None:
    entities = {e.id: e for e in load().entities}
    for entity_id, list_id, listed in H_ROWS:
        entity = entities[entity_id]
        assert any(m.list == list_id and m.listed_on == listed for m in entity.memberships), (
            entity_id,
            list_id,
        )
        assert flaggable(entity)


def test_relations_and_brands_from_the_sources() -> None:
    loaded = load()
    edges = {(r.subject, r.object, r.kind.value) for r in loaded.relations}
    assert ("cs-cetc", "cs-hikvision", "subsidiary") in edges
    assert ("cs-netposa", "cs-sensenets", "subsidiary") in edges
    assert all(r.sources for r in loaded.relations)
    hik = next(e for e in loaded.entities if e.id == "cs-hikvision")
    brand = next(n for n in hik.names if n.kind.value == "brand")
    assert (brand.value, brand.source) == ("EZVIZ", "S39")


def test_low_confidence_leads_are_review_only() -> None:
    entities = {e.id: e for e in load().entities}
    for entity_id in ("cs-fp-hongda", "cs-fp-yidiantong", "cs-fp-yuanzhongrui", "cs-sensingtech"):
        assert not flaggable(entities[entity_id]), entity_id
    assert flaggable(entities["cs-fp-sensingtech"])  # Foreign Policy's own wording, M


def test_ambiguous_sensingtech_is_recorded_not_guessed() -> None:
    entities = {e.id: e for e in load().entities}
    assert not any(
        r.object == "cs-sensingtech" or r.subject == "cs-sensingtech" for r in load().relations
    )
    assert "cs-fp-sensingtech" in " ".join(entities["cs-sensingtech"].notes)


def test_docs_page_is_current() -> None:
    committed = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
    assert committed == registry_service.docs_markdown() + "\n", (
        "docs/registry.md is stale: run `make registry-docs`"
    )

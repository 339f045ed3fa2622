"""The surveillance-vendor registry: validity, sourcing rules, coverage of the H-rated rows."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from countersight.model.confidence import flaggable
from countersight.service import registry as registry_service
from countersight.sources.registry import default_path, load, read_registry
from tests.conftest import ROOT, Cli, full_data

REFERENCE = ROOT.parent / "shared" / "reference"
NOTES = [REFERENCE / "surveillance-vendors.md", REFERENCE / "surveillance-vendors-2.md"]
needs_notes = pytest.mark.skipif(
    not all(p.exists() for p in NOTES), reason="needs the shared research notes"
)


def test_registry_check_passes(cli: Cli) -> None:
    result = cli("registry", "check")
    assert result.exit_code == 0, result.output
    assert "registry check passed" in result.output
    assert "Coverage per list and edition" in result.output


def test_check_reports_coverage_per_list_and_edition_with_nothing_missing() -> None:
    report = registry_service.check()
    assert report.ok, report.problems
    rows = {(r["list"], r["edition"]): r for r in report.editions}
    for key in [
        ("BIS Entity List", "2019-10-09"),
        ("BIS Entity List", "2020-06-05"),
        ("BIS Entity List", "2020-07-22"),
        ("BIS Entity List", "2021-07-12"),
        ("BIS Entity List", "2022-12-15"),
        ("BIS Entity List", "2024-12-10"),
        ("DoD 1260H", "2021-06-03"),
        ("DoD 1260H", "2022-10-05"),
        ("DoD 1260H", "2024-01-31"),
        ("DoD 1260H", "2025-01-07"),
        ("DoD 1260H", "2026-06-08"),
        ("FCC Covered List", "2021-03-12"),
        ("OFAC NS-CMIC", "2021-12-16"),
    ]:
        row = rows[key]
        assert row["added_in_scope"] > 0, key
        assert row["added_covered"] == row["added_in_scope"], key
    assert rows[("DoD 1260H", "2025-01-07")]["citation"] == "90 FR 1105, FR Doc 2025-00070"


@needs_notes
def test_check_passes_against_the_research_notes(cli: Cli) -> None:
    args = [a for p in NOTES for a in ("--reference", p)]
    result = cli("registry", "check", *args)
    assert result.exit_code == 0, result.output


@needs_notes
def test_an_invented_title_fails(copy: Path, cli: Cli) -> None:
    _edit(
        copy / "sources.yaml",
        lambda d: d["S13"].update(
            title="Commerce adds eleven Chinese entities implicated in abuses", title_is="title"
        ),
    )
    args = [a for p in NOTES for a in ("--reference", p)]
    result = cli("registry", "check", "--path", copy, *args)
    assert result.exit_code == 2
    assert "source S13: title" in result.output
    assert "title_is: description" in " ".join(result.output.split())


def test_an_unresolved_lead_that_can_flag_fails(copy: Path) -> None:
    def promote(data: dict) -> None:  # type: ignore[type-arg]
        data["evidence"][0]["kind"] = "finding"

    _edit(copy / "entities" / "fp-sensingtech.yaml", promote)
    problems = registry_service.check(copy).problems
    assert any("cs-fp-sensingtech: an unresolved research lead can flag" in p for p in problems)


def test_a_lead_with_a_listing_fails(copy: Path) -> None:
    _edit(
        copy / "entities" / "fp-hongda.yaml",
        lambda d: d.__setitem__(
            "listings", [{"list": "us_bis_el", "source": "S3", "confidence": "L"}]
        ),
    )
    problems = registry_service.check(copy).problems
    assert any("cs-fp-hongda: an unresolved research lead can flag" in p for p in problems)


def test_a_missing_source_fails(copy: Path, cli: Cli) -> None:
    _edit(copy / "sources.yaml", lambda d: d.pop("S141"))
    result = cli("registry", "check", "--path", copy)
    assert result.exit_code == 2
    assert "cs-tiandy: cites unknown source S141" in " ".join(result.output.split())


def test_check_reports_uncited_sources_and_facts_outside_the_evidence(copy: Path) -> None:
    _edit(
        copy / "sources.yaml",
        lambda d: d.__setitem__(
            "S999",
            {
                "publisher": "X",
                "title": "Y",
                "title_is": "description",
                "date": "2020",
                "url": "https://example.org",
            },
        ),
    )
    _edit(
        copy / "entities" / "caeit.yaml",
        lambda d: d["parents"][0].__setitem__("source", "S60"),
    )
    report = registry_service.check(copy)
    assert report.ok, report.problems
    assert "source S999 is never cited" in report.notices
    assert (
        "cs-caeit: parent cs-cetc cites S60, which is not a listing or finding of this entity"
        in report.notices
    )


def test_check_names_the_unsourced_cetc_links_it_leaves_out() -> None:
    report = registry_service.check()
    cetc = load()
    assert not any(
        r.subject == "cs-cetc" and "凤凰光学" in " ".join(e.name_values())
        for r in cetc.relations
        for e in cetc.entities
        if e.id == r.object
    )
    notes = next(e for e in cetc.entities if e.id == "cs-cetc").notes
    assert any("四创电子" in n and "left out" in n for n in notes)
    assert report.ok


def test_a_scope_record_without_its_listing_fails(copy: Path) -> None:
    _edit(copy / "entities" / "uniview.yaml", lambda d: d.__setitem__("listings", []))
    problems = registry_service.check(copy).problems
    assert any("scope us_bis_el: 'Zhejiang Uniview Technologies Co., Ltd.'" in p for p in problems)


FCC = "fcc-covered-list/covered-list-table.csv"
CSL = "us-csl-2023-11/consolidated-complete-records.csv"
NONSDN = "ofac-consolidated-nonsdn-2025-12"


def test_official_files_in_scope_all_have_an_entity(cli: Cli) -> None:
    fcc, csl, nonsdn = full_data(FCC), full_data(CSL), full_data(NONSDN)
    result = cli(
        "registry", "check", "--against", fcc, "--against", csl, "--against", nonsdn, "--json"
    )
    assert result.exit_code == 0, result.output
    official = {Path(r["file"]).name: r for r in json.loads(result.output)["official"]}
    assert official["covered-list-table.csv"]["in_scope"] == 5
    assert official["consolidated-complete-records.csv"]["in_scope"] >= 12
    assert official["ofac-consolidated-nonsdn-2025-12"]["in_scope"] >= 12
    assert all(not r["missing"] for r in official.values())


def test_an_official_record_without_an_entity_fails(copy: Path, cli: Cli) -> None:
    fcc = full_data(FCC)
    (copy / "entities" / "zte.yaml").unlink()
    scope = copy / "scope.yaml"
    scope.write_text(
        "\n".join(
            line for line in scope.read_text(encoding="utf-8").splitlines() if "cs-zte" not in line
        ),
        encoding="utf-8",
    )
    result = cli("registry", "check", "--path", copy, "--against", fcc)
    assert result.exit_code == 2
    assert "us_fcc_covered: 'ZTE Corporation'" in " ".join(result.output.split())


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
    ("cs-tiandy", "us_bis_el", date(2022, 12, 15)),
    ("cs-uniview", "us_bis_el", date(2024, 12, 10)),
    ("cs-hikvision", "us_fcc_covered", date(2021, 3, 12)),
    ("cs-dahua", "us_fcc_covered", date(2021, 3, 12)),
    ("cs-hytera", "us_fcc_covered", date(2021, 3, 12)),
    ("cs-huawei", "us_fcc_covered", date(2021, 3, 12)),
    ("cs-zte", "us_fcc_covered", date(2021, 3, 12)),
    ("cs-sensetime-hk", "us_ofac_ns_cmic", date(2021, 12, 10)),
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
    dated = {(r.subject, r.object): (r.start, r.end) for r in loaded.relations if r.end}
    assert dated[("cs-dahua", "cs-lorex")] == (date(2018, 2, 1), date(2022, 11, 24))
    assert dated[("cs-dahua", "cs-dahua-usa")] == (date(2014, 1, 1), date(2024, 4, 17))
    ezviz = sorted((r.share, r.start, r.end) for r in loaded.relations if r.object == "cs-ezviz")
    assert ezviz == [(48.0, date(2022, 12, 28), None), (60.0, None, date(2022, 12, 27))]
    assert all(r.sources for r in loaded.relations)
    hik = next(e for e in loaded.entities if e.id == "cs-hikvision")
    brand = next(n for n in hik.names if n.kind.value == "brand")
    assert (brand.value, brand.source) == ("EZVIZ", "S39")


def test_low_confidence_leads_are_review_only() -> None:
    entities = {e.id: e for e in load().entities}
    leads = ("cs-fp-hongda", "cs-fp-yidiantong", "cs-fp-yuanzhongrui", "cs-fp-sensingtech")
    for entity_id in (*leads, "cs-sensingtech"):
        assert not flaggable(entities[entity_id]), entity_id
    # Foreign Policy's own wording is M, but its subject is unidentified: a lead, not a flag.
    assert any(e.confidence.value == "M" for e in entities["cs-fp-sensingtech"].evidence)


def test_ambiguous_sensingtech_is_recorded_not_guessed() -> None:
    entities = {e.id: e for e in load().entities}
    assert not any(
        r.object == "cs-sensingtech" or r.subject == "cs-sensingtech" for r in load().relations
    )
    assert "cs-fp-sensingtech" in " ".join(entities["cs-sensingtech"].notes)


def test_jurisdiction_is_kept_apart_from_operations() -> None:
    entities = {e.id: e for e in load().entities}
    assert entities["cs-sensetime"].jurisdiction == "ky"
    assert entities["cs-sensetime-hk"].jurisdiction == "hk"
    assert entities["cs-megvii"].jurisdiction == "ky"
    assert entities["cs-yitu"].jurisdiction == "ky"
    assert "ky" in entities["cs-yitu"].countries  # so the OFAC record's Cayman address merges


def test_former_names_carry_their_period() -> None:
    meiya = next(e for e in load().entities if e.id == "cs-meiya-pico")
    former = {n.value: (n.start, n.end) for n in meiya.names if n.kind.value == "former"}
    assert former["美亚柏科"] == (None, "2024-03")
    assert meiya.caption == "SDIC Intelligence (Xiamen) Information Co., Ltd."


def test_evidence_fixes_from_the_research_notes() -> None:
    reg = read_registry()
    for key in ("S13", "S25", "S26", "S28", "S56", "S59"):
        assert reg.sources[key].title_is == "description", key
    entities = {e.id: e for e in reg.entities}
    assert entities["cs-caeit"].parents[0].source != "S60"
    assert next(n for n in entities["cs-leon"].names if n.value == "立昂技术").source == "L3"
    sensetime = list(entities["cs-sensetime"].names)
    assert "商汤-W" not in [n.value for n in sensetime]
    assert all(n.source != "S20" for n in sensetime)
    assert "Institute of Forensic Science of China" not in [
        n.value for n in entities["cs-mps-ifs"].names
    ]
    for lead in ("cs-fp-hongda", "cs-fp-yidiantong", "cs-fp-yuanzhongrui"):
        assert not [n for n in entities[lead].names if n.lang.startswith("zh")], lead


def test_docs_page_is_current() -> None:
    committed = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
    assert committed == registry_service.docs_markdown() + "\n", (
        "docs/registry.md is stale: run `make registry-docs`"
    )

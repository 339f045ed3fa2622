"""Every official list file loads, with counts established independently.

Each test runs on the committed excerpt (tests/data) and, when the data folder is given, on
the full file. The expected counts come from reading the files with the standard library (a
different, simpler reading than the loaders'), or from the data README (full files) and
tests/data/MANIFEST.md (excerpts) where noted.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from countersight.exc import InputError
from countersight.model import IdScheme
from countersight.sources import plan
from tests.conftest import SIZES, data_file, fixture_data, full_data


def _load(path: Path):  # type: ignore[no-untyped-def]
    jobs = plan([path])
    assert len(jobs) == 1
    return jobs[0].run()


def _ofac_type_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) == 12:
                kind = row[2].strip()
                kind = "entity" if kind == "-0-" else kind
                counts[kind] = counts.get(kind, 0) + 1
    return counts


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("folder", ["ofac-sdn-csv-2024-05", "ofac-sdn-csv-2021-07"])
def test_ofac_sdn_csv_counts(folder: str, size: str) -> None:
    path = data_file(size, folder)
    expected = _ofac_type_counts(path / "sdn.csv")
    loaded = _load(path)
    assert loaded.dataset == "us_ofac_sdn"
    assert len(loaded.entities) == expected["entity"]
    assert loaded.skipped["individual"] == expected["individual"]
    assert loaded.skipped["vessel"] == expected["vessel"]
    assert loaded.skipped["aircraft"] == expected["aircraft"]


def test_ofac_sdn_2024_matches_the_data_readme() -> None:
    loaded = _load(full_data("ofac-sdn-csv-2024-05"))
    # README: 14,965 entries, 6,854 individuals, 851 vessels, 376 aircraft.
    assert len(loaded.entities) == 14965 - 6854 - 851 - 376


def test_ofac_sdn_2024_excerpt_matches_the_manifest() -> None:
    loaded = _load(fixture_data("ofac-sdn-csv-2024-05"))
    # MANIFEST: 246 entries, 103 individuals, 3 vessels, 4 aircraft.
    assert len(loaded.entities) == 246 - 103 - 3 - 4
    assert (loaded.skipped["vessel"], loaded.skipped["aircraft"]) == (3, 4)


@pytest.mark.parametrize("size", SIZES)
def test_ofac_2021_comments_file_without_eof_loads_with_a_warning(size: str) -> None:
    loaded = _load(data_file(size, "ofac-sdn-csv-2021-07"))
    assert any("sdn_comments.csv" in w and "truncated" in w for w in loaded.warnings)


@pytest.mark.parametrize("size", SIZES)
def test_ofac_aliases_and_addresses_are_attached(size: str) -> None:
    loaded = _load(data_file(size, "ofac-sdn-csv-2021-07"))
    bnc = next(e for e in loaded.entities if e.id == "ofac-306")
    assert "NATIONAL BANK OF CUBA" in bnc.name_values()
    assert "cu" not in bnc.countries or bnc.addresses
    assert any("Zurich" in a for a in bnc.addresses)


@pytest.mark.parametrize("size", SIZES)
def test_ofac_nonsdn_csv_parses_cmic_remarks(size: str) -> None:
    folder = data_file(size, "ofac-consolidated-nonsdn-2025-12")
    loaded = _load(folder)
    assert loaded.dataset == "us_ofac_cons"
    expected = _ofac_type_counts(folder / "cons_prim.csv")
    assert len(loaded.entities) == expected["entity"]
    hik = next(e for e in loaded.entities if e.id == "ofac-30946")
    assert "CNE100000PM8" in hik.ids(IdScheme.ISIN)
    assert "SZ:002415" in hik.ids(IdScheme.TICKER)
    assert "91330000733796106P" in hik.ids(IdScheme.USCC)
    cmic = [m for m in hik.memberships if m.list == "us_ofac_ns_cmic"]
    assert cmic
    assert cmic[0].program == "CMIC-EO13959"
    assert cmic[0].listed_on is not None
    assert cmic[0].listed_on.isoformat() == "2021-06-03"
    assert cmic[0].source_record_id == "30946"
    assert "HIKVISION" in hik.name_values()
    assert "Effective date: 2021-08-02" in hik.notes
    cetc = next(e for e in loaded.entities if e.id == "ofac-30936")
    assert "CETC" in cetc.name_values()  # a.k.a. in the remarks
    sugon = next(e for e in loaded.entities if e.id == "ofac-33113")
    assert "SH:603019" in sugon.ids(IdScheme.TICKER)  # written "603019CN" in the file
    with (folder / "cons_prim.csv").open() as handle:
        cmic_rows = sum(
            1
            for row in csv.reader(handle)
            if len(row) == 12 and "CMIC-EO13959" in row[3] and row[2].strip() == "-0-"
        )
    assert (
        sum(1 for e in loaded.entities if any(m.list == "us_ofac_ns_cmic" for m in e.memberships))
        == cmic_rows
        == 68  # the data README's count; the excerpt keeps every CMIC entry
    )


@pytest.mark.parametrize(("size", "entities"), [("excerpt", 55), ("full", 471)])
def test_ofac_consolidated_xml_2018(size: str, entities: int) -> None:
    path = data_file(size, "ofac-consolidated-xml-2018/consolidated.xml")
    text = path.read_text(encoding="utf-8")
    types = re.findall(r"<sdnType>([^<]*)</sdnType>", text)
    loaded = _load(path)
    assert loaded.kind == "ofac-xml"
    assert loaded.publisher_date is not None
    assert loaded.publisher_date.isoformat() == "2018-04-06"
    assert len(loaded.entities) == types.count("Entity") == entities
    assert loaded.skipped["individual"] == types.count("Individual")
    assert loaded.skipped["vessel"] == types.count("Vessel")


def test_ofac_xml_untyped_people_are_skipped() -> None:
    path = fixture_data("us-csl-source-fixtures-ita/treasury_consolidated_consolidated.xml")
    loaded = _load(path)
    # 16 entries: 8 entities; 6 untyped NS-PLC people with first names; 2 typed Individuals.
    assert len(loaded.entities) == 8
    assert loaded.skipped["individual"] == 8
    assert all("HANIYA" not in n for e in loaded.entities for n in e.name_values())


@pytest.mark.parametrize(("size", "entities", "people"), [("excerpt", 25, 15), ("full", 273, 730)])
def test_un_consolidated(size: str, entities: int, people: int) -> None:
    path = data_file(size, "un-consolidated/UN_consolidated.xml")
    text = path.read_text(encoding="utf-8")
    loaded = _load(path)
    assert len(loaded.entities) == text.count("<ENTITY>") == entities
    assert loaded.skipped["individual"] == text.count("<INDIVIDUAL>") == people
    assert loaded.publisher_date is not None
    assert loaded.publisher_date.isoformat() == "2026-02-27"
    adf = next(e for e in loaded.entities if e.caption == "ADF")
    assert "Allied Democratic Forces" in adf.name_values()
    assert adf.memberships[0].source_record_id == "CDe.001"


def test_csl_2025_sample() -> None:
    path = fixture_data("us-csl/consolidated-2025-sample.csv")
    loaded = _load(path)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    typed_people = sum(1 for r in rows if r["type"] in ("Individual", "Vessel"))
    # Untyped rows read by hand: Cesareo Estanislao Benitez (DTC) and I. ASH (DPL) are
    # people; Sinobright, Atlas Sanatgaran, AASPT and CETC 13th Research Institute are not.
    assert typed_people == 4
    assert loaded.skipped["individual"] == 4 + 2
    assert len(loaded.entities) == len(rows) - 6
    names = {e.caption for e in loaded.entities}
    assert (
        "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)" in names
    )
    assert not {"Cesareo Estanislao Benitez", "I. ASH"} & names
    el = next(e for e in loaded.entities if "13th Research" in e.caption)
    assert el.memberships[0].list == "us_bis_el"
    assert el.memberships[0].listed_on is not None


def test_csl_2019_sample() -> None:
    path = fixture_data("us-csl/csl-2019-sample.csv")
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    loaded = _load(path)
    typed_entities = sum(1 for r in rows if r["type"] == "Entity")
    assert sum(1 for e in loaded.entities) >= typed_entities
    assert loaded.skipped["vessel"] == sum(1 for r in rows if r["type"] == "Vessel")
    captions = {e.caption for e in loaded.entities}
    assert "Gunther Migeotte" not in captions
    assert "54th Research Institute of China" in captions
    assert "32 Group China Ltd." in captions


@pytest.mark.parametrize(("size", "records"), [("excerpt", 68), ("full", 4226)])
def test_csl_2023_repeated_header_and_a_cut_last_record(size: str, records: int) -> None:
    complete = data_file(size, "us-csl-2023-11/consolidated-complete-records.csv")
    with complete.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == rows[1]  # the publisher's repeated header
    assert len(rows) - 2 == records
    loaded = _load(complete)
    assert {m.list for e in loaded.entities for m in e.memberships} >= {
        "us_bis_el",
        "us_ofac_ns_cmic",
    }
    cut = complete.with_name("consolidated.csv")
    with pytest.raises(InputError, match=r"consolidated\.csv, line \d+"):
        _load(cut)


def test_entity_list_per_source_csv() -> None:
    loaded = _load(fixture_data("us-csl-source-fixtures-ita/el_el.csv"))
    assert loaded.dataset == "us_bis_el"
    # 18 rows naming 5 parties: 2 companies, 3 people (read by hand).
    assert sorted(e.caption for e in loaded.entities) == [
        "Fazel Khalil Construction Company",
        "Zurmat Construction Company offices",
    ]
    assert loaded.skipped["individual"] == 3
    assert all(e.memberships[0].list == "us_bis_el" for e in loaded.entities)


def test_gleif_xml() -> None:
    path = fixture_data("gleif/20180901-gleif-concatenated-file-lei2-Top10.xml")
    loaded = _load(path)
    assert len(loaded.entities) == path.read_text(encoding="utf-8").count("<lei:LEIRecord>") == 10
    assert all(e.ids(IdScheme.LEI) for e in loaded.entities)
    assert loaded.publisher_date is not None
    assert loaded.publisher_date.isoformat() == "2018-09-01"


@pytest.mark.parametrize(("size", "kept", "sole"), [("excerpt", 20, 10), ("full", 549, 28)])
def test_gleif_golden_copy_json_skips_sole_proprietors(size: str, kept: int, sole: int) -> None:
    path = data_file(size, "gleif/20240505-0000-gleif-goldencopy-lei2-intra-day.json")
    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    people = sum(1 for r in records if r["Entity"]["EntityCategory"]["$"] == "SOLE_PROPRIETOR")
    loaded = _load(path)
    assert people == sole
    assert len(loaded.entities) == len(records) - people == kept
    assert loaded.skipped["individual"] == people


@pytest.mark.parametrize("size", SIZES)
def test_partial_ofac_set_without_primary_file_is_refused(size: str) -> None:
    with pytest.raises(InputError, match=r"without its primary file sdn\.csv"):
        _load(data_file(size, "ofac-sdn-csv-2025-12-partial"))

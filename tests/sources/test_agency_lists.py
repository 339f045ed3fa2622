"""The BIS Denied Persons and Unverified lists and the DDTC debarred parties, on the real files
(the committed excerpts, and the full files when the data folder is given).

Counts are established with the standard library: distinct names in the file = parties kept +
people skipped. People named below were read from the files by hand.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from countersight.model.source import LoadedSource
from countersight.sources import plan
from countersight.sources.parties import split_aliases
from tests.conftest import SIZES, data_file, fixture_data

ITA = fixture_data("us-csl-source-fixtures-ita")
PEOPLE_ON_THE_DPL = {
    "DAQING ZHOU",
    "(SEAN) NAGHIBI",
    "AFSHIN (SEAN) NAGHIBI",
    "FUYI SUN",
    "PEARL LI",
    "REX GENE MARALIT",
    "HANS DE GEETERE",
    "JUAN JESUS DE LA ROSA",
    "SHAHI",
    "ABDULAH AL NASSER",
}


def _load(path: Path) -> tuple[str, LoadedSource]:
    jobs = plan([path])
    assert len(jobs) == 1
    return jobs[0].fmt, jobs[0].run()


def _distinct_names(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return len({r[0].strip() for r in rows if r and r[0].strip()})


@pytest.mark.parametrize(("size", "companies"), [("excerpt", 20), ("full", 90)])
@pytest.mark.parametrize("name", ["dpl-2019.txt", "dpl-2022.txt"])
def test_denied_persons_list_keeps_companies_only(name: str, size: str, companies: int) -> None:
    path = data_file(size, f"bis-dpl/{name}")
    fmt, loaded = _load(path)
    assert fmt == "bis-dpl"
    assert loaded.dataset == "us_bis_dpl"
    assert len(loaded.entities) + loaded.skipped["individual"] == _distinct_names(path)
    captions = {e.caption for e in loaded.entities}
    assert not captions & PEOPLE_ON_THE_DPL
    assert {"DAHUA ELECTRONICS CORPORATION", "MAHAN AIRWAYS"} <= captions
    assert len(captions) > companies


@pytest.mark.parametrize("size", SIZES)
def test_denied_persons_listing_dates_and_citation(size: str) -> None:
    _fmt, loaded = _load(data_file(size, "bis-dpl/dpl-2022.txt"))
    mahan = next(e for e in loaded.entities if e.caption == "MAHAN AIRWAYS")
    listing = mahan.memberships[0]
    assert (listing.list, listing.listed_on, listing.delisted_on) == (
        "us_bis_dpl",
        date(2022, 5, 13),
        date(2022, 11, 9),
    )
    assert mahan.countries == ["ir"]
    assert any("TEHRAN" in a for a in mahan.addresses)


def test_denied_persons_ita_fixture_with_unquoted_fields() -> None:
    _fmt, loaded = _load(ITA / "dpl_dpl.txt")
    assert sorted(e.caption for e in loaded.entities) == [
        "ADT ANALOG AND DIGITAL TECHNIK",
        "KAL TEK LABS",
        "SEMICONDUCTOR SYSTEMS INTL., INC. (SSI)",
    ]
    assert loaded.skipped["individual"] == 6


def test_unverified_list_in_windows_1252_with_inline_aliases() -> None:
    fmt, loaded = _load(ITA / "uvl_uvl.csv")
    assert fmt == "bis-uvl"
    assert loaded.warnings == ["uvl_uvl.csv: read as cp1252 (not UTF-8)"]
    with (ITA / "uvl_uvl.csv").open(encoding="cp1252", newline="") as handle:
        names = {split_aliases(r[1])[0] for r in list(csv.reader(handle))[1:] if r[1].strip()}
    assert len(loaded.entities) == len(names) == 13
    academy = next(e for e in loaded.entities if e.caption == "Training 2 Business Academy")
    assert [n.value for n in academy.names[1:]] == ["T2BA", "Academy of Business Training"]
    advent = next(e for e in loaded.entities if e.caption == "Advent International Limited")
    assert any("53–59 Wuhu Street" in a for a in advent.addresses)  # the cp1252 en dash
    assert advent.countries == ["hk"]


def test_ddtc_debarred_parties() -> None:
    fmt, loaded = _load(ITA / "dtc_itar_debarred_parties.csv")
    assert fmt == "ddtc-debarred"
    assert [e.caption for e in loaded.entities] == ["Dilligas Trading Co., Inc."]
    assert loaded.skipped["individual"] == 3
    assert loaded.entities[0].memberships[0].listed_on == date(1992, 9, 22)


def test_split_aliases() -> None:
    assert split_aliases("Hukic, Bajro (a.k.a. Bob Hukic; Bab Hucici)") == (
        "Hukic, Bajro",
        ["Bob Hukic", "Bab Hucici"],
    )
    assert split_aliases("FUYI SUN A/K/A FRANK SUN") == ("FUYI SUN", ["FRANK SUN"])
    assert split_aliases("PEARL (A.K.A. NEI-CHIEN CHU) LI") == ("PEARL LI", ["NEI-CHIEN CHU"])
    assert split_aliases("Kal Tek Labs") == ("Kal Tek Labs", [])

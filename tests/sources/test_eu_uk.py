"""The EU FSF v1.1 and UK Sanctions List loaders on the real excerpts in tests/data.

Expected values are read off the excerpts by eye (record by record), and the EU loader's
notion of a complete record is checked against the EU's own XSD.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from countersight.exc import InputError
from countersight.model import IdScheme, Lang, NameKind
from countersight.sources import eu_fsf, plan, sniff
from countersight.store import Store
from tests.conftest import Cli
from tests.storeutil import snapshot

TEST_DATA = Path(__file__).resolve().parents[1] / "data"
EU_A = TEST_DATA / "eu" / "eu-fsf-2026-08-05-excerpt-a.xml"
EU_B = TEST_DATA / "eu" / "eu-fsf-2026-08-05-excerpt-b.xml"
EU_XSD = TEST_DATA / "eu" / "eu_fsf_schema_1_1.xsd"
UK_0910 = TEST_DATA / "uk" / "uk-sanctions-list-2026-09-10-excerpt.xml"
UK_0814 = TEST_DATA / "uk" / "uk-sanctions-list-2026-08-14-excerpt.xml"


def _load(path: Path):  # type: ignore[no-untyped-def]
    jobs = plan([path])
    assert len(jobs) == 1
    return jobs[0].run()


def _without_last_record(source: Path, target: Path, tag: str) -> Path:
    """The excerpt with its final (synthetic) record cut out, the rest byte for byte."""
    text = source.read_text(encoding="utf-8")
    start = text.rindex(f"<{tag}")
    comment = text.rfind("<!--", 0, start)
    cut = comment if comment != -1 and text[comment:start].count(">") == 1 else start
    end = text.index(f"</{tag}>", start) + len(f"</{tag}>")
    target.write_text(text[:cut] + text[end:], encoding="utf-8")
    return target


def test_formats_are_detected_from_content(tmp_path: Path) -> None:
    renamed = tmp_path / "download.bin"
    shutil.copy(EU_A, renamed)
    assert sniff(renamed) == "eu-fsf"
    shutil.copy(UK_0910, renamed)
    assert sniff(renamed) == "uk-sanctions"


def test_eu_enterprise_with_names_in_every_language() -> None:
    loaded = _load(EU_A)
    assert loaded.dataset == "eu_fsf"
    assert loaded.publisher_date == date(2026, 8, 5)
    assert dict(loaded.skipped) == {"individual": 4}
    [pci] = loaded.entities
    assert pci.id == "eu-fsf-3822"
    assert pci.caption == "Parchin Chemical Industries (PCI)"
    values = pci.name_values()
    # Irish, Hungarian, Spanish, German and Persian aliases are all kept.
    for name in (
        "Tionscail Ceimiceán Parchin",
        "Parcsini Vegyipari Vállalat",
        "Industrias Químicas Parchin",
        "Parchin-Militärbasis",
        "صنایع شیمیایی پارچین",
        "Parchin Military Base",
    ):
        assert name in values
    english = [n for n in pci.names if n.lang == Lang.EN]
    assert len(english) >= 10
    assert pci.countries == ["ir"]
    [listing] = pci.memberships
    assert listing.list == "eu_fsf"
    assert listing.program == "IRN"
    assert listing.listed_on == date(2008, 6, 23)  # designationDate
    assert listing.source_record_id == "EU.3953.70"
    assert any("2024/2074" in note and "2024-07-30" in note for note in pci.notes)
    assert [i.value for i in pci.identifiers if i.scheme == IdScheme.REGISTRATION] == [
        ":REGISTRATION NUMBER:892"
    ]


def test_eu_refuses_the_synthetic_record_naming_file_and_line() -> None:
    with pytest.raises(InputError) as caught:
        _load(EU_B)
    message = str(caught.value)
    assert message.startswith(f"{EU_B}, line 181, record logicalId 999999:")
    assert "regulation" in message
    assert "nameAlias" in message
    assert "\n" not in message


def test_eu_excerpt_without_the_synthetic_record_loads(tmp_path: Path) -> None:
    clean = _without_last_record(EU_B, tmp_path / "eu-b.xml", "sanctionEntity")
    loaded = _load(clean)
    assert dict(loaded.skipped) == {"individual": 2}
    by_id = {e.id: e for e in loaded.entities}
    assert set(by_id) == {"eu-fsf-980", "eu-fsf-330"}
    trust = by_id["eu-fsf-330"]
    assert "Организация за подпомагане на Ulema, Пакистан" in trust.name_values()
    assert trust.memberships[0].program == "TAQA"
    assert trust.memberships[0].listed_on == date(2001, 10, 6)
    grf = by_id["eu-fsf-980"]
    # No designationDate: the listing is dated by its regulation's publication.
    assert grf.memberships[0].listed_on == date(2014, 4, 1)
    assert grf.countries == ["us"]


def test_eu_required_parts_follow_the_xsd() -> None:
    """The loader refuses exactly the records the EU schema rejects for a missing part."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    schema = ET.parse(EU_XSD).getroot()
    entity_type = next(
        t for t in schema.iter(f"{xs}complexType") if t.get("name") == "SanctionEntityType"
    )
    required = tuple(
        e.get("name") for e in entity_type.iter(f"{xs}element") if e.get("minOccurs", "1") != "0"
    )
    assert required == eu_fsf._REQUIRED


def test_uk_entities_with_non_latin_names_and_regime() -> None:
    loaded = _load(UK_0910)
    assert loaded.dataset == "gb_fcdo_sanctions"
    assert loaded.publisher_date == date(2026, 9, 10)
    assert dict(loaded.skipped) == {"individual": 2, "vessel": 1}
    by_id = {e.id: e for e in loaded.entities}
    assert set(by_id) == {"gb-fcdo-AFG0001", "gb-fcdo-BEL0107"}
    exchange = by_id["gb-fcdo-AFG0001"]
    assert exchange.caption == "HAJI KHAIRULLAH MONEY EXCHANGE"
    assert "حاجی خيرالله صرافی" in exchange.name_values()
    assert exchange.countries == ["af", "ae"]
    [listing] = exchange.memberships
    assert listing.program == "The Afghanistan (Sanctions) (EU Exit) Regulations 2020"
    assert listing.listed_on == date(2012, 6, 29)
    assert listing.source_record_id == "AFG0001"
    bnk = by_id["gb-fcdo-BEL0107"]
    kinds = {n.value: n.kind for n in bnk.names}
    assert kinds == {
        "BNK (UK) Ltd": NameKind.PRIMARY,
        "BNK UK Limited": NameKind.ALIAS,
        "BNK": NameKind.WEAK,  # "Low quality a.k.a"
    }
    assert bnk.ids(IdScheme.WEBSITE) == ["http://www.belnaft.co.uk/"]
    assert any("06527449" in v for v in bnk.ids(IdScheme.REGISTRATION))


def test_uk_refuses_a_designation_without_unique_id() -> None:
    with pytest.raises(InputError) as caught:
        _load(UK_0814)
    assert str(caught.value) == (
        f"{UK_0814}, line 353: Designation with no UniqueID: not a valid UK Sanctions List record"
    )


def test_uk_excerpt_without_the_synthetic_record_loads(tmp_path: Path) -> None:
    clean = _without_last_record(UK_0814, tmp_path / "uk.xml", "Designation")
    loaded = _load(clean)
    assert dict(loaded.skipped) == {"individual": 2, "vessel": 1}
    [ktj] = loaded.entities
    assert ktj.caption == "Khatiba al-Tawhid wal-Jihad (KTJ)"
    assert "Катиба ат-Таухид валь-Джихад" in ktj.name_values()
    assert ktj.memberships[0].listed_on == date(2022, 3, 7)


def test_cli_refusal_leaves_the_store_unchanged(cli: Cli, cli_env: dict[str, str]) -> None:
    assert cli("load", EU_A, UK_0910).exit_code == 0
    store = Store(cli_env["COUNTERSIGHT_DB"])
    before = snapshot(store)
    result = cli("load", EU_B)
    assert result.exit_code == 2
    flat = " ".join(result.output.split())
    assert flat.startswith("error:")
    assert "line 181, record logicalId 999999" in flat
    assert snapshot(store) == before
    assert {"eu_fsf", "gb_fcdo_sanctions"} <= {s.dataset for s in store.sources()}

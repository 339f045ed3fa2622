"""Names keep their language (EU ``nameLanguage``) or, where none is given, their script:
real records of the EU and UK excerpts, and the tags surviving the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from countersight.model import Entity, Lang
from countersight.normalize.scripts import name_lang, script_of
from countersight.sources import plan
from countersight.store import Store
from tests.conftest import EXCERPTS, Cli

EU_A = EXCERPTS / "eu" / "eu-fsf-2026-08-05-excerpt-a.xml"
EU_B = EXCERPTS / "eu" / "eu-fsf-2026-08-05-excerpt-b.xml"
UK_0910 = EXCERPTS / "uk" / "uk-sanctions-list-2026-09-10-excerpt.xml"
UK_0814 = EXCERPTS / "uk" / "uk-sanctions-list-2026-08-14-excerpt.xml"


def _entities(path: Path, tmp_path: Path) -> dict[str, Entity]:
    """The organisations of an excerpt; a file with a synthetic bad last record is cut to
    its real records first (as the EU/UK loader tests do)."""
    text = path.read_text(encoding="utf-8")
    tag = "sanctionEntity" if "sanctionEntity" in text else "Designation"
    start = text.rindex(f"<{tag}")
    if path in (EU_B, UK_0814):
        end = text.index(f"</{tag}>", start) + len(f"</{tag}>")
        text = text[:start] + text[end:]
    copy = tmp_path / path.name
    copy.write_text(text, encoding="utf-8")
    [job] = plan([copy])
    return {e.id: e for e in job.run().entities}


def _tags(entity: Entity) -> dict[str, Lang]:
    return {n.value: n.lang for n in entity.names}


def test_eu_names_carry_the_language_the_eu_gives(tmp_path: Path) -> None:
    [pci] = _entities(EU_A, tmp_path).values()
    tags = _tags(pci)
    assert tags["Tionscail Ceimiceán Parchin"] == Lang.GA
    assert tags["Parcsini Vegyipari Vállalat"] == Lang.HU
    assert tags["Industrias Químicas Parchin"] == Lang.ES
    assert tags["Parchin-Militärbasis"] == Lang.DE
    assert tags["صنایع شیمیایی پارچین"] == Lang.FA  # Persian, not Arabic, though the script is
    assert tags["Parchin Chemical Industries (PCI)"] == Lang.EN
    assert pci.caption == "Parchin Chemical Industries (PCI)"


def test_eu_cyrillic_alias_is_bulgarian_and_untagged_latin_stays_und(tmp_path: Path) -> None:
    by_id = _entities(EU_B, tmp_path)
    trust = next(e for e in by_id.values() if "Al-Rashid Trust" in e.name_values())
    assert _tags(trust)["Организация за подпомагане на Ulema, Пакистан"] == Lang.BG
    grf = next(e for e in by_id.values() if "Global Relief Foundation (GRF)" in e.name_values())
    assert _tags(grf)["Global Relief Foundation (GRF)"] == Lang.UND  # nameLanguage=""


def test_uk_non_latin_names_are_tagged_by_script(tmp_path: Path) -> None:
    exchange = _entities(UK_0910, tmp_path)["gb-fcdo-AFG0001"]
    tags = _tags(exchange)
    assert tags["حاجی خيرالله صرافی"] == Lang.UND_ARAB  # the list gives no language
    assert tags["HAJI KHAIRULLAH MONEY EXCHANGE"] == Lang.UND
    [tawhid] = _entities(UK_0814, tmp_path).values()
    assert _tags(tawhid)["Катиба ат-Таухид валь-Джихад"] == Lang.UND_CYRL


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("海康威视", None, Lang.ZH_HANS),
        ("海康威視", None, Lang.ZH_HANT),
        ("海康威視", "ZH", Lang.ZH_HANT),  # the EU's ZH: the characters say which
        ("Hikvision", "ZH", Lang.UND),  # ZH on Latin letters: not Chinese script
        ("Катиба", "XX", Lang.UND_CYRL),  # an unknown code: the script still shows
        ("Катиба", "ru", Lang.RU),
        ("Ελληνική Εταιρεία", None, Lang.UND_GREK),
        ("株式会社オリエント", None, Lang.UND_JPAN),  # kana make it Japanese, not Chinese
        ("Global Relief Foundation", None, Lang.UND),
        ("12345", None, Lang.UND),
    ],
)
def test_name_lang(text: str, code: str | None, expected: Lang) -> None:
    assert name_lang(text, code) == expected


def test_script_of_takes_the_majority_of_letters() -> None:
    assert script_of("Организация за подпомагане на Ulema, Пакистан") == "Cyrl"
    assert script_of("BNK (UK) Ltd") == "Latn"
    assert script_of("- 1 -") is None


def test_tags_survive_the_store(cli: Cli, cli_env: dict[str, str], tmp_path: Path) -> None:
    shutil.copy(UK_0910, tmp_path / "uk.xml")
    assert cli("load", tmp_path / "uk.xml").exit_code == 0
    [exchange] = [
        e for e in Store(cli_env["COUNTERSIGHT_DB"]).entities() if e.id == "gb-fcdo-AFG0001"
    ]
    assert _tags(exchange)["حاجی خيرالله صرافی"] == Lang.UND_ARAB

"""A UN consolidated list that repeats a record loads once, like the other lists; the CLI
says so in one line, never with an IntegrityError traceback."""

from __future__ import annotations

from pathlib import Path

from countersight.sources.un import load
from tests.conftest import Cli

ENTITY = """<ENTITY>
  <DATAID>{uid}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>{name}</FIRST_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.{uid}</REFERENCE_NUMBER>
  <LISTED_ON>2017-06-02</LISTED_ON>
  <ENTITY_ADDRESS><CITY>Pyongyang</CITY><COUNTRY>Democratic People's Republic of Korea</COUNTRY>
  </ENTITY_ADDRESS>
</ENTITY>"""


def _list(tmp_path: Path, *entities: tuple[str, str]) -> Path:
    body = "".join(ENTITY.format(uid=uid, name=name) for uid, name in entities)
    path = tmp_path / "consolidated.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST '
        'dateGenerated="2026-02-27T00:00:00.000-05:00"><INDIVIDUALS/>'
        f"<ENTITIES>{body}</ENTITIES></CONSOLIDATED_LIST>\n",
        encoding="utf-8",
    )
    return path


def test_a_repeated_record_is_loaded_once(tmp_path: Path) -> None:
    path = _list(
        tmp_path,
        ("6908001", "KOREA KWANGSON BANKING CORP."),
        ("6908002", "KOREA RYONBONG GENERAL CORPORATION"),
        ("6908001", "KOREA KWANGSON BANKING CORP."),
    )
    loaded = load(path)
    assert [e.id for e in loaded.entities] == ["un-6908001", "un-6908002"]
    assert loaded.skipped["duplicate record"] == 1
    assert loaded.warnings == []


def test_differing_copies_keep_the_first_with_a_warning(cli: Cli, tmp_path: Path) -> None:
    path = _list(
        tmp_path,
        ("6908001", "KOREA KWANGSON BANKING CORP."),
        ("6908001", "KOREA KWANGSON BANKING CORPORATION"),
    )
    loaded = load(path)
    assert [e.caption for e in loaded.entities] == ["KOREA KWANGSON BANKING CORP."]
    assert loaded.warnings == [
        "record 6908001 appears twice with different content; the first copy is loaded"
    ]
    result = cli("load", path)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "IntegrityError" not in result.output

"""Bad input: one clear line naming the file, the line and the problem; exit code 2; the
store exactly as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from countersight.store import Store
from tests.conftest import Cli, fixture_data
from tests.storeutil import snapshot


@pytest.fixture
def loaded(cli: Cli, cli_env: dict[str, str]) -> Callable[[], dict[str, object]]:
    """A store holding the non-SDN list; returns a snapshot function."""
    result = cli("load", fixture_data("ofac-consolidated-nonsdn-2025-12"))
    assert result.exit_code == 0, result.output
    store = Store(cli_env["COUNTERSIGHT_DB"])
    return lambda: snapshot(store)


def _lines(path: Path, count: int | None = None) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return lines[:count] if count else lines


def _bad(tmp_path: Path, name: str, content: bytes | str) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _assert_refused(
    cli: Cli,
    path: Path,
    before: dict[str, object],
    snapshot: Callable[[], dict[str, object]],
    *needles: str,
) -> None:
    result = cli("load", path)
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert message.startswith("error:"), message
    assert len(message.splitlines()) <= 3  # one line, possibly wrapped by the terminal width
    flat = " ".join(message.split())
    for needle in needles:
        assert needle in flat, flat
    assert snapshot() == before


def test_ofac_csv_without_end_of_file_record(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    path = _bad(
        tmp_path, "sdn.csv", "".join(_lines(fixture_data("ofac-sdn-csv-2024-05/sdn.csv"), 50))
    )
    _assert_refused(cli, path, before, loaded, "sdn.csv", "line 51", "end-of-file")


def test_ofac_csv_with_wrong_columns(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    lines = _lines(fixture_data("ofac-sdn-csv-2024-05/sdn.csv"))
    lines[9] = '999,"SHORT ROW",-0- ,"CUBA"\r\n'
    path = _bad(tmp_path, "sdn.csv", "".join(lines))
    _assert_refused(cli, path, before, loaded, "line 10", "expected 12 columns, found 4")


def test_xml_that_breaks_off(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    data = (fixture_data("ofac-consolidated-xml-2018/consolidated.xml")).read_bytes()[:20000]
    path = _bad(tmp_path, "consolidated.xml", data)
    line = data.count(b"\n") + 1
    _assert_refused(cli, path, before, loaded, "consolidated.xml", f"line {line}", "truncated")


def test_undecodable_byte(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    lines = (fixture_data("us-csl/consolidated-2025-sample.csv")).read_bytes().split(b"\n")
    assert b"Atlas" in lines[2]
    lines[2] = lines[2].replace(b"Atlas", b"Atl\xff\xfes", 1)
    path = _bad(tmp_path, "csl.csv", b"\n".join(lines))
    _assert_refused(cli, path, before, loaded, "csl.csv", "line 3", "0xff", "not valid UTF-8")


def test_gb18030_list_file_is_refused_not_garbled(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    text = (fixture_data("us-csl/consolidated-2025-sample.csv")).read_text(encoding="utf-8")
    text = text.replace("Atlas Sanatgaran", "海康威视数字技术", 1)
    path = _bad(tmp_path, "csl-gb.csv", text.encode("gb18030"))
    _assert_refused(cli, path, before, loaded, "csl-gb.csv", "line 3", "UTF-8")


def test_csl_with_missing_columns(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    path = _bad(
        tmp_path,
        "csl.csv",
        "source,name,type,programs,alt_names,addresses,ids\nEL,Good Co,,,,,\nEL,Bad Row\n",
    )
    _assert_refused(cli, path, before, loaded, "line 3", "expected 7 columns, found 2")


def test_unknown_format_and_empty_file(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    _assert_refused(
        cli, _bad(tmp_path, "notes.txt", "hello\n"), before, loaded, "notes.txt", "--format"
    )
    _assert_refused(cli, _bad(tmp_path, "empty.csv", ""), before, loaded, "empty.csv")


def test_nport_file_is_pointed_to_screen(cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    _assert_refused(
        cli,
        fixture_data("sec-nport/SEC_NPORT_technical_sample_1.xml"),
        before,
        loaded,
        "N-PORT",
        "countersight screen",
    )


def test_partial_ofac_folder(cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    _assert_refused(
        cli, fixture_data("ofac-sdn-csv-2025-12-partial"), before, loaded, "primary file sdn.csv"
    )


def test_malformed_ftm_line(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    good = '{"id": "x1", "schema": "Company", "properties": {"name": ["X Co"]}}'
    path = _bad(tmp_path, "data.ftm.json", good + "\n" + good.replace("x1", "x2") + "\n{not json\n")
    _assert_refused(cli, path, before, loaded, "data.ftm.json", "line 3", "malformed JSON")


def test_one_bad_file_among_several_changes_nothing(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    good = tmp_path / "good"
    shutil.copytree(fixture_data("ofac-sdn-csv-2021-07"), good)
    bad = _bad(
        tmp_path,
        "consolidated.xml",
        (fixture_data("ofac-consolidated-xml-2018/consolidated.xml")).read_bytes()[:5000],
    )
    result = cli("load", good, bad)
    assert result.exit_code == 2
    assert loaded() == before


def _dpl_lines() -> list[str]:
    return _lines(fixture_data("bis-dpl/dpl-2022.txt"))


def test_dpl_with_an_unterminated_quote(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    lines = _dpl_lines()
    lines[4] = lines[4].replace('"', "", 1).rstrip("\n") + '\t"x\n'
    path = _bad(tmp_path, "dpl.txt", "".join(lines))
    _assert_refused(cli, path, before, loaded, "dpl.txt", "malformed CSV")


def test_dpl_in_gb18030_is_refused_not_garbled(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    lines = _dpl_lines()
    lines[2] = lines[2].replace("AARON", "深圳某电子", 1)
    path = _bad(tmp_path, "dpl-gb.txt", "".join(lines).encode("gb18030"))
    _assert_refused(cli, path, before, loaded, "dpl-gb.txt", "line 3", "not valid UTF-8")


def test_agency_file_with_an_unexpected_header(tmp_path: Path, cli: Cli, loaded) -> None:  # type: ignore[no-untyped-def]
    before = loaded()
    path = _bad(tmp_path, "uvl.csv", "COUNTRY,NAME,ADDRESS\nChina,Acme Co.,Beijing\n")
    path.write_text("COUNTRY,NAME,ADDRESS\nChina,Acme Co.,Beijing\n", encoding="utf-8")
    result = cli("load", path, "--format", "ddtc-debarred")
    assert result.exit_code == 2
    assert "not a DDTC ITAR debarred parties CSV" in " ".join(result.output.split())
    assert loaded() == before

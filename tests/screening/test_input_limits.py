"""Hostile and broken files: bounded reading, one clean refusal naming the file (exit 2),
never a traceback, a MemoryError or a machine brought to its knees."""

from __future__ import annotations

import io
import random
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from countersight.exc import InputError
from countersight.inputs.limits import MAX_NAME_CHARS
from countersight.inputs.portfolio import ReadOptions, read_portfolio
from countersight.normalize.chinese import segment_pinyin
from tests.conftest import Cli
from tests.screening.xlsx_files import cell, holdings_rows, row, sheet_xml, workbook


def _refusal(path: Path, **options: object) -> str:
    with pytest.raises(InputError) as caught:
        read_portfolio(path, ReadOptions(**options))  # type: ignore[arg-type]
    return caught.value.message


def _many_rows(count: int) -> list[str]:
    rows = holdings_rows()[:1]
    for n in range(2, count + 1):
        rows.append(row(n, cell(f"A{n}", f"Company {n} Ltd"), cell(f"C{n}", 0.005)))
    return rows


def test_a_cell_in_column_xfd_is_refused_not_padded(tmp_path: Path) -> None:
    # 20,000 rows and one cell in the last column: openpyxl would pad every row to 16,384
    # cells (2.5 GB). Read row by row, the workbook is refused at that cell.
    rows = _many_rows(20_000)
    rows[4] = rows[4].replace("</row>", cell("XFD5", "x") + "</row>")
    path = tmp_path / "wide.xlsx"
    path.write_bytes(workbook(sheet_xml(rows, "A1:XFD20000")))
    assert path.stat().st_size < 400_000
    assert _refusal(path) == (
        f"{path}, line 5: a value in column XFD, beyond the 1,000-column limit (ALL); "
        "delete what lies to the right of the data"
    )


def test_a_declared_range_to_xfd_does_not_pad_rows(tmp_path: Path) -> None:
    path = tmp_path / "declared.xlsx"
    path.write_bytes(workbook(sheet_xml(_many_rows(20_000), "A1:XFD1048576")))
    tracemalloc.start()
    try:
        portfolio = read_portfolio(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(portfolio.rows) == 19_999
    assert portfolio.rows[-1].name == "Company 20000 Ltd"
    assert peak < 150 * 2**20  # padded to XFD, the same rows take gigabytes


def test_shared_strings_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>' + "A" * (60 * 2**20) + "</t></si></sst>"
    )
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(workbook(sheet_xml(holdings_rows()), shared=shared))
    assert path.stat().st_size < 300_000
    message = _refusal(path)
    assert message.startswith(f"{path}: workbook part xl/sharedStrings.xml inflates ")
    assert message.endswith("times to 60 MiB (limit 200 times): refused as a zip bomb")


BROKEN: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "no workbook part": lambda data: _without(data, "xl/workbook.xml"),
    "sheet is not XML": lambda data: _replace(data, "xl/worksheets/sheet1.xml", "<worksheet><row"),
    "shared string index out of range": lambda data: _replace(
        data,
        "xl/worksheets/sheet1.xml",
        sheet_xml([row(1, '<c r="A1" t="s"><v>7</v></c>', cell("B1", "ISIN"))]),
    ),
    "number cell with text": lambda data: _replace(
        data, "xl/worksheets/sheet1.xml", sheet_xml([row(1, '<c r="A1"><v>abc</v></c>')])
    ),
    "bad cell reference": lambda data: _replace(
        data, "xl/worksheets/sheet1.xml", sheet_xml([row(1, '<c r="??"><v>1</v></c>')])
    ),
}


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _without(data: bytes, name: str) -> bytes:
    return _zip({k: v for k, v in _parts(data).items() if k != name})


def _replace(data: bytes, name: str, text: str) -> bytes:
    return _zip({**_parts(data), name: text.encode()})


@pytest.mark.parametrize("damage", sorted(BROKEN))
def test_malformed_workbooks_are_one_clean_error(cli: Cli, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "holdings.xlsx"
    path.write_bytes(BROKEN[damage](workbook(sheet_xml(holdings_rows()))))
    result = cli("screen", path, "--no-save")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert "Traceback" not in result.output
    assert " ".join(lines).startswith(f"error: {path}")


def test_mutated_workbooks_never_crash(tmp_path: Path) -> None:
    # 150 seeded random mutations of a valid workbook's bytes: each reads or is refused.
    original = workbook(sheet_xml(holdings_rows()))
    generator = random.Random(9)
    outcomes = {"read": 0, "refused": 0}
    for n in range(150):
        data = bytearray(original)
        for _ in range(generator.randint(1, 8)):
            data[generator.randrange(len(data))] = generator.randrange(256)
        path = tmp_path / f"m{n}.xlsx"
        path.write_bytes(bytes(data))
        files: list[str | None] = []
        try:
            read_portfolio(path)
            outcomes["read"] += 1
        except InputError as exc:
            files.append(exc.file)
            outcomes["refused"] += 1
        assert files in ([], [str(path)])
    assert outcomes["refused"] > 50


def test_dev_zero_and_folders_without_data_files_are_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", "/dev/zero", "--no-save")
    assert result.exit_code == 2
    assert (
        result.output.strip() == "error: /dev/zero: not a regular file (a device, pipe or folder)"
    )
    # A folder is screened as one file (tests/screening/test_spend_folder.py), but this one
    # holds only the test's store.
    result = cli("screen", tmp_path, "--no-save")
    assert result.exit_code == 2
    assert "the folder holds no CSV, TSV or XLSX file" in " ".join(result.output.split())


def test_pinyin_segmentation_is_linear_in_memory() -> None:
    token = "haikangweishi" * 1_500  # 19,500 letters of valid pinyin
    tracemalloc.start()
    try:
        pieces = segment_pinyin(token)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pieces is not None
    assert pieces[:4] == ("hai", "kang", "wei", "shi")
    assert len(pieces) == 6_000
    assert peak < 8 * 2**20  # every prefix's split kept as a tuple took over 300 MB


def test_a_single_very_long_name_is_refused_with_its_reason(cli: Cli, tmp_path: Path) -> None:
    name = "Hikvision " * 99 + "Hikvision!"  # 1,000 characters
    path = tmp_path / "long.csv"
    path.write_text(f"Name\n{name}\n", encoding="utf-8")
    result = cli("screen", path, "--no-save")
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == (
        f"error: {path}, line 2, column 'Name': the name is 1,000 characters long, beyond "
        f"the limit of {MAX_NAME_CHARS} characters (--skip-invalid screens the other rows "
        "and lists this one)"
    )


def test_a_long_name_beside_others_is_skipped_and_listed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Name\n" + "A" * 1000 + "\nHikvision\n", encoding="utf-8")
    portfolio = read_portfolio(path, ReadOptions(skip_invalid=True))
    assert [h.name for h in portfolio.rows] == ["Hikvision"]
    assert [(s["line"], s["reason"]) for s in portfolio.skipped] == [
        (2, "column 'Name': the name is 1,000 characters long, beyond the limit of 500 characters")
    ]
    result = cli("screen", path, "--skip-invalid", "--no-save", "--json")
    assert result.exit_code == 0, result.output
    assert '"skipped_rows": 1' in result.output


def test_a_100000_character_name_is_refused_not_a_memory_error(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "huge-name.csv"
    path.write_text("Name,Weight\n" + "haikang" * 14_286 + ",1\nHikvision,2\n", encoding="utf-8")
    assert path.stat().st_size > 100_000
    result = cli("screen", path, "--no-save")
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == (
        f"error: {path}, line 2: a cell of 100,002 characters (limit 32,767)"
    )


def test_nul_bytes_in_cells_are_removed_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Name,Weight\nHik\x00vision,2\nAcme\x00\x00 Ltd,3\n")
    portfolio = read_portfolio(path)
    assert [h.name for h in portfolio.rows] == ["Hikvision", "Acme Ltd"]
    assert "removed 3 control character(s) (such as NUL) from cells" in portfolio.notes


def test_a_refusal_quotes_only_the_start_of_a_huge_cell(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.csv"
    path.write_text(f"Issuer Name,Weight (%)\nAcme Co,1{'0x' * 5000}\n", encoding="utf-8")
    assert _refusal(path) == (
        f"{path}, line 2, column 'Weight (%)': weight '1{'0x' * 29}0…' is not a number "
        "(--skip-invalid screens the other rows and lists this one)"
    )
    path.write_text(f"Name,ISIN\nAcme Co,{'X' * 5000}\n", encoding="utf-8")
    assert len(_refusal(path)) < 300

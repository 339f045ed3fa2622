"""Read spreadsheets users bring: CSV or TSV in any usual encoding, or XLSX.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16), strict UTF-8, GB18030 (when
what it decodes reads as Chinese), then Windows-1252 (when it reads as accented Latin).
Anything else is refused with the line of the first byte that fits none of them; ``encoding``
overrides the detection.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from countersight.exc import InputError
from countersight.files import read_bytes, reads_as_latin
from countersight.normalize.text import has_han

Row = tuple[int, list[str]]  # (line or sheet row number, cells)


@dataclass(slots=True)
class Table:
    """The raw rows of a file and how they were decoded."""

    rows: list[Row]
    encoding: str | None  # None for XLSX


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK_OR_PUNCT = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2000-\u206f]")


def _reads_as_chinese(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    fitting = sum(1 for c in non_ascii if _CJK_OR_PUNCT.match(c))
    return fitting / len(non_ascii) >= 0.9 and has_han(text)


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text file; returns (text, encoding used) or raises a precise InputError."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}", file=str(path)) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise InputError(
                    f"invalid {name} byte at offset {exc.start}", file=str(path), line=line
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc
    try:
        text = data.decode("gb18030")
        if _reads_as_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if reads_as_latin(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    line = data[: first_bad.start].count(b"\n") + 1
    raise InputError(
        f"byte 0x{data[first_bad.start]:02x} at offset {first_bad.start} is not UTF-8, and the "
        "file does not read as GB18030 or Windows-1252 either; give --encoding",
        file=str(path),
        line=line,
    )


def _delimiter(text: str, path: Path) -> str:
    sample = "\n".join(text.splitlines()[:30])
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_text_table(data: bytes, path: Path, encoding: str | None = None) -> Table:
    text, used = decode(data, path, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, path))
    rows: list[Row] = []
    try:
        for cells in reader:
            rows.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", file=str(path), line=reader.line_num) from exc
    return Table(rows, used)


def read_xlsx(data: bytes, path: Path, sheet: str | None = None) -> Table:
    """All rows of one worksheet (the first, or ``sheet``) as text cells."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            f"not a readable XLSX workbook ({exc.__class__.__name__}: {exc})", file=str(path)
        ) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(
                f"no worksheet {sheet!r} (sheets: {', '.join(book.sheetnames)})", file=str(path)
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        rows: list[Row] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell(v) for v in values]))
        return Table(rows, None)
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def read_table(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Rows of a CSV, TSV or XLSX file."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty", file=str(path))
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(data, path, sheet)
    return read_text_table(data, path, encoding)

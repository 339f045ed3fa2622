"""Read spreadsheets users bring: CSV or TSV in any usual encoding, or XLSX.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16), strict UTF-8, GB18030 (when
what it decodes reads as Chinese), then Windows-1252 (when it reads as accented Latin).
Anything else is refused with the line of the first byte that fits none of them; ``encoding``
overrides the detection.

Each row carries the line it starts on. A quote that swallows what look like rows is refused
naming the line where it opened; control characters are removed from cells (with a note);
files beyond :mod:`countersight.inputs.limits` are refused. XLSX is read by
:mod:`countersight.inputs.xlsx`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from countersight.exc import InputError, mention
from countersight.files import read_bytes, reads_as_latin
from countersight.inputs.limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
)
from countersight.inputs.xlsx import HeaderScore, Row, read_xlsx
from countersight.normalize.text import has_han


@dataclass(slots=True)
class Table:
    """The raw rows of a file and how they were read. ``numbers`` holds the (line, column)
    of XLSX cells that were numbers, whose text needs no format detection."""

    rows: list[Row]
    encoding: str | None  # None for XLSX
    delimiter: str | None = None
    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)
    numbers: set[tuple[int, int]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


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
        f"file does not read as GB18030 or Windows-1252 either; give {mention('encoding')}",
        file=str(path),
        line=line,
    )


def _delimiter(text: str, path: Path) -> str:
    sample = "\n".join(text[:200_000].splitlines()[:30])
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(cells: list[str], removed: list[int]) -> list[str]:
    """Cells stripped of spaces and of control characters (NUL and the like), counted."""
    out = []
    for cell in cells:
        if _CONTROL.search(cell):
            removed[0] += len(_CONTROL.findall(cell))
            cell = _CONTROL.sub("", cell)
        out.append(cell.strip())
    return out


def _width(records: list[tuple[int, int, list[str]]]) -> int:
    """The usual number of fields per record (the most common count among non-empty ones)."""
    counts = Counter(len(c) for _, _, c in records if any(x.strip() for x in c))
    return counts.most_common(1)[0][0] if counts else 1


def _check_quotes(records: list[tuple[int, int, list[str]]], delimiter: str, path: Path) -> None:
    """A quote that swallows rows: a cell spanning lines whose inner lines read as rows."""
    width = _width(records)
    for start, end, cells in records:
        if end == start:
            continue
        for cell in cells:
            inner = cell.split("\n")
            if len(inner) < 2:
                continue
            rowlike = width == 1 or any(
                line.count(delimiter) >= max(1, width - 1) for line in inner
            )
            if rowlike:
                raise InputError(
                    f"a quote opens here and is not closed until line {end} (or the end of "
                    f"the file), so {end - start + 1} lines would be read as one cell; close "
                    "or remove the quote",
                    file=str(path),
                    line=start,
                )


def read_text_table(data: bytes, path: Path, encoding: str | None = None) -> Table:
    """The records of a CSV or TSV file, each with the line it starts on."""
    text, used = decode(data, path, encoding)
    delimiter = _delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, int, list[str]]] = []
    cells_read = 0
    removed = [0]
    start = 1
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
                raise InputError(
                    f"{len(cells):,} fields, beyond the {MAX_COLUMNS:,}-column limit",
                    file=str(path),
                    line=start,
                )
            cells_read += len(cells)
            if len(records) >= MAX_ROWS or cells_read > MAX_CELLS:
                raise InputError(
                    f"more than {MAX_ROWS:,} rows or {MAX_CELLS:,} cells (the limits)",
                    file=str(path),
                    line=start,
                )
            long = next((c for c in cells if len(c) > MAX_CELL_CHARS), None)
            if long is not None:
                raise InputError(
                    f"a cell of {len(long):,} characters (limit {MAX_CELL_CHARS:,})",
                    file=str(path),
                    line=start,
                )
            records.append((start, reader.line_num, _clean(cells[:MAX_COLUMNS], removed)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", file=str(path), line=start) from exc
    _check_quotes(records, delimiter, path)
    table = Table([(s, c) for s, _, c in records], used, delimiter=delimiter)
    if removed[0]:
        table.notes.append(f"removed {removed[0]} control character(s) (such as NUL) from cells")
    return table


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    score: HeaderScore | None = None,
) -> Table:
    """Rows of a CSV, TSV or XLSX file (``score`` tells which worksheet holds the data)."""
    data = read_bytes(path, MAX_FILE_BYTES)
    if not data.strip():
        raise InputError("the file is empty", file=str(path))
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        book = read_xlsx(data, path, sheet, score or (lambda rows: 0))
        removed = [0]
        rows = [(line, _clean(cells, removed)) for line, cells in book.rows]
        table = Table(rows, None, sheet=book.name, other_sheets=book.others, numbers=book.numbers)
        if removed[0]:
            table.notes.append(
                f"removed {removed[0]} control character(s) (such as NUL) from cells"
            )
        return table
    if sheet is not None:
        raise InputError(f"{mention('sheet')} applies to XLSX workbooks only", file=str(path))
    return read_text_table(data, path, encoding)

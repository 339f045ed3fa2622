"""Read XLSX workbooks within limits, streaming, so no workbook can take the machine's memory.

Before anything is parsed, the zip's own table of contents is checked: the parts' total
inflated size, each large part's compression ratio and the shared-strings part's size
(:mod:`countersight.inputs.limits`). Worksheets are then read row by row (openpyxl's
read-only mode with the declared dimensions ignored, so a stray cell in column XFD does not
pad every row to 16,384 cells); a value beyond :data:`MAX_COLUMNS`, or more rows or cells than
the limits, is refused. Any failure of a malformed workbook becomes one :class:`InputError`
naming the file.

With several worksheets, the one whose top rows hold the best recognisable header is read
(several equally good ones are refused); ``sheet`` picks one by name (any case) or by
1-based number.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from countersight.exc import InputError, mention
from countersight.inputs.limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_INFLATED_BYTES,
    MAX_PART_RATIO,
    MAX_ROWS,
    MAX_SHARED_STRINGS_BYTES,
)

Row = tuple[int, list[str]]  # (line or sheet row number, cells)
HeaderScore = Callable[[list[Row]], int]
_MIB = 1024 * 1024


@dataclass(slots=True)
class Sheet:
    """The rows of one worksheet; ``numbers`` holds the (row, column) of cells that were
    numbers in the workbook (their text is already unambiguous)."""

    rows: list[Row]
    name: str
    others: list[str] = field(default_factory=list)
    numbers: set[tuple[int, int]] = field(default_factory=set)


def check_archive(data: bytes, path: Path) -> None:
    """Refuse a zip whose parts would inflate past the limits, before parsing any of it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # a damaged zip fails in many ways, all of them bad input
        raise InputError(
            f"not a readable XLSX workbook (damaged zip: {exc})", file=str(path)
        ) from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _MIB and ratio > MAX_PART_RATIO:
            raise InputError(
                f"workbook part {info.filename} inflates {ratio:,.0f} times to "
                f"{info.file_size / _MIB:,.0f} MiB (limit {MAX_PART_RATIO} times): refused as a "
                "zip bomb",
                file=str(path),
            )
        if info.filename.lower().endswith("sharedstrings.xml") and (
            info.file_size > MAX_SHARED_STRINGS_BYTES
        ):
            raise InputError(
                f"the workbook's text ({info.file_size / _MIB:,.0f} MiB) is beyond the "
                f"{MAX_SHARED_STRINGS_BYTES // _MIB} MiB limit",
                file=str(path),
            )
    if total > MAX_INFLATED_BYTES:
        raise InputError(
            f"the workbook inflates to {total / _MIB:,.0f} MiB, beyond the "
            f"{MAX_INFLATED_BYTES // _MIB} MiB limit",
            file=str(path),
        )


def _text(value: object) -> tuple[str, bool]:
    """A cell as text, and whether it was a number."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value)), True
        return repr(value), True
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time() else value.isoformat()), False
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(), False
    return str(value).strip(), False


def _column_letters(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(min(number, 16384))


def _rows(ws: Any, path: Path, numbers: set[tuple[int, int]]) -> Iterator[Row]:
    """The non-empty rows of a worksheet, within the limits."""
    cells = 0
    ws.reset_dimensions()  # trust the cells, not the declared range
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise InputError(f"more than {MAX_ROWS:,} rows (the limit)", file=str(path))
        if not values:
            continue
        if len(values) > MAX_COLUMNS:
            beyond = next(
                (i for i, v in enumerate(values[MAX_COLUMNS:], MAX_COLUMNS) if v not in (None, "")),
                None,
            )
            if beyond is not None:
                raise InputError(
                    f"a value in column {_column_letters(beyond + 1)}, beyond the "
                    f"{MAX_COLUMNS:,}-column limit ({_column_letters(MAX_COLUMNS)}); delete "
                    "what lies to the right of the data",
                    file=str(path),
                    line=number,
                )
            values = values[:MAX_COLUMNS]
        texts = []
        for col, value in enumerate(values):
            text, is_number = _text(value)
            if len(text) > MAX_CELL_CHARS:
                raise InputError(
                    f"a cell of {len(text):,} characters (limit {MAX_CELL_CHARS:,})",
                    file=str(path),
                    line=number,
                )
            if is_number:
                numbers.add((number, col))
            texts.append(text)
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            cells += sum(1 for t in texts if t)
            if cells > MAX_CELLS:
                raise InputError(f"more than {MAX_CELLS:,} cells (the limit)", file=str(path))
            yield number, texts


def _top(ws: Any, path: Path, count: int = 40) -> list[Row]:
    """The first ``count`` non-empty rows, for telling which sheet holds the data."""
    rows: list[Row] = []
    for row in _rows(ws, path, set()):
        rows.append(row)
        if len(rows) >= count:
            break
    return rows


def _named(names: list[str], wanted: str, path: Path) -> str:
    """``--sheet``: a name in any case, or a 1-based number."""
    text = wanted.strip()
    if text.isdigit() and 1 <= int(text) <= len(names) and text not in names:
        return names[int(text) - 1]
    for name in names:
        if name == text or name.casefold() == text.casefold():
            return name
    raise InputError(
        f"no worksheet {wanted!r}; the sheets are {', '.join(repr(n) for n in names)} "
        f"(give a name or a number from 1 to {len(names)})",
        file=str(path),
    )


def _best(names: list[str], scores: dict[str, int], path: Path) -> str:
    """The worksheet whose header reads best; several reading equally well (two quarters'
    holdings, equities and bonds) are refused, since only one would be screened."""
    top = max(scores.values())
    tied = [n for n in names if scores[n] == top]
    if top > 0 and len(tied) > 1:
        raise InputError(
            f"the worksheets {', '.join(repr(n) for n in tied)} all hold a holdings or supplier "
            f"header, and one worksheet is screened at a time; say which with {mention('sheet')} "
            f"(a name or a number from 1 to {len(names)})",
            file=str(path),
        )
    return max(names, key=lambda n: (scores[n], -names.index(n)))


def _read(data: bytes, path: Path, wanted: str | None, score: HeaderScore) -> Sheet:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        names = [ws.title for ws in book.worksheets if hasattr(ws, "iter_rows")]
        if not names:
            raise InputError("the workbook has no worksheet", file=str(path))
        if wanted is not None:
            chosen = _named(names, wanted, path)
        elif len(names) == 1:
            chosen = names[0]
        else:
            chosen = _best(names, {name: score(_top(book[name], path)) for name in names}, path)
        numbers: set[tuple[int, int]] = set()
        rows = list(_rows(book[chosen], path, numbers))
        return Sheet(rows, chosen, [n for n in names if n != chosen], numbers)
    finally:
        book.close()


def read_xlsx(data: bytes, path: Path, sheet: str | None, score: HeaderScore) -> Sheet:
    """One worksheet's rows as text cells (see the module docstring for the limits)."""
    check_archive(data, path)
    try:
        return _read(data, path, sheet, score)
    except InputError:
        raise
    except MemoryError:
        raise InputError("the workbook is too large to read", file=str(path)) from None
    except Exception as exc:  # any failure of a malformed workbook is bad input
        problem = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise InputError(
            f"not a readable XLSX workbook ({exc.__class__.__name__}"
            + (f": {problem})" if problem else ")"),
            file=str(path),
        ) from exc

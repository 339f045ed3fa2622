"""A folder of files as one screening: a year of monthly spend files, say.

Every CSV, TSV and XLSX file directly in the folder is read, in name order, each on its own
(its encoding, number format and footnotes are its own: council files change encoding
from one month to the next). They must share one layout: a file whose columns differ from
the first file's is refused, naming both. The rows keep the file they came from and their
line in it, and are numbered on across the files.
"""

from __future__ import annotations

from pathlib import Path

from countersight.exc import InputError
from countersight.inputs.columns import normalize_header
from countersight.inputs.limits import MAX_ROWS
from countersight.inputs.portfolio import ReadOptions, read_portfolio
from countersight.model.portfolio import Portfolio

SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm")


def folder_files(folder: Path) -> tuple[list[Path], list[str]]:
    """(the files to read, in name order; the names of what is not read). Hidden files and
    spreadsheet lock files (``~$...``) are passed over in silence."""
    read: list[Path] = []
    other: list[str] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "~$")):
            continue
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            read.append(path)
        else:
            other.append(path.name + ("/" if path.is_dir() else ""))
    if not read:
        raise InputError(
            "the folder holds no CSV, TSV or XLSX file"
            + (f" (only {', '.join(other)})" if other else ""),
            file=str(folder),
        )
    return read, other


def layout(portfolio: Portfolio) -> list[str]:
    """A file's columns as compared across a folder: each used column's field and header,
    then the ignored headers, all as :func:`normalize_header` reads them."""
    used = sorted(f"{f}={normalize_header(c)}" for f, c in portfolio.columns.items())
    return [*used, *sorted(normalize_header(c) for c in portfolio.ignored_columns)]


def _differs(first: Portfolio, other: Portfolio) -> str:
    """What sets ``other``'s columns apart from ``first``'s, in the files' own words."""
    mine = {normalize_header(c): c for c in [*first.columns.values(), *first.ignored_columns]}
    theirs = {normalize_header(c): c for c in [*other.columns.values(), *other.ignored_columns]}
    missing = [repr(mine[k]) for k in mine if k not in theirs]
    extra = [repr(theirs[k]) for k in theirs if k not in mine]
    parts = []
    if missing:
        parts.append("no " + ", ".join(missing))
    if extra:
        parts.append("an extra " + ", ".join(extra))
    moved = [f for f in first.columns if other.columns.get(f) != first.columns[f]]
    if not parts and moved:
        parts.append("column(s) read differently: " + ", ".join(moved))
    return "; ".join(parts) or "a different header"


def read_folder(folder: Path, options: ReadOptions | None = None) -> Portfolio:
    """Read every data file in ``folder`` into one portfolio (see the module docstring)."""
    paths, other = folder_files(folder)
    parts: list[Portfolio] = []
    total = 0
    for path in paths:
        part = read_portfolio(path, options)
        if parts and layout(part) != layout(parts[0]):
            raise InputError(
                f"its columns differ from {paths[0].name}'s ({_differs(parts[0], part)}): a "
                "folder is screened as one file, so every file needs the same layout",
                file=str(path),
                line=part.header_line,
            )
        total += len(part.rows)
        if total > MAX_ROWS:
            raise InputError(
                f"the folder holds more than {MAX_ROWS:,} rows (the limit) by this file",
                file=str(path),
            )
        parts.append(part)
    return _merge(folder, paths, parts, other)


def _merge(folder: Path, paths: list[Path], parts: list[Portfolio], other: list[str]) -> Portfolio:
    first = parts[0]
    merged = Portfolio(
        file=str(folder),
        kind=first.kind,
        rows=[],
        columns=dict(first.columns),
        encoding=first.encoding,
        header_line=first.header_line,
        sheet=first.sheet,
        ignored_columns=list(first.ignored_columns),
    )
    shared = set(first.notes)
    for part in parts[1:]:
        shared &= set(part.notes)
    merged.notes.append(
        f"read {len(parts)} file(s) in name order as one screening: "
        + ", ".join(
            f"{p.name} ({len(part.rows)} rows, {part.encoding or 'XLSX'})"
            for p, part in zip(paths, parts, strict=True)
        )
    )
    if other:
        merged.notes.append("not read (not CSV, TSV or XLSX): " + ", ".join(other))
    merged.notes += [n for n in first.notes if n in shared]
    for path, part in zip(paths, parts, strict=True):
        merged.notes += [f"{path.name}: {n}" for n in part.notes if n not in shared]
        merged.files.append(
            {
                "file": path.name,
                "rows": len(part.rows),
                "encoding": part.encoding,
                "sheet": part.sheet,
            }
        )
        for holding in part.rows:
            holding.source = path.name
            holding.row = len(merged.rows) + 1
            merged.rows.append(holding)
        merged.skipped += [{**item, "file": path.name} for item in part.skipped]
    return merged


__all__ = ["SUFFIXES", "folder_files", "layout", "read_folder"]

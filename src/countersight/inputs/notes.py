"""What a reader says about a file, shown before any result in every front end: the
worksheet read, rows skipped before the header and after the data, the columns used (and
read through a typo) and ignored, rows skipped as invalid, unknown weights."""

from __future__ import annotations

from countersight.inputs.columns import match_header
from countersight.inputs.tabular import Table
from countersight.model.portfolio import Portfolio


def column_notes(header: list[str], columns: dict[str, int]) -> tuple[list[str], list[str]]:
    """(notes on how columns were read, the ignored columns)."""
    used = {i: f for f, i in columns.items()}
    notes = []
    typos = [
        f"{header[i]!r} as {f.replace('_', ' ')}"
        for i, f in used.items()
        if match_header(header[i])[1]
    ]
    if typos:
        notes.append("read the column " + ", ".join(typos) + " (closest known header)")
    described = ", ".join(f"{header[i]!r} → {f.replace('_', ' ')}" for i, f in sorted(used.items()))
    ignored = [h or f"column {i + 1}" for i, h in enumerate(header) if i not in used and h.strip()]
    notes.append(f"columns used: {described}")
    if ignored:
        notes.append("columns ignored: " + ", ".join(repr(h) for h in ignored))
    return notes, ignored


def describe(
    portfolio: Portfolio,
    table: Table,
    header: list[str],
    columns: dict[str, int],
    position: int,
    footnotes: list[tuple[int, list[str]]],
) -> None:
    """Put the notes on how the file was read ahead of those the rows added."""
    notes = []
    if table.sheet is not None and table.other_sheets:
        others = ", ".join(repr(s) for s in table.other_sheets)
        notes.append(f"read the worksheet {table.sheet!r}; other sheets not read: {others}")
    if position:
        notes.append(f"skipped {position} row(s) before the header")
    read, portfolio.ignored_columns = column_notes(header, columns)
    notes += read
    if footnotes:
        lines = f"line {footnotes[0][0]}" + (f"–{footnotes[-1][0]}" if len(footnotes) > 1 else "")
        notes.append(f"skipped {len(footnotes)} footnote row(s) after the data ({lines})")
    notes += table.notes
    if portfolio.skipped:
        notes.append(
            f"skipped {len(portfolio.skipped)} invalid row(s), as asked; "
            "each is listed with its reason"
        )
    unknown = portfolio.weight_unknown
    if unknown:
        notes.append(f"{len(unknown)} row(s) without a usable weight: weight unknown")
    portfolio.notes[:0] = notes

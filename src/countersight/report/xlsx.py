"""The Excel report: a Summary sheet and a Rows sheet, formatted for analysts.

Numbers keep Excel's General format (100 shows as 100, 2.5 as 2.5); the user's numeric
cells are written as numbers; each row carries its row in the file and its row key (what
``countersight decide`` takes)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from countersight.model.screening import file_line
from countersight.report.cells import input_notes, xlsx_text
from countersight.report.facts import category_labels, datasets
from countersight.report.suppliers import COLUMNS as SUPPLIER_COLUMNS
from countersight.report.suppliers import cells as supplier_cells

_FILLS = {
    "flagged": PatternFill("solid", fgColor="FDE2E1"),
    "review": PatternFill("solid", fgColor="FEF0C7"),
}
_BOLD = Font(bold=True)


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one value; text stays text (never a formula) and loses control characters."""
    text = isinstance(value, str)
    cell: Cell = ws.cell(row=row, column=column, value=xlsx_text(value) if text else value)
    if text:
        cell.data_type = "s"
    return cell


def _header(ws: Worksheet, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = _put(ws, row, col, value)
        cell.font = _BOLD
        cell.fill = PatternFill("solid", fgColor="F2F4F7")


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _summary(ws: Worksheet, document: dict[str, Any]) -> None:
    summary = document["summary"]
    ws.title = "Summary"
    ws["A1"] = "Countersight screening"
    ws["A1"].font = Font(bold=True, size=14)
    _put(ws, 2, 1, f"File: {document['input']['file']}   Run: {document.get('run') or '-'}")
    share_of = summary.get("share_of", "the portfolio")
    rows = [
        ("Rows", summary["rows"], None),
        ("Flagged rows", summary["flagged_rows"], None),
        ("Rows for review", summary["review_rows"], None),
        ("Total weight", summary["total_weight"], None),
        ("Exposed weight", summary["exposed_weight"], None),
        (f"Exposed share (of {share_of})", summary["exposed_share"], "0.00%"),
        ("Rows of unknown weight", summary.get("weight_unknown_rows", 0), None),
        ("Flagged rows of unknown weight", summary.get("weight_unknown_flagged", 0), None),
        ("Rows skipped as invalid", summary.get("skipped_rows", 0), None),
    ]
    for offset, (label, value, fmt) in enumerate(rows, start=4):
        ws.cell(row=offset, column=1, value=label).font = _BOLD
        cell = ws.cell(row=offset, column=2, value=value)
        if fmt:
            cell.number_format = fmt
    line = 4 + len(rows) + 1
    screened = datasets(document)
    _put(ws, line, 1, "Screened against").font = Font(bold=True, size=12)
    for offset, text in enumerate(screened, start=1):
        _put(ws, line + offset, 1, text)
    line += len(screened) + 2
    notes = input_notes(document)
    if notes:
        _put(ws, line, 1, "How the file was read").font = Font(bold=True, size=12)
        for offset, note in enumerate(notes, start=1):
            _put(ws, line + offset, 1, note)
        line += len(notes) + 2
    for title, key, label in (
        ("By company", "by_company", "caption"),
        ("By list or program", "by_list", "label"),
        ("By category", "by_category", "label"),
        ("By route", "by_route", "label"),
    ):
        ws.cell(row=line, column=1, value=title).font = Font(bold=True, size=12)
        _header(ws, line + 1, ["", "Weight", f"Share of {share_of}"])
        line += 2
        for item in document["breakdown"][key]:
            _put(ws, line, 1, item[label])
            ws.cell(row=line, column=2, value=item["weight"])
            ws.cell(row=line, column=3, value=item["share"]).number_format = "0.00%"
            line += 1
        line += 1
    _widths(ws, [44, 16, 20])


EXTRA = [
    "Row in file",
    "Status",
    "Weight",
    "Exposure",
    "Matched entity",
    "Entity id",
    "Via",
    "Score",
    "Lists",
    "Categories",
    "Path",
    "Evidence",
    "Row key",
    "Note",
]
_WIDTHS = [10, 10, 10, 10, 36, 22, 10, 8, 30, 30, 40, 60, 24, 40]
_WRAPPED = "Evidence"


def _findings(row: dict[str, Any], unknown: bool) -> list[Any]:
    """The values of :data:`EXTRA` for one screened row."""
    relevant = [m for m in row["matches"] if m["status"] == row["status"]] or row["matches"]
    first = relevant[0] if relevant else None
    return [
        row.get("line"),
        row["status"],
        row["weight"],
        row["exposure"],
        "; ".join(dict.fromkeys(m["caption"] for m in relevant)),
        "; ".join(dict.fromkeys(m["id"] for m in relevant)),
        first["via"] if first else "",
        first["score"] if first else None,
        "; ".join(dict.fromkeys(lb for m in relevant for lb in m["list_labels"])),
        "; ".join(dict.fromkeys(c for m in relevant for c in category_labels(m))),
        " | ".join(" → ".join(s["caption"] for s in m["path"]) for m in relevant if m["path"]),
        "\n".join(
            f"[{e['confidence']}] {e['publisher']} {e['date']}: {e['url'] or ''}"
            for m in relevant[:1]
            for e in m["evidence"][:3]
        ),
        row["key"],
        "weight unknown" if unknown and row["weight"] is None else None,
    ]


def _inputs(row: dict[str, Any], columns: list[str]) -> list[Any]:
    """The user's cells: numbers stay numbers, the rest is text."""
    numbers = row.get("numbers", {})
    return [numbers.get(k, row["input"].get(k, "")) for k in columns]


def _rows(ws: Worksheet, document: dict[str, Any]) -> None:
    rows = document["rows"]
    skipped = document["input"].get("skipped", [])
    inputs: list[str] = list(dict.fromkeys(k for r in [*rows, *skipped] for k in r["input"]))
    folder = bool(document["input"].get("files"))
    where = ["File:line"] if folder else []  # a folder screened as one: file and line
    _header(ws, 1, [*inputs, *EXTRA, *where])
    unknown = document["summary"].get("has_weights", False)
    wrapped = 1 + len(inputs) + EXTRA.index(_WRAPPED)
    for number, row in enumerate(rows, start=2):
        values = [*_inputs(row, inputs), *_findings(row, unknown)]
        if folder:
            values.append(file_line(row))
        for col, value in enumerate(values, start=1):
            cell = _put(ws, number, col, value)
            if row["status"] in _FILLS:
                cell.fill = _FILLS[row["status"]]
            if col == wrapped:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    number = len(rows) + 2
    for item in skipped:
        values = [*(item["input"].get(k, "") for k in inputs), item["line"], "skipped"]
        values += [*[None] * (len(EXTRA) - 3), f"line {item['line']}: {item['reason']}"]
        if folder:
            values.append(file_line(item))
        for col, value in enumerate(values, start=1):
            _put(ws, number, col, value)
        number += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(inputs) + len(EXTRA) + folder)}{number - 1}"
    _widths(ws, [18] * len(inputs) + _WIDTHS)


def _suppliers(ws: Worksheet, document: dict[str, Any]) -> None:
    """One line a supplier (:mod:`countersight.report.suppliers`), all of them."""
    _header(ws, 1, [c.replace("_", " ").capitalize() for c in SUPPLIER_COLUMNS])
    for number, supplier in enumerate(document["suppliers"], start=2):
        for col, value in enumerate(supplier_cells(supplier), start=1):
            cell = _put(ws, number, col, None if value == "" else value)
            if supplier["status"] in _FILLS:
                cell.fill = _FILLS[supplier["status"]]
        ws.cell(row=number, column=4).number_format = "0.00%"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = (
        f"A1:{get_column_letter(len(SUPPLIER_COLUMNS))}{len(document['suppliers']) + 1}"
    )
    _widths(ws, [36, 10, 14, 10, 10, 10, 12, 12, 30, 40, 14, 50, 24, 30, 30])


def render_xlsx(document: dict[str, Any]) -> bytes:
    book = Workbook()
    _summary(book.worksheets[0], document)
    _rows(book.create_sheet("Rows"), document)
    if document.get("suppliers") is not None:
        _suppliers(book.create_sheet("Suppliers"), document)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

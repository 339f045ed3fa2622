"""The Excel report: a Summary sheet and a Rows sheet, formatted for analysts."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_FILLS = {
    "flagged": PatternFill("solid", fgColor="FDE2E1"),
    "review": PatternFill("solid", fgColor="FEF0C7"),
}
_BOLD = Font(bold=True)


def _header(ws: Worksheet, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
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
    ws["A2"] = f"File: {document['input']['file']}   Run: {document.get('run') or '-'}"
    rows = [
        ("Rows", summary["rows"], None),
        ("Flagged rows", summary["flagged_rows"], None),
        ("Rows for review", summary["review_rows"], None),
        ("Total weight", summary["total_weight"], "0.####"),
        ("Exposed weight", summary["exposed_weight"], "0.####"),
        ("Exposed share", summary["exposed_share"], "0.00%"),
    ]
    for offset, (label, value, fmt) in enumerate(rows, start=4):
        ws.cell(row=offset, column=1, value=label).font = _BOLD
        cell = ws.cell(row=offset, column=2, value=value)
        if fmt:
            cell.number_format = fmt
    line = 12
    for title, key, label in (
        ("By company", "by_company", "caption"),
        ("By list or program", "by_list", "label"),
        ("By category", "by_category", "label"),
        ("By route", "by_route", "label"),
    ):
        ws.cell(row=line, column=1, value=title).font = Font(bold=True, size=12)
        _header(ws, line + 1, ["", "Weight", "Share of portfolio"])
        line += 2
        for item in document["breakdown"][key]:
            ws.cell(row=line, column=1, value=item[label])
            ws.cell(row=line, column=2, value=item["weight"]).number_format = "0.####"
            ws.cell(row=line, column=3, value=item["share"]).number_format = "0.00%"
            line += 1
        line += 1
    _widths(ws, [44, 16, 20])


def _rows(ws: Worksheet, document: dict[str, Any]) -> None:
    rows = document["rows"]
    inputs: list[str] = list(dict.fromkeys(k for r in rows for k in r["input"]))
    extra = [
        "Status",
        "Weight",
        "Exposure",
        "Matched entity",
        "Entity id",
        "Via",
        "Score",
        "Lists",
        "Path",
        "Evidence",
    ]
    _header(ws, 1, inputs + extra)
    for number, row in enumerate(rows, start=2):
        relevant = [m for m in row["matches"] if m["status"] == row["status"]] or row["matches"]
        first = relevant[0] if relevant else None
        values: list[Any] = [row["input"].get(k, "") for k in inputs]
        values += [
            row["status"],
            row["weight"],
            row["exposure"],
            "; ".join(dict.fromkeys(m["caption"] for m in relevant)),
            "; ".join(dict.fromkeys(m["id"] for m in relevant)),
            first["via"] if first else "",
            first["score"] if first else None,
            "; ".join(dict.fromkeys(lb for m in relevant for lb in m["list_labels"])),
            " | ".join(" → ".join(s["caption"] for s in m["path"]) for m in relevant if m["path"]),
            "\n".join(
                f"[{e['confidence']}] {e['publisher']} {e['date']}: {e['url'] or ''}"
                for m in relevant[:1]
                for e in m["evidence"][:3]
            ),
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=number, column=col, value=value)
            if row["status"] in _FILLS:
                cell.fill = _FILLS[row["status"]]
            if col == len(values):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(inputs) + len(extra))}{len(rows) + 1}"
    _widths(ws, [18] * len(inputs) + [10, 10, 10, 36, 22, 10, 8, 30, 40, 60])


def render_xlsx(document: dict[str, Any]) -> bytes:
    book = Workbook()
    _summary(book.worksheets[0], document)
    _rows(book.create_sheet("Rows"), document)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

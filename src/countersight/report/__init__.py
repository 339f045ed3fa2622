"""Reports of a screening: HTML, XLSX and CSV, rendered from the screening document."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from countersight.exc import InputError, mention
from countersight.report.csv_report import render_csv
from countersight.report.facts import tidy_floats
from countersight.report.html import render_html
from countersight.report.suppliers import render_suppliers_csv
from countersight.report.xlsx import render_xlsx

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv", ".json": "json"}


def render(document: Mapping[str, Any], fmt: str) -> bytes:
    if fmt == "html":
        return render_html(document).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(dict(document))
    if fmt == "csv":
        return render_csv(dict(document)).encode("utf-8-sig")  # Excel opens UTF-8 with a BOM
    if fmt == "suppliers-csv":
        if document.get("suppliers") is None:
            raise InputError(
                "a .suppliers.csv report is the per-supplier view of a supplier list or spend "
                f"file; this input was read as holdings (say {mention('kind', 'suppliers')} if it "
                "is one)"
            )
        return render_suppliers_csv(document).encode("utf-8-sig")
    if fmt == "json":
        tidy = tidy_floats(document)
        return json.dumps(tidy, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    raise InputError(f"unknown report format {fmt!r}")


def format_of(path: Path) -> str:
    """The report format a file name asks for; ``NAME.suppliers.csv`` is the per-supplier
    view of a spend file, one line a supplier."""
    if path.name.lower().endswith(".suppliers.csv"):
        return "suppliers-csv"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the report format from {path.name!r}: use .html, .xlsx, .csv, .json "
            "or .suppliers.csv"
        )
    return fmt


def render_all(document: Mapping[str, Any], paths: list[Path]) -> list[tuple[Path, bytes]]:
    """Every report rendered in memory (a failure raises before anything is written)."""
    return [(path, render(document, format_of(path))) for path in paths]


def write_reports(document: Mapping[str, Any], paths: list[Path]) -> None:
    """Render every report first, then write each atomically: all or none appear."""
    rendered = render_all(document, paths)
    for path, data in rendered:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)


__all__ = ["format_of", "render", "render_all", "write_reports"]

"""The CSV report: every input column untouched, then what Countersight found."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from countersight.model.screening import file_line
from countersight.report.cells import csv_safe
from countersight.report.facts import category_labels, datasets_short

EXTRA = (
    "cs_status",
    "cs_weight",
    "cs_exposure",
    "cs_entity",
    "cs_entity_id",
    "cs_via",
    "cs_score",
    "cs_lists",
    "cs_path",
    "cs_evidence_urls",
)
# Beyond the cells Spark writes too: the row key (what `decide` takes), the row's line in
# the file, category titles, and the datasets screened against (the same on every row).
MORE = ("cs_row_key", "cs_source_row", "cs_categories", "cs_screened_against")
NOTE = "cs_note"  # "weight unknown", or why a row was skipped
SOURCE = "cs_file_line"  # a folder screened as one: the file and line of the row (last)


def report_cells(row: Mapping[str, Any]) -> list[Any]:
    """The ``cs_*`` cells of one row (see :data:`EXTRA`), as the CSV report and the Spark
    output write them."""
    relevant = [m for m in row["matches"] if m["status"] == row["status"]] or row["matches"]
    return [
        row["status"],
        "" if row["weight"] is None else row["weight"],
        "" if row["exposure"] is None else row["exposure"],
        "; ".join(dict.fromkeys(m["caption"] for m in relevant)),
        "; ".join(dict.fromkeys(m["id"] for m in relevant)),
        "; ".join(dict.fromkeys(m["via"] for m in relevant)),
        max((m["score"] for m in relevant), default=""),
        "; ".join(dict.fromkeys(lb for m in relevant for lb in m["list_labels"])),
        " | ".join(" > ".join(s["caption"] for s in m["path"]) for m in relevant if m["path"]),
        " ".join(dict.fromkeys(e["url"] for m in relevant for e in m["evidence"] if e["url"])),
    ]


def render_csv(document: dict[str, Any]) -> str:
    """Input columns, then findings; rows skipped as invalid come last with their reason.
    Cells that a spreadsheet would run as formulas are neutralised (:mod:`.cells`)."""
    rows = document["rows"]
    skipped = document["input"].get("skipped", [])
    inputs = list(dict.fromkeys(k for r in [*rows, *skipped] for k in r["input"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    folder = bool(document["input"].get("files"))
    header = [*inputs, *EXTRA, *MORE, NOTE, *([SOURCE] if folder else [])]
    writer.writerow([csv_safe(c) for c in header])
    unknown = document["summary"].get("has_weights", False)
    screened = datasets_short(document)
    for row in rows:
        note = "weight unknown" if unknown and row["weight"] is None else ""
        relevant = [m for m in row["matches"] if m["status"] == row["status"]] or row["matches"]
        categories = "; ".join(dict.fromkeys(c for m in relevant for c in category_labels(m)))
        more = [row["key"], row.get("line", ""), categories, screened]
        cells = [*(row["input"].get(k, "") for k in inputs), *report_cells(row), *more, note]
        if folder:
            cells.append(file_line(row))
        writer.writerow([csv_safe(c) for c in cells])
    for item in skipped:
        blanks = [""] * (len(EXTRA) - 1)
        where = [file_line(item)] if folder else []
        writer.writerow(
            [csv_safe(item["input"].get(k, "")) for k in inputs]
            + ["skipped", *blanks, "", item["line"], "", screened]
            + [csv_safe(f"line {item['line']}: {item['reason']}"), *where]
        )
    return buffer.getvalue()

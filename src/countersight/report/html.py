"""The HTML report: one self-contained page (inline CSS and SVG), readable offline, printable."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from countersight.report.cells import input_notes
from countersight.report.charts import CHART_CSS, exposure_charts
from countersight.report.facts import category_labels, datasets
from countersight.report.suppliers import html_suppliers

_ENV = Environment(
    loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=select_autoescape(["html"]),
)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:,.4g}"


def render_html(document: Mapping[str, Any]) -> str:
    breakdown = document["breakdown"]
    rows = document["rows"]
    suppliers, suppliers_more = html_suppliers(document)
    return _ENV.get_template("report.html").render(
        summary=document["summary"],
        breakdown=breakdown,
        thresholds=document["thresholds"],
        sources=document["sources"],
        list_warnings=document.get("list_warnings", []),
        run=document.get("run"),
        input={"file_name": Path(document["input"]["file"]).name},
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        flagged=[r for r in rows if r["status"] == "flagged"],
        review=[r for r in rows if r["status"] == "review"],
        rejected=[
            (row, finding)
            for row in rows
            for finding in row.get("set_aside", [])
            if finding["status"] == "rejected"
        ],
        charts=exposure_charts(document),
        chart_css=CHART_CSS,
        pct=pct,
        num=num,
        notes=input_notes(document),
        screened=datasets(document),
        labels=category_labels,
        suppliers=suppliers,
        suppliers_more=suppliers_more,
    )

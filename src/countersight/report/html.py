"""The HTML report: one self-contained page (inline CSS and SVG), readable offline, printable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from countersight.report.charts import bar_chart

_ENV = Environment(
    loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=select_autoescape(["html"]),
)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:,.4g}"


def render_html(document: dict[str, Any]) -> str:
    breakdown = document["breakdown"]
    rows = document["rows"]
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
        chart_company=bar_chart(
            [{"label": c["caption"], "share": c["share"]} for c in breakdown["by_company"]],
            "Exposure by company",
        ),
        chart_list=bar_chart(breakdown["by_list"], "Exposure by list or program"),
        chart_category=bar_chart(breakdown["by_category"], "Exposure by category of involvement"),
        pct=pct,
        num=num,
    )

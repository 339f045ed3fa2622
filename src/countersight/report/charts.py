"""Inline SVG bar charts: no JavaScript, no external files, printable."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any


def bar_chart(
    items: list[dict[str, Any]],
    title: str,
    *,
    value_key: str = "share",
    label_key: str = "label",
    limit: int = 10,
    width: int = 640,
) -> str:
    """A horizontal bar chart of ``items`` (each with a label and a share 0..1)."""
    rows = [i for i in items if i.get(value_key) is not None][:limit]
    if not rows:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    top = max(float(i[value_key]) for i in rows) or 1.0
    bar_area = width - 290
    height = 26 * len(rows) + 34
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" class="chart" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for n, item in enumerate(rows):
        y = 30 + n * 26
        value = float(item[value_key])
        length = max(2.0, bar_area * value / top)
        label = str(item.get(label_key, ""))
        short = label if len(label) <= 34 else label[:33] + "…"
        shown = f"{value * 100:.2f}%" if value_key == "share" else f"{value:g}"
        parts.append(f'<text x="0" y="{y + 14}" class="chart-label">{escape(short)}</text>')
        parts.append(
            f'<rect x="220" y="{y}" width="{length:.1f}" height="18" rx="2" '
            f'class="chart-bar"><title>{escape(label)}: {shown}</title></rect>'
        )
        parts.append(
            f'<text x="{226 + length:.1f}" y="{y + 14}" class="chart-value">{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def exposure_charts(breakdown: Mapping[str, Any], counts: bool = False) -> list[str]:
    """The three exposure charts of a screening (by company, by list, by category), as the
    HTML report and the web app both show them; ``counts`` (a file without weights) counts
    flagged rows by company instead of shares."""
    companies = breakdown["by_company"]
    by_company = (
        bar_chart(
            [{"label": c["caption"], "rows": c["rows"]} for c in companies],
            "Rows by company (no weights)",
            value_key="rows",
        )
        if counts
        else bar_chart(
            [{"label": c["caption"], "share": c["share"]} for c in companies],
            "Exposure by company",
        )
    )
    return [
        by_company,
        bar_chart(breakdown["by_list"], "Exposure by list or program"),
        bar_chart(breakdown["by_category"], "Exposure by category of involvement"),
    ]

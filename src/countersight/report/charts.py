"""Bar charts of a screening's exposure, as the HTML report and the web app both show them.

Each chart is an HTML table drawn as bars (no script, no image, printable offline): screen
readers read it as the table it is (a caption, a header row, one row per bar with its value
in words), and a label is text that wraps, so no width truncates it. A chart showing fewer
items than there are says so ("top 10 of 12"). A file without weights gets charts that count
flagged rows, and say so, instead of empty or zero shares. :data:`CHART_CSS` is the one
stylesheet both front ends include.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

LIMIT = 10

CHART_CSS = """
.chart { margin: 0 0 12px; position: relative; }
.chart-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 13px; }
.chart-table caption { text-align: left; font-weight: 600; font-size: 14px; padding: 0 0 4px; }
.chart-table .chart-note { font-weight: 400; color: var(--muted, #667085); font-size: 12px; }
.chart-table thead th { position: absolute; left: 0; top: 0; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; padding: 0; border: 0; }
.chart-table th[scope=row] { width: 42%; font-weight: 400; text-align: left; vertical-align: top;
  padding: 3px 8px 3px 0; border: 0; background: none; overflow-wrap: anywhere; }
.chart-table td { padding: 3px 0; border: 0; vertical-align: top; }
.chart-track { display: inline-block; width: calc(100% - 6.5em); vertical-align: middle; }
.chart-bar { display: block; height: 14px; min-width: 2px; border-radius: 2px;
  background: var(--flag, #b42318); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.chart-value { display: inline-block; width: 6em; padding-left: 0.5em; font-size: 12px;
  color: var(--muted, #667085); white-space: nowrap; }
@media (max-width: 600px) {
  .chart-table th[scope=row], .chart-table td { display: block; width: 100%; padding: 0; }
  .chart-table tr { display: block; padding: 3px 0; }
}
"""


def _shown(value: float, value_key: str) -> str:
    if value_key == "share":
        return f"{value * 100:.2f}%"
    count = int(value)
    return f"{count} row" if count == 1 else f"{count} rows"


def bar_chart(
    items: list[dict[str, Any]],
    title: str,
    *,
    value_key: str = "share",
    label_key: str = "label",
    headers: tuple[str, str] = ("Item", "Share"),
    note: str | None = None,
) -> str:
    """A chart of ``items`` (each with a label and a ``value_key`` value: a share 0..1 or
    a count), largest first as given, at most :data:`LIMIT` of them."""
    usable = [i for i in items if i.get(value_key) is not None]
    rows = usable[:LIMIT]
    notes = [n for n in (note,) if n]
    if len(usable) > len(rows):
        notes.append(f"top {len(rows)} of {len(usable)}")
    if not rows:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    top = max(float(i[value_key]) for i in rows) or 1.0
    caption = escape(title) + (
        f' <span class="chart-note">({escape("; ".join(notes))})</span>' if notes else ""
    )
    parts = [
        f'<figure class="chart"><table class="chart-table"><caption>{caption}</caption>',
        f'<thead><tr><th scope="col">{escape(headers[0])}</th>'
        f'<th scope="col">{escape(headers[1])}</th></tr></thead><tbody>',
    ]
    for item in rows:
        value = float(item[value_key])
        label = str(item.get(label_key, ""))
        parts.append(
            f'<tr><th scope="row" class="chart-label">{escape(label)}</th><td>'
            f'<span class="chart-track" aria-hidden="true"><span class="chart-bar" '
            f'style="width:{max(0.5, 100 * value / top):.1f}%"></span></span>'
            f'<span class="chart-value">{_shown(value, value_key)}</span></td></tr>'
        )
    parts.append("</tbody></table></figure>")
    return "".join(parts)


_CHARTS = (
    ("by_company", "caption", "company", "Company"),
    ("by_list", "label", "list or program", "List or program"),
    ("by_category", "label", "category of involvement", "Category of involvement"),
)


def exposure_charts(document: Mapping[str, Any]) -> list[str]:
    """The three charts of a screening (by company, by list, by category): shares of the
    portfolio or of spend; flagged rows counted when the file has no weights."""
    summary, breakdown = document["summary"], document["breakdown"]
    counts = not summary.get("has_weights", summary.get("total_weight") is not None)
    share_of = summary.get("share_of") or "the portfolio"
    charts = []
    for key, label_key, what, header in _CHARTS:
        if counts:
            charts.append(
                bar_chart(
                    breakdown[key],
                    f"Flagged rows by {what}",
                    value_key="rows",
                    label_key=label_key,
                    headers=(header, "Flagged rows"),
                    note="rows counted: the file has no weights",
                )
            )
        else:
            charts.append(
                bar_chart(
                    breakdown[key],
                    f"Exposure by {what}",
                    label_key=label_key,
                    headers=(header, f"Share of {share_of}"),
                )
            )
    return charts

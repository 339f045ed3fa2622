"""The exposure charts: readable labels, a table for screen readers, the cut said, and rows
counted when the file has no weights."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from countersight.report.charts import bar_chart, exposure_charts

LONG = "Hangzhou Hikvision Digital Technology Company Limited (海康威视数字技术股份有限公司)"


def _document(has_weights: bool, companies: int = 3) -> dict[str, Any]:
    by_company = [
        {
            "id": f"e{n}",
            "caption": LONG if n == 0 else f"Company {n}",
            "weight": 1.0 if has_weights else None,
            "rows": companies - n,
            "share": 0.01 * (companies - n) if has_weights else None,
        }
        for n in range(companies)
    ]
    share = 0.05 if has_weights else None
    return {
        "summary": {"has_weights": has_weights, "share_of": "spend", "total_weight": None},
        "breakdown": {
            "by_company": by_company,
            "by_list": [{"label": "US Entity List", "weight": None, "share": share, "rows": 2}],
            "by_category": [
                {
                    "label": "Facial recognition with ethnicity analytics",
                    "weight": None,
                    "share": share,
                    "rows": 1,
                }
            ],
            "by_route": [],
        },
    }


def _cells(chart: str) -> list[tuple[str, str]]:
    return [
        (unescape(label), unescape(value))
        for label, value in re.findall(
            r'<th scope="row" class="chart-label">(.*?)</th>.*?<span class="chart-value">(.*?)'
            r"</span>",
            chart,
        )
    ]


def test_a_chart_is_a_table_with_full_labels() -> None:
    chart = exposure_charts(_document(True))[0]
    assert "<caption>Exposure by company</caption>" in chart
    assert '<th scope="col">Company</th><th scope="col">Share of spend</th>' in chart
    assert _cells(chart) == [(LONG, "3.00%"), ("Company 1", "2.00%"), ("Company 2", "1.00%")]
    assert "…" not in chart  # nothing is cut: the label wraps instead
    assert 'aria-hidden="true"' in chart  # the bar is drawing only; the value is text


def test_without_weights_the_charts_count_rows_and_say_so() -> None:
    charts = exposure_charts(_document(False))
    assert "Flagged rows by company" in charts[0]
    assert "rows counted: the file has no weights" in charts[0]
    assert _cells(charts[0]) == [(LONG, "3 rows"), ("Company 1", "2 rows"), ("Company 2", "1 row")]
    assert _cells(charts[1]) == [("US Entity List", "2 rows")]
    assert _cells(charts[2]) == [("Facial recognition with ethnicity analytics", "1 row")]
    assert not any("nothing to show" in c for c in charts)


def test_a_cut_chart_says_top_10_of_12() -> None:
    chart = exposure_charts(_document(True, companies=12))[0]
    assert "(top 10 of 12)" in chart
    assert len(_cells(chart)) == 10
    assert "top" not in exposure_charts(_document(True, companies=10))[0]


def test_nothing_to_chart_is_said() -> None:
    assert bar_chart([], "Exposure by list or program") == (
        '<p class="empty">Exposure by list or program: nothing to show.</p>'
    )

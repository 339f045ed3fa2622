"""The HTML report, looked at in headless Chromium: it renders offline and shows its parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from countersight.report import write_reports
from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from tests.browser.conftest import ARTIFACTS
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_report_renders_offline(browser: Any, ctx: Context, tmp_path: Path) -> None:
    document = screen(
        ctx,
        ROOT / "examples" / "portfolio.csv",
        ScreenOptions(holdings=[f"IE000EXMPL08={ROOT / 'examples' / 'fund-holdings.csv'}"]),
    )
    report = tmp_path / "report.html"
    write_reports(document, [report])
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    assert requests == [report.as_uri()]  # nothing else is fetched: it works offline
    assert page.locator(".card .n").first.inner_text() == "6"
    charts = page.locator("figure.chart")
    assert charts.count() == 3
    box = charts.first.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 100
    assert page.locator("table:not(.chart-table)").first.locator("tbody tr").count() == 6
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.pdf()[:4] == b"%PDF"
    page.close()

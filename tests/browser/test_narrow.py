"""The results page on a phone (390 px wide): no sideways scrolling of the page, each row a
card whose Confirm and Reject buttons are on screen and work, chart labels whole at both
widths. A screenshot is saved as tests/artifacts/results-390.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, Server
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
NARROW = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# Chart labels whose text does not fit the box they are drawn in (cut or hidden).
CUT_LABELS = """[...document.querySelectorAll('.chart-label')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().width < 20)
  .map(e => e.textContent)"""


def _sign_in_and_screen(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/web/login")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/web/screenings")
    assert page.evaluate(OVERFLOW) <= 0  # the upload page fits too
    page.set_input_files("#file", str(ROOT / "examples" / "portfolio.csv"))
    # The upload is read once before the job starts: slow on a loaded machine.
    page.get_by_role("button", name="Screen").click(no_wait_after=True)
    page.wait_for_selector("#rows", timeout=180_000)


def _inside(box: dict[str, float] | None, width: int) -> bool:
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_results_at_390_px(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport=NARROW)
    _sign_in_and_screen(page, server)
    page.screenshot(path=str(ARTIFACTS / "results-390.png"), full_page=True)
    assert page.evaluate(OVERFLOW) <= 0, "the page scrolls sideways at 390 px"
    assert page.evaluate(CUT_LABELS) == []
    assert page.locator(".chart-label").count() > 0
    row = page.locator("#rows tr", has_text="YIXIN GROUP LTD")
    confirm = row.get_by_role("button", name=re.compile("^Confirm"))
    reject = row.get_by_role("button", name=re.compile("^Reject"))
    confirm.scroll_into_view_if_needed()
    for button in (confirm, reject):
        expect(button).to_be_visible()
        assert _inside(button.bounding_box(), NARROW["width"]), button.bounding_box()
    confirm.click()  # a real click: nothing covers it
    expect(page.locator("#rows tr", has_text="YIXIN GROUP LTD")).to_have_attribute(
        "data-status", "flagged"
    )
    expect(page.locator("#flagged-count")).to_have_text("6")
    assert page.evaluate(OVERFLOW) <= 0  # still none once the row is swapped in
    page.close()


def test_chart_labels_whole_on_a_wide_screen(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _sign_in_and_screen(page, server)
    assert page.evaluate(CUT_LABELS) == []
    assert page.locator("figure.chart table caption").count() == 3
    assert page.evaluate(OVERFLOW) <= 0
    page.close()

"""The analyst's day in a real browser: sign in, upload, watch it finish, review, download."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import ARTIFACTS, Server
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_upload_review_download(browser: Any, server: Server, tmp_path: Any) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page.goto(f"{server.url}/web/screenings")
    assert "/web/login" in page.url
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/web/screenings")
    page.set_input_files("#file", str(ROOT / "examples" / "portfolio.csv"))
    page.get_by_role("button", name="Screen").click()
    # The progress page polls and reloads itself into the results.
    page.wait_for_selector("#rows", timeout=60_000)
    assert page.locator("#flagged-count").inner_text() == "5"
    page.screenshot(path=str(ARTIFACTS / "results.png"), full_page=True)
    row = page.locator("tr", has_text="YIXIN GROUP LTD")
    assert row.locator(".badge").first.inner_text() == "review"
    row.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    page.reload()
    decision = page.locator("tr", has_text="YIXIN GROUP LTD").locator(".decision")
    assert "confirmed by alice" in decision.inner_text()
    with page.expect_download() as info:
        page.locator("#download-xlsx").click()
    target = tmp_path / "report.xlsx"
    info.value.save_as(str(target))
    book = load_workbook(target)
    assert book.sheetnames == ["Summary", "Rows"]
    page.close()


def test_keyboard_can_reach_the_upload(browser: Any, server: Server) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/web/login")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'")
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/web/screenings")
    page.keyboard.press("Tab")  # skip link first
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.close()

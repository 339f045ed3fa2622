"""The analyst's day in a real browser: sign in, upload, watch it finish, review, download."""

from __future__ import annotations

import re
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

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
    row = page.locator("#rows tr", has_text="YIXIN GROUP LTD")
    assert row.locator(".badge").first.inner_text() == "review"
    row.get_by_role("button", name=re.compile("^Confirm")).click()
    # Confirmed, the look-alike is a match: the row and the counts change in place.
    expect(page.locator("#rows tr", has_text="YIXIN GROUP LTD")).to_have_attribute(
        "data-status", "flagged"
    )
    expect(page.locator("#flagged-count")).to_have_text("6")
    page.reload()
    decision = page.locator("#rows tr", has_text="YIXIN GROUP LTD").locator(".decision")
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


def test_reject_an_ownership_finding_in_place(browser: Any, server: Server) -> None:
    """BGI Group is flagged only through its two listed units (ownership). Rejecting both,
    with a note, under the "flagged" filter: the page asks first, then the row, the counts
    and the exposure change without a reload, and the filter stays."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server.url}/web/login")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/web/screenings")
    page.set_input_files("#file", str(ROOT / "examples" / "portfolio.csv"))
    page.get_by_role("button", name="Screen").click()
    page.wait_for_selector("#rows", timeout=60_000)
    page.select_option("#f-status", "flagged")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=flagged*")
    assert page.locator("#flagged-count").inner_text() == "5"
    assert page.locator("#exposed-share").inner_text() == "6.00%"
    page.evaluate("window.stillTheSamePage = true")
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    row = page.locator("#rows tr", has_text="BGI GROUP")
    expect(row).to_have_attribute("data-status", "flagged")
    ties = row.locator('.candidate.flagged-finding[data-route="ownership"]')
    initial = ties.count()
    for remaining in (initial - 1, initial - 2):
        finding = row.locator('.candidate.flagged-finding[data-route="ownership"]').first
        finding.get_by_role("textbox").fill("units sold in 2024")
        finding.get_by_role("button", name=re.compile("^Reject")).click()
        expect(ties).to_have_count(remaining)
    # BGI Group is itself on DoD 1260H (since 2025-01-07): its row stays flagged.
    expect(row).to_have_attribute("data-status", "flagged")
    expect(page.locator("#flagged-count")).to_have_text("5")
    expect(page.locator("#exposed-share")).to_have_text("6.00%")
    assert len(asked) == 2
    assert all(m.startswith("Reject ") for m in asked)
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    assert "status=flagged" in page.url  # the filter is kept
    row.locator("details.set-aside summary").click()
    assert "rejected by alice" in row.locator(".decision").first.inner_text()
    assert "units sold in 2024" in row.locator(".decision").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "decision-in-place.png"), full_page=True)
    page.remove_listener("dialog", accept)
    page.close()

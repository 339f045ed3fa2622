"""Monitoring in a real browser: keep a finished screening as a watch, a list update adds a
hit, and the digest page names it with the list entry behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from countersight.service import watches
from countersight.service.update import Outcome, UpdateOptions, update_lists
from tests.browser.conftest import ARTIFACTS, Server
from tests.update.conftest import UK_0910, uk_without_bnk

pytestmark = pytest.mark.browser

SUPPLIERS = "Vendor label,Amount\nBNK (UK) Ltd,1200\nOxford Bus Company,300\n"


def _load_uk(server: Server, folder: Path, data: bytes) -> None:
    folder.mkdir(parents=True)
    (folder / "uk.xml").write_bytes(data)
    options = UpdateOptions(source_dir=folder, allow_small=True)
    [result] = update_lists(server.ctx, ["gb_fcdo_sanctions"], options)
    assert result.outcome == Outcome.UPDATED, result.message
    server.ctx.refresh()  # as the server's refresh does: switch to the new index now


def test_monitor_a_screening_and_see_the_new_hit(
    browser: Any, server: Server, tmp_path: Path
) -> None:
    _load_uk(server, tmp_path / "before", uk_without_bnk())
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(SUPPLIERS, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{server.url}/web/login")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/web/screenings")
    page.set_input_files("#file", str(suppliers))
    page.locator("details summary", has_text="Options").click()
    page.fill("#mapping", "name=Vendor label")
    page.get_by_role("button", name="Screen").click()
    page.wait_for_selector("#rows", timeout=60_000)
    assert page.locator("#flagged-count").inner_text() == "0"

    page.get_by_role("button", name="Monitor this screening").click()
    page.wait_for_url("**/web/watches*")
    expect(page.locator(".digest-none")).to_have_text("No change since monitoring began.")

    # The list is updated (BNK (UK) Ltd designated) and the watches re-screened.
    _load_uk(server, tmp_path / "after", UK_0910.read_bytes())
    watches.rescreen_all(server.ctx, "lists updated: gb_fcdo_sanctions")
    page.reload()
    expect(page.locator(".digest-when")).to_contain_text("Changed at the last re-screen")
    hit = page.locator("table.digest-new tr", has_text="BNK (UK) Ltd")
    expect(hit).to_contain_text("record BEL0107")
    expect(hit).to_contain_text("listed 2021-06-21")
    page.screenshot(path=str(ARTIFACTS / "digest.png"), full_page=True)

    # Back on the screening, the button has become a link to the watch.
    page.get_by_role("link", name="the screening it came from").click()
    page.wait_for_selector("#rows", timeout=60_000)
    expect(page.locator("#monitored")).to_contain_text("Monitored as suppliers-")
    expect(page.get_by_role("button", name="Monitor this screening")).to_have_count(0)
    page.close()

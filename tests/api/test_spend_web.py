"""A spend file through the team server: the Suppliers section of the results page and the
suppliers CSV download."""

from __future__ import annotations

import re

from tests.api.conftest import Api, login, wait_done
from tests.conftest import FIXTURES

SPEND = FIXTURES / "spend-year" / "2025-10.csv"  # Windows-1252, a credit note, an unknown amount


def test_results_page_and_download_show_suppliers(api: Api) -> None:
    client = api.client
    assert login(client, "alice", "correct horse battery").status_code == 303
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/web/screenings").text)
    assert token
    files = {"file": ("2025-10.csv", SPEND.read_bytes(), "text/csv")}
    posted = client.post(
        "/web/screenings", files=files, data={"csrf_token": token.group(1)}, follow_redirects=False
    )
    assert posted.status_code == 303
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    assert wait_done(api, job_id, {})["status"] == "done"
    page = client.get(f"/web/screenings/{job_id}").text
    section = page[
        page.index('<section id="suppliers"') : page.index(
            "</section>", page.index('id="suppliers"')
        )
    ]
    assert "2 suppliers: 0 flagged, 0 for review" in section
    # Acme: 250.50 - 50.00 (a credit note); the café: 120.00 and one amount to follow.
    assert "ACME SECURITY INSTALLERS LIMITED" in section
    assert "200.50" in section
    assert "Riverside Café" in section
    assert "+1 unknown" in section
    download = client.get(f"/screenings/{job_id}/report.suppliers.csv", headers=api.viewer)
    assert download.status_code == 200
    assert "text/csv" in download.headers["content-type"]
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("ACME SECURITY INSTALLERS LIMITED,clear,200.5,")
    assert lines[2].startswith("Riverside Café,clear,120.0,")

"""Uploaded workbooks: the worksheet can be chosen, and hostile or broken files are 400 with
one message naming the uploaded file, no job created."""

from __future__ import annotations

import io
import re
from html import unescape

from openpyxl import Workbook

from countersight.store import jobs as jobs_store
from tests.api.conftest import Api, login, wait_done
from tests.screening.xlsx_files import cell, holdings_rows, row, sheet_xml, workbook


def _book() -> bytes:
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Quarterly holdings report"])
    data = book.create_sheet("Holdings Q3")
    data.append(["Security Name", "ISIN", "Weight"])
    data.append(["HANGZHOU HIKVISION DIGITAL TE-A", "CNE100000PM8", 2.5])
    data.append(["TENCENT HOLDINGS LTD", "KYG875721634", 7.5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _post(api: Api, name: str, content: bytes, **data: str):  # type: ignore[no-untyped-def]
    return api.client.post(
        "/screenings",
        headers=api.analyst,
        files={"file": (name, content, "application/octet-stream")},
        data=data,
    )


def test_the_sheet_form_field_picks_a_worksheet(api: Api) -> None:
    response = _post(api, "report.xlsx", _book(), sheet="holdings q3")
    assert response.status_code == 202, response.text
    job = wait_done(api, response.json()["id"], api.viewer)
    assert job["status"] == "done", job
    assert job["result"]["input"]["sheet"] == "Holdings Q3"
    assert job["result"]["summary"]["exposed_share"] == 0.25


def test_an_unknown_sheet_and_hostile_workbooks_are_400(api: Api) -> None:
    before = len(jobs_store.list_jobs(api.ctx.store, limit=1000))
    unknown = _post(api, "report.xlsx", _book(), sheet="9")
    assert unknown.status_code == 400
    assert "no worksheet '9'; the sheets are 'Cover', 'Holdings Q3'" in unknown.json()["detail"]
    rows = [*holdings_rows(), row(4, cell("XFD4", "x"))]
    wide = _post(api, "wide.xlsx", workbook(sheet_xml(rows, "A1:XFD4")))
    assert wide.status_code == 400
    assert "beyond the 1,000-column limit" in wide.json()["detail"]
    broken = _post(api, "broken.xlsx", workbook(sheet_xml(holdings_rows()))[:900])
    assert broken.status_code == 400
    assert "not a readable XLSX workbook" in broken.json()["detail"]
    assert len(jobs_store.list_jobs(api.ctx.store, limit=1000)) == before


def test_the_web_results_page_says_how_the_file_was_read(api: Api) -> None:
    client = api.client
    assert login(client, "alice", "correct horse battery").status_code == 303
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/web/screenings").text)
    assert token
    text = b"Wertpapier;ISIN;Gewichtung (%)\nHangzhou Hikvision;CNE100000PM8;n/a\nTencent;KYG875721634;5,5\n"
    posted = client.post(
        "/web/screenings",
        files={"file": ("fonds.csv", text, "text/csv")},
        data={"csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    assert wait_done(api, job_id, {})["status"] == "done"
    page = " ".join(unescape(client.get(f"/web/screenings/{job_id}").text).split())
    assert "How the file was read" in page
    assert "columns used: 'Wertpapier' → name, 'ISIN' → isin, 'Gewichtung (%)' → weight" in page
    assert '<div class="n" id="exposed-share">unknown</div>' in page
    assert "of the portfolio exposed, plus 1 flagged row(s) of unknown weight" in page

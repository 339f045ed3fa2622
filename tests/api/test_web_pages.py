"""The web app's pages read as people read them: category labels (never keys), recent
screenings with their counts and times, entity pages that lead back to their screening,
and charts that count rows when the file has no weights. The API's human-facing fields
carry the same labels."""

from __future__ import annotations

import re
from html import unescape

from tests.api.conftest import Api, csrf_of, login, wait_done
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
ETHNICITY = "Facial recognition with ethnicity analytics"


def _screen_on_web(api: Api, name: str, content: bytes) -> str:
    assert login(api.client, "alice", PASSWORD).status_code == 303
    posted = api.client.post(
        "/web/screenings",
        files={"file": (name, content, "text/csv")},
        data={"csrf_token": csrf_of(api.client)},
        follow_redirects=False,
    )
    assert posted.status_code == 303, posted.text
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    assert wait_done(api, job_id, {})["status"] == "done"
    return job_id


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_results_show_category_labels_and_link_entities_back(api: Api) -> None:
    job_id = _screen_on_web(
        api, "portfolio.csv", (ROOT / "examples" / "portfolio.csv").read_bytes()
    )
    page = api.client.get(f"/web/screenings/{job_id}").text
    assert ETHNICITY in unescape(page)
    assert "ethnicity-analytics" not in page  # no key anywhere: filters, findings, charts
    assert f"<option >{ETHNICITY}</option>" in unescape(page) or f"<option>{ETHNICITY}" in page
    filtered = api.client.get(f"/web/screenings/{job_id}", params={"category": ETHNICITY}).text
    assert "HANGZHOU HIKVISION" in filtered
    assert "TAIWAN SEMICONDUCTOR" not in filtered
    assert f'href="/web/entities/cs-hikvision?from={job_id}"' in page
    entity = api.client.get(f"/web/entities/cs-hikvision?from={job_id}").text
    back = re.search(r'<a href="([^"]+)" id="back-to-screening">([^<]+)</a>', entity)
    assert back, entity
    assert back.group(1) == f"/web/screenings/{job_id}"
    assert unescape(back.group(2)) == "← Back to the screening of portfolio.csv"
    assert f"Categories of involvement: {ETHNICITY}" in unescape(entity)
    # An unknown screening gives no link, and no error.
    assert "back-to-screening" not in api.client.get("/web/entities/cs-hikvision?from=nope").text


def test_recent_screenings_show_counts_and_readable_times(api: Api) -> None:
    job_id = _screen_on_web(
        api, "portfolio.csv", (ROOT / "examples" / "portfolio.csv").read_bytes()
    )
    summary = api.client.get(f"/screenings/{job_id}", headers=api.viewer).json()["result"][
        "summary"
    ]
    page = api.client.get("/web/screenings").text
    row = re.search(rf'<tr><td><a href="/web/screenings/{job_id}">.*?</tr>', page, re.S)
    assert row, page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert [c.strip() for c in cells[2:5]] == [
        str(summary["rows"]),
        str(summary["flagged_rows"]),
        str(summary["review_rows"]),
    ]
    assert summary["rows"] == 27
    time = re.search(r'<time class="local-time" datetime="([^"]+)">([^<]+)</time>', cells[6])
    assert time, cells[6]
    assert time.group(1).endswith("+00:00")  # the browser turns it into local time
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC", time.group(2))


def test_a_file_without_weights_gets_charts_that_count_rows(api: Api) -> None:
    text = b"Supplier\nHangzhou Hikvision Digital Technology\nZhejiang Dahua Technology\nAcme Ltd\n"
    job_id = _screen_on_web(api, "suppliers.csv", text)
    page = _text(api.client.get(f"/web/screenings/{job_id}").text)
    assert "Flagged rows by company (rows counted: the file has no weights)" in page
    assert "Flagged rows by category of involvement" in page
    assert f"{ETHNICITY} 2 rows" in page
    assert "nothing to show" not in page


def test_the_api_gives_category_labels_beside_their_keys(api: Api) -> None:
    entity = api.client.get("/entities/cs-hikvision", headers=api.viewer).json()
    assert "ethnicity-analytics" in entity["categories"]
    position = entity["categories"].index("ethnicity-analytics")
    assert entity["category_labels"][position] == ETHNICITY
    files = {"file": ("p.csv", (ROOT / "examples" / "portfolio.csv").read_bytes(), "text/csv")}
    posted = api.client.post("/screenings", headers=api.analyst, files=files)
    result = wait_done(api, posted.json()["id"], api.viewer)["result"]
    labels = [c["label"] for c in result["breakdown"]["by_category"]]
    assert ETHNICITY in labels
    assert not any(label == "ethnicity-analytics" for label in labels)
    hik = next(r for r in result["rows"] if r["name"] == "HANGZHOU HIKVISION DIGITAL TE-A")
    assert ETHNICITY in hik["matches"][0]["category_labels"]
